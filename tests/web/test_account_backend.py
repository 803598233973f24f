"""The signed-in account is read with one plain query (agencies.account_backend) and the session
with one more (ui.sessions); both keep Django's rules: a deactivated account, a session naming no account, an
expired or unknown session, signs nobody in."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.web.base import BaseTestCase


class AccountBackendTestCase(BaseTestCase):
    def signed_in(self) -> bool:
        return self.client.get("/password/").status_code == 200

    def test_it_works(self):
        self.login(self.member)
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(self.a_url("results/")).status_code, 200)
        account_reads = [q for q in queries.captured_queries if 'FROM auth_user' in q["sql"]]
        self.assertEqual(len(account_reads), 1)
        self.assertIn("bob", self.client.get("/password/").content.decode())

    def test_a_deactivated_account_is_signed_out(self):
        self.login(self.member)
        self.assertTrue(self.signed_in())
        type(self.member).objects.filter(pk=self.member.pk).update(is_active=False)
        self.assertFalse(self.signed_in())

    def test_a_session_naming_no_account_signs_nobody_in(self):
        self.login(self.viewer)
        self.assertTrue(self.signed_in())
        for user_id in ("999999",):
            session = self.client.session
            session["_auth_user_id"] = user_id
            session.save()
            self.assertFalse(self.signed_in(), user_id)

    def test_a_supervisor_is_still_one(self):
        self.login(self.supervisor)
        self.assertEqual(self.client.get("/supervise/").status_code, 200)

    def test_an_expired_session_signs_nobody_in(self):
        self.login(self.member)
        Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
        self.assertFalse(self.signed_in())

    def test_an_unknown_session_key_signs_nobody_in(self):
        self.client.cookies["sessionid"] = "x" * 32
        self.assertFalse(self.signed_in())
