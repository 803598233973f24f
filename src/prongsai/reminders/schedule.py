"""Which reminders are due on a day, from plain facts about an agency (no database here).

Every deadline has occasions (reminders/data/rules.yaml): so many days before it, on the day,
then every so many days while it is still not done. An occasion is due from its day for
`catch_up_days` more days (a day the server was off is made up), never once the next occasion
has come; so on any day at most one occasion of a deadline is due, and its key — the deadline
and the occasion — never comes back on a later occasion. Sending is claimed per key and user,
so a key is sent once however often or on however many servers this runs.

Who gets it is an audience the web layer resolves to people: a unit's members, the agency's
staff without a unit, or all its staff (admins and editors)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from prongsai import tracking
from prongsai.reminders.rules import RuleBook, Schedule, default_rules
from prongsai.thai import fiscal_month_end, fiscal_year_bounds, format_date

# Audiences
UNIT = "unit"  # the members of unit_id (admins and editors); the staff without a unit when it has none
STAFF = "staff"  # the agency's admins and editors without a unit
ALL_STAFF = "all_staff"  # every admin and editor of the agency
USER = "user"  # one person (a borrower)

PERIODS = {"6-month": "รอบ 6 เดือน", "year-end": "รอบสิ้นปีงบประมาณ"}
OIT_NEEDS_NO_DATE = "none"


@dataclass(frozen=True)
class Occasion:
    name: str  # before-14, day, after-7
    on: date  # the day it is sent
    days: int  # days before (before-N) or after (after-N) the deadline; 0 on the day

    @property
    def after(self) -> bool:
        return self.name.startswith("after-")


@dataclass(frozen=True)
class Reminder:
    key: str  # the deadline and the occasion: sent once per user and channel
    kind: str  # measure, report, oit, loan
    agency_id: int
    due: date  # the deadline
    on: date  # the occasion's day (the day it was meant to go out)
    subject: str
    body: str
    audience: str
    unit_id: int | None = None
    user_id: int | None = None


@dataclass(frozen=True)
class MeasureFact:
    ref: str  # stable across plan versions (the measure's lineage)
    title: str
    end: date | None
    latest_status: str | None  # prongsai.tracking.STATES, None when nothing was reported
    unit_id: int | None
    for_all: bool = False


@dataclass(frozen=True)
class OitFact:
    code: str
    name: str
    status: str  # todo, missing, partial, done (the checklist)
    checked_on: date | None
    freshness: str  # prongsai.oit_check.rules.Freshness
    stale: bool = False  # the latest readiness check found no sign of the period required
    unit_id: int | None = None


@dataclass(frozen=True)
class AgencyFacts:
    agency_id: int
    name: str
    measures: tuple[MeasureFact, ...] = ()
    report_years: tuple[int, ...] = ()  # fiscal years (BE) with a tracked plan
    oit_year: int | None = None  # the fiscal year whose OIT checklist is followed
    oit_items: tuple[OitFact, ...] = ()
    oit_window: tuple[str, str] | None = None  # month-days from the settings; None = the rules' default
    extra: tuple[Reminder, ...] = field(default=())  # reminders made elsewhere (loans)


def day_text(day: date) -> str:
    return format_date(day, thai=False, long=True)


def occasions(deadline: date, schedule: Schedule) -> list[Occasion]:
    found = [Occasion(f"before-{n}", deadline - timedelta(days=n), n) for n in schedule.before_days]
    if schedule.on_day:
        found.append(Occasion("day", deadline, 0))
    step = schedule.every_days_after
    if step:
        after = step
        while after <= schedule.after_for_days:
            found.append(Occasion(f"after-{after}", deadline + timedelta(days=after), after))
            after += step
    return sorted(found, key=lambda o: o.on)


def current(deadline: date, schedule: Schedule, today: date, catch_up: int) -> Occasion | None:
    """The occasion of `deadline` due on `today`, if any."""
    found = occasions(deadline, schedule)
    for index, occasion in enumerate(found):
        following = found[index + 1].on if index + 1 < len(found) else None
        if occasion.on <= today <= occasion.on + timedelta(days=catch_up) and (following is None or today < following):
            return occasion
    return None


def _subject(schedule: Schedule, deadline: date, today: date) -> tuple[str, int]:
    """The subject as it reads on the day it goes out (an occasion made up a day late says so),
    and the days before or after the deadline it names."""
    if today > deadline:
        return schedule.subject.after, (today - deadline).days
    if today == deadline:
        return schedule.subject.on_day, 0
    return schedule.subject.before, (deadline - today).days


def report_due(fiscal_year: int, period: str) -> date:
    """The plan's own deadlines: the 6-month report within April, the year-end one within October."""
    if period == "6-month":
        return fiscal_month_end(fiscal_year, 7)
    return fiscal_month_end(fiscal_year + 1, 1)


def oit_window(fiscal_year: int, window: tuple[str, str]) -> tuple[date, date] | None:
    """The assessment window of a fiscal year from month-days ("04-01", "06-30"); a month from
    October on lies in the fiscal year's first calendar year."""
    start_fy, _ = fiscal_year_bounds(fiscal_year)

    def at(month_day: str) -> date | None:
        try:
            month, day = (int(p) for p in month_day.split("-"))
            return date(start_fy.year if month >= 10 else start_fy.year + 1, month, day)
        except ValueError:
            return None

    start, end = at(window[0]), at(window[1])
    if start is None or end is None:
        return None
    return start, end if end >= start else start


def needs_refresh(item: OitFact, fiscal_year: int) -> str | None:
    """Why an OIT item must be looked at before the assessment, in Thai, or None."""
    if item.stale:
        return "ไม่พบข้อมูลของปีงบประมาณที่ประเมินบนเว็บไซต์"
    if item.status != "done":
        return {"todo": "ยังไม่ตรวจ", "missing": "ยังไม่มีบนเว็บไซต์",
                "partial": "มีแต่ไม่ครบองค์ประกอบ"}.get(item.status, "ยังไม่ครบถ้วน")
    if item.freshness != OIT_NEEDS_NO_DATE and (item.checked_on is None
                                                or item.checked_on < fiscal_year_bounds(fiscal_year)[0]):
        return "ตรวจครั้งล่าสุดก่อนเริ่มปีงบประมาณ ต้องปรับปรุงข้อมูลให้เป็นของปีงบประมาณปัจจุบัน"
    return None


def _fill(text: str, **values: object) -> str:
    return " ".join(text.format(**values).split())


def _measures(facts: AgencyFacts, rules: RuleBook, today: date) -> Iterable[Reminder]:
    schedule = rules.measure
    for m in facts.measures:
        if m.end is None:
            continue
        state = tracking.measure_state(m.latest_status, m.end, today)
        if state == tracking.DONE:
            continue
        occasion = current(m.end, schedule, today, rules.catch_up_days)
        if occasion is None or (occasion.after and today <= m.end):
            continue
        subject, days = _subject(schedule, m.end, today)
        values = {"agency": facts.name, "title": m.title, "due": day_text(m.end), "days": days, "state": state}
        audience = UNIT if (m.unit_id is not None and not m.for_all) else STAFF
        yield Reminder(f"measure:{facts.agency_id}:{m.ref}:{m.end.isoformat()}:{occasion.name}", "measure",
                       facts.agency_id, m.end, occasion.on, _fill(subject, **values),
                       _fill(schedule.body, **values), audience, m.unit_id if audience == UNIT else None)


def _reports(facts: AgencyFacts, rules: RuleBook, today: date) -> Iterable[Reminder]:
    schedule = rules.report
    for year in sorted(set(facts.report_years)):
        for period, label in PERIODS.items():
            due = report_due(year, period)
            occasion = current(due, schedule, today, rules.catch_up_days)
            if occasion is None:
                continue
            subject, days = _subject(schedule, due, today)
            values = {"agency": facts.name, "due": day_text(due), "days": days, "year": year, "period": label}
            yield Reminder(f"report:{facts.agency_id}:{year}:{period}:{occasion.name}", "report", facts.agency_id,
                           due, occasion.on, _fill(subject, **values),
                           _fill(schedule.body, **values), ALL_STAFF)


def _oit(facts: AgencyFacts, rules: RuleBook, today: date) -> Iterable[Reminder]:
    schedule = rules.oit
    if facts.oit_year is None or not facts.oit_items:
        return
    given = facts.oit_window if facts.oit_window and all(facts.oit_window) else None
    window = oit_window(facts.oit_year, given or (schedule.default_window.start, schedule.default_window.end))
    if window is None:
        window = oit_window(facts.oit_year, (schedule.default_window.start, schedule.default_window.end))
    assert window is not None  # the rules' default is validated
    start, end = window
    occasion = current(start, schedule, today, rules.catch_up_days)
    if occasion is None or (occasion.after and today > end):
        return
    by_unit: dict[int | None, list[tuple[OitFact, str]]] = {}
    for item in facts.oit_items:
        reason = needs_refresh(item, facts.oit_year)
        if reason:
            by_unit.setdefault(item.unit_id, []).append((item, reason))
    for unit_id, items in sorted(by_unit.items(), key=lambda kv: (kv[0] is None, kv[0] or 0)):
        listed = "; ".join(f"{item.code} {item.name} ({reason})" for item, reason in
                           sorted(items, key=lambda pair: _code_order(pair[0].code)))
        subject, days = _subject(schedule, start, today)
        values = {"agency": facts.name, "due": day_text(start), "days": days, "year": facts.oit_year,
                  "count": len(items), "items": listed}
        group = f"unit-{unit_id}" if unit_id is not None else "staff"
        yield Reminder(f"oit:{facts.agency_id}:{facts.oit_year}:{group}:{start.isoformat()}:{occasion.name}", "oit",
                       facts.agency_id, start, occasion.on, _fill(subject, **values),
                       _fill(schedule.body, **values), UNIT if unit_id is not None else STAFF, unit_id)


def _code_order(code: str) -> tuple[int, str]:
    digits = "".join(c for c in code if c.isdigit())
    return (int(digits) if digits else 0, code)


def due_on(facts: AgencyFacts, today: date, rules: RuleBook | None = None) -> list[Reminder]:
    """Every reminder of the agency due on `today`: measures, reports, OIT items, then the extra
    ones (loans) as given. No key appears twice."""
    rules = rules or default_rules()
    found: dict[str, Reminder] = {}
    for reminder in (*_measures(facts, rules, today), *_reports(facts, rules, today), *_oit(facts, rules, today),
                     *facts.extra):
        found.setdefault(reminder.key, reminder)
    return list(found.values())
