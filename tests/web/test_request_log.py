"""A refused request is one line in the server log; a server error keeps its traceback."""

import logging

from django.test import Client, override_settings
from django.urls import path

from tests.web.base import BaseTestCase


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken)]


class RequestLogTestCase(BaseTestCase):
    def test_a_403_is_one_line_without_traceback(self):
        self.login(self.viewer)
        with self.assertLogs("django.request", logging.WARNING) as logs:
            r = self.client.post(self.a_url("units/"), {"name": "กองใหม่"})
        self.assertEqual(r.status_code, 403)
        self.assertEqual(len(logs.records), 1)
        record = logs.records[0]
        self.assertIsNone(record.exc_info)
        line = logs.output[0]
        self.assertNotIn("Traceback", line)
        self.assertNotIn("\n", line)
        self.assertIn("Forbidden", line)
        self.assertIn(self.a_url("units/"), line)
        self.assertIn(f"[POST, user={self.viewer.pk}]", line)

    def test_the_configured_handler_writes_one_line(self):
        """What the console shows: the same filter on the logger, with the real formatter."""
        import io

        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        logger = logging.getLogger("django.request")
        logger.addHandler(handler)
        try:
            self.login(self.viewer)
            self.client.post(self.a_url("units/"), {"name": "กองใหม่"})
        finally:
            logger.removeHandler(handler)
        self.assertEqual(stream.getvalue().count("\n"), 1, stream.getvalue())

    @override_settings(ROOT_URLCONF=__name__)
    def test_a_500_keeps_its_traceback(self):
        client = Client(raise_request_exception=False)
        client.force_login(self.owner)
        with self.assertLogs("django.request", logging.ERROR) as logs:
            r = client.get("/broken/")
        self.assertEqual(r.status_code, 500)
        self.assertIsNotNone(logs.records[0].exc_info)
        self.assertIn("Traceback", logs.output[0])
        self.assertIn("RuntimeError: a bug", logs.output[0])
