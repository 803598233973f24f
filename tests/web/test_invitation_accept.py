from datetime import timedelta

from django.utils import timezone

from prongsai.web.agencies import invitations
from prongsai.web.agencies.models import Invitation, Membership
from prongsai.web.audit.models import AuditEntry
from tests.web.base import BaseTestCase


class InvitationAcceptTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.invitation = invitations.send(self.owner, self.agency, self.stranger, "editor", self.finance)
        self.url = f"/invitations/{self.invitation.pk}/accept/"

    def test_it_works(self):
        self.login(self.stranger)
        r = self.client.post(self.url, follow=True)
        self.assertRedirects(r, self.a_url())
        member = Membership.objects.get(user=self.stranger, agency=self.agency)
        self.assertEqual((member.role, member.unit), ("editor", self.finance))
        self.invitation.refresh_from_db()
        self.assertEqual(self.invitation.status, "accepted")
        self.assertIsNotNone(self.invitation.responded_at)
        self.assertContains(r, "เข้าร่วม")
        # both the answer and the new membership are in the agency's audit log, by the invitee
        entries = AuditEntry.objects.filter(agency=self.agency, user=self.stranger)
        self.assertEqual(sorted(entries.values_list("object_type", "action")),
                         [("คำเชิญเข้าร่วมหน่วยงาน", "update"), ("สมาชิก", "create")])
        # the account's own membership is untouched
        self.assertTrue(Membership.objects.filter(user=self.stranger, agency=self.other, role="admin").exists())

    def test_it_refuses_a_closed_invitation(self):
        self.login(self.stranger)
        Invitation.objects.filter(pk=self.invitation.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
        r = self.client.post(self.url, follow=True)
        self.assertContains(r, "คำเชิญนี้หมดอายุแล้ว")
        for status, text in (("withdrawn", "ยกเลิกคำเชิญนี้แล้ว"), ("declined", "ปฏิเสธคำเชิญนี้แล้ว")):
            Invitation.objects.filter(pk=self.invitation.pk).update(status=status, expires_at=timezone.now()
                                                                     + timedelta(days=1))
            self.assertContains(self.client.post(self.url, follow=True), text)
        self.assertFalse(Membership.objects.filter(user=self.stranger, agency=self.agency).exists())

    def test_it_accepts_once(self):
        self.login(self.stranger)
        self.client.post(self.url)
        r = self.client.post(self.url, follow=True)
        self.assertContains(r, "ตอบรับคำเชิญนี้แล้ว")
        self.assertEqual(Membership.objects.filter(user=self.stranger, agency=self.agency).count(), 1)
        self.assertEqual(AuditEntry.objects.filter(agency=self.agency, object_type="สมาชิก",
                                                   user=self.stranger).count(), 1)

    def test_it_rejects_get(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.url).status_code, 405)
        self.assertFalse(Membership.objects.filter(user=self.stranger, agency=self.agency).exists())

    def test_it_checks_ownership(self):
        """Only the invited account may accept: not the admin who sent it, not another agency's admin."""
        for user in (self.owner, self.member, self.supervisor, self.admin):
            self.login(user)
            self.assertEqual(self.client.post(self.url).status_code, 404, user.username)
            self.assertEqual(self.client.get(self.url).status_code, 404, user.username)
        self.invitation.refresh_from_db()
        self.assertEqual(self.invitation.status, "pending")
        self.assertFalse(Membership.objects.filter(user=self.stranger, agency=self.agency).exists())
