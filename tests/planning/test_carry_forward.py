"""Start this year from last year: the core rules (dates, basis, coverage, the OIT carry)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from prongsai.planning.carry_forward import (
    CarriedMeasure,
    WeakItem,
    Weakness,
    basis_for,
    carry_checklist,
    check_coverage,
    coverage_lines,
    shift_period,
    shift_year,
    year_mentions,
)
from prongsai.thai import fiscal_year_bounds, fiscal_year_of

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


# --- dates ---------------------------------------------------------------------------------------

def test_a_date_moves_one_year_same_day_and_month():
    assert shift_year(date(2025, 10, 1)) == date(2026, 10, 1)
    assert shift_year(date(2026, 9, 30)) == date(2027, 9, 30)
    assert shift_year(None) is None


def test_29_february_falls_back_to_28_february():
    assert shift_year(date(2024, 2, 29)) == date(2025, 2, 28)
    assert shift_year(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert shift_year(date(2023, 2, 28)) == date(2024, 2, 28)  # not to the 29th


@given(days)
def test_shifted_date_keeps_month_and_day_where_it_can(day):
    moved = shift_year(day)
    assert (moved.year, moved.month) == (day.year + 1, day.month)
    assert moved.day == day.day or (day.month, day.day, moved.day) == (2, 29, 28)
    assert timedelta(days=364) <= moved - day <= timedelta(days=366)


@given(days, days)
def test_shifting_keeps_the_order_of_dates(a, b):
    if a <= b:
        assert shift_year(a) <= shift_year(b)
    start, end = shift_period(min(a, b), max(a, b))
    assert start <= end


@given(days)
def test_a_date_of_one_fiscal_year_lands_in_the_next(day):
    fy = fiscal_year_of(day)
    first, last = fiscal_year_bounds(fy + 1)
    assert first <= shift_year(day) <= last


# --- the basis -------------------------------------------------------------------------------------

def test_basis_is_the_year_before_the_plan():
    basis = basis_for(2570, [2567, 2568, 2569])
    assert (basis.year, basis.missing, basis.note) == (2569, False, "")


def test_a_missing_result_falls_back_to_the_latest_and_says_so():
    basis = basis_for(2570, [2567, 2568, 2571])
    assert (basis.year, basis.missing) == (2568, True)
    assert "ยังไม่มีผลการประเมินปี 2569" in basis.note and "ผลการประเมินปี 2568" in basis.note
    nothing = basis_for(2570, [])
    assert nothing.year is None and "ยังไม่มีผลการประเมินปี 2569" in nothing.note


@given(st.integers(2560, 2580), st.sets(st.integers(2555, 2585), max_size=8))
def test_basis_is_never_a_later_result(plan_year, years):
    basis = basis_for(plan_year, years)
    earlier = {y for y in years if y < plan_year}
    assert basis.year == (max(earlier) if earlier else None)
    assert basis.missing == (plan_year - 1 not in years)


# --- coverage --------------------------------------------------------------------------------------

def test_coverage_finds_open_weaknesses_and_measures_no_longer_needed():
    measures = [CarriedMeasure(1, "เปิดเผยข้อมูล", (9,), ("O12",)), CarriedMeasure(2, "งบประมาณ", (2,)),
                CarriedMeasure(3, "ไม่ระบุ")]
    weaknesses = [Weakness(9, "การเปิดเผยข้อมูล"), Weakness(10, "การป้องกันการทุจริต")]
    items = [WeakItem("O12", "x", 9), WeakItem("O40", "y", 10), WeakItem("I3", "z", 1)]
    cov = check_coverage(measures, weaknesses, items)
    assert [w.no for w in cov.uncovered] == [10]
    assert [i.code for i in cov.uncovered_items] == ["O40", "I3"]
    assert [m.number for m in cov.no_longer_weak] == [2]
    assert [m.number for m in cov.unlinked] == [3]
    lines = coverage_lines(cov, 2569)
    assert any("ตัวชี้วัดที่ 10 การป้องกันการทุจริต" in line for line in lines)
    assert any(line.startswith("มาตรการที่ 2 แก้ไขตัวชี้วัด") and "ไม่เป็นจุดอ่อนแล้ว" in line for line in lines)


def test_nothing_to_say_when_every_weakness_is_covered():
    cov = check_coverage([CarriedMeasure(1, "a", (9, 10))], [Weakness(9, "x"), Weakness(10, "y")])
    assert cov.clean and coverage_lines(cov, 2569) == []


measure_lists = st.lists(st.builds(CarriedMeasure, st.integers(1, 20), st.just("m"),
                                   st.lists(st.integers(1, 10), max_size=3).map(tuple),
                                   st.lists(st.sampled_from(["O1", "O2", "I1", "E1"]), max_size=2).map(tuple)),
                         max_size=6)


@given(measure_lists, st.sets(st.integers(1, 10)))
def test_every_weakness_is_either_addressed_or_listed(measures, weak):
    cov = check_coverage(measures, [Weakness(n, str(n)) for n in sorted(weak)])
    addressed = {n for m in measures for n in m.indicators}
    assert {w.no for w in cov.uncovered} == weak - addressed
    for m in cov.no_longer_weak:
        assert not set(m.indicators) & weak
    for m in measures:
        if set(m.indicators) & weak:
            assert m not in cov.no_longer_weak


# --- texts that still name last year -----------------------------------------------------------------

def test_year_mentions_in_both_digit_sets_but_not_inside_longer_numbers():
    assert year_mentions("รายงานผลภายใน ก.ย. 2569", 2569)
    assert year_mentions("ประจำปีงบประมาณ พ.ศ. ๒๕๖๙", 2569)
    assert not year_mentions("เลขที่ 125690", 2569)
    assert not year_mentions("", 2569)


# --- the OIT checklist ---------------------------------------------------------------------------------

def test_checklist_carry_sorts_every_item():
    previous = {"O1": True, "O2": True, "O3": False, "O4": True, "O5": True, "O6": True}
    counterparts = {"O1": "O1", "O2": "O5", "O3": "O3", "O4": None, "O5": "O5", "O6": "O6"}
    out = carry_checklist(previous, counterparts, ["O1", "O3", "O5", "O6", "O7", "O8"], {"O6"}, 2569,
                          why={"O4": "removed"}, predecessors=["O8"])
    assert out.carry == {"O1": "O1", "O5": "O2"}
    assert [(m.code, m.into, m.taken_from) for m in out.merged] == [("O5", "O5", "O2")]
    assert [(u.code, u.why) for u in out.unmatched] == [("O4", "ไม่มีข้อนี้ในรายการ OIT ปี 2569")]
    assert out.nothing == ["O3"] and out.already == ["O6"]
    assert out.new_items == ["O7"] and out.empty == ["O3", "O8"]


codes = st.sampled_from([f"O{i}" for i in range(1, 12)])


@given(st.dictionaries(codes, st.booleans(), max_size=10), st.dictionaries(codes, st.one_of(st.none(), codes)),
       st.sets(codes), st.sets(codes))
def test_checklist_carry_properties(previous, counterparts, this_year, existing):
    this = sorted(this_year, key=lambda c: int(c[1:]))
    out = carry_checklist(previous, counterparts, this, existing, 2570)
    # each target at most once, only this year's codes, never one already checked
    assert set(out.carry) <= set(this) and not set(out.carry) & existing
    assert len(set(out.carry.values())) == len(out.carry)
    # every one of last year's codes is accounted for exactly once
    placed = (list(out.carry.values()) + [u.code for u in out.unmatched] + [m.code for m in out.merged]
              + out.nothing + [c for c in previous if counterparts.get(c) in out.already])
    assert sorted(placed) == sorted(previous)
    # carried only from checks that hold something
    assert all(previous[c] for c in out.carry.values())
    # this year's items not carried nor checked start empty, each listed once
    rest = [c for c in this if c not in out.carry and c not in existing]
    assert sorted(out.new_items + out.empty) == sorted(rest)
