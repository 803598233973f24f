"""Downloads of documents and evidence files go into the agency's audit log."""

from __future__ import annotations

from prongsai.web.audit.models import AuditEntry
from tests.web.base import BaseTestCase


class AuditDownloadTestCase(BaseTestCase):
    def downloads(self):
        return AuditEntry.objects.filter(action=AuditEntry.DOWNLOAD).order_by("-seq")

    def test_an_evidence_download_is_logged(self):
        self.login(self.viewer)
        r = self.client.get(self.a_url(f"evidence/{self.evidence.pk}/"), REMOTE_ADDR="10.4.4.4")
        self.assertEqual(r.status_code, 200)
        entry = self.downloads().first()
        self.assertEqual((entry.agency, entry.user, entry.object_id, entry.address),
                         (self.agency, self.viewer, str(self.evidence.pk), "10.4.4.4"))
        self.assertIn(self.evidence.name, entry.summary)
        self.login(self.owner)
        r = self.client.get(self.a_url("audit/"), {"kind": "download"})
        self.assertContains(r, self.evidence.name)
        self.assertContains(r, "ดาวน์โหลด</span>")

    def test_a_document_download_is_logged(self):
        self.login(self.viewer)
        r = self.client.get(self.a_url("documents/plan.docx"))
        self.assertEqual(r.status_code, 200)
        entry = self.downloads().first()
        self.assertEqual((entry.agency, entry.user), (self.agency, self.viewer))
        self.assertIn(".docx", entry.summary)

    def test_a_refused_download_is_not_logged(self):
        self.login(self.stranger)
        before = self.downloads().count()
        self.assertEqual(self.client.get(self.a_url(f"evidence/{self.evidence.pk}/")).status_code, 404)
        self.assertEqual(self.client.get(self.a_url("documents/plan.docx")).status_code, 404)
        self.assertEqual(self.downloads().count(), before)

    def test_behind_the_trusted_proxy_the_officers_address_is_logged(self):
        """The download entry names the officer's machine, as sign-ins do, not the proxy's."""
        import os
        from unittest import mock

        self.login(self.viewer)
        with mock.patch.dict(os.environ, {"PRONGSAI_TRUSTED_PROXIES": "127.0.0.1"}):
            r = self.client.get(self.a_url(f"evidence/{self.evidence.pk}/"), REMOTE_ADDR="127.0.0.1",
                                HTTP_X_FORWARDED_FOR="10.8.8.8")
        self.assertEqual(r.status_code, 200)
        self.assertEqual(self.downloads().first().address, "10.8.8.8")
