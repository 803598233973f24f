"""prongsai.services.borrowing: what is free (holds over date ranges, countable assets), the checks
of a request against the rules, overdue and reminders, and the yearly summary against a
hand-counted register — with hypothesis for the invariants."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.services import borrowing as b
from prongsai.services.borrowing import Hold, Line, LoanLine, Rules

D0 = date(2027, 1, 1)
RULES = Rules(max_days=7, lead_days=3)


def day(n: int) -> date:
    return D0 + timedelta(n)


# --------------------------------------------------------------------------- availability


def test_holds_cover_their_days_and_open_ended_ones_stay():
    tent_holds = [Hold(day(2), day(4), 6), Hold(day(4), day(5), 3)]
    assert [f for _d, f in b.free_days(10, tent_holds, day(1), day(6))] == [10, 4, 4, 1, 7, 10]
    assert b.free_between(10, tent_holds, day(1), day(6)) == 1
    assert b.free_between(10, tent_holds, day(5), day(6)) == 7
    # out and past due: held until it comes back
    late = b.hold_of(day(-5), day(-2), 50, out=True, today=day(0))
    assert late.end is None and late.covers(day(300))
    assert b.hold_of(day(-5), day(-2), 50, out=False, today=day(0)).end == day(-2)  # approved, never picked up
    assert b.free_between(200, [late], day(10), day(12)) == 150
    assert b.free_on(5, [Hold(day(0), day(0), 9)], day(0)) == 0  # never below nothing


def test_busy_runs():
    runs = b.busy_runs(10, [Hold(day(2), day(4), 6), Hold(day(4), day(5), 3)], day(0), 7)
    assert [(r.start, r.end, r.free) for r in runs] == [(day(2), day(3), 4), (day(4), day(4), 1), (day(5), day(5), 7)]
    assert runs[0].label == "3 ม.ค. 2570 – 4 ม.ค. 2570"
    assert b.busy_runs(10, [], day(0), 30) == []


holds = st.lists(st.builds(lambda s, n, q, open_: Hold(day(s), None if open_ else day(s + n), q),
                           st.integers(-10, 40), st.integers(0, 12), st.integers(1, 60), st.booleans()), max_size=8)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 120), holds, st.integers(-5, 40), st.integers(0, 20))
def test_free_between_is_the_least_free_day(total, hs, start, length):
    first, last = day(start), day(start + length)
    days = b.free_days(total, hs, first, last)
    assert len(days) == length + 1
    assert all(0 <= f <= total for _d, f in days)
    assert b.free_between(total, hs, first, last) == min(f for _d, f in days)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 120), holds, st.integers(-5, 40), st.integers(0, 20), st.integers(0, 5), st.integers(0, 5))
def test_more_holds_or_a_longer_period_never_free_more(total, hs, start, length, before, after):
    period = (day(start), day(start + length))
    base = b.free_between(total, hs, *period)
    assert b.free_between(total, [*hs, Hold(day(start), day(start), 1)], *period) <= base
    assert b.free_between(total, hs, day(start - before), day(start + length + after)) <= base


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 80), holds, st.integers(1, 40))
def test_busy_runs_are_exactly_the_days_not_wholly_free(total, hs, window):
    runs = b.busy_runs(total, hs, day(0), window)
    busy = {d: f for d, f in b.free_days(total, hs, day(0), day(window - 1)) if f < total}
    seen = {}
    for a, c in zip(runs, runs[1:], strict=False):
        assert a.end < c.start
    for run in runs:
        n = run.start
        while n <= run.end:
            seen[n] = run.free
            n += timedelta(1)
    assert seen == busy


# --------------------------------------------------------------------------- the rules of a request


def line(**changes) -> Line:
    values = {"key": "qty", "name": "เต็นท์", "count_unit": "หลัง", "total": 10, "quantity": 2}
    values.update(changes)
    return Line(**values)


@pytest.mark.parametrize(("start", "end", "outside", "field", "words"), [
    (-1, 0, False, "start_on", "ต้องไม่ก่อนวันนี้"),
    (2, 3, True, "start_on", "ล่วงหน้าอย่างน้อย 3 วัน"),
    (366, 366, False, "start_on", "ไม่เกิน 365 วัน"),
    (5, 4, True, "end_on", "ต้องไม่ก่อนวันที่ยืม"),
    (3, 10, True, "end_on", "ไม่เกิน 7 วัน"),
])
def test_dates(start, end, outside, field, words):
    problems = b.check_dates(RULES, day(start), day(end), day(0), outside=outside)
    assert [p.field for p in problems] == [field]
    assert words in problems[0].message


def test_lead_time_is_for_borrowers_from_outside_only():
    assert b.check_dates(RULES, day(0), day(0), day(0), outside=False) == []
    assert b.check_dates(RULES, day(3), day(9), day(0), outside=True) == []  # 7 days, 3 days ahead
    assert b.earliest_start(RULES, day(0), outside=True) == day(3)


def test_an_asset_limit_shorter_than_the_agency_names_the_asset():
    problems = b.check_dates(RULES, day(3), day(4), day(0), outside=True, lines=[line(name="รถบรรทุกน้ำ", max_days=1)])
    assert problems[0].field == "end_on"
    assert "ไม่เกิน 1 วัน" in problems[0].message and "รถบรรทุกน้ำยืมได้ไม่เกิน 1 วัน" in problems[0].message
    assert b.longest(RULES, [line(max_days=30)]) == 7  # the agency's rule is the ceiling


@pytest.mark.parametrize(("changes", "words"), [
    ({"lendable": False}, "งดให้ยืม"),
    ({"quantity": 0}, "อย่างน้อย 1 หลัง"),
    ({"quantity": 11}, "มีทั้งหมด 10 หลัง"),
    ({"quantity": 5, "holds": (Hold(day(4), day(8), 6),)}, "ว่างให้ยืมได้เพียง 4 หลัง"),
    ({"quantity": 1, "holds": (Hold(day(4), None, 10),)}, "ไม่ว่างในช่วงวันที่เลือก"),
])
def test_line_problems(changes, words):
    problems = b.check_line(line(**changes), day(3), day(5))
    assert len(problems) == 1 and problems[0].field == "qty" and words in problems[0].message


def test_nothing_asked_for():
    assert [p.field for p in b.check_request(RULES, [], day(3), day(4), day(0), outside=True)] == ["lines"]


def test_rules_refuse_impossible_settings():
    for bad in ({"max_days": 0, "lead_days": 1}, {"max_days": 91, "lead_days": 1}, {"max_days": 7, "lead_days": 61}):
        with pytest.raises(ValueError):
            Rules(**bad)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 60), holds, st.integers(0, 60), st.integers(-3, 20), st.integers(-2, 10), st.booleans(),
       st.one_of(st.none(), st.integers(1, 10)))
def test_an_accepted_request_fits_every_rule(total, hs, quantity, start, length, outside, own_max):
    today = day(0)
    first, last = day(start), day(start + length)
    asked = line(total=total, quantity=quantity, holds=tuple(hs), max_days=own_max)
    problems = b.check_request(RULES, [asked], first, last, today, outside=outside)
    if not problems:
        assert first >= b.earliest_start(RULES, today, outside=outside) and last >= first
        assert b.loan_days(first, last) <= b.longest(RULES, [asked])
        assert 1 <= quantity <= b.free_between(total, hs, first, last)
    else:
        assert all(p.field in ("start_on", "end_on", "qty") and p.message for p in problems)


# --------------------------------------------------------------------------- overdue and reminders


def test_overdue_and_reminders():
    assert b.is_overdue(b.HANDED_OVER, day(-1), day(0))
    assert not b.is_overdue(b.HANDED_OVER, day(0), day(0))
    assert not b.is_overdue(b.APPROVED, day(-5), day(0))  # never picked up: not out, not overdue
    assert [b.reminder_kind(b.HANDED_OVER, day(n), day(0)) for n in (-3, 0, 1, 2)] == [
        b.OVERDUE, b.DUE_TODAY, b.DUE_TOMORROW, None]
    assert b.reminder_kind(b.RETURNED, day(-3), day(0)) is None
    assert b.days_late(day(-3), day(0)) == 3 and b.days_late(day(3), day(0)) == 0


# --------------------------------------------------------------------------- the yearly summary

FY = 2570  # 1 Oct 2026 – 30 Sep 2027
AS_OF = date(2027, 1, 15)
TENT, CHAIR, SOUND, TRUCK = "020-65-0001 เต็นท์", "010-64-0001 เก้าอี้", "050-63-0003 เครื่องเสียง", "030-60-0001 รถบรรทุกน้ำ"
OFFICE, EDUCATION, WORKS = "สำนักปลัด", "กองการศึกษา", "กองช่าง"


def register() -> list[LoanLine]:
    """A year's register, counted by hand in the tests below."""
    def ll(number, asset, unit, borrower, purpose, status, quantity, start, due, handed=None, returned=None,
           damaged=0, lost=0):
        return LoanLine(number, asset, unit, borrower, purpose, status, quantity, start, due, handed, returned,
                        damaged, lost)

    return [
        # 1: a village event, returned a day late, 2 chairs broken and 1 lost
        ll("1/2570", TENT, OFFICE, b.PUBLIC, b.COMMUNITY, b.RETURNED, 4, date(2026, 11, 1), date(2026, 11, 3),
           date(2026, 11, 1), date(2026, 11, 4)),
        ll("1/2570", CHAIR, OFFICE, b.PUBLIC, b.COMMUNITY, b.RETURNED, 100, date(2026, 11, 1), date(2026, 11, 3),
           date(2026, 11, 1), date(2026, 11, 4), damaged=2, lost=1),
        # 2: out and overdue
        ll("2/2570", CHAIR, OFFICE, b.PUBLIC, b.COMMUNITY, b.HANDED_OVER, 50, date(2027, 1, 5), date(2027, 1, 7),
           date(2027, 1, 5)),
        # 3: staff, on time
        ll("3/2570", SOUND, EDUCATION, b.STAFF, b.OFFICIAL, b.RETURNED, 1, date(2026, 12, 1), date(2026, 12, 2),
           date(2026, 12, 1), date(2026, 12, 2)),
        # 4: another agency, approved, not picked up yet
        ll("4/2570", TENT, OFFICE, b.AGENCY, b.OTHER_AGENCY, b.APPROVED, 6, date(2027, 1, 20), date(2027, 1, 21)),
        # 5: waiting, two assets
        ll("5/2570", TENT, OFFICE, b.PUBLIC, b.COMMUNITY, b.REQUESTED, 3, date(2027, 1, 25), date(2027, 1, 26)),
        ll("5/2570", CHAIR, OFFICE, b.PUBLIC, b.COMMUNITY, b.REQUESTED, 80, date(2027, 1, 25), date(2027, 1, 26)),
        # 6: refused; 7: cancelled
        ll("6/2570", TENT, OFFICE, b.PUBLIC, b.COMMUNITY, b.REFUSED, 10, date(2027, 2, 1), date(2027, 2, 2)),
        ll("7/2570", CHAIR, OFFICE, b.PUBLIC, b.COMMUNITY, b.CANCELLED, 40, date(2027, 2, 10), date(2027, 2, 10)),
        # 8: the water truck, official, returned damaged
        ll("8/2570", TRUCK, WORKS, b.STAFF, b.OFFICIAL, b.RETURNED, 1, date(2026, 12, 10), date(2026, 12, 10),
           date(2026, 12, 10), date(2026, 12, 10), damaged=1),
        # the year before: not counted
        ll("9/2569", TENT, OFFICE, b.PUBLIC, b.COMMUNITY, b.RETURNED, 10, date(2026, 9, 20), date(2026, 9, 21),
           date(2026, 9, 20), date(2026, 9, 21)),
    ]


# (requests, approved, refused, cancelled, lent, quantity, returned, late, overdue, damaged, lost)
HAND_COUNTED = {
    "total": (8, 5, 1, 1, 4, 156, 3, 1, 1, 3, 1),
    TENT: (4, 2, 1, 0, 1, 4, 1, 1, 0, 0, 0),
    CHAIR: (4, 2, 0, 1, 2, 150, 1, 1, 1, 2, 1),
    SOUND: (1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0),
    TRUCK: (1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0),
    OFFICE: (6, 3, 1, 1, 2, 154, 1, 1, 1, 2, 1),
    EDUCATION: (1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0),
    WORKS: (1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0),
    b.STAFF: (2, 2, 0, 0, 2, 2, 2, 0, 0, 1, 0),
    b.PUBLIC: (5, 2, 1, 1, 2, 154, 1, 1, 1, 2, 1),
    b.AGENCY: (1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    b.OFFICIAL: (2, 2, 0, 0, 2, 2, 2, 0, 0, 1, 0),
    b.COMMUNITY: (5, 2, 1, 1, 2, 154, 1, 1, 1, 2, 1),
    b.OTHER_AGENCY: (1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0),
}


def test_the_summary_matches_the_hand_count():
    s = b.summarise(register(), FY, AS_OF)
    assert (s.fiscal_year, s.as_of) == (FY, AS_OF)
    assert s.total.counts == HAND_COUNTED["total"]
    for groups in (s.by_asset, s.by_unit, s.by_borrower, s.by_purpose):
        for g in groups:
            assert g.tally.counts == HAND_COUNTED[g.key], g.key
    assert [g.key for g in s.by_borrower] == [b.STAFF, b.PUBLIC, b.AGENCY]
    assert [g.label for g in s.by_purpose][1] == "งานของชุมชนหรือกิจกรรมสาธารณประโยชน์"
    assert len(b.SUMMARY_HEADER) == len(s.total.counts)


def test_a_past_year_counts_to_its_last_day():
    s = b.summarise(register(), 2569, date(2027, 6, 1))
    assert s.as_of == date(2026, 9, 30)
    assert (s.total.requests, s.total.returned, s.total.quantity) == (1, 1, 10)
    # as of the day before the return, loan 1 was still out (and overdue)
    early = b.summarise(register(), FY, date(2026, 11, 4) - timedelta(1))
    assert (early.total.returned, early.total.overdue, early.total.lent) == (0, 0, 1)
    assert b.summarise([], FY, AS_OF).empty


loan_lines = st.lists(
    st.builds(lambda n, a, borrower, status, q, s, length, back, dmg:
              LoanLine(f"{n}/2570", f"A{a}", f"U{a % 2}", borrower, b.OFFICIAL if borrower == b.STAFF else b.COMMUNITY,
                       status, q, day(s), day(s + length),
                       day(s) if status in b.LENT else None,
                       day(s + length + back) if status == b.RETURNED else None, min(dmg, q) if status == b.RETURNED else 0),
              st.integers(1, 15), st.integers(1, 4), st.sampled_from([b.STAFF, b.PUBLIC, b.AGENCY]),
              st.sampled_from([s for s, _ in b.STATUSES]), st.integers(1, 50), st.integers(-60, 60), st.integers(0, 5),
              st.integers(-1, 4), st.integers(0, 3)),
    max_size=30)


def _consistent(lines: list[LoanLine]) -> list[LoanLine]:
    """One loan is one borrower, one status and one period: the first line of a number decides."""
    first: dict[str, LoanLine] = {}
    out = []
    seen = set()
    for line in lines:
        head = first.setdefault(line.number, line)
        if (line.number, line.asset) in seen:
            continue
        seen.add((line.number, line.asset))
        out.append(LoanLine(line.number, line.asset, line.unit, head.borrower, head.purpose, head.status, line.quantity,
                            head.start, head.due, head.handed_on, head.returned_on,
                            line.damaged if head.status == b.RETURNED else 0))
    return out


@settings(max_examples=150, deadline=None)
@given(loan_lines, st.integers(-30, 90))
def test_summary_invariants(raw, today_offset):
    lines = _consistent(raw)
    today = day(today_offset)
    s = b.summarise(lines, FY, today)
    counted = [line for line in lines if line.start >= date(2026, 10, 1)]
    t = s.total
    assert t.requests == len({line.number for line in counted})
    assert t.approved + t.refused + t.cancelled <= t.requests
    assert t.returned + t.overdue <= t.lent <= t.approved
    assert t.late <= t.returned
    # every loan has one borrower and one purpose: those groups add up to the total
    for groups in (s.by_borrower, s.by_purpose):
        assert tuple(map(sum, zip(*(g.tally.counts for g in groups), strict=True))) == t.counts
    # pieces add up whichever way they are grouped
    for groups in (s.by_asset, s.by_unit):
        for name in ("quantity", "damaged", "lost"):
            assert sum(getattr(g.tally, name) for g in groups) == getattr(t, name)
        assert sum(g.tally.requests for g in groups) >= t.requests


def test_no_private_purpose_exists():
    assert {k for k, _ in b.PURPOSES} == {b.OFFICIAL, b.COMMUNITY, b.OTHER_AGENCY}
    assert not any("ส่วนตัว" in label or "ส่วนตน" in label for _, label in b.PURPOSES)
    assert b.borrower_of(b.OTHER_AGENCY, staff=False) == b.AGENCY
    assert b.borrower_of(b.COMMUNITY, staff=False) == b.PUBLIC
    assert b.borrower_of(b.OFFICIAL, staff=True) == b.STAFF


def test_no_django():
    code = ("import sys; import prongsai.services.borrowing, prongsai.documents.borrowing_rules, "
            "prongsai.documents.borrowing_sheets; "
            "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
