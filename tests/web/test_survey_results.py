"""A survey's results for the staff, for a period of the fiscal year (?period=2570, 2570-h1,
2570-q3): the figures by section and item, by service, the respondents' profile, the comments,
and the downloads for the same period."""

from __future__ import annotations

from datetime import date

from prongsai.services.surveys import fiscal_year_period
from prongsai.thai import fiscal_year_of
from tests.web.test_survey_world import SurveyTestCase, answer


class SurveyResultsTestCase(SurveyTestCase):
    url = property(lambda self: self.s_url("results/"))

    def test_it_works(self):
        year = fiscal_year_of(date.today())
        start = fiscal_year_period(year).start
        answer(self.survey, 5, day=start, comment="บริการรวดเร็วมาก", gender="female", age_band="40-59")
        answer(self.survey, {"process": 2, "staff": None}, service=self.registry, day=start, comment="รอนานเกินไป")
        answer(self.survey, 3, day=start.replace(year=start.year + 1, month=5))  # second half
        self.login(self.viewer)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        s = response.context["s"]
        self.assertEqual(s.respondents, 3)
        # process: 5×4, 2×4, 3×4 = 40/12 → 3.33; staff: 5×4 and 3×4 (the N/A left out) → 4.00
        self.assertEqual(str(s.overall.by_key["process"].tally.mean), "3.33")
        self.assertEqual(str(s.overall.by_key["staff"].tally.mean), "4.00")
        self.assertContains(response, "3.33")
        self.assertContains(response, "บริการรวดเร็วมาก")
        self.assertContains(response, "รอนานเกินไป")
        self.assertContains(response, "ข้อเสนอแนะ (2)")
        self.assertContains(response, "ผู้ตอบน้อยกว่า 30 คน ผลอาจคลาดเคลื่อน")
        self.assertContains(response, "ช่วงอายุ")
        self.assertContains(response, f"report.docx?period={year}")
        self.assertContains(response, f"answers.xlsx?period={year}")
        self.assertContains(response, f'<option value="{year}-h1">')
        first_half = self.client.get(self.url + f"?period={year}-h1")
        self.assertEqual(first_half.context["s"].respondents, 2)
        self.assertContains(first_half, f"report.pdf?period={year}-h1")
        self.assertEqual(self.client.get(self.url + f"?period={year}-q3").context["s"].respondents, 1)

    def test_an_earlier_year_and_an_empty_period(self):
        answer(self.survey, 4, day=date(2024, 3, 1))
        self.login(self.owner)
        self.assertEqual(self.client.get(self.url + "?period=2567").context["s"].respondents, 1)
        self.assertContains(self.client.get(self.url + "?period=2567-h2"), "ยังไม่มีผู้ตอบแบบสำรวจในช่วงเวลานี้")

    def test_bad_periods_are_404(self):
        self.login(self.owner)
        for bad in ("2569-q9", "abc", "2500", "2567"):  # 2567: no answers that year
            self.assertEqual(self.client.get(self.url + f"?period={bad}").status_code, 404, bad)

    def test_supervisors_read(self):
        answer(self.survey, 4)
        self.login(self.supervisor)
        self.assertEqual(self.client.get(self.url).status_code, 200)
        self.assertEqual(self.client.post(self.url).status_code, 405)

    def test_it_checks_ownership(self):
        answer(self.b_survey, 1, comment="ความเห็นของหน่วยงานบี")
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.get(self.s_url("results/", agency=self.other)).status_code, 404)
        self.login(self.owner)
        response = self.client.get(self.s_url("results/", survey=self.b_survey))
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(self.client.get(self.url), "ความเห็นของหน่วยงานบี")
