"""A member asks to borrow for official work: the borrower is the member; up to five assets, any
the agency lends (not only those the public may borrow); checked whole; nothing half-saved."""

from __future__ import annotations

from prongsai.services import borrowing as rules
from prongsai.web.audit.models import AuditEntry
from prongsai.web.borrowing.models import Asset, Loan, LoanLine
from tests.web.test_borrowing_world import BorrowingTestCase, be


class LoanNewTestCase(BorrowingTestCase):
    def data(self, **changes) -> dict:
        return {"start_on": be(self.today), "end_on": be(self.today), "asset_1": self.truck.pk, "quantity_1": "1",
                "asset_2": self.chair.pk, "quantity_2": "20", "purpose": "ออกหน่วยบริการประชาชนเคลื่อนที่ หมู่ 5",
                "place": "ศาลาหมู่ 5", **changes}

    def test_it_works(self):
        self.login(self.member)
        response = self.client.get(self.a_url(f"loans/new/?asset={self.truck.pk}"))
        self.assertContains(response, "ขอยืมพัสดุไปใช้ในราชการ")
        self.assertEqual(response.context["form"].initial["asset_1"], self.truck.pk)
        response = self.client.post(self.a_url("loans/new/"), self.data())
        loan = Loan.objects.get(agency=self.agency)
        self.assertRedirects(response, self.a_url(f"loans/{loan.pk}/"), fetch_redirect_response=False)
        self.assertEqual((loan.borrower_user, loan.borrower_name, loan.borrower_kind, loan.purpose_kind),
                         (self.member, "Bob", rules.STAFF, rules.OFFICIAL))
        self.assertIsNone(loan.code_digest)  # staff follow their loans in the workspace
        self.assertEqual(sorted(loan.lines.values_list("asset__code", "quantity")),
                         [("010-64-0001", 20), ("030-60-0001", 1)])
        self.assertEqual(AuditEntry.objects.get(agency=self.agency, object_type="การยืมพัสดุ").user, self.member)

    def test_staff_need_no_notice_but_keep_the_limits(self):
        self.login(self.member)
        self.assertEqual(self.client.post(self.a_url("loans/new/"), self.data()).status_code, 302)  # today itself
        response = self.client.post(self.a_url("loans/new/"), self.data(end_on=be(self.day(1))))
        # the water truck is lent for one day at most
        self.assertContains(response, "ยืมได้ครั้งละไม่เกิน 1 วัน", status_code=400)
        self.assertContains(response, "รถบรรทุกน้ำยืมได้ไม่เกิน 1 วัน", status_code=400)

    def test_bad_input_names_the_field_and_saves_nothing(self):
        self.login(self.member)
        cases = [
            ({"start_on": ""}, "start_on"),
            ({"end_on": "พรุ่งนี้"}, "end_on"),
            ({"start_on": be(self.day(-1))}, "start_on"),
            ({"asset_1": ""}, "asset_1"),
            ({"asset_1": str(self.other_tent.pk)}, "asset_1"),  # agency B's
            ({"quantity_1": ""}, "quantity_1"),
            ({"quantity_1": "0"}, "quantity_1"),
            ({"quantity_2": "201"}, "quantity_2"),
            ({"asset_2": self.truck.pk}, "asset_2"),  # the same asset twice
            ({"asset_2": "", "quantity_2": "5"}, "asset_2"),
            ({"purpose": ""}, "purpose"),
            ({"place": " "}, "place"),
        ]
        for change, field in cases:
            response = self.client.post(self.a_url("loans/new/"), self.data(**change))
            self.assertEqual(response.status_code, 400, change)
            self.assertIn(field, response.context["form"].errors, change)
        Asset.objects.filter(pk=self.truck.pk).update(condition=rules.BROKEN)
        response = self.client.post(self.a_url("loans/new/"), self.data())
        self.assertIn("asset_1", response.context["form"].errors)  # broken: not offered
        self.assertFalse(Loan.objects.exists())
        self.assertFalse(LoanLine.objects.exists())

    def test_viewers_supervisors_and_the_system_administrator_do_not_ask(self):
        for user in (self.viewer, self.approver, self.supervisor, self.admin):
            self.login(user)
            self.assertEqual(self.client.post(self.a_url("loans/new/"), self.data()).status_code, 403, user)
        self.assertFalse(Loan.objects.exists())

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("loans/new/")).status_code, 404)
        self.assertEqual(self.client.post(self.a_url("loans/new/"), self.data()).status_code, 404)
        # on B's own page, A's assets are not offered
        response = self.client.post(f"/a/{self.other.pk}/loans/new/", self.data())
        self.assertEqual(response.status_code, 400)
        self.assertIn("asset_1", response.context["form"].errors)
        self.assertFalse(Loan.objects.exists())
