"""Readiness checks of an agency's OIT pages on the web: the pages are those the OIT checklist
names (OitCheck.url), the check is the core's (prongsai.oit_check), and each run is kept with
its whole report, so the page shows the latest one and the history.

A check fetches up to a hundred pages from the agency's own, often slow, server, so it runs in
a background thread of whichever worker process received the request; the run's row says
"running" to every process meanwhile, and a second request while it runs waits for that run
instead of starting another. A run whose process died is shown as stopped after STUCK."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from prongsai.oit_check.check import check
from prongsai.oit_check.links import Links
from prongsai.web.agencies.models import Agency
from prongsai.web.oit.models import OitCheck, OitRun

log = logging.getLogger("prongsai.web")
STUCK = timedelta(minutes=15)


def links_of(agency: Agency, year: int) -> Links:
    framework = agency.framework(year)
    items = {c.code: (c.url,) for c in OitCheck.objects.filter(agency=agency, fiscal_year=year).exclude(url="")
             if c.code in framework.item_by_code}
    return Links(agency=agency.name, agency_type=agency.agency_type or None, framework=framework, items=items,
                 reading=agency.framework_reading or None)


def running(agency: Agency, year: int) -> OitRun | None:
    return (OitRun.objects.filter(agency=agency, fiscal_year=year, state=OitRun.RUNNING,
                                  started_at__gte=timezone.now() - STUCK).first())


def start(agency: Agency, year: int, user: Any = None, trigger: str = OitRun.USER) -> OitRun:
    """The run now under way for the agency's year: the one already running, or a new one."""
    with transaction.atomic():
        # One run at a time per agency and year, whichever process asks.
        Agency.objects.select_for_update().filter(pk=agency.pk).first()
        current = running(agency, year)
        if current is not None:
            return current
        run = OitRun.objects.create(agency=agency, fiscal_year=year, trigger=trigger,
                                    started_by=user if user is not None and user.is_authenticated else None)
    spawn(execute, run.pk)
    return run


def spawn(function: Callable[[int], None], run_id: int) -> None:
    """Runs `function(run_id)` in the background (tests run it inline)."""
    threading.Thread(target=function, args=(run_id,), name=f"prongsai-oit-{run_id}", daemon=True).start()


def execute(run_id: int) -> None:
    background = threading.current_thread() is not threading.main_thread()
    if background:
        close_old_connections()  # a thread starts without a usable connection of its own
    try:
        run = OitRun.objects.select_related("agency").get(pk=run_id)
        try:
            report = check(links_of(run.agency, run.fiscal_year))
            run.report, run.state = report.as_json(), OitRun.DONE
        except Exception:  # the page says it failed; the log keeps why
            log.exception("OIT readiness check %s failed", run_id)
            run.state, run.problem = OitRun.FAILED, "ตรวจไม่สำเร็จเนื่องจากระบบขัดข้อง ให้ลองสั่งตรวจอีกครั้ง"
        run.finished_at = timezone.now()
        run.save(update_fields=["report", "state", "problem", "finished_at"])
    finally:
        if background:
            connection.close()


def shown_state(run: OitRun) -> str:
    """The run's state as the page tells it: a run still 'running' after STUCK has stopped."""
    if run.state == OitRun.RUNNING and run.started_at < timezone.now() - STUCK:
        return "stopped"
    return run.state
