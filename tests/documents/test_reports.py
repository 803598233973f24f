"""The three official documents: DOCX structure (fast) and PDF text layer and fonts (LibreOffice)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from prongsai.documents import context as ctxmod
from prongsai.documents import layout, pdf, reports
from prongsai.documents import recommendations as rec
from prongsai.documents.reports import ReportJob, build_report, write_report, write_reports
from prongsai.errors import InputError
from prongsai.ita.analysis import analyse
from prongsai.ita.library import get_framework
from prongsai.ita.results import AgencyResults, Meeting, ProgressEntry, YearResult
from prongsai.planning.draft import Measure, MeasurePlan, draft_plan
from prongsai.results_io import read_results
from prongsai.thai import to_thai_digits

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
THAI_DIGIT = re.compile("[๐-๙]")
ARABIC_DIGIT = re.compile("[0-9]")

needs_soffice = pytest.mark.skipif(
    not pdf.soffice_available(),
    reason=f"LibreOffice (soffice) is not installed: apt-get install -y {pdf.DEBIAN_PACKAGE}",
)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdffonts, pdftoppm) is not installed: apt-get install -y poppler-utils",
)

IMPROVEMENT_HEADER = ["ประเด็นที่เป็นข้อบกพร่อง/จุดอ่อน", "ขั้นตอนหรือวิธีการ/มาตรการ", "ผู้รับผิดชอบ",
                      "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ"]
PLAN_HEADER = ["มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "การติดตามผล"]
IMPLEMENTATION_HEADER = ["มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา", "ผลการดำเนินการ",
                         "ผลลัพธ์หรือความสำเร็จ"]
RANKING_HEADER = ["อันดับ", "ตัวชี้วัด", "แบบวัด", "คะแนน", "ผลการประเมิน"]


# --------------------------------------------------------------------------- fixtures


def _load(name: str):
    results = read_results(EXAMPLES / name)
    analysis = analyse(results, get_framework)
    return results, analysis, draft_plan(results, analysis)


@pytest.fixture(scope="module")
def khongyang():
    """Seed 003: อบต.ไค้งยาง, FY2565, 94.19 (A); indicator 8 weak; O12, O17, O20 failed."""
    return _load("khongyang-2565.yaml")


@pytest.fixture(scope="module")
def ladya():
    """Seed 004: อบต.ลาดหญ้า, FY2564, 75.36 (B); seven weak indicators, 17 failed OIT items."""
    return _load("ladya-2564.yaml")


SEED_004_MEETING = Meeting(
    date=date(2022, 1, 24),
    title="ผู้บริหารและเจ้าหน้าที่องค์การบริหารส่วนตำบลลาดหญ้า",
    place="ห้องประชุมองค์การบริหารส่วนตำบลลาดหญ้า",
    attendees=("นายกองค์การบริหารส่วนตำบลลาดหญ้า", "ปลัดองค์การบริหารส่วนตำบล", "พนักงานส่วนตำบลและพนักงานจ้าง"),
)


def progress_for(plan: MeasurePlan) -> tuple[ProgressEntry, ...]:
    """By number, by title, one late at the 6-month cut-off and done after it."""
    return (
        ProgressEntry(measure="1", status="เสร็จสิ้น", as_of=date(2022, 3, 31),
                      done="ประชุมชี้แจงบุคลากรทุกกอง 15 ธันวาคม 2564", result="บุคลากรรับทราบครบ 42 คน",
                      outcome="ไม่มีเรื่องร้องเรียนในรอบ 6 เดือน ดูรายละเอียดที่ https://www.ladya.go.th/ita/2565"),
        ProgressEntry(measure=plan.measures[1].title, status="กำลังดำเนินการ", as_of=date(2022, 3, 25),
                      done="ลงข้อมูลการจัดซื้อจัดจ้าง 5 จาก 6 เดือน"),
        ProgressEntry(measure="๓", status="ล่าช้า", as_of=date(2022, 3, 30), done="ยังไม่ได้จัดประชุมทบทวน"),
        ProgressEntry(measure="3", status="เสร็จสิ้น", as_of=date(2022, 6, 30), done="จัดประชุมทบทวนแล้ว"),
    )


def hand_plan(agency: str, based_on: int = 2564) -> MeasurePlan:
    """A plan made by hand, as the web workspace would pass it."""
    def measure(title: str, n_steps: int) -> Measure:
        return Measure(
            title=title, purpose="เพื่อทดสอบ", theme="test", addresses_indicators=(9,), addresses_items=("O1",),
            steps=tuple(f"ขั้นตอนที่ {i} ของ{title}" for i in range(1, n_steps + 1)), responsible="สำนักปลัด",
            supporting=("กองคลัง",), start=date(2021, 10, 1), end=date(2022, 9, 30),
            follow_up="รายงานผู้บริหารทุก 3 เดือน", evidence=("รายงานการประชุม",), oit_items=("O42",),
        )

    return MeasurePlan(agency=agency, agency_type="อบต.", fiscal_year=based_on + 1, based_on_year=based_on,
                       measures=(measure("เปิดเผยข้อมูลบนเว็บไซต์ให้ครบถ้วน", 3), measure("ปรับปรุงคู่มือการให้บริการ", 12)))


# --------------------------------------------------------------------------- helpers


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def xml_texts(data: bytes, part_prefixes=("word/document", "word/footer", "word/header")) -> str:
    """All w:t text of the body, headers and footers."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith(part_prefixes) and name.endswith(".xml"):
                out.extend(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", archive.read(name).decode("utf-8")))
    return "\n".join(out)


def headings(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]


def tables_with(doc, header: list[str]):
    return [t for t in doc.tables if [c.text for c in t.rows[0].cells] == header]


def logical_rows(table) -> list:
    """Data rows; a measure printed as two joined rows counts once (its first row cannot split)."""
    rows = table.rows[1:]
    joined = any(r._tr.trPr is not None and r._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit") is not None for r in rows)
    if not joined:
        return list(rows)
    return [r for r in rows if r._tr.trPr is not None and r._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit") is not None]


def merged_rows(table) -> list[list[str]]:
    """Cell texts of each logical row; a joined second row is appended to its first, column by column."""
    firsts = logical_rows(table)
    out: list[list[str]] = []
    for row in table.rows[1:]:
        texts = [c.text for c in row.cells]
        if any(row._tr is f._tr for f in firsts) or not out:
            out.append(texts)
        else:
            out[-1] = [a + b for a, b in zip(out[-1], texts, strict=True)]
    return out


def squash(text: str) -> str:
    """Whitespace and line breaks removed (table cells and page ends break long Thai titles)."""
    return re.sub(r"[\s\a]+", "", text)


# --------------------------------------------------------------------------- analysis (seed 003)


def test_analysis_docx_has_the_seed_structure(khongyang):
    results, analysis, plan = khongyang
    data = build_report("analysis", results, analysis=analysis, plan=plan)
    doc = open_docx(data)
    heads = headings(doc)
    for expected in ("๑. ความเป็นมาของการประเมิน", "๓. การวิเคราะห์ผลการประเมินรายตัวชี้วัด",
                     "๓.๑ จุดแข็ง (ตัวชี้วัดที่ได้คะแนนตั้งแต่ ๙๕ คะแนนขึ้นไป)",
                     "๓.๒ จุดอ่อนที่ต้องพัฒนา (ตัวชี้วัดที่ได้คะแนนต่ำกว่า ๘๕ คะแนน)",
                     "๓.๓ ตัวชี้วัดที่ได้คะแนนต่ำสุดของแต่ละแบบวัด", "๔. ข้อเสนอแนะจากการวิเคราะห์ผลการประเมิน",
                     "๕.๑ ด้าน IIT (แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน)"):
        assert expected in heads, expected
    assert any(h.startswith("๒. ผลการประเมินประจำปีงบประมาณ") for h in heads)
    assert not any(h.startswith("๖.") for h in heads)  # no earlier year: no comparison section

    text = xml_texts(data)
    assert "องค์การบริหารส่วนตำบลไค้งยาง" in text and "อำเภอสูงเนิน จังหวัดนครราชสีมา" in text
    assert "มีคะแนนรวม ๙๔.๑๙ คะแนน อยู่ในระดับ A" in text
    assert "{{" not in text and "{%" not in text

    ranking = tables_with(doc, RANKING_HEADER)
    assert len(ranking) == 1
    rows = [[c.text for c in r.cells] for r in ranking[0].rows[1:]]
    assert len(rows) == 10  # one row per indicator, best first
    assert [r[0] for r in rows] == [to_thai_digits(i) for i in range(1, 11)]
    assert [r[1] for r in rows] == [row.name for row in analysis.ranking]
    assert rows[0][3] == "๑๐๐.๐๐" and rows[-1][1:] == ["การปรับปรุงการทำงาน", "EIT", "๘๑.๑๓", "ไม่ผ่าน"]
    assert all(r[4] == "ผ่าน" for r in rows[:-1])

    improvement = tables_with(doc, IMPROVEMENT_HEADER)
    assert len(improvement) == 3  # IIT, EIT, OIT with the seed-003 columns
    eit = squash("".join(c for r in merged_rows(improvement[1]) for c in r))
    assert squash("ตัวชี้วัดที่ ๘ การปรับปรุงการทำงาน ได้ ๘๑.๑๓ คะแนน") in eit
    oit_rows = merged_rows(improvement[2])
    oit = squash("".join(c for r in oit_rows for c in r))
    for code in ("O๑๒", "O๑๗", "O๒๐"):
        assert code in oit
    assert all("กำหนดแล้วเสร็จ" in r[3] for r in oit_rows)
    iit = squash("".join(c for r in merged_rows(improvement[0]) for c in r))
    assert squash("ตัวชี้วัดที่ ๒ การใช้งบประมาณ (๙๗.๔๑)") in iit  # no IIT weakness: lift the lowest indicator

    failed = tables_with(doc, ["ตัวชี้วัดย่อย", "ข้อ", "รายการ", "เหตุผลของผู้ตรวจประเมิน"])
    assert len(failed) == 1
    failed_rows = [[c.text for c in r.cells] for r in failed[0].rows[1:]]
    assert [r[1] for r in failed_rows] == ["O๑๒", "O๑๗", "O๒๐"]
    assert failed_rows[1][3] == "ไม่ชัดเจนว่าเป็นบริการด้านใด"
    assert failed_rows[2][0] == "๙.๓ การบริหารเงินงบประมาณ"

    # lowest indicator per instrument and what the strongest indicators measure
    assert "ด้าน IIT (แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน) ตัวชี้วัดที่ได้คะแนนต่ำสุด คือ ตัวชี้วัดที่ ๒" in text
    assert "ตัวชี้วัดนี้สะท้อนว่า" in text
    assert len(doc.inline_shapes) == 2  # indicator chart and instrument chart

    assert not ARABIC_DIGIT.search(text), ARABIC_DIGIT.findall(text)[:5]


def test_analysis_with_arabic_digits(khongyang):
    results, analysis, plan = khongyang
    data = build_report("analysis", results, analysis=analysis, plan=plan, thai_digits=False)
    text = xml_texts(data)
    assert not THAI_DIGIT.search(text), THAI_DIGIT.findall(text)[:5]  # also the reviewer's "พ.ศ. ๒๕๖๔"
    assert "มีคะแนนรวม 94.19 คะแนน" in text
    assert "1. ความเป็นมาของการประเมิน" in headings(open_docx(data))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
    assert 'w:fmt="thaiNumbers"' not in xml
    assert 'w:val="th-TH"' not in xml  # LibreOffice's Context numerals then keep page numbers Arabic


def test_thai_digits_document_has_thai_page_numbers(khongyang):
    results, analysis, plan = khongyang
    data = build_report("analysis", results, analysis=analysis, plan=plan)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        document = archive.read("word/document.xml").decode()
        footers = [archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")]
    assert 'w:fmt="thaiNumbers"' in document  # Word
    assert "<w:titlePg/>" in document  # no page number on the cover
    page_footer = next(f for f in footers if "PAGE" in f)
    assert 'w:val="th-TH"' in page_footer  # LibreOffice: Context numerals print the field as ๑ ๒ ๓


def test_analysis_year_over_year_table(khongyang):
    results, _, _ = khongyang
    earlier = YearResult(2564, indicators={1: 95.0, 2: 90.0, 3: 96.0, 4: 97.0, 5: 92.0, 6: 88.0, 7: 85.0, 8: 80.0,
                                          9: 70.0, 10: 62.5})
    results = replace(results, previous=(earlier,))
    analysis = analyse(results, get_framework)
    data = build_report("analysis", results, analysis=analysis)  # the plan is drafted when not given
    doc = open_docx(data)
    assert "๖. เปรียบเทียบผลการประเมินกับปีที่ผ่านมา" in headings(doc)
    years = tables_with(doc, ["ปีงบประมาณ", "คะแนนรวม", "ระดับ", "IIT", "EIT", "OIT"])
    assert [[c.text for c in r.cells][0] for r in years[0].rows[1:]] == ["๒๕๖๔", "๒๕๖๕"]
    change = tables_with(doc, ["ตัวชี้วัด", "ปี ๒๕๖๔", "ปี ๒๕๖๕", "เปลี่ยนแปลง"])
    rows = [[c.text for c in r.cells] for r in change[0].rows[1:]]
    assert len(rows) == 10
    assert rows[8] == ["ตัวชี้วัดที่ ๙ การเปิดเผยข้อมูล", "๗๐.๐๐", "๙๒.๑๔", "+๒๒.๑๔"]
    assert "คะแนนรวมเพิ่มขึ้น" in xml_texts(data)


def test_analysis_names_the_possible_levels_when_undetermined():
    results = AgencyResults(agency="เทศบาลตำบลทดสอบ", agency_type="เทศบาลตำบล",
                            current=YearResult(2567, total=90.0))
    analysis = analyse(results, get_framework)
    assert analysis.level is None and analysis.score.level.possible
    text = xml_texts(build_report("analysis", results, analysis=analysis))
    assert "อาจอยู่ในระดับ " + " หรือ ".join(analysis.score.level.possible) in text
    assert "ข้อมูลที่ใช้ไม่มีคะแนนรายตัวชี้วัด" in text


# --------------------------------------------------------------------------- plan (seeds 004, 000)


def test_plan_docx_has_one_row_per_measure_with_numbered_steps(ladya):
    results, analysis, plan = ladya
    data = build_report("plan", results, analysis=analysis, plan=plan)
    doc = open_docx(data)
    heads = headings(doc)
    assert "๑. การวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ.\u00a0๒๕๖๔" in heads
    assert "๔. ข้อจำกัดของหน่วยงานในการดำเนินการตามมาตรการ" in heads
    text = xml_texts(data)
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in text
    assert "องค์การบริหารส่วนตำบลลาดหญ้า" in text and "อำเภอเมืองกาญจนบุรี จังหวัดกาญจนบุรี" in text

    tables = tables_with(doc, PLAN_HEADER)
    assert len(tables) == 1
    rows = logical_rows(tables[0])
    assert len(rows) == len(plan.measures)
    for number, (row, measure) in enumerate(zip(rows, plan.measures, strict=True), start=1):
        cells = [c.text for c in row.cells]
        assert cells[0] == f"{to_thai_digits(number)}. {to_thai_digits(measure.title)}"
        assert cells[1].startswith("๑.\t")  # steps numbered in Thai digits
        assert cells[2].startswith(measure.responsible)
        assert cells[3].replace("\u00a0", " ") == "๑ ต.ค. ๖๔ – ๓๐ ก.ย. ๖๕" or "–" in cells[3]
    all_steps = squash("".join(c.text for r in tables[0].rows[1:] for c in r.cells[1:2]))
    for measure in plan.measures:  # every step of every measure, whole or continued in the second row
        for step in measure.steps:
            assert squash(to_thai_digits(step)) in all_steps

    weak = tables_with(doc, ["ตัวชี้วัด", "คะแนน", "ประเด็นที่ต้องแก้ไข/ปรับปรุง", "วิธีการแก้ไข"])
    assert len(logical_rows(weak[0])) == len(analysis.weaknesses) == 7
    assert len(logical_rows(tables_with(doc, RANKING_HEADER)[0])) == 10
    assert not ARABIC_DIGIT.search(text), ARABIC_DIGIT.findall(text)[:5]


def test_plan_without_meeting_marks_the_blanks(ladya):
    results, analysis, plan = ladya
    doc = open_docx(build_report("plan", results, analysis=analysis, plan=plan))
    texts = [p.text for p in doc.paragraphs]
    meeting = next(t for t in texts if t.startswith("จากการประชุม"))
    assert ctxmod.BLANK in meeting
    note = next(p for p in doc.paragraphs if p.text.startswith("หมายเหตุถึงผู้จัดทำ"))
    assert 'w:val="yellow"' in note._p.xml  # highlighted: fill in before publishing


def test_plan_with_meeting_from_the_results(ladya):
    results, analysis, plan = ladya
    results = replace(results, meeting=SEED_004_MEETING, prepared_by="นางสาวทดสอบ ใจดี")
    data = build_report("plan", results, analysis=analysis, plan=plan)
    text = xml_texts(data)
    assert "เมื่อวันที่ ๒๔\u00a0มกราคม\u00a0๒๕๖๕ ณ ห้องประชุมองค์การบริหารส่วนตำบลลาดหญ้า" in text
    assert "ปลัดองค์การบริหารส่วนตำบล" in text and "หมายเหตุถึงผู้จัดทำ" not in text
    assert "( นางสาวทดสอบ ใจดี )" in text and "นายกองค์การบริหารส่วนตำบลลาดหญ้า" in text


def test_plan_limitations_name_the_missing_item_scores(ladya):
    results, analysis, plan = ladya
    ctx = reports.build_context("plan", results, analysis=analysis, plan=plan, charts=False)
    assert any("IIT และ EIT" in line for line in ctx["limitations"])
    assert len(ctx["limitations"]) >= 4


# --------------------------------------------------------------------------- implementation (seed 002)


def test_implementation_six_month_report(ladya):
    results, analysis, plan = ladya
    results = replace(results, progress=progress_for(plan))
    data = build_report("implementation", results, analysis=analysis, plan=plan, period="6-month")
    doc = open_docx(data)
    text = xml_texts(data)
    assert "ประจำปีงบประมาณ พ.ศ.\u00a0๒๕๖๕ รอบ ๖ เดือน" in text
    assert "๑\u00a0ต.ค.\u00a0๖๔\u00a0– ๓๑\u00a0มี.ค.\u00a0๖๕" in text
    table = tables_with(doc, IMPLEMENTATION_HEADER)[0]
    assert len(logical_rows(table)) == len(plan.measures)
    rows = merged_rows(table)
    progress = [r[4] for r in rows]
    assert progress[0].startswith("สถานะ: เสร็จสิ้น (ข้อมูล ณ ๓๑\u00a0มี.ค.\u00a0๖๕)")
    assert squash("บุคลากรรับทราบครบ ๔๒ คน") in squash(progress[0])
    assert progress[1].startswith("สถานะ: กำลังดำเนินการ")  # matched by title
    assert progress[2].startswith("สถานะ: ล่าช้า")  # the June entry is after the 6-month round
    assert all(p == "ยังไม่มีการรายงานผล" for p in progress[3:])
    assert "https://www.ladya.go.th/ita/2565" in rows[0][5]  # addresses keep their digits
    assert squash("ไม่มีเรื่องร้องเรียนในรอบ ๖ เดือน") in squash(rows[0][5])
    status = tables_with(doc, ["สถานะ", "จำนวนมาตรการ"])[0]
    counts = {r.cells[0].text: r.cells[1].text for r in status.rows[1:]}
    assert counts == {"เสร็จสิ้น": "๑", "กำลังดำเนินการ": "๑", "ล่าช้า": "๑", "ยังไม่เริ่ม": "๐",
                      "ยังไม่มีการรายงานผล": to_thai_digits(len(plan.measures) - 3)}
    assert "ปัญหา อุปสรรค และข้อเสนอแนะ" in headings(doc)
    assert f"มาตรการที่ ๓ {to_thai_digits(plan.measures[2].title)}: ล่าช้า" in text


def test_implementation_year_end_takes_the_latest_entry(ladya):
    results, analysis, plan = ladya
    results = replace(results, progress=progress_for(plan))
    ctx = reports.build_context("implementation", results, analysis=analysis, plan=plan, period="year-end")
    assert ctx["period_label"] == "รอบสิ้นปีงบประมาณ"
    assert ctx["measures"][2]["status"] == "เสร็จสิ้น"
    assert ctx["period_text"].replace("\u00a0", " ") == "๑ ต.ค. ๖๔ – ๓๐ ก.ย. ๖๕"


def test_implementation_without_progress_says_so(ladya):
    results, analysis, _ = ladya
    plan = hand_plan(results.agency)
    data = build_report("implementation", results, analysis=analysis, plan=plan)
    rows = logical_rows(tables_with(open_docx(data), IMPLEMENTATION_HEADER)[0])
    assert len(rows) == 2
    assert all(r.cells[4].text == "ยังไม่มีการรายงานผล" for r in rows)


@pytest.mark.parametrize("measure", ["9", "มาตรการที่ไม่มีในแผน"])
def test_progress_for_an_unknown_measure_is_an_input_error(ladya, measure):
    results, analysis, _ = ladya
    plan = hand_plan(results.agency)
    results = replace(results, progress=(ProgressEntry(measure=measure, status="เสร็จสิ้น"),))
    with pytest.raises(InputError) as info:
        build_report("implementation", results, analysis=analysis, plan=plan)
    assert "ไม่มีในแผน" in str(info.value) and "progress[1]" in str(info.value)


# --------------------------------------------------------------------------- bad input


def test_unknown_kind_and_period(khongyang):
    results, analysis, plan = khongyang
    with pytest.raises(InputError, match="ไม่รู้จักชนิดเอกสาร"):
        build_report("summary", results, analysis=analysis, plan=plan)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="ไม่รู้จักรอบรายงาน"):
        build_report("implementation", results, analysis=analysis, plan=plan, period="quarter")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="ไม่รู้จักรูปแบบไฟล์"):
        write_report("plan", "odt", Path("/tmp/x.odt"), results=results, analysis=analysis, plan=plan)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", ["plan", "implementation"])
def test_missing_plan_is_an_input_error(khongyang, kind):
    results, analysis, _ = khongyang
    with pytest.raises(InputError) as info:
        build_report(kind, results, analysis=analysis)
    assert "ต้องใช้แผนมาตรการ" in str(info.value)


def test_plan_of_another_agency_is_refused(khongyang, ladya):
    results, analysis, _ = khongyang
    with pytest.raises(InputError, match="แผนมาตรการเป็นของ"):
        build_report("plan", results, analysis=analysis, plan=ladya[2])


def _template(path: Path, *paragraphs: str) -> Path:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(path)
    return path


def test_template_folder_without_the_file(tmp_path, khongyang):
    results, analysis, plan = khongyang
    _template(tmp_path / "analysis.docx", "{{ agency }}")
    with pytest.raises(InputError) as info:
        build_report("plan", results, analysis=analysis, plan=plan, template_dir=tmp_path)
    assert "ไม่มีไฟล์ plan.docx" in str(info.value)
    with pytest.raises(InputError, match="ไม่พบโฟลเดอร์แม่แบบ"):
        build_report("plan", results, analysis=analysis, plan=plan, template_dir=tmp_path / "missing")


@pytest.mark.parametrize(("content", "message"), [
    (None, "ไม่ใช่ไฟล์ Word"),
    ("{% if agency %}ไม่มี endif", "คำสั่งในแม่แบบผิดรูปแบบ"),
    ("{{ agency.no_such_field }}", "แม่แบบอ้างถึงข้อมูลที่ไม่มี"),
    ("{{ no_such_variable }}", "แม่แบบอ้างถึงข้อมูลที่ไม่มี"),
    ("{{ agency|no_such_filter }}", "คำสั่งในแม่แบบผิดรูปแบบ"),
])
def test_broken_template_is_an_input_error(tmp_path, khongyang, content, message):
    results, analysis, plan = khongyang
    path = tmp_path / "plan.docx"
    if content is None:
        path.write_bytes(b"this is not a docx")
    else:
        _template(path, "หัวเรื่อง", content)
    out = tmp_path / "out.docx"
    out.write_bytes(b"old")
    with pytest.raises(InputError) as info:
        write_report("plan", "docx", out, results=results, analysis=analysis, plan=plan, template_dir=tmp_path)
    assert message in str(info.value)
    assert "plan.docx" in str(info.value)
    assert out.read_bytes() == b"old"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx", "plan.docx"]  # no temporary file


def test_agency_template_folder_setting(tmp_path, monkeypatch, khongyang):
    results, analysis, plan = khongyang
    _template(tmp_path / "plan.docx", "แม่แบบของ{{ agency }} ปี {{ plan_year }}", "{{ '4.1'|d }} {{ total }}")
    monkeypatch.setenv(reports.TEMPLATES_ENV, str(tmp_path))
    assert reports.template_path("plan") == tmp_path / "plan.docx"
    assert reports.template_path("analysis") == reports.builtin_template_dir() / "analysis.docx"  # falls back
    text = xml_texts(build_report("plan", results, analysis=analysis, plan=plan))
    assert "แม่แบบขององค์การบริหารส่วนตำบลไค้งยาง ปี ๒๕๖๖" in text and "๔.๑ ๙๔.๑๙" in text
    monkeypatch.setenv(reports.TEMPLATES_ENV, str(tmp_path / "missing"))
    with pytest.raises(InputError, match=reports.TEMPLATES_ENV):
        reports.template_path("plan")


def test_values_are_escaped(khongyang):
    results, analysis, plan = khongyang
    results = replace(results, prepared_by="นาย ก <ผู้ช่วย> & คณะ")
    doc = open_docx(build_report("analysis", results, analysis=analysis, plan=plan))
    assert any("นาย ก <ผู้ช่วย> & คณะ" in p.text for p in doc.paragraphs)


def test_write_report_docx_is_atomic(tmp_path, khongyang):
    results, analysis, plan = khongyang
    out = tmp_path / "รายงาน.docx"
    assert write_report("analysis", "docx", out, results=results, analysis=analysis, plan=plan) == out.resolve()
    assert zipfile.is_zipfile(out)
    assert [p.name for p in tmp_path.iterdir()] == ["รายงาน.docx"]
    with pytest.raises(InputError):
        write_report("analysis", "docx", tmp_path / "no" / "x.docx", results=results, analysis=analysis)


def test_pdf_conversion_failure_leaves_nothing(tmp_path, monkeypatch, khongyang):
    results, analysis, plan = khongyang

    def fail(*args, **kwargs):
        raise pdf.ConversionError("LibreOffice แปลงเอกสารเป็น PDF ไม่สำเร็จ")

    monkeypatch.setattr(pdf, "convert_many", fail)
    jobs = [ReportJob("analysis", "pdf", tmp_path / "a.pdf", results, analysis, plan),
            ReportJob("analysis", "docx", tmp_path / "a.docx", results, analysis, plan)]
    with pytest.raises(pdf.ConversionError):
        write_reports(jobs)
    assert list(tmp_path.iterdir()) == []


def test_shipped_templates_are_thai_correct():
    for kind in reports.KINDS:
        path = reports.builtin_template_dir() / f"{kind}.docx"
        with zipfile.ZipFile(path) as archive:
            styles = archive.read("word/styles.xml").decode()
            document = archive.read("word/document.xml").decode()
            footers = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer"))
        assert 'w:cs="TH Sarabun New"' in styles and "cstheme" not in styles
        assert '<w:szCs w:val="32"/>' in styles and '<w:szCs w:val="28"/>' in styles  # body 16, tables 14 pt
        assert "<w:bCs/>" in styles
        assert 'w:bidi="th-TH"' in styles and 'w:val="en-US"' in styles
        assert "<w:tblHeader/>" in document and "<w:gridCol " in document and 'w:type="dxa"' in document
        assert 'w:top="1417"' in document and 'w:bottom="1134"' in document
        assert 'w:left="1701"' in document and 'w:right="1134"' in document
        assert "PAGE" in footers and 'w:val="th-TH"' in footers
        assert "{%tr for" in document


# --------------------------------------------------------------------------- pieces


def test_format_helpers():
    thai, arabic = ctxmod.Fmt(True), ctxmod.Fmt(False)
    assert thai.period(date(2023, 10, 1), date(2024, 9, 30)).replace("\u00a0", " ") == "๑ ต.ค. ๖๖ – ๓๐ ก.ย. ๖๗"
    assert arabic.period(date(2023, 10, 1), date(2024, 9, 30)).replace("\u00a0", " ") == "1 ต.ค. 66 – 30 ก.ย. 67"
    assert thai.t("ดูที่ https://a1.go.th/x/12 หรือ it9@a1.go.th ภายใน 15 วัน") == \
        "ดูที่ https://a1.go.th/x/12 หรือ it9@a1.go.th ภายใน ๑๕ วัน"
    assert arabic.t("พ.ศ. ๒๕๖๔") == "พ.ศ. 2564"
    assert thai.score(94.185) == "๙๔.๑๙" and thai.signed(-2.0) == "-๒.๐๐" and thai.signed(0.0) == "๐.๐๐"
    assert ctxmod.executive_title("เทศบาลตำบลบ้านธาตุ") == "นายกเทศมนตรีตำบลบ้านธาตุ"
    assert ctxmod.executive_title("องค์การบริหารส่วนตำบลสว่าง") == "นายกองค์การบริหารส่วนตำบลสว่าง"


def test_split_row_keeps_every_word():
    steps = "\a".join(f"{to_thai_digits(i)}.\tกองคลังจัดทำรายงานการใช้จ่ายงบประมาณรอบ ๖ เดือน แล้วเสนอผู้บริหาร"
                      for i in range(1, 9))
    follow_up = ("สำนักปลัดรายงานการประกาศใช้และการเผยแพร่มาตรการต่อปลัดองค์การบริหารส่วนตำบลภายในเดือนธันวาคม "
                 "ติดตามความคืบหน้าของทุกมาตรการรอบ ๖ เดือนภายในเดือนมีนาคม และสิ้นปีภายในเดือนกันยายน") * 2
    units = "\a".join(["กองคลัง", "ร่วมกับ", "สำนักปลัด (งานวิเคราะห์นโยบายและแผน)", "ทุกกอง/สำนัก"] * 3)
    out = layout.split_row([("๑. ความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง", 3.0, True)],
                           {"steps": (steps, 5.9, layout.LIST_HANGING_CM, True), "units": (units, 2.5, 0.0, False),
                            "follow_up": (follow_up, 2.3, 0.0, True)})
    for key, original in (("steps", steps), ("units", units), ("follow_up", follow_up)):
        assert squash(out[f"{key}_head"] + out[f"{key}_tail"]) == squash(original)
        assert out[f"{key}_head"] and out[f"{key}_tail"]
    title_lines = layout.text_lines("๑. ความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง", 3.0, bold=True)
    for key, width, hanging in (("steps", 5.9, layout.LIST_HANGING_CM), ("follow_up", 2.3, 0.0)):
        assert layout.text_lines(out[f"{key}_head"], width, hanging_cm=hanging) <= max(3, title_lines)
    assert out["steps_head"].startswith("๑.\t")
    assert out["steps_tail"].startswith(("\t", "๒.\t"))  # a step cut in two continues after a tab
    assert all(unit in units.split("\a") for unit in out["units_head"].split("\a"))  # names stay whole
    assert layout.text_lines("", 3.0) == 0 and layout.text_lines("ก", 3.0) == 1


def test_recommendations_cover_every_indicator_and_oit_item():
    for year in (2563, 2564, 2565, 2566, 2567, 2568, 2569):
        fw = get_framework(year)
        for indicator in fw.indicators:
            assert rec.indicator_advice(indicator.name), (year, indicator.name)
    themes = {rec.oit_theme(i.label).id for i in get_framework(2564).items if i.instrument == "OIT"}
    assert {"e-service", "procurement", "complaints", "integrity-measures", "basic-information"} <= themes
    assert rec.oit_theme("E-Service").id == "e-service"
    assert rec.reason_advice("ขาดองค์ประกอบปัญหาอุปสรรคและข้อเสนอแนะ")
    assert not rec.reason_advice("แผนการใช้จ่ายงบประมาณประจำปี พ.ศ. ๒๕๖๔")  # a year is not a staleness hint
    assert rec.limitations([]) and all("{" not in line for line in rec.limitations(["no_item_scores"], instruments="IIT"))


def test_ctl_numerals_profile_setting(tmp_path):
    registry = tmp_path / "user" / "registrymodifications.xcu"
    pdf._set_ctl_numerals(tmp_path, True)
    assert "<value>3</value>" in registry.read_text()
    text = registry.read_text().replace("</oor:items>", '<item oor:path="/x"><prop oor:name="y"/></item></oor:items>')
    registry.write_text(text)
    pdf._set_ctl_numerals(tmp_path, False)
    text = registry.read_text()
    assert "<value>0</value>" in text and "<value>3</value>" not in text and 'oor:path="/x"' in text
    assert text.count("CTLTextNumerals") == 1


# --------------------------------------------------------------------------- PDF (LibreOffice)


def pdftotext(path: Path, first: int | None = None, last: int | None = None) -> str:
    cmd = ["pdftotext"]
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*cmd, str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, khongyang, ladya):
    """The three documents (and the plan with Arabic digits), converted in ONE LibreOffice run."""
    out = tmp_path_factory.mktemp("pdf")
    k_results, k_analysis, k_plan = khongyang
    l_results, l_analysis, l_plan = ladya
    l_results = replace(l_results, meeting=SEED_004_MEETING)
    jobs = {
        "analysis": ReportJob("analysis", "pdf", out / "analysis.pdf", k_results, k_analysis, k_plan),
        "plan": ReportJob("plan", "pdf", out / "plan.pdf", l_results, l_analysis, l_plan),
        "implementation": ReportJob("implementation", "pdf", out / "implementation.pdf",
                                    replace(l_results, progress=progress_for(l_plan)), l_analysis, l_plan, "6-month"),
        "plan-arabic": ReportJob("plan", "pdf", out / "plan-arabic.pdf", l_results, l_analysis, l_plan,
                                 thai_digits=False),
        "plan-docx": ReportJob("plan", "docx", out / "plan.docx", l_results, l_analysis, l_plan),
    }
    starts = []
    real_popen = subprocess.Popen

    def counting_popen(cmd, *args, **kwargs):
        if "soffice" in Path(str(cmd[0])).name or "libreoffice" in str(cmd[0]):
            starts.append(cmd)
        return real_popen(cmd, *args, **kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pdf.subprocess, "Popen", counting_popen)
        write_reports(jobs.values())
    return {"paths": {k: j.out for k, j in jobs.items()}, "starts": starts, "jobs": jobs}


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_batch_uses_one_libreoffice_process(pdfs):
    assert len(pdfs["starts"]) == 1
    for path in pdfs["paths"].values():
        assert path.is_file()
    assert zipfile.is_zipfile(pdfs["paths"]["plan-docx"])
    assert not [p for p in pdfs["paths"]["plan"].parent.iterdir() if p.name.startswith(".")]


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_pdf_text_layer_has_agency_indicators_and_measures(pdfs, khongyang, ladya):
    paths = pdfs["paths"]
    analysis_text = squash(pdftotext(paths["analysis"]))
    assert squash("องค์การบริหารส่วนตำบลไค้งยาง") in analysis_text
    for row in khongyang[1].indicators:
        assert squash(row.name) in analysis_text, row.name
    for reason in ("ไม่ชัดเจนว่าเป็นบริการด้านใด", "ขาดองค์ประกอบปัญหาอุปสรรคและข้อเสนอแนะ"):
        assert reason in analysis_text

    plan = ladya[2]
    for kind in ("plan", "implementation", "plan-arabic"):
        text = squash(pdftotext(paths[kind]))
        assert "องค์การบริหารส่วนตำบลลาดหญ้า" in text
        for measure in plan.measures:  # every title, whole (never cut by a page break)
            title = measure.title if kind == "plan-arabic" else to_thai_digits(measure.title)
            assert squash(title) in text, (kind, measure.title)
        if kind != "implementation":
            for row in ladya[1].indicators:
                assert squash(row.name) in text, (kind, row.name)
    assert "{{" not in pdftotext(paths["plan"]) and "{%" not in pdftotext(paths["analysis"])
    assert "๒๔มกราคม๒๕๖๕" in squash(pdftotext(paths["plan"]))
    assert "24มกราคม2565" in squash(pdftotext(paths["plan-arabic"]))


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_pdfs_embed_th_sarabun_new_only(pdfs):
    for kind, path in pdfs["paths"].items():
        if path.suffix != ".pdf":
            continue
        listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        names = [line.split()[0] for line in listing.splitlines()[2:] if line.strip()]
        assert names and all("THSarabunNew" in n for n in names), (kind, names)
        assert any("THSarabunNew-Bold" in n for n in names)
        assert all(line.split()[-5] == "yes" for line in listing.splitlines()[2:] if line.strip())  # embedded
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        assert "A4" in info or "842 x 595" in info


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_page_numbers_follow_the_digit_setting(pdfs, tmp_path):
    from PIL import Image, ImageChops

    paths = pdfs["paths"]
    assert not re.search(r"-\s*1\s*-", pdftotext(paths["analysis"], 1))  # no number on the cover
    assert re.search(r"-\s*2\s*-", pdftotext(paths["analysis"], 2))
    crops = []
    for kind in ("plan", "plan-arabic"):  # same layout, page numbers drawn as ๒ and 2
        subprocess.run(["pdftoppm", "-r", "60", "-f", "2", "-l", "2", "-png", str(paths[kind]),
                        str(tmp_path / kind)], check=True)
        image = Image.open(next(tmp_path.glob(f"{kind}-*.png"))).convert("L")
        w, h = image.size
        crops.append(image.crop((w // 3, h - h // 14, 2 * w // 3, h)))
    assert ImageChops.difference(*crops).getbbox() is not None
