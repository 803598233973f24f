"""The public Q&A page: anyone reads the published answers and asks; a question shows only with
its answer; nothing that identifies the asker is kept, no cookie is set, and abuse is limited."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from prongsai.web.audit.models import AuditEntry
from prongsai.web.qa.models import Question
from prongsai.web.qa.views import ASK_THROTTLE
from tests.web.base import BaseTestCase

QUESTION = "ขอทราบขั้นตอนการขออนุญาตก่อสร้างอาคารพักอาศัย ต้องใช้เอกสารอะไรบ้าง"


def published(agency, text: str, answer: str, name: str = "", days_ago: int = 10, took: int = 3) -> Question:
    asked = timezone.localdate() - timedelta(days=days_ago)
    return Question.objects.create(agency=agency, asked_on=asked, name=name, text=text, answer=answer,
                                   status=Question.PUBLISHED, answered_at=timezone.now() - timedelta(days=days_ago - took))


class PublicQaTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.answered = published(cls.agency, "ตลาดนัดชุมชนเปิดวันไหนบ้าง", "เปิดทุกวันพุธและวันเสาร์", name="สมชาย")
        cls.anonymous = published(cls.agency, "รถเก็บขยะเข้าหมู่ 3 วันใด", "ทุกวันอังคาร", days_ago=5)
        cls.waiting = Question.objects.create(agency=cls.agency, asked_on=timezone.localdate(),
                                              text="คำถามที่ยังรอคำตอบอยู่", contact="081-234-5678")
        cls.rejected = Question.objects.create(agency=cls.agency, asked_on=timezone.localdate(),
                                               text="ข้อความหยาบคายที่ไม่เผยแพร่", status=Question.REJECTED,
                                               answer="ร่างคำตอบที่ไม่ควรแสดง", reject_reason="ถ้อยคำไม่สุภาพ",
                                               answered_at=timezone.now())
        cls.b_question = published(cls.other, "คำถามของหน่วยงานอื่น", "คำตอบของหน่วยงานอื่น")

    def setUp(self) -> None:
        super().setUp()
        cache.clear()  # the throttle's counts

    def url(self, agency=None) -> str:
        return f"/p/{(agency or self.agency).pk}/qa/"

    def test_it_works(self):
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "ตลาดนัดชุมชนเปิดวันไหนบ้าง")
        self.assertContains(response, "เปิดทุกวันพุธและวันเสาร์")
        self.assertContains(response, "สมชาย")
        self.assertContains(response, "ไม่ประสงค์ออกนาม")  # the question asked without a name
        self.assertContains(response, "หลังจากเจ้าหน้าที่ของหน่วยงานตอบแล้วเท่านั้น")
        self.assertContains(response, "ข้อมูลนี้จะไม่เผยแพร่บนเว็บไซต์")
        self.assertContains(response, 'class="honeypot"')
        self.assertNotContains(response, "csrfmiddlewaretoken")
        # newest answer first
        content = response.content.decode()
        self.assertLess(content.index("รถเก็บขยะเข้าหมู่ 3"), content.index("ตลาดนัดชุมชน"))

        response = self.client.post(self.url(), {"name": "  นางสาว  มาลี ", "text": f"  {QUESTION}\r\n\r\n\r\nขอบคุณค่ะ ",
                                                 "contact": "malee@example.com", "website": ""})
        self.assertRedirects(response, self.url() + "?asked=1#asked", fetch_redirect_response=False)
        question = Question.objects.get(agency=self.agency, text__startswith=QUESTION)
        self.assertEqual(question.status, Question.WAITING)
        self.assertEqual(question.asked_on, timezone.localdate())
        self.assertEqual(question.name, "นางสาว มาลี")
        self.assertEqual(question.text, f"{QUESTION}\n\nขอบคุณค่ะ")
        self.assertEqual(question.contact, "malee@example.com")
        self.assertIsNone(question.answered_at)
        entry = AuditEntry.objects.get(agency=self.agency, object_type="คำถาม (ถาม–ตอบ)", object_id=str(question.pk))
        self.assertEqual(entry.action, AuditEntry.CREATE)
        self.assertNotIn("malee", str(entry.changes) + entry.summary)  # no personal data in the log
        self.assertNotIn("มาลี", str(entry.changes) + entry.summary)

        response = self.client.get(self.url() + "?asked=1")
        self.assertContains(response, "ได้รับคำถามของท่านแล้ว")
        self.assertContains(response, "เมื่อตอบแล้ว หน่วยงานจะเผยแพร่คำถามพร้อมคำตอบในหน้านี้")
        self.assertNotContains(response, QUESTION)  # not shown before it is answered

    def test_it_checks_ownership(self):
        content = self.client.get(self.url()).content.decode()
        self.assertNotIn("คำถามของหน่วยงานอื่น", content)
        for hidden in ("คำถามที่ยังรอคำตอบอยู่", "ข้อความหยาบคาย", "ร่างคำตอบที่ไม่ควรแสดง", "ถ้อยคำไม่สุภาพ",
                       "081-234-5678"):
            self.assertNotIn(hidden, content)
        other = self.client.get(self.url(self.other)).content.decode()
        self.assertIn("คำถามของหน่วยงานอื่น", other)
        for a_text in ("ตลาดนัดชุมชน", "รถเก็บขยะ", "คำถามที่ยังรอคำตอบอยู่", "ข้อความหยาบคาย"):
            self.assertNotIn(a_text, other)
        # a question asked on B's page belongs to B
        self.client.post(self.url(self.other), {"text": "คำถามถึงหน่วยงานบี"})
        self.assertEqual(Question.objects.get(text="คำถามถึงหน่วยงานบี").agency, self.other)
        self.assertEqual(self.client.get("/p/999999/qa/").status_code, 404)

    def test_a_signed_in_member_sees_the_public_page(self):
        self.login(self.member)
        self.assertEqual(self.client.get(self.url()).status_code, 200)

    def test_nothing_identifying_is_stored_with_a_question(self):
        agent = "QaDistinctiveBrowser/7.3 (X11; test-5b1f)"
        address = "203.0.113.77"
        self.client.cookies["tracker"] = "cookie-value-9d2e"
        response = self.client.post(self.url(), {"text": QUESTION, "name": "", "contact": ""},
                                    HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
        self.assertEqual(response.status_code, 302)
        question = Question.objects.get(text=QUESTION)
        stored = " ".join(str(v) for v in Question.objects.filter(pk=question.pk).values().get().values())
        for secret in (agent, "QaDistinctiveBrowser", address, "cookie-value-9d2e"):
            self.assertNotIn(secret, stored)
        for entry in AuditEntry.objects.filter(object_type="คำถาม (ถาม–ตอบ)"):
            self.assertEqual(entry.address, "")
            self.assertNotIn(address, str(entry.changes) + entry.summary)
        self.assertEqual(set(f.name for f in Question._meta.get_fields()),
                         {"id", "agency", "asked_on", "name", "contact", "text", "status", "answer", "answered_at",
                          "answered_by", "reject_reason"})

    def test_no_cookie_is_set(self):
        for user in (None, self.member):
            if user:
                self.login(user)
            for response in (self.client.get(self.url()),
                             self.client.post(self.url(), {"text": QUESTION}),
                             self.client.post(self.url(), {"text": ""}),
                             self.client.get(self.url() + "?asked=1")):
                self.assertNotIn("Set-Cookie", response.headers)
                self.assertEqual(len(response.cookies), 0)
                self.assertEqual(response.headers["Referrer-Policy"], "no-referrer")

    def test_a_filled_honeypot_is_dropped_silently(self):
        response = self.client.post(self.url(), {"text": QUESTION, "website": "https://spam.example"})
        self.assertRedirects(response, self.url() + "?asked=1#asked", fetch_redirect_response=False)
        self.assertFalse(Question.objects.filter(text=QUESTION).exists())
        self.assertContains(self.client.get(self.url() + "?asked=1"), "ได้รับคำถามของท่านแล้ว")

    def test_too_many_questions_from_one_client(self):
        for n in range(ASK_THROTTLE.limit):
            self.assertEqual(self.client.post(self.url(), {"text": f"{QUESTION} {n}"}).status_code, 302)
        response = self.client.post(self.url(), {"text": f"{QUESTION} เกิน"})
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "ครบจำนวนที่รับได้ในหนึ่งชั่วโมงแล้ว", status_code=429)
        self.assertContains(response, f"{QUESTION} เกิน", status_code=429)  # what was typed stays in the form
        self.assertEqual(Question.objects.filter(text__startswith=QUESTION).count(), ASK_THROTTLE.limit)
        # another client is not held back
        self.assertEqual(self.client.post(self.url(), {"text": "จากเครื่องอื่น"}, REMOTE_ADDR="198.51.100.9").status_code,
                         302)

    def test_bad_input(self):
        cases = [
            ({"text": ""}, "กรุณากรอกคำถาม"),
            ({"text": "   \r\n  "}, "กรุณากรอกคำถาม"),
            ({"text": "ก" * 2001}, "คำถามยาวได้ไม่เกิน 2,000 ตัวอักษร (ขณะนี้ 2001 ตัวอักษร)"),
            ({"text": QUESTION, "name": "ข" * 101}, "ชื่อผู้ถามยาวได้ไม่เกิน 100 ตัวอักษร"),
            ({"text": QUESTION, "contact": "1" * 201}, "ช่องทางติดต่อกลับยาวได้ไม่เกิน 200 ตัวอักษร"),
            ({"text": "คำถาม\x00"}, "อักขระควบคุม"),
        ]
        before = Question.objects.count()
        for data, message in cases:
            response = self.client.post(self.url(), data)
            self.assertEqual(response.status_code, 400, data)
            self.assertContains(response, message, status_code=400)
            self.assertContains(response, 'class="error"', status_code=400)
        self.assertEqual(Question.objects.count(), before)
        self.assertFalse(AuditEntry.objects.filter(object_type="คำถาม (ถาม–ตอบ)").exists())

    def test_a_form_from_another_site_is_refused(self):
        response = self.client.post(self.url(), {"text": QUESTION}, HTTP_ORIGIN="https://evil.example")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Question.objects.filter(text=QUESTION).exists())

    def test_pages(self):
        for n in range(25):
            published(self.agency, f"คำถามลำดับที่ {n:02d}", f"คำตอบลำดับที่ {n:02d}", days_ago=40 + n)
        first = self.client.get(self.url())
        self.assertEqual(len(first.context["page"].object_list), 20)
        self.assertContains(first, "หน้า 1 จาก 2")
        second = self.client.get(self.url() + "?page=2")
        self.assertEqual(len(second.context["page"].object_list), 7)
        self.assertContains(second, "คำถามลำดับที่ 24")
        self.assertEqual(self.client.get(self.url() + "?page=abc").status_code, 200)

    def test_other_methods(self):
        self.assertEqual(self.client.put(self.url()).status_code, 405)
        self.assertEqual(self.client.head(self.url()).status_code, 200)
