"""A file the applicant attached, for the agency's members only: downloaded as sent (checked on
upload), never rendered by the browser as a page."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.web.eservice.models import Attachment
from tests.web.test_eservice_world import PDF, EserviceTestCase


class EserviceFileTestCase(EserviceTestCase):
    def attached(self) -> Attachment:
        self.apply(files=[SimpleUploadedFile("สำเนาบัตร.pdf", PDF, content_type="application/pdf")])
        return Attachment.objects.get()

    def test_it_works(self):
        attachment = self.attached()
        for user in (self.owner, self.viewer, self.unit_editor, self.supervisor):
            self.login(user)
            response = self.client.get(self.e_url(f"files/{attachment.pk}/"))
            self.assertEqual(response.status_code, 200, user.username)
            self.assertEqual(response.content, PDF)
            self.assertEqual(response["Content-Type"], "application/pdf")
            self.assertTrue(response["Content-Disposition"].startswith("attachment"))
            self.assertEqual(response["X-Content-Type-Options"], "nosniff")
            self.assertEqual(self.client.post(self.e_url(f"files/{attachment.pk}/")).status_code, 405)

    def test_it_checks_ownership(self):
        attachment = self.attached()
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.e_url(f"files/{attachment.pk}/")).status_code, 404)
        self.assertEqual(self.client.get(self.e_url(f"files/{attachment.pk}/", agency=self.other)).status_code, 404)
        self.client.logout()
        response = self.client.get(self.e_url(f"files/{attachment.pk}/"))
        self.assertEqual(response.status_code, 302)  # to the login page
