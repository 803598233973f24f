"""The demo questions: a few answered for an อบต., one waiting, marked as examples, added once."""

from __future__ import annotations

from prongsai.web.audit.models import AuditEntry
from prongsai.web.qa import stats
from prongsai.web.qa.demo import DEMO_NOTE, add_demo_questions
from prongsai.web.qa.models import Question
from tests.web.base import BaseTestCase


class QaDemoTestCase(BaseTestCase):
    def test_it_adds_answered_and_waiting_questions_once(self):
        made = add_demo_questions(self.agency, self.owner)
        self.assertEqual(len(made), 4)
        questions = Question.objects.filter(agency=self.agency)
        self.assertEqual(questions.filter(status=Question.PUBLISHED).count(), 3)
        self.assertEqual(questions.filter(status=Question.WAITING).count(), 1)
        for q in questions:
            self.assertIn(DEMO_NOTE, q.text)
            if q.status == Question.PUBLISHED:
                self.assertIn(DEMO_NOTE, q.answer)
                self.assertEqual(q.answered_by, self.owner)
                self.assertGreaterEqual(q.answered_on, q.asked_on)
        self.assertEqual(AuditEntry.objects.filter(agency=self.agency, object_type="คำถาม (ถาม–ตอบ)").count(), 4)
        self.assertEqual(add_demo_questions(self.agency, self.owner), [])
        self.assertEqual(Question.objects.filter(agency=self.agency).count(), 4)
        self.assertGreater(stats.for_agency(self.agency).answered + stats.for_agency(self.agency).waiting, 0)
        response = self.client.get(f"/p/{self.agency.pk}/qa/")
        self.assertContains(response, "ภาษีที่ดินและสิ่งปลูกสร้าง")
        self.assertNotContains(response, "กำหนดการเก็บขยะ")  # the waiting one
