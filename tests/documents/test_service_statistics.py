"""The service statistics report: the workbook's values checked by hand against a small fixture,
months adding up to the first half and the year (hypothesis), the "no requests" statement, the
DOCX tables (a type's name in one cell over its periods), and one PDF through LibreOffice in
which pdftotext finds every count."""

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

from prongsai.documents import service_statistics as ss
from prongsai.documents.fonts import FONT_FAMILY
from prongsai.documents.service_statistics import build_statistics, statistics_xlsx, write_statistics
from prongsai.documents.wordbreak import WORD_JOINER, ZWSP, strip_marks
from prongsai.errors import InputError
from prongsai.services.requests import Case, statistics
from tests.documents.needs import needs_poppler, needs_soffice

AGENCY = "องค์การบริหารส่วนตำบลลาดหญ้า"
TYPES = [("water", "ขอรับการสนับสนุนน้ำอุปโภคบริโภค"), ("tree", "ขอตัดกิ่งไม้"), ("info", "ขอข้อมูลข่าวสารของราชการ")]
AS_OF = date(2025, 4, 30)  # FY2568, April: the first six months are over
MONTHS = ["ตุลาคม 2567", "พฤศจิกายน 2567", "ธันวาคม 2567", "มกราคม 2568", "กุมภาพันธ์ 2568", "มีนาคม 2568",
          "เมษายน 2568", "พฤษภาคม 2568", "มิถุนายน 2568", "กรกฎาคม 2568", "สิงหาคม 2568", "กันยายน 2568"]
# By hand, as of 30 Apr 2568: month -> (received, on time, late, in progress)
#   Oct 2: water on time, water late · Nov 1: tree in progress · Jan 1: info on time
#   Mar 2: water finished in May (after the as-of day: in progress), tree late
#   Apr 2: water on time, info in progress · May–Sep not started
#   first half 6 = 2 on time, 2 late, 2 in progress · year 8 = 3, 2, 3
CASES = [
    Case(date(2024, 10, 2), date(2024, 10, 7), date(2024, 10, 4), "water"),
    Case(date(2024, 10, 21), date(2024, 10, 24), date(2024, 10, 30), "water"),
    Case(date(2024, 11, 11), date(2024, 11, 20), None, "tree"),
    Case(date(2025, 1, 6), date(2025, 1, 27), date(2025, 1, 27), "info"),
    Case(date(2025, 3, 3), date(2025, 3, 6), date(2025, 5, 2), "water"),
    Case(date(2025, 3, 10), date(2025, 3, 19), date(2025, 3, 20), "tree"),
    Case(date(2025, 4, 1), date(2025, 4, 4), date(2025, 4, 3), "water"),
    Case(date(2025, 4, 28), date(2025, 5, 19), None, "info"),
    Case(date(2025, 5, 1), date(2025, 5, 6), None, "water"),  # after the as-of day
]
EXPECTED = [(2, 1, 1, 0), (1, 0, 0, 1), (0, 0, 0, 0), (1, 1, 0, 0), (0, 0, 0, 0), (2, 0, 1, 1), (2, 1, 0, 1)] + \
    [("–", "–", "–", "–")] * 5


@pytest.fixture(scope="module")
def stats():
    return statistics(CASES, 2568, AS_OF, TYPES)


def rows_of(data: bytes, sheet: str) -> list[tuple]:
    return [tuple(r) for r in load_workbook(io.BytesIO(data))[sheet].iter_rows(values_only=True)]


def table_after(rows: list[tuple], first: str) -> list[tuple]:
    start = next(i for i, r in enumerate(rows) if r and r[0] == first)
    body = []
    for r in rows[start + 1:]:
        if r[0] is None:
            break
        body.append(r)
    return body


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return strip_marks("\n".join(parts)).replace("\xa0", " ")


def test_xlsx_by_hand(stats):
    data = statistics_xlsx(stats, agency_name=AGENCY)
    assert load_workbook(io.BytesIO(data)).sheetnames == ["รายเดือน", "ตามประเภทบริการ", "ประเภทบริการรายเดือน"]
    rows = rows_of(data, "รายเดือน")
    assert rows[0][0] == "รายงานสถิติการให้บริการ ประจำปีงบประมาณ พ.ศ. 2568"
    assert rows[1][0] == AGENCY
    assert rows[2][0] == "ข้อมูล ณ วันที่ 30 เมษายน พ.ศ. 2568"
    assert "แล้วเสร็จตามกำหนด 3 คำขอ คิดเป็นร้อยละ 60.00" in rows[3][0]
    header = next(r for r in rows if r[0] == "เดือน")
    assert header == ss.HEADER
    body = table_after(rows, "เดือน")
    assert [r[0] for r in body] == [*MONTHS, "รวม 6 เดือนแรก", "รวมตั้งแต่ต้นปีงบประมาณ"]
    assert [tuple(r[1:]) for r in body[:12]] == EXPECTED
    assert tuple(body[12][1:]) == (6, 2, 2, 2)
    assert tuple(body[13][1:]) == (8, 3, 2, 3)
    types = table_after(rows_of(data, "ตามประเภทบริการ"), "ประเภทบริการ")
    assert types[:3] == [("ขอรับการสนับสนุนน้ำอุปโภคบริโภค", "เมษายน 2568", 1, 1, 0, 0),
                         ("ขอรับการสนับสนุนน้ำอุปโภคบริโภค", "6 เดือนแรก", 3, 1, 1, 1),
                         ("ขอรับการสนับสนุนน้ำอุปโภคบริโภค", "ตั้งแต่ต้นปีงบประมาณ", 4, 2, 1, 1)]
    assert types[-1] == ("รวมทุกประเภทบริการ", "ตั้งแต่ต้นปีงบประมาณ", 8, 3, 2, 3)
    every = table_after(rows_of(data, "ประเภทบริการรายเดือน"), "ประเภทบริการ")
    assert len(every) == 3 * 12
    assert ("ขอตัดกิ่งไม้", "มีนาคม 2568", 1, 0, 1, 0) in every
    assert ("ขอตัดกิ่งไม้", "พฤษภาคม 2568", "–", "–", "–", "–") in every
    cell = load_workbook(io.BytesIO(data))["รายเดือน"].cell(row=rows.index(header) + 2, column=1)
    assert cell.font.name == FONT_FAMILY


def test_the_type_table_has_no_first_half_row_before_it_is_over():
    early = statistics(CASES, 2568, date(2024, 12, 31), TYPES)
    types = table_after(rows_of(statistics_xlsx(early, agency_name=AGENCY), "ตามประเภทบริการ"), "ประเภทบริการ")
    assert [r[1] for r in types[:2]] == ["ธันวาคม 2567", "ตั้งแต่ต้นปีงบประมาณ"]
    over = statistics(CASES, 2568, date(2025, 9, 30), TYPES)
    types = table_after(rows_of(statistics_xlsx(over, agency_name=AGENCY), "ตามประเภทบริการ"), "ประเภทบริการ")
    assert [r[1] for r in types[:3]] == ["กันยายน 2568", "6 เดือนแรก", "ทั้งปีงบประมาณ"]


def test_no_requests_is_said_in_words():
    empty = statistics([], 2568, AS_OF, TYPES)
    text = docx_text(build_statistics(empty, agency_name=AGENCY))
    assert f"ตั้งแต่วันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๗ ถึงวันที่ ๓๐ เมษายน พ.ศ. ๒๕๖๘ {AGENCY}ไม่มีคำขอรับบริการ" in text
    rows = rows_of(statistics_xlsx(empty, agency_name=AGENCY), "รายเดือน")
    assert any(r[0] and "ไม่มีคำขอรับบริการ" in r[0] for r in rows[:5])
    assert tuple(table_after(rows, "เดือน")[-1][1:]) == (0, 0, 0, 0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 364), st.integers(0, 15), st.one_of(st.none(), st.integers(0, 30)),
                          st.sampled_from(["water", "tree", "info"])), max_size=40), st.integers(0, 400))
def test_month_rows_add_up_in_the_workbook(rows, as_of_offset):
    start = date(2024, 10, 1)
    cases = [Case(start + timedelta(days=r), start + timedelta(days=r + d),
                  None if f is None else start + timedelta(days=r + f), t) for r, d, f, t in rows]
    stats = statistics(cases, 2568, start + timedelta(days=as_of_offset), TYPES)
    body = table_after(rows_of(statistics_xlsx(stats, agency_name=AGENCY), "รายเดือน"), "เดือน")
    months, half, year = body[:12], body[12], body[13]
    for column in (1, 2, 3, 4):
        assert sum(0 if r[column] == "–" else r[column] for r in months) == year[column]
        assert sum(0 if r[column] == "–" else r[column] for r in months[:6]) == half[column]
    for r in body:
        assert r[1] == "–" or r[1] == r[2] + r[3] + r[4]


def test_docx_tables_and_font(stats):
    data = build_statistics(stats, agency_name=AGENCY)
    doc = Document(io.BytesIO(data))
    months, types = doc.tables
    assert [strip_marks(c.text) for c in months.rows[0].cells] == list(ss.HEADER)
    assert len(months.rows) == 1 + 12 + 2
    assert [strip_marks(c.text).replace("\xa0", " ") for c in months.rows[1].cells] == ["ตุลาคม ๒๕๖๗", "๒", "๑", "๑", "๐"]
    assert [strip_marks(c.text) for c in months.rows[8].cells][1:] == ["–"] * 4  # May: not started
    assert [strip_marks(c.text) for c in months.rows[-1].cells][1:] == ["๘", "๓", "๒", "๓"]
    # the type's name in one cell over its three periods; 3 types + the total, 3 rows each
    assert len(types.rows) == 1 + 4 * 3
    first = types.rows[1]._tr.tc_lst[0]
    assert first.vMerge == "restart"
    assert strip_marks(types.cell(1, 0).text) == "ขอรับการสนับสนุนน้ำอุปโภคบริโภค"
    assert [strip_marks(types.cell(r, 1).text).replace("\xa0", " ") for r in (1, 2, 3)] == \
        ["เมษายน ๒๕๖๘", "๖ เดือนแรก", "ตั้งแต่ต้นปีงบประมาณ"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert set(re.findall(r'w:cs="([^"]+)"', body)) == {FONT_FAMILY}
    text = docx_text(data)
    assert "ข้อมูล ณ วันที่ ๓๐ เมษายน พ.ศ. ๒๕๖๘" in text
    assert "หมายเหตุ แล้วเสร็จตามกำหนด หมายถึง" in text
    assert "ไม่มีคำขอรับบริการ" not in text


def test_arabic_digits_and_bad_input(stats, tmp_path):
    text = docx_text(build_statistics(stats, agency_name=AGENCY, thai_digits=False))
    assert "ประจำปีงบประมาณ พ.ศ. 2568" in text and not re.search("[๐-๙]", text)
    with pytest.raises(InputError, match="ไม่ได้ระบุชื่อหน่วยงาน"):
        build_statistics(stats, agency_name=" ")
    with pytest.raises(InputError, match="ไม่ครบ ๑๒ เดือน"):
        statistics_xlsx(object(), agency_name=AGENCY)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="ไม่รู้จักรูปแบบไฟล์"):
        write_statistics("xlsx", tmp_path / "s.xlsx", stats, agency_name=AGENCY)  # type: ignore[arg-type]
    out = write_statistics("docx", tmp_path / "s.docx", stats, agency_name=AGENCY)
    assert zipfile.is_zipfile(out) and sorted(p.name for p in tmp_path.iterdir()) == ["s.docx"]
    assert ss.statistics_filename(stats, AGENCY, "pdf") == f"สถิติการให้บริการ-{AGENCY}-2568.pdf"


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_pdf_has_every_count(stats, tmp_path):
    out = write_statistics("pdf", tmp_path / "statistics.pdf", stats, agency_name=AGENCY)
    raw = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert ZWSP not in raw and WORD_JOINER not in raw
    lines = [" ".join(line.split()) for line in raw.splitlines()]
    expected = {"ตุลาคม ๒๕๖๗": "๒ ๑ ๑ ๐", "พฤศจิกายน ๒๕๖๗": "๑ ๐ ๐ ๑", "ธันวาคม ๒๕๖๗": "๐ ๐ ๐ ๐",
                "มกราคม ๒๕๖๘": "๑ ๑ ๐ ๐", "มีนาคม ๒๕๖๘": "๒ ๐ ๑ ๑", "เมษายน ๒๕๖๘": "๒ ๑ ๐ ๑",
                "พฤษภาคม ๒๕๖๘": "– – – –", "กันยายน ๒๕๖๘": "– – – –", "รวม ๖ เดือนแรก": "๖ ๒ ๒ ๒",
                "รวมตั้งแต่ต้นปีงบประมาณ": "๘ ๓ ๒ ๓"}
    for month, counts in expected.items():
        assert f"{month} {counts}" in lines, month
    raw_order = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True,
                               check=True).stdout
    flat = re.sub(r"\s+", "", raw_order)
    for fact in (AGENCY, "รายงานสถิติการให้บริการ", "ประจำปีงบประมาณพ.ศ.๒๕๖๘", "ข้อมูลณวันที่๓๐เมษายนพ.ศ.๒๕๖๘",
                 "ขอรับการสนับสนุนน้ำอุปโภคบริโภค", "ขอตัดกิ่งไม้", "ขอข้อมูลข่าวสารของราชการ", "รวมทุกประเภทบริการ",
                 "แล้วเสร็จตามกำหนด", "แล้วเสร็จเกินกำหนด", "อยู่ระหว่างดำเนินการ", "ร้อยละ๖๐.๐๐"):
        assert fact in flat, fact
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "THSarabunNew" in fonts
