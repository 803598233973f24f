"""Results files in every format, and a bad-input test for every rule in every format."""

from __future__ import annotations

import copy

import pytest

from prongsai.errors import InputError
from prongsai.results_io import read_many, read_results
from tests.conftest import SEED_004, write_results

FORMATS = ["yaml", "json", "csv", "xlsx"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reads_the_same_result(tmp_path, fmt):
    data = copy.deepcopy(SEED_004)
    data["items"] = {"O12": {"score": 0, "reason": "ขาดองค์ประกอบปัญหาอุปสรรคและข้อเสนอแนะ"}}
    r = read_results(write_results(tmp_path, fmt, data))
    assert r.agency == SEED_004["agency"]
    assert r.fiscal_year == 2564
    assert r.current.indicators[10] == 37.5
    assert r.current.total == 75.36 and r.current.level == "B"
    assert r.current.items["O12"].reason == "ขาดองค์ประกอบปัญหาอุปสรรคและข้อเสนอแนะ"


@pytest.mark.parametrize("fmt", FORMATS)
def test_thai_digits_names_and_misspellings(tmp_path, fmt):
    data = {
        "agency": "อบต.ทดสอบ",
        "fiscal_year": "๒๕๖๔",
        "indicators": {"ตัวชี้วัดที่ ๑": "๙๓.๕๗", "การใช้ งบประมาณ": "84.05", "การใช้อำนาจ": 89.76,
                       "การใช้ทรัพย์สินของทางราชการ": 84.87, "การแก้ไขปัญหาการทุจรติ": 87.64,
                       "คุณภาพการดำเนินงาน": 80.93, "ประสิทธิภาพการสื่อสาร": 84.6,
                       "การปรับปรุงระบบการทำงาน": 81, "การเปิดเผยข้อมูล": 84.06, "10": 37.5},
        "items": {"0๑๒": 0},
    }
    r = read_results(write_results(tmp_path, fmt, data))
    assert r.current.indicators == SEED_004["indicators"]
    assert list(r.current.items) == ["O12"]


def test_table_layout_rows_of_one_agency_are_its_years(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["หน่วยงาน", "ปีงบประมาณ", "คะแนนรวม", "IIT", "EIT", "OIT"])
    sheet.append(["อบต.ก", 2566, 88.1, None, None, None])
    sheet.append(["อบต.ก", 2567, None, 96, 90, 95])
    sheet.append(["อบต.ข", 2567, 91.0, None, None, None])
    path = tmp_path / "many.xlsx"
    book.save(path)
    found = read_many(path)
    assert [a.agency for a in found] == ["อบต.ก", "อบต.ข"]
    assert found[0].fiscal_year == 2567 and [y.fiscal_year for y in found[0].previous] == [2566]
    with pytest.raises(InputError, match="หลายหน่วยงาน"):
        read_results(path)


def test_template_round_trip(tmp_path):
    from openpyxl import load_workbook

    from prongsai.ita.library import get_framework
    from prongsai.results_template import write_template

    path = write_template(get_framework(2564), tmp_path / "t.xlsx")
    book = load_workbook(path)
    sheet = book.active
    for row in sheet.iter_rows(min_row=2):
        key = row[0].value
        if key == "agency":
            row[2].value = "อบต.แบบฟอร์ม"
        elif isinstance(key, int):
            row[2].value = SEED_004["indicators"][key]
        elif key == "O42":
            row[2].value, row[3].value = 0, "ไม่พบมาตรการบนเว็บไซต์"
    book.save(path)
    r = read_results(path)
    assert r.agency == "อบต.แบบฟอร์ม" and r.current.indicators == SEED_004["indicators"]
    assert r.current.items["O42"].reason == "ไม่พบมาตรการบนเว็บไซต์"


# --- bad input: every rule, every format -------------------------------------------------------

def _with(**changes):
    data = copy.deepcopy(SEED_004)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


BAD = {
    "unknown field": (_with(colour="แดง"), "colour"),
    "score above 100": (_with(indicators={**SEED_004["indicators"], 3: 101}), "นอกช่วง"),
    "score below 0": (_with(indicators={**SEED_004["indicators"], 3: -1}), "นอกช่วง"),
    "score not a number": (_with(indicators={**SEED_004["indicators"], 3: "ดี"}), "ไม่ใช่ตัวเลข"),
    "unknown indicator": (_with(indicators={**SEED_004["indicators"], "ความสุขของพนักงาน": 90}), "ไม่รู้จักตัวชี้วัด"),
    "indicator number out of range": (_with(indicators={**SEED_004["indicators"], 11: 90}), "11"),
    "unknown item code": (_with(items={"O44": 0}), "O44"),
    "OIT item not pass/fail": (_with(items={"O12": 50}), "0 (ไม่ผ่าน) หรือ 100"),
    "fiscal year outside library": (_with(fiscal_year=2550), "2550"),
    "fiscal year in CE": (_with(fiscal_year=2021), "ค.ศ."),
    "duplicate indicator": (_with(indicators={**SEED_004["indicators"], "การปฏิบัติหน้าที่": 90}), "ซ้ำ"),
    "missing agency": (_with(agency=None), "agency"),
    "unknown level": (_with(level="Z"), "ระดับ"),
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_names_file_place_and_expectation(tmp_path, fmt, case):
    data, fragment = BAD[case]
    path = write_results(tmp_path, fmt, data)
    with pytest.raises(InputError) as err:
        read_results(path)
    message = str(err.value)
    assert fragment in message
    assert path.name in message
    assert "\n" not in message
    if fmt in ("csv", "xlsx") and case != "missing agency":
        assert "แถว" in message


@pytest.mark.parametrize("fmt", FORMATS)
def test_malformed_and_unreadable_files(tmp_path, fmt):
    path = tmp_path / f"broken.{fmt}"
    path.write_bytes({"yaml": b"agency: [unclosed\n", "json": b'{"agency": ',
                      "csv": b"\xff\xfe\x00garbage", "xlsx": b"not a zip file"}[fmt])
    with pytest.raises(InputError) as err:
        read_results(path)
    assert "broken" in str(err.value)
    with pytest.raises(InputError, match="ไม่พบไฟล์"):
        read_results(tmp_path / f"missing.{fmt}")


def test_duplicate_key_in_yaml_and_json_is_refused(tmp_path):
    y = tmp_path / "d.yaml"
    y.write_text("agency: ก\nfiscal_year: 2564\nindicators:\n  1: 90\n  1: 80\n", encoding="utf-8")
    with pytest.raises(InputError, match="ซ้ำ"):
        read_results(y)
    j = tmp_path / "d.json"
    j.write_text('{"agency": "ก", "fiscal_year": 2564, "total": 80, "total": 81}', encoding="utf-8")
    with pytest.raises(InputError, match="ซ้ำ"):
        read_results(j)


def test_unsupported_suffix_and_empty_files(tmp_path):
    txt = tmp_path / "r.txt"
    txt.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=".yaml, .json, .csv"):
        read_results(txt)
    empty = tmp_path / "e.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="ว่าง"):
        read_results(empty)
    no_scores = write_results(tmp_path, "yaml", {"agency": "ก", "fiscal_year": 2564})
    with pytest.raises(InputError, match="ไม่มีคะแนน"):
        read_results(no_scores)


def test_agency_type_is_canonical_or_inferred_or_refused(tmp_path):
    r = read_results(write_results(tmp_path, "yaml", {**SEED_004, "agency_type": "ทต."}))
    assert r.agency_type == "เทศบาลตำบล"
    inferred = read_results(write_results(tmp_path, "yaml", {k: v for k, v in SEED_004.items() if k != "agency_type"}))
    assert inferred.agency_type == "อบต."
    with pytest.raises(InputError, match="ประเภทหน่วยงาน"):
        read_results(write_results(tmp_path, "yaml", {**SEED_004, "agency_type": "สหกรณ์"}))
