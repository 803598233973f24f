"""Each open service's manual (คู่มือการให้บริการ) on the public page, as Word or PDF, built from the
type (LibreOffice is not started here: tests/documents/test_service_manual.py converts once)."""

from __future__ import annotations

import io
from pathlib import Path
from unittest import mock

from docx import Document

from prongsai.documents.wordbreak import strip_marks
from tests.web.test_eservice_world import EserviceTestCase


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return strip_marks("\n".join(parts)).replace("\xa0", " ")


class PublicEserviceManualTestCase(EserviceTestCase):
    def test_it_works(self):
        response = self.client.get(self.p_url(f"{self.water.pk}/manual.docx"))
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Set-Cookie", response.headers)
        self.assertIn("docx", response["Content-Disposition"])
        text = docx_text(response.content)
        for fact in ("คู่มือการให้บริการ", "ขอรับการสนับสนุนน้ำอุปโภคบริโภค", "สำนักปลัด", self.agency.name,
                     "สำเนาบัตรประจำตัวประชาชน", "ไม่มีค่าธรรมเนียม", "รับคำขอและตรวจสอบเอกสาร",
                     "งานป้องกันและบรรเทาสาธารณภัย", f"/p/{self.agency.pk}/eservice/{self.water.pk}/",
                     "ศูนย์ดำรงธรรม"):
            self.assertIn(fact, text, fact)
        self.assertIn("๓ วันทำการ", text)  # Thai digits in the document

    def test_none_where_there_is_none(self):
        text = docx_text(self.client.get(self.p_url(f"{self.finance_type.pk}/manual.docx")).content)
        self.assertIn("ไม่มีรายการเอกสารหลักฐานประกอบการยื่นคำขอ", text)
        self.assertIn("ฉบับละ ๑๐ บาท", text)

    def test_pdf_is_throttled(self):
        def fake(fmt, out, manual, **kwargs):
            Path(out).write_bytes(b"%PDF-1.4 fake")
            return Path(out)

        with mock.patch("prongsai.documents.service_manual.write_manual", side_effect=fake):
            self.assertEqual(self.client.get(self.p_url(f"{self.water.pk}/manual.pdf")).content, b"%PDF-1.4 fake")
            for _ in range(19):
                self.client.get(self.p_url(f"{self.water.pk}/manual.pdf"))
            response = self.client.get(self.p_url(f"{self.water.pk}/manual.pdf"))
        self.assertContains(response, "ถี่เกินไป", status_code=429)

    def test_a_failed_build_says_so_without_naming_the_software(self):
        with mock.patch("prongsai.documents.service_manual.write_manual", side_effect=RuntimeError("no office")):
            response = self.client.get(self.p_url(f"{self.water.pk}/manual.pdf"))
        self.assertContains(response, "ระบบจัดทำเอกสารไม่สำเร็จ", status_code=500)
        self.assertNotContains(response, "LibreOffice", status_code=500)

    def test_a_closed_type_and_unknown_formats_are_404(self):
        self.assertEqual(self.client.get(self.p_url(f"{self.closed.pk}/manual.pdf")).status_code, 404)
        self.assertEqual(self.client.get(self.p_url(f"{self.water.pk}/manual.xlsx")).status_code, 404)

    def test_it_checks_ownership(self):
        self.assertEqual(self.client.get(self.p_url(f"{self.theirs.pk}/manual.docx")).status_code, 404)
        self.assertEqual(self.client.get(self.p_url(f"{self.water.pk}/manual.docx", self.other)).status_code, 404)
        self.assertEqual(self.client.get(f"/p/999999/eservice/{self.water.pk}/manual.docx").status_code, 404)
