"""The public picture of an asset: only of an asset the public may borrow, of that agency."""

from __future__ import annotations

from prongsai.web.borrowing.models import AssetPhoto
from tests.web.base import PNG_BYTES
from tests.web.public_helpers import assert_private
from tests.web.test_borrowing_world import BorrowingTestCase


class BorrowPhotoTestCase(BorrowingTestCase):
    def setUp(self) -> None:
        super().setUp()
        for asset in (self.tent, self.truck):
            AssetPhoto.objects.create(asset=asset, data=PNG_BYTES, content_type="image/png", size=len(PNG_BYTES))

    def test_it_works(self):
        response = self.client.get(self.p_url(f"borrow/assets/{self.tent.pk}/photo/"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PNG_BYTES)
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        assert_private(self, response)
        self.assertContains(self.client.get(self.p_url("borrow/")), f"/borrow/assets/{self.tent.pk}/photo/")

    def test_no_picture_of_an_asset_the_public_may_not_borrow(self):
        self.assertEqual(self.client.get(self.p_url(f"borrow/assets/{self.truck.pk}/photo/")).status_code, 404)
        self.assertEqual(self.client.get(self.p_url(f"borrow/assets/{self.chair.pk}/photo/")).status_code, 404)

    def test_it_checks_ownership(self):
        self.assertEqual(self.client.get(self.p_url(f"borrow/assets/{self.tent.pk}/photo/", self.other)).status_code,
                         404)
        self.assertEqual(self.client.get(f"/p/999999/borrow/assets/{self.tent.pk}/photo/").status_code, 404)
