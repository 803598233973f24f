"""The announcement of the borrowing rules on the public page (where the website links to):
no login, no cookie, throttled (a PDF is a LibreOffice run), a plain page when there is none."""

from __future__ import annotations

from prongsai.web.borrowing.models import BorrowingRules
from tests.web.public_helpers import assert_private
from tests.web.test_borrowing_world import BorrowingTestCase
from tests.web.test_loan_rules_document import text_of


class BorrowRulesTestCase(BorrowingTestCase):
    def test_it_works(self):
        response = self.client.get(self.p_url("borrow/rules.docx"))
        self.assertEqual(response.status_code, 200)
        assert_private(self, response)
        self.assertIn("เต็นท์ผ้าใบ", text_of(response.content))
        self.assertContains(self.client.get(self.p_url("borrow/")), f"/p/{self.agency.pk}/borrow/rules.pdf")

    def test_not_published_and_throttled(self):
        BorrowingRules.objects.filter(agency=self.agency).update(custodian_unit=None)
        response = self.client.get(self.p_url("borrow/rules.pdf"))
        self.assertContains(response, "ยังไม่ได้เผยแพร่หลักเกณฑ์การยืม-คืนพัสดุ", status_code=404)
        self.assertNotContains(response, "LibreOffice", status_code=404)
        self.assertEqual(self.client.get(self.p_url("borrow/rules.exe")).status_code, 404)
        for _ in range(19):  # 20 a visitor an hour, the PDF above included
            self.client.get(self.p_url("borrow/rules.docx"))
        self.assertContains(self.client.get(self.p_url("borrow/rules.docx")), "ถี่เกินไป", status_code=429)

    def test_it_checks_ownership(self):
        response = self.client.get(self.p_url("borrow/rules.docx", self.other))
        self.assertNotIn("เต็นท์ผ้าใบ", text_of(response.content))
        self.assertEqual(self.client.get("/p/999999/borrow/rules.docx").status_code, 404)
