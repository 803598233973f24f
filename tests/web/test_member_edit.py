from prongsai.web.agencies.models import Membership
from tests.web.base import BaseTestCase


class MemberEditTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.owner)
        member = Membership.objects.get(user=self.viewer, agency=self.agency)
        self.assertContains(self.client.get(self.a_url(f"members/{member.pk}/edit/")), "vera")
        r = self.client.post(self.a_url(f"members/{member.pk}/edit/"), {"role": "editor", "unit": self.finance.pk})
        self.assertEqual(r.status_code, 302)
        member.refresh_from_db()
        self.assertEqual((member.role, member.unit), ("editor", self.finance))

    def test_it_rejects_bad_input(self):
        self.login(self.owner)
        me = Membership.objects.get(user=self.owner, agency=self.agency)
        r = self.client.post(self.a_url(f"members/{me.pk}/edit/"), {"role": "viewer"})
        self.assertContains(r, "ผู้ดูแลอย่างน้อยหนึ่งคน")
        r = self.client.post(self.a_url(f"members/{me.pk}/edit/"), {"role": "god", "unit": "x"})
        self.assertContains(r, 'id="id_role_error"')
        self.assertContains(r, 'id="id_unit_error"')
        self.assertEqual(Membership.objects.get(pk=me.pk).role, "admin")

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        member = Membership.objects.get(user=self.viewer, agency=self.agency)
        self.assertEqual(self.client.get(self.a_url(f"members/{member.pk}/edit/")).status_code, 404)
        r = self.client.post(f"/a/{self.other.pk}/members/{member.pk}/edit/", {"role": "admin"})
        self.assertEqual(r.status_code, 404)
        self.assertEqual(Membership.objects.get(pk=member.pk).role, "viewer")

    def test_it_explains_why_a_password_cannot_be_reset(self):
        """A password is reset only by the one agency an account belongs to; the page says why not."""
        from tests.web.base import PASSWORD

        shared = Membership.objects.create(user=self.stranger, agency=self.agency, role="viewer")
        url = self.a_url(f"members/{shared.pk}/edit/")
        self.login(self.owner)
        r = self.client.get(url)
        self.assertNotContains(r, f"members/{shared.pk}/password/")
        self.assertContains(r, "ใช้งานในหน่วยงานอื่นด้วย")
        self.assertContains(r, "ผู้ดูแลระบบ")
        supervised = Membership.objects.get(user=self.viewer, agency=self.agency)
        from prongsai.web.agencies.models import SupervisorScope

        SupervisorScope.objects.create(user=self.viewer, province="เชียงใหม่")
        self.assertContains(self.client.get(self.a_url(f"members/{supervised.pk}/edit/")), "ผู้กำกับดูแล")
        # the system administrator, whom the note names, can do it
        self.login(self.admin)
        self.assertContains(self.client.get(url), f"members/{shared.pk}/password/")
        self.client.post(self.a_url(f"members/{shared.pk}/password/"))
        self.stranger.refresh_from_db()
        self.assertFalse(self.stranger.check_password(PASSWORD))
