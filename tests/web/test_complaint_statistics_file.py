"""The complaint statistics as files for the OIT item: Excel and PDF, counted from the cases."""

from __future__ import annotations

import io
from unittest import mock

from prongsai.web.complaints import cases
from tests.web.complaints_world import ComplaintsTestCase


def xlsx_values(content: bytes, sheet: str) -> list[tuple]:
    from openpyxl import load_workbook

    return [row for row in load_workbook(io.BytesIO(content), read_only=True)[sheet].iter_rows(values_only=True)]


class ComplaintStatisticsFileTestCase(ComplaintsTestCase):
    def test_it_works(self):
        for category in ["bribery"] * 3 + ["assets"]:
            cases.file_report(self.agency, {"category": category, "concerned": "x", "what": "y" * 30})
        response = self.client.get(self.p_url("complaints/statistics.xlsx"))
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Set-Cookie", response.headers)
        self.assertIn("attachment", response["Content-Disposition"])
        rows = xlsx_values(response.content, "ตามประเภทเรื่อง")
        flat = [v for row in rows for v in row if v is not None]
        self.assertIn("การเรียกรับเงิน สินบน หรือประโยชน์อื่นใด", flat)
        self.assertNotIn("การนำทรัพย์สินของทางราชการไปใช้ประโยชน์ส่วนตน", flat)  # one case: not named
        self.assertIn(4, flat)

    def test_the_pdf_comes_from_the_document_writer(self):
        def fake(fmt, out, stats, **kwargs):
            out.write_bytes(b"%PDF-1.4 " + str(stats.year.received).encode())
            return out

        cases.file_report(self.agency, {"category": "bribery", "concerned": "x", "what": "y" * 30})
        with mock.patch("prongsai.documents.channel_statistics.write_statistics", fake):
            response = self.client.get(self.p_url("complaints/statistics.pdf"))
        self.assertEqual(response.content, b"%PDF-1.4 1")
        self.assertEqual(response["Content-Type"], "application/pdf")

    def test_a_failing_writer_is_a_thai_page(self):
        with mock.patch("prongsai.documents.channel_statistics.write_statistics", side_effect=OSError("soffice")):
            response = self.client.get(self.p_url("complaints/statistics.pdf"))
        self.assertContains(response, "จัดทำไฟล์ไม่สำเร็จ", status_code=503)

    def test_bad_format_or_year_is_404(self):
        self.assertEqual(self.client.get(self.p_url("complaints/statistics.docx")).status_code, 404)
        self.assertEqual(self.client.get(self.p_url("complaints/statistics.xlsx?year=abc")).status_code, 404)

    def test_it_checks_ownership(self):
        cases.file_report(self.agency, {"category": "bribery", "concerned": "x", "what": "y" * 30})
        rows = xlsx_values(self.client.get(self.p_url("complaints/statistics.xlsx", self.other)).content, "รายเดือน")
        self.assertNotIn(1, [v for row in rows for v in row if isinstance(v, int)])
        self.assertEqual(self.client.get("/p/999999/complaints/statistics.xlsx").status_code, 404)
