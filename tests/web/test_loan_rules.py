"""The agency's borrowing rules: its admins set who approves (and name approvers among the
members), how long, how early, the return check and the liability, and open the public page;
the standard texts stay blank in the database so a newer wording reaches the agency; audited."""

from __future__ import annotations

from prongsai.web.audit.models import AuditEntry
from prongsai.web.borrowing import wording
from prongsai.web.borrowing.models import Approver, BorrowingRules
from tests.web.test_borrowing_world import BorrowingTestCase


class LoanRulesTestCase(BorrowingTestCase):
    def good(self, **changes) -> dict:
        defaults = wording.defaults()
        data = {"public_open": "on", "custodian_unit": self.finance.pk, "approver_title": "",
                "max_days": "5", "lead_days": "2", "place": "ห้องพัสดุ กองคลัง", "phone": "0 3451 2345",
                "documents": defaults["documents"], "fee": defaults["fee"], "return_check": defaults["return_check"],
                "liability": defaults["liability"], "rules_date": "1/10/2569",
                "approvers": [self.member.memberships.get(agency=self.agency).pk]}
        data.update(changes)
        return {k: v for k, v in data.items() if v is not None}

    def test_it_works(self):
        self.login(self.owner)
        url = self.a_url("loans/rules/")
        response = self.client.get(url)
        self.assertContains(response, "ปลัดองค์การบริหารส่วนตำบลลาดหญ้า")  # the default approver's title
        self.assertContains(response, "Pala")  # the approver already named
        response = self.client.post(url, self.good(liability="ผู้ยืมชดใช้ตามราคาที่เป็นอยู่ในขณะยืม\n\n  บรรทัดที่สอง  "))
        self.assertRedirects(response, url, fetch_redirect_response=False)
        saved = BorrowingRules.objects.get(agency=self.agency)
        self.assertEqual((saved.max_days, saved.lead_days, saved.custodian_unit), (5, 2, self.finance))
        self.assertEqual(saved.documents, "")  # the standard text is kept as blank
        self.assertEqual(saved.liability, "ผู้ยืมชดใช้ตามราคาที่เป็นอยู่ในขณะยืม\nบรรทัดที่สอง")
        self.assertEqual(list(Approver.objects.filter(membership__agency=self.agency)
                              .values_list("membership__user__username", flat=True)), ["bob"])
        entry = AuditEntry.objects.get(agency=self.agency, object_type="หลักเกณฑ์การยืมพัสดุ")
        self.assertEqual(entry.changes["ยืมได้ครั้งละไม่เกิน (วัน)"], ["7", "5"])
        self.assertEqual(entry.changes["ผู้อนุมัติการยืม"], ["Pala", "Bob"])
        # the form shows the standard text again for editing
        self.assertContains(self.client.get(url), wording.defaults()["fee"])

    def test_first_setup_is_logged_as_created(self):
        BorrowingRules.objects.filter(agency=self.agency).delete()
        self.login(self.owner)
        self.assertEqual(self.client.post(self.a_url("loans/rules/"), self.good()).status_code, 302)
        self.assertEqual(AuditEntry.objects.get(agency=self.agency, object_type="หลักเกณฑ์การยืมพัสดุ").action,
                         AuditEntry.CREATE)

    def test_bad_input(self):
        self.login(self.owner)
        url = self.a_url("loans/rules/")
        other_member = self.other.memberships.first().pk
        for change, field in (({"max_days": "0"}, "max_days"), ({"max_days": "91"}, "max_days"),
                              ({"max_days": "เจ็ด"}, "max_days"), ({"lead_days": "0"}, "lead_days"),
                              ({"lead_days": "61"}, "lead_days"), ({"custodian_unit": ""}, "custodian_unit"),
                              ({"custodian_unit": str(self.other.units.first().pk)}, "custodian_unit"),
                              ({"rules_date": "32/13/2569"}, "rules_date"), ({"approvers": [other_member]}, "approvers"),
                              ({"approvers": [self.owner.memberships.get(agency=self.agency).pk]}, "approvers")):
            response = self.client.post(url, self.good(**change))
            self.assertEqual(response.status_code, 400, change)
            self.assertIn(field, response.context["form"].errors, change)
        saved = BorrowingRules.objects.get(agency=self.agency)
        self.assertEqual((saved.max_days, saved.lead_days), (7, 3))
        self.assertEqual(Approver.objects.filter(membership__agency=self.agency).count(), 1)
        self.assertFalse(AuditEntry.objects.filter(object_type="หลักเกณฑ์การยืมพัสดุ").exists())

    def test_only_admins_change_it(self):
        for user in (self.member, self.approver, self.viewer, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.get(self.a_url("loans/rules/")).status_code, 403, user)
            self.assertEqual(self.client.post(self.a_url("loans/rules/"), self.good()).status_code, 403, user)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("loans/rules/")).status_code, 404)
        self.assertEqual(self.client.post(self.a_url("loans/rules/"), self.good()).status_code, 404)
        self.assertEqual(BorrowingRules.objects.get(agency=self.agency).max_days, 7)
        # B's own page cannot name A's members approvers
        response = self.client.post(f"/a/{self.other.pk}/loans/rules/",
                                    self.good(custodian_unit=self.other.units.first().pk))
        self.assertIn("approvers", response.context["form"].errors)
