"""Editing an asset (and its picture): the unit in charge and agency-wide editors; the quantity
cannot drop below what approved loans hold; audited with the fields that changed."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.web.audit.models import AuditEntry
from prongsai.web.borrowing.models import Asset, AssetPhoto
from tests.web.test_asset_new import jpeg_with_gps
from tests.web.test_borrowing_world import BorrowingTestCase


def form_data(asset: Asset, **changes) -> dict:
    data = {"code": asset.code, "name": asset.name, "unit": asset.unit_id, "quantity": str(asset.quantity),
            "count_unit": asset.count_unit, "condition": asset.condition, "max_days": asset.max_days or "",
            "notes": asset.notes}
    if asset.public_may_borrow:
        data["public_may_borrow"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


class AssetEditTestCase(BorrowingTestCase):
    def test_it_works(self):
        self.login(self.member)
        url = self.a_url(f"assets/{self.tent.pk}/edit/")
        self.assertContains(self.client.get(url), "เต็นท์ผ้าใบ")
        photo = SimpleUploadedFile("tent.jpg", jpeg_with_gps(), content_type="image/jpeg")
        response = self.client.post(url, form_data(self.tent, quantity="12", condition="worn", photo_file=photo))
        self.assertRedirects(response, self.a_url(f"assets/{self.tent.pk}/"), fetch_redirect_response=False)
        self.tent.refresh_from_db()
        self.assertEqual((self.tent.quantity, self.tent.condition), (12, "worn"))
        self.assertTrue(AssetPhoto.objects.filter(asset=self.tent).exists())
        entry = AuditEntry.objects.get(agency=self.agency, object_type="พัสดุ")
        self.assertEqual(entry.changes["จำนวนที่ให้ยืมได้"], ["10", "12"])
        self.assertEqual(entry.changes["รูปพัสดุ"], ["เดิม", "รูปใหม่"])
        # the picture removed
        response = self.client.post(url, form_data(self.tent, remove_photo="on"))
        self.assertFalse(AssetPhoto.objects.filter(asset=self.tent).exists())
        # retired: no longer offered
        self.client.post(url, form_data(self.tent, retired="on"))
        self.tent.refresh_from_db()
        self.assertTrue(self.tent.retired)
        self.client.logout()
        self.assertNotContains(self.client.get(self.p_url("borrow/")), "เต็นท์ผ้าใบ")

    def test_the_quantity_keeps_what_approved_loans_hold(self):
        loan, _ = self.public_loan({self.tent: 7}, start=5, days=2)
        self.act(self.approver, loan, "approve")
        self.login(self.member)
        response = self.client.post(self.a_url(f"assets/{self.tent.pk}/edit/"), form_data(self.tent, quantity="6"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("ไว้แล้ว 7 หลัง", " ".join(response.context["form"].errors["quantity"]))
        self.tent.refresh_from_db()
        self.assertEqual(self.tent.quantity, 10)
        self.assertEqual(self.client.post(self.a_url(f"assets/{self.tent.pk}/edit/"),
                                          form_data(self.tent, quantity="7")).status_code, 302)

    def test_bad_input(self):
        self.login(self.owner)
        url = self.a_url(f"assets/{self.tent.pk}/edit/")
        for change, field in (({"code": self.chair.code}, "code"), ({"quantity": "-3"}, "quantity"),
                              ({"name": ""}, "name"), ({"max_days": "0"}, "max_days")):
            response = self.client.post(url, form_data(self.tent, **change))
            self.assertEqual(response.status_code, 400, change)
            self.assertIn(field, response.context["form"].errors, change)
        self.tent.refresh_from_db()
        self.assertEqual((self.tent.code, self.tent.quantity), ("020-65-0001", 10))
        self.assertFalse(AuditEntry.objects.filter(object_type="พัสดุ").exists())

    def test_unit_staff_edit_their_unit_only(self):
        self.login(self.unit_editor)  # กองคลัง; the tent is สำนักปลัด's
        self.assertEqual(self.client.post(self.a_url(f"assets/{self.tent.pk}/edit/"),
                                          form_data(self.tent, quantity="3")).status_code, 403)
        for user in (self.viewer, self.approver, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.post(self.a_url(f"assets/{self.tent.pk}/edit/"),
                                              form_data(self.tent, quantity="3")).status_code, 403)
        self.tent.refresh_from_db()
        self.assertEqual(self.tent.quantity, 10)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        for agency in (self.agency, self.other):
            url = f"/a/{agency.pk}/assets/{self.tent.pk}/edit/"
            self.assertEqual(self.client.get(url).status_code, 404)
            self.assertEqual(self.client.post(url, form_data(self.tent, quantity="1")).status_code, 404)
        self.tent.refresh_from_db()
        self.assertEqual(self.tent.quantity, 10)
