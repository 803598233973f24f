from datetime import timedelta

from django.utils import timezone

from prongsai.web.agencies import invitations
from prongsai.web.agencies.models import Invitation
from tests.web.base import BaseTestCase


class InvitationsTestCase(BaseTestCase):
    def test_it_works(self):
        invitation = invitations.send(self.owner, self.agency, self.stranger, "editor", self.finance)
        self.login(self.stranger)
        r = self.client.get("/invitations/")
        self.assertContains(r, "คำเชิญเข้าร่วมหน่วยงาน")
        self.assertContains(r, self.agency.name)
        self.assertContains(r, "ผู้บันทึก")
        self.assertContains(r, self.finance.name)
        self.assertContains(r, self.owner.get_full_name())  # who invited
        self.assertContains(r, f"/invitations/{invitation.pk}/accept/")
        self.assertContains(r, f"/invitations/{invitation.pk}/decline/")
        # the consequence for the account is explained before it says yes
        self.assertContains(r, "ตั้งรหัสผ่านใหม่ให้ท่านไม่ได้")

    def test_it_lists_only_open_invitations(self):
        expired = invitations.send(self.owner, self.agency, self.stranger, "viewer", None)
        Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
        self.login(self.stranger)
        r = self.client.get("/invitations/")
        self.assertNotContains(r, f"/invitations/{expired.pk}/accept/")
        self.assertContains(r, "ไม่มีคำเชิญที่รอการตอบรับ")

    def test_it_rejects_post(self):
        self.login(self.stranger)
        self.assertEqual(self.client.post("/invitations/").status_code, 405)

    def test_it_checks_ownership(self):
        """Another user's invitation is not shown, not even to the admin who sent it."""
        invitation = invitations.send(self.owner, self.agency, self.stranger, "viewer", None)
        for user in (self.owner, self.member, self.supervisor):
            self.login(user)
            r = self.client.get("/invitations/")
            self.assertEqual(r.status_code, 200)
            self.assertNotContains(r, f"/invitations/{invitation.pk}/")
            self.assertContains(r, "ไม่มีคำเชิญที่รอการตอบรับ")
