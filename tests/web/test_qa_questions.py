"""The staff's Q&A queue: waiting questions first (oldest first, with the days they have waited),
then the published and the rejected ones. Every member of the agency reads it."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from prongsai.web.qa.models import Question
from tests.web.base import BaseTestCase


def make(agency, text: str, days_ago: int, status: str = Question.WAITING, **extra) -> Question:
    return Question.objects.create(agency=agency, asked_on=timezone.localdate() - timedelta(days=days_ago), text=text,
                                   status=status, **extra)


class QaQuestionsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.recent = make(cls.agency, "คำถามที่เพิ่งส่งมาเมื่อวาน", 1)
        cls.old = make(cls.agency, "คำถามที่รอมานานเกินกำหนด", 20, name="สมหญิง")
        cls.answered = make(cls.agency, "คำถามที่ตอบและเผยแพร่แล้ว", 30, Question.PUBLISHED, answer="คำตอบ",
                            answered_at=timezone.now() - timedelta(days=26), answered_by=cls.member)
        cls.rejected = make(cls.agency, "ข้อความโฆษณาที่ไม่เผยแพร่", 3, Question.REJECTED,
                            reject_reason="เป็นข้อความโฆษณา", answered_at=timezone.now(), answered_by=cls.member)
        cls.b_question = make(cls.other, "คำถามของหน่วยงานบีที่รอคำตอบ", 2)

    def test_it_works(self):
        self.login(self.member)
        response = self.client.get(self.a_url("qa/"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["section"], "qa")
        self.assertEqual([q.pk for q in response.context["waiting"]], [self.old.pk, self.recent.pk])  # oldest first
        content = response.content.decode()
        self.assertLess(content.index("คำถามที่รอมานานเกินกำหนด"), content.index("คำถามที่เพิ่งส่งมาเมื่อวาน"))
        self.assertLess(content.index("คำถามที่เพิ่งส่งมาเมื่อวาน"), content.index("คำถามที่ตอบและเผยแพร่แล้ว"))
        self.assertIn("20 วัน", content)
        self.assertIn("สมหญิง", content)
        self.assertIn('class="row-bad"', content)  # waited past the limit
        self.assertIn(f'href="/a/{self.agency.pk}/qa/{self.old.pk}/"', content)
        self.assertIn(f'href="/p/{self.agency.pk}/qa/"', content)
        self.assertNotIn("ข้อความโฆษณาที่ไม่เผยแพร่", content)  # the other list

        response = self.client.get(self.a_url("qa/?list=rejected"))
        self.assertContains(response, "ข้อความโฆษณาที่ไม่เผยแพร่")
        self.assertContains(response, "เป็นข้อความโฆษณา")
        self.assertNotContains(response, "คำถามที่ตอบและเผยแพร่แล้ว")
        self.assertEqual(self.client.get(self.a_url("qa/?list=nonsense&page=x")).status_code, 200)

    def test_everyone_of_the_agency_reads_it(self):
        for user in (self.owner, self.viewer, self.supervisor, self.unit_editor):
            self.login(user)
            response = self.client.get(self.a_url("qa/"))
            self.assertEqual(response.status_code, 200, user)
            self.assertContains(response, "คำถามที่รอมานานเกินกำหนด")

    def test_it_takes_no_post(self):
        self.login(self.member)
        self.assertEqual(self.client.post(self.a_url("qa/")).status_code, 405)

    def test_anonymous_users_are_sent_to_log_in(self):
        response = self.client.get(self.a_url("qa/"))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/login/"))

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("qa/")).status_code, 404)
        self.assertEqual(self.client.post(self.a_url("qa/")).status_code, 404)
        own = self.client.get(f"/a/{self.other.pk}/qa/")
        self.assertContains(own, "คำถามของหน่วยงานบีที่รอคำตอบ")
        for text in ("คำถามที่เพิ่งส่งมาเมื่อวาน", "คำถามที่รอมานานเกินกำหนด", "คำถามที่ตอบและเผยแพร่แล้ว"):
            self.assertNotContains(own, text)
        self.assertNotContains(self.client.get(f"/a/{self.other.pk}/qa/?list=rejected"), "ข้อความโฆษณา")
