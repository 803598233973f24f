"""Statistics of a channel for a fiscal year, as the OIT item asks for them: for each month, how
many cases came in, and of those how many are finished and how many are still in progress; the
same for the first six months (October–March) and the year so far; and a breakdown by category in
which small counts are not shown one by one: the categories with fewer than `hide_below` cases are
added up into one row that names none of them, so a count of one in a small agency cannot be tied
to a kind of case (and through it to a person), not even by subtracting from the total.
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
    count: int


@dataclass(frozen=True)
class Statistics:
    fiscal_year: int
    as_of: date
    months: list[Month]
    first_half: Counts
    year: Counts
    by_category: list[Share] = field(default_factory=list)  # categories shown, most cases first
    grouped: int = 0  # cases of the categories not shown, added up (the categories are not named)
    hide_below: int = 3

    @property
    def empty(self) -> bool:
        return self.year.received == 0

    @property
    def first_half_over(self) -> bool:
        return self.as_of >= fiscal_month_end(self.fiscal_year, FIRST_HALF_MONTHS)


def _shown(counts: dict[str, int], hide_below: int) -> set[str]:
    """The categories shown by name: those with at least hide_below cases — unless only one
    category would be left out, which its row would then name; the smallest shown one joins it."""
    shown = {c for c, n in counts.items() if n >= hide_below}
    left_out = [c for c in counts if c not in shown]
    if len(left_out) == 1 and counts[left_out[0]] > 0 and shown:
        shown.discard(min(shown, key=lambda c: (counts[c], c)))
    return shown


@dataclass(frozen=True)
class Tally:
    """Cases of one category received in one month (the database can count these itself)."""

    month: date  # any day of the month received
    category: str
    received: int
    finished: int  # of those, closed on or before `as_of`


def statistics(cases: Iterable[Case], fiscal_year: int, as_of: date,
               categories: Sequence[tuple[str, str]] = (), hide_below: int = 3) -> Statistics:
    """Counts by the month a case was received; "finished" means closed on or before `as_of`."""
    start, end = fiscal_year_bounds(fiscal_year)
    tallies: dict[tuple[date, str], list[int]] = {}
    for case in cases:
        if not start <= case.received <= end or case.received > as_of:
            continue
        tally = tallies.setdefault((case.received.replace(day=1), case.category), [0, 0])
        tally[0] += 1
        tally[1] += case.finished is not None and case.finished <= as_of
    return from_tallies((Tally(m, c, r, f) for (m, c), (r, f) in tallies.items()), fiscal_year, as_of,
                        categories, hide_below)


def from_tallies(tallies: Iterable[Tally], fiscal_year: int, as_of: date,
                 categories: Sequence[tuple[str, str]] = (), hide_below: int = 3) -> Statistics:
    """The statistics from counts per month and category (cases outside the year or after
    `as_of` must not be in them)."""
    start, _end = fiscal_year_bounds(fiscal_year)
    per_month = [Counts() for _ in range(12)]
    per_category: dict[str, int] = {key: 0 for key, _ in categories}
    for tally in tallies:
        month = (tally.month.year - start.year) * 12 + tally.month.month - start.month
        if not 0 <= month < 12:
            raise ValueError(f"{tally.month} is outside fiscal year {fiscal_year}")
        per_month[month] = per_month[month] + Counts(tally.received, tally.finished)
        per_category[tally.category] = per_category.get(tally.category, 0) + tally.received
    months = [Month(m, fiscal_month_start(fiscal_year, m), fiscal_month_end(fiscal_year, m), per_month[m - 1],
                    fiscal_month_start(fiscal_year, m) <= as_of) for m in range(1, 13)]
    first_half = sum(per_month[:FIRST_HALF_MONTHS], Counts())
    year = sum(per_month, Counts())
    labels = dict(categories)
    shown = _shown(per_category, hide_below)
    shares = sorted((Share(key, labels.get(key, key or "ไม่ระบุ"), n) for key, n in per_category.items() if key in shown),
                    key=lambda share: -share.count)
    grouped = sum(n for key, n in per_category.items() if key not in shown)
    return Statistics(fiscal_year, as_of, months, first_half, year, shares, grouped, hide_below)
