from tests.web.base import BaseTestCase


class LogoutTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.owner)
        r = self.client.post("/logout/")
        self.assertRedirects(r, "/login/", fetch_redirect_response=False)
        self.assertEqual(self.client.get(self.a_url()).status_code, 302)

    def test_it_rejects_get(self):
        self.login(self.owner)
        self.assertEqual(self.client.get("/logout/").status_code, 405)

    def test_an_htmx_request_after_the_session_ended_goes_to_the_login_page(self):
        r = self.client.get(self.a_url(f"measures/{self.measure.pk}/edit/"), HTTP_HX_REQUEST="true")
        self.assertEqual(r.status_code, 204)
        self.assertTrue(r["HX-Redirect"].startswith("/login/?next="))
