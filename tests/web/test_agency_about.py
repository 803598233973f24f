from tests.web.base import BaseTestCase


class AgencyAboutTestCase(BaseTestCase):
    def test_it_works(self):
        for user in (self.viewer, self.supervisor, self.member):
            self.login(user)
            r = self.client.get(self.a_url("about/"))
            self.assertContains(r, "กองคลัง")
            self.assertContains(r, self.agency.name)

    def test_it_rejects_post(self):
        self.login(self.viewer)
        self.assertEqual(self.client.post(self.a_url("about/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("about/")).status_code, 404)
