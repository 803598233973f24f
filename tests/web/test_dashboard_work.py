"""The dashboard shows what waits in the public channels, to whom it concerns: a complaint officer
sees counts of open and overdue reports (never their words), every member the waiting questions."""

from __future__ import annotations

from datetime import timedelta

from prongsai.web.complaints.models import Complaint
from prongsai.web.qa.models import Question
from tests.web.complaints_world import ComplaintsTestCase


class DashboardWorkTestCase(ComplaintsTestCase):
    def test_officers_see_open_and_overdue_reports(self):
        complaint, _ = self.file_report()
        Complaint.objects.filter(pk=complaint.pk).update(answer_due=complaint.received_on - timedelta(days=1))
        self.login(self.officer)
        response = self.client.get(self.a_url())
        cards = {c["title"]: c for c in response.context["work_cards"]}
        self.assertEqual(cards["เรื่องร้องเรียนที่ยังไม่ยุติ"]["value"], 1)
        self.assertTrue(cards["เรื่องร้องเรียนที่ยังไม่ยุติ"]["bad"])
        self.assertNotContains(response, "แบ่งซื้อแบ่งจ้าง")

    def test_other_members_see_no_report_count(self):
        self.file_report()
        for user in (self.owner, self.viewer, self.supervisor):
            self.login(user)
            titles = [c["title"] for c in self.client.get(self.a_url()).context["work_cards"]]
            self.assertNotIn("เรื่องร้องเรียนที่ยังไม่ยุติ", titles, user.username)
            self.assertIn("คำถามที่รอคำตอบ", titles)

    def test_late_questions_are_marked(self):
        Question.objects.create(agency=self.agency, asked_on=self.entry.as_of, text="คำถามที่รอนาน")
        self.login(self.viewer)
        card = next(c for c in self.client.get(self.a_url()).context["work_cards"] if c["title"] == "คำถามที่รอคำตอบ")
        self.assertEqual(card["value"], 1)
        self.assertTrue(card["bad"])
