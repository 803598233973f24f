"""The draft measures plan: it answers every weakness, in the agency's own units, inside the
plan's fiscal year, without duplicates, the same every time."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.errors import InputError
from prongsai.ita.analysis import analyse
from prongsai.ita.library import get_framework
from prongsai.ita.results import AgencyResults, ItemResult, YearResult
from prongsai.planning.catalogue import load_units
from prongsai.planning.draft import draft_plan
from prongsai.results_io import read_results
from prongsai.thai import fiscal_year_bounds
from tests.conftest import EXAMPLES, ROOT

SEED_004_FAILED_OIT = ["O1", "O2", "O13", "O15", "O16", "O17", "O18", "O19", "O23", "O29", "O30", "O31",
                       "O33", "O38", "O41", "O42", "O43"]


def plan_for(results: AgencyResults, year: int | None = None):
    analysis = analyse(results, get_framework)
    return draft_plan(results, analysis, year), analysis


def addressed(plan) -> tuple[set[int], set[str]]:
    inds: set[int] = set()
    items: set[str] = set()
    for m in plan.measures:
        inds |= set(m.addresses_indicators)
        items |= set(m.addresses_items)
    return inds, items


@pytest.fixture(scope="module")
def ladya():
    return read_results(EXAMPLES / "ladya-2564.yaml")


@pytest.fixture(scope="module")
def khongyang():
    return read_results(EXAMPLES / "khongyang-2565.yaml")


def test_seed_004_plan_addresses_every_weak_indicator_and_failed_oit_item(ladya):
    plan, _ = plan_for(ladya)
    assert plan.fiscal_year == 2565 and plan.based_on_year == 2564
    inds, items = addressed(plan)
    assert {2, 4, 6, 7, 8, 9, 10} <= inds
    assert set(SEED_004_FAILED_OIT) <= items
    assert 5 <= len(plan.measures) <= 12


def test_seed_004_units_resolve_to_an_obt(ladya):
    plan, _ = plan_for(ladya)
    obt = load_units().agency_types["อบต."]
    names = set(obt.roles.values()) | set(obt.units)
    for m in plan.measures:
        assert m.responsible in names, m.responsible
        for text in (*m.steps, m.follow_up, *m.evidence, m.purpose):
            assert "{unit:" not in text
        assert "กองช่าง" in obt.units


def test_seed_003_plan_addresses_eit_and_failed_oit_items(khongyang):
    plan, _ = plan_for(khongyang)
    inds, items = addressed(plan)
    assert 8 in inds
    assert {"E11", "E12", "E14", "O12", "O17", "O20"} <= items


def test_dates_inside_the_plan_year_and_no_duplicates(ladya, khongyang):
    for results in (ladya, khongyang):
        plan, _ = plan_for(results)
        first, last = fiscal_year_bounds(plan.fiscal_year)
        titles = [m.title for m in plan.measures]
        assert len(titles) == len(set(titles))
        templates = [t for m in plan.measures for t in m.templates]
        assert len(templates) == len(set(templates))
        for m in plan.measures:
            assert first <= m.start <= m.end <= last
            assert len(m.steps) >= 3 and len(set(m.steps)) == len(m.steps)
            assert m.follow_up and m.responsible


def test_deterministic(ladya):
    assert plan_for(ladya)[0].to_json() == plan_for(ladya)[0].to_json()


def test_a_strong_year_still_gets_a_plan():
    results = AgencyResults("อบต.ดีเยี่ยม", YearResult(2567, indicators=dict.fromkeys(range(1, 11), 99.5)))
    plan, analysis = plan_for(results)
    assert analysis.weaknesses == []
    assert plan.measures, "a strong agency keeps the standard with measures too"


def test_agency_units_override_the_book(ladya):
    custom = replace(ladya, units={"finance": "กองคลังและพัสดุ"})
    plan, _ = plan_for(custom)
    text = json.dumps(plan.to_json(), ensure_ascii=False)
    assert "กองคลังและพัสดุ" in text


def test_unknown_role_in_units_is_bad_input(ladya):
    with pytest.raises(InputError, match="units › treasury"):
        plan_for(replace(ladya, units={"treasury": "กองคลัง"}))


def test_plan_year_must_follow_the_result(ladya):
    with pytest.raises(InputError, match="2570"):
        plan_for(ladya, 2570)


@settings(max_examples=60, deadline=None)
@given(year=st.sampled_from([2563, 2564, 2565, 2566, 2567]),
       values=st.lists(st.floats(min_value=30, max_value=100, allow_nan=False), min_size=10, max_size=10),
       failed=st.sets(st.integers(min_value=1, max_value=43), max_size=8))
def test_every_weakness_is_addressed_for_any_result(year, values, failed):
    fw = get_framework(year)
    items = {f"O{n}": ItemResult(f"O{n}", 0.0, "ขาดองค์ประกอบ") for n in failed if f"O{n}" in fw.item_by_code}
    results = AgencyResults("อบต.ทดสอบ", YearResult(year, indicators=dict(enumerate(values, start=1)), items=items),
                            agency_type="อบต.")
    plan, analysis = plan_for(results)
    inds, addressed_items = addressed(plan)
    assert set(analysis.weaknesses) <= inds
    assert set(items) <= addressed_items
    first, last = fiscal_year_bounds(plan.fiscal_year)
    assert all(first <= m.start <= m.end <= last for m in plan.measures)
    assert plan.measures


def test_cli_plan_json_contract():
    out = subprocess.run([sys.executable, "-m", "prongsai.cli", "plan", "examples/ladya-2564.yaml", "--json"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["fiscal_year"] == 2565
    for m in data["measures"]:
        assert set(m) >= {"title", "addresses", "steps", "responsible", "start", "end", "follow_up"}
        assert set(m["addresses"]) == {"indicators", "items"}
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", m["start"]) and m["start"].startswith(("2021", "2022"))


def test_cli_plan_text():
    out = subprocess.run([sys.executable, "-m", "prongsai.cli", "plan", "examples/khongyang-2565.yaml"],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "ร่างมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2566" in out.stdout
    assert "มาตรการที่ 1" in out.stdout
