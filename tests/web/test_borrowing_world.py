"""Agency A lending its assets, shared by the borrowing tests: the rules set (กองคลัง in charge,
7 days at most, 3 days' notice, the public page open), an approver who is a viewer (the ปลัด),
and three assets — 10 tents and 200 chairs the public may borrow (สำนักปลัด's), and a water
truck for official use (กองช่าง's). Agency B has a tent of its own. Helpers file requests the
way people do: through the public form and the staff form."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.cache import cache
from django.utils import timezone

from prongsai.channels.receipts import normalised
from prongsai.services import borrowing as rules
from prongsai.web.agencies.models import Membership
from prongsai.web.borrowing.models import Approver, Asset, BorrowingRules, Loan
from tests.web.base import BaseTestCase, make_user


def be(day: date) -> str:
    """A date as people type it: 31/3/2570."""
    return f"{day.day}/{day.month}/{day.year + 543}"


def public_request(asset_quantities: dict, start: date, end: date, **changes) -> dict:
    data = {f"qty_{asset.pk}": str(n) for asset, n in asset_quantities.items()}
    data.update({"start_on": be(start), "end_on": be(end), "purpose_kind": rules.COMMUNITY,
                 "purpose": "งานทำบุญกลางบ้าน หมู่ 3", "place": "ลานกลางบ้าน หมู่ 3", "name": "นายสมศักดิ์ ใจดี",
                 "organisation": "", "phone": "081 234 5678", "address": "12 หมู่ 3 ตำบลลาดหญ้า", "agree": "on"})
    data.update(changes)
    return data


class BorrowingTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.office = cls.agency.units.get(name="สำนักปลัด")
        cls.works = cls.agency.units.get(name="กองช่าง")
        cls.approver = make_user("pala")  # the ปลัด: a viewer named approver
        membership = Membership.objects.create(user=cls.approver, agency=cls.agency, role=Membership.VIEWER)
        Approver.objects.create(membership=membership)
        cls.rules = BorrowingRules.objects.create(agency=cls.agency, public_open=True, custodian_unit=cls.finance,
                                                  max_days=7, lead_days=3, phone="0 3451 2345 ต่อ 14")
        cls.tent = Asset.objects.create(agency=cls.agency, code="020-65-0001", name="เต็นท์ผ้าใบ", quantity=10,
                                        count_unit="หลัง", unit=cls.office, public_may_borrow=True)
        cls.chair = Asset.objects.create(agency=cls.agency, code="010-64-0001", name="เก้าอี้พลาสติก", quantity=200,
                                         count_unit="ตัว", unit=cls.office, public_may_borrow=True)
        cls.truck = Asset.objects.create(agency=cls.agency, code="030-60-0001", name="รถบรรทุกน้ำ", quantity=1,
                                         count_unit="คัน", unit=cls.works, max_days=1)
        BorrowingRules.objects.create(agency=cls.other, public_open=True, custodian_unit=cls.other.units.first())
        cls.other_tent = Asset.objects.create(agency=cls.other, code="B-1", name="เต็นท์ของหน่วยงานบี", quantity=5,
                                              count_unit="หลัง", unit=cls.other.units.first(), public_may_borrow=True)

    def setUp(self) -> None:
        super().setUp()
        cache.clear()  # the throttles' counts

    @property
    def today(self) -> date:
        return timezone.localdate()

    def day(self, n: int) -> date:
        return self.today + timedelta(n)

    def p_url(self, suffix: str = "", agency=None) -> str:
        return f"/p/{(agency or self.agency).pk}/{suffix}"

    def public_loan(self, quantities: dict | None = None, start: int = 5, days: int = 2, agency=None, **changes
                    ) -> tuple[Loan, str]:
        quantities = quantities if quantities is not None else {self.tent: 2}
        response = self.client.post(self.p_url("borrow/", agency),
                                    public_request(quantities, self.day(start), self.day(start + days - 1), **changes))
        self.assertEqual(response.status_code, 200, response.content.decode()[:4000])
        text = response.content.decode()
        start_at = text.index("data-code>") + len("data-code>")
        code = normalised(text[start_at:text.index("<", start_at)])
        self.assertIsNotNone(code)
        return Loan.objects.filter(agency=agency or self.agency).order_by("-pk").first(), code

    def staff_loan(self, user=None, asset=None, quantity: int = 1, start: int = 1, days: int = 1, **changes) -> Loan:
        self.login(user or self.member)
        data = {"start_on": be(self.day(start)), "end_on": be(self.day(start + days - 1)),
                "asset_1": (asset or self.tent).pk, "quantity_1": str(quantity),
                "purpose": "ออกหน่วยบริการประชาชนเคลื่อนที่", "place": "โรงเรียนบ้านหนองบัว", **changes}
        response = self.client.post(self.a_url("loans/new/"), data)
        self.assertEqual(response.status_code, 302, response.content.decode()[:4000])
        return Loan.objects.filter(agency=self.agency).order_by("-pk").first()

    def act(self, user, loan: Loan, action: str, **data):
        self.login(user)
        return self.client.post(self.a_url(f"loans/{loan.pk}/"), {"action": action, **data})

    def lend(self, loan: Loan, handed: date | None = None) -> Loan:
        """Approved by the ปลัด and handed over by กองคลัง's staff (the agency-wide editor)."""
        self.assertEqual(self.act(self.approver, loan, "approve").status_code, 302)
        response = self.act(self.member, loan, "hand_over", handed_on=be(handed or self.today),
                            handed_to=loan.borrower_name, note="ครบถ้วน ใช้งานได้ดี")
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        loan.refresh_from_db()
        return loan


class WorldTestCase(BorrowingTestCase):
    def test_the_world_holds_together(self):
        self.assertTrue(BorrowingRules.of(self.agency).public_open)
        self.assertEqual(Asset.objects.filter(agency=self.agency, public_may_borrow=True).count(), 2)
        loan, code = self.public_loan()
        self.assertEqual(loan.status, rules.REQUESTED)
        self.assertEqual(len(code), 16)
