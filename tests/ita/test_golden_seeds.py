"""Golden tests: published results of real agencies (shared/seeds) reproduce exactly."""

from __future__ import annotations

from prongsai.ita.analysis import Thresholds, analyse
from prongsai.ita.library import get_framework
from prongsai.ita.results import AgencyResults, ItemResult, YearResult
from prongsai.ita.scoring import score
from prongsai.results_io import parse_results, read_results
from tests.conftest import SEED_003, SEED_004


def test_seed_004_total_level_and_weaknesses():
    a = analyse(parse_results(SEED_004), get_framework)
    assert a.total == 75.36
    assert a.level == "B"
    assert a.weaknesses == [2, 4, 6, 7, 8, 9, 10]
    assert a.strengths == []
    assert a.lowest_by_instrument == {"IIT": 2, "EIT": 6, "OIT": 10}
    assert not a.score.checks
    # the seed counts "3 indicators ≥ 85, 7 below"
    assert sum(1 for r in a.indicators if r.status != "weak") == 3


def test_seed_004_unrounded_total_is_the_weighted_sum():
    sc = score(get_framework(2564), parse_results(SEED_004).current)
    assert abs(sc.total - 75.3584) < 1e-9
    assert sc.total_origin == "indicators"


def test_seed_003_total_level_lowest_per_instrument():
    a = analyse(parse_results(SEED_003), get_framework)
    assert a.total == 94.19
    assert a.level == "A"
    assert a.lowest_by_instrument == {"IIT": 2, "EIT": 8, "OIT": 9}
    assert a.strengths == [1, 2, 3, 4, 5, 10]
    assert a.weaknesses == [8]
    assert a.ranking[0].no == 10 and a.ranking[-1].no == 8


def test_example_files_read_with_thai_digits_and_seed_spelling(examples):
    a = analyse(read_results(examples / "ladya-2564.yaml"), get_framework)
    assert a.total == 75.36 and a.level == "B"
    assert a.indicator(4).score == 84.87  # given as "การใช้ทรัพย์สินของทางราชการ" in Thai digits
    assert [i.code for i in a.failed_oit_items][:3] == ["O1", "O2", "O13"]


def _oit_2564(failed: set[str]) -> dict[str, ItemResult]:
    fw = get_framework(2564)
    return {i.code: ItemResult(i.code, 0.0 if i.code in failed else 100.0)
            for i in fw.items_of("OIT")}


def test_indicator_10_from_items_is_mean_of_sub_indicators():
    # 10.1 has 8 items, 6 passed; 10.2 has 2 items, none passed: (75 + 0) / 2 = 37.50
    items = _oit_2564({"O38", "O41", "O42", "O43"})
    sc = score(get_framework(2564), YearResult(2564, items=items))
    assert round(sc.sub_indicators["10.1"], 2) == 75.0
    assert sc.sub_indicators["10.2"] == 0.0
    assert round(sc.indicators[10], 2) == 37.50
    assert sc.indicator_origin[10] == "items"


def test_indicator_9_of_seed_004_is_reproducible_from_items():
    # (7/9, 5/8, 7/7, 4/4, 4/5) → 84.06, not the pooled mean over 33 items
    failed = {"O1", "O2", "O10", "O11", "O12", "O29"}
    sc = score(get_framework(2564), YearResult(2564, items=_oit_2564(failed)))
    assert round(sc.indicators[9], 2) == 84.06


def test_published_total_mismatch_is_reported_not_replaced():
    # seed 004's text gives indicator 1 as 88.40 while its tables say 93.57
    data = {**SEED_004, "indicators": {**SEED_004["indicators"], 1: 88.40}}
    a = analyse(parse_results(data), get_framework)
    assert a.total == 75.05
    [check] = [c for c in a.score.checks if c.subject == "total"]
    assert check.given == 75.36 and check.computed == 75.05


def test_total_within_a_hundredth_matches():
    data = {**SEED_004, "total": 75.37}
    assert not analyse(parse_results(data), get_framework).score.checks


def test_instrument_only_fy2567_with_all_instruments_determines_level():
    r = AgencyResults("ก", YearResult(2567, instruments={"IIT": 96.0, "EIT": 90.0, "OIT": 95.0}))
    a = analyse(r, get_framework)
    assert a.total == round(0.3 * 96 + 0.3 * 90 + 0.4 * 95, 2)
    assert a.level == "ผ่านดี"
    assert a.next_level.level == "ผ่านดีเยี่ยม" and a.next_level.instruments == {"EIT": 5.0}


def test_total_only_fy2567_reports_possible_levels_not_a_guess():
    a = analyse(AgencyResults("ก", YearResult(2567, total=92.43)), get_framework)
    assert a.level is None
    assert a.score.level.possible == ("ผ่านดี", "ผ่าน")


def test_total_only_with_published_level_adopts_it_when_consistent():
    a = analyse(AgencyResults("ก", YearResult(2567, total=92.43, level="ผ่านดี")), get_framework)
    assert a.level == "ผ่านดี" and a.score.level.from_published
    assert not a.score.checks


def test_fy2568_eit_below_85_is_pass_not_good():
    # SAO 2568: 94.64 downgraded to ผ่าน because EIT < 85
    r = AgencyResults("ก", YearResult(2568, instruments={"IIT": 99.0, "EIT": 84.0, "OIT": 99.0}))
    assert analyse(r, get_framework).level == "ผ่าน"


def test_inconsistent_published_level_is_reported():
    data = {**SEED_004, "level": "A"}
    a = analyse(parse_results(data), get_framework)
    assert a.level == "B"
    assert [c.subject for c in a.score.checks] == ["level"]


def test_thresholds_are_settings():
    a = analyse(parse_results(SEED_003), get_framework, Thresholds(pass_mark=90, strength_mark=99))
    assert a.weaknesses == [7, 8]
    assert a.strengths == [1, 10]


def test_previous_years_give_a_trend():
    data = {**SEED_003, "previous": [{k: v for k, v in SEED_004.items() if k not in ("agency", "agency_type")}]}
    a = analyse(parse_results(data), get_framework)
    assert [h.fiscal_year for h in a.history] == [2564]
    change = a.change_since_previous()
    assert change["total"] == round(94.19 - 75.36, 2)
    assert change["indicators"][10] == 62.5
