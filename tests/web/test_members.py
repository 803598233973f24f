from django.contrib.auth.models import User

from prongsai.web.agencies.models import Membership
from tests.web.base import BaseTestCase


class MembersTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.owner)
        r = self.client.post(self.a_url("members/"), {"username": "somchai.k", "full_name": "สมชาย ใจดี",
                                                       "role": "editor", "unit": self.finance.pk})
        self.assertRedirects(r, self.a_url("members/"), fetch_redirect_response=False)
        user = User.objects.get(username="somchai.k")
        self.assertEqual(user.first_name, "สมชาย")
        member = Membership.objects.get(user=user, agency=self.agency)
        self.assertEqual((member.role, member.unit), ("editor", self.finance))
        # the generated password is shown once
        page = self.client.get(self.a_url("members/")).content.decode()
        password = page.split('<span class="secret">')[2].split("<")[0]
        self.assertTrue(user.check_password(password))
        self.assertNotIn(password, self.client.get(self.a_url("members/")).content.decode())

    def test_it_adds_an_existing_account(self):
        self.login(self.owner)
        self.client.post(self.a_url("members/"), {"username": "CHARLIE", "role": "viewer"})
        self.assertTrue(Membership.objects.filter(user=self.stranger, agency=self.agency, role="viewer").exists())

    def test_it_rejects_bad_input(self):
        self.login(self.owner)
        r = self.client.post(self.a_url("members/"), {"username": "มีช่องว่าง ไทย", "role": "boss"})
        self.assertContains(r, 'id="id_username_error"')
        self.assertContains(r, 'id="id_role_error"')
        r = self.client.post(self.a_url("members/"), {"username": "bob", "role": "viewer"})
        self.assertContains(r, "เป็นสมาชิกของหน่วยงานอยู่แล้ว")
        r = self.client.post(self.a_url("members/"), {"username": "newbie", "role": "editor",
                                                       "unit": self.other.units.first().pk})
        self.assertContains(r, 'id="id_unit_error"')
        self.assertFalse(User.objects.filter(username="newbie").exists())

    def test_it_needs_the_admin_role(self):
        self.login(self.member)
        self.assertEqual(self.client.get(self.a_url("members/")).status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("members/")).status_code, 404)
        self.assertEqual(self.client.post(self.a_url("members/"), {"username": "intruder", "role": "admin"}).status_code,
                         404)
        self.assertFalse(User.objects.filter(username="intruder").exists())
