"""The framework library: every file validates, ids and crosswalk hold together, and a
folder of extra files can add or replace a year."""

from __future__ import annotations

import pytest
import yaml

from prongsai.errors import InputError
from prongsai.ita import library as lib_module
from prongsai.ita.library import BUILTIN_DIR, Library, available_years, get_framework, load_framework_file


def test_library_has_every_year_2563_to_2569():
    assert available_years() == list(range(2563, 2571))


@pytest.mark.parametrize("year", range(2563, 2571))
def test_every_file_validates_and_has_ten_indicators(year):
    fw = load_framework_file(BUILTIN_DIR / f"ita-{year}.yaml")
    assert fw.fiscal_year == year
    assert sorted(fw.indicator_numbers) == list(range(1, 11))
    assert fw.levels is not None


def test_every_fact_names_a_known_source_and_unknown_texts_stay_empty():
    for fw in Library().all():
        for item in fw.items:
            if item.confidence == "UNK":
                assert item.text is None and item.name is None, item.code
            assert item.label  # shown to users: the text, the name or "ไม่มีข้อมูลข้อคำถาม"


def test_2564_texts_and_structure():
    fw = get_framework(2564)
    assert len(fw.items_of("IIT")) == 30 and len(fw.items_of("OIT")) == 43
    assert fw.item_by_code["I7"].text.startswith("ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปี")
    assert fw.item_by_code["O42"].name == "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    sizes = {s.code: sum(1 for i in fw.items if i.sub_indicator == s.code) for s in fw.sub_indicators}
    assert sizes == {"9.1": 9, "9.2": 8, "9.3": 7, "9.4": 4, "9.5": 5, "10.1": 8, "10.2": 2}


def test_crosswalk_links_o42_across_renumbering():
    lib = Library()
    lib.crosswalk()  # validates every id against its year
    assert lib.successors(2564, "O42").get(2566) == "O42"
    assert lib.successors(2566, "O42").get(2569) == "O25"


def test_extra_folder_replaces_a_year_and_adds_one(tmp_path, monkeypatch):
    data = yaml.safe_load((BUILTIN_DIR / "ita-2567.yaml").read_text(encoding="utf-8"))
    data["indicators"][0]["about"] = "ข้อความที่ผู้กำกับแก้ไข"
    (tmp_path / "fix-2567.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    new = dict(data, id="ita-2571", fiscal_year=2571)
    (tmp_path / "ita-2571.yaml").write_text(yaml.safe_dump(new, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv(lib_module.FRAMEWORKS_ENV, str(tmp_path))
    assert get_framework(2567).indicators[0].about == "ข้อความที่ผู้กำกับแก้ไข"
    assert 2571 in available_years()


def test_invalid_framework_file_names_file_and_field(tmp_path):
    data = yaml.safe_load((BUILTIN_DIR / "ita-2564.yaml").read_text(encoding="utf-8"))
    data["indicators"][0]["weight"] = 7  # weights no longer sum to 100
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_framework_file(bad)
    assert "bad.yaml" in str(err.value) and "100" in str(err.value)


def test_framework_file_with_unknown_field_is_refused(tmp_path):
    data = yaml.safe_load((BUILTIN_DIR / "ita-2564.yaml").read_text(encoding="utf-8"))
    data["colour"] = "red"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match="colour"):
        load_framework_file(bad)
