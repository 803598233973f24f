"""Answering a question (which publishes it) or deciding not to publish it: editors and admins
only, every change in the audit log, and the asker's original words never kept once edited."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from prongsai.web.audit.models import AuditEntry
from prongsai.web.qa.models import Question
from prongsai.web.qa.views import NOT_KEPT
from tests.web.base import BaseTestCase

ORIGINAL = "นายสมปอง ใจดี เลขบัตร 1234567890123 ถามว่าซ่อมถนนหมู่ 4 เมื่อไร"
EDITED = "ถามว่าซ่อมถนนหมู่ 4 เมื่อไร"
ANSWER = "กองช่างกำหนดซ่อมผิวจราจรถนนหมู่ 4 ในเดือนหน้า ตามแผนการซ่อมบำรุงประจำปี"


class QaAnswerTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.question = Question.objects.create(agency=cls.agency, asked_on=timezone.localdate() - timedelta(days=4),
                                               name="สมปอง ใจดี", contact="somphong@example.com", text=ORIGINAL)
        cls.b_question = Question.objects.create(agency=cls.other, asked_on=timezone.localdate(), text="คำถามของบี")

    def url(self, question=None, agency=None) -> str:
        return f"/a/{(agency or self.agency).pk}/qa/{(question or self.question).pk}/"

    def publish(self, text: str = ORIGINAL, name: str = "สมปอง ใจดี", answer: str = ANSWER):
        return self.client.post(self.url(), {"action": "publish", "answer-text": text, "answer-name": name,
                                             "answer-answer": answer})

    def entries(self):
        return AuditEntry.objects.filter(agency=self.agency, object_type="คำถาม (ถาม–ตอบ)",
                                         object_id=str(self.question.pk))

    def test_it_works(self):
        self.login(self.member)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "ใจดี")
        self.assertContains(response, "somphong@example.com")  # for a private reply
        self.assertContains(response, "ไม่เผยแพร่ ใช้ติดต่อตอบกลับผู้ถามเป็นการส่วนตัวเท่านั้น")
        self.assertContains(response, 'name="answer-answer"')
        self.assertContains(response, 'name="reject-reject_reason"')
        self.assertContains(response, "รอมาแล้ว 4 วัน")

        response = self.publish()
        self.assertRedirects(response, self.a_url("qa/"), fetch_redirect_response=False)
        question = Question.objects.get(pk=self.question.pk)
        self.assertEqual(question.status, Question.PUBLISHED)
        self.assertEqual(question.answer, ANSWER)
        self.assertEqual(question.answered_by, self.member)
        self.assertIsNotNone(question.answered_at)
        self.assertEqual(question.text, ORIGINAL)
        entry = self.entries().get()
        self.assertEqual(entry.action, AuditEntry.UPDATE)
        self.assertEqual(entry.user, self.member)
        self.assertEqual(entry.changes["สถานะ"], ["รอคำตอบ", "ตอบและเผยแพร่แล้ว"])
        self.assertEqual(entry.changes["คำตอบ"], ["", ANSWER])
        public = self.client.get(f"/p/{self.agency.pk}/qa/")
        self.assertContains(public, ANSWER)
        self.assertContains(public, "ซ่อมถนนหมู่ 4")
        self.assertNotContains(public, "somphong@example.com")

    def test_an_admin_answers_too(self):
        self.login(self.owner)
        self.assertEqual(self.publish().status_code, 302)
        self.assertEqual(Question.objects.get(pk=self.question.pk).answered_by, self.owner)

    def test_editing_the_question_keeps_only_the_edited_text(self):
        self.login(self.member)
        self.assertEqual(self.publish(text=EDITED, name="").status_code, 302)
        question = Question.objects.get(pk=self.question.pk)
        self.assertEqual(question.text, EDITED)
        self.assertEqual(question.name, "")
        entry = self.entries().get()
        self.assertEqual(entry.changes["คำถาม"], [NOT_KEPT, EDITED])
        self.assertEqual(entry.changes["ชื่อผู้ถาม"], [NOT_KEPT, "(ไม่แสดงชื่อ)"])
        self.assertIn("แก้ไขข้อความของผู้ถาม", entry.summary)
        # the original wording is nowhere any more, not even in the log
        self.assertFalse(Question.objects.filter(text__contains="1234567890123").exists())
        for e in AuditEntry.objects.all():
            self.assertNotIn("1234567890123", str(e.changes) + e.summary)
            self.assertNotIn("สมปอง", str(e.changes) + e.summary)
        public = self.client.get(f"/p/{self.agency.pk}/qa/")
        self.assertContains(public, EDITED)
        self.assertContains(public, "ไม่ประสงค์ออกนาม")
        self.assertNotContains(public, "1234567890123")

    def test_correcting_an_answer_keeps_the_time_it_took(self):
        self.login(self.member)
        self.publish()
        first = Question.objects.get(pk=self.question.pk)
        self.login(self.owner)
        self.publish(answer=ANSWER + " สอบถามเพิ่มเติมที่กองช่าง")
        again = Question.objects.get(pk=self.question.pk)
        self.assertEqual(again.answered_at, first.answered_at)
        self.assertEqual(again.answered_by, self.member)
        self.assertTrue(again.answer.endswith("สอบถามเพิ่มเติมที่กองช่าง"))
        self.assertEqual(self.entries().count(), 2)
        self.assertIn("แก้ไขคำตอบ", self.entries().order_by("pk").last().summary)

    def test_rejecting(self):
        self.login(self.member)
        response = self.client.post(self.url(), {"action": "reject", "reject-reject_reason": "มีถ้อยคำกล่าวหาบุคคลโดยไม่มีหลักฐาน"})
        self.assertRedirects(response, self.a_url("qa/"), fetch_redirect_response=False)
        question = Question.objects.get(pk=self.question.pk)
        self.assertEqual(question.status, Question.REJECTED)
        self.assertEqual(question.reject_reason, "มีถ้อยคำกล่าวหาบุคคลโดยไม่มีหลักฐาน")
        entry = self.entries().get()
        self.assertEqual(entry.changes["สถานะ"], ["รอคำตอบ", "ไม่เผยแพร่"])
        self.assertEqual(entry.changes["เหตุผลที่ไม่เผยแพร่"], ["", "มีถ้อยคำกล่าวหาบุคคลโดยไม่มีหลักฐาน"])
        public = self.client.get(f"/p/{self.agency.pk}/qa/")
        self.assertNotContains(public, "ซ่อมถนน")
        self.assertNotContains(public, "กล่าวหาบุคคล")
        # a published question taken down leaves the public page
        self.publish()
        self.assertContains(self.client.get(f"/p/{self.agency.pk}/qa/"), ANSWER)
        self.client.post(self.url(), {"action": "reject", "reject-reject_reason": "ผู้ถามขอให้นำออก"})
        self.assertNotContains(self.client.get(f"/p/{self.agency.pk}/qa/"), ANSWER)
        self.assertEqual(Question.objects.get(pk=self.question.pk).reject_reason, "ผู้ถามขอให้นำออก")

    def test_viewers_and_supervisors_read_but_cannot_answer(self):
        for user in (self.viewer, self.supervisor):
            self.login(user)
            response = self.client.get(self.url())
            self.assertEqual(response.status_code, 200)
            self.assertNotContains(response, 'name="answer-answer"')
            self.assertEqual(self.publish().status_code, 403)
            self.assertEqual(self.client.post(self.url(), {"action": "reject",
                                                           "reject-reject_reason": "x"}).status_code, 403)
        self.assertEqual(Question.objects.get(pk=self.question.pk).status, Question.WAITING)
        self.assertFalse(self.entries().exists())

    def test_bad_input(self):
        self.login(self.member)
        cases = [
            ({"action": "publish", "answer-text": ORIGINAL, "answer-answer": ""}, "กรุณากรอกคำตอบ"),
            ({"action": "publish", "answer-text": ORIGINAL, "answer-answer": " \r\n "}, "กรุณากรอกคำตอบ"),
            ({"action": "publish", "answer-text": "", "answer-answer": ANSWER}, "กรุณากรอกคำถามที่จะเผยแพร่"),
            ({"action": "publish", "answer-text": "ก" * 2001, "answer-answer": ANSWER},
             "คำถามยาวได้ไม่เกิน 2,000 ตัวอักษร"),
            ({"action": "publish", "answer-text": ORIGINAL, "answer-answer": "ข" * 5001},
             "คำตอบยาวได้ไม่เกิน 5,000 ตัวอักษร"),
            ({"action": "publish", "answer-text": ORIGINAL, "answer-name": "ค" * 101, "answer-answer": ANSWER},
             "ชื่อผู้ถามยาวได้ไม่เกิน 100 ตัวอักษร"),
            ({"action": "reject", "reject-reject_reason": ""}, "กรุณากรอกเหตุผลที่ไม่เผยแพร่"),
            ({"action": "reject", "reject-reject_reason": "ง" * 1001}, "เหตุผลที่ไม่เผยแพร่ยาวได้ไม่เกิน 1,000 ตัวอักษร"),
            ({"action": "delete-everything"}, "ไม่ทราบว่าต้องการตอบหรือไม่เผยแพร่คำถาม"),
            ({}, "ไม่ทราบว่าต้องการตอบหรือไม่เผยแพร่คำถาม"),
        ]
        for data, message in cases:
            response = self.client.post(self.url(), data)
            self.assertEqual(response.status_code, 400, data)
            self.assertContains(response, message, status_code=400)
        question = Question.objects.get(pk=self.question.pk)
        self.assertEqual((question.status, question.text, question.answer, question.reject_reason),
                         (Question.WAITING, ORIGINAL, "", ""))
        self.assertFalse(self.entries().exists())
        # what was typed stays, and the page still shows the stored question
        response = self.client.post(self.url(), {"action": "publish", "answer-text": EDITED, "answer-answer": ""})
        self.assertContains(response, EDITED, status_code=400)
        self.assertContains(response, "1234567890123", status_code=400)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        for url in (self.url(), self.url(agency=self.other)):
            self.assertEqual(self.client.get(url).status_code, 404, url)
            self.assertEqual(self.publish().status_code, 404)
            self.assertEqual(self.client.post(url, {"action": "publish", "answer-text": "x",
                                                    "answer-answer": "y"}).status_code, 404, url)
            self.assertEqual(self.client.post(url, {"action": "reject",
                                                    "reject-reject_reason": "y"}).status_code, 404, url)
        question = Question.objects.get(pk=self.question.pk)
        self.assertEqual((question.status, question.text), (Question.WAITING, ORIGINAL))
        self.assertFalse(self.entries().exists())
        # A's member cannot reach B's question through A's URL either
        self.login(self.member)
        self.assertEqual(self.client.get(self.url(question=self.b_question)).status_code, 404)
        self.assertEqual(self.client.get(self.a_url("qa/999999/")).status_code, 404)
