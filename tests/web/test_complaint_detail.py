"""A case as its officer handles it: every opening audited; status, deadlines, messages to the
reporter and internal notes kept apart."""

from __future__ import annotations

from prongsai.web.audit.models import AuditEntry
from prongsai.web.complaints.models import Complaint, Message, Note
from tests.web.complaints_world import ComplaintsTestCase


class ComplaintDetailTestCase(ComplaintsTestCase):
    def test_it_works(self):
        complaint, receipt = self.file_report(identity="named", name="นายผู้แจ้ง กล้าหาญ", contact="0812345678")
        self.login(self.officer)
        url = self.a_url(f"complaints/{complaint.pk}/")
        response = self.client.get(url)
        self.assertContains(response, "แบ่งซื้อแบ่งจ้าง")
        self.assertNotContains(response, "นายผู้แจ้ง กล้าหาญ")  # the identity waits for a request
        read = AuditEntry.objects.filter(agency=self.agency, action=AuditEntry.READ)
        self.assertEqual(read.count(), 1)
        self.assertEqual(read.get().username, "olive")
        self.assertNotIn("แบ่งซื้อ", read.get().summary)
        response = self.client.post(url, {"action": "identity"})
        self.assertContains(response, "นายผู้แจ้ง กล้าหาญ")
        self.assertContains(response, "0812345678")
        self.assertEqual(read.filter(object_type="ชื่อผู้ร้องเรียน").count(), 1)
        self.client.get(url)
        self.assertEqual(read.filter(object_type="เรื่องร้องเรียน").count(), 3)  # each opening

        # acknowledge by moving on, and tell the reporter
        response = self.client.post(url, {"action": "status", "status": "checking",
                                          "tell_reporter": "รับเรื่องไว้แล้ว อยู่ระหว่างตรวจสอบข้อเท็จจริง"})
        self.assertRedirects(response, url, fetch_redirect_response=False)
        complaint.refresh_from_db()
        self.assertEqual(complaint.status, Complaint.CHECKING)
        self.assertIsNotNone(complaint.acknowledged_on)
        self.client.post(url, {"action": "note", "note": "ตรวจสัญญาปี 2569 ทั้งหมด"})
        self.assertEqual(Note.objects.get(complaint=complaint).text, "ตรวจสัญญาปี 2569 ทั้งหมด")
        # the reporter sees the message, never the note
        self.client.logout()
        response = self.client.post(self.p_url("complaint/status/"), {"receipt": receipt})
        self.assertContains(response, "อยู่ระหว่างตรวจสอบข้อเท็จจริง")
        self.assertNotContains(response, "ตรวจสัญญาปี 2569")

    def test_forwarding_and_closing_need_their_details(self):
        complaint, _ = self.file_report()
        self.login(self.officer)
        url = self.a_url(f"complaints/{complaint.pk}/")
        response = self.client.post(url, {"action": "status", "status": "forwarded"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("forwarded_to", response.context["status_form"].errors)
        response = self.client.post(url, {"action": "status", "status": "closed"})
        self.assertIn("outcome", response.context["status_form"].errors)
        complaint.refresh_from_db()
        self.assertEqual(complaint.status, Complaint.RECEIVED)
        self.client.post(url, {"action": "status", "status": "forwarded", "forwarded_to": "สำนักงาน ป.ป.ช. ประจำจังหวัด"})
        self.client.post(url, {"action": "status", "status": "closed", "outcome": "referred"})
        complaint.refresh_from_db()
        self.assertEqual((complaint.status, complaint.outcome), (Complaint.CLOSED, Complaint.REFERRED))
        self.assertEqual(complaint.forwarded_to, "สำนักงาน ป.ป.ช. ประจำจังหวัด")
        self.assertIsNotNone(complaint.closed_on)
        changes = AuditEntry.objects.filter(agency=self.agency, action=AuditEntry.UPDATE, object_type="เรื่องร้องเรียน")
        self.assertEqual(changes.count(), 2)

    def test_an_officer_message_counts_as_acknowledgement(self):
        complaint, _ = self.file_report()
        self.login(self.officer)
        self.client.post(self.a_url(f"complaints/{complaint.pk}/"), {"action": "message", "message": "ได้รับเรื่องแล้ว"})
        complaint.refresh_from_db()
        self.assertIsNotNone(complaint.acknowledged_on)
        self.assertFalse(Message.objects.get().from_reporter)

    def test_it_checks_ownership(self):
        complaint, _ = self.file_report()
        url = self.a_url(f"complaints/{complaint.pk}/")
        for user in (self.owner, self.member, self.viewer, self.supervisor, self.stranger, self.admin):
            self.login(user)
            self.assertEqual(self.client.get(url).status_code, 404, user.username)
            self.assertEqual(self.client.post(url, {"action": "note", "note": "x"}).status_code, 404, user.username)
        # B's officer, by B's URL with A's case id
        self.login(self.other_officer)
        self.assertEqual(self.client.get(f"/a/{self.other.pk}/complaints/{complaint.pk}/").status_code, 404)
        self.assertFalse(Note.objects.exists())
        self.assertFalse(AuditEntry.objects.filter(action=AuditEntry.READ).exists())
