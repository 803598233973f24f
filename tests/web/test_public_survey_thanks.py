"""The thank-you page after an answer: it says the answer arrived and is anonymous, and leads to
the results and the agency's home."""

from __future__ import annotations

from tests.web.public_helpers import assert_private
from tests.web.test_survey_world import SurveyTestCase


class PublicSurveyThanksTestCase(SurveyTestCase):
    def url(self, survey=None, agency=None) -> str:
        return self.p_url(f"{(survey or self.survey).pk}/thanks/", agency)

    def test_it_works(self):
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        assert_private(self, response)
        self.assertContains(response, "ขอบคุณที่ร่วมตอบแบบสำรวจ")
        self.assertContains(response, f"{self.agency.name}ได้รับคำตอบของท่านแล้ว")
        self.assertContains(response, f'href="{self.p_url("results/")}"')
        self.assertContains(response, f'href="/p/{self.agency.pk}/"')
        self.assertEqual(self.client.post(self.url()).status_code, 405)

    def test_it_checks_ownership(self):
        self.assertEqual(self.client.get(self.url(agency=self.other)).status_code, 404)
        self.assertEqual(self.client.get(self.url(survey=self.b_survey)).status_code, 404)
        self.assertEqual(self.client.get(self.url(survey=self.b_survey, agency=self.other)).status_code, 200)
