"""Editing, deleting and moving an item. An item nobody answered changes in place or is deleted;
an answered one is never changed under its answers: rewording retires it and a new item takes
its place, deleting retires it, and the results keep showing it for the periods it was answered
in. Editors and admins; audited; bad input saves nothing."""

from __future__ import annotations

from datetime import date

from prongsai.services.surveys import fiscal_year_period
from prongsai.thai import fiscal_year_of
from prongsai.web.audit.models import AuditEntry
from prongsai.web.surveys import results
from prongsai.web.surveys.models import Item, Rating
from tests.web.test_survey_world import SurveyTestCase, answer

NEW = "ขั้นตอนการให้บริการชัดเจน มีผังขั้นตอนติดไว้ให้เห็น"


class SurveyItemTestCase(SurveyTestCase):
    def url(self, item=None, survey=None, agency=None) -> str:
        return self.s_url(f"items/{(item or self.item).pk}/", survey, agency)

    def save(self, text: str = NEW, section: str = "process", item=None):
        return self.client.post(self.url(item), {"action": "save", "section": section, "text": text})

    def entries(self):
        return AuditEntry.objects.filter(agency=self.agency, object_type="ข้อคำถามแบบสำรวจ")

    def this_year(self):
        return fiscal_year_period(fiscal_year_of(date.today()))

    def test_it_works(self):
        self.login(self.member)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.item.text)
        self.assertContains(response, "ลบข้อคำถามนี้")
        response = self.save()
        self.assertRedirects(response, self.s_url() + "#items", fetch_redirect_response=False)
        item = Item.objects.get(pk=self.item.pk)
        self.assertEqual((item.text, item.retired_on), (NEW, None))  # nobody answered it: changed in place
        entry = self.entries().get()
        self.assertEqual(entry.changes["ข้อคำถาม"], [self.item.text, NEW])
        self.assertEqual(entry.user, self.member)

    def test_rewording_an_answered_item_starts_a_new_item(self):
        answer(self.survey, {self.item.pk: 2}, day=self.this_year().start)
        self.login(self.owner)
        response = self.client.get(self.url())
        self.assertContains(response, "ข้อนี้มีผู้ตอบแล้ว 1 คน")
        self.assertContains(response, "เลิกใช้ข้อคำถามนี้")
        self.save()
        old = Item.objects.get(pk=self.item.pk)
        self.assertEqual(old.text, self.item.text)  # the answered wording is kept
        self.assertIsNotNone(old.retired_on)
        new = Item.objects.get(survey=self.survey, text=NEW)
        self.assertEqual((new.replaces, new.order, new.section), (old, old.order, "process"))
        self.assertEqual(Rating.objects.get(item=old).value, 2)
        answer(self.survey, 5)  # a later answer rates the new item
        summary = results.summary(self.survey, self.this_year())
        process = summary.overall.by_key["process"]
        shown = [(i.number, i.question.text, i.tally.n, str(i.tally.mean)) for i in process.items[:2]]
        self.assertEqual(shown, [("1.1", self.item.text, 1, "2.00"), ("1.2", NEW, 1, "5.00")])
        self.assertIn("ข้อคำถามเดิม เลิกใช้เมื่อ", process.items[0].question.note)
        self.assertEqual(self.survey.active_items().count(), 18)
        entry = self.entries().get()
        self.assertIn("เริ่มใช้ข้อคำถามใหม่", entry.summary)
        self.assertEqual(entry.object_id, str(new.pk))
        # the public form asks the new wording only
        public = self.client.get(self.p_url(f"{self.survey.pk}/"))
        self.assertContains(public, NEW)
        self.assertNotContains(public, f'name="item_{old.pk}"')
        # a retired item is no longer edited
        self.assertEqual(self.client.get(self.url(old)).status_code, 404)

    def test_a_period_without_answers_to_the_old_item_does_not_show_it(self):
        answer(self.survey, {self.item.pk: 2}, day=date(2024, 3, 1))  # FY2567
        self.login(self.owner)
        self.save()
        shown = [q.text for q in results.questions_for(self.survey, self.this_year())]
        self.assertNotIn(self.item.text, shown)
        self.assertIn(NEW, shown)
        self.assertIn(self.item.text, [q.text for q in results.questions_for(self.survey, fiscal_year_period(2567))])

    def test_deleting(self):
        self.login(self.member)
        response = self.client.post(self.url(), {"action": "delete"})
        self.assertRedirects(response, self.s_url() + "#items", fetch_redirect_response=False)
        self.assertFalse(Item.objects.filter(pk=self.item.pk).exists())
        entry = self.entries().get()
        self.assertEqual(entry.action, AuditEntry.DELETE)
        self.assertEqual(entry.changes["ข้อคำถาม"], [self.item.text, ""])

    def test_deleting_an_answered_item_retires_it(self):
        answer(self.survey, 4)
        self.login(self.member)
        response = self.client.post(self.url(), {"action": "delete"}, follow=True)
        self.assertContains(response, "เลิกใช้ข้อคำถามนี้แล้ว")
        item = Item.objects.get(pk=self.item.pk)
        self.assertIsNotNone(item.retired_on)
        self.assertEqual(Rating.objects.filter(item=item).count(), 1)
        self.assertEqual(self.entries().get().action, AuditEntry.UPDATE)
        self.assertEqual(results.summary(self.survey, self.this_year()).overall.tally.n, 18)

    def test_moving(self):
        self.login(self.member)
        process = lambda: list(self.survey.active_items().filter(section="process").order_by("order", "pk"))  # noqa: E731
        first, second = process()[:2]
        self.client.post(self.url(first), {"action": "down"})
        self.assertEqual(process()[:2], [second, first])
        self.client.post(self.url(first), {"action": "up"})
        self.assertEqual(process()[:2], [first, second])
        self.client.post(self.url(first), {"action": "up"})  # already first: nothing happens
        self.assertEqual(process()[:2], [first, second])
        self.assertEqual(self.entries().count(), 2)
        public = self.client.get(self.p_url(f"{self.survey.pk}/")).content.decode()
        self.assertLess(public.index(first.text), public.index(second.text))

    def test_moving_to_another_section(self):
        self.login(self.member)
        self.save(section="information")
        item = Item.objects.get(pk=self.item.pk)
        self.assertEqual(item.section, "information")
        info = list(self.survey.active_items().filter(section="information").order_by("order"))
        self.assertEqual(info[-1], item)

    def test_bad_input(self):
        self.login(self.member)
        other = self.survey.active_items().exclude(pk=self.item.pk).first()
        cases = [
            ({"action": "save", "section": "process", "text": ""}, "กรุณากรอกข้อคำถาม"),
            ({"action": "save", "section": "", "text": NEW}, "กรุณาเลือกด้านของข้อคำถาม"),
            ({"action": "save", "section": "nope", "text": NEW}, "ด้านที่เลือกไม่มีในแบบสำรวจ"),
            ({"action": "save", "section": "process", "text": "ก" * 301}, "ข้อคำถามยาวได้ไม่เกิน 300 ตัวอักษร"),
            ({"action": "save", "section": "process", "text": other.text}, "มีข้อคำถามนี้ในแบบสำรวจแล้ว"),
            ({"action": "rename"}, "ไม่ทราบว่าต้องการบันทึก ลบ หรือเลื่อนข้อคำถาม"),
            ({}, "ไม่ทราบว่าต้องการบันทึก ลบ หรือเลื่อนข้อคำถาม"),
        ]
        for data, message in cases:
            response = self.client.post(self.url(), data)
            self.assertEqual(response.status_code, 400, data)
            self.assertContains(response, message, status_code=400)
        item = Item.objects.get(pk=self.item.pk)
        self.assertEqual((item.text, item.section, item.retired_on), (self.item.text, "process", None))
        self.assertFalse(self.entries().exists())
        # saving the same wording again changes nothing and logs nothing
        self.save(text=self.item.text)
        self.assertFalse(self.entries().exists())

    def test_viewers_and_supervisors_cannot(self):
        for user in (self.viewer, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 403)
            self.assertEqual(self.save().status_code, 403)
            self.assertEqual(self.client.post(self.url(), {"action": "delete"}).status_code, 403)
        self.assertEqual(Item.objects.get(pk=self.item.pk).text, self.item.text)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        for url in (self.url(), self.url(agency=self.other)):
            self.assertEqual(self.client.get(url).status_code, 404)
            self.assertEqual(self.client.post(url, {"action": "delete"}).status_code, 404)
        self.assertTrue(Item.objects.filter(pk=self.item.pk).exists())
        self.login(self.owner)
        # B's item through A's survey, and A's item through another survey of A
        self.assertEqual(self.client.get(self.s_url(f"items/{self.b_item.pk}/")).status_code, 404)
        from tests.web.test_survey_world import make_survey

        second = make_survey(self.agency, self.owner, title="อีกแบบสำรวจ")
        self.assertEqual(self.client.post(self.url(survey=second), {"action": "delete"}).status_code, 404)
        self.assertTrue(Item.objects.filter(pk=self.item.pk).exists())
