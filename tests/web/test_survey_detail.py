"""A survey's page for the staff: its items by section, its services, the QR code to the public
form, the poster and report downloads, and (for editors) the edit and open/close controls."""

from __future__ import annotations

from tests.web.test_survey_world import SERVICES, SURVEY_TITLE, SurveyTestCase, answer


class SurveyDetailTestCase(SurveyTestCase):
    def test_it_works(self):
        answer(self.survey, 5)
        answer(self.survey, 3, service=self.registry)
        self.login(self.member)
        response = self.client.get(self.s_url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, SURVEY_TITLE)
        for name in SERVICES:
            self.assertContains(response, name)
        self.assertContains(response, "1. ด้านกระบวนการ/ขั้นตอนการให้บริการ")
        self.assertContains(response, "ขั้นตอนการให้บริการเข้าใจง่าย")
        self.assertContains(response, "5. ความพึงพอใจโดยรวม")
        self.assertContains(response, "มีผู้ตอบแล้ว")
        self.assertContains(response, "<svg")  # the QR code preview
        self.assertContains(response, f"http://testserver/p/{self.agency.pk}/survey/{self.survey.pk}/")
        self.assertContains(response, "โปสเตอร์ PDF")
        self.assertContains(response, "ปิดรับคำตอบ</button>")
        self.assertContains(response, "แก้ไขแบบสำรวจ")
        self.assertContains(response, "4.00")  # (5 + 3) / 2 over every item
        self.assertEqual(response.context["figures"].respondents, 2)
        self.assertContains(response, 'href="/static/prongsai/css/surveys.css"')

    def test_viewers_and_supervisors_read_without_controls(self):
        for user in (self.viewer, self.supervisor):
            self.login(user)
            response = self.client.get(self.s_url())
            self.assertEqual(response.status_code, 200)
            self.assertNotContains(response, "แก้ไขแบบสำรวจ")
            self.assertNotContains(response, 'name="action" value="close"')
            self.assertContains(response, "รายงาน PDF")
            self.assertEqual(self.client.post(self.s_url()).status_code, 405)

    def test_a_closed_survey_says_so(self):
        self.survey.is_open = False
        self.survey.save()
        self.login(self.owner)
        response = self.client.get(self.s_url())
        self.assertContains(response, "แบบสำรวจยังไม่เปิดรับคำตอบ")
        self.assertContains(response, 'value="open"')

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.s_url()).status_code, 404)
        self.assertEqual(self.client.get(self.s_url(agency=self.other)).status_code, 404)  # A's survey, B's URL
        self.assertEqual(self.client.get(self.s_url(survey=self.b_survey, agency=self.other)).status_code, 200)
        self.login(self.owner)
        self.assertEqual(self.client.get(self.s_url(survey=self.b_survey)).status_code, 404)
        self.assertEqual(self.client.get(self.a_url("surveys/999999/")).status_code, 404)
