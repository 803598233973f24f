from prongsai.web.agencies import invitations
from prongsai.web.agencies.models import Invitation
from prongsai.web.audit.models import AuditEntry
from tests.web.base import BaseTestCase


class InvitationWithdrawTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.invitation = invitations.send(self.owner, self.agency, self.stranger, "viewer", None)
        self.url = self.a_url(f"invitations/{self.invitation.pk}/withdraw/")

    def test_it_works(self):
        self.login(self.owner)
        r = self.client.post(self.url, follow=True)
        self.assertRedirects(r, self.a_url("members/"))
        self.assertContains(r, "ยกเลิกคำเชิญ")
        self.invitation.refresh_from_db()
        self.assertEqual(self.invitation.status, "withdrawn")
        entry = AuditEntry.objects.filter(agency=self.agency, object_type="คำเชิญเข้าร่วมหน่วยงาน").first()
        self.assertEqual(entry.changes["สถานะ"], ["รอการตอบรับ", "ยกเลิกแล้ว"])
        # the invitee no longer sees it and can no longer accept it
        self.login(self.stranger)
        self.assertNotContains(self.client.get("/invitations/"), self.agency.name)
        self.client.post(f"/invitations/{self.invitation.pk}/accept/")
        self.assertFalse(self.stranger.memberships.filter(agency=self.agency).exists())

    def test_an_answered_invitation_stays_answered(self):
        invitations.accept(self.stranger, self.invitation)
        self.login(self.owner)
        r = self.client.post(self.url, follow=True)
        self.assertContains(r, "ตอบรับคำเชิญนี้แล้ว")
        self.assertEqual(Invitation.objects.get(pk=self.invitation.pk).status, "accepted")

    def test_it_rejects_get(self):
        self.login(self.owner)
        self.assertEqual(self.client.get(self.url).status_code, 405)

    def test_it_needs_the_admin_role(self):
        for user in (self.member, self.viewer, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.post(self.url).status_code, 403)
        self.assertEqual(Invitation.objects.get(pk=self.invitation.pk).status, "pending")

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.post(self.url).status_code, 404)
        self.assertEqual(self.client.post(f"/a/{self.other.pk}/invitations/{self.invitation.pk}/withdraw/").status_code,
                         404)
        self.assertEqual(Invitation.objects.get(pk=self.invitation.pk).status, "pending")
