from prongsai.web.assessments.models import Result
from tests.web.base import BaseTestCase


class DashboardTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.viewer)
        r = self.client.get(self.a_url())
        self.assertEqual(r.status_code, 200)
        body = r.content.decode()
        for text in ("75.36", "B", "การป้องกันการทุจริต", "37.50", "ต่ำกว่าเกณฑ์", "O13", "เส้นเกณฑ์ 85",
                     "ตัวชี้วัดที่ต่ำสุดของแต่ละแบบวัด", "คุณภาพการดำเนินงาน"):
            self.assertIn(text, body)
        self.assertIn("ต่ำกว่าเกณฑ์ 85 อยู่ 9.64 คะแนน", body)

    def test_year_switch_and_unknown_years(self):
        self.login(self.owner)
        self.assertRedirects(self.client.get(self.a_url(), {"year": 2564}), self.a_url("analysis/2564/"),
                             fetch_redirect_response=False)
        self.assertEqual(self.client.get(self.a_url(), {"year": "x"}).status_code, 404)

    def test_an_agency_without_results_gets_the_first_steps(self):
        self.login(self.owner)
        Result.objects.filter(agency=self.agency).delete()
        self.assertContains(self.client.get(self.a_url()), "เริ่มที่ขั้นที่ 1")

    def test_it_rejects_post(self):
        self.login(self.owner)
        self.assertEqual(self.client.post(self.a_url()).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url()).status_code, 404)
