"""The public borrowing page /p/<id>/borrow/: the assets the public may borrow with what is free in
the next 30 days, and the request form — checked whole against the rules and what is free, a
tracking code shown once, nothing half-saved, no cookie, nothing about the connection kept."""

from __future__ import annotations

from prongsai.services import borrowing as rules
from prongsai.web.audit.models import AuditEntry
from prongsai.web.borrowing.models import Asset, BorrowingRules, Loan, LoanLine
from tests.web.public_helpers import assert_private
from tests.web.test_borrowing_world import BorrowingTestCase, be, public_request


class BorrowTestCase(BorrowingTestCase):
    def test_it_works(self):
        response = self.client.get(self.p_url("borrow/"))
        self.assertContains(response, "เต็นท์ผ้าใบ")
        self.assertContains(response, "เก้าอี้พลาสติก")
        self.assertNotContains(response, "รถบรรทุกน้ำ")  # official use only
        self.assertContains(response, "ว่างทุกวันใน 30 วันข้างหน้า")
        self.assertContains(response, "borrowing.css")
        assert_private(self, response)
        loan, code = self.public_loan({self.tent: 2, self.chair: 50}, start=5, days=2)
        self.assertEqual(loan.status, rules.REQUESTED)
        self.assertEqual(loan.borrower_kind, rules.PUBLIC)
        self.assertEqual((loan.borrower_name, loan.phone), ("นายสมศักดิ์ ใจดี", "081 234 5678"))
        self.assertEqual((loan.start_on, loan.end_on, loan.requested_on), (self.day(5), self.day(6), self.today))
        self.assertEqual(sorted(loan.lines.values_list("asset__name", "quantity")),
                         [("เก้าอี้พลาสติก", 50), ("เต็นท์ผ้าใบ", 2)])
        self.assertEqual(loan.number, f"1/{loan.fiscal_year}")
        # only the code's keyed digest is kept
        self.assertNotIn(code, loan.code_digest)
        entry = AuditEntry.objects.get(agency=self.agency, object_type="การยืมพัสดุ")
        self.assertIsNone(entry.user)
        self.assertEqual(entry.address, "")
        self.assertIn("เต็นท์ผ้าใบ 2 หลัง", str(entry.changes))

    def test_a_signed_in_member_gets_no_cookie_either(self):
        self.login(self.member)
        response = self.client.post(self.p_url("borrow/"), public_request({self.tent: 1}, self.day(5), self.day(5)))
        self.assertEqual(response.status_code, 200)
        assert_private(self, response)

    def test_bad_input_names_the_field_and_saves_nothing(self):
        cases = [
            ({"start_on": "31/2/2570"}, "start_on", "วันที่ไม่ถูกต้อง"),
            ({"start_on": be(self.day(-1))}, "start_on", "ต้องไม่ก่อนวันนี้"),
            ({"start_on": be(self.day(1)), "end_on": be(self.day(1))}, "start_on", "ล่วงหน้าอย่างน้อย 3 วัน"),
            ({"end_on": be(self.day(4))}, "end_on", "ต้องไม่ก่อนวันที่ยืม"),
            ({"end_on": be(self.day(12))}, "end_on", "ไม่เกิน 7 วัน"),
            ({"start_on": be(self.day(400)), "end_on": be(self.day(400))}, "start_on", "ไม่เกิน 365 วัน"),
            ({f"qty_{self.tent.pk}": "11"}, f"qty_{self.tent.pk}", "มีทั้งหมด 10 หลัง"),
            ({f"qty_{self.tent.pk}": "-1"}, f"qty_{self.tent.pk}", "ต้องไม่น้อยกว่า 0"),
            ({f"qty_{self.tent.pk}": "สอง"}, f"qty_{self.tent.pk}", "ตัวเลขจำนวนเต็ม"),
            ({"purpose_kind": "private"}, "purpose_kind", "เลือกวัตถุประสงค์การยืมจากรายการ"),
            ({"purpose_kind": ""}, "purpose_kind", "เลือกวัตถุประสงค์การยืม"),
            ({"purpose": "  "}, "purpose", "งานหรือกิจกรรม"),
            ({"place": ""}, "place", "สถานที่"),
            ({"name": ""}, "name", "ชื่อ-นามสกุล"),
            ({"phone": "12345"}, "phone", "9 หรือ 10 หลัก"),
            ({"address": ""}, "address", "ที่อยู่"),
            ({"agree": ""}, "agree", "ทำเครื่องหมายยอมรับ"),
            ({"purpose_kind": rules.OTHER_AGENCY, "organisation": ""}, "organisation", "ระบุชื่อหน่วยงาน"),
        ]
        for change, field, words in cases:
            response = self.client.post(self.p_url("borrow/"),
                                        public_request({self.tent: 2}, self.day(5), self.day(6), **change))
            self.assertEqual(response.status_code, 400, change)
            errors = response.context["form"].errors
            self.assertIn(field, errors, change)
            self.assertIn(words, " ".join(errors[field]), change)
            self.assertContains(response, words, status_code=400)
        # nothing chosen at all
        response = self.client.post(self.p_url("borrow/"), public_request({}, self.day(5), self.day(6)))
        self.assertContains(response, "อย่างน้อยหนึ่งรายการ", status_code=400)
        self.assertFalse(Loan.objects.exists())
        self.assertFalse(LoanLine.objects.exists())
        self.assertFalse(AuditEntry.objects.filter(object_type="การยืมพัสดุ").exists())

    def test_no_private_purpose_is_offered(self):
        form = self.client.get(self.p_url("borrow/")).context["form"]
        self.assertEqual({value for value, _ in form.fields["purpose_kind"].choices},
                         {rules.OFFICIAL, rules.COMMUNITY, rules.OTHER_AGENCY})
        self.assertNotIn("ส่วนตัว", " ".join(label for _, label in form.fields["purpose_kind"].choices))

    def test_what_is_free_counts_approved_loans_not_waiting_requests(self):
        held, _ = self.public_loan({self.tent: 8}, start=5, days=2)
        waiting, _ = self.public_loan({self.tent: 9}, start=6, days=1)  # asked for, not approved: holds nothing
        self.act(self.approver, held, "approve")
        self.client.logout()
        response = self.client.post(self.p_url("borrow/"), public_request({self.tent: 3}, self.day(6), self.day(7)))
        self.assertEqual(response.status_code, 400)
        self.assertIn("ว่างให้ยืมได้เพียง 2 หลัง", " ".join(response.context["form"].errors[f"qty_{self.tent.pk}"]))
        self.assertContains(response, "ว่าง 2 หลัง", status_code=400)  # the busy days listed on the card
        self.assertEqual(Loan.objects.count(), 2)
        loan, _ = self.public_loan({self.tent: 2}, start=6, days=2)
        self.assertEqual(loan.lines.get().quantity, 2)
        self.assertEqual(waiting.status, rules.REQUESTED)

    def test_an_asset_the_public_may_not_borrow_cannot_be_asked_for(self):
        Asset.objects.filter(pk=self.chair.pk).update(condition=rules.BROKEN)
        response = self.client.get(self.p_url("borrow/"))
        self.assertContains(response, "งดให้ยืมชั่วคราว")
        self.assertNotIn(f"qty_{self.chair.pk}", response.context["form"].fields)
        for asset in (self.truck, self.chair):
            response = self.client.post(self.p_url("borrow/"),
                                        public_request({asset: 1}, self.day(5), self.day(5)))
            self.assertContains(response, "อย่างน้อยหนึ่งรายการ", status_code=400)
        self.assertFalse(Loan.objects.exists())

    def test_a_bot_filling_the_hidden_field_gets_a_page_but_no_loan(self):
        response = self.client.post(self.p_url("borrow/"), public_request({self.tent: 1}, self.day(5), self.day(5),
                                                                          website="http://spam.example"))
        self.assertContains(response, "ได้รับคำขอของท่านแล้ว")
        self.assertFalse(Loan.objects.exists())

    def test_requests_from_one_client_are_throttled(self):
        for _ in range(5):
            self.public_loan({self.chair: 1})
        response = self.client.post(self.p_url("borrow/"), public_request({self.chair: 1}, self.day(5), self.day(5)))
        self.assertContains(response, "ถี่เกินไป", status_code=429)
        self.assertEqual(Loan.objects.count(), 5)
        response = self.client.post(self.p_url("borrow/"), public_request({self.chair: 1}, self.day(5), self.day(5)),
                                    REMOTE_ADDR="192.0.2.44")
        self.assertEqual(response.status_code, 200)

    def test_a_form_posted_from_another_site_is_refused(self):
        response = self.client.post(self.p_url("borrow/"), public_request({self.tent: 1}, self.day(5), self.day(5)),
                                    HTTP_ORIGIN="https://evil.example")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Loan.objects.exists())

    def test_a_closed_page_takes_no_request(self):
        BorrowingRules.objects.filter(agency=self.agency).update(public_open=False)
        response = self.client.post(self.p_url("borrow/"), public_request({self.tent: 1}, self.day(5), self.day(5)))
        self.assertContains(response, "ยังไม่เปิดรับคำขอยืมพัสดุทางหน้านี้")
        self.assertContains(response, "0 3451 2345 ต่อ 14")
        self.assertFalse(Loan.objects.exists())
        # an agency that never set its rules up
        BorrowingRules.objects.filter(agency=self.agency).delete()
        self.assertContains(self.client.get(self.p_url("borrow/")), "ยังไม่เปิดรับคำขอยืมพัสดุ")

    def test_numbers_count_per_agency_and_fiscal_year(self):
        first, _ = self.public_loan()
        second, _ = self.public_loan({self.chair: 5})
        theirs, _ = self.public_loan({self.other_tent: 1}, agency=self.other)
        self.assertEqual((first.seq, second.seq, theirs.seq), (1, 2, 1))

    def test_it_checks_ownership(self):
        # agency B's asset asked for on A's page, and A's on B's: not offered, nothing saved
        response = self.client.post(self.p_url("borrow/"), public_request({self.other_tent: 1}, self.day(5), self.day(5)))
        self.assertEqual(response.status_code, 400)
        response = self.client.post(self.p_url("borrow/", self.other),
                                    public_request({self.tent: 1}, self.day(5), self.day(5)))
        self.assertEqual(response.status_code, 400)
        self.assertNotContains(self.client.get(self.p_url("borrow/", self.other)), "เต็นท์ผ้าใบ")
        self.assertFalse(Loan.objects.exists())
        self.assertEqual(self.client.get("/p/999999/borrow/").status_code, 404)
        self.assertEqual(self.client.post("/p/999999/borrow/").status_code, 404)
