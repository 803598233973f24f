"""The officers' list of cases: only complaint officers of the agency see it (404 for everyone else)."""

from __future__ import annotations

from tests.web.complaints_world import ComplaintsTestCase


class ComplaintsListTestCase(ComplaintsTestCase):
    def test_it_works(self):
        complaint, _ = self.file_report()
        self.login(self.officer)
        response = self.client.get(self.a_url("complaints/"))
        self.assertContains(response, complaint.number)
        self.assertContains(response, "การจัดซื้อจัดจ้างหรือการตรวจรับงานไม่ถูกต้อง")
        self.assertNotContains(response, "แบ่งซื้อแบ่งจ้าง")  # the list shows no content
        self.assertContains(self.client.get(self.a_url("complaints/?show=closed")), "ไม่มีเรื่องที่ยุติแล้ว")

    def test_overdue_cases_are_marked(self):
        from datetime import timedelta

        complaint, _ = self.file_report()
        complaint.received_on -= timedelta(days=80)
        complaint.acknowledge_due -= timedelta(days=80)
        complaint.answer_due -= timedelta(days=80)
        complaint.save()
        self.login(self.officer)
        response = self.client.get(self.a_url("complaints/"))
        self.assertContains(response, "เกินกำหนดแจ้งการรับเรื่อง")
        self.assertContains(response, "เกินกำหนดแจ้งผล")

    def test_it_checks_ownership(self):
        self.file_report()
        for user in (self.owner, self.member, self.viewer, self.supervisor, self.stranger, self.other_officer,
                     self.admin):
            self.login(user)
            self.assertEqual(self.client.get(self.a_url("complaints/")).status_code, 404, user.username)
