"""Coming back with the receipt: the status, the thread with the officers, and replying —
with no account, no cookie, and guessing made slow."""

from __future__ import annotations

from prongsai.web.complaints.models import Complaint, Message
from tests.web.complaints_world import ComplaintsTestCase


class ComplaintStatusTestCase(ComplaintsTestCase):
    def test_it_works(self):
        complaint, receipt = self.file_report()
        self.assertContains(self.client.get(self.p_url("complaint/status/")), "เลขรับเรื่อง 16 หลัก")
        spaced = " ".join(receipt[i:i + 4] for i in range(0, 16, 4))
        response = self.client.post(self.p_url("complaint/status/"), {"receipt": spaced})
        self.assertContains(response, "รับเรื่องแล้ว")
        self.assertContains(response, "แบ่งซื้อแบ่งจ้าง")
        self.assertNotIn("Set-Cookie", response.headers)
        # the reporter replies; the officers see a new message waiting
        response = self.client.post(self.p_url("complaint/status/"),
                                    {"receipt": receipt, "message": "มีใบเสร็จเพิ่มเติม ส่งมาให้ครับ"})
        self.assertContains(response, "ส่งข้อความถึงเจ้าหน้าที่แล้ว")
        self.assertContains(response, "มีใบเสร็จเพิ่มเติม")
        message = Message.objects.get(complaint=complaint)
        self.assertTrue(message.from_reporter)
        self.assertNotIn("ใบเสร็จ".encode(), bytes(message.sealed))
        complaint.refresh_from_db()
        self.assertTrue(complaint.reporter_waiting)

    def test_thai_digits_and_dashes_are_read(self):
        _complaint, receipt = self.file_report()
        thai = receipt.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
        response = self.client.post(self.p_url("complaint/status/"), {"receipt": f"{thai[:8]}-{thai[8:]}"})
        self.assertContains(response, "รับเรื่องแล้ว")

    def test_a_wrong_receipt_is_not_found_and_guessing_is_limited(self):
        _complaint, receipt = self.file_report()
        response = self.client.post(self.p_url("complaint/status/"), {"receipt": "12345"})
        self.assertContains(response, "ตัวเลข 16 หลัก", status_code=400)
        wrong = "0" * 16 if receipt != "0" * 16 else "1" * 16
        for _ in range(10):
            response = self.client.post(self.p_url("complaint/status/"), {"receipt": wrong})
            self.assertEqual(response.status_code, 404)
            self.assertContains(response, "ไม่พบเรื่อง", status_code=404)
        # from now on even the right receipt waits: the guesser cannot tell a hit
        response = self.client.post(self.p_url("complaint/status/"), {"receipt": receipt})
        self.assertEqual(response.status_code, 429)
        self.assertNotContains(response, "แบ่งซื้อแบ่งจ้าง", status_code=429)
        # the reporter on another connection is not locked out by the guesser
        response = self.client.post(self.p_url("complaint/status/"), {"receipt": receipt}, REMOTE_ADDR="192.0.2.9")
        self.assertContains(response, "แบ่งซื้อแบ่งจ้าง")

    def test_receipts_are_random(self):
        receipts = {self.file_report()[1] for _ in range(5)}
        self.assertEqual(len(receipts), 5)
        self.assertTrue(all(len(r) == 16 and r.isdigit() for r in receipts))

    def test_a_closed_case_takes_no_reply(self):
        complaint, receipt = self.file_report()
        Complaint.objects.filter(pk=complaint.pk).update(status=Complaint.CLOSED, outcome=Complaint.UNSUBSTANTIATED,
                                                         closed_on=complaint.received_on)
        response = self.client.post(self.p_url("complaint/status/"), {"receipt": receipt, "message": "ขอเพิ่มเติม"})
        self.assertContains(response, "ยุติแล้ว")
        self.assertContains(response, "ไม่มีมูล")
        self.assertFalse(Message.objects.exists())

    def test_a_bad_reply_saves_nothing(self):
        _complaint, receipt = self.file_report()
        response = self.client.post(self.p_url("complaint/status/"), {"receipt": receipt, "message": ""})
        self.assertEqual(response.status_code, 400)
        self.assertIn("message", response.context["reply_form"].errors)
        self.assertFalse(Message.objects.exists())

    def test_it_checks_ownership(self):
        _complaint, receipt = self.file_report()
        # agency A's receipt on agency B's page finds nothing
        response = self.client.post(self.p_url("complaint/status/", self.other), {"receipt": receipt})
        self.assertEqual(response.status_code, 404)
        response = self.client.post(self.p_url("complaint/status/", self.other), {"receipt": receipt, "message": "x"})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Message.objects.exists())
