"""The public summary for the fiscal year: respondents, mean and share satisfied per section and
item and per service, a caution below 30 respondents, other years by ?year=; nothing of another
agency, no comments (they are the staff's to read), no cookie."""

from __future__ import annotations

from datetime import date

from prongsai.thai import fiscal_year_of
from tests.web.public_helpers import assert_private
from tests.web.test_survey_world import SurveyTestCase, answer, make_survey


class PublicSurveyResultsTestCase(SurveyTestCase):
    def url(self, agency=None, query: str = "") -> str:
        return self.p_url("results/", agency) + query

    def test_it_works(self):
        answer(self.survey, 5, comment="ความเห็นส่วนตัวที่ไม่เผยแพร่")
        answer(self.survey, 4, service=self.registry)
        answer(self.survey, {"facilities": 2, "staff": None}, service=self.registry)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        assert_private(self, response)
        year = fiscal_year_of(date.today())
        self.assertContains(response, f"ผลการสำรวจความพึงพอใจการให้บริการ ปีงบประมาณ {year}")
        self.assertContains(response, self.survey.title)
        self.assertContains(response, "ผู้ตอบน้อยกว่า 30 คน ผลอาจคลาดเคลื่อน")
        s = response.context["summaries"][0][1]
        self.assertEqual(s.respondents, 3)
        # process: 5 5 5 5 | 4 4 4 4 | 4 4 4 4 → 52/12 = 4.33; facilities: 5×4, 4×4, 2×4 → 44/12 = 3.67
        self.assertEqual(str(s.overall.by_key["process"].tally.mean), "4.33")
        self.assertEqual(str(s.overall.by_key["facilities"].tally.mean), "3.67")
        self.assertEqual(str(s.overall.by_key["staff"].tally.mean), "4.50")  # the N/A answer left out
        self.assertContains(response, "4.33")
        self.assertContains(response, "ด้านสิ่งอำนวยความสะดวก")
        self.assertContains(response, "ดูผลรายข้อ")
        self.assertContains(response, "จำแนกตามงานบริการ")
        self.assertContains(response, "4.51–5.00 มากที่สุด")
        self.assertContains(response, "ร่วมตอบแบบสำรวจ")
        self.assertNotContains(response, "ความเห็นส่วนตัวที่ไม่เผยแพร่")

    def test_thirty_respondents_need_no_caution(self):
        for _ in range(30):
            answer(self.survey, 4)
        self.assertNotContains(self.client.get(self.url()), "ผลอาจคลาดเคลื่อน")

    def test_other_years(self):
        answer(self.survey, 2, day=date(2024, 3, 1))  # FY2567
        response = self.client.get(self.url(query="?year=2567"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "ปีงบประมาณ 2567")
        self.assertEqual(response.context["summaries"][0][1].respondents, 1)
        self.assertContains(response, 'href="?year=2567"')
        current = self.client.get(self.url())
        self.assertEqual(current.context["summaries"][0][1].respondents, 0)
        self.assertContains(current, "ยังไม่มีผู้ตอบแบบสำรวจนี้")
        for bad in ("?year=2400", "?year=abc", "?year=2566"):
            self.assertEqual(self.client.get(self.url(query=bad)).status_code, 404, bad)

    def test_a_closed_survey_with_answers_still_shows_and_one_without_does_not(self):
        closed = make_survey(self.agency, self.owner, title="แบบสำรวจที่ปิดแล้วไม่มีผู้ตอบ", is_open=False)
        answered = make_survey(self.agency, self.owner, title="แบบสำรวจที่ปิดแล้วมีผู้ตอบ", is_open=False)
        answer(answered, 5)
        response = self.client.get(self.url())
        self.assertNotContains(response, closed.title)
        self.assertContains(response, answered.title)

    def test_no_surveys_at_all(self):
        from prongsai.web.agencies.models import Agency

        empty = Agency.objects.create(name="องค์การบริหารส่วนตำบลว่างเปล่า")
        response = self.client.get(self.url(empty))
        self.assertContains(response, "ยังไม่มีผลการสำรวจความพึงพอใจ")
        self.assertNotContains(response, "ร่วมตอบแบบสำรวจ")

    def test_it_checks_ownership(self):
        answer(self.survey, 5)
        content = self.client.get(self.url(self.other)).content.decode()
        self.assertNotIn(self.survey.title, content)
        self.assertIn(self.b_survey.title, content)
        self.assertEqual(self.client.get("/p/999999/survey/results/").status_code, 404)
        self.assertEqual(self.client.post(self.url()).status_code, 405)
