"""Results files in every format, and a bad-input test for every rule in every format."""

from __future__ import annotations

import copy
import re

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


# --- meeting: and progress: (design §5.3), dates written the Thai way ---------------------------

def _yaml(tmp_path, text, name="m"):
    """A results file of seed 004 followed by `text` (YAML as a user types it, dates unquoted)."""
    import yaml

    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(SEED_004, allow_unicode=True, sort_keys=False) + text, encoding="utf-8")
    return path


THAI_FORMS_OF_8_DEC_2021 = ["2021-12-08", "2564-12-08", "8 ธันวาคม 2564", "๘ ธันวาคม ๒๕๖๔", "8 ธ.ค. 64",
                            "๘ ธ.ค. ๖๔", "8 ธ.ค.64", "8/12/2564", "8/12/64", "08-12-2564",
                            "วันที่ 8 ธันวาคม พ.ศ. 2564"]


@pytest.mark.parametrize("written", THAI_FORMS_OF_8_DEC_2021)
def test_a_thai_form_meeting_date_is_the_right_date(tmp_path, written):
    from datetime import date

    r = read_results(_yaml(tmp_path, f"meeting:\n  date: {written}\n  title: การประชุม\n"))
    assert r.meeting.date == date(2021, 12, 8)
    j = read_results(write_results(tmp_path, "json", {**SEED_004, "meeting": {"date": written}}))
    assert j.meeting.date == date(2021, 12, 8)


def test_an_unquoted_buddhist_leap_day_is_a_date_not_a_yaml_error(tmp_path):
    """PyYAML alone makes `2563-02-29` date(2563, 2, 29), which does not exist (CE 2563 is no leap
    year): it must read as 29 Feb 2020."""
    from datetime import date

    r = read_results(_yaml(tmp_path, "meeting:\n  date: 2563-02-29\nprogress:\n  - {measure: 1, as_of: 2565-03-31}\n"))
    assert r.meeting.date == date(2020, 2, 29)
    assert r.progress[0].as_of == date(2022, 3, 31)


def test_meeting_and_progress_with_approver_and_evidence(tmp_path, examples):
    from datetime import date

    r = read_results(examples / "ladya-2564-progress.yaml")
    assert r.meeting.date == date(2022, 1, 24)
    assert r.meeting.approver == "นายกองค์การบริหารส่วนตำบลลาดหญ้า"
    assert len(r.meeting.attendees) >= 3 and r.meeting.title and r.meeting.place
    assert [p.measure for p in r.progress] == ["1", "2", "7"]
    assert {p.status for p in r.progress} <= {"เสร็จสิ้น", "กำลังดำเนินการ", "ล่าช้า", "ยังไม่เริ่ม"}
    assert all(p.as_of == date(2022, 3, 31) for p in r.progress)
    assert all(p.done and p.result and p.outcome and p.evidence for p in r.progress)
    links = [e for p in r.progress for e in p.evidence if e.startswith("https://")]
    files = [e for p in r.progress for e in p.evidence if "." in e and not e.startswith("http")]
    assert links and files
    assert r.progress[1].evidence == ("ร่างแนวปฏิบัติการยืมทรัพย์สินของราชการ.docx",)  # one text = one item
    # the same file without the new sections still reads as before
    plain = read_results(examples / "ladya-2564.yaml")
    assert plain.meeting is None and plain.progress == ()
    assert plain.current == r.current


def test_evidence_may_be_one_text_or_a_list_and_blanks_are_dropped(tmp_path):
    data = {**SEED_004, "progress": [{"measure": 1, "evidence": "รายงาน.pdf"},
                                     {"measure": 2, "evidence": ["a.pdf", "", None, "https://x.go.th/1"]},
                                     {"measure": 3}]}
    for fmt in ("yaml", "json"):
        r = read_results(write_results(tmp_path, fmt, data))
        assert [p.evidence for p in r.progress] == [("รายงาน.pdf",), ("a.pdf", "https://x.go.th/1"), ()]
        assert r.meeting is None


BAD_SECTIONS = {
    "meeting date 31 Feb": ({"meeting": {"date": "31 ก.พ. 2565"}}, "meeting › date", "ไม่มีวันที่ 31"),
    "meeting date month 13": ({"meeting": {"date": "1/13/2565"}}, "meeting › date", "ไม่มีเดือนที่ 13"),
    "meeting date far year": ({"meeting": {"date": "8/12/2800"}}, "meeting › date", "พ.ศ. 2800"),
    "meeting date CE far": ({"meeting": {"date": "1500-01-01"}}, "meeting › date", "พ.ศ. 2043"),
    "meeting date words": ({"meeting": {"date": "ต้นเดือนธันวาคม"}}, "meeting › date", "ไม่ใช่รูปแบบวันที่"),
    "meeting date English": ({"meeting": {"date": "8 December 2021"}}, "meeting › date", "ไม่ใช่รูปแบบวันที่"),
    "meeting unknown field": ({"meeting": {"chair": "นายก"}}, "meeting", "chair"),
    "meeting approver list": ({"meeting": {"approver": ["ก", "ข"]}}, "meeting › approver", "ข้อความ"),
    "meeting attendees mapping": ({"meeting": {"attendees": {"a": 1}}}, "meeting › attendees", "รายการ"),
    "progress as_of impossible": ({"progress": [{"measure": 1, "as_of": "30/2/2565"}]}, "progress[1] › as_of",
                                  "ไม่มีวันที่ 30"),
    "progress as_of number": ({"progress": [{"measure": 1, "as_of": 20220331}]}, "progress[1] › as_of",
                              "ไม่ใช่รูปแบบวันที่"),
    "progress unknown field": ({"progress": [{"measure": 1, "photos": ["a.jpg"]}]}, "progress[1]", "photos"),
    "progress evidence mapping": ({"progress": [{"measure": 1, "evidence": {"file": "a.pdf"}}]},
                                  "progress[1] › evidence", "รายการ"),
    "progress evidence nested": ({"progress": [{"measure": 1, "evidence": [["a.pdf"]]}]},
                                 "progress[1] › evidence[1]", "ข้อความ"),
    "progress bad status": ({"progress": [{"measure": 1, "status": "done"}]}, "progress[1] › status", "เสร็จสิ้น"),
}


@pytest.mark.parametrize("fmt", ["yaml", "json"])
@pytest.mark.parametrize("case", sorted(BAD_SECTIONS))
def test_bad_meeting_and_progress_name_file_field_and_forms(tmp_path, fmt, case):
    extra, where, fragment = BAD_SECTIONS[case]
    path = write_results(tmp_path, fmt, {**SEED_004, **extra})
    with pytest.raises(InputError) as err:
        read_results(path)
    message = str(err.value)
    assert path.name in message and f"{where}:" in message and fragment in message
    assert "\n" not in message
    if "date" in where or "as_of" in where:
        assert "(ที่ถูกต้อง: 8 ธันวาคม 2564, ๘ ธ.ค. ๖๔, 8/12/2564" in message  # the accepted forms
    assert not ENGLISH_ERROR.search(message), message


# What an English exception would leak into a message (Python's or PyYAML's wording).
ENGLISH_ERROR = re.compile(r"Error|Exception|Traceback|out of range|invalid|must be|day is|month must|"
                           r"does not match|unconverted", re.IGNORECASE)


def test_a_bad_date_exits_2_with_one_thai_line(tmp_path):
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    path = _yaml(tmp_path, "meeting:\n  date: 2565-02-30\n")  # unquoted: PyYAML alone would crash on it
    done = subprocess.run([sys.executable, "-m", "prongsai.cli", "analyze", str(path)], capture_output=True,
                          text=True, cwd=ROOT, env=dict(os.environ), timeout=120)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    line = done.stderr.strip()
    assert "\n" not in line and not ENGLISH_ERROR.search(line)
    assert "m.yaml" in line and "meeting › date" in line and "ไม่มีวันที่ 30" in line


def test_rows_are_named_by_the_number_the_spreadsheet_shows_past_blank_rows(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["agency", "fiscal_year", "total"])
    book.active.append([])
    book.active.append([None, None, None])
    book.active.append(["อบต.ก", 2567, 101])
    path = tmp_path / "gaps.xlsx"
    book.save(path)
    with pytest.raises(InputError, match="แถว 4 › total: คะแนน 101 อยู่นอกช่วง"):
        read_results(path)
    csv_path = tmp_path / "gaps.csv"
    csv_path.write_text("agency,fiscal_year,total\n\n,,\nอบต.ก,2567,101\n", encoding="utf-8")
    with pytest.raises(InputError, match="แถว 4 › total"):
        read_results(csv_path)


def test_a_table_with_headings_only_says_it_has_no_rows(tmp_path):
    path = tmp_path / "header.csv"
    path.write_text("agency,fiscal_year,total\n", encoding="utf-8")
    with pytest.raises(InputError, match="แถว 2: ไม่มีแถวข้อมูลใต้หัวตาราง"):
        read_results(path)


def test_a_file_of_many_agencies_is_refused_for_one_before_any_is_parsed(tmp_path, monkeypatch):
    from prongsai import results_io

    parsed = []
    real = results_io.parse_results
    monkeypatch.setattr(results_io, "parse_results", lambda *a, **k: parsed.append(1) or real(*a, **k))
    path = tmp_path / "many.csv"
    path.write_text("agency,fiscal_year,total\n" + "".join(f"อบต.{n},2567,80\n" for n in range(300)), encoding="utf-8")
    with pytest.raises(InputError, match=r"หลายหน่วยงาน \(อบต.0, อบต.1, อบต.2 …\)"):
        read_results(path)
    assert parsed == []
    assert len(read_many(path)) == 300
