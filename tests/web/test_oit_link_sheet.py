"""The ITAS link sheet: every OIT item of the year with its name and page, as XLSX and CSV."""

from __future__ import annotations

import csv
import io
from urllib.parse import unquote

import openpyxl

from prongsai.web.audit.models import AuditEntry
from tests.web.base import BaseTestCase


class LinkSheetTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.viewer)
        response = self.client.get(self.a_url("oit/2567/links.xlsx"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("ลิงก์ OIT ปี 2567", unquote(response["Content-Disposition"]))
        rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
        self.assertEqual(rows[0], ("ข้อ", "รายการ", "ลิงก์", "ผู้รับผิดชอบ", "สถานะ"))
        self.assertEqual(len(rows), 1 + 43)
        o1 = next(r for r in rows if r[0] == "O1")
        self.assertEqual(o1[2], "https://example.go.th/structure")
        self.assertEqual(o1[3], self.agency.units.first().name)
        self.assertTrue(AuditEntry.objects.filter(agency=self.agency, action=AuditEntry.DOWNLOAD).exists())

    def test_the_csv_opens_in_excel_with_thai(self):
        self.login(self.viewer)
        response = self.client.get(self.a_url("oit/2567/links.csv"))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.content.startswith("\ufeff".encode()))
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(rows[0][0], "ข้อ")
        self.assertIn(["O1", rows[1][1], "https://example.go.th/structure", self.agency.units.first().name,
                       "มีแต่ไม่ครบองค์ประกอบ"], rows)

    def test_other_formats_and_years_are_404(self):
        self.login(self.viewer)
        self.assertEqual(self.client.get(self.a_url("oit/2567/links.pdf")).status_code, 404)
        self.assertEqual(self.client.get(self.a_url("oit/2501/links.xlsx")).status_code, 404)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("oit/2567/links.xlsx")).status_code, 404)
