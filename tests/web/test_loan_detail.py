"""One loan and what each role may do with it: the approvers approve or refuse (never their own
request), those in charge of the assets hand over and take back (with the condition on return),
the borrower or those in charge cancel; viewers and supervisors only read. Every step is checked
against the loan's current status, re-checks what is free, and is audited."""

from __future__ import annotations

from prongsai.services import borrowing as rules
from prongsai.web.audit.models import AuditEntry
from prongsai.web.borrowing.models import Asset, Loan
from tests.web.test_borrowing_world import BorrowingTestCase, be


class LoanDetailTestCase(BorrowingTestCase):
    def entries(self) -> list[str]:
        return list(AuditEntry.objects.filter(agency=self.agency, object_type__in=["การยืมพัสดุ", "พัสดุ"])
                    .order_by("pk").values_list("summary", flat=True))

    def test_it_works(self):
        loan, _ = self.public_loan({self.tent: 2, self.chair: 40}, start=5, days=2)
        self.login(self.viewer)
        response = self.client.get(self.a_url(f"loans/{loan.pk}/"))
        self.assertContains(response, f"การยืมพัสดุเลขที่ {loan.number}")
        self.assertContains(response, "081 234 5678")  # members see how to reach the borrower
        self.assertNotContains(response, "name=\"action\" value=\"approve\"")
        # the ปลัด (a viewer named approver) approves
        self.login(self.approver)
        self.assertContains(self.client.get(self.a_url(f"loans/{loan.pk}/")), "value=\"approve\"")
        response = self.act(self.approver, loan, "approve", note="รับที่ห้องพัสดุ")
        self.assertRedirects(response, self.a_url(f"loans/{loan.pk}/"), fetch_redirect_response=False)
        loan.refresh_from_db()
        self.assertEqual((loan.status, loan.decided_by, loan.decision_note), (rules.APPROVED, self.approver, "รับที่ห้องพัสดุ"))
        # handed over by the agency-wide editor
        response = self.act(self.member, loan, "hand_over", handed_on=be(self.today), handed_to="นายสมศักดิ์ ใจดี",
                            note="ครบถ้วน ใช้งานได้ดี")
        self.assertEqual(response.status_code, 302)
        loan.refresh_from_db()
        self.assertEqual((loan.status, loan.handed_on, loan.handed_by), (rules.HANDED_OVER, self.today, self.member))
        # taken back: 3 chairs broken, 1 lost; the chairs' register condition set to worn
        chairs = loan.lines.get(asset=self.chair)
        tents = loan.lines.get(asset=self.tent)
        response = self.act(self.member, loan, "return", returned_on=be(self.today),
                            **{f"damaged_{chairs.pk}": "3", f"lost_{chairs.pk}": "1", f"condition_{chairs.pk}": "worn",
                               f"damaged_{tents.pk}": "0", f"lost_{tents.pk}": "0", f"condition_{tents.pk}": "good"},
                            note="เก้าอี้ขาหัก 3 ตัว หาย 1 ตัว ผู้ยืมจะซื้อมาชดใช้")
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        loan.refresh_from_db()
        chairs.refresh_from_db()
        self.assertEqual((loan.status, loan.returned_on, loan.received_by), (rules.RETURNED, self.today, self.member))
        self.assertEqual((chairs.damaged, chairs.lost), (3, 1))
        self.assertEqual(Asset.objects.get(pk=self.chair.pk).condition, "worn")
        self.assertEqual(Asset.objects.get(pk=self.tent.pk).condition, "good")
        response = self.client.get(self.a_url(f"loans/{loan.pk}/"))
        self.assertContains(response, "ชำรุด 3 ตัว สูญหาย 1 ตัว")
        summaries = self.entries()
        self.assertEqual(len(summaries), 6)
        for words in ("รับคำขอยืมพัสดุ", "อนุมัติการยืมพัสดุ", "ส่งมอบพัสดุ", "รับคืนพัสดุ", "ชำรุดหรือสูญหาย",
                      "ปรับสภาพเก้าอี้พลาสติก"):
            self.assertTrue(any(words in s for s in summaries), words)

    def test_refused_with_a_reason(self):
        loan, _ = self.public_loan()
        response = self.act(self.owner, loan, "refuse", reason="")
        self.assertEqual(response.status_code, 400)
        self.assertIn("reason", response.context["forms"]["refuse"].errors)
        response = self.act(self.owner, loan, "refuse", reason="ช่วงนั้นหน่วยงานใช้เต็นท์เอง")
        loan.refresh_from_db()
        self.assertEqual((loan.status, loan.decision_note), (rules.REFUSED, "ช่วงนั้นหน่วยงานใช้เต็นท์เอง"))

    def test_nobody_approves_their_own_request(self):
        loan = self.staff_loan(user=self.owner)
        response = self.act(self.owner, loan, "approve")
        self.assertContains(response, "ผู้อนุมัติพิจารณาคำขอยืมของตนเองไม่ได้", status_code=400)
        loan.refresh_from_db()
        self.assertEqual(loan.status, rules.REQUESTED)
        self.assertEqual(self.act(self.approver, loan, "approve").status_code, 302)

    def test_approval_checks_again_what_is_free(self):
        first, _ = self.public_loan({self.tent: 6}, start=5, days=2)
        second, _ = self.public_loan({self.tent: 6}, start=6, days=2)
        self.assertEqual(self.act(self.approver, first, "approve").status_code, 302)
        response = self.act(self.approver, second, "approve")
        self.assertContains(response, "ว่างให้ยืมได้เพียง 4 หลัง", status_code=400)
        second.refresh_from_db()
        self.assertEqual(second.status, rules.REQUESTED)

    def test_each_action_needs_its_right(self):
        loan, _ = self.public_loan({self.tent: 1})
        for user in (self.viewer, self.member, self.unit_editor, self.supervisor):
            self.assertEqual(self.act(user, loan, "approve").status_code, 403, user)
        self.act(self.approver, loan, "approve")
        # the tent is สำนักปลัด's: กองคลัง's unit staff do not hand it over; viewers and supervisors neither
        for user in (self.unit_editor, self.viewer, self.approver, self.supervisor):
            response = self.act(user, loan, "hand_over", handed_on=be(self.today), handed_to="x", note="ครบ")
            self.assertEqual(response.status_code, 403, user)
        for user in (self.viewer, self.supervisor):
            self.assertEqual(self.act(user, loan, "cancel", reason="x").status_code, 403, user)
            self.assertEqual(self.act(user, loan, "nonsense").status_code, 403, user)
        loan.refresh_from_db()
        self.assertEqual(loan.status, rules.APPROVED)

    def test_the_staff_borrower_cancels_their_own(self):
        loan = self.staff_loan(user=self.member)
        response = self.act(self.member, loan, "cancel", reason="เปลี่ยนกำหนดการ")
        self.assertEqual(response.status_code, 302)
        loan.refresh_from_db()
        self.assertEqual((loan.status, loan.cancel_reason), (rules.CANCELLED, "เปลี่ยนกำหนดการ"))
        again = self.act(self.member, loan, "cancel", reason="อีกครั้ง")
        self.assertContains(again, "จึงทำรายการนี้ไม่ได้", status_code=400)  # nothing left to cancel

    def test_bad_input_saves_nothing(self):
        loan, _ = self.public_loan({self.chair: 10})
        self.act(self.approver, loan, "approve")
        for data, form, field in (
            ({"handed_on": be(self.day(1)), "handed_to": "ก", "note": "ครบ"}, "hand_over", "handed_on"),
            ({"handed_on": be(self.day(-5)), "handed_to": "ก", "note": "ครบ"}, "hand_over", "handed_on"),
            ({"handed_on": "ไม่ทราบ", "handed_to": "ก", "note": "ครบ"}, "hand_over", "handed_on"),
            ({"handed_on": be(self.today), "handed_to": "", "note": "ครบ"}, "hand_over", "handed_to"),
            ({"handed_on": be(self.today), "handed_to": "ก", "note": ""}, "hand_over", "note"),
        ):
            response = self.act(self.member, loan, "hand_over", **data)
            self.assertEqual(response.status_code, 400, data)
            self.assertIn(field, response.context["forms"][form].errors, data)
        loan.refresh_from_db()
        self.assertEqual(loan.status, rules.APPROVED)
        self.act(self.member, loan, "hand_over", handed_on=be(self.today), handed_to="ก", note="ครบ")
        line = loan.lines.get()
        base = {f"damaged_{line.pk}": "0", f"lost_{line.pk}": "0", f"condition_{line.pk}": "good",
                "returned_on": be(self.today)}
        for change, field, words in (
            ({"returned_on": be(self.day(1))}, "returned_on", "ต้องไม่เลยวันนี้"),
            ({"returned_on": be(self.day(-1))}, "returned_on", "ต้องไม่ก่อนวันที่ส่งมอบ"),
            ({f"damaged_{line.pk}": "8", f"lost_{line.pk}": "5", "note": "x"}, f"lost_{line.pk}", "เกินจำนวนที่ยืม"),
            ({f"damaged_{line.pk}": "11"}, f"damaged_{line.pk}", "ต้องไม่เกิน 10"),
            ({f"damaged_{line.pk}": "1"}, "note", "บันทึกลักษณะความเสียหาย"),
            ({f"condition_{line.pk}": "gone"}, f"condition_{line.pk}", ""),
        ):
            response = self.act(self.member, loan, "return", **{**base, **change})
            self.assertEqual(response.status_code, 400, change)
            errors = response.context["forms"]["return"].errors
            self.assertIn(field, errors, change)
            self.assertIn(words, " ".join(errors[field]), change)
        loan.refresh_from_db()
        self.assertEqual(loan.status, rules.HANDED_OVER)
        self.assertEqual(Asset.objects.get(pk=self.chair.pk).condition, "good")

    def test_an_action_the_status_no_longer_allows(self):
        loan, _ = self.public_loan()
        self.act(self.approver, loan, "approve")
        response = self.act(self.owner, loan, "refuse", reason="ช้าไป")
        self.assertContains(response, "มีสถานะ “อนุมัติแล้ว รอรับพัสดุ” แล้ว", status_code=400)
        response = self.act(self.member, loan, "return", returned_on=be(self.today))
        self.assertContains(response, "จึงทำรายการนี้ไม่ได้", status_code=400)
        response = self.act(self.member, loan, "nonsense")
        self.assertRedirects(response, self.a_url(f"loans/{loan.pk}/"), fetch_redirect_response=False)

    def test_overdue_is_marked(self):
        loan = self.lend(self.staff_loan(start=0, days=1))
        Loan.objects.filter(pk=loan.pk).update(start_on=self.day(-5), end_on=self.day(-3), handed_on=self.day(-5),
                                               requested_on=self.day(-6))
        self.login(self.viewer)
        response = self.client.get(self.a_url(f"loans/{loan.pk}/"))
        self.assertContains(response, "เกินกำหนดส่งคืน 3 วัน")
        line = loan.lines.get()
        self.act(self.member, loan, "return", returned_on=be(self.today), **{
            f"damaged_{line.pk}": "0", f"lost_{line.pk}": "0", f"condition_{line.pk}": "good"})
        response = self.client.get(self.a_url(f"loans/{loan.pk}/"))
        self.assertContains(response, "ส่งคืนล่าช้า")
        self.assertNotContains(response, "เกินกำหนดส่งคืน 3 วัน")
        self.assertTrue(any("(ส่งคืนล่าช้า)" in s for s in self.entries()))

    def test_it_checks_ownership(self):
        loan, _ = self.public_loan()
        self.login(self.stranger)
        for agency in (self.agency, self.other):
            url = f"/a/{agency.pk}/loans/{loan.pk}/"
            self.assertEqual(self.client.get(url).status_code, 404)
            for action in ("approve", "refuse", "cancel"):
                self.assertEqual(self.client.post(url, {"action": action, "reason": "x"}).status_code, 404)
        loan.refresh_from_db()
        self.assertEqual(loan.status, rules.REQUESTED)
