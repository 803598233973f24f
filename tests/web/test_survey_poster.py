"""The QR code poster for the counter: PNG (drawn here), PDF and DOCX (the document writer; the
PDF mocked here, converted for real in tests/documents/test_survey_poster.py). The QR code reads
the survey's absolute address."""

from __future__ import annotations

import io
from pathlib import Path
from unittest import mock

from PIL import Image

from prongsai.web.audit.models import AuditEntry
from tests.web.test_survey_world import SurveyTestCase


class SurveyPosterTestCase(SurveyTestCase):
    def url(self, fmt: str = "png", agency=None) -> str:
        return self.s_url(f"poster.{fmt}", agency=agency)

    def test_it_works(self):
        self.login(self.viewer)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/png")
        self.assertIn("attachment", response["Content-Disposition"])
        image = Image.open(io.BytesIO(response.content))
        self.assertEqual(image.size, (1240, 1753))  # A4 portrait (210 × 297 mm) at 150 dpi
        entry = AuditEntry.objects.get(agency=self.agency, action=AuditEntry.DOWNLOAD)
        self.assertIn("โปสเตอร์", entry.summary)

    def test_the_docx_and_the_pdf_carry_the_address(self):
        self.login(self.owner)
        response = self.client.get(self.url("docx"))
        self.assertEqual(response.status_code, 200)
        from docx import Document

        text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
        self.assertIn(f"http://testserver/p/{self.agency.pk}/survey/{self.survey.pk}/", text)
        seen = {}

        def fake(fmt, out, **kwargs):
            seen.update(kwargs)
            Path(out).write_bytes(b"%PDF-1.4 poster")
            return Path(out)

        with mock.patch("prongsai.documents.survey_poster.write_poster", fake):
            response = self.client.get(self.url("pdf"), HTTP_HOST="localhost")
        self.assertEqual(response.content, b"%PDF-1.4 poster")
        self.assertEqual(seen["url"], f"http://localhost/p/{self.agency.pk}/survey/{self.survey.pk}/")
        self.assertEqual(seen["services"], ["งานจัดเก็บภาษี", "งานทะเบียนพาณิชย์"])

    def test_a_failing_writer_is_a_thai_page(self):
        self.login(self.owner)
        with mock.patch("prongsai.documents.survey_poster.write_poster", side_effect=OSError("soffice")):
            response = self.client.get(self.url("pdf"))
        self.assertContains(response, "จัดทำไฟล์ไม่สำเร็จ", status_code=500)

    def test_bad_format_is_404(self):
        self.login(self.owner)
        self.assertEqual(self.client.get(self.url("svg")).status_code, 404)
        self.assertEqual(self.client.post(self.url()).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.get(self.url("pdf", agency=self.other)).status_code, 404)
        self.assertFalse(AuditEntry.objects.filter(action=AuditEntry.DOWNLOAD).exists())
