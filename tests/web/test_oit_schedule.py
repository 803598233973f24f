"""Scheduled readiness checks (prongsai.web.oit.schedule): weekly, daily in the window, one
process doing the round."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory
from unittest import mock

from django.utils import timezone
from filelock import FileLock

from prongsai.web.oit import readiness, schedule
from prongsai.web.oit.models import OitCheck, OitRun
from prongsai.web.oit.views import default_year
from tests.web.base import BaseTestCase


def test_the_window_may_wrap_the_year():
    assert schedule.in_window(date(2026, 5, 1), "04-01", "06-30")
    assert not schedule.in_window(date(2026, 7, 1), "04-01", "06-30")
    assert schedule.in_window(date(2027, 1, 5), "12-15", "01-15")
    assert not schedule.in_window(date(2026, 5, 1), "", "")  # no window set: weekly only


class ScheduleTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.year = default_year()
        OitCheck.objects.create(agency=self.agency, fiscal_year=self.year, code="O1", url="https://example.go.th/o1")
        self.now = timezone.now()

    def test_an_agency_with_pages_is_due_weekly_or_daily_in_the_window(self):
        self.assertEqual(schedule.due(self.now, ("", "")), [(self.agency.pk, self.year)])
        run = OitRun.objects.create(agency=self.agency, fiscal_year=self.year, state=OitRun.DONE)
        OitRun.objects.filter(pk=run.pk).update(started_at=self.now - timedelta(days=3))
        self.assertEqual(schedule.due(self.now, ("", "")), [])  # checked 3 days ago: not yet a week
        today = self.now.date()
        window = (f"{today:%m-%d}", f"{today:%m-%d}")
        self.assertEqual(schedule.due(self.now, window), [(self.agency.pk, self.year)])  # daily in the window

    def test_one_process_does_the_round(self):
        executed = []
        with mock.patch.object(readiness, "execute", lambda run_id: executed.append(run_id)), \
                TemporaryDirectory() as folder:
            with FileLock(str(Path(folder) / schedule.LOCK)):  # another worker holds the round
                self.assertEqual(schedule.run_round(Path(folder), self.now, ("", "")), 0)
            self.assertEqual(schedule.run_round(Path(folder), self.now, ("", "")), 1)
        run = OitRun.objects.get(pk=executed[0])
        self.assertEqual((run.agency, run.trigger), (self.agency, OitRun.SCHEDULE))
