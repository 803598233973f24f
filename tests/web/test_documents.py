from tests.web.base import BaseTestCase


class DocumentsTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.viewer)
        r = self.client.get(self.a_url("documents/"))
        self.assertContains(r, "รายงานการวิเคราะห์ผลการประเมิน ITA")
        self.assertContains(r, "documents/plan.pdf")
        self.assertContains(r, f"plan={self.plan.pk}")

    def test_it_rejects_bad_choices(self):
        self.login(self.viewer)
        self.assertEqual(self.client.get(self.a_url("documents/"), {"year": 2570}).status_code, 404)
        self.assertEqual(self.client.get(self.a_url("documents/"), {"plan": self.b["plan"].pk}).status_code, 404)

    def test_it_rejects_post(self):
        self.login(self.viewer)
        self.assertEqual(self.client.post(self.a_url("documents/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("documents/")).status_code, 404)
