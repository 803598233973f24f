"""How quickly the agency answers, for a fiscal year (Thai fiscal year, October–September).

Counted over the questions asked in the year, except those not published (abuse is no question
the agency owes an answer to):
- answered: questions answered and published;
- median days: the median of the calendar days from the day asked to the day answered;
- within: the share answered within `limit` days, out of the questions whose time is up, that
  is those answered and those still waiting after more than `limit` days (a question asked
  yesterday is not yet late, so it does not count against the agency).
"""

from __future__ import annotations

import statistics as stats
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone

from prongsai.thai import fiscal_year_bounds, fiscal_year_of
from prongsai.web.qa.models import Question

DEFAULT_ANSWER_DAYS = 15


def answer_days() -> int:
    """The days within which the agency aims to answer (setting QA_ANSWER_DAYS, 15 by default)."""
    value = getattr(settings, "QA_ANSWER_DAYS", DEFAULT_ANSWER_DAYS)
    try:
        days = int(value)
    except (TypeError, ValueError):
        return DEFAULT_ANSWER_DAYS
    return days if days > 0 else DEFAULT_ANSWER_DAYS


@dataclass(frozen=True)
class ResponseTimes:
    fiscal_year: int
    limit: int
    asked: int
    answered: int
    waiting: int
    overdue: int  # waiting for more than `limit` days
    median_days: float | None
    within: int  # answered within `limit` days
    due: int  # answered, or waiting for more than `limit` days

    @property
    def within_percent(self) -> float | None:
        return None if not self.due else 100 * self.within / self.due

    @property
    def median_text(self) -> str:
        if self.median_days is None:
            return "–"
        return f"{self.median_days:g}" if self.median_days == int(self.median_days) else f"{self.median_days:.1f}"

    @property
    def within_text(self) -> str:
        percent = self.within_percent
        return "–" if percent is None else f"{percent:.0f}"


def response_times(questions: Iterable[Question], fiscal_year: int, today: date, limit: int) -> ResponseTimes:
    start, end = fiscal_year_bounds(fiscal_year)
    days: list[int] = []
    asked = waiting = overdue = 0
    for q in questions:
        if not start <= q.asked_on <= end or q.asked_on > today or q.status == Question.REJECTED:
            continue
        asked += 1
        if q.status == Question.PUBLISHED and q.answered_at is not None:
            days.append(max(0, (q.answered_on - q.asked_on).days))
        elif q.status == Question.WAITING:
            waiting += 1
            if (today - q.asked_on).days > limit:
                overdue += 1
    within = sum(1 for d in days if d <= limit)
    return ResponseTimes(fiscal_year=fiscal_year, limit=limit, asked=asked, answered=len(days), waiting=waiting,
                         overdue=overdue, median_days=float(stats.median(days)) if days else None, within=within,
                         due=len(days) + overdue)


def today() -> date:
    return timezone.localdate()


def for_agency(agency, on: date | None = None) -> ResponseTimes:  # type: ignore[no-untyped-def]
    """The agency's figures for the fiscal year of `on` (today by default), as of that day."""
    on = on or today()
    year = fiscal_year_of(on)
    start, end = fiscal_year_bounds(year)
    questions = (Question.objects.filter(agency=agency, asked_on__range=(start, end))
                 .only("asked_on", "status", "answered_at"))
    return response_times(questions, year, on, answer_days())
