from tests.web.base import BaseTestCase

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ResultTemplateTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.viewer)
        r = self.client.get(self.a_url("results/template/"), {"year": 2567})
        self.assertEqual(r["Content-Type"], XLSX)
        self.assertIn("prongsai-ita-2567-form.xlsx", r["Content-Disposition"])
        self.assertTrue(r.content.startswith(b"PK"))

    def test_it_rejects_bad_input(self):
        self.login(self.viewer)
        self.assertEqual(self.client.get(self.a_url("results/template/"), {"year": 2400}).status_code, 404)
        self.assertEqual(self.client.get(self.a_url("results/template/"), {"year": "x"}).status_code, 404)

    def test_it_rejects_post(self):
        self.login(self.member)
        self.assertEqual(self.client.post(self.a_url("results/template/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("results/template/")).status_code, 404)
