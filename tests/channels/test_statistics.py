from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from prongsai.channels.statistics import Case, Counts, statistics

CATS = [("a", "ก"), ("b", "ข"), ("c", "ค")]


def test_hand_counted_year():
    cases = [
        Case(date(2025, 10, 3), date(2025, 10, 20), "a"),   # Oct: finished
        Case(date(2025, 10, 9), None, "b"),                 # Oct: in progress
        Case(date(2026, 1, 15), date(2026, 5, 1), "b"),     # Jan: finished later
        Case(date(2026, 4, 2), None, "b"),                  # Apr: after the first half
        Case(date(2026, 4, 3), date(2026, 4, 30), "b"),
        Case(date(2025, 9, 30), None, "a"),                 # FY2568: not counted
    ]
    s = statistics(cases, 2569, date(2026, 6, 30), CATS, hide_below=3)
    assert s.months[0].counts == Counts(2, 1)
    assert s.months[3].counts == Counts(1, 1)
    assert s.months[6].counts == Counts(2, 1)
    assert s.first_half == Counts(3, 2) and s.first_half.in_progress == 1
    assert s.year == Counts(5, 3)
    assert s.first_half_over
    assert [m.started for m in s.months] == [True] * 9 + [False] * 3
    # b = 4 is shown; a = 1 goes into the unnamed group (with c = 0, so the group names nothing)
    assert [(x.category, x.count) for x in s.by_category] == [("b", 4)]
    assert s.grouped == 1


def test_a_group_of_one_category_takes_the_smallest_shown_one():
    cats = [("a", "ก"), ("b", "ข")]
    cases = [Case(date(2026, 1, 1), None, "a")] * 5 + [Case(date(2026, 1, 2), None, "b")]
    s = statistics(cases, 2569, date(2026, 9, 30), cats)
    assert s.by_category == [] and s.grouped == 6


def test_finished_counts_as_of_the_day():
    cases = [Case(date(2026, 1, 15), date(2026, 5, 1), "b")]
    assert statistics(cases, 2569, date(2026, 3, 31), CATS).year == Counts(1, 0)
    assert statistics(cases, 2569, date(2026, 5, 1), CATS).year == Counts(1, 1)


def test_no_cases_is_empty():
    s = statistics([], 2570, date(2026, 12, 1), CATS)
    assert s.empty and s.year == Counts(0, 0) and not s.first_half_over


def test_large_counts_are_shown():
    cases = [Case(date(2026, 1, 1), None, "a")] * 5 + [Case(date(2026, 1, 2), None, "b")] * 4
    s = statistics(cases, 2569, date(2026, 9, 30), CATS)
    assert [(x.category, x.count) for x in s.by_category] == [("a", 5), ("b", 4)]
    assert s.grouped == 0


days = st.dates(min_value=date(2025, 10, 1), max_value=date(2026, 9, 30))


@given(st.lists(st.tuples(days, st.one_of(st.none(), st.integers(0, 200)), st.sampled_from("abc")), max_size=60),
       days)
def test_months_add_up_to_the_year_and_hidden_counts_stay_hidden(raw, as_of):
    cases = [Case(r, None if d is None else r + timedelta(days=d), c) for r, d, c in raw]
    s = statistics(cases, 2569, as_of, CATS)
    assert sum((m.counts for m in s.months), Counts()) == s.year
    assert sum((m.counts for m in s.months[:6]), Counts()) == s.first_half
    assert all(m.counts == Counts() for m in s.months if not m.started)
    assert all(0 <= m.counts.finished <= m.counts.received for m in s.months)
    hidden = [x for x in s.by_category if x.count is None]
    assert len(hidden) != 1  # one hidden count alone could be worked out from the total
    assert all(x.count >= 3 for x in s.by_category)
    assert sum(x.count for x in s.by_category) + s.grouped == s.year.received
    left_out = {c for c, _ in CATS} - {x.category for x in s.by_category}
    # the group never stands for one nameable category with cases in it
    assert s.grouped == 0 or len(left_out) >= 2


def test_deadlines_skip_weekends():
    from prongsai.channels.deadlines import add_working_days

    friday = date(2026, 11, 27)
    assert add_working_days(friday, 1) == date(2026, 11, 30)  # Monday
    assert add_working_days(friday, 5) == date(2026, 12, 4)
    assert add_working_days(friday, 0) == friday


@given(st.lists(st.tuples(days, st.one_of(st.none(), st.integers(0, 200)), st.sampled_from("abc")), max_size=60),
       days)
def test_tallies_give_the_same_statistics_as_cases(raw, as_of):
    from prongsai.channels.statistics import Tally, from_tallies

    cases = [Case(r, None if d is None else r + timedelta(days=d), c) for r, d, c in raw]
    tallies = [Tally(c.received, c.category, 1, int(c.finished is not None and c.finished <= as_of))
               for c in cases if c.received <= as_of]
    assert from_tallies(tallies, 2569, as_of, CATS) == statistics(cases, 2569, as_of, CATS)
