"""The service statistics as files for the OIT item: Excel with the hand-counted figures, Word, and
PDF (LibreOffice is not started here: tests/documents/test_service_statistics.py converts once)."""

from __future__ import annotations

import io
from pathlib import Path
from unittest import mock

from docx import Document
from openpyxl import load_workbook

from prongsai.documents.wordbreak import strip_marks
from tests.web.test_eservice_world import EserviceTestCase
from tests.web.test_public_eservice_statistics import hand_counted

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PublicEserviceStatisticsFileTestCase(EserviceTestCase):
    def fixture(self) -> None:
        hand_counted(self)

    def test_it_works(self):
        self.fixture()
        response = self.client.get(self.p_url("statistics.xlsx?year=2569"))
        self.assertEqual(response["Content-Type"], XLSX)
        self.assertIn("2569.xlsx", response["Content-Disposition"])
        self.assertNotIn("Set-Cookie", response.headers)
        wb = load_workbook(io.BytesIO(response.content))
        self.assertEqual(wb.sheetnames, ["รายเดือน", "ตามประเภทบริการ", "ประเภทบริการรายเดือน"])
        rows = [r for r in wb["รายเดือน"].iter_rows(values_only=True)]
        start = next(i for i, r in enumerate(rows) if r[0] == "เดือน")
        body = {r[0]: r[1:] for r in rows[start + 1:start + 15]}
        self.assertEqual(body["ตุลาคม 2568"], (3, 1, 1, 1))
        self.assertEqual(body["กันยายน 2569"], (1, 0, 0, 1))
        self.assertEqual(body["รวม 6 เดือนแรก"], (6, 3, 2, 1))
        self.assertEqual(body["รวมทั้งปีงบประมาณ"], (9, 5, 2, 2))
        types = [r for r in wb["ตามประเภทบริการ"].iter_rows(values_only=True) if r[0] and r[1]]
        self.assertIn(("ขอสำเนาใบเสร็จรับเงินค่าภาษี", "ทั้งปีงบประมาณ", 3, 1, 1, 1), types)
        self.assertIn(("รวมทุกประเภทบริการ", "6 เดือนแรก", 6, 3, 2, 1), types)

    def test_word(self):
        self.fixture()
        response = self.client.get(self.p_url("statistics.docx?year=2569"))
        self.assertEqual(response.status_code, 200)
        doc = Document(io.BytesIO(response.content))
        text = strip_marks("\n".join(p.text for p in doc.paragraphs)).replace("\xa0", " ")
        self.assertIn("รายงานสถิติการให้บริการ", text)
        self.assertIn(self.agency.name, text)

    def test_pdf_goes_through_the_document_writer_and_is_throttled(self):
        def fake(fmt, out, stats, **kwargs):
            Path(out).write_bytes(b"%PDF-1.4 fake")
            return Path(out)

        with mock.patch("prongsai.documents.service_statistics.write_statistics", side_effect=fake) as writer:
            response = self.client.get(self.p_url("statistics.pdf"))
            self.assertEqual(response.content, b"%PDF-1.4 fake")
            self.assertEqual(response["Content-Type"], "application/pdf")
            self.assertEqual(writer.call_args.args[0], "pdf")
            for _ in range(19):
                self.client.get(self.p_url("statistics.pdf"))
            response = self.client.get(self.p_url("statistics.pdf"))
            self.assertContains(response, "ถี่เกินไป", status_code=429)
            self.assertEqual(self.client.get(self.p_url("statistics.xlsx")).status_code, 200)  # Excel still

    def test_a_failed_build_is_a_thai_page(self):
        with mock.patch("prongsai.documents.service_statistics.write_statistics", side_effect=RuntimeError("no office")):
            response = self.client.get(self.p_url("statistics.pdf"))
        self.assertContains(response, "จัดทำไฟล์สถิติไม่สำเร็จ", status_code=503)

    def test_unknown_formats_and_years_are_404(self):
        self.assertEqual(self.client.get(self.p_url("statistics.csv")).status_code, 404)
        self.assertEqual(self.client.get(self.p_url("statistics.xlsx?year=2400")).status_code, 404)

    def test_it_checks_ownership(self):
        self.fixture()
        wb = load_workbook(io.BytesIO(self.client.get(self.p_url("statistics.xlsx?year=2569", self.other)).content))
        rows = [r for r in wb["รายเดือน"].iter_rows(values_only=True)]
        self.assertIn(("รวมทั้งปีงบประมาณ", 1, 0, 0, 1), rows)
        self.assertEqual(self.client.get("/p/999999/eservice/statistics.xlsx").status_code, 404)
