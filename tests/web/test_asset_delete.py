"""Deleting an asset that was never lent (one with loans stays in the register: retire it)."""

from __future__ import annotations

from prongsai.web.audit.models import AuditEntry
from prongsai.web.borrowing.models import Asset
from tests.web.test_borrowing_world import BorrowingTestCase


class AssetDeleteTestCase(BorrowingTestCase):
    def test_it_works(self):
        self.login(self.member)
        response = self.client.post(self.a_url(f"assets/{self.truck.pk}/delete/"))
        self.assertRedirects(response, self.a_url("assets/"), fetch_redirect_response=False)
        self.assertFalse(Asset.objects.filter(pk=self.truck.pk).exists())
        entry = AuditEntry.objects.get(agency=self.agency, object_type="พัสดุ", action=AuditEntry.DELETE)
        self.assertIn("รถบรรทุกน้ำ", entry.summary)

    def test_it_rejects_get(self):
        self.login(self.member)
        self.assertEqual(self.client.get(self.a_url(f"assets/{self.truck.pk}/delete/")).status_code, 405)

    def test_an_asset_with_loans_is_kept(self):
        self.public_loan({self.tent: 1})
        self.login(self.member)
        response = self.client.post(self.a_url(f"assets/{self.tent.pk}/delete/"), follow=True)
        self.assertContains(response, "มีประวัติการยืม")
        self.assertTrue(Asset.objects.filter(pk=self.tent.pk).exists())

    def test_only_those_in_charge(self):
        for user in (self.unit_editor, self.viewer, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.post(self.a_url(f"assets/{self.truck.pk}/delete/")).status_code, 403)
        self.assertTrue(Asset.objects.filter(pk=self.truck.pk).exists())

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        for agency in (self.agency, self.other):
            self.assertEqual(self.client.post(f"/a/{agency.pk}/assets/{self.truck.pk}/delete/").status_code, 404)
        self.assertTrue(Asset.objects.filter(pk=self.truck.pk).exists())
