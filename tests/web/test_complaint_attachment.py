"""An attachment opens only for the agency's complaint officers, unsealed, and each opening is audited."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.web.audit.models import AuditEntry
from prongsai.web.complaints.models import Attachment
from tests.web.complaints_world import ComplaintsTestCase

PDF = b"%PDF-1.4\n% evidence of a split contract\n%%EOF\n"


class ComplaintAttachmentTestCase(ComplaintsTestCase):
    def test_it_works(self):
        complaint, _ = self.file_report(files=[SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")])
        attachment = Attachment.objects.get(complaint=complaint)
        self.assertNotIn(b"split contract", bytes(attachment.sealed))
        self.login(self.officer)
        response = self.client.get(self.a_url(f"complaints/files/{attachment.pk}/"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PDF)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertIn("attachment", response["Content-Disposition"])
        self.assertTrue(AuditEntry.objects.filter(action=AuditEntry.READ, object_type="ไฟล์แนบเรื่องร้องเรียน").exists())

    def test_it_checks_ownership(self):
        complaint, _ = self.file_report(files=[SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")])
        attachment = Attachment.objects.get(complaint=complaint)
        for user in (self.owner, self.member, self.supervisor, self.stranger, self.admin):
            self.login(user)
            self.assertEqual(self.client.get(self.a_url(f"complaints/files/{attachment.pk}/")).status_code, 404)
        self.login(self.other_officer)
        self.assertEqual(self.client.get(f"/a/{self.other.pk}/complaints/files/{attachment.pk}/").status_code, 404)
