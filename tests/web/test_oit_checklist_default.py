from tests.web.base import BaseTestCase


class OitChecklistDefaultTestCase(BaseTestCase):
    def test_it_works(self):
        from prongsai.web.oit.views import default_year

        self.login(self.viewer)
        self.assertRedirects(self.client.get(self.a_url("oit/")), self.a_url(f"oit/{default_year()}/"),
                             fetch_redirect_response=False)
        self.assertRedirects(self.client.get(self.a_url("oit/"), {"year": 2566}), self.a_url("oit/2566/"),
                             fetch_redirect_response=False)

    def test_it_rejects_post(self):
        self.login(self.member)
        self.assertEqual(self.client.post(self.a_url("oit/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("oit/")).status_code, 404)
