"""Deleting a request type made by mistake: only while no request was made for it (requests and
the statistics must stay); otherwise the officer is told to close it instead."""

from __future__ import annotations

from prongsai.web.audit.models import AuditEntry
from prongsai.web.eservice.models import RequestType
from tests.web.test_eservice_world import EserviceTestCase


class EserviceTypeDeleteTestCase(EserviceTestCase):
    def test_it_works(self):
        self.login(self.owner)
        response = self.client.post(self.e_url(f"types/{self.finance_type.pk}/delete/"))
        self.assertRedirects(response, self.e_url("types/"), fetch_redirect_response=False)
        self.assertFalse(RequestType.objects.filter(pk=self.finance_type.pk).exists())
        entry = AuditEntry.objects.get(object_type="ประเภทบริการ", action=AuditEntry.DELETE)
        self.assertIn("ขอสำเนาใบเสร็จรับเงินค่าภาษี", entry.summary)

    def test_a_type_with_requests_stays(self):
        self.apply()
        self.login(self.owner)
        response = self.client.post(self.e_url(f"types/{self.water.pk}/delete/"), follow=True)
        self.assertContains(response, "เพราะมีคำขอของบริการนี้แล้ว")
        self.assertTrue(RequestType.objects.filter(pk=self.water.pk).exists())
        self.assertFalse(AuditEntry.objects.filter(action=AuditEntry.DELETE).exists())

    def test_it_rejects_get_and_readers(self):
        self.login(self.owner)
        self.assertEqual(self.client.get(self.e_url(f"types/{self.finance_type.pk}/delete/")).status_code, 405)
        for user in (self.viewer, self.supervisor, self.unit_editor):
            self.login(user)
            self.assertEqual(self.client.post(self.e_url(f"types/{self.finance_type.pk}/delete/")).status_code, 403)
        self.assertTrue(RequestType.objects.filter(pk=self.finance_type.pk).exists())

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        for url in (self.e_url(f"types/{self.finance_type.pk}/delete/"),
                    self.e_url(f"types/{self.finance_type.pk}/delete/", self.other)):
            self.assertEqual(self.client.post(url).status_code, 404, url)
        self.assertTrue(RequestType.objects.filter(pk=self.finance_type.pk).exists())
