"""add_demo_borrowing: the assets an อบต. lends, loans in every state (one overdue), every text an
example, the pages render with it, and calling it twice adds nothing."""

from __future__ import annotations

from prongsai.services import borrowing as rules
from prongsai.web.borrowing.demo import NOTE, add_demo_borrowing
from prongsai.web.borrowing.models import Asset, BorrowingRules, Loan, LoanLine
from tests.web.base import BaseTestCase


class BorrowingDemoTestCase(BaseTestCase):
    def test_it_works(self):
        add_demo_borrowing(self.agency, self.owner)
        rules_ = BorrowingRules.objects.get(agency=self.agency)
        self.assertTrue(rules_.public_open)
        self.assertEqual(rules_.custodian_unit.name, "กองคลัง")
        names = set(Asset.objects.filter(agency=self.agency).values_list("name", flat=True))
        self.assertTrue({"เต็นท์ผ้าใบ ขนาด 4×8 เมตร", "เก้าอี้พลาสติก", "เครื่องเสียงพร้อมลำโพง"} <= names)
        truck = Asset.objects.get(agency=self.agency, name__startswith="รถบรรทุกน้ำ")
        self.assertFalse(truck.public_may_borrow)
        self.assertEqual(Asset.objects.get(agency=self.agency, name="เต็นท์ผ้าใบ ขนาด 4×8 เมตร").quantity, 10)
        self.assertEqual(Asset.objects.get(agency=self.agency, name="เก้าอี้พลาสติก").quantity, 200)
        loans = Loan.objects.filter(agency=self.agency)
        self.assertEqual({s for s, _ in rules.STATUSES}, set(loans.values_list("status", flat=True)))
        self.assertEqual(sum(1 for loan in loans if loan.is_overdue), 1)
        self.assertTrue(all(NOTE in loan.purpose for loan in loans))
        self.assertTrue(LoanLine.objects.filter(loan__agency=self.agency, damaged__gt=0).exists())
        counts = (Asset.objects.count(), Loan.objects.count(), LoanLine.objects.count())
        add_demo_borrowing(self.agency, self.owner)
        self.assertEqual((Asset.objects.count(), Loan.objects.count(), LoanLine.objects.count()), counts)
        self.login(self.owner)
        for suffix in ("loans/", "loans/?year=all", "assets/", "loans/summary/", "loans/rules/",
                       *(f"loans/{loan.pk}/" for loan in loans), *(f"assets/{a.pk}/" for a in Asset.objects.all())):
            self.assertEqual(self.client.get(self.a_url(suffix)).status_code, 200, suffix)
        self.client.logout()
        response = self.client.get(f"/p/{self.agency.pk}/borrow/")
        self.assertContains(response, "เต็นท์ผ้าใบ")
        self.assertNotContains(response, "รถบรรทุกน้ำ")

    def test_it_checks_ownership(self):
        add_demo_borrowing(self.agency, self.owner)
        self.assertFalse(Loan.objects.filter(agency=self.other).exists())
        self.assertFalse(Asset.objects.filter(agency=self.other).exists())
