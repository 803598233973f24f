from django.contrib.auth.models import User

from prongsai.web.agencies.models import Membership
from tests.web.base import BaseTestCase


class MemberDeleteTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.owner)
        member = Membership.objects.get(user=self.viewer, agency=self.agency)
        self.client.post(self.a_url(f"members/{member.pk}/delete/"))
        self.assertFalse(Membership.objects.filter(pk=member.pk).exists())
        self.assertTrue(User.objects.filter(pk=self.viewer.pk).exists())  # the account stays

    def test_the_last_admin_stays(self):
        self.login(self.owner)
        me = Membership.objects.get(user=self.owner, agency=self.agency)
        r = self.client.post(self.a_url(f"members/{me.pk}/delete/"), follow=True)
        self.assertContains(r, "ผู้ดูแลอย่างน้อยหนึ่งคน")
        self.assertTrue(Membership.objects.filter(pk=me.pk).exists())

    def test_it_rejects_get(self):
        self.login(self.owner)
        member = Membership.objects.get(user=self.viewer, agency=self.agency)
        self.assertEqual(self.client.get(self.a_url(f"members/{member.pk}/delete/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        member = Membership.objects.get(user=self.viewer, agency=self.agency)
        self.assertEqual(self.client.post(self.a_url(f"members/{member.pk}/delete/")).status_code, 404)
        self.assertEqual(self.client.post(f"/a/{self.other.pk}/members/{member.pk}/delete/").status_code, 404)
        self.assertTrue(Membership.objects.filter(pk=member.pk).exists())
