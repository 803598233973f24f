"""An asset's picture for staff (any asset of the agency), served with nosniff and a sandbox."""

from __future__ import annotations

from prongsai.web.borrowing.models import AssetPhoto
from tests.web.base import PNG_BYTES
from tests.web.test_borrowing_world import BorrowingTestCase


class AssetPhotoTestCase(BorrowingTestCase):
    def test_it_works(self):
        AssetPhoto.objects.create(asset=self.truck, data=PNG_BYTES, content_type="image/png", size=len(PNG_BYTES))
        for user in (self.viewer, self.supervisor):
            self.login(user)
            response = self.client.get(self.a_url(f"assets/{self.truck.pk}/photo/"))
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response["Content-Type"], "image/png")
            self.assertEqual(response["X-Content-Type-Options"], "nosniff")
            self.assertEqual(response.content, PNG_BYTES)
        self.assertEqual(self.client.get(self.a_url(f"assets/{self.tent.pk}/photo/")).status_code, 404)  # no picture

    def test_it_checks_ownership(self):
        AssetPhoto.objects.create(asset=self.truck, data=PNG_BYTES, content_type="image/png", size=len(PNG_BYTES))
        self.login(self.stranger)
        for agency in (self.agency, self.other):
            self.assertEqual(self.client.get(f"/a/{agency.pk}/assets/{self.truck.pk}/photo/").status_code, 404)
