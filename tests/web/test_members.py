from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from prongsai.web.agencies.models import Invitation, Membership
from prongsai.web.audit.models import AuditEntry
from tests.web.base import PASSWORD, BaseTestCase


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

    def test_an_existing_account_is_invited_not_added(self):
        """Another agency's account joins only when its owner accepts (issue 9 item 7)."""
        self.login(self.owner)
        r = self.client.post(self.a_url("members/"), {"username": "CHARLIE", "role": "viewer",
                                                       "unit": self.finance.pk}, follow=True)
        self.assertFalse(Membership.objects.filter(user=self.stranger, agency=self.agency).exists())
        invitation = Invitation.objects.get(user=self.stranger, agency=self.agency)
        self.assertEqual((invitation.status, invitation.role, invitation.unit, invitation.invited_by),
                         ("pending", "viewer", self.finance, self.owner))
        self.assertAlmostEqual((invitation.expires_at - invitation.created_at).days, 14, delta=1)
        self.assertContains(r, "ส่งคำเชิญ")
        # the inviting agency sees the pending invitation and may withdraw it, but learns nothing
        # else about the account: not its name and not the agencies it works in
        self.assertContains(r, "รอการตอบรับ")
        self.assertContains(r, self.a_url(f"invitations/{invitation.pk}/withdraw/"))
        self.assertNotContains(r, self.other.name)
        self.assertNotContains(r, self.stranger.get_full_name())
        self.assertNotContains(r, 'class="secret"')  # no password made or shown for an existing account
        self.assertTrue(User.objects.get(pk=self.stranger.pk).check_password(PASSWORD))
        entry = AuditEntry.objects.get(agency=self.agency, object_type="คำเชิญเข้าร่วมหน่วยงาน")
        self.assertEqual(entry.action, "create")
        self.assertIn("charlie", entry.summary)

    def test_an_invitation_keeps_the_accounts_own_agency_able_to_reset_its_password(self):
        self.login(self.owner)
        self.client.post(self.a_url("members/"), {"username": "charlie", "role": "admin"})
        own = Membership.objects.get(user=self.stranger, agency=self.other)
        self.login(self.stranger)
        r = self.client.post(f"/a/{self.other.pk}/members/{own.pk}/password/")
        self.assertRedirects(r, f"/a/{self.other.pk}/members/", fetch_redirect_response=False)
        self.assertFalse(User.objects.get(pk=self.stranger.pk).check_password(PASSWORD))

    def test_a_second_invitation_while_one_is_open_is_refused(self):
        self.login(self.owner)
        self.client.post(self.a_url("members/"), {"username": "charlie", "role": "viewer"})
        r = self.client.post(self.a_url("members/"), {"username": "charlie", "role": "admin"})
        self.assertContains(r, "มีคำเชิญที่รอการตอบรับอยู่แล้ว")
        self.assertEqual(Invitation.objects.filter(user=self.stranger, agency=self.agency).count(), 1)

    def test_an_expired_invitation_can_be_sent_again(self):
        self.login(self.owner)
        self.client.post(self.a_url("members/"), {"username": "charlie", "role": "viewer"})
        Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
        r = self.client.get(self.a_url("members/"))
        self.assertNotContains(r, "รอการตอบรับ")  # an expired invitation is no longer listed as open
        self.client.post(self.a_url("members/"), {"username": "charlie", "role": "editor"})
        self.assertEqual(sorted(Invitation.objects.values_list("status", "role")),
                         [("expired", "viewer"), ("pending", "editor")])

    def test_another_agencys_invitations_are_not_shown(self):
        from prongsai.web.agencies import invitations

        invitations.send(self.stranger, self.other, self.viewer, "admin", None)
        self.login(self.owner)
        r = self.client.get(self.a_url("members/"))
        self.assertNotContains(r, "รอการตอบรับ")
        self.assertNotContains(r, self.other.name)

    def test_an_editor_cannot_invite(self):
        self.login(self.member)
        r = self.client.post(self.a_url("members/"), {"username": "charlie", "role": "admin"})
        self.assertEqual(r.status_code, 403)
        self.assertFalse(Invitation.objects.exists())

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
        # nor may it invite someone into an agency it does not administer
        self.assertEqual(self.client.post(self.a_url("members/"), {"username": "vera", "role": "admin"}).status_code,
                         404)
        self.assertFalse(Invitation.objects.exists())
