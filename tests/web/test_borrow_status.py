"""The public status page /p/<id>/borrow/status/: a request found by its code (field `code`), its
status and what to do next; the borrower may cancel before the things are handed over. Wrong
codes are throttled; a typing slip is not counted as a guess."""

from __future__ import annotations

from prongsai.services import borrowing as rules
from prongsai.web.audit.models import AuditEntry
from prongsai.web.borrowing.models import Loan
from tests.web.public_helpers import assert_private
from tests.web.test_borrowing_world import BorrowingTestCase


class BorrowStatusTestCase(BorrowingTestCase):
    def test_it_works(self):
        response = self.client.get(self.p_url("borrow/status/"))
        self.assertContains(response, "รหัสติดตามคำขอ 16 หลัก")
        loan, code = self.public_loan()
        grouped = " ".join(code[i:i + 4] for i in range(0, 16, 4))
        response = self.client.post(self.p_url("borrow/status/"), {"code": grouped})
        self.assertContains(response, f"คำขอเลขที่ {loan.number}: รออนุมัติ")
        self.assertContains(response, "เต็นท์ผ้าใบ 2 หลัง")
        self.assertNotContains(response, "081 234 5678")  # the page shows no contact details
        assert_private(self, response)
        # approved with a note, then refused elsewhere: the borrower sees what staff wrote
        self.act(self.approver, loan, "approve", note="ให้มารับเวลา 08.30 น.")
        self.client.logout()
        response = self.client.post(self.p_url("borrow/status/"), {"code": code})
        self.assertContains(response, "อนุมัติแล้ว รอรับพัสดุ")
        self.assertContains(response, "ให้มารับเวลา 08.30 น.")
        self.assertContains(response, "0 3451 2345 ต่อ 14")

    def test_thai_digits_and_dashes_are_read(self):
        _loan, code = self.public_loan()
        thai = code.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
        response = self.client.post(self.p_url("borrow/status/"), {"code": f"{thai[:8]}-{thai[8:]}"})
        self.assertContains(response, "รออนุมัติ")

    def test_a_refused_request_shows_the_reason(self):
        loan, code = self.public_loan()
        self.act(self.approver, loan, "refuse", reason="วันดังกล่าวหน่วยงานใช้เต็นท์ในงานวันเด็ก")
        self.client.logout()
        response = self.client.post(self.p_url("borrow/status/"), {"code": code})
        self.assertContains(response, "ไม่อนุมัติ")
        self.assertContains(response, "เหตุผลที่ไม่อนุมัติ")
        self.assertContains(response, "งานวันเด็ก")
        self.assertNotContains(response, "ยกเลิกคำขอยืมนี้")

    def test_the_borrower_cancels_with_the_code(self):
        loan, code = self.public_loan()
        response = self.client.post(self.p_url("borrow/status/"), {"code": code, "action": "cancel",
                                                                    "reason": "เลื่อนงานออกไป"})
        self.assertContains(response, "ยกเลิกคำขอยืมแล้ว")
        loan.refresh_from_db()
        self.assertEqual((loan.status, loan.cancel_reason), (rules.CANCELLED, "เลื่อนงานออกไป"))
        entry = AuditEntry.objects.filter(agency=self.agency, object_type="การยืมพัสดุ").order_by("-pk").first()
        self.assertIn("ยกเลิกคำขอด้วยรหัสติดตาม", entry.summary)
        # once handed over it is too late to cancel here
        other, other_code = self.public_loan({self.chair: 10})
        self.lend(other)
        self.client.logout()
        response = self.client.post(self.p_url("borrow/status/"), {"code": other_code, "action": "cancel"})
        self.assertEqual(response.status_code, 409)
        other.refresh_from_db()
        self.assertEqual(other.status, rules.HANDED_OVER)

    def test_bad_codes(self):
        for typed, words, status in (("", "กรุณากรอกรหัสติดตามคำขอ", 400), ("1234", "ตัวเลข 16 หลัก", 400),
                                     ("12345678901234ab", "ตัวเลข 16 หลัก", 400),
                                     ("1234567890123456", "ไม่พบคำขอยืมที่ตรงกับรหัสนี้", 404)):
            response = self.client.post(self.p_url("borrow/status/"), {"code": typed})
            self.assertEqual(response.status_code, status, typed)
            self.assertIn("code", response.context["form"].errors)
            self.assertContains(response, words, status_code=status)

    def test_wrong_codes_are_throttled_but_typing_slips_are_not(self):
        for _ in range(20):
            self.assertEqual(self.client.post(self.p_url("borrow/status/"), {"code": "12"}).status_code, 400)
        _loan, code = self.public_loan()
        for n in range(10):
            self.assertEqual(self.client.post(self.p_url("borrow/status/"), {"code": f"{n:016d}"}).status_code, 404)
        response = self.client.post(self.p_url("borrow/status/"), {"code": code})  # even the right one now waits
        self.assertContains(response, "หลายครั้งเกินไป", status_code=429)

    def test_it_checks_ownership(self):
        loan, code = self.public_loan()
        response = self.client.post(self.p_url("borrow/status/", self.other), {"code": code})
        self.assertEqual(response.status_code, 404)
        response = self.client.post(self.p_url("borrow/status/", self.other), {"code": code, "action": "cancel"})
        self.assertEqual(response.status_code, 404)
        loan.refresh_from_db()
        self.assertEqual(loan.status, rules.REQUESTED)
        self.assertEqual(Loan.objects.filter(agency=self.other).count(), 0)
        self.assertEqual(self.client.get("/p/999999/borrow/status/").status_code, 404)
