"""The E-Service core (prongsai.services.requests): tracking codes as people type them, the field
and step definitions an officer enters (Thai errors naming the row), deadlines, and the service
statistics — a hand-counted fixture and hypothesis properties (months add up to the first half
and the year, types add up to the whole, the database's day-by-day counts give the same result)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.services import requests as core
from prongsai.services.requests import Case, Counts, Tally, from_tallies, statistics

# --------------------------------------------------------------------------- codes


def test_codes_are_unguessable_and_readable():
    codes = {core.new_code() for _ in range(5000)}
    assert len(codes) == 5000
    assert all(len(c) == 10 and set(c) <= set(core.ALPHABET) for c in codes)
    assert not set(core.ALPHABET) & set("0O1IL")
    assert len(core.ALPHABET) ** core.CODE_LENGTH > 2 ** 49
    assert core.grouped("ABCDE23456") == "ABCDE-23456"


@pytest.mark.parametrize("typed", ["ABCDE23456", "abcde23456", "ABCDE-23456", " abcde 23456 ", "ABCDE–23456",
                                   "ABCDE_23456", "ABCDE๒๓๔๕๖", "ฟิแกำ/-ภถุ", "ฤฺฉฏฎ/-ภถุ", "ฟิแกำข/-ภถุ"])
def test_a_code_is_read_as_people_type_it(typed):
    assert core.normalised(typed) == "ABCDE23456"


@pytest.mark.parametrize("typed", ["", None, "ABCDE2345", "ABCDE234567", "ABCDE-2345O", "ABCDE-2345I", "ABCDE-23451",
                                   "ABCDE-23450", "ABCDE/23456", "A" * 41, "สวัสดีครับ"])
def test_what_cannot_be_a_code(typed):
    assert core.normalised(typed) is None


@given(st.text(max_size=60))
def test_normalised_never_fails_and_gives_a_code_or_none(text):
    code = core.normalised(text)
    assert code is None or (len(code) == 10 and set(code) <= set(core.ALPHABET))


@given(st.text(alphabet=core.ALPHABET, min_size=10, max_size=10))
def test_every_code_reads_back_grouped_or_in_lower_case(code):
    assert core.normalised(core.grouped(code)) == code
    assert core.normalised(code.lower()) == code


# --------------------------------------------------------------------------- fields, steps, documents


def test_fields_are_checked_and_blank_rows_skipped():
    specs = core.parse_fields([
        {"label": "  บ้านเลขที่ ", "kind": "text", "required": True},
        {"label": "", "kind": "text", "choices": "", "help": ""},  # a blank row
        {"label": "ใช้น้ำเพื่อ", "kind": "choice", "required": "on", "choices": "อุปโภค\nบริโภค, ทั้งสองอย่าง"},
        {"label": "วันที่", "kind": "date"},
    ])
    assert [s.label for s in specs] == ["บ้านเลขที่", "ใช้น้ำเพื่อ", "วันที่"]
    assert specs[1].choices == ("อุปโภค", "บริโภค", "ทั้งสองอย่าง")
    assert [s.required for s in specs] == [True, True, False]
    assert specs[1].kind_th == "ตัวเลือก"
    assert core.parse_fields([]) == ()


@pytest.mark.parametrize(("rows", "message"), [
    ([{"label": "ก", "kind": "picture"}], "ช่องที่ 1 “ก”: ไม่รู้จักชนิดข้อมูล “picture”"),
    ([{"label": "ประเภท", "kind": "choice", "choices": "หนึ่ง"}], "ต้องมีตัวเลือกอย่างน้อย 2 ตัวเลือก"),
    ([{"label": "ประเภท", "kind": "choice", "choices": "หนึ่ง\nหนึ่ง"}], "มีตัวเลือกซ้ำกัน"),
    ([{"label": "ประเภท", "kind": "choice", "choices": "\n".join(str(n) for n in range(31))}], "ไม่เกิน 30 ตัวเลือก"),
    ([{"label": "ประเภท", "kind": "choice", "choices": "ก" * 101 + "\nข"}], "ไม่เกิน 100 ตัวอักษร"),
    ([{"label": "ที่อยู่", "kind": "long", "choices": "ก\nข"}], "ชนิด “ข้อความยาว” ไม่ใช้ตัวเลือก"),
    ([{"label": "ที่อยู่"}, {"label": "ที่ อยู่"}], "ช่องที่ 2 “ที่ อยู่”: ชื่อช่องซ้ำกับช่องที่ 1"),
    ([{"label": "", "help": "เช่น 12"}], "ช่องที่ 1: กรุณากรอกชื่อช่อง"),
    ([{"label": "ก" * 151}], "ชื่อช่องยาวเกิน 150 ตัวอักษร"),
    ([{"label": "ก", "help": "ข" * 201}], "คำอธิบายยาวเกิน 200 ตัวอักษร"),
    ([{"label": "เบอร์โทรศัพท์"}], "ไม่ต้องเพิ่มช่องนี้"),
    ([{"label": f"ข้อ {n}"} for n in range(21)], "ไม่เกิน 20 ช่อง (มี 21 ช่อง)"),
    (["not a row"], "ช่องที่ 1: ข้อมูลไม่ถูกต้อง"),
])
def test_bad_fields_are_thai_sentences_naming_the_row(rows, message):
    with pytest.raises(core.SpecError) as caught:
        core.parse_fields(rows)
    assert any(message in p for p in caught.value.problems), caught.value.problems


def test_every_problem_is_reported_at_once():
    with pytest.raises(core.SpecError) as caught:
        core.parse_fields([{"label": "", "help": "x"}, {"label": "ก", "kind": "choice"}])
    assert len(caught.value.problems) == 2
    with pytest.raises(core.SpecError):
        core.fields_from_data("not a list")


kinds = st.sampled_from(list(core.KINDS))
labels = st.text(alphabet="กขคงจฉชซญฎ ", min_size=1, max_size=20).map(str.strip).filter(bool)


@given(st.lists(st.tuples(labels, kinds, st.booleans(), st.lists(labels, min_size=2, max_size=5, unique=True)),
                max_size=8, unique_by=lambda t: t[0].replace(" ", "")))
def test_stored_fields_read_back_the_same(rows):
    specs = core.parse_fields([{"label": label, "kind": kind, "required": required,
                                "choices": choices if kind == "choice" else []}
                               for label, kind, required, choices in rows
                               if len({c.replace(" ", "") for c in choices}) == len(choices) or kind != "choice"])
    assert core.fields_from_data([s.as_data() for s in specs]) == specs


def test_steps_and_documents():
    steps = core.parse_steps([{"text": "รับคำขอ", "time": "1 วันทำการ"}, {"text": "", "time": "", "responsible": ""},
                              {"text": "แจ้งผล", "time": "1 วัน", "responsible": "งานธุรการ"}])
    assert steps == (core.StepSpec("รับคำขอ", "", "1 วันทำการ"), core.StepSpec("แจ้งผล", "งานธุรการ", "1 วัน"))
    assert core.steps_from_data([s.as_data() for s in steps]) == steps
    for rows, message in (([], "อย่างน้อย 1 ขั้นตอน"), ([{"text": "รับ"}], "กรุณากรอกระยะเวลา"),
                          ([{"time": "1 วัน"}], "กรุณากรอกรายละเอียด"),
                          ([{"text": "ก" * 301, "time": "1"}], "ยาวเกิน 300"),
                          ([{"text": "ก", "time": "1"}] * 16, "ไม่เกิน 15 ขั้นตอน")):
        with pytest.raises(core.SpecError) as caught:
            core.parse_steps(rows)
        assert any(message in p for p in caught.value.problems)
    assert core.parse_documents("1. สำเนาบัตรประชาชน\n - สำเนาทะเบียนบ้าน\n\n(2) ภาพถ่าย") == \
        ("สำเนาบัตรประชาชน", "สำเนาทะเบียนบ้าน", "ภาพถ่าย")
    assert core.parse_documents("") == ()
    with pytest.raises(core.SpecError, match="ไม่เกิน 20 รายการ"):
        core.parse_documents("\n".join(f"เอกสาร {n}" for n in range(21)))
    assert core.fee_text("  ") == "ไม่มีค่าธรรมเนียม"
    assert core.fee_text("ฉบับละ 10 บาท") == "ฉบับละ 10 บาท"


# --------------------------------------------------------------------------- deadlines


def test_due_days_skip_weekends_and_the_due_day_itself_is_on_time():
    friday = date(2026, 11, 27)
    assert core.due_on(friday, 3) == date(2026, 12, 2)
    due = core.due_on(friday, 3)
    assert core.timeliness(due, due, date(2026, 12, 31)) == core.ON_TIME
    assert core.timeliness(due, due + timedelta(days=1), date(2026, 12, 31)) == core.LATE
    assert core.timeliness(due, None, date(2026, 12, 31)) == core.IN_PROGRESS
    assert core.timeliness(due, due, due - timedelta(days=1)) == core.IN_PROGRESS  # finished after the as-of day
    assert core.days_late(due, None, due + timedelta(days=4)) == 4
    assert core.days_late(due, due + timedelta(days=2), due + timedelta(days=9)) == 2
    assert core.days_late(due, None, due) == 0


# --------------------------------------------------------------------------- statistics

AS_OF = date(2025, 3, 31)  # FY 2568, the end of the first six months
TYPES = [("water", "ขอรับการสนับสนุนน้ำ"), ("tree", "ขอตัดกิ่งไม้"), ("info", "ขอข้อมูลข่าวสาร")]
# By hand: month -> (received, on time, late) as of 31 Mar 2568
#   Oct: water on time, water late, tree open → 3, 1, 1 · Nov: info finished on its due day → 1, 1, 0
#   Dec: tree late → 1, 0, 1 · Jan: water finished 2 Apr (after the as-of day) → 1, 0, 0
#   Mar: water on time, info open → 2, 1, 0 · April: not counted yet · Sep 2567: the previous year
CASES = [
    Case(date(2024, 10, 1), date(2024, 10, 4), date(2024, 10, 3), "water"),
    Case(date(2024, 10, 14), date(2024, 10, 17), date(2024, 10, 21), "water"),
    Case(date(2024, 10, 30), date(2024, 11, 8), None, "tree"),
    Case(date(2024, 11, 4), date(2024, 11, 25), date(2024, 11, 25), "info"),
    Case(date(2024, 12, 2), date(2024, 12, 11), date(2024, 12, 12), "tree"),
    Case(date(2025, 1, 6), date(2025, 1, 9), date(2025, 4, 2), "water"),
    Case(date(2025, 3, 3), date(2025, 3, 6), date(2025, 3, 5), "water"),
    Case(date(2025, 3, 28), date(2025, 4, 18), None, "info"),
    Case(date(2025, 4, 1), date(2025, 4, 4), None, "water"),
    Case(date(2024, 9, 30), date(2024, 10, 3), None, "water"),
]


def test_statistics_by_hand():
    stats = statistics(CASES, 2568, AS_OF, TYPES)
    got = [(m.counts.received, m.counts.on_time, m.counts.late) for m in stats.months]
    assert got == [(3, 1, 1), (1, 1, 0), (1, 0, 1), (1, 0, 0), (0, 0, 0), (2, 1, 0)] + [(0, 0, 0)] * 6
    assert [m.started for m in stats.months] == [True] * 6 + [False] * 6
    assert stats.first_half == stats.year == Counts(8, 3, 2)
    assert stats.year.in_progress == 3
    assert stats.first_half_over and not stats.year_over and not stats.empty
    assert stats.latest_month.start == date(2025, 3, 1)
    water, tree, info = stats.types
    assert (water.label, water.year) == ("ขอรับการสนับสนุนน้ำ", Counts(4, 2, 1))
    assert tree.year == Counts(2, 0, 1)
    assert info.year == Counts(2, 1, 0)
    assert water.months[5] == Counts(1, 1, 0)  # March
    assert stats.year.on_time_percent == pytest.approx(60.0)


def test_no_requests_is_zeros_and_types_without_requests_are_rows_of_zeros():
    stats = statistics([], 2568, AS_OF, TYPES)
    assert stats.empty and stats.year == Counts() and stats.year.on_time_percent is None
    assert [t.year for t in stats.types] == [Counts()] * 3
    # a type found only in the counts follows the listed ones
    stats = from_tallies([Tally(date(2024, 10, 2), "other", 1, 0, 0)], 2568, AS_OF, TYPES)
    assert [t.key for t in stats.types] == ["water", "tree", "info", "other"]


def test_impossible_counts_are_refused():
    with pytest.raises(ValueError):
        from_tallies([Tally(date(2024, 10, 2), "water", 1, 1, 1)], 2568, AS_OF)
    with pytest.raises(ValueError):
        from_tallies([Tally(date(2025, 10, 2), "water", 1, 0, 0)], 2568, AS_OF)


START = date(2024, 10, 1)
cases_strategy = st.lists(
    st.tuples(st.integers(0, 364), st.integers(0, 20), st.one_of(st.none(), st.integers(0, 40)),
              st.sampled_from(["water", "tree", "info"])), max_size=60)


def _cases(rows) -> list[Case]:
    return [Case(START + timedelta(days=r), START + timedelta(days=r + d), None if f is None else
                 START + timedelta(days=r + f), t) for r, d, f, t in rows]


@settings(max_examples=80, deadline=None)
@given(cases_strategy, st.integers(-5, 400))
def test_months_add_up_to_the_first_half_and_the_year_and_types_to_the_whole(rows, as_of_offset):
    as_of = START + timedelta(days=as_of_offset)
    stats = statistics(_cases(rows), 2568, as_of, TYPES)
    assert sum((m.counts for m in stats.months), Counts()) == stats.year
    assert sum((m.counts for m in stats.months[:6]), Counts()) == stats.first_half
    assert sum((t.year for t in stats.types), Counts()) == stats.year
    assert sum((t.first_half for t in stats.types), Counts()) == stats.first_half
    for t in stats.types:
        assert sum(t.months, Counts()) == t.year
    for m in stats.months:
        c = m.counts
        assert 0 <= c.on_time + c.late <= c.received and c.in_progress >= 0
        if not m.started:
            assert c == Counts()
    counted = [c for c in _cases(rows) if c.received <= as_of]
    assert stats.year.received == len(counted)
    states = Counter(core.timeliness(c.due, c.finished, as_of) for c in counted)
    assert (stats.year.on_time, stats.year.late, stats.year.in_progress) == \
        (states[core.ON_TIME], states[core.LATE], states[core.IN_PROGRESS])


@settings(max_examples=60, deadline=None)
@given(cases_strategy, st.integers(0, 364))
def test_the_databases_day_by_day_counts_give_the_same_statistics(rows, as_of_offset):
    """What the web does: counts grouped by day and type (as GROUP BY received_on, type with a
    filtered COUNT), added up by month in Python."""
    as_of = START + timedelta(days=as_of_offset)
    cases = [c for c in _cases(rows) if c.received <= as_of]
    groups: dict[tuple[date, str], list[int]] = {}
    for c in cases:
        g = groups.setdefault((c.received, c.type_key), [0, 0, 0])
        state = core.timeliness(c.due, c.finished, as_of)
        g[0] += 1
        g[1] += state == core.ON_TIME
        g[2] += state == core.LATE
    from_db = from_tallies([Tally(d, t, *g) for (d, t), g in groups.items()], 2568, as_of, TYPES)
    assert from_db == statistics(cases, 2568, as_of, TYPES)
