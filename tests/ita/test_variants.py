"""Sector variants, carried years, disagreeing sources, inferred groupings and what changed between
two years (issue 10, parts 2, 3, 6 and 7), on frameworks written to a folder of extras so the
tests do not depend on the built-in files' current content."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from prongsai.errors import InputError
from prongsai.ita.changes import compare, parse_key
from prongsai.ita.library import BUILTIN_DIR, Library
from prongsai.ita.model import Framework, unknown_note
from prongsai.ita.results import ItemResult, YearResult
from prongsai.ita.scoring import score
from prongsai.results_io import parse_results

SOURCE = yaml.safe_load((BUILTIN_DIR / "ita-2567.yaml").read_text(encoding="utf-8"))


def write(folder: Path, data: dict) -> Path:
    path = folder / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def variant_of(year: int, variant: str | None = None, **changes: object) -> dict:
    data = {**SOURCE, "fiscal_year": year, "id": Framework.key_id(year, variant), **changes}
    if variant:
        data.update(variant=variant, variant_name="สถานศึกษาทดสอบ")
    return data


def oit(data: dict) -> list[dict]:
    return [i for i in data["items"] if i["instrument"] == "OIT"]


def test_a_variant_is_its_own_file_beside_the_general_one(tmp_path: Path) -> None:
    write(tmp_path, variant_of(2567, "ovec", items=oit(SOURCE)[:5]))
    lib = Library([tmp_path])
    assert lib.variants(2567) == ["ovec"] and (2567, "ovec") in lib.keys
    assert len(lib.get(2567, "ovec").items) == 5 and len(lib.get(2567).items) == len(SOURCE["items"])
    assert lib.get(2567, "ovec").label == "ปี 2567 สถานศึกษาทดสอบ"


def test_a_variant_needs_its_name_and_a_matching_id(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="variant_name"):
        Framework.model_validate({**variant_of(2567, "ovec"), "variant_name": None})
    with pytest.raises(ValueError, match="id must be ita-2567-ovec"):
        Framework.model_validate({**variant_of(2567, "ovec"), "id": "ita-2567"})


def test_disagreeing_sources_are_carried_both_and_one_is_picked(tmp_path: Path) -> None:
    items = oit(SOURCE)[:3]
    items[0] = {**items[0], "confidence": "CONFLICT", "alternatives": [
        {"reading": "second", "name": "ชื่อตามแหล่งที่สอง", "components": ["องค์ประกอบอื่น"], "confidence": "C1"}]}
    data = variant_of(2567, "ovec", items=items, readings=[{"id": "first", "name": "ตามแหล่งแรก"},
                                                        {"id": "second", "name": "ตามแหล่งที่สอง"}])
    fw = Framework.model_validate(data)
    assert fw.items[0].name == items[0]["name"]
    second = fw.with_reading("second")
    assert second.items[0].name == "ชื่อตามแหล่งที่สอง" and second.items[0].components == ("องค์ประกอบอื่น",)
    assert second.item_by_code[items[0]["code"]].name == "ชื่อตามแหล่งที่สอง"
    assert fw.with_reading("first") is fw and fw.with_reading("nobody") is fw
    with pytest.raises(ValueError, match="CONFLICT"):
        Framework.model_validate({**data, "items": [{**items[0], "confidence": "C1"}, *items[1:]]})


def test_a_results_file_names_its_variant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, variant_of(2567, "ovec", items=oit(SOURCE)[:5]))
    lib = Library([tmp_path])
    monkeypatch.setattr("prongsai.ita.library.library", lambda: lib)
    monkeypatch.setattr("prongsai.results_io.library", lambda: lib)
    base = {"agency": "วิทยาลัยเทคนิคทดสอบ", "fiscal_year": 2567, "indicators": {n: 90 for n in range(1, 11)}}
    found = parse_results({**base, "variant": "OVEC", "items": {"O1": 100}})
    assert found.variant == "ovec"
    with pytest.raises(InputError, match="ไม่พบกรอบเฉพาะกลุ่ม 'obec'") as refused:
        parse_results({**base, "variant": "obec"})
    assert "ovec" in str(refused.value.expected)
    with pytest.raises(InputError, match="ไม่มีกรอบเฉพาะกลุ่ม 'ovec' ของปีงบประมาณ 2566"):
        parse_results({**base, "fiscal_year": 2566, "variant": "ovec"})
    # the variant's item list applies: an item only the general framework has is refused
    with pytest.raises(InputError):
        parse_results({**base, "variant": "ovec", "items": {"O40": 100}})


def test_oit_indicators_from_an_inferred_grouping_are_estimates() -> None:
    fw = Framework.model_validate({**SOURCE, "oit_rollup": "mean_of_sub_indicators", "oit_rollup_confidence": "INF"})
    result = YearResult(2567, indicators={n: 90.0 for n in range(1, 9)},
                        items={i.code: ItemResult(i.code, 100.0) for i in fw.items_of("OIT")})
    sc = score(fw, result)
    assert sc.indicator_origin[9] == sc.indicator_origin[10] == "estimate"
    assert any("ค่าประมาณการ" in n for n in sc.notes)
    confirmed = Framework.model_validate({**SOURCE, "oit_rollup": "mean_of_sub_indicators",
                                          "oit_rollup_confidence": "C2"})
    if all(i.grouping_confidence in ("C1", "C2") for i in confirmed.items_of("OIT")):
        assert score(confirmed, result).indicator_origin[9] == "items"


def test_a_carried_year_says_so_and_maps_code_for_code(tmp_path: Path) -> None:
    carried = variant_of(2570, carried_from=2567)
    write(tmp_path, carried)
    lib = Library([tmp_path])
    fw = lib.get(2570)
    assert "ใช้รายการและข้อความของปี 2567" in fw.notice
    assert fw.notice in score(fw, YearResult(2570, indicators={n: 90.0 for n in range(1, 11)})).notes
    assert lib.successors(2570, "O3")[2567] == "O3" and lib.successors(2567, "O3")[2570] == "O3"
    assert compare(lib, (2567, None), (2570, None)) == []


def test_what_changed_between_two_years(tmp_path: Path) -> None:
    items = oit(SOURCE)
    new_items = [{**items[0], "name": "ชื่อใหม่ของข้อแรก"}, {**items[2], "code": "O2"},
                 {**items[3], "code": "O30", "name": "ข้อใหม่ทั้งหมด"}]
    write(tmp_path, variant_of(2571, items=new_items))
    (tmp_path / "crosswalk-2571.yaml").write_text(yaml.safe_dump({
        "id": "crosswalk-2571", "version": "test", "links": [
            {"concept": "first", "ids": ["ita-2567:O1", "ita-2571:O1"], "confidence": "C1"}]},
        allow_unicode=True), encoding="utf-8")
    lib = Library([tmp_path])
    changes = {(c.kind, c.old_code, c.new_code) for c in compare(lib, (2567, None), (2571, None))}
    assert ("renamed", "O1", "O1") in changes
    assert ("renumbered", "O3", "O2") in changes  # the same name under another number
    assert ("added", None, "O30") in changes
    assert ("removed", "O2", None) in changes
    assert parse_key("๒๕๗๑", lib) == (2571, None)
    with pytest.raises(ValueError, match="ไม่มีกรอบการประเมิน '2580'"):
        parse_key("2580", lib)


def test_a_list_says_once_that_texts_are_unknown() -> None:
    fw = Framework.model_validate(SOURCE)
    iit = fw.items_of("IIT")
    if all(not i.known for i in iit):
        note = unknown_note(iit)
        assert note.count("ไม่มีข้อมูลข้อคำถาม") == 1 and iit[0].code in note
        assert all("ไม่มีข้อมูลข้อคำถาม" not in i.label for i in iit)
    assert unknown_note([i for i in fw.items_of("OIT") if i.known]) is None


def test_the_excel_form_says_once_per_instrument_that_texts_are_unknown(tmp_path: Path) -> None:
    import openpyxl

    from prongsai.ita.library import get_framework
    from prongsai.results_io import read_results
    from prongsai.results_template import write_template

    fw = get_framework(2567)
    path = write_template(fw, tmp_path / "form.xlsx", {"agency": "องค์การบริหารส่วนตำบลทดสอบ"})
    cells = [str(c.value) for row in openpyxl.load_workbook(path).active.iter_rows() for c in row if c.value]
    unknown = [i for i in fw.items if not i.known]
    instruments = {i.instrument for i in unknown}
    assert sum("ไม่มีข้อมูลข้อคำถาม" in c for c in cells) == len(instruments)
    # the note rows are not read back as scores: the blank form is still a valid (empty) file
    try:
        read_results(path)
    except Exception as exc:  # noqa: BLE001 (only the "no scores" refusal is expected)
        assert "ไม่มีข้อมูลข้อคำถาม" not in str(exc)


def test_a_2569_item_level_oit_input_gives_indicators_9_and_10_as_estimates() -> None:
    from prongsai.ita.analysis import analyse
    from prongsai.ita.library import get_framework

    fw = get_framework(2569)
    items = {i.code: (0 if i.code in ("O3", "O21") else 100) for i in fw.items_of("OIT")}
    results = parse_results({"agency": "องค์การบริหารส่วนตำบลทดสอบ", "fiscal_year": 2569,
                             "indicators": {n: 90 for n in range(1, 9)}, "items": items})
    analysis = analyse(results, get_framework)
    rows = {r.no: r for r in analysis.indicators}
    assert rows[9].origin == rows[10].origin == "estimate"
    assert 0 < rows[9].score < 100 and 0 < rows[10].score < 100
    assert any("ค่าประมาณการ" in n for n in analysis.score.notes)


def test_a_vocational_college_is_analysed_and_planned_by_its_own_list() -> None:
    from prongsai.ita.analysis import analyse
    from prongsai.ita.library import get_framework
    from prongsai.planning.draft import draft_plan

    ovec = get_framework(2569, "ovec")
    assert len(ovec.items_of("OIT")) == 23
    items = {i.code: (0 if i.code in ("O12", "O22") else 100) for i in ovec.items_of("OIT")}
    results = parse_results({"agency": "วิทยาลัยเทคนิคทดสอบ", "agency_type": "สถานศึกษา", "variant": "ovec",
                             "fiscal_year": 2569, "indicators": {n: 92 for n in range(1, 9)}, "items": items,
                             "previous": [{"fiscal_year": 2567, "indicators": {n: 80 for n in range(1, 11)}}]})
    analysis = analyse(results, get_framework)
    assert analysis.framework.id == "ita-2569-ovec"
    failed = {i.code: i.label for i in analysis.failed_oit_items}
    assert failed["O12"] == ovec.item_by_code["O12"].name  # the college's own O12, not the general one
    plan = draft_plan(results, analysis)
    assert plan.measures
    # the catalogue's OIT codes are the general framework's: none is claimed for a college
    assert all(not m.oit_items for m in plan.measures)
    assert all(not any(c.startswith("O") for c in m.addresses_items) for m in plan.measures)


def test_a_plan_lists_the_oit_items_of_its_own_year() -> None:
    """A 2567 result drafted for 2568: the catalogue's 2567 codes become 2568's, or are left out."""
    from prongsai.ita.analysis import analyse
    from prongsai.ita.library import get_framework
    from prongsai.planning.draft import draft_plan
    from prongsai.results_io import read_results

    results = read_results(Path(__file__).resolve().parents[2] / "examples" / "agency-types" / "nonthaburi-2567.yaml")
    plan = draft_plan(results, analyse(results, get_framework))
    codes = {c for m in plan.measures for c in m.oit_items}
    assert plan.fiscal_year == 2568 and codes
    assert codes <= get_framework(2568).item_codes
