"""/p/<agency>/survey/: the agency's open surveys; with only one, straight to it (the QR code
and the public home link here)."""

from __future__ import annotations

from prongsai.web.surveys import actions
from tests.web.public_helpers import assert_private
from tests.web.test_survey_world import SurveyTestCase, make_survey


class PublicSurveysTestCase(SurveyTestCase):
    def test_it_works(self):
        response = self.client.get(self.p_url())
        self.assertRedirects(response, self.p_url(f"{self.survey.pk}/"), fetch_redirect_response=False)
        assert_private(self, response)
        second = make_survey(self.agency, self.owner, title="แบบสำรวจงานป้องกันและบรรเทาสาธารณภัย",
                             services=["งานป้องกันและบรรเทาสาธารณภัย"])
        response = self.client.get(self.p_url())
        self.assertEqual(response.status_code, 200)
        assert_private(self, response)
        self.assertContains(response, f'href="{self.p_url(f"{self.survey.pk}/")}"')
        self.assertContains(response, f'href="{self.p_url(f"{second.pk}/")}"')
        self.assertContains(response, "งานจัดเก็บภาษี · งานทะเบียนพาณิชย์")
        self.assertContains(response, "ดูผลการสำรวจความพึงพอใจ")

    def test_closed_surveys_are_not_listed(self):
        actions.set_open(self.owner, self.survey, False)
        response = self.client.get(self.p_url())
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "ไม่มีแบบสำรวจที่เปิดรับคำตอบ")
        self.assertNotContains(response, f'href="{self.p_url(f"{self.survey.pk}/")}"')

    def test_other_methods(self):
        self.assertEqual(self.client.post(self.p_url()).status_code, 405)

    def test_it_checks_ownership(self):
        response = self.client.get(self.p_url(agency=self.other))
        self.assertRedirects(response, self.p_url(f"{self.b_survey.pk}/", self.other), fetch_redirect_response=False)
        actions.set_open(self.stranger, self.b_survey, False)
        content = self.client.get(self.p_url(agency=self.other)).content.decode()
        self.assertNotIn(self.survey.title, content)
        self.assertNotIn(f"/survey/{self.survey.pk}/", content)
        self.assertEqual(self.client.get("/p/999999/survey/").status_code, 404)
