from prongsai.web.audit.models import AuditEntry
from tests.web.base import PASSWORD, BaseTestCase


class PasswordChangeTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.member)
        r = self.client.post("/password/", {"old_password": PASSWORD, "new_password1": "a-much-better-pass-42",
                                            "new_password2": "a-much-better-pass-42"})
        self.assertRedirects(r, "/", fetch_redirect_response=False)
        self.assertTrue(AuditEntry.objects.filter(summary__contains="เปลี่ยนรหัสผ่านของ bob").exists())

    def test_it_rejects_bad_input(self):
        self.login(self.member)
        r = self.client.post("/password/", {"old_password": "wrong", "new_password1": "short",
                                            "new_password2": "other"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_old_password_error"')
        self.assertContains(r, 'id="id_new_password2_error"')

    def test_it_needs_login(self):
        r = self.client.get("/password/")
        self.assertEqual(r.status_code, 302)
