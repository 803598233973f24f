"""The channel statistics report: XLSX values checked by hand against a small fixture, the
month rows summing to the year (hypothesis), the "no complaints" statement, the DOCX, and one
PDF through LibreOffice (slow)."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from datetime import date, timedelta

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from prongsai.channels.statistics import Case, statistics
from prongsai.documents import channel_statistics as cs
from prongsai.documents.channel_statistics import build_statistics, statistics_xlsx, write_statistics
from prongsai.documents.fonts import FONT_FAMILY
from prongsai.documents.wordbreak import WORD_JOINER, ZWSP, strip_marks
from prongsai.errors import InputError
from tests.documents.needs import needs_poppler, needs_soffice

AGENCY = "องค์การบริหารส่วนตำบลลาดหญ้า"
CATEGORIES = [("bribe", "การเรียกรับสินบน"), ("procure", "การจัดซื้อจัดจ้าง"),
              ("abuse", "การใช้อำนาจหน้าที่โดยมิชอบ"), ("other", "เรื่องอื่น ๆ")]
AS_OF = date(2025, 3, 31)  # FY 2568, end of the first six months
MONTHS = ["ตุลาคม 2567", "พฤศจิกายน 2567", "ธันวาคม 2567", "มกราคม 2568", "กุมภาพันธ์ 2568", "มีนาคม 2568",
          "เมษายน 2568", "พฤษภาคม 2568", "มิถุนายน 2568", "กรกฎาคม 2568", "สิงหาคม 2568", "กันยายน 2568"]

# By hand: month -> (received, finished by 31 Mar 2568, in progress)
#   Oct 2, 2, 0 · Nov 1, 1, 0 · Dec 1, 0, 1 · Jan 2, 1, 1 (one closed after the as-of date)
#   Feb 1, 0, 1 · Mar 3, 1, 2 · Apr–Sep not started; first half = year = 10, 5, 5
#   categories: procure 4, abuse 4, bribe 1, other 1 (the two small ones added up in one unnamed row)
CASES = [
    Case(date(2024, 10, 3), date(2024, 10, 20), "procure"),
    Case(date(2024, 10, 15), date(2024, 11, 2), "procure"),
    Case(date(2024, 11, 8), date(2024, 12, 1), "abuse"),
    Case(date(2024, 12, 2), None, "procure"),
    Case(date(2025, 1, 9), date(2025, 2, 1), "abuse"),
    Case(date(2025, 1, 20), date(2025, 4, 10), "abuse"),
    Case(date(2025, 2, 14), None, "procure"),
    Case(date(2025, 3, 3), None, "bribe"),
    Case(date(2025, 3, 18), None, "other"),
    Case(date(2025, 3, 25), date(2025, 3, 28), "abuse"),
    Case(date(2025, 4, 2), None, "procure"),  # after the as-of date: not counted
    Case(date(2024, 9, 30), None, "procure"),  # the previous fiscal year
]
EXPECTED = [(2, 2, 0), (1, 1, 0), (1, 0, 1), (2, 1, 1), (1, 0, 1), (3, 1, 2)] + [("–", "–", "–")] * 6


@pytest.fixture(scope="module")
def stats():
    return statistics(CASES, 2568, AS_OF, CATEGORIES)


@pytest.fixture(scope="module")
def empty():
    return statistics([], 2568, AS_OF, CATEGORIES)


def sheet_rows(data: bytes, sheet: str) -> list[tuple]:
    wb = load_workbook(io.BytesIO(data))
    return [tuple(r) for r in wb[sheet].iter_rows(values_only=True)]


def table_after_header(rows: list[tuple], first: str) -> list[tuple]:
    start = next(i for i, r in enumerate(rows) if r and r[0] == first)
    body = []
    for r in rows[start + 1:]:
        if r[0] is None:
            break
        body.append(r)
    return body


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return strip_marks("\n".join(parts)).replace("\xa0", " ")


# --------------------------------------------------------------------------- XLSX


def test_xlsx_months_by_hand(stats):
    data = statistics_xlsx(stats, agency_name=AGENCY, subject=cs.COMPLAINT_SUBJECT)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["รายเดือน", "ตามประเภทเรื่อง"]
    rows = sheet_rows(data, "รายเดือน")
    assert rows[0][0] == "รายงานสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ ประจำปีงบประมาณ พ.ศ. 2568"
    assert rows[1][0] == AGENCY
    assert rows[2][0] == "ข้อมูล ณ วันที่ 31 มีนาคม พ.ศ. 2568"
    header = next(r for r in rows if r[0] == "เดือน")
    assert header == ("เดือน", "จำนวนเรื่องที่ได้รับ", "ดำเนินการแล้วเสร็จ", "อยู่ระหว่างดำเนินการ")
    body = table_after_header(rows, "เดือน")
    assert [r[0] for r in body] == [*MONTHS, "รวม 6 เดือนแรก", "รวมตั้งแต่ต้นปีงบประมาณ"]
    assert [tuple(r[1:]) for r in body[:12]] == EXPECTED
    assert tuple(body[12][1:]) == (10, 5, 5)
    assert tuple(body[13][1:]) == (10, 5, 5)
    assert all(isinstance(v, int) for r in body[:6] for v in r[1:])  # numbers, not text
    cell = wb["รายเดือน"].cell(row=rows.index(header) + 2, column=1)
    assert cell.font.name == FONT_FAMILY


def test_xlsx_categories_hide_small_counts(stats):
    rows = sheet_rows(statistics_xlsx(stats, agency_name=AGENCY), "ตามประเภทเรื่อง")
    body = table_after_header(rows, "ประเภทเรื่อง")
    # the two small categories are added up in one row that names neither
    assert body == [("การจัดซื้อจัดจ้าง", 4), ("การใช้อำนาจหน้าที่โดยมิชอบ", 4),
                    ("ประเภทอื่นที่มีน้อยกว่า 3 เรื่อง (รวมกัน)", 2), ("รวม", 10)]
    assert any(r[0] and str(r[0]).startswith("หมายเหตุ") for r in rows)


def test_a_group_that_would_name_one_category_takes_another_in():
    """Only one category left out would be named by elimination: the smallest shown one joins it."""
    cases = [Case(date(2024, 10, 1), None, "bribe")] + [Case(date(2024, 11, 1), None, "procure")] * 4 \
        + [Case(date(2024, 12, 1), None, "abuse")] * 6 + [Case(date(2024, 12, 2), None, "other")] * 3
    stats = statistics(cases, 2568, AS_OF, CATEGORIES)
    assert [(s.category, s.count) for s in stats.by_category] == [("abuse", 6), ("procure", 4)]
    assert stats.grouped == 4
    body = table_after_header(sheet_rows(statistics_xlsx(stats, agency_name=AGENCY), "ตามประเภทเรื่อง"),
                              "ประเภทเรื่อง")
    assert body[-2:] == [("ประเภทอื่นที่มีน้อยกว่า 3 เรื่อง (รวมกัน)", 4), ("รวม", 14)]


def test_xlsx_when_nothing_came_in(empty):
    data = statistics_xlsx(empty, agency_name=AGENCY)
    rows = sheet_rows(data, "รายเดือน")
    assert any(r[0] and "ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ" in r[0] for r in rows[:5])
    body = table_after_header(rows, "เดือน")
    assert [tuple(r[1:]) for r in body[:6]] == [(0, 0, 0)] * 6
    assert tuple(body[-1][1:]) == (0, 0, 0)


@settings(max_examples=40, deadline=None)
@given(
    offsets=st.lists(st.tuples(st.integers(0, 364), st.one_of(st.none(), st.integers(0, 120)),
                               st.sampled_from(["bribe", "procure", "abuse", "other", ""])), max_size=40),
    as_of_offset=st.integers(-10, 400),
)
def test_month_rows_sum_to_the_year_row(offsets, as_of_offset):
    start = date(2024, 10, 1)
    cases = [Case(start + timedelta(days=r), None if f is None else start + timedelta(days=r + f), c)
             for r, f, c in offsets]
    stats = statistics(cases, 2568, start + timedelta(days=as_of_offset), CATEGORIES)
    body = table_after_header(sheet_rows(statistics_xlsx(stats, agency_name=AGENCY), "รายเดือน"), "เดือน")
    months, half, year = body[:12], body[12], body[13]

    def total(rows, column):
        return sum(0 if r[column] == "–" else r[column] for r in rows)

    for column in (1, 2, 3):
        assert total(months, column) == year[column]
        assert total(months[:6], column) == half[column]
    for r in body:
        assert r[3] == "–" or r[1] - r[2] == r[3] >= 0
    categories = table_after_header(sheet_rows(statistics_xlsx(stats, agency_name=AGENCY), "ตามประเภทเรื่อง"),
                                    "ประเภทเรื่อง")
    assert categories[-1] == ("รวม", year[1])
    named = [(label, v) for label, v in categories[:-1] if not label.startswith(("ประเภทอื่นที่มีน้อยกว่า", "รวมทุกประเภท"))]
    assert all(isinstance(v, int) and v >= 3 for _, v in named)
    assert sum(v for _, v in categories[:-1]) == year[1]


# --------------------------------------------------------------------------- DOCX


def test_docx_tables_and_font(stats):
    data = build_statistics(stats, agency_name=AGENCY)
    doc = Document(io.BytesIO(data))
    months, categories = doc.tables
    assert [strip_marks(c.text) for c in months.rows[0].cells] == list(cs.HEADER)
    assert len(months.rows) == 1 + 12 + 2
    first = [strip_marks(c.text).replace("\xa0", " ") for c in months.rows[1].cells]
    assert first == ["ตุลาคม ๒๕๖๗", "๒", "๒", "๐"]
    assert [strip_marks(c.text) for c in months.rows[7].cells][1:] == ["–", "–", "–"]  # April: not started
    assert [strip_marks(c.text) for c in months.rows[-1].cells][1:] == ["๑๐", "๕", "๕"]
    assert [strip_marks(r.cells[1].text).replace("\xa0", " ") for r in categories.rows[1:]] == \
        ["๔", "๔", "๒", "๑๐"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert set(re.findall(r'w:cs="([^"]+)"', body)) == {FONT_FAMILY}
    assert set(re.findall(r'<w:szCs w:val="(\d+)"/>', body)) <= {"32"}
    text = docx_text(data)
    assert "ข้อมูล ณ วันที่ ๓๑ มีนาคม พ.ศ. ๒๕๖๘" in text
    assert "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘" in text
    assert "ไม่มีเรื่องร้องเรียน" not in text


def test_docx_states_there_were_no_complaints(empty):
    text = docx_text(build_statistics(empty, agency_name=AGENCY))
    assert (f"ตั้งแต่วันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๗ ถึงวันที่ ๓๑ มีนาคม พ.ศ. ๒๕๖๘ {AGENCY}"
            "ไม่มีเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ") in text
    doc = Document(io.BytesIO(build_statistics(empty, agency_name=AGENCY)))
    assert [strip_marks(c.text) for c in doc.tables[0].rows[1].cells][1:] == ["๐", "๐", "๐"]


def test_another_subject_and_arabic_digits(stats):
    text = docx_text(build_statistics(stats, agency_name=AGENCY, subject="คำขอรับบริการ", thai_digits=False))
    assert "รายงานสถิติคำขอรับบริการ" in text and "ประจำปีงบประมาณ พ.ศ. 2568" in text
    assert not re.search("[๐-๙]", text)
    year_over = statistics(CASES, 2568, date(2025, 9, 30), CATEGORIES)
    assert "รวมทั้งปีงบประมาณ" in docx_text(build_statistics(year_over, agency_name=AGENCY))


def test_bad_input_is_a_thai_error(stats, tmp_path):
    with pytest.raises(InputError, match="ไม่ได้ระบุชื่อหน่วยงาน"):
        build_statistics(stats, agency_name=" ")
    with pytest.raises(InputError, match="ไม่ครบ ๑๒ เดือน"):
        statistics_xlsx(object(), agency_name=AGENCY)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="ไม่รู้จักรูปแบบไฟล์"):
        write_statistics("xlsx", tmp_path / "s.xlsx", stats, agency_name=AGENCY)  # type: ignore[arg-type]
    out = write_statistics("docx", tmp_path / "s.docx", stats, agency_name=AGENCY)
    assert zipfile.is_zipfile(out) and sorted(p.name for p in tmp_path.iterdir()) == ["s.docx"]


# --------------------------------------------------------------------------- the PDF (one LibreOffice run)


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_pdf_has_the_counts_of_every_month(stats, tmp_path):
    out = write_statistics("pdf", tmp_path / "statistics.pdf", stats, agency_name=AGENCY)
    raw = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                         check=True).stdout
    assert ZWSP not in raw and WORD_JOINER not in raw
    lines = [" ".join(line.split()) for line in raw.splitlines()]
    expected = {"ตุลาคม ๒๕๖๗": "๒ ๒ ๐", "พฤศจิกายน ๒๕๖๗": "๑ ๑ ๐", "ธันวาคม ๒๕๖๗": "๑ ๐ ๑",
                "มกราคม ๒๕๖๘": "๒ ๑ ๑", "กุมภาพันธ์ ๒๕๖๘": "๑ ๐ ๑", "มีนาคม ๒๕๖๘": "๓ ๑ ๒",
                "เมษายน ๒๕๖๘": "– – –", "กันยายน ๒๕๖๘": "– – –",
                "รวม ๖ เดือนแรก": "๑๐ ๕ ๕", "รวมตั้งแต่ต้นปีงบประมาณ": "๑๐ ๕ ๕"}
    for month, counts in expected.items():
        assert f"{month} {counts}" in lines, month
    flat = re.sub(r"\s+", "", raw)
    for fact in (AGENCY, "ข้อมูลณวันที่๓๑มีนาคมพ.ศ.๒๕๖๘", "รายงานสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
                 "ประเภทอื่นที่มีน้อยกว่า๓เรื่อง(รวมกัน)๒", "การจัดซื้อจัดจ้าง๔"):
        assert fact in flat, fact
    assert "การเรียกรับสินบน" not in flat  # a small category is never named
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M)  # one page: nothing spills over
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "THSarabunNew" in fonts
