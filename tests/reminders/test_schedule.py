"""prongsai.reminders.schedule: which reminders are due on a day, from plain facts."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai import tracking
from prongsai.reminders import AgencyFacts, MeasureFact, OitFact, default_rules, due_on
from prongsai.reminders.schedule import ALL_STAFF, STAFF, UNIT, current, occasions, oit_window, report_due

RULES = default_rules()
END = date(2027, 3, 31)  # FY2570


def facts(**extra: object) -> AgencyFacts:
    base = {"agency_id": 7, "name": "องค์การบริหารส่วนตำบลลาดหญ้า"}
    return AgencyFacts(**{**base, **extra})  # type: ignore[arg-type]


def measure(end: date = END, status: str | None = None, unit: int | None = 3, for_all: bool = False) -> MeasureFact:
    return MeasureFact("lin-1", "ประกาศเจตจำนงสุจริตของผู้บริหาร", end, status, unit, for_all)


def test_a_measure_is_reminded_14_and_3_days_before_on_the_day_then_weekly():
    f = facts(measures=(measure(),))
    sent = {d: [r.key.rsplit(":", 1)[1] for r in due_on(f, d)] for d in
            (END - timedelta(14), END - timedelta(13), END - timedelta(3), END, END + timedelta(7), END + timedelta(14))}
    assert list(sent.values()) == [["before-14"], ["before-14"], ["before-3"], ["day"], ["after-7"], ["after-14"]]
    # a quiet day between occasions (past the catch-up days) has nothing
    assert due_on(f, END - timedelta(8)) == []
    r = due_on(f, END - timedelta(14))[0]
    assert r.subject == 'มาตรการ "ประกาศเจตจำนงสุจริตของผู้บริหาร" จะครบกำหนดในอีก 14 วัน (31 มีนาคม 2570)'
    assert (r.audience, r.unit_id, r.due) == (UNIT, 3, END)
    assert "องค์การบริหารส่วนตำบลลาดหญ้า" in r.body and 'เมนู "ติดตามผล"' in r.body


def test_a_day_made_up_late_says_how_it_stands_that_day():
    f = facts(measures=(measure(),))
    late = due_on(f, END + timedelta(1))
    assert [r.key.rsplit(":", 1)[1] for r in late] == ["day"]
    assert "เลยกำหนดแล้ว 1 วัน" in late[0].subject


def test_done_measures_and_measures_without_an_end_remind_nobody():
    assert due_on(facts(measures=(measure(status=tracking.DONE),)), END) == []
    assert due_on(facts(measures=(MeasureFact("x", "ไม่มีกำหนด", None, None, None),)), END) == []


def test_a_measure_for_every_unit_or_none_goes_to_the_staff():
    for m in (measure(unit=None), measure(for_all=True)):
        [r] = due_on(facts(measures=(m,)), END)
        assert (r.audience, r.unit_id) == (STAFF, None)


def test_overdue_reminders_stop_after_the_rules_say():
    f = facts(measures=(measure(),))
    last = RULES.measure.after_for_days
    assert due_on(f, END + timedelta(last))
    assert due_on(f, END + timedelta(last + 7)) == []


def test_reports_follow_the_plans_deadlines():
    assert report_due(2570, "6-month") == date(2027, 4, 30)  # ภายในเดือนเมษายน
    assert report_due(2570, "year-end") == date(2027, 10, 31)  # ภายในเดือนตุลาคม after the year
    f = facts(report_years=(2570,))
    [r] = due_on(f, date(2027, 4, 16))
    assert r.key == "report:7:2570:6-month:before-14" and r.audience == ALL_STAFF
    assert r.subject.startswith("รายงานผลการดำเนินการตามมาตรการ รอบ 6 เดือน ปีงบประมาณ 2570")
    [r] = due_on(f, date(2027, 10, 31))
    assert r.key == "report:7:2570:year-end:day"


def test_oit_items_to_refresh_go_to_their_unit_before_the_window():
    items = (OitFact("O1", "โครงสร้าง", "partial", None, "none", unit_id=3),
             OitFact("O2", "ผู้บริหาร", "done", date(2026, 11, 1), "none", unit_id=3),
             OitFact("O11", "แผนดำเนินงานประจำปี", "done", date(2026, 9, 1), "current_fy"),
             OitFact("O12", "รายงานการกำกับติดตาม", "done", date(2026, 12, 1), "first_half", stale=True),
             OitFact("O13", "รายงานผล", "done", date(2026, 12, 1), "current_fy"))
    f = facts(oit_year=2570, oit_items=items, oit_window=("04-01", "06-30"))
    found = due_on(f, date(2027, 3, 2))
    assert [(r.audience, r.unit_id) for r in found] == [(UNIT, 3), (STAFF, None)]
    assert "O1 โครงสร้าง (มีแต่ไม่ครบองค์ประกอบ)" in found[0].body and "O2" not in found[0].body
    assert "1 ข้อ" in found[0].subject and "2 ข้อ" in found[1].subject
    assert "O11" in found[1].body and "O12" in found[1].body and "O13" not in found[1].body
    # during the window weekly, and nothing once it has closed
    assert due_on(f, date(2027, 4, 8))
    assert due_on(f, date(2027, 7, 1)) == []


def test_the_oit_window_comes_from_the_settings_or_the_rules():
    assert oit_window(2570, ("04-01", "06-30")) == (date(2027, 4, 1), date(2027, 6, 30))
    assert oit_window(2570, ("11-15", "12-31")) == (date(2026, 11, 15), date(2026, 12, 31))
    assert oit_window(2570, ("ไม่ใช่", "06-30")) is None
    items = (OitFact("O1", "โครงสร้าง", "todo", None, "none"),)
    assert due_on(facts(oit_year=2570, oit_items=items, oit_window=("", "")), date(2027, 4, 1))  # default 04-01
    assert due_on(facts(oit_year=2570, oit_items=items, oit_window=("05-01", "06-30")), date(2027, 4, 10)) == []


# --- properties --------------------------------------------------------------------------------

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))
statuses = st.sampled_from([None, *tracking.STATES])


@given(end=days, offset=st.integers(-120, 200), status=statuses)
def test_at_most_one_occasion_per_deadline_and_overdue_follows_due(end, offset, status):
    today = end + timedelta(offset)
    found = due_on(facts(measures=(measure(end=end, status=status),)), today)
    assert len(found) <= 1
    for r in found:
        assert r.on <= today
        if ":after-" in r.key:
            assert r.on > r.due and today > r.due
        else:
            assert r.on <= r.due


@settings(max_examples=60)
@given(end=days, status=statuses)
def test_a_key_is_due_on_one_run_of_days_and_never_comes_back(end, status):
    f = facts(measures=(measure(end=end, status=status),), report_years=(2570,))
    seen: dict[str, list[date]] = {}
    day = end - timedelta(40)
    while day <= end + timedelta(120):
        keys = [r.key for r in due_on(f, day)]
        assert len(keys) == len(set(keys))
        for key in keys:
            seen.setdefault(key, []).append(day)
        day += timedelta(1)
    for key, on in seen.items():
        assert (on[-1] - on[0]).days == len(on) - 1, key  # contiguous
        assert len(on) <= RULES.catch_up_days + 1


@given(deadline=days, today=days)
def test_current_is_one_of_the_occasions(deadline, today):
    found = current(deadline, RULES.measure, today, RULES.catch_up_days)
    if found is not None:
        assert found in occasions(deadline, RULES.measure)
        assert found.on <= today <= found.on + timedelta(RULES.catch_up_days)
