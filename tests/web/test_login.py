from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import F
from django.test import Client

from tests.web.base import PASSWORD, BaseTestCase, make_user

OFFICE = "203.0.113.7"  # everyone behind one NAT or proxy address


def login(username, password=PASSWORD, address=OFFICE, client=None, **extra):
    return (client or Client()).post("/login/", {"username": username, "password": password},
                                      REMOTE_ADDR=address, **extra)


def fail(username, times, address=OFFICE):
    for _ in range(times):
        login(username, "wrong-password", address)


def wait(seconds):
    """As if the failures so far happened `seconds` earlier."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(seconds=seconds))


def retry_after(response):
    return int(response["Retry-After"])


class LoginTestCase(BaseTestCase):
    def setUp(self):
        super().setUp()
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

    def test_it_pauses_one_account_from_one_address_even_for_the_right_password(self):
        fail("alice", 4)
        r = login("alice", "wrong-password")
        # the fifth failure says both: wrong, and paused
        self.assertContains(r, "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง", status_code=429)
        self.assertContains(r, "ลองใหม่ได้ในอีก 1 นาที", status_code=429)
        client = Client()
        r = login("alice", client=client)
        self.assertEqual(r.status_code, 429)
        self.assertNotIn("_auth_user_id", client.session)
        self.assertContains(r, "ระงับการเข้าสู่ระบบด้วยชื่อนี้ไว้ชั่วคราว", status_code=429)
        self.assertRegex(r.content.decode(), r"เวลา \d\d:\d\d น\.")
        self.assertLessEqual(retry_after(r), 60)
        self.assertNotIn("Account locked", r.content.decode())  # not axes' English page
        self.assertContains(r, 'name="username"', status_code=429)  # the login form, to try again later
        # the same account from another address, and another account from this one, are not paused
        self.assertEqual(login("alice", address="198.51.100.20").status_code, 302)
        self.assertEqual(login("bob").status_code, 302)

    def test_the_pause_ends(self):
        fail("alice", 5)
        self.assertEqual(login("alice").status_code, 429)
        wait(61)
        self.assertEqual(login("alice").status_code, 302)

    def test_the_pause_grows_with_each_further_failure(self):
        pauses = []
        fail("alice", 4)
        for _ in range(4):
            r = login("alice", "wrong-password")
            pauses.append(retry_after(r))
            wait(retry_after(r) + 1)
        self.assertEqual([round(p / 60) for p in pauses], [1, 2, 4, 8])
        # … up to an hour
        for _ in range(6):
            wait(retry_after(login("alice", "wrong-password")) + 1)
        self.assertEqual(round(retry_after(login("alice", "wrong-password")) / 60), 60)

    def test_tries_while_paused_are_refused_without_counting(self):
        fail("alice", 5)
        fail("alice", 20)
        self.assertEqual(sum(AccessAttempt.objects.filter(username="alice").values_list(
            "failures_since_start", flat=True)), 5)
        wait(61)
        self.assertEqual(login("alice").status_code, 302)

    def test_a_successful_login_clears_that_addresss_count(self):
        fail("alice", 4)
        self.assertEqual(login("alice").status_code, 302)
        fail("alice", 4)
        self.assertEqual(login("alice").status_code, 302)
        self.assertFalse(AccessAttempt.objects.filter(username="alice", ip_address=OFFICE).exists())

    def test_case_and_spaces_do_not_make_another_counter(self):
        for name in ("alice", "ALICE", " Alice", "aLiCe ", "alicE"):
            login(name, "wrong-password")
        self.assertEqual(login("alice").status_code, 429)

    def test_one_address_never_locks_out_the_others_behind_it(self):
        """An office NAT: 20 people share one address; one of them fails 50 times on his own name."""
        staff = [make_user(f"staff{i:02d}") for i in range(20)]
        make_user("mallory")
        fail("mallory", 50)
        self.assertEqual(login("mallory").status_code, 429)
        for user in staff:
            client = Client()
            self.assertEqual(login(user.username, client=client).status_code, 302, user.username)
            self.assertEqual(int(client.session["_auth_user_id"]), user.pk)
        # guessing many names from one address pauses none of them
        for user in staff:
            fail(user.username, 4)
        self.assertEqual(login("bob").status_code, 302)

    def test_a_stranger_cannot_lock_the_administrator_out(self):
        self.assertEqual(login("root", address="192.0.2.10").status_code, 302)  # root's usual address
        for n in range(12):  # 60 failures from 12 addresses
            fail("root", 5, address=f"198.51.100.{n + 1}")
        # root's usual address: not paused at all
        self.assertEqual(login("root", address="192.0.2.10").status_code, 302)
        # a new address: only the short account-wide pause, one minute after the last failure
        r = login("root", address="192.0.2.99")
        self.assertEqual(r.status_code, 429)
        self.assertLessEqual(retry_after(r), 60)
        wait(61)
        self.assertEqual(login("root", address="192.0.2.99").status_code, 302)

    def test_counts_are_kept_in_the_database_not_in_a_process(self):
        fail("alice", 5)
        row = AccessAttempt.objects.get(username="alice", ip_address=OFFICE)
        self.assertEqual(row.failures_since_start, 5)
        # what another worker process, or this one after a restart, starts with: no cache, a new handler
        cache.clear()
        AxesProxyHandler.implementation = None
        self.assertEqual(login("alice").status_code, 429)

    def test_the_system_administrator_can_end_a_pause(self):
        fail("alice", 5)
        self.assertEqual(login("alice").status_code, 429)
        call_command("axes_reset_username", "alice", verbosity=0)
        self.assertEqual(login("alice").status_code, 302)

    def test_failed_logins_of_unknown_names_are_paused_too(self):
        fail("nobody-here", 5)
        r = login("nobody-here")
        self.assertContains(r, "ลองใหม่ได้ในอีก", status_code=429)
        self.assertFalse(User.objects.filter(username="nobody-here").exists())

    def test_pages_need_login(self):
        r = self.client.get(self.a_url())
        self.assertRedirects(r, f"/login/?next={self.a_url()}", fetch_redirect_response=False)

    def test_csrf_is_enforced(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.owner)
        r = client.post(self.a_url("units/"), {"name": "กองใหม่"})
        self.assertEqual(r.status_code, 403)
        self.assertContains(r, "ส่งแบบฟอร์มไม่สำเร็จ", status_code=403)


class ForwardedAddressTestCase(BaseTestCase):
    """Behind the HTTPS proxy every request comes from the proxy: the client is in X-Forwarded-For,
    believed only from PRONGSAI_TRUSTED_PROXIES."""

    PROXY = "10.0.0.5"

    def test_without_trusted_proxies_a_forged_header_changes_nothing(self):
        for n in range(5):
            login("alice", "wrong-password", address="192.0.2.50", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        r = login("alice", address="192.0.2.50", HTTP_X_FORWARDED_FOR="198.51.100.200")
        self.assertEqual(r.status_code, 429)
        self.assertEqual(set(AccessAttempt.objects.values_list("ip_address", flat=True)), {"192.0.2.50"})

    def test_behind_a_trusted_proxy_each_client_counts_apart(self):
        with self.settings_env(self.PROXY):
            for _ in range(5):
                login("alice", "wrong-password", address=self.PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")
            self.assertEqual(login("alice", address=self.PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code,
                             429)
            # alice herself, at her desk behind the same proxy
            self.assertEqual(login("alice", address=self.PROXY, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code,
                             302)
        self.assertEqual(set(AccessAttempt.objects.values_list("ip_address", flat=True)), {"198.51.100.1"})

    def test_with_trusted_proxies_a_peer_that_is_not_one_is_not_believed(self):
        with self.settings_env(self.PROXY):
            for n in range(5):
                login("alice", "wrong-password", address="192.0.2.50", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
            r = login("alice", address="192.0.2.50", HTTP_X_FORWARDED_FOR="198.51.100.200")
        self.assertEqual(r.status_code, 429)
        self.assertEqual(set(AccessAttempt.objects.values_list("ip_address", flat=True)), {"192.0.2.50"})

    def test_a_client_cannot_hide_behind_a_forged_left_part(self):
        with self.settings_env(self.PROXY):
            for n in range(5):
                login("alice", "wrong-password", address=self.PROXY,
                      HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.1")
            r = login("alice", address=self.PROXY, HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.1")
        self.assertEqual(r.status_code, 429)

    @staticmethod
    def settings_env(value):
        from unittest import mock

        return mock.patch.dict("os.environ", {"PRONGSAI_TRUSTED_PROXIES": value})

