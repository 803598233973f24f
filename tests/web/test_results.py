from tests.web.base import BaseTestCase


class ResultsTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.member)
        r = self.client.get(self.a_url("results/"))
        self.assertContains(r, "2564")
        self.assertContains(r, "75.36")
        self.assertContains(r, "วางจากตาราง Excel")

    def test_viewers_see_no_entry_forms(self):
        self.login(self.viewer)
        r = self.client.get(self.a_url("results/"))
        self.assertContains(r, "75.36")
        self.assertNotContains(r, "วางจากตาราง Excel")

    def test_it_rejects_post(self):
        self.login(self.member)
        self.assertEqual(self.client.post(self.a_url("results/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("results/")).status_code, 404)
