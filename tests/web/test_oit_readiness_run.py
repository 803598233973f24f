"""Starting a readiness check: editors only, one run at a time per agency and year."""

from __future__ import annotations

from unittest import mock

from prongsai.web.oit import readiness
from prongsai.web.oit.models import OitRun
from tests.web.base import BaseTestCase


class ReadinessRunTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.started: list[int] = []
        patch = mock.patch.object(readiness, "spawn", lambda function, run_id: self.started.append(run_id))
        patch.start()
        self.addCleanup(patch.stop)

    def test_it_works(self):
        self.login(self.member)
        response = self.client.post(self.a_url("oit/2567/readiness/run/"))
        self.assertRedirects(response, self.a_url("oit/2567/readiness/"), fetch_redirect_response=False)
        self.assertEqual(len(self.started), 1)
        # a second click while it runs joins the same run
        self.client.post(self.a_url("oit/2567/readiness/run/"))
        self.assertEqual(OitRun.objects.filter(agency=self.agency).count(), 1)
        self.assertEqual(len(self.started), 1)

    def test_viewers_and_supervisors_cannot_start_one(self):
        for user in (self.viewer, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.post(self.a_url("oit/2567/readiness/run/")).status_code, 403)
        self.assertFalse(OitRun.objects.exists())

    def test_it_rejects_get(self):
        self.login(self.member)
        self.assertEqual(self.client.get(self.a_url("oit/2567/readiness/run/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.post(self.a_url("oit/2567/readiness/run/")).status_code, 404)
        self.assertFalse(OitRun.objects.exists())
