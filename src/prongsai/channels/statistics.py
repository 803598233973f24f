"""Statistics of a channel for a fiscal year, as the OIT item asks for them: for each month, how
many cases came in, and of those how many are finished and how many are still in progress; the
same for the first six months (October–March) and the year so far; and a breakdown by category in
which small counts are hidden, so that a count of one in a small agency does not point at a person.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from prongsai.thai import fiscal_month_end, fiscal_month_start, fiscal_year_bounds

FIRST_HALF_MONTHS = 6


@dataclass(frozen=True)
class Case:
    received: date
    finished: date | None  # the day it was closed; None while in progress
    category: str = ""


@dataclass(frozen=True)
class Counts:
    received: int = 0
    finished: int = 0

    @property
    def in_progress(self) -> int:
        return self.received - self.finished

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.received + other.received, self.finished + other.finished)


@dataclass(frozen=True)
class Month:
    fiscal_month: int  # 1 = October
    start: date
    end: date
    counts: Counts
    started: bool  # False for a month after `as_of`: nothing to count yet


@dataclass(frozen=True)
class Share:
    category: str
    label: str
    count: int | None  # None: hidden because it is small (or would give away a hidden one)


@dataclass(frozen=True)
class Statistics:
    fiscal_year: int
    as_of: date
    months: list[Month]
    first_half: Counts
    year: Counts
    by_category: list[Share] = field(default_factory=list)
    hide_below: int = 3

    @property
    def empty(self) -> bool:
        return self.year.received == 0

    @property
    def first_half_over(self) -> bool:
        return self.as_of >= fiscal_month_end(self.fiscal_year, FIRST_HALF_MONTHS)


def _suppressed(counts: dict[str, int], hide_below: int) -> set[str]:
    """Categories whose count is hidden: those from 1 to hide_below-1, and, when exactly one is
    hidden, one more (the smallest other count, or an empty category when there is none), or the
    total would give the hidden count away. "Fewer than 3" is true of a hidden empty category too."""
    hidden = {c for c, n in counts.items() if 0 < n < hide_below}
    if len(hidden) == 1:
        others = sorted(((n == 0, n, c) for c, n in counts.items() if c not in hidden))
        if others:
            hidden.add(others[0][2])
    return hidden


def statistics(cases: Iterable[Case], fiscal_year: int, as_of: date,
               categories: Sequence[tuple[str, str]] = (), hide_below: int = 3) -> Statistics:
    """Counts by the month a case was received; "finished" means closed on or before `as_of`."""
    start, end = fiscal_year_bounds(fiscal_year)
    per_month = [Counts() for _ in range(12)]
    per_category: dict[str, int] = {key: 0 for key, _ in categories}
    for case in cases:
        if not start <= case.received <= end or case.received > as_of:
            continue
        month = (case.received.year - start.year) * 12 + case.received.month - start.month
        done = case.finished is not None and case.finished <= as_of
        per_month[month] = per_month[month] + Counts(1, 1 if done else 0)
        per_category[case.category] = per_category.get(case.category, 0) + 1
    months = [Month(m, fiscal_month_start(fiscal_year, m), fiscal_month_end(fiscal_year, m), per_month[m - 1],
                    fiscal_month_start(fiscal_year, m) <= as_of) for m in range(1, 13)]
    first_half = sum(per_month[:FIRST_HALF_MONTHS], Counts())
    year = sum(per_month, Counts())
    labels = dict(categories)
    hidden = _suppressed(per_category, hide_below)
    shares = [Share(key, labels.get(key, key or "ไม่ระบุ"), None if key in hidden else n)
              for key, n in per_category.items()]
    return Statistics(fiscal_year, as_of, months, first_half, year, shares, hide_below)
