"""The daily reminders `prongsai serve` runs by itself (design §3: the same work as the command
`prongsai remind`, for cron on other installs). Every worker process looks every half hour; from
08:00 Bangkok time it runs the day's job, which claims each send in the database, so several
workers (or servers) send each reminder once. A process that finished the day with nothing
failed skips until the next day (a saving, not a lock: the claims decide). PRONGSAI_REMINDERS=0
stops it."""

from __future__ import annotations

import logging
import os
import threading
from datetime import date

log = logging.getLogger("prongsai.web")
HOUR = 8


def enabled() -> bool:
    return os.environ.get("PRONGSAI_REMINDERS", "1").strip().lower() not in ("0", "false", "no", "off")


def job(now=None) -> bool:  # type: ignore[no-untyped-def]
    """One pass; True when the day is done in this process (nothing failed)."""
    from prongsai.web.reminders import service

    outcome = service.run_day(now, HOUR)
    if outcome is None:
        return False
    if outcome.sent or outcome.failed:
        log.info("ส่งการแจ้งเตือนแล้ว %d รายการ ไม่สำเร็จ %d รายการ", outcome.sent, len(outcome.failed))
    return not outcome.failed


def start(every: float = 1800, first: float = 120) -> threading.Thread:
    from django.db import connection
    from django.utils import timezone

    from prongsai.web import periodic

    finished: list[date] = []

    def task() -> None:
        today = timezone.localdate()
        if finished and finished[-1] == today:
            return
        try:
            if job():
                finished.append(today)
        finally:
            connection.close()

    return periodic.every(every, task, "prongsai-reminders", "ส่งการแจ้งเตือนตามกำหนดไม่สำเร็จ", first=first, log=log)
