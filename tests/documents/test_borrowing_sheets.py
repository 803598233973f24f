"""The register and the summary as spreadsheets: CSV Excel reads as Thai, XLSX with the title
block, TH Sarabun New, bold shaded headers, numbers as numbers and the hand-counted figures."""

from __future__ import annotations

import csv
import io

import openpyxl

from prongsai.documents import borrowing_sheets as sheets
from prongsai.documents.fonts import FONT_FAMILY
from prongsai.services import borrowing as b
from tests.services.test_borrowing import AS_OF, FY, HAND_COUNTED, register


def test_csv_has_the_byte_order_mark_and_the_rows():
    data = sheets.csv_bytes(["ก", "ข"], [["หนึ่ง", 1], ["สอง", None]])
    assert data.startswith("\ufeff".encode())
    assert list(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == [["ก", "ข"], ["หนึ่ง", "1"], ["สอง", ""]]


def test_table_xlsx():
    data = sheets.table_xlsx("ทะเบียน", ["ทะเบียนคุมการยืม-คืนพัสดุ ปีงบประมาณ 2570", "อบต.ทดสอบ"], ["เลขที่", "จำนวน"],
                             [["1/2570", 4], ["2/2570", 10]], [12, 10], author="อบต.ทดสอบ")
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book.active
    assert ws.title == "ทะเบียน" and book.properties.creator == "อบต.ทดสอบ"
    assert ws["A1"].value.startswith("ทะเบียนคุมการยืม-คืนพัสดุ") and ws["A1"].font.name == FONT_FAMILY
    assert [ws.cell(4, c).value for c in (1, 2)] == ["เลขที่", "จำนวน"]
    assert ws.cell(4, 1).font.bold and ws.cell(4, 1).fill.fgColor.rgb.endswith("D9D9D9")
    assert ws.cell(6, 2).value == 10 and isinstance(ws.cell(6, 2).value, int)
    assert ws.freeze_panes == "A5" and ws.print_title_rows == "$4:$4"


def test_summary_files_carry_the_hand_count():
    summary = b.summarise(register(), FY, AS_OF)
    rows = list(csv.reader(io.StringIO(sheets.summary_csv(summary).decode("utf-8-sig"))))
    assert rows[0] == ["กลุ่ม", "รายการ", *b.SUMMARY_HEADER]
    assert [int(x) for x in rows[1][2:]] == list(HAND_COUNTED["total"])
    book = openpyxl.load_workbook(io.BytesIO(sheets.summary_xlsx(summary, agency_name="อบต.ทดสอบ", as_of="ข้อมูล ณ วันที่ 15 ม.ค. 2570")))
    ws = book["ตามวัตถุประสงค์"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][0] == f"{sheets.SUMMARY_TITLE} {FY}"
    community = next(r for r in values if r[0] == "งานของชุมชนหรือกิจกรรมสาธารณประโยชน์")
    assert tuple(community[1:]) == HAND_COUNTED[b.COMMUNITY]
    total = values[-1]
    assert total[0] == "รวมทั้งหมด" and tuple(total[1:]) == HAND_COUNTED["total"]
