"""The three official documents (issue 8 rebuild): DOCX structure and wording (fast), PDF text
layer, fonts, page counts and page fill (LibreOffice, one batch).

Texts are compared through :func:`prongsai.documents.wordbreak.strip_marks`: every rendered
variable carries ZERO WIDTH SPACE between Thai words and WORD JOINER after Latin hyphens.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from prongsai import tracking
from prongsai.documents import context as ctxmod
from prongsai.documents import pdf, reports
from prongsai.documents import recommendations as rec
from prongsai.documents import rows as rowsmod
from prongsai.documents.numbering import STEPS_ABSTRACT_ID, STEPS_STYLE_ID
from prongsai.documents.reports import ReportJob, build_report, write_report, write_reports
from prongsai.documents.wordbreak import WORD_JOINER, ZWSP, strip_marks
from prongsai.errors import InputError
from prongsai.ita.analysis import analyse
from prongsai.ita.library import get_framework
from prongsai.ita.results import AgencyResults, ItemResult, Meeting, ProgressEntry, YearResult
from prongsai.planning.draft import Measure, MeasurePlan, draft_plan
from prongsai.results_io import read_results
from prongsai.thai import to_arabic_digits, to_thai_digits

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
THAI_DIGIT = re.compile("[๐-๙]")
ARABIC_DIGIT = re.compile("[0-9]")
THAI_CHAR = re.compile("[\u0e01-\u0e4e]")
NBSP = "\u00a0"

needs_soffice = pytest.mark.skipif(
    not pdf.soffice_available(),
    reason=f"LibreOffice (soffice) is not installed: apt-get install -y {pdf.DEBIAN_PACKAGE}",
)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdffonts, pdftoppm) is not installed: apt-get install -y poppler-utils",
)

RANKING_HEADER = ["อันดับ", "ตัวชี้วัด", "แบบวัด", "คะแนน", "ผลการประเมิน"]
IMPROVEMENT_HEADER = ["ประเด็นที่เป็นข้อบกพร่อง/จุดอ่อนจากการประเมิน", "ขั้นตอนหรือวิธีการ/มาตรการ", "ผู้รับผิดชอบ",
                      "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ"]
FAILED_OIT_HEADER = ["ตัวชี้วัดย่อย", "ข้อ", "รายการ", "ข้อสังเกตของผู้ตรวจประเมิน"]
HISTORY_HEADER = ["ปีงบประมาณ", "คะแนนรวม", "ระดับ", "IIT", "EIT", "OIT"]
PLAN_HEADER = ["มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "การติดตามผล"]
WEAK_HEADER = ["ตัวชี้วัด", "คะแนน", "ประเด็นที่ต้องแก้ไข/ปรับปรุง", "วิธีการแก้ไข"]
IMPLEMENTATION_HEADER = ["มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา", "ผลการดำเนินการ",
                         "ผลลัพธ์หรือความสำเร็จ"]
NO_REPORT = "ยังไม่มีการรายงานผล"
PROBLEMS_HEADING = "ปัญหา อุปสรรค และข้อเสนอแนะ"
# What a limitation line must never tell the public: what data the program had.
DATA_NOTE = re.compile(
    r"ข้อมูลที่ใช้|ข้อมูลที่ได้รับ|ผลการประเมินที่(?:หน่วยงาน)?ได้รับ|ไม่แสดง(?:ผล|คะแนน)รายข้อ|ไม่มีคะแนนราย|"
    r"มีเฉพาะคะแนน|เฉพาะคะแนนรายตัวชี้วัด|โปรแกรม|Prongsai"
)
BE_YEAR = re.compile(r"(?:พ\.\s*ศ\.|ปี)\s*([0-9]{4})(?![0-9])")


# --------------------------------------------------------------------------- inputs


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


@pytest.fixture(scope="module")
def ladya_progress():
    """Seed 004 with its meeting and progress of measures 1–3 (examples/ladya-2564-progress.yaml)."""
    return _load("ladya-2564-progress.yaml")


SEED_004_MEETING = Meeting(
    date=date(2022, 1, 24),
    title="ผู้บริหารและเจ้าหน้าที่องค์การบริหารส่วนตำบลลาดหญ้า",
    place="ห้องประชุมองค์การบริหารส่วนตำบลลาดหญ้า",
    attendees=("นายกองค์การบริหารส่วนตำบลลาดหญ้า", "ปลัดองค์การบริหารส่วนตำบลลาดหญ้า",
               "พนักงานส่วนตำบลและพนักงานจ้าง"),
)

SEED_004_FAILED_OIT = ("O1", "O2", "O13", "O15", "O16", "O17", "O18", "O19", "O23", "O29", "O30", "O31", "O33",
                       "O38", "O41", "O42", "O43")


def bangphra_results() -> AgencyResults:
    """A เทศบาลตำบล of our own making at level E (FY2565), two OIT items failed."""
    return AgencyResults(
        agency="เทศบาลตำบลบางพระ", agency_type="เทศบาลตำบล", district="ศรีราชา", province="ชลบุรี",
        current=YearResult(
            2565,
            indicators={1: 78.5, 2: 61.1, 3: 74.0, 4: 66.2, 5: 64.3, 6: 66.0, 7: 61.4, 8: 55.9, 9: 41.6, 10: 18.5},
            total=51.0, level="E",
            items={"O10": ItemResult("O10", 0, "ไม่พบข้อมูลบนเว็บไซต์"),
                   "O36": ItemResult("O36", 0, "ไม่พบข้อมูลของปีที่ประเมิน")},
        ),
    )


@pytest.fixture(scope="module")
def bangphra():
    results = bangphra_results()
    analysis = analyse(results, get_framework)
    assert analysis.level == "E"  # the fixture is what it says
    plan = draft_plan(results, analysis)
    progress = (ProgressEntry(measure="1", status=tracking.IN_PROGRESS, as_of=date(2023, 3, 31),
                              done="ชี้แจงแนวปฏิบัติให้พนักงานเทศบาลทุกกองแล้ว"),)
    return replace(results, progress=progress), analysis, plan


def progress_for(plan: MeasurePlan) -> tuple[ProgressEntry, ...]:
    """By number, by title, by Thai number; measure 3 late at the 6-month cut-off and done after it."""
    return (
        ProgressEntry(measure="1", status="เสร็จสิ้น", as_of=date(2022, 3, 31),
                      done="ประชุมชี้แจงบุคลากรทุกกอง 15 ธันวาคม 2564", result="บุคลากรรับทราบครบ 42 คน",
                      outcome="ไม่มีเรื่องร้องเรียนในรอบ 6 เดือน ดูรายละเอียดที่ https://www.ladya.go.th/ita/2565"),
        ProgressEntry(measure=plan.measures[1].title, status="กำลังดำเนินการ", as_of=date(2022, 3, 25),
                      done="ลงข้อมูลการจัดซื้อจัดจ้าง 5 จาก 6 เดือน",
                      evidence=("คำสั่งแต่งตั้ง.pdf", "https://www.example.go.th/ita/o12")),
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


# --------------------------------------------------------------------------- built documents (cached)


def _built(kind: str, results: AgencyResults, analysis, plan, period: str = "year-end",
           thai_digits: bool = True, allow_empty: bool = False) -> bytes:
    return build_report(kind, results, analysis=analysis, plan=plan, period=period,  # type: ignore[arg-type]
                        thai_digits=thai_digits, allow_empty=allow_empty)


@pytest.fixture(scope="module")
def docs(khongyang, ladya, ladya_progress, bangphra):
    """Every DOCX the fast tests read, built once."""
    k_results, k_analysis, k_plan = khongyang
    l_results, l_analysis, l_plan = ladya
    p_results, p_analysis, p_plan = ladya_progress
    b_results, b_analysis, b_plan = bangphra
    with_meeting = replace(l_results, meeting=SEED_004_MEETING)
    return {
        "analysis-003": _built("analysis", k_results, k_analysis, k_plan),
        "analysis-004": _built("analysis", l_results, l_analysis, l_plan),
        "plan-004": _built("plan", with_meeting, l_analysis, l_plan),
        "plan-004-no-meeting": _built("plan", l_results, l_analysis, l_plan),
        "implementation-004": _built("implementation", replace(with_meeting, progress=progress_for(l_plan)),
                                     l_analysis, l_plan, "6-month"),
        "implementation-004-example": _built("implementation", p_results, p_analysis, p_plan, "6-month"),
        "analysis-bangphra": _built("analysis", b_results, b_analysis, b_plan),
        "plan-bangphra": _built("plan", b_results, b_analysis, b_plan),
        "implementation-bangphra": _built("implementation", b_results, b_analysis, b_plan),
    }


# --------------------------------------------------------------------------- DOCX helpers


def open_docx(data: bytes):
    return Document(io.BytesIO(data))


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def raw_text(element) -> str:
    """The text of a paragraph (or any element) as stored: w:t and w:tab, marks kept."""
    out = []
    for el in element.iter(qn("w:t"), qn("w:tab")):
        out.append("\t" if el.tag == qn("w:tab") else (el.text or ""))
    return "".join(out)


def ptext(element) -> str:
    return strip_marks(raw_text(element))


def style_id(p) -> str:
    style = p.find(qn("w:pPr") + "/" + qn("w:pStyle"))
    return style.get(qn("w:val")) if style is not None else ""


def body_paragraphs(doc) -> list:
    """Every w:p of the body, tables included, in document order."""
    return list(doc.element.body.iter(qn("w:p")))


def doc_text(data: bytes) -> str:
    """All paragraph texts of body, headers and footers, marks stripped, one per line."""
    lines = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        from lxml import etree

        for name in archive.namelist():
            if name.startswith(("word/document", "word/footer", "word/header")) and name.endswith(".xml"):
                root = etree.fromstring(archive.read(name))
                lines.extend(ptext(p) for p in root.iter(qn("w:p")))
    return "\n".join(lines)


def flat(text: str) -> str:
    return text.replace(NBSP, " ")


def headings(doc, level: int | None = None) -> list[str]:
    wanted = (f"Heading{level}",) if level else ("Heading1", "Heading2", "Heading3")
    return [flat(ptext(p)) for p in body_paragraphs(doc) if style_id(p) in wanted]


def cell_text(cell) -> str:
    return "\n".join(ptext(p) for p in cell._tc.iter(qn("w:p")))


def header_of(table) -> list[str]:
    return [cell_text(c) for c in table.rows[0].cells]


def tables_with(doc, header: list[str]) -> list:
    return [t for t in doc.tables if header_of(t) == header]


def rows_of(table) -> list[list[str]]:
    return [[cell_text(c) for c in r.cells] for r in table.rows[1:]]


def cell_paragraphs(cell) -> list:
    return [p for p in cell._tc.iter(qn("w:p")) if ptext(p).strip()]


def steps_paragraphs(cell) -> list:
    return [p for p in cell_paragraphs(cell) if style_id(p) == STEPS_STYLE_ID]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", flat(text))


def section_lines(text: str, start: str, end: str | None = None) -> list[str]:
    """The lines of `text` after the first line starting with `start` (not a สารบัญ line, which has
    a tab), up to one starting with `end`."""
    lines = text.splitlines()
    begin = next(i for i, line in enumerate(lines) if flat(line).startswith(start) and "\t" not in line)
    out = []
    for line in lines[begin + 1:]:
        if end is not None and flat(line).startswith(end):
            break
        out.append(line)
    return out


def be_years(text: str) -> list[int]:
    return [int(y) for y in BE_YEAR.findall(to_arabic_digits(flat(text)))]


# --------------------------------------------------------------------------- analysis (seed 003)


def _front_matter(doc) -> list[str]:
    """Paragraph texts before the body section (cover, คำนำ, สารบัญ)."""
    out = []
    for p in body_paragraphs(doc):
        out.append(flat(ptext(p)))
        if p.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None:
            break
    return out


def test_analysis_has_the_seed_003_structure(khongyang):
    results, analysis, plan = khongyang
    results = replace(results, prepared_by="นางสาวทดสอบ ใจดี, นักวิเคราะห์นโยบายและแผน")
    data = build_report("analysis", results, analysis=analysis, plan=plan)
    doc = open_docx(data)
    front = _front_matter(doc)
    # cover: title, year, ผู้จัดทำ (name and position), agency and place; then คำนำ and สารบัญ
    cover = front[:front.index("คำนำ")]
    assert "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส" in cover
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๕" in cover
    assert cover.index("นางสาวทดสอบ ใจดี") < cover.index("นักวิเคราะห์นโยบายและแผน") < cover.index("ผู้จัดทำ")
    assert "องค์การบริหารส่วนตำบลไค้งยาง" in cover and "อำเภอสูงเนิน จังหวัดนครราชสีมา" in cover
    foreword = front[front.index("คำนำ") + 1:front.index("สารบัญ")]
    assert sum(len(t) > 100 for t in foreword) >= 2  # two paragraphs of foreword
    assert "ผู้จัดทำ" in foreword
    toc = [t for t in front[front.index("สารบัญ") + 1:] if "\t" in t]
    assert [t.split("\t")[0] for t in toc] == [
        "๑. ความเป็นมาของการประเมิน", "๒. ผลการประเมิน ปีงบประมาณ พ.ศ. ๒๕๖๕",
        "๓. การวิเคราะห์ผลการประเมินรายตัวชี้วัด", "๓.๑ จุดแข็ง", "๓.๒ จุดอ่อนที่ต้องพัฒนา",
        "๓.๓ ข้อมูลที่เปิดเผยบนเว็บไซต์ (OIT) ที่ไม่ได้คะแนน", "๔. ข้อเสนอแนะจากการวิเคราะห์ผลการประเมิน",
        "๕. การนำผลการประเมินไปปรับปรุงและพัฒนาในปีงบประมาณ พ.ศ. ๒๕๖๖",
    ]  # no ๖ without earlier years

    sections = headings(doc, 2)
    numbered = [h.split(" ")[0] for h in sections if THAI_DIGIT.match(h)]
    assert numbered == ["๑.", "๒.", "๓.", "๔.", "๕."]
    subs = headings(doc, 3)
    assert subs[:3] == ["๓.๑ จุดแข็ง (ตัวชี้วัดที่ได้คะแนนตั้งแต่ ๙๕ คะแนนขึ้นไป)",
                        "๓.๒ จุดอ่อนที่ต้องพัฒนา (ตัวชี้วัดที่ได้คะแนนต่ำกว่า ๘๕ คะแนน)",
                        "๓.๓ ข้อมูลที่เปิดเผยบนเว็บไซต์ (OIT) ที่ไม่ได้คะแนน"]
    assert [h for h in subs if h.startswith("๔.")] == [
        "๔.๑ ด้าน IIT (แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน)",
        "๔.๒ ด้าน EIT (แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก)",
        "๔.๓ ด้าน OIT (แบบตรวจการเปิดเผยข้อมูลสาธารณะ)",
    ]

    text = doc_text(data)
    assert "มีคะแนนรวม ๙๔.๑๙ คะแนน อยู่ในระดับ A" in flat(text)
    assert "{{" not in text and "{%" not in text

    # ranking: one row per indicator, best first
    ranking = tables_with(doc, RANKING_HEADER)
    assert len(ranking) == 1
    rows = rows_of(ranking[0])
    assert [r[0] for r in rows] == [to_thai_digits(i) for i in range(1, 11)]
    assert [r[1] for r in rows] == [row.name for row in analysis.ranking]
    assert rows[-1][1:] == ["การปรับปรุงการทำงาน", "EIT", "๘๑.๑๓", "ไม่ผ่านเกณฑ์"]

    # ๔: per-instrument tables ตัวชี้วัด · ประเด็น… · วิธีการพัฒนา, in order IIT, EIT, OIT
    advice = [t for t in doc.tables if header_of(t)[0] == "ตัวชี้วัด" and header_of(t)[-1] == "วิธีการพัฒนา"
              and len(header_of(t)) == 3]
    assert len(advice) == 3
    assert [header_of(t)[1] for t in advice] == ["ประเด็นที่มีคะแนนต่ำสุด (คะแนน)"] * 2 + ["ข้อที่ไม่ได้คะแนน"]
    iit, eit, oit = (rows_of(t) for t in advice)
    assert iit[0][0] == "ตัวชี้วัดที่ ๒ การใช้งบประมาณ (๙๗.๔๑)"  # no IIT weakness: its lowest indicator
    assert eit[0][0] == "ตัวชี้วัดที่ ๘ การปรับปรุงการทำงาน (๘๑.๑๓)"
    assert all(r[2].startswith("– ") for r in iit + eit + oit)
    for code in ("O๑๒", "O๑๗", "O๒๐"):
        assert code in oit[0][1] and code in oit[0][2]

    # ๕: improvement tables with the seed's four columns
    improvement = tables_with(doc, IMPROVEMENT_HEADER)
    assert len(improvement) >= 2
    every = [r for t in improvement for r in rows_of(t)]
    assert any("ตัวชี้วัดที่ ๘ การปรับปรุงการทำงาน (๘๑.๑๓)" in r[0] for r in every)
    full = [r for r in every if "ดำเนินการตามมาตรการที่" not in r[1]]
    assert full and all("แล้วเสร็จ" in r[3] or "ตลอดปีงบประมาณ" in r[3] for r in full)  # a deadline in full rows
    oit_codes = "".join(r[0] for r in every)
    for code in ("O๑๒", "O๑๗", "O๒๐"):
        assert code in oit_codes

    # ๓.๓: failed OIT items with the reviewer's reasons
    failed = tables_with(doc, FAILED_OIT_HEADER)
    assert len(failed) == 1
    failed_rows = rows_of(failed[0])
    assert [r[1] for r in failed_rows] == ["O๑๒", "O๑๗", "O๒๐"]
    assert failed_rows[1][3] == "ไม่ชัดเจนว่าเป็นบริการด้านใด"
    assert failed_rows[2][0] == "๙.๓ การบริหารเงินงบประมาณ"

    assert len(doc.inline_shapes) == 2  # instrument chart and indicator chart
    assert not ARABIC_DIGIT.search(text), ARABIC_DIGIT.findall(text)[:5]

    # approval: the preparer and the chief officer who proposes it, then the executive's decision
    # (with the place name) and a date, in borderless signature tables
    proposed, approved = doc.tables[-2], doc.tables[-1]
    sig = [cell_text(c) for c in proposed.rows[0].cells]
    assert "ผู้จัดทำ" in sig[0] and "(นางสาวทดสอบ ใจดี)" in sig[0]
    assert "ผู้เสนอ" in sig[1] and "ปลัดองค์การบริหารส่วนตำบลไค้งยาง" in sig[1]
    decision = cell_text(approved.rows[0].cells[0])
    assert "นายกองค์การบริหารส่วนตำบลไค้งยาง" in decision and "วันที่" in decision
    for table in (proposed, approved):
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert borders is not None and all(b.get(qn("w:val")) == "nil" for b in borders)
    assert any(flat(t).startswith("ความเห็นของนายกองค์การบริหารส่วนตำบลไค้งยาง") and "อนุมัติ" in t
               for t in text.splitlines())
    closing = [flat(t) for t in text.splitlines() if t.startswith("เสนอนายกองค์การบริหารส่วนตำบลไค้งยางเพื่อโปรดพิจารณาอนุมัติ")]
    assert closing


def test_analysis_iit_table_names_the_lowest_items_it_has(docs):
    """Seed 003 gives I7, I11, I12 (all ≥ 85): section ๔ lists them as the lowest items of
    indicator ๒, and never says the result has no item scores."""
    doc = open_docx(docs["analysis-003"])
    advice = [t for t in doc.tables if len(header_of(t)) == 3 and header_of(t)[-1] == "วิธีการพัฒนา"]
    issues = rows_of(advice[0])[0][1]
    for item in ("I๗", "I๑๑", "I๑๒"):
        assert item in issues, issues
    assert "(๙๒.๔๓)" in issues
    assert "ไม่แสดงคะแนนรายข้อ" not in doc_text(docs["analysis-003"])


def _bookmarks_and_refs(doc) -> tuple[dict[str, str], list[str]]:
    """{bookmark name: style of its paragraph} and the PAGEREF targets, in order."""
    marks = {}
    for p in body_paragraphs(doc):
        for start in p.iter(qn("w:bookmarkStart")):
            marks[start.get(qn("w:name"))] = (style_id(p), flat(ptext(p)))
    refs = []
    for instr in doc.element.body.iter(qn("w:instrText")):
        match = re.match(r"\s*PAGEREF\s+(\S+)", instr.text or "")
        if match:
            refs.append(match.group(1))
    return marks, refs


def test_analysis_toc_is_pageref_fields_to_heading_bookmarks(docs):
    doc = open_docx(docs["analysis-003"])
    marks, refs = _bookmarks_and_refs(doc)
    assert len(refs) == 8 and len(set(refs)) == 8
    toc_lines = [p for p in body_paragraphs(doc) if any(
        (i.text or "").strip().startswith("PAGEREF") for i in p.iter(qn("w:instrText")))]
    for ref, line in zip(refs, toc_lines, strict=True):
        assert ref in marks, ref
        style, heading = marks[ref]
        assert style.startswith("Heading"), (ref, style)
        title = flat(ptext(line)).split("\t")[0]
        assert heading.startswith(title), (title, heading)  # the TOC line names its heading
        field = raw_text(line)
        assert "\t" in field  # title, tab to the page number


def test_analysis_year_over_year_section(khongyang):
    results, _, _ = khongyang
    earlier = YearResult(2564, indicators={1: 95.0, 2: 90.0, 3: 96.0, 4: 97.0, 5: 92.0, 6: 88.0, 7: 85.0, 8: 80.0,
                                          9: 70.0, 10: 62.5})
    results = replace(results, previous=(earlier,))
    analysis = analyse(results, get_framework)
    data = build_report("analysis", results, analysis=analysis)  # the plan is drafted when not given
    doc = open_docx(data)
    assert "๖. เปรียบเทียบผลการประเมินกับปีที่ผ่านมา" in headings(doc, 2)
    marks, refs = _bookmarks_and_refs(doc)
    assert len(refs) == 9 and refs[-1] in marks and marks[refs[-1]][1].startswith("๖.")
    years = tables_with(doc, HISTORY_HEADER)
    assert len(years) == 1
    assert [r[0] for r in rows_of(years[0])] == ["๒๕๖๔", "๒๕๖๕"]
    assert "คะแนนรวมเพิ่มขึ้น" in doc_text(data)


def _improvement_rows(doc):
    """(table code, measure numbers, title cell, steps texts, other texts) of every row of the
    section-๕ tables; a row referring to measures printed elsewhere may name several."""
    out = []
    for table in tables_with(doc, IMPROVEMENT_HEADER):
        caption = flat(ptext(table._tbl.getprevious()))
        code = re.search(r"\((IIT|EIT|OIT)\)", caption).group(1)
        for row in table.rows[1:]:
            cell = row.cells[1]
            paragraphs = cell_paragraphs(cell)
            title = flat(ptext(paragraphs[0]))
            if title.startswith("รักษามาตรฐาน"):  # an instrument with no weakness and no measure of its own
                continue
            match = re.match(r"มาตรการที่ ((?:[๐-๙]+(?:, | และ )?)+)", title)
            assert match, title
            numbers = [int(to_arabic_digits(n)) for n in re.findall("[๐-๙]+", match.group(1))]
            steps = [flat(ptext(p)) for p in steps_paragraphs(cell)]
            other = [flat(ptext(p)) for p in paragraphs[1:] if style_id(p) != STEPS_STYLE_ID]
            out.append((code, numbers, title, steps, other))
    return out


@pytest.mark.parametrize("key", ["analysis-003", "analysis-004"])
def test_analysis_prints_each_measure_with_its_steps_once(docs, khongyang, ladya, key):
    plan = (khongyang if key.endswith("003") else ladya)[2]
    doc = open_docx(docs[key])
    rows = _improvement_rows(doc)
    full = [(code, numbers[0]) for code, numbers, _, steps, _ in rows if steps]
    assert sorted(n for _, n in full) == list(range(1, len(plan.measures) + 1)), full  # once in full, never twice
    home = dict((n, code) for code, n in full)
    for code, numbers, title, steps, other in rows:
        if steps:
            (number,) = numbers
            measure = plan.measures[number - 1]
            assert title == f"มาตรการที่ {to_thai_digits(number)} {flat(to_thai_digits(measure.title))}"
            assert steps == [flat(to_thai_digits(s)) for s in measure.steps] and not other
        else:  # a reference: "ดำเนินการตามมาตรการที่ … ในตารางด้าน …", to measures printed in another table
            assert len(other) == 1 and other[0].startswith("ดำเนินการตามมาตรการที่ "), other
            for number in numbers:
                assert home[number] != code and home[number] in other[0], (number, home[number], other[0])
            for number in numbers:  # never a measure's title printed again with the reference
                assert flat(to_thai_digits(plan.measures[number - 1].title)) not in title
    # and no step text is printed anywhere else in the report
    texts = [flat(ptext(p)) for p in body_paragraphs(doc)]
    for measure in plan.measures:
        for step in measure.steps:
            assert texts.count(flat(to_thai_digits(step))) == 1, step
        assert sum(t.endswith(flat(to_thai_digits(measure.title))) and t.startswith("มาตรการที่")
                   for t in texts) <= len(tables_with(doc, IMPROVEMENT_HEADER))


def test_analysis_lists_all_17_failed_oit_items_of_seed_004(docs):
    doc = open_docx(docs["analysis-004"])
    text = doc_text(docs["analysis-004"])
    section = "\n".join(section_lines(text, "๓.๓ ", "๔. "))
    failed = tables_with(doc, FAILED_OIT_HEADER)
    assert len(failed) == 1
    codes = [r[1] for r in rows_of(failed[0])]
    assert codes == [to_thai_digits(c) for c in SEED_004_FAILED_OIT]  # all 17, none left out, in order
    assert all(r[3] for r in rows_of(failed[0]))  # each with a reason
    assert "จำนวน ๑๗ ข้อ" in flat(section)
    for code in SEED_004_FAILED_OIT:
        assert to_thai_digits(code) in section


def test_analysis_with_arabic_digits(docs, khongyang):
    results, analysis, plan = khongyang
    data = build_report("analysis", results, analysis=analysis, plan=plan, thai_digits=False)
    text = doc_text(data)
    body = "\n".join(line for line in text.splitlines() if "\t" not in line)
    assert not THAI_DIGIT.search(body), THAI_DIGIT.findall(body)[:5]  # also the reviewer's "พ.ศ. ๒๕๖๔"
    assert "มีคะแนนรวม 94.19 คะแนน" in text
    assert "1. ความเป็นมาของการประเมิน" in headings(open_docx(data))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".xml"))
    assert 'w:fmt="thaiNumbers"' not in xml
    assert 'w:val="thaiNumbers"' not in xml  # list labels of the steps count 1. 2. 3.
    assert 'w:val="th-TH"' not in xml  # LibreOffice's Context numerals then keep page numbers Arabic


def test_toc_page_numbers_follow_the_digit_setting(khongyang):
    """The cached results of the สารบัญ's PAGEREF fields (what Word shows until the fields are
    updated) use the document's digits too."""
    results, analysis, plan = khongyang
    text = doc_text(build_report("analysis", results, analysis=analysis, plan=plan, thai_digits=False))
    toc = [line for line in text.splitlines() if "\t" in line]
    assert len(toc) == 8
    assert not any(THAI_DIGIT.search(line) for line in toc), toc[:2]


def test_thai_digits_document_has_thai_page_numbers(docs):
    data = docs["analysis-003"]
    document = part(data, "word/document.xml")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        footers = [archive.read(n).decode() for n in archive.namelist() if n.startswith("word/footer")]
    assert 'w:fmt="thaiNumbers"' in document  # Word
    page_footer = next(f for f in footers if "PAGE" in f)
    assert 'w:val="th-TH"' in page_footer  # LibreOffice: Context numerals print the field as ๑ ๒ ๓


def test_analysis_names_the_possible_levels_when_undetermined():
    results = AgencyResults(agency="เทศบาลตำบลทดสอบ", agency_type="เทศบาลตำบล",
                            current=YearResult(2567, total=90.0))
    analysis = analyse(results, get_framework)
    assert analysis.level is None and analysis.score.level.possible
    text = flat(doc_text(build_report("analysis", results, analysis=analysis)))
    assert "อยู่ในระดับ " + " หรือ ".join(analysis.score.level.possible) in text


# --------------------------------------------------------------------------- plan (seeds 004, 000)


def _plan_table(doc):
    tables = tables_with(doc, PLAN_HEADER)
    assert len(tables) == 1
    return tables[0]


def test_plan_cover_names_the_responsible_unit(docs):
    doc = open_docx(docs["plan-004"])
    cover = _front_matter(doc)
    assert "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน" in cover
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕" in cover
    assert "องค์การบริหารส่วนตำบลลาดหญ้า" in cover
    assert "จัดทำโดย สำนักปลัด" in cover  # seed 000: the unit that prepares the plan
    assert len(cover) < 40  # the cover is its own section, before the body


def test_plan_has_the_score_box_and_low_counts(docs, ladya):
    _, analysis, _ = ladya
    data = docs["plan-004"]
    doc = open_docx(data)
    box = [t for t in doc.tables if [r.cells[0].text for r in t.rows] == ["คะแนนสูงสุด", "คะแนนต่ำสุด"]]
    assert len(box) == 1
    rows = [[cell_text(c) for c in r.cells] for r in box[0].rows]
    assert rows == [["คะแนนสูงสุด", "๙๓.๕๗", "การปฏิบัติหน้าที่"], ["คะแนนต่ำสุด", "๓๗.๕๐", "การป้องกันการทุจริต"]]
    text = flat(doc_text(data))
    assert "ข้อของแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ที่ต้องปรับปรุง จำนวน ๑๗ ข้อ" in text
    weak = tables_with(doc, WEAK_HEADER)
    assert len(weak) == 1 and len(rows_of(weak[0])) == len(analysis.weaknesses) == 7


def test_plan_has_one_row_per_measure_with_word_numbered_steps(docs, ladya):
    results, analysis, plan = ladya
    data = docs["plan-004"]
    doc = open_docx(data)
    table = _plan_table(doc)
    rows = table.rows[1:]
    assert len(rows) == len(plan.measures)
    num_ids = []
    for number, (row, measure) in enumerate(zip(rows, plan.measures, strict=True), start=1):
        heading = flat(ptext(cell_paragraphs(row.cells[0])[0]))
        assert heading == f"{to_thai_digits(number)}. {flat(to_thai_digits(measure.title))}"
        # a short row is kept whole, a long one may break across pages (under the repeated header)
        short = max(rowsmod._cell_lines(tc) for tc in row._tr.findall(qn("w:tc"))) <= rowsmod.KEEP_LINES
        kept = row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
        assert kept == short, (number, short)
        steps = steps_paragraphs(row.cells[1])
        assert [flat(ptext(p)) for p in steps] == [flat(to_thai_digits(s)) for s in measure.steps]
        assert not any(re.match(r"[๐-๙0-9]+\.\s", ptext(p)) for p in steps)  # numbered by Word, not typed
        ids = {p.find(qn("w:pPr") + "/" + qn("w:numPr") + "/" + qn("w:numId")).get(qn("w:val")) for p in steps}
        assert len(ids) == 1, ids  # one list per cell
        num_ids.append(ids.pop())
        assert cell_text(row.cells[2]).startswith(measure.responsible)
    assert len(set(num_ids)) == len(num_ids)  # every cell its own list …
    numbering = open_docx(data).part.numbering_part.element
    by_id = {n.get(qn("w:numId")): n for n in numbering.findall(qn("w:num"))}
    for num_id in num_ids:  # … restarting at ๑
        num = by_id[num_id]
        assert num.find(qn("w:abstractNumId")).get(qn("w:val")) == str(STEPS_ABSTRACT_ID)
        start = num.find(qn("w:lvlOverride") + "/" + qn("w:startOverride"))
        assert start is not None and start.get(qn("w:val")) == "1", num_id
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None  # repeated on every page
    text = doc_text(data)
    assert not ARABIC_DIGIT.search(text), ARABIC_DIGIT.findall(text)[:5]


def test_plan_has_no_notes_to_the_preparer(docs):
    for key in ("plan-004", "plan-004-no-meeting", "plan-bangphra"):
        data = docs[key]
        text = doc_text(data)
        assert "หมายเหตุถึงผู้จัดทำ" not in text, key
        document = part(data, "word/document.xml")
        assert "<w:highlight" not in document, key
        assert "หมายเหตุ" not in text, key
    styles = part(docs["plan-004"], "word/styles.xml")
    assert "<w:highlight" not in styles


def test_plan_limitations_say_nothing_about_the_data(docs, ladya):
    results, analysis, plan = ladya  # IIT and EIT item scores missing: the draft must not tell the public
    for key in ("plan-004", "plan-bangphra"):
        text = doc_text(docs[key])
        limitations = section_lines(text, "๔. ข้อจำกัด", "จึงประกาศ")
        assert limitations, key
        for line in limitations:
            assert not DATA_NOTE.search(line), (key, line)
    ctx = reports.build_context("plan", results, analysis=analysis, plan=plan, charts=False)
    assert ctx["limitations"] and not any(DATA_NOTE.search(line) for line in ctx["limitations"])


def test_plan_without_meeting_leaves_dotted_lines(docs):
    text = doc_text(docs["plan-004-no-meeting"])
    meeting = next(t for t in text.splitlines() if t.startswith("จากการประชุม"))
    assert ctxmod.BLANK in meeting


def test_plan_with_meeting_from_the_results(ladya):
    results, analysis, plan = ladya
    meeting = replace(SEED_004_MEETING, title="การประชุมผู้บริหารและเจ้าหน้าที่ ครั้งที่ 1/2565")
    results = replace(results, meeting=meeting, prepared_by="นางสาวทดสอบ ใจดี")
    text = flat(doc_text(build_report("plan", results, analysis=analysis, plan=plan)))
    assert "จากการประชุมผู้บริหารและเจ้าหน้าที่ ครั้งที่ ๑/๒๕๖๕ เมื่อวันที่ ๒๔ มกราคม ๒๕๖๕" in text
    assert "การประชุมการประชุม" not in text
    assert "ณ ห้องประชุมองค์การบริหารส่วนตำบลลาดหญ้า" in text
    assert "พนักงานส่วนตำบลและพนักงานจ้าง" in text
    # a plan is announced by the executive alone (ประกาศ), not signed by its preparer
    assert "ประกาศ ณ วันที่" in text and "นายกองค์การบริหารส่วนตำบลลาดหญ้า" in text
    assert "นางสาวทดสอบ ใจดี" not in text


def _results_with_meeting_date(tmp_path: Path, written: str) -> AgencyResults:
    source = (EXAMPLES / "ladya-2564.yaml").read_text(encoding="utf-8")
    path = tmp_path / "ladya.yaml"
    path.write_text(source + f"meeting:\n  date: {written}\n  title: ผู้บริหารและเจ้าหน้าที่\n", encoding="utf-8")
    return read_results(path)


@pytest.mark.parametrize("written", ["8 ธันวาคม 2564", "๘ ธันวาคม ๒๕๖๔", "8 ธ.ค. 64", "2564-12-08"])
def test_thai_form_meeting_date_prints_the_buddhist_year(tmp_path, ladya, written):
    _, analysis, plan = ladya
    results = _results_with_meeting_date(tmp_path, written)
    assert results.meeting is not None and results.meeting.date == date(2021, 12, 8)
    text = flat(doc_text(build_report("plan", results, analysis=analysis, plan=plan)))
    assert "เมื่อวันที่ ๘ ธันวาคม ๒๕๖๔" in text
    assert all(2400 <= y <= 2700 for y in be_years(text)), be_years(text)


def test_no_document_prints_a_year_outside_the_buddhist_era(docs, khongyang):
    results, analysis, plan = khongyang
    arabic = build_report("plan", results, analysis=analysis, plan=plan, thai_digits=False)
    for key, data in [*docs.items(), ("plan-003-arabic", arabic)]:
        years = be_years(doc_text(data))
        assert years, key
        assert all(2400 <= y <= 2700 for y in years), (key, sorted(set(years)))


# --------------------------------------------------------------------------- a เทศบาลตำบล


@pytest.mark.parametrize("kind", ["analysis", "plan", "implementation"])
def test_tessaban_documents_use_its_own_terms(docs, kind):
    text = flat(doc_text(docs[f"{kind}-bangphra"]))
    assert "เทศบาลตำบลบางพระ" in text
    assert "ข้อบัญญัติ" not in text, [line for line in text.splitlines() if "ข้อบัญญัติ" in line][:3]
    bare = [m.start() for m in re.finditer("นายกเทศมนตรีตำบล", text) if not text.startswith("บางพระ", m.end())]
    context = [text[max(0, i - 30):i + 40] for i in bare[:3]]
    assert not bare, context
    assert "นายกเทศมนตรีตำบลบางพระ" in text  # the approver / executive, with the place name
    assert "องค์การบริหารส่วนตำบล" not in text


# --------------------------------------------------------------------------- implementation (seed 002)


def _implementation_rows(data: bytes):
    doc = open_docx(data)
    tables = tables_with(doc, IMPLEMENTATION_HEADER)
    assert len(tables) == 1
    return tables[0].rows[1:]


def test_implementation_intro_gives_total_and_level(docs):
    text = flat(doc_text(docs["implementation-004"]))
    intro = next(line for line in text.splitlines() if line.startswith("ตามที่"))
    assert "มีคะแนนรวม ๗๕.๓๖ คะแนน อยู่ในระดับ B" in intro
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๕ รอบ ๖ เดือน" in text
    assert "๑ ต.ค. ๖๔ – ๓๑ มี.ค. ๖๕" in text


def test_implementation_six_month_report(docs, ladya):
    _, _, plan = ladya
    data = docs["implementation-004"]
    rows = _implementation_rows(data)
    assert len(rows) == len(plan.measures)
    progress = [flat(cell_text(r.cells[4])) for r in rows]
    outcome = [flat(cell_text(r.cells[5])) for r in rows]
    assert "สถานะ: ดำเนินการแล้วเสร็จ" in progress[0]  # as of the report's day: no date repeated
    assert "บุคลากรรับทราบครบ ๔๒ คน" in progress[0]
    assert "สถานะ: อยู่ระหว่างดำเนินการ (ข้อมูล ณ ๒๕ มี.ค. ๖๕)" in progress[1]  # matched by title
    assert "สถานะ: ดำเนินการล่าช้ากว่าแผน" in progress[2]  # the June entry is after the 6-month round
    assert "จัดประชุมทบทวนแล้ว" not in progress[2]
    assert "https://www.ladya.go.th/ita/2565" in outcome[0]  # addresses keep their digits
    assert "ไม่มีเรื่องร้องเรียนในรอบ ๖ เดือน" in outcome[0]
    for row, measure in zip(rows, plan.measures, strict=True):  # seed 002: short lines, not the whole plan
        steps = steps_paragraphs(row.cells[1])
        assert 1 <= len(steps) <= ctxmod.IMPLEMENTATION_STEPS
        assert [flat(ptext(p)) for p in steps] == [flat(to_thai_digits(s)) for s in measure.steps][:len(steps)]
    assert PROBLEMS_HEADING in headings(open_docx(data))


def test_implementation_year_end_takes_the_latest_entry(ladya):
    results, analysis, plan = ladya
    results = replace(results, progress=progress_for(plan))
    ctx = reports.build_context("implementation", results, analysis=analysis, plan=plan, period="year-end")
    assert ctx["period_label"] == "รอบสิ้นปีงบประมาณ"
    assert ctx["measures"][2]["state"] == "เสร็จสิ้น"
    assert flat(strip_marks(ctx["period_text"])) == "๑ ต.ค. ๖๔ – ๓๐ ก.ย. ๖๕"


def test_evidence_names_and_links_appear_in_the_progress_cell(docs):
    rows = _implementation_rows(docs["implementation-004"])
    url = "https://www.example.go.th/ita/o12"
    cell = rows[1].cells[4]  # measure 2 recorded the evidence
    raw = "\n".join(raw_text(p) for p in cell._tc.iter(qn("w:p")))
    assert url in raw  # exactly as written: Arabic digits, no ZWSP or WORD JOINER inside
    assert "คำสั่งแต่งตั้ง.pdf" in strip_marks(raw)
    for other in (rows[0], *rows[2:]):
        assert url not in cell_text(other.cells[4])


def test_recorded_evidence_of_the_example_appears_with_its_measure(docs, ladya_progress):
    results, _, plan = ladya_progress
    rows = _implementation_rows(docs["implementation-004-example"])
    entries = [e for e in results.progress if e.evidence]
    assert entries
    f = ctxmod.Fmt(True)
    for entry in entries:
        index = ctxmod.match_progress(plan, (entry,), None)
        (number,) = index
        cell = "\n".join(raw_text(p) for p in rows[number].cells[4]._tc.iter(qn("w:p")))
        for evidence in entry.evidence:
            if "://" in evidence:
                assert evidence in cell, evidence  # the link exactly as written
            else:
                assert f.t(evidence) in strip_marks(cell), evidence


def test_status_counts_follow_the_tracking_rule(ladya):
    results, analysis, plan = ladya
    overdue = replace(plan.measures[3], end=date(2022, 1, 31))  # no report, its end passed before 31 Mar
    measures = list(plan.measures)
    measures[3] = overdue
    plan = replace(plan, measures=tuple(measures))
    progress = (
        ProgressEntry(measure="1", status=tracking.DONE, as_of=date(2022, 3, 1)),
        ProgressEntry(measure="2", status=tracking.IN_PROGRESS, as_of=date(2022, 3, 1)),
        ProgressEntry(measure="3", status=tracking.NOT_STARTED, as_of=date(2022, 3, 1)),
    )
    results = replace(results, progress=progress)
    data = build_report("implementation", results, analysis=analysis, plan=plan, period="6-month")
    on = date(2022, 3, 31)
    latest = {0: tracking.DONE, 1: tracking.IN_PROGRESS, 2: tracking.NOT_STARTED}
    expected_states = [tracking.measure_state(latest.get(i), m.end, on) for i, m in enumerate(plan.measures)]
    assert expected_states[3] == tracking.LATE
    rows = _implementation_rows(data)
    printed = {v: k for k, v in ctxmod.STATE_TH.items()}
    shown = [printed[re.search(r"สถานะ: (\S+)", flat(cell_text(r.cells[4]))).group(1)] for r in rows]
    assert shown == expected_states
    text = flat(doc_text(data))
    status = next(line for line in text.splitlines() if line.startswith("ณ วันที่ ") and "มาตรการที่" in line)
    names = "|".join(ctxmod.STATE_TH.values())
    counts = {printed[s]: int(to_arabic_digits(n)) for s, n in re.findall(f"({names}) ([๐-๙]+) มาตรการ", status)}
    expected = {s: expected_states.count(s) for s in tracking.STATES if expected_states.count(s)}
    assert counts == expected
    assert counts[tracking.LATE] == 1


def test_implementation_without_progress_is_refused_unless_a_blank_form_is_asked(ladya):
    results, analysis, plan = ladya
    assert not results.progress
    with pytest.raises(InputError) as info:
        build_report("implementation", results, analysis=analysis, plan=plan)
    message = str(info.value)
    assert THAI_CHAR.search(message) and "ยังไม่มีผลการดำเนินการ" in message
    assert "allow-empty" in message or "allow_empty" in message or "progress" in message
    data = build_report("implementation", results, analysis=analysis, plan=plan, allow_empty=True)
    rows = _implementation_rows(data)
    assert len(rows) == len(plan.measures)
    assert all(flat(cell_text(r.cells[4])) == ctxmod.BLANK for r in rows)  # a form to fill in
    text = doc_text(data)
    assert NO_REPORT not in text
    problems = [line for line in section_lines(text, PROBLEMS_HEADING, "รายงาน ณ วันที่") if line.strip()]
    assert len(problems) == 1


@pytest.mark.parametrize("key", ["implementation-004", "implementation-004-example", "implementation-bangphra"])
def test_problems_never_repeat_no_report(docs, key):
    text = doc_text(docs[key])
    problems = [line for line in section_lines(text, PROBLEMS_HEADING, "รายงาน ณ วันที่") if line.strip()]
    assert problems
    assert text.count(NO_REPORT) <= 1
    bodies = [re.sub(r"^–\t?", "", line) for line in problems]
    assert len(set(bodies)) == len(bodies)  # no line said twice


@pytest.mark.parametrize("key", ["analysis-003", "plan-004", "implementation-004-example", "plan-bangphra"])
def test_signature_blocks_never_repeat_a_line(docs, key):
    """A signer is "( name )" then the position: a position given as the approver is not printed twice."""
    signature = open_docx(docs[key]).tables[-1]
    for cell in signature.rows[0].cells:
        lines = [flat(line).strip() for line in cell_text(cell).splitlines() if line.strip()]
        assert lines[0].startswith("(ลงชื่อ)"), lines
        names = [line.strip("() ").strip() for line in lines if line.startswith("(") and not line.startswith("(ลงชื่อ)")]
        positions = [line for line in lines if not line.startswith("(")]
        assert not set(names) & set(positions), lines


@pytest.mark.parametrize("measure", ["9", "มาตรการที่ไม่มีในแผน"])
def test_progress_for_an_unknown_measure_is_an_input_error(ladya, measure):
    results, analysis, _ = ladya
    plan = hand_plan(results.agency)
    results = replace(results, progress=(ProgressEntry(measure=measure, status="เสร็จสิ้น"),))
    with pytest.raises(InputError) as info:
        build_report("implementation", results, analysis=analysis, plan=plan)
    assert "ไม่มีในแผน" in str(info.value) and "progress[1]" in str(info.value)


# --------------------------------------------------------------------------- DOCX for Word users


@pytest.mark.parametrize("key", ["analysis-003", "plan-004", "implementation-004"])
def test_fonts_are_on_styles_not_runs(docs, key):
    data = docs[key]
    from lxml import etree

    document = etree.fromstring(part(data, "word/document.xml").encode())
    fonts_in_runs = [r for r in document.iter(qn("w:r")) if r.find(qn("w:rPr") + "/" + qn("w:rFonts")) is not None]
    assert not fonts_in_runs, len(fonts_in_runs)
    styles = etree.fromstring(part(data, "word/styles.xml").encode())
    defaults = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr") + "/" + qn("w:rFonts"))
    normal = next(s for s in styles.iter(qn("w:style")) if s.get(qn("w:styleId")) == "Normal")
    normal_fonts = normal.find(qn("w:rPr") + "/" + qn("w:rFonts"))
    carried = [f for f in (defaults, normal_fonts) if f is not None]
    assert carried and all(f.get(qn("w:cs")) == "TH Sarabun New" for f in carried)


@pytest.mark.parametrize("key", ["analysis-003", "plan-004", "implementation-004"])
def test_core_properties_name_the_document_and_the_agency(docs, khongyang, ladya, key):
    results, analysis, plan = khongyang if key.endswith("003") else ladya
    kind = key.split("-")[0]
    if kind == "implementation":
        results = replace(results, progress=progress_for(plan))
    ctx = reports.build_context(kind, results, analysis=analysis, plan=plan, period="6-month", charts=False)
    props = open_docx(docs[key]).core_properties
    assert props.title == strip_marks(ctx["doc_title"]) and props.title.startswith(
        {"analysis": "รายงานการวิเคราะห์ผล", "plan": "มาตรการส่งเสริม", "implementation": "รายงานผลการดำเนินการ"}[kind])
    assert props.author == results.agency
    created = props.created
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    assert datetime.now(UTC) - created < timedelta(minutes=10)
    assert props.language == "th-TH"
    app = part(docs[key], "docProps/app.xml")
    assert "Microsoft" not in app and "Macintosh" not in app
    assert "Microsoft" not in part(docs[key], "docProps/core.xml")


def test_rendered_text_carries_word_marks(ladya, docs):
    results, analysis, plan = ladya
    results = replace(results, meeting=SEED_004_MEETING)
    ctx = reports.build_context("plan", results, analysis=analysis, plan=plan, charts=False)
    doc = open_docx(docs["plan-004"])
    paragraphs = {ptext(p): raw_text(p) for p in body_paragraphs(doc)}
    for key in ("result_text", "meeting_text"):
        plain = ctx[key]
        assert ZWSP not in plain
        assert plain in paragraphs, key  # strip_marks of the printed paragraph is the plain text
        printed = paragraphs[plain]
        assert re.search(f"[\u0e01-\u0e4e]{ZWSP}[\u0e01-\u0e4e]", printed), key  # ZWSP between Thai words
        assert strip_marks(printed) == plain
    raw = "\n".join(paragraphs.values())
    assert f"E-{WORD_JOINER}Service" in raw and "E-Service" not in raw  # never split at its hyphen
    # a number in Thai digits is never split at a line's end ("ต.ค. ๖|๗")
    assert f"๒{WORD_JOINER}๕{WORD_JOINER}๖" in raw and not re.search("[๐-๙][๐-๙]", raw)


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
    text = doc_text(build_report("plan", results, analysis=analysis, plan=plan))
    assert "แม่แบบขององค์การบริหารส่วนตำบลไค้งยาง ปี ๒๕๖๖" in text and "๔.๑ ๙๔.๑๙" in text
    monkeypatch.setenv(reports.TEMPLATES_ENV, str(tmp_path / "missing"))
    with pytest.raises(InputError, match=reports.TEMPLATES_ENV):
        reports.template_path("plan")


def test_values_are_escaped(khongyang):
    results, analysis, plan = khongyang
    results = replace(results, prepared_by="นาย ก <ผู้ช่วย> & คณะ")
    data = build_report("analysis", results, analysis=analysis, plan=plan)
    assert "นาย ก <ผู้ช่วย> & คณะ" in doc_text(data).splitlines()
    assert "&lt;ผู้ช่วย&gt;" in part(data, "word/document.xml").replace(ZWSP, "")


def test_write_report_docx_is_atomic(tmp_path, khongyang):
    results, analysis, plan = khongyang
    out = tmp_path / "รายงาน.docx"
    assert write_report("plan", "docx", out, results=results, analysis=analysis, plan=plan) == out.resolve()
    assert zipfile.is_zipfile(out)
    assert [p.name for p in tmp_path.iterdir()] == ["รายงาน.docx"]
    with pytest.raises(InputError):
        write_report("plan", "docx", tmp_path / "no" / "x.docx", results=results, analysis=analysis, plan=plan)


def test_pdf_conversion_failure_leaves_nothing(tmp_path, monkeypatch, khongyang):
    results, analysis, plan = khongyang

    def fail(*args, **kwargs):
        raise pdf.ConversionError("LibreOffice แปลงเอกสารเป็น PDF ไม่สำเร็จ")

    monkeypatch.setattr(pdf, "convert_many", fail)
    jobs = [ReportJob("plan", "pdf", tmp_path / "a.pdf", results, analysis, plan),
            ReportJob("plan", "docx", tmp_path / "a.docx", results, analysis, plan)]
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
            app = archive.read("docProps/app.xml").decode()
        assert 'w:cs="TH Sarabun New"' in styles and "cstheme" not in styles
        assert '<w:szCs w:val="32"/>' in styles and '<w:szCs w:val="28"/>' in styles  # body 16, tables 14 pt
        assert "<w:bCs/>" in styles
        assert 'w:bidi="th-TH"' in styles and 'w:val="en-US"' in styles
        assert "<w:tblHeader/>" in document and "<w:gridCol " in document and 'w:type="dxa"' in document
        assert 'w:top="1417"' in document and 'w:bottom="1134"' in document
        assert 'w:left="1701"' in document and 'w:right="1134"' in document
        assert "PAGE" in footers and 'w:val="th-TH"' in footers
        assert "{%tr for" in document
        assert "<w:rFonts" not in document  # runs carry no font of their own
        assert 'w:styleId="TableSteps"' in styles and "<w:numId " in styles  # steps are a Word list
        assert "Microsoft" not in app


# --------------------------------------------------------------------------- pieces


def test_format_helpers():
    thai, arabic = ctxmod.Fmt(True), ctxmod.Fmt(False)
    assert flat(thai.period(date(2023, 10, 1), date(2024, 9, 30))) == "๑ ต.ค. ๖๖ – ๓๐ ก.ย. ๖๗"
    assert flat(arabic.period(date(2023, 10, 1), date(2024, 9, 30))) == "1 ต.ค. 66 – 30 ก.ย. 67"
    assert flat(thai.longdate(date(2021, 12, 8))) == "๘ ธันวาคม ๒๕๖๔"
    assert thai.t("ดูที่ https://a1.go.th/x/12 หรือ it9@a1.go.th ภายใน 15 วัน") == \
        "ดูที่ https://a1.go.th/x/12 หรือ it9@a1.go.th ภายใน ๑๕ วัน"
    assert arabic.t("พ.ศ. ๒๕๖๔") == "พ.ศ. 2564"
    assert thai.score(94.185) == "๙๔.๑๙" and thai.signed(-2.0) == "-๒.๐๐" and thai.signed(0.0) == "๐.๐๐"
    assert ctxmod.executive_title("เทศบาลตำบลบ้านธาตุ") == "นายกเทศมนตรีตำบลบ้านธาตุ"
    assert ctxmod.executive_title("องค์การบริหารส่วนตำบลสว่าง") == "นายกองค์การบริหารส่วนตำบลสว่าง"


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


# --------------------------------------------------------------------------- PDF (LibreOffice, one batch)


def pdftotext(path: Path, first: int | None = None, last: int | None = None, layout: bool = False,
              raw: bool = False) -> str:
    cmd = ["pdftotext"]
    if layout:
        cmd.append("-layout")
    if raw:
        cmd.append("-raw")
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*cmd, str(path), "-"], capture_output=True, text=True, check=True).stdout


def page_count(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, khongyang, ladya, ladya_progress):
    """Every PDF the slow tests read, converted in ONE write_reports call (one LibreOffice run)."""
    out = tmp_path_factory.mktemp("pdf")
    k_results, k_analysis, k_plan = khongyang
    l_results, l_analysis, l_plan = ladya
    p_results, p_analysis, p_plan = ladya_progress
    l_results = replace(l_results, meeting=SEED_004_MEETING)
    jobs = {
        "analysis": ReportJob("analysis", "pdf", out / "analysis.pdf", k_results, k_analysis, k_plan),
        "plan": ReportJob("plan", "pdf", out / "plan.pdf", l_results, l_analysis, l_plan),
        "implementation": ReportJob("implementation", "pdf", out / "implementation.pdf", p_results, p_analysis,
                                    p_plan, "6-month"),
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
    """One LibreOffice for the whole batch: at most one instance started ahead (no document) and
    one --convert-to run with every PDF, handed to that instance (same profile)."""
    starts = pdfs["starts"]
    conversions = [cmd for cmd in starts if "--convert-to" in cmd]
    assert len(conversions) == 1, starts
    assert sum(1 for cmd in conversions[0] if str(cmd).endswith(".docx")) == 4  # all four PDFs at once
    assert len(starts) <= 2, starts
    profiles = {next(a for a in cmd if str(a).startswith("-env:UserInstallation=")) for cmd in starts}
    assert len(profiles) == 1, profiles
    for path in pdfs["paths"].values():
        assert path.is_file()
    assert zipfile.is_zipfile(pdfs["paths"]["plan-docx"])
    assert not [p for p in pdfs["paths"]["plan"].parent.iterdir() if p.name.startswith(".")]


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_pdf_text_layer_has_agency_indicators_and_measures(pdfs, khongyang, ladya, ladya_progress):
    paths = pdfs["paths"]
    analysis_raw = pdftotext(paths["analysis"])
    assert ZWSP not in analysis_raw and WORD_JOINER not in analysis_raw  # word marks never reach the text layer
    analysis_text = squash(analysis_raw)
    assert squash("องค์การบริหารส่วนตำบลไค้งยาง") in analysis_text
    for row in khongyang[1].indicators:
        assert squash(row.name) in analysis_text, row.name
    for reason in ("ไม่ชัดเจนว่าเป็นบริการด้านใด", "ขาดองค์ประกอบปัญหาอุปสรรคและข้อเสนอแนะ"):
        assert reason in analysis_text
    for kind, plan in (("plan", ladya[2]), ("implementation", ladya_progress[2]), ("plan-arabic", ladya[2])):
        text = squash(pdftotext(paths[kind], raw=True))  # content order: table cells are not interleaved
        assert "องค์การบริหารส่วนตำบลลาดหญ้า" in text
        for measure in plan.measures:  # every title, whole
            title = measure.title if kind == "plan-arabic" else to_thai_digits(measure.title)
            assert squash(title) in text, (kind, measure.title)
        if kind != "implementation":
            for row in ladya[1].indicators:
                assert squash(row.name) in text, (kind, row.name)
    assert "{{" not in pdftotext(paths["plan"]) and "{%" not in pdftotext(paths["analysis"])
    assert "๒๔มกราคม๒๕๖๕" in squash(pdftotext(paths["plan"]))
    arabic = pdftotext(paths["plan-arabic"])
    assert "24มกราคม2565" in squash(arabic)
    assert not THAI_DIGIT.search(arabic), THAI_DIGIT.findall(arabic)[:5]  # page numbers and step labels too
    # the link as written (a long address may wrap inside its narrow cell)
    assert "https://www.ladya.go.th/procurement/2565" in squash(pdftotext(paths["implementation"], raw=True))


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_pdf_toc_page_numbers_are_filled_in(pdfs):
    """LibreOffice fills the PAGEREF fields: each TOC line ends with the page its heading is on."""
    path = pdfs["paths"]["analysis"]
    pages = [pdftotext(path, n) for n in range(1, page_count(path) + 1)]
    toc_page = next(i for i, t in enumerate(pages) if "สารบัญ" in t and "ความเป็นมาของการประเมิน" in t)
    body = pages[toc_page + 1:]
    entries = re.findall(r"^\s*([๑-๙](?:\.[๑-๙])?\.?\s.*?)\.{3,}\s*([0-9๐-๙]+)\s*$", pages[toc_page], re.M)
    assert len(entries) == 8, pages[toc_page]
    numbers = [int(to_arabic_digits(n)) for _, n in entries]
    assert numbers == sorted(numbers) and numbers[0] == 1, numbers
    for (title, _), number in zip(entries, numbers, strict=True):  # each heading is on the page its line names
        heading = squash(title.split("(")[0])
        assert heading in squash(body[number - 1]), (title, number)


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
    assert not re.search(r"-\s*[1๑]\s*-", pdftotext(paths["analysis"], 1))  # no number on the cover
    # the cover is unnumbered and the body counts from 1 (the text layer has the digit as typed; the
    # drawn glyph follows the setting, compared below)
    assert re.search(r"-\s*[2๒]\s*-", pdftotext(paths["plan"], 3))
    crops = []
    for kind in ("plan", "plan-arabic"):  # same layout, page numbers drawn as ๒ and 2
        subprocess.run(["pdftoppm", "-r", "60", "-f", "3", "-l", "3", "-png", str(paths[kind]),
                        str(tmp_path / kind)], check=True)
        image = Image.open(next(tmp_path.glob(f"{kind}-*.png"))).convert("L")
        w, h = image.size
        crops.append(image.crop((w // 3, h - h // 14, 2 * w // 3, h)))
    assert ImageChops.difference(*crops).getbbox() is not None


# Seeds: 003 (analysis) has 14 pages, 004 (plan) 9, 002 (implementation) 6.
PAGE_LIMITS = {"analysis": 14, "plan": 9, "implementation": 6}


@pytest.mark.slow
@needs_soffice
@needs_poppler
@pytest.mark.parametrize("kind", list(PAGE_LIMITS))
def test_page_count_is_no_longer_than_the_seed(pdfs, kind):
    pages = page_count(pdfs["paths"][kind])
    assert pages <= PAGE_LIMITS[kind], (kind, pages)


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
TOP_MARGIN_PT = 2.5 / 2.54 * 72  # the text area starts 2.5 cm from the top
_PAGE_NUMBER = re.compile(r"^[-–]?\s*[0-9๐-๙]+\s*[-–]?$")


def page_fill(path: Path) -> list[tuple[float, bool, str]]:
    """For every page, from pdftotext -bbox: (the bottom of its lowest text above the footer, in
    points from the top of the page; whether it carries a page number "- n -"; its text)."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for _, height, body in _PAGE.findall(html):
        words = [(float(y1), float(y2), w) for _, y1, _, y2, w in _WORD.findall(body)]
        footer_zone = float(height) * 0.88
        lowest = max((y1 for y1, _, _ in words), default=0.0)
        footer = [w for y1, _, w in words if y1 >= footer_zone and abs(y1 - lowest) < 4]
        numbered = bool(footer) and bool(_PAGE_NUMBER.match("".join(footer)))
        inside = [y2 for y1, y2, _ in words if not (numbered and abs(y1 - lowest) < 4)]
        out.append((max(inside, default=0.0), numbered, " ".join(w for _, _, w in words)))
    return out


@pytest.mark.slow
@needs_soffice
@needs_poppler
@pytest.mark.parametrize("kind", list(PAGE_LIMITS))
def test_no_half_empty_page_and_the_signature_never_stands_alone(pdfs, kind):
    """Every numbered page but the last is at least 55 % as full as the fullest page (the cover, คำนำ
    and สารบัญ are single pages by design, without a page number); the last page has the closing
    sentence and more than the signature block."""
    pages = page_fill(pdfs["paths"][kind])
    body = [(i, extent) for i, (extent, numbered, _) in enumerate(pages) if numbered]
    assert len(body) >= 2, (kind, [(round(e), n) for e, n, _ in pages])
    top = TOP_MARGIN_PT
    fullest = max(extent for _, extent in body) - top
    thin = [(i + 1, round((extent - top) / fullest, 2)) for i, extent in body[:-1] if extent - top < 0.55 * fullest]
    assert not thin, (kind, thin)
    last = pages[-1][2]
    assert "(ลงชื่อ)" in last
    closing = {"analysis": "เพื่อโปรดพิจารณาอนุมัติ", "plan": "จึงประกาศให้ทราบ",
               "implementation": "รายงาน ณ วันที่"}[kind]
    assert squash(closing) in squash(last)
    text = pdftotext(pdfs["paths"][kind], len(pages), layout=True)
    before = text.split(closing.split()[0])[0]
    lines = [line for line in before.splitlines() if line.strip()]
    assert len(lines) >= 2, (kind, text)  # body text above the closing sentence and the signatures
