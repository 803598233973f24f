"""The staff download each type's manual (also a closed type's) as Word to check or edit, or PDF
(LibreOffice is not started here: tests/documents/test_service_manual.py converts once)."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

from tests.web.test_eservice_world import EserviceTestCase
from tests.web.test_public_eservice_manual import docx_text


class EserviceManualTestCase(EserviceTestCase):
    def test_it_works(self):
        for user in (self.owner, self.viewer, self.supervisor):
            self.login(user)
            response = self.client.get(self.e_url(f"types/{self.closed.pk}/manual.docx"))
            self.assertEqual(response.status_code, 200, user.username)
        text = docx_text(response.content)
        self.assertIn("ขออนุญาตใช้สนามกีฬา", text)
        self.assertIn("กองการศึกษา ศาสนาและวัฒนธรรม", text)
        self.assertNotIn("E-Service", text)  # closed: no web channel in its manual
        self.assertEqual(self.client.post(self.e_url(f"types/{self.closed.pk}/manual.docx")).status_code, 405)

    def test_pdf_and_a_failure(self):
        self.login(self.owner)

        def fake(fmt, out, manual, **kwargs):
            Path(out).write_bytes(b"%PDF-1.4 fake")
            return Path(out)

        with mock.patch("prongsai.documents.service_manual.write_manual", side_effect=fake):
            response = self.client.get(self.e_url(f"types/{self.water.pk}/manual.pdf"))
        self.assertEqual(response["Content-Type"], "application/pdf")
        with mock.patch("prongsai.documents.service_manual.write_manual", side_effect=RuntimeError):
            response = self.client.get(self.e_url(f"types/{self.water.pk}/manual.pdf"))
        self.assertContains(response, "LibreOffice", status_code=500)
        self.assertEqual(self.client.get(self.e_url(f"types/{self.water.pk}/manual.odt")).status_code, 404)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.e_url(f"types/{self.water.pk}/manual.docx")).status_code, 404)
        self.assertEqual(self.client.get(self.e_url(f"types/{self.water.pk}/manual.docx", self.other)).status_code, 404)
