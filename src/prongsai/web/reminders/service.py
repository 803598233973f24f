"""The reminders of a day, from the database to the inbox: read each agency's facts, let the core
(prongsai.reminders) say what is due, resolve who gets it and by which channel, then claim each
(user, key, channel, day) before sending so a reminder goes out once, whichever process runs.

Who gets what: a measure goes to the admins and editors of its responsible unit (those without a
unit when it has none or is for every unit, or when the unit has no member); reports to every
admin and editor; OIT items to their owner unit's, else to those without a unit; a loan to its
borrower. Viewers and supervisors get nothing.

A person who belongs to several agencies sees which one each reminder is about: the e-mail
subject and the LINE text start with the agency's short name ("[อบต.ลาดหญ้า] …"), and the list on
their page has a column หน่วยงาน."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from prongsai import reminders as core
from prongsai.planning.terms import terms_for
from prongsai.reminders.schedule import (
    ALL_STAFF,
    UNIT,
    USER,
    AgencyFacts,
    MeasureFact,
    OitFact,
    Reminder,
)
from prongsai.thai import fiscal_year_of
from prongsai.web.agencies.models import Agency, Membership
from prongsai.web.reminders import senders
from prongsai.web.reminders.models import EMAIL, LINE, ReminderPreference, SentReminder

log = logging.getLogger("prongsai.web")
MAX_ATTEMPTS = 5  # a failing send is tried again by later runs, this many times in all
STALE_SENDING = timedelta(minutes=30)  # a claim whose process died is taken back after this
FOOTER = ("\n\n— ข้อความนี้ส่งโดยอัตโนมัติจากระบบโปร่งใส ท่านเปลี่ยนช่องทางหรือหยุดรับการแจ้งเตือนได้ที่ "
          "เมนูชื่อผู้ใช้ › การแจ้งเตือนของฉัน")


@dataclass(frozen=True)
class Send:
    user: Any
    channel: str  # email or line
    to: str  # the e-mail address, or the LINE user id
    reminder: Reminder
    agency: str = ""  # the agency's short name when the person belongs to several agencies

    @property
    def subject(self) -> str:
        """The subject as sent: "[อบต.ลาดหญ้า] …" for a person of several agencies."""
        return f"[{self.agency}] {self.reminder.subject}" if self.agency else self.reminder.subject

    def as_dict(self) -> dict[str, str]:
        """{to, channel, subject, due} as `prongsai remind --dry-run --json` lists it."""
        to = self.to if self.channel == EMAIL else f"LINE:{self.user.get_username()}"
        return {"to": to, "channel": self.channel, "subject": self.subject, "due": self.reminder.due.isoformat()}


@dataclass(frozen=True)
class Upcoming:
    """One deadline on a person's page: the next day a reminder of it goes out (as it will read
    that day), by which channels, and the later days within the window it comes again."""

    day: date
    reminder: Reminder
    channels: tuple[str, ...]
    agency: str  # the agency's full name
    later: tuple[date, ...] = ()


@dataclass
class Outcome:
    sent: int = 0
    failed: list[tuple[Send, str]] = field(default_factory=list)
    already: int = 0  # claimed by an earlier run or another process
    not_configured: list[str] = field(default_factory=list)  # Thai lines
    held: list[Send] = field(default_factory=list)  # not sent: the channel is not set up
    unreachable: int = 0  # people due a reminder who have no address for their channel


# --- facts ---------------------------------------------------------------------------------------

def _measure_facts(agency: Agency, today: date) -> tuple[list[MeasureFact], list[int]]:
    from prongsai.web.plans import services
    from prongsai.web.plans.models import STATUS_TH

    measures: list[MeasureFact] = []
    years: list[int] = []
    current = fiscal_year_of(today)
    for year in (current, current - 1):
        plan = services.tracked_plan(agency, year)
        if plan is None or plan.fiscal_year != year:
            continue
        years.append(year)
        for row in services.statuses(plan, today):
            m = row.measure
            measures.append(MeasureFact(str(m.lineage), m.title, m.end,
                                        STATUS_TH[row.latest.status] if row.latest else None,
                                        m.responsible_unit_id, m.responsible_all))
    return measures, years


def _oit_facts(agency: Agency) -> tuple[int | None, list[OitFact]]:
    from prongsai.oit_check.rules import rule_for
    from prongsai.web.oit.models import OitCheck, OitRun
    from prongsai.web.oit.views import default_year

    year = default_year()
    checks = list(OitCheck.objects.filter(agency=agency, fiscal_year=year))
    if not checks:
        return None, []
    try:
        framework = agency.framework(year)
    except Exception:  # a year the library does not have
        return None, []
    run = OitRun.objects.filter(agency=agency, fiscal_year=year, state=OitRun.DONE).order_by("-started_at").first()
    stale = {i.get("code") for i in (run.report.get("items") or []) if i.get("status") == "stale"} if run else set()
    found = []
    for check in checks:
        item = framework.item_by_code.get(check.code)
        if item is None:
            continue
        rule = rule_for(framework, item)
        found.append(OitFact(check.code, item.name or check.code, check.status, check.checked_on,
                             rule.freshness if rule else "current_fy", check.code in stale, check.owner_id))
    return year, found


def _loan_reminders(agency: Agency, today: date) -> list[Reminder]:
    from prongsai.services.borrowing import DUE_TODAY, OVERDUE
    from prongsai.web.borrowing import reminders as borrowing

    found = []
    for r in borrowing.due(agency, today):
        loan = r.loan
        if loan.borrower_user_id is None:
            continue  # a borrower from outside: the register lists the phone number to call
        if r.kind == OVERDUE:
            week = (r.days_late - 1) // 7
            occasion, on = f"overdue-{week}", loan.end_on + timedelta(days=1 + 7 * week)
        elif r.kind == DUE_TODAY:
            occasion, on = "day", loan.end_on
        else:
            occasion, on = "before-1", loan.end_on - timedelta(days=1)
        body = f"{agency.name}: {r.subject} (กำหนดส่งคืน {core.schedule.day_text(loan.end_on)})"
        found.append(Reminder(f"loan:{loan.pk}:{loan.end_on.isoformat()}:{occasion}", "loan", agency.pk, loan.end_on, on,
                              r.subject, body, USER, user_id=loan.borrower_user_id))
    return found


def agency_facts(agency: Agency, today: date, loans: bool = True) -> AgencyFacts:
    from django.conf import settings

    measures, years = _measure_facts(agency, today)
    oit_year, oit_items = _oit_facts(agency)
    window = tuple(getattr(settings, "OIT_DAILY_WINDOW", ("", "")))
    return AgencyFacts(agency.pk, agency.name, tuple(measures), tuple(years), oit_year, tuple(oit_items),
                       (window[0], window[1]) if len(window) == 2 and all(window) else None,
                       tuple(_loan_reminders(agency, today)) if loans else ())


# --- who ---------------------------------------------------------------------------------------

class Staff:
    """The admins and editors of one agency (active accounts), by unit."""

    def __init__(self, agency_id: int) -> None:
        self.members = [(m.user, m.unit_id) for m in Membership.objects.filter(
            agency_id=agency_id, role__in=(Membership.ADMIN, Membership.EDITOR), user__is_active=True).select_related("user")]

    def of(self, reminder: Reminder) -> list[Any]:
        if reminder.audience == USER:
            user = get_user_model().objects.filter(pk=reminder.user_id, is_active=True).first()
            return [user] if user is not None else []
        if reminder.audience == ALL_STAFF:
            return [u for u, _ in self.members]
        if reminder.audience == UNIT:
            unit = [u for u, unit_id in self.members if unit_id == reminder.unit_id]
            if unit:
                return unit
        without = [u for u, unit_id in self.members if unit_id is None]
        return without or [u for u, _ in self.members]


def _preferences(users: Iterable[Any]) -> dict[int, ReminderPreference]:
    ids = {u.pk for u in users}
    return {p.user_id: p for p in ReminderPreference.objects.filter(user_id__in=ids)}


def _sends(reminders: list[tuple[Reminder, list[Any]]]) -> tuple[list[Send], int]:
    users = [u for _, people in reminders for u in people]
    prefs = _preferences(users)
    out: list[Send] = []
    unreachable: set[int] = set()
    seen: set[tuple[int, str, str]] = set()
    for reminder, people in reminders:
        for user in people:
            pref = prefs.get(user.pk) or ReminderPreference(user=user)
            channels = pref.channels()
            reachable = False
            for channel in channels:
                to = user.email.strip() if channel == EMAIL else pref.line_user_id
                if not to or (user.pk, reminder.key, channel) in seen:
                    continue
                seen.add((user.pk, reminder.key, channel))
                out.append(Send(user, channel, to, reminder))
                reachable = True
            if channels and not reachable:
                unreachable.add(user.pk)
    return out, len(unreachable)


def short_name(agency: Agency) -> str:
    """อบต.ลาดหญ้า for องค์การบริหารส่วนตำบลลาดหญ้า (the terms book), else the full name."""
    try:
        return terms_for(agency.name, agency.agency_type or None).short_name or agency.name
    except Exception:  # a name the terms book cannot read
        return agency.name


def several_agencies(user_ids: Iterable[int]) -> set[int]:
    """The people (ids) who belong to more than one agency, in any role."""
    return set(Membership.objects.filter(user_id__in=set(user_ids)).values("user_id")
               .annotate(n=Count("agency_id", distinct=True)).filter(n__gt=1).values_list("user_id", flat=True))


def _name_agencies(sends: list[Send]) -> list[Send]:
    """Each send to a person of several agencies, with its agency's short name."""
    several = several_agencies(s.user.pk for s in sends)
    if not several:
        return sends
    names = {a.pk: short_name(a) for a in Agency.objects.filter(pk__in={s.reminder.agency_id for s in sends})}
    return [replace(s, agency=names.get(s.reminder.agency_id, "")) if s.user.pk in several else s for s in sends]


def due(today: date, agencies: Iterable[Agency] | None = None) -> tuple[list[Send], int]:
    """Every (person, channel, reminder) due on `today`, and how many people due one have no
    address for their channel."""
    pairs: list[tuple[Reminder, list[Any]]] = []
    for agency in (agencies if agencies is not None else Agency.objects.all()):
        found = core.due_on(agency_facts(agency, today), today)
        if not found:
            continue
        staff = Staff(agency.pk)
        pairs.extend((r, staff.of(r)) for r in found)
    sends, unreachable = _sends(pairs)
    return _name_agencies(sends), unreachable


def _already_sent(sends: list[Send]) -> set[tuple[int, str, str]]:
    if not sends:
        return set()
    keys = {s.reminder.key for s in sends}
    return set(SentReminder.objects.filter(key__in=keys, status=SentReminder.SENT).values_list("user_id", "key", "channel"))


def pending(today: date, agencies: Iterable[Agency] | None = None) -> tuple[list[Send], int]:
    """What a run today would send: due and not sent yet (the dry run)."""
    sends, unreachable = due(today, agencies)
    done = _already_sent(sends)
    return [s for s in sends if (s.user.pk, s.reminder.key, s.channel) not in done], unreachable


def _thread(key: str) -> str:
    """The deadline a key belongs to: the key without its occasion (before-14, day, after-7)."""
    return key.rsplit(":", 1)[0]


def upcoming(user: Any, today: date, days: int = 30) -> list[Upcoming]:
    """The reminders this person will get in the next `days` days, one row per deadline: the
    next day one goes out and the later days it comes again (a measure 14 and 3 days before and on
    the day; a loan the day before, on the day, then weekly), for the preferences page. What was
    already sent to them is left out."""
    from prongsai.services.borrowing import HANDED_OVER
    from prongsai.web.borrowing.models import Loan

    first: dict[tuple[str, str], tuple[date, Send]] = {}
    names: dict[int, str] = {}
    for agency in Agency.objects.filter(memberships__user=user).distinct().order_by("name"):
        names[agency.pk] = agency.name
        staff = Staff(agency.pk)
        facts = agency_facts(agency, today, loans=False) if any(u.pk == user.pk for u, _ in staff.members) else None
        lends = Loan.objects.filter(agency=agency, borrower_user=user, status=HANDED_OVER).exists()
        for offset in range(days + 1):
            day = today + timedelta(days=offset)
            mine = [(r, [user]) for r in (core.due_on(facts, day) if facts else [])
                    if any(u.pk == user.pk for u in staff.of(r))]
            if lends:
                mine += [(r, [user]) for r in _loan_reminders(agency, day) if r.user_id == user.pk]
            for send in _sends(mine)[0]:
                first.setdefault((send.reminder.key, send.channel), (day, send))
    done = _already_sent([s for _, s in first.values()])
    by_thread: dict[str, dict[date, list[Send]]] = {}
    for (key, channel), (day, send) in first.items():
        if (user.pk, key, channel) not in done:
            by_thread.setdefault(_thread(key), {}).setdefault(day, []).append(send)
    rows = []
    for by_day in by_thread.values():
        next_day = min(by_day)
        sends = by_day[next_day]
        channels = tuple(c for c in (EMAIL, LINE) if any(s.channel == c for s in sends))
        rows.append(Upcoming(next_day, sends[0].reminder, channels, names.get(sends[0].reminder.agency_id, ""),
                             tuple(sorted(d for d in by_day if d != next_day))))
    return sorted(rows, key=lambda u: (u.day, u.reminder.due, u.agency, u.reminder.subject))


# --- sending -----------------------------------------------------------------------------------

def claim(send: Send) -> SentReminder | None:
    """The row for this send, now ours to send; None when another run sent it or is sending it."""
    now = timezone.now()
    r = send.reminder
    where = {"user": send.user, "key": r.key, "channel": send.channel, "day": r.on}
    try:
        with transaction.atomic():
            return SentReminder.objects.create(**where, due=r.due, subject=send.subject[:300], updated_at=now)
    except IntegrityError:
        pass
    retry = Q(status=SentReminder.FAILED, attempts__lt=MAX_ATTEMPTS) | Q(status=SentReminder.SENDING,
                                                                         updated_at__lt=now - STALE_SENDING)
    if SentReminder.objects.filter(**where).filter(retry).update(status=SentReminder.SENDING, reason="", updated_at=now,
                                                                  attempts=F("attempts") + 1):
        return SentReminder.objects.get(**where)
    return None


def _finish(row: SentReminder, reason: str | None) -> None:
    now = timezone.now()
    if reason is None:
        SentReminder.objects.filter(pk=row.pk).update(status=SentReminder.SENT, sent_at=now, updated_at=now, reason="")
    else:
        SentReminder.objects.filter(pk=row.pk).update(status=SentReminder.FAILED, updated_at=now, reason=reason[:300])


class _Mailer:
    """One SMTP connection for a run; when it cannot be opened every e-mail fails with that reason
    (no second attempt to connect in the same run)."""

    def __init__(self, cfg: senders.Config) -> None:
        self.cfg = cfg
        self.connection: Any = None
        self.broken: str | None = None

    def send(self, to: str, subject: str, body: str) -> str | None:
        if self.broken:
            return self.broken
        if self.connection is None:
            self.connection = senders.smtp_connection(self.cfg)
            try:
                self.connection.open()
            except Exception as exc:
                self.broken = senders.smtp_reason(exc, self.cfg)
                return self.broken
        return senders.send_email(self.cfg, to, subject, body, self.connection)

    def close(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(Exception):  # closing a broken connection
                self.connection.close()


def deliver(sends: list[Send], cfg: senders.Config | None = None) -> Outcome:
    cfg = cfg or senders.config()
    outcome = Outcome(not_configured=cfg.missing())
    mailer = _Mailer(cfg)
    try:
        for send in sends:
            ready = cfg.email_ready if send.channel == EMAIL else cfg.line_ready
            if not ready:
                outcome.held.append(send)  # not claimed: sent once the channel is set up
                continue
            row = claim(send)
            if row is None:
                outcome.already += 1
                continue
            body = send.reminder.body + FOOTER
            if send.channel == EMAIL:
                reason = mailer.send(send.to, send.subject, body)
            else:
                reason = senders.send_line(cfg, send.to, senders.line_text(send.subject, send.reminder.body))
            _finish(row, reason)
            if reason is None:
                outcome.sent += 1
            else:
                outcome.failed.append((send, reason))
    finally:
        mailer.close()
    return outcome


def run(today: date, dry_run: bool = False) -> tuple[list[Send], Outcome | None, int]:
    """(what is due and not sent yet, what happened or None for a dry run, people with no address)."""
    sends, unreachable = pending(today)
    if dry_run:
        return sends, None, unreachable
    return sends, deliver(sends), unreachable


def run_day(now: Any = None, hour: int = 8) -> Outcome | None:
    """The daily job `prongsai serve` runs: from `hour` o'clock (Bangkok) on, today's reminders;
    None before that. Safe to run in every worker and again: each send is claimed once."""
    local = timezone.localtime(now or timezone.now())
    if local.hour < hour:
        return None
    _, outcome, _ = run(local.date())
    return outcome
