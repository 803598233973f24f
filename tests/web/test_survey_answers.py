"""Every answer of a period as XLSX (with a sheet of the item figures) or CSV: Thai headers,
Buddhist-era dates, "ไม่เกี่ยวข้อง" for not applicable, and respondents' text never a formula."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import load_workbook

from prongsai.web.audit.models import AuditEntry
from tests.web.test_survey_world import SurveyTestCase, answer


class SurveyAnswersTestCase(SurveyTestCase):
    def url(self, fmt: str = "xlsx", agency=None, query: str = "") -> str:
        return self.s_url(f"answers.{fmt}", agency=agency) + query

    def test_it_works(self):
        answer(self.survey, 5, day=date(2026, 10, 3), comment="=HYPERLINK(\"http://evil\")", gender="male")
        answer(self.survey, {self.item.pk: None}, service=self.registry, day=date(2026, 11, 20))
        self.login(self.viewer)
        response = self.client.get(self.url(query="?period=2570"))
        self.assertEqual(response.status_code, 200)
        book = load_workbook(io.BytesIO(response.content))
        self.assertEqual(book.sheetnames, ["คำตอบ", "สรุปผลรายข้อ"])
        rows = [r for r in book["คำตอบ"].iter_rows(values_only=True)]
        header = next(r for r in rows if r and r[0] == "ลำดับ")
        self.assertEqual(header[:6], ("ลำดับ", "วันที่ตอบ", "งานบริการ", "เพศ", "ช่วงอายุ", "ประเภทผู้รับบริการ"))
        self.assertEqual(header[6], f"ข้อ 1.1 {self.item.text}")
        self.assertEqual(header[-1], "ข้อเสนอแนะ")
        body = rows[rows.index(header) + 1:]
        self.assertEqual(body[0][:6], (1, "03/10/2569", "งานจัดเก็บภาษี", "ชาย", "ไม่ระบุ", "ไม่ระบุ"))
        self.assertEqual(body[0][6], 5)
        self.assertEqual(body[1][:3], (2, "20/11/2569", "งานทะเบียนพาณิชย์"))
        self.assertEqual(body[1][6], "ไม่เกี่ยวข้อง")
        self.assertEqual(body[1][7], 4)
        sheet = book["คำตอบ"]
        cell = sheet.cell(row=rows.index(header) + 2, column=len(header))
        self.assertEqual(cell.data_type, "s")  # text, not a formula
        items = [r for r in book["สรุปผลรายข้อ"].iter_rows(values_only=True)]
        first = next(r for r in items if r and r[0] == "1.1")
        # ratings 5 (one), not applicable (one): n 1, mean 5
        self.assertEqual(first[2:4], (1, 1))
        self.assertEqual(first[4], 1)  # one "5"
        self.assertEqual(first[9], 5.0)
        self.assertTrue(AuditEntry.objects.filter(agency=self.agency, action=AuditEntry.DOWNLOAD).exists())

    def test_csv(self):
        answer(self.survey, 3, comment="-ลบ")
        self.login(self.owner)
        response = self.client.get(self.url("csv"))
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertTrue(response.content.startswith("\ufeff".encode()))
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(rows[0][:3], ["ลำดับ", "วันที่ตอบ", "งานบริการ"])
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows[1][-1], "'-ลบ")  # a leading minus would start a formula in Excel
        self.assertEqual(rows[1][6], "3")

    def test_bad_format_or_period_is_404(self):
        self.login(self.owner)
        self.assertEqual(self.client.get(self.url("docx")).status_code, 404)
        self.assertEqual(self.client.get(self.url(query="?period=2570-x")).status_code, 404)

    def test_it_checks_ownership(self):
        answer(self.survey, 5, comment="ข้อมูลของเอ")
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.get(self.url("csv", agency=self.other)).status_code, 404)
        response = self.client.get(self.s_url("answers.csv", survey=self.b_survey, agency=self.other))
        self.assertNotIn("ข้อมูลของเอ", response.content.decode("utf-8-sig"))
