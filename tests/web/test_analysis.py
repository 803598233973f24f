from prongsai.ita.results import YearResult
from prongsai.web.assessments.models import Result
from tests.web.base import BaseTestCase


class AnalysisTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.supervisor)
        r = self.client.get(self.a_url("analysis/2564/"))
        self.assertContains(r, "ผลการประเมิน ITA ปีงบประมาณ 2564")
        self.assertContains(r, "75.36")

    def test_the_year_over_year_trend(self):
        self.login(self.owner)
        earlier = Result(agency=self.agency)
        earlier.set_year_result(YearResult(2563, indicators={n: 70.0 for n in range(1, 11)}))
        earlier.save()
        r = self.client.get(self.a_url("analysis/2564/"))
        self.assertContains(r, "แนวโน้มรายปี")
        self.assertContains(r, "จากปี 2563")
        self.assertContains(r, "<svg", html=False)
        self.assertContains(r, "+5.36")

    def test_an_undetermined_level_lists_the_possible_ones(self):
        self.login(self.owner)
        row = Result(agency=self.agency)
        row.set_year_result(YearResult(2567, total=90.0))
        row.save()
        r = self.client.get(self.a_url("analysis/2567/"))
        self.assertContains(r, "ยังระบุไม่ได้")
        self.assertContains(r, "ผ่านดี / ผ่าน")

    def test_it_shows_mismatched_published_figures(self):
        self.login(self.owner)
        self.result.published_total = 80.0
        self.result.save()
        self.assertContains(self.client.get(self.a_url()), "ไม่ตรงกับที่คำนวณได้")

    def test_an_unknown_year(self):
        self.login(self.owner)
        self.assertEqual(self.client.get(self.a_url("analysis/2566/")).status_code, 404)

    def test_it_rejects_post(self):
        self.login(self.owner)
        self.assertEqual(self.client.post(self.a_url("analysis/2564/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("analysis/2564/")).status_code, 404)
