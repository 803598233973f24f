"""One asset: its facts, what is free day by day in the next 30 days, and its loans."""

from __future__ import annotations

from tests.web.test_borrowing_world import BorrowingTestCase


class AssetDetailTestCase(BorrowingTestCase):
    def test_it_works(self):
        loan, _ = self.public_loan({self.tent: 4}, start=5, days=2)
        self.act(self.approver, loan, "approve")
        for user in (self.viewer, self.supervisor, self.member):
            self.login(user)
            response = self.client.get(self.a_url(f"assets/{self.tent.pk}/"))
            self.assertContains(response, "เต็นท์ผ้าใบ")
            self.assertContains(response, "ว่าง 6 จาก 10 หลัง")
            self.assertContains(response, loan.number)
            days = response.context["days"]
            self.assertEqual(len(days), 30)
            self.assertEqual([free for _day, free in days[4:8]], [10, 6, 6, 10])
        self.assertContains(response, "แก้ไข")
        self.login(self.viewer)
        self.assertNotContains(self.client.get(self.a_url(f"assets/{self.tent.pk}/")), "ลบรายการนี้")

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        for agency in (self.agency, self.other):
            self.assertEqual(self.client.get(f"/a/{agency.pk}/assets/{self.tent.pk}/").status_code, 404)
