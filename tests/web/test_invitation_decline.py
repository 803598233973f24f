from prongsai.web.agencies import invitations
from prongsai.web.agencies.models import Membership
from prongsai.web.audit.models import AuditEntry
from tests.web.base import BaseTestCase


class InvitationDeclineTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        self.invitation = invitations.send(self.owner, self.agency, self.stranger, "admin", None)
        self.url = f"/invitations/{self.invitation.pk}/decline/"

    def test_it_works(self):
        self.login(self.stranger)
        r = self.client.post(self.url, follow=True)
        self.assertRedirects(r, "/invitations/")
        self.assertContains(r, "ปฏิเสธคำเชิญ")
        self.invitation.refresh_from_db()
        self.assertEqual(self.invitation.status, "declined")
        self.assertFalse(Membership.objects.filter(user=self.stranger, agency=self.agency).exists())
        entry = AuditEntry.objects.get(agency=self.agency, user=self.stranger)
        self.assertEqual(entry.changes["สถานะ"], ["รอการตอบรับ", "ปฏิเสธแล้ว"])
        # a declined invitation cannot be accepted afterwards
        self.client.post(f"/invitations/{self.invitation.pk}/accept/")
        self.assertFalse(Membership.objects.filter(user=self.stranger, agency=self.agency).exists())

    def test_it_rejects_get(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.url).status_code, 405)

    def test_it_checks_ownership(self):
        for user in (self.owner, self.viewer, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.post(self.url).status_code, 404)
        self.invitation.refresh_from_db()
        self.assertEqual(self.invitation.status, "pending")
