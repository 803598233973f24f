"""Sign-ins, failed sign-ins and sign-outs go into the audit log (no agency: a person signs in to
the system, not to one agency), through the login URL as a browser uses it."""

from __future__ import annotations

from django.core.cache import cache

from prongsai.web.audit.models import AuditEntry
from tests.web.base import PASSWORD, BaseTestCase

WRONG = "not-the-password-123"


class AuditSigninTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
        cache.clear()

    def newest(self, action: str) -> AuditEntry:
        return AuditEntry.objects.filter(action=action).order_by("-seq").first()

    def test_a_login_is_logged_with_the_address(self):
        r = self.client.post("/login/", {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="10.2.3.4")
        self.assertEqual(r.status_code, 302)
        entry = self.newest(AuditEntry.LOGIN)
        self.assertEqual((entry.user, entry.username, entry.agency, entry.address), (self.owner, "alice", None,
                                                                                  "10.2.3.4"))
        self.assertEqual(entry.get_action_display(), "เข้าสู่ระบบ")

    def test_a_failed_login_keeps_the_name_tried_and_never_the_password(self):
        r = self.client.post("/login/", {"username": "alice", "password": WRONG}, REMOTE_ADDR="10.9.9.9")
        self.assertEqual(r.status_code, 200)
        entry = self.newest(AuditEntry.LOGIN_FAILED)
        self.assertEqual((entry.username, entry.user, entry.agency, entry.address), ("alice", None, None, "10.9.9.9"))
        self.assertIn("alice", entry.summary)
        self.assertEqual(entry.get_action_display(), "เข้าสู่ระบบไม่สำเร็จ")
        for value in AuditEntry.objects.values_list("summary", "changes", "username", "object_id"):
            self.assertNotIn(WRONG, str(value))
        self.client.post("/login/", {"username": "nobody-here", "password": WRONG})
        self.assertEqual(self.newest(AuditEntry.LOGIN_FAILED).username, "nobody-here")

    def test_a_logout_is_logged(self):
        self.client.post("/login/", {"username": "bob", "password": PASSWORD})
        self.client.post("/logout/")
        entry = self.newest(AuditEntry.LOGOUT)
        self.assertEqual((entry.user, entry.agency), (self.member, None))
        self.assertEqual(entry.get_action_display(), "ออกจากระบบ")
        count = AuditEntry.objects.filter(action=AuditEntry.LOGOUT).count()
        self.client.post("/logout/")  # no session any more: nothing to log
        self.assertEqual(AuditEntry.objects.filter(action=AuditEntry.LOGOUT).count(), count)

    def test_sign_ins_stay_off_the_agency_pages_and_show_on_the_system_page(self):
        self.client.post("/login/", {"username": "bob", "password": WRONG})  # bob is a member of agency A
        for user, url in ((self.owner, self.a_url("audit/")), (self.stranger, f"/a/{self.other.pk}/audit/")):
            self.login(user)
            r = self.client.get(url)
            self.assertNotContains(r, "เข้าสู่ระบบด้วยชื่อ bob")
            self.assertNotContains(r, "เข้าสู่ระบบไม่สำเร็จ</span>")
        self.login(self.admin)
        r = self.client.get("/audit/", {"kind": "signin"})
        self.assertContains(r, "เข้าสู่ระบบด้วยชื่อ bob ไม่สำเร็จ")
