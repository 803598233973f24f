"""The survey scoring (prongsai.services.surveys) against a hand-counted fixture, its rounding,
the fiscal-year periods, and invariants checked with hypothesis."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.errors import InputError
from prongsai.services.surveys import (
    Answer,
    Tally,
    fiscal_year_period,
    half_period,
    parse_period,
    periods_of,
    quarter_period,
    summarise,
    template,
)
from tests.services.test_surveys_fixture import ANSWERS, FY, QUESTIONS, REGISTRY, TAX


@pytest.fixture(scope="module")
def summary():
    return summarise(ANSWERS, QUESTIONS, [TAX, REGISTRY], period=FY)


def item(summary, key):
    return next(i for s in summary.overall.sections for i in s.items if i.question.key == key)


def test_items_by_hand(summary):
    expected = {  # key: (n, not applicable, mean, S.D., share)
        "q1": (6, 0, "3.67", "1.51", "66.67"),
        "q2": (5, 1, "3.60", "1.14", "60.00"),
        "q3": (5, 1, "4.20", "0.84", "80.00"),
        "q4": (5, 0, "4.00", "1.22", "80.00"),
    }
    for key, (n, na, mean, sd, share) in expected.items():
        t = item(summary, key).tally
        assert (t.n, t.not_applicable, t.mean, t.sd, t.share) == (n, na, Decimal(mean), Decimal(sd), Decimal(share)), key
        assert item(summary, key).level == "มาก"
    assert [i.number for s in summary.overall.sections for i in s.items] == ["1.1", "1.2", "2.1", "3.1"]


def test_sections_and_total_by_hand(summary):
    process, staff, overall = summary.overall.sections
    assert (process.key, process.number, process.title) == ("process", "1", "ด้านกระบวนการ/ขั้นตอนการให้บริการ")
    assert process.tally.counts == (1, 1, 2, 4, 3)
    assert (process.tally.mean, process.tally.share, process.tally.sd) == (Decimal("3.64"), Decimal("63.64"),
                                                                         Decimal("1.29"))
    assert (staff.tally.mean, overall.tally.mean) == (Decimal("4.20"), Decimal("4.00"))
    whole = summary.overall.tally
    assert whole.counts == (1, 2, 3, 8, 7)
    assert (whole.n, whole.total, whole.mean, whole.share, whole.sd) == (21, 81, Decimal("3.86"), Decimal("71.43"),
                                                                       Decimal("1.15"))
    assert summary.overall.level == "มาก"
    assert summary.respondents == 6
    assert summary.small_sample  # 6 < 30
    assert summary.highest_section().key == "staff"
    assert summary.lowest_section().key == "process"
    assert [i.question.key for i in summary.lowest_items(3)] == ["q2", "q1", "q4"]


def test_services_by_hand(summary):
    tax, registry = summary.by_service
    assert (tax.name, tax.respondents, tax.tally.counts, tax.tally.mean, tax.tally.share) == (
        TAX, 3, (0, 0, 1, 6, 3), Decimal("4.20"), Decimal("90.00"))
    assert (registry.name, registry.respondents, registry.tally.counts, registry.tally.mean, registry.tally.share) == (
        REGISTRY, 3, (1, 2, 2, 2, 4), Decimal("3.55"), Decimal("54.55"))
    assert registry.by_key["process"].tally.counts == (1, 1, 1, 1, 2)


def test_profile_and_comments_by_hand(summary):
    gender, age, kind = summary.profile
    assert gender.label == "เพศ"
    assert [(r.label, r.count, r.share) for r in gender.rows] == [
        ("ชาย", 2, Decimal("33.33")), ("หญิง", 2, Decimal("33.33")), ("อื่น ๆ", 0, Decimal("0.00")),
        ("ไม่ระบุ", 2, Decimal("33.33"))]
    assert [(r.label, r.count) for r in age.rows] == [("ต่ำกว่า 20 ปี", 0), ("20–39 ปี", 1), ("40–59 ปี", 0),
                                                       ("60 ปีขึ้นไป", 1), ("ไม่ระบุ", 4)]
    assert [r.count for r in kind.rows] == [0, 0, 0, 0, 6]
    assert [p.key for p in summary.given_profile] == ["gender", "age_band"]
    assert [(c.answered_on, c.service, c.text) for c in summary.comments] == [
        (date(2026, 10, 5), TAX, "ดีมาก"), (date(2026, 12, 1), REGISTRY, "รอนาน")]  # blank and last year's left out


def test_periods_split_the_year():
    assert summarise(ANSWERS, QUESTIONS, period=half_period(2570, 1)).respondents == 4
    assert summarise(ANSWERS, QUESTIONS, period=half_period(2570, 2)).respondents == 2
    assert [summarise(ANSWERS, QUESTIONS, period=quarter_period(2570, q)).respondents for q in (1, 2, 3, 4)] == \
        [3, 1, 1, 1]
    last_year = summarise(ANSWERS, QUESTIONS, period=fiscal_year_period(2569))
    assert last_year.respondents == 1 and last_year.overall.tally.mean == Decimal("1.00")
    assert last_year.overall.level == "น้อยที่สุด"
    assert summarise(ANSWERS, QUESTIONS).respondents == 7  # no period: every answer


def test_no_answers():
    s = summarise([], QUESTIONS, [TAX], period=FY)
    assert s.empty and not s.small_sample
    assert s.overall.tally.mean is None and s.overall.tally.share is None and s.overall.tally.sd is None
    assert s.overall.level == ""
    assert [g.name for g in s.by_service] == [TAX]
    assert s.highest_section() is None and s.lowest_items() == []
    assert all(r.share is None for p in s.profile for r in p.rows)


def test_rounding_is_half_up_and_the_level_reads_the_printed_mean():
    tpl = template()
    # 101 × 5 + 99 × 4 = 901 over 200 = 4.505 exactly: printed 4.51, so มากที่สุด (a float would print 4.50)
    t = Tally((0, 0, 0, 99, 101))
    assert t.mean_exact == Fraction(901, 200)
    assert t.mean == Decimal("4.51") and tpl.level(t.mean) == "มากที่สุด"
    assert Tally((0, 0, 0, 1, 1)).mean == Decimal("4.50") and tpl.level(Decimal("4.50")) == "มาก"
    for low, high, label in tpl.criteria():
        assert tpl.level(Decimal(low)) == tpl.level(Decimal(high)) == label
    assert tpl.criteria()[0] == ("4.51", "5.00", "มากที่สุด") and tpl.criteria()[-1] == ("1.00", "1.50", "น้อยที่สุด")
    assert Tally((0, 0, 1, 1, 1)).share == Decimal("66.67")  # 2/3


def test_tally_refuses_values_off_the_scale():
    for bad in (0, 6, "5", True, 4.5):
        with pytest.raises(InputError, match="นอกมาตราส่วน"):
            Tally.of([bad])


def test_questions_are_checked():
    from prongsai.services.surveys import Question

    with pytest.raises(InputError, match="ไม่รู้จักด้าน 'parking'"):
        summarise([], [Question("x", "parking", "ที่จอดรถ")])
    with pytest.raises(InputError, match="รหัสซ้ำ"):
        summarise([], [Question("x", "staff", "ก"), Question("x", "staff", "ข")])


def test_periods_parse_and_print():
    assert parse_period("2570") == FY
    assert (FY.start, FY.end, FY.fiscal_year) == (date(2026, 10, 1), date(2027, 9, 30), 2570)
    h1 = parse_period("2570-H1")
    assert (h1.start, h1.end) == (date(2026, 10, 1), date(2027, 3, 31))
    assert h1.label == "ปีงบประมาณ 2570 ครึ่งปีแรก (ต.ค. 2569 – มี.ค. 2570)"
    q4 = parse_period(" 2570-q4 ")
    assert (q4.start, q4.end, q4.label) == (date(2027, 7, 1), date(2027, 9, 30),
                                            "ปีงบประมาณ 2570 ไตรมาสที่ 4 (ก.ค. 2570 – ก.ย. 2570)")
    assert FY.until(date(2026, 12, 1)) == date(2026, 12, 1)
    assert FY.until(date(2028, 1, 1)) == FY.end
    assert FY.until(date(2020, 1, 1)) == FY.start
    for bad in ("", "2570-q5", "2570-h3", "70", "2570/h1", "2026-13", "abcd", "1999", "2570-"):
        with pytest.raises(InputError, match="ไม่รู้จักช่วงเวลา"):
            parse_period(bad)


# --------------------------------------------------------------------------- properties

VALUES = st.one_of(st.none(), st.integers(1, 5), st.just("skip"))
KEYS = [q.key for q in QUESTIONS]


@st.composite
def answers(draw, max_size: int = 40):
    start = date(2026, 10, 1)
    out = []
    for _ in range(draw(st.integers(0, max_size))):
        ratings = {}
        for key in KEYS:
            value = draw(VALUES)
            if value != "skip":
                ratings[key] = value
        out.append(Answer(start + timedelta(days=draw(st.integers(-30, 400))), draw(st.sampled_from([TAX, REGISTRY])),
                          ratings, {"gender": draw(st.sampled_from(["", "male", "female", "other", "bogus"]))},
                          draw(st.sampled_from(["", "ดี", "  "]))))
    return out


@settings(max_examples=80, deadline=None)
@given(answers())
def test_everything_adds_up(given_answers):
    tpl = template()
    s = summarise(given_answers, QUESTIONS, [TAX, REGISTRY], period=FY)
    chosen = [a for a in given_answers if FY.contains(a.answered_on)]
    assert s.respondents == len(chosen) == sum(g.respondents for g in s.by_service)
    items = [i for sec in s.overall.sections for i in sec.items]
    for i in items:
        given = [a.ratings[i.question.key] for a in chosen if i.question.key in a.ratings]
        assert i.tally.n == sum(v is not None for v in given)
        assert i.tally.not_applicable == sum(v is None for v in given)
    for sec in s.overall.sections:
        summed = Tally()
        for i in sec.items:
            summed = summed + i.tally
        assert sec.tally == summed
        rated = [i.tally.mean_exact for i in sec.items if i.tally.n]
        if rated:  # the pooled mean lies between its items' means
            assert min(rated) <= sec.tally.mean_exact <= max(rated)
    whole = Tally()
    for sec in s.overall.sections:
        whole = whole + sec.tally
    assert s.overall.tally == whole
    by_service = Tally()
    for g in s.by_service:
        by_service = by_service + g.tally
    assert by_service == s.overall.tally
    for t, level in [(i.tally, i.level) for i in items] + [(s.overall.tally, s.overall.level)]:
        if t.n:
            assert Decimal("1.00") <= t.mean <= Decimal("5.00")
            assert Decimal("0.00") <= t.share <= Decimal("100.00")
            assert t.satisfied == t.counts[3] + t.counts[4]
            assert level == tpl.level(t.mean) != ""
            assert t.sd is None if t.n < 2 else t.sd >= 0
        else:
            assert t.mean is None and t.share is None and level == ""
    for p in s.profile:
        assert sum(r.count for r in p.rows) == s.respondents
    assert len(s.comments) == sum(1 for a in chosen if a.comment.strip())
    assert s.small_sample == (0 < s.respondents < tpl.small_sample)


@settings(max_examples=60, deadline=None)
@given(answers())
def test_halves_and_quarters_add_up_to_the_year(given_answers):
    year = summarise(given_answers, QUESTIONS, period=FY)
    for parts in ([half_period(2570, 1), half_period(2570, 2)], [quarter_period(2570, q) for q in (1, 2, 3, 4)]):
        summaries = [summarise(given_answers, QUESTIONS, period=p) for p in parts]
        assert sum(x.respondents for x in summaries) == year.respondents
        added = Tally()
        for x in summaries:
            added = added + x.overall.tally
        assert added == year.overall.tally


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=1, max_size=60))
def test_tally_of_equal_or_any_values(values):
    t = Tally.of(values)
    assert t.n == len(values) and t.total == sum(values)
    assert t.mean_exact == Fraction(sum(values), len(values))
    assert abs(float(t.mean) - sum(values) / len(values)) <= 0.005 + 1e-9
    if len(set(values)) == 1 and len(values) > 1:
        assert t.sd == Decimal("0.00")
    assert Tally.of([*values, None, None]).n == t.n  # "not applicable" changes nothing but its count


@settings(max_examples=40, deadline=None)
@given(st.integers(2500, 2700), st.integers(0, 365))
def test_every_day_of_a_year_is_in_one_half_and_one_quarter(year, offset):
    day = fiscal_year_period(year).start + timedelta(days=offset)
    if not fiscal_year_period(year).contains(day):
        return
    periods = periods_of(year)
    assert sum(p.contains(day) for p in periods[1:3]) == 1
    assert sum(p.contains(day) for p in periods[3:]) == 1
    for p in periods:
        assert parse_period(p.key) == p


def test_the_overall_section_is_not_compared_as_a_topic():
    answers = [Answer(date(2026, 10, 5), TAX, {"q1": 3, "q2": 3, "q3": 4, "q4": 5})]
    s = summarise(answers, QUESTIONS, period=FY)
    assert [sec.overall for sec in s.overall.sections] == [False, False, True]
    assert s.highest_section().key == "staff"  # the overall section (5.00) is not a topic
    assert s.lowest_section().key == "process"
    assert s.overall.tally.mean == Decimal("3.75")  # but its ratings count in the whole
