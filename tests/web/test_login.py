from django.core.cache import cache
from django.test import override_settings

from tests.web.base import PASSWORD, BaseTestCase


class LoginTestCase(BaseTestCase):
    def setUp(self):
        cache.clear()

    def test_it_shows_the_form_in_thai(self):
        r = self.client.get("/login/")
        self.assertContains(r, "เข้าสู่ระบบ")
        self.assertContains(r, 'lang="th"')

    def test_it_works(self):
        r = self.client.post("/login/", {"username": "alice", "password": PASSWORD})
        self.assertRedirects(r, "/", fetch_redirect_response=False)
        # one agency: the home page goes straight to its dashboard
        self.assertRedirects(self.client.get("/"), self.a_url(), fetch_redirect_response=False)

    def test_it_rejects_a_wrong_password_with_a_thai_message(self):
        r = self.client.post("/login/", {"username": "alice", "password": "nope"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง")

    @override_settings(LOGIN_FAILURES_PER_USERNAME=3)
    def test_it_rate_limits_failures_even_with_the_right_password_afterwards(self):
        for _ in range(3):
            self.client.post("/login/", {"username": "alice", "password": "wrong"})
        r = self.client.post("/login/", {"username": "alice", "password": PASSWORD})
        self.assertContains(r, "เข้าสู่ระบบผิดหลายครั้งเกินไป")
        self.assertNotIn("_auth_user_id", self.client.session)
        # another user from another address is not affected
        r = self.client.post("/login/", {"username": "bob", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
        self.assertEqual(r.status_code, 302)

    @override_settings(LOGIN_FAILURES_PER_ADDRESS=4, LOGIN_FAILURES_PER_USERNAME=100)
    def test_it_rate_limits_one_address_trying_many_names(self):
        for name in ("a1", "a2", "a3", "a4"):
            self.client.post("/login/", {"username": name, "password": "x"}, REMOTE_ADDR="10.1.1.1")
        r = self.client.post("/login/", {"username": "alice", "password": PASSWORD}, REMOTE_ADDR="10.1.1.1")
        self.assertContains(r, "เข้าสู่ระบบผิดหลายครั้งเกินไป")

    def test_pages_need_login(self):
        r = self.client.get(self.a_url())
        self.assertRedirects(r, f"/login/?next={self.a_url()}", fetch_redirect_response=False)

    def test_csrf_is_enforced(self):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(self.owner)
        r = client.post(self.a_url("units/"), {"name": "กองใหม่"})
        self.assertEqual(r.status_code, 403)
        self.assertContains(r, "ส่งแบบฟอร์มไม่สำเร็จ", status_code=403)
