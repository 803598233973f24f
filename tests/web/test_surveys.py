"""The staff's list of surveys: each with its services, status, items and respondents (this
fiscal year and in all); editors see the button to create one."""

from __future__ import annotations

from datetime import date

from tests.web.test_survey_world import SERVICES, SURVEY_TITLE, SurveyTestCase, answer, make_survey


class SurveysTestCase(SurveyTestCase):
    def test_it_works(self):
        answer(self.survey, 5)
        answer(self.survey, 4)
        answer(self.survey, 3, day=date(2024, 3, 1))  # an earlier fiscal year
        closed = make_survey(self.agency, self.owner, title="แบบสำรวจที่ยังไม่เปิด", services=["งานช่าง"], is_open=False)
        self.login(self.member)
        response = self.client.get(self.a_url("surveys/"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, SURVEY_TITLE)
        self.assertContains(response, ", ".join(SERVICES))
        self.assertContains(response, "เปิดรับคำตอบ")
        self.assertContains(response, closed.title)
        self.assertContains(response, "ปิดรับคำตอบ")
        rows = {s.pk: s for s in response.context["rows"]}
        self.assertEqual((rows[self.survey.pk].this_year, rows[self.survey.pk].answers), (2, 3))
        self.assertEqual(rows[self.survey.pk].items_now, 18)
        self.assertEqual((rows[closed.pk].this_year, rows[closed.pk].answers), (0, 0))
        self.assertContains(response, f'href="{self.a_url("surveys/new/")}"')
        self.assertContains(response, f"/p/{self.agency.pk}/survey/results/")
        self.assertNotContains(response, self.b_survey.title)

    def test_an_agency_without_surveys(self):
        self.login(self.stranger)
        self.b_survey.delete()
        response = self.client.get(f"/a/{self.other.pk}/surveys/")
        self.assertContains(response, "ยังไม่มีแบบสำรวจ")
        self.assertContains(response, "สร้างแบบสำรวจ")

    def test_viewers_and_supervisors_read(self):
        for user in (self.viewer, self.supervisor):
            self.login(user)
            response = self.client.get(self.a_url("surveys/"))
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, SURVEY_TITLE)
            self.assertNotContains(response, f'href="{self.a_url("surveys/new/")}"')
            self.assertEqual(self.client.post(self.a_url("surveys/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("surveys/")).status_code, 404)
        response = self.client.get(f"/a/{self.other.pk}/surveys/")
        self.assertNotContains(response, SURVEY_TITLE)
        self.client.logout()
        self.assertEqual(self.client.get(self.a_url("surveys/")).status_code, 302)  # to the login page
