from django.contrib.auth.models import User

from prongsai.web.agencies.models import Membership
from tests.web.base import PASSWORD, BaseTestCase


class MemberPasswordTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.owner)
        member = Membership.objects.get(user=self.viewer, agency=self.agency)
        old = User.objects.get(pk=self.viewer.pk).password
        r = self.client.post(self.a_url(f"members/{member.pk}/password/"))
        self.assertRedirects(r, self.a_url("members/"), fetch_redirect_response=False)
        self.assertNotEqual(User.objects.get(pk=self.viewer.pk).password, old)
        self.assertContains(self.client.get(self.a_url("members/")), "class=\"secret\"")

    def test_it_refuses_accounts_shared_with_another_agency(self):
        self.login(self.owner)
        shared = Membership.objects.create(user=self.stranger, agency=self.agency, role="viewer")
        old = User.objects.get(pk=self.stranger.pk).password
        r = self.client.post(self.a_url(f"members/{shared.pk}/password/"), follow=True)
        self.assertContains(r, "ใช้งานในหน่วยงานอื่นด้วย")
        self.assertEqual(User.objects.get(pk=self.stranger.pk).password, old)

    def test_it_rejects_get(self):
        self.login(self.owner)
        member = Membership.objects.get(user=self.viewer, agency=self.agency)
        self.assertEqual(self.client.get(self.a_url(f"members/{member.pk}/password/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        member = Membership.objects.get(user=self.viewer, agency=self.agency)
        old = User.objects.get(pk=self.viewer.pk).password
        self.assertEqual(self.client.post(self.a_url(f"members/{member.pk}/password/")).status_code, 404)
        self.assertEqual(self.client.post(f"/a/{self.other.pk}/members/{member.pk}/password/").status_code, 404)
        self.assertEqual(User.objects.get(pk=self.viewer.pk).password, old)

    def test_a_new_password_ends_a_login_pause(self):
        from django.test import Client

        for _ in range(5):
            Client().post("/login/", {"username": "vera", "password": "wrong-password"}, REMOTE_ADDR="192.0.2.8")
        self.assertEqual(Client().post("/login/", {"username": "vera", "password": PASSWORD},
                                       REMOTE_ADDR="192.0.2.8").status_code, 429)
        self.login(self.owner)
        member = Membership.objects.get(user=self.viewer, agency=self.agency)
        self.client.post(self.a_url(f"members/{member.pk}/password/"))
        password = self.client.session["prongsai-new-password"]["password"]
        r = Client().post("/login/", {"username": "vera", "password": password}, REMOTE_ADDR="192.0.2.8")
        self.assertEqual(r.status_code, 302)
