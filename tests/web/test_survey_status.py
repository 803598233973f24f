"""Opening and closing a survey (POST only): editors and admins; it cannot open without items or
services; the change is audited; the public page follows."""

from __future__ import annotations

from prongsai.web.audit.models import AuditEntry
from prongsai.web.surveys.models import Survey
from tests.web.test_survey_world import SurveyTestCase


class SurveyStatusTestCase(SurveyTestCase):
    url = property(lambda self: self.s_url("status/"))

    def is_open(self) -> bool:
        return Survey.objects.get(pk=self.survey.pk).is_open

    def test_it_works(self):
        self.login(self.member)
        response = self.client.post(self.url, {"action": "close"})
        self.assertRedirects(response, self.s_url(), fetch_redirect_response=False)
        self.assertFalse(self.is_open())
        self.assertContains(self.client.get(self.p_url(f"{self.survey.pk}/")), "ปิดรับคำตอบแล้ว")
        entry = AuditEntry.objects.filter(agency=self.agency, object_type="แบบสำรวจความพึงพอใจ").latest("pk")
        self.assertEqual((entry.user, entry.changes["เปิดรับคำตอบ"]), (self.member, ["ใช่", "ไม่ใช่"]))
        self.assertIn("ปิดรับคำตอบแบบสำรวจ", entry.summary)
        self.client.post(self.url, {"action": "open"})
        self.assertTrue(self.is_open())
        response = self.client.post(self.url, {"action": "open"}, follow=True)
        self.assertContains(response, "เปิดรับคำตอบอยู่แล้ว")
        self.assertEqual(AuditEntry.objects.filter(agency=self.agency, object_type="แบบสำรวจความพึงพอใจ",
                                                   user=self.member).count(), 2)  # the repeat changed nothing

    def test_bad_input(self):
        self.login(self.owner)
        for data in ({}, {"action": "delete"}):
            response = self.client.post(self.url, data, follow=True)
            self.assertContains(response, "ไม่ทราบว่าต้องการเปิดหรือปิดรับคำตอบ")
        self.client.post(self.url, {"action": "close"})
        self.survey.items.all().delete()
        response = self.client.post(self.url, {"action": "open"}, follow=True)
        self.assertContains(response, "แบบสำรวจต้องมีข้อคำถามอย่างน้อยหนึ่งข้อ")
        self.assertFalse(self.is_open())

    def test_it_rejects_get(self):
        self.login(self.owner)
        self.assertEqual(self.client.get(self.url).status_code, 405)

    def test_viewers_and_supervisors_cannot(self):
        for user in (self.viewer, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.post(self.url, {"action": "close"}).status_code, 403)
        self.assertTrue(self.is_open())

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        for url in (self.url, self.s_url("status/", agency=self.other)):
            self.assertEqual(self.client.post(url, {"action": "close"}).status_code, 404)
        self.assertTrue(self.is_open())
