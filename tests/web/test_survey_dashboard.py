"""The figures the dashboard shows (prongsai.web.surveys.summary.for_dashboard): respondents this
fiscal year and the overall satisfaction, flagged when nothing is open or the level is below มาก."""

from __future__ import annotations

from datetime import date

from prongsai.web.agencies.access import access_for
from prongsai.web.surveys import actions
from prongsai.web.surveys.summary import for_dashboard
from tests.web.test_survey_world import SurveyTestCase, answer


class SurveyDashboardTestCase(SurveyTestCase):
    def cards(self, user=None, agency=None):
        return for_dashboard(access_for(user or self.owner, (agency or self.agency).pk))

    def test_it_works(self):
        answer(self.survey, 5)
        answer(self.survey, 4)
        answer(self.survey, 1, day=date(2024, 3, 1))  # an earlier year: not counted
        respondents, overall = self.cards()
        self.assertEqual(set(respondents), {"title", "value", "note", "href", "bad"})
        self.assertEqual(respondents["value"], "2 คน")
        self.assertIn("เปิดรับคำตอบ 1 จาก 1 แบบสำรวจ", respondents["note"])
        self.assertIn("ผลอาจคลาดเคลื่อน", respondents["note"])
        self.assertEqual(respondents["href"], f"/a/{self.agency.pk}/surveys/")
        self.assertFalse(respondents["bad"])
        self.assertEqual(overall["value"], "4.50 มาก")
        self.assertEqual(overall["note"], "ร้อยละที่พึงพอใจ 100.00")
        self.assertFalse(overall["bad"])

    def test_what_is_flagged(self):
        answer(self.survey, 2)
        actions.set_open(self.owner, self.survey, False)
        respondents, overall = self.cards(self.viewer)
        self.assertTrue(respondents["bad"])
        self.assertIn("ไม่มีแบบสำรวจที่เปิดรับคำตอบ", respondents["note"])
        self.assertEqual(overall["value"], "2.00 น้อย")
        self.assertTrue(overall["bad"])

    def test_no_answers_and_no_surveys(self):
        respondents, overall = self.cards()
        self.assertEqual(respondents["value"], "0 คน")
        self.assertTrue(respondents["bad"])
        self.assertEqual(overall["value"], "–")
        self.assertTrue(overall["bad"])
        self.survey.delete()
        (only,) = self.cards()
        self.assertEqual(only["value"], "ยังไม่มี")
        self.assertTrue(only["bad"])

    def test_it_checks_ownership(self):
        answer(self.survey, 5)
        answer(self.b_survey, 1)
        respondents, overall = self.cards(self.stranger, self.other)
        self.assertEqual(respondents["value"], "1 คน")
        self.assertEqual(overall["value"], "1.00 น้อยที่สุด")
        self.assertEqual(respondents["href"], f"/a/{self.other.pk}/surveys/")
