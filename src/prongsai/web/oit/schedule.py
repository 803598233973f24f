"""Scheduled readiness checks, with no setup beyond `prongsai serve`: every agency that has
named pages for the ITA year being prepared is checked weekly, and daily during the assessment
window (PRONGSAI_OIT_DAILY_FROM / _TO, month-day, the period NACC's assessors check OIT pages).

Every worker process looks once an hour; a file lock in the data folder lets one of them do
the round while the others skip, and a check already running for an agency is never doubled
(prongsai.web.oit.readiness.start)."""

from __future__ import annotations

import logging
import threading
from datetime import date, datetime, timedelta
from pathlib import Path

from filelock import FileLock, Timeout

log = logging.getLogger("prongsai.web")
LOCK = ".oit-schedule.lock"
WEEK, DAY = timedelta(days=7), timedelta(days=1)


def in_window(day: date, start: str, end: str) -> bool:
    """Whether `day` falls between two month-days ("04-01", "06-30"); a window may wrap the year."""
    try:
        first = tuple(int(p) for p in start.split("-"))
        last = tuple(int(p) for p in end.split("-"))
    except ValueError:
        return False
    today = (day.month, day.day)
    return first <= today <= last if first <= last else (today >= first or today <= last)


def due(now: datetime, window: tuple[str, str]) -> list[tuple[int, int]]:
    """(agency id, fiscal year) whose last check is older than the interval now in force."""
    from django.db.models import Max

    from prongsai.web.oit.models import OitCheck, OitRun
    from prongsai.web.oit.views import default_year

    year = default_year()
    interval = DAY if in_window(now.date(), *window) else WEEK
    agencies = set(OitCheck.objects.filter(fiscal_year=year).exclude(url="").values_list("agency_id", flat=True))
    last = dict(OitRun.objects.filter(fiscal_year=year, agency_id__in=agencies).values("agency_id")
                .annotate(at=Max("started_at")).values_list("agency_id", "at"))
    return sorted((a, year) for a in agencies if a not in last or last[a] < now - interval)


def run_round(folder: Path, now: datetime, window: tuple[str, str]) -> int:
    """Checks every agency due, unless another process holds the round; how many were checked."""
    from prongsai.web.agencies.models import Agency
    from prongsai.web.oit import readiness
    from prongsai.web.oit.models import OitRun

    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        with FileLock(str(folder / LOCK), timeout=0):
            done = 0
            for agency_id, year in due(now, window):
                agency = Agency.objects.filter(pk=agency_id).first()
                if agency is None or readiness.running(agency, year) is not None:
                    continue
                run = OitRun.objects.create(agency=agency, fiscal_year=year, trigger=OitRun.SCHEDULE)
                readiness.execute(run.pk)  # this thread is the background already
                done += 1
            return done
    except Timeout:
        return 0


def start(folder: Path, window: tuple[str, str], every: float = 3600, first: float = 600) -> threading.Thread:
    """A daemon thread doing a round `first` seconds after the server starts (a restart is not
    a reason to fetch every agency's pages) and then every `every` seconds; errors are logged."""
    from django.db import connection
    from django.utils import timezone

    from prongsai.web import periodic

    def task() -> None:
        try:
            checked = run_round(folder, timezone.now(), window)
            if checked:
                log.info("ตรวจความพร้อม OIT ตามกำหนดแล้ว %d หน่วยงาน", checked)
        finally:
            connection.close()

    return periodic.every(every, task, "prongsai-oit-schedule", "ตรวจความพร้อม OIT ตามกำหนดไม่สำเร็จ",
                          first=first, log=log)
