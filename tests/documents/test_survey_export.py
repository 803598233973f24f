"""The answers spreadsheet from the hand-counted fixture: one row per answer with Thai headers and
Buddhist-era dates, the item figures on a second sheet, and respondents' text never a formula."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import load_workbook

from prongsai.documents.fonts import FONT_FAMILY
from prongsai.documents.survey_export import answers_csv, answers_xlsx, be_date, numbered
from prongsai.services.surveys import Answer, template
from tests.services.test_surveys_fixture import ANSWERS, FY, QUESTIONS, TAX, summary

IN_YEAR = [a for a in ANSWERS if FY.contains(a.answered_on)]


def workbook():
    data = answers_xlsx(IN_YEAR, QUESTIONS, summary(), agency_name="องค์การบริหารส่วนตำบลลาดหญ้า",
                        survey_title="แบบสำรวจความพึงพอใจการให้บริการ", as_of=date(2027, 10, 1))
    return load_workbook(io.BytesIO(data))


def table(sheet, first: str) -> tuple[tuple, list[tuple]]:
    rows = list(sheet.iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if r and r[0] == first)
    return rows[at], [r for r in rows[at + 1:] if r[0] is not None]


def test_answers_sheet():
    book = workbook()
    assert book.sheetnames == ["คำตอบ", "สรุปผลรายข้อ"]
    sheet = book["คำตอบ"]
    assert sheet["A1"].value == "แบบสำรวจความพึงพอใจการให้บริการ"
    assert sheet["A3"].value == "คำตอบตั้งแต่วันที่ 01/10/2569 ถึงวันที่ 30/09/2570"
    header, body = table(sheet, "ลำดับ")
    assert header == ("ลำดับ", "วันที่ตอบ", "งานบริการ", "เพศ", "ช่วงอายุ", "ประเภทผู้รับบริการ", "ข้อ 1.1 ขั้นตอนไม่ยุ่งยาก",
                      "ข้อ 1.2 รวดเร็ว", "ข้อ 2.1 เจ้าหน้าที่สุภาพ", "ข้อ 3.1 พึงพอใจโดยรวม", "ข้อเสนอแนะ")
    assert body[0] == (1, "05/10/2569", TAX, "ชาย", "20–39 ปี", "ไม่ระบุ", 5, 4, 5, 5, "ดีมาก")
    assert body[1][6:10] == (3, "ไม่เกี่ยวข้อง", 4, 4)
    assert body[5][6:10] == (4, 4, 4, None)  # q4 not asked of A6
    assert len(body) == 6
    assert sheet.cell(row=sheet.max_row, column=1).font.name == FONT_FAMILY


def test_items_sheet_by_hand():
    header, body = table(workbook()["สรุปผลรายข้อ"], "ข้อ")
    assert header == ("ข้อ", "รายการประเมิน", "ผู้ให้คะแนน", "ไม่เกี่ยวข้อง", "5 มากที่สุด", "4 มาก", "3 ปานกลาง", "2 น้อย",
                      "1 น้อยที่สุด", "ค่าเฉลี่ย", "ส่วนเบี่ยงเบนมาตรฐาน", "ร้อยละที่พึงพอใจ", "ระดับ")
    rows = {r[0]: r for r in body}
    assert rows["1.1"][2:] == (6, 0, 2, 2, 1, 0, 1, 3.67, 1.51, 66.67, "มาก")
    assert rows["1.2"][2:] == (5, 1, 1, 2, 1, 1, 0, 3.6, 1.14, 60.0, "มาก")
    assert rows["1."][1:4] == ("ด้านกระบวนการ/ขั้นตอนการให้บริการ", 11, 1)
    total = next(r for r in workbook()["สรุปผลรายข้อ"].iter_rows(values_only=True) if r[1] == "ภาพรวมทุกด้าน")
    assert total[2:] == (21, 2, 7, 8, 3, 2, 1, 3.86, 1.15, 71.43, "มาก")


def test_csv_and_formulas():
    nasty = [Answer(date(2026, 10, 2), TAX, {"q1": 5}, {}, "=1+1"), Answer(date(2026, 10, 3), TAX, {"q1": 4}, {},
                                                                           "@SUM(A1)")]
    data = answers_csv(nasty, QUESTIONS)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1][-1] == "'=1+1" and rows[2][-1] == "'@SUM(A1)"
    assert rows[1][1] == "02/10/2569"
    book = load_workbook(io.BytesIO(answers_xlsx(nasty, QUESTIONS, summary(), agency_name="ก", survey_title="ข",
                                                 as_of=date(2027, 1, 1))))
    header, body = table(book["คำตอบ"], "ลำดับ")
    assert body[0][-1] == "=1+1"  # kept as typed, as text
    sheet = book["คำตอบ"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == "=1+1"]
    assert cells and all(c.data_type == "s" for c in cells)


def test_numbering_and_dates():
    assert [n for n, _ in numbered(QUESTIONS, template())] == ["1.1", "1.2", "2.1", "3.1"]
    assert be_date(date(2027, 1, 5)) == "05/01/2570"
