"""Property tests for scoring invariants, over every year in the library."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.ita.library import available_years, get_framework
from prongsai.ita.model import INSTRUMENTS
from prongsai.ita.results import YearResult
from prongsai.ita.scoring import determine_level, score

YEARS = available_years()
SCORES = st.floats(min_value=0, max_value=100, allow_nan=False, allow_infinity=False)


def ten_scores():
    return st.lists(SCORES, min_size=10, max_size=10)


@pytest.mark.parametrize("year", YEARS)
def test_weights_sum_to_100(year):
    fw = get_framework(year)
    assert fw.has_weights
    assert abs(sum(i.weight for i in fw.indicators) - 100) < 1e-9
    assert abs(sum(i.weight for i in fw.instruments) - 100) < 1e-9


@settings(max_examples=200, deadline=None)
@given(year=st.sampled_from(YEARS), values=ten_scores())
def test_total_stays_within_0_and_100(year, values):
    sc = score(get_framework(year), YearResult(year, indicators=dict(enumerate(values, start=1))))
    assert -1e-9 <= sc.total <= 100 + 1e-9


@settings(max_examples=200, deadline=None)
@given(year=st.sampled_from(YEARS), values=ten_scores(), which=st.integers(1, 10), bump=SCORES)
def test_total_is_monotone_in_every_indicator(year, values, which, bump):
    fw = get_framework(year)
    before = score(fw, YearResult(year, indicators=dict(enumerate(values, start=1)))).total
    raised = list(values)
    raised[which - 1] = max(raised[which - 1], bump)
    after = score(fw, YearResult(year, indicators=dict(enumerate(raised, start=1)))).total
    assert after >= before - 1e-9


@pytest.mark.parametrize("year", YEARS)
def test_level_bands_cover_0_to_100_without_gap_or_overlap(year):
    scheme = get_framework(year).levels
    for hundredths in range(0, 10001):
        total = hundredths / 100
        # with every instrument equal to the total, the rules always decide exactly one level
        outcome = determine_level(scheme, total, dict.fromkeys(INSTRUMENTS, total))
        assert outcome.level is not None, total
        matching = [r for r in scheme.rules if total >= r.min_total
                    and (r.min_each_instrument is None or total >= r.min_each_instrument)]
        assert outcome.level == matching[0].level


@settings(max_examples=300, deadline=None)
@given(year=st.sampled_from(YEARS), total=SCORES,
       inst=st.fixed_dictionaries({c: SCORES for c in INSTRUMENTS}))
def test_a_level_is_always_determined_when_all_instruments_are_known(year, total, inst):
    outcome = determine_level(get_framework(year).levels, total, inst)
    assert outcome.level is not None
    assert outcome.possible == (outcome.level,)


@settings(max_examples=300, deadline=None)
@given(year=st.sampled_from(YEARS), total=SCORES)
def test_total_only_leaves_possible_levels_that_include_every_outcome(year, total):
    scheme = get_framework(year).levels
    open_levels = determine_level(scheme, total, {}).possible
    for each in (0.0, total, 100.0):
        decided = determine_level(scheme, total, dict.fromkeys(INSTRUMENTS, each)).level
        assert decided in open_levels
