"""What an agency's results file says, after parsing and validation: plain data, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ItemResult:
    code: str
    score: float
    reason: str | None = None


@dataclass(frozen=True)
class YearResult:
    """One fiscal year's published result, as given (nothing computed yet)."""

    fiscal_year: int
    indicators: dict[int, float] = field(default_factory=dict)
    instruments: dict[str, float] = field(default_factory=dict)
    items: dict[str, ItemResult] = field(default_factory=dict)
    total: float | None = None
    level: str | None = None


@dataclass(frozen=True)
class Meeting:
    """The meeting at which the measures were decided (for the plan document)."""

    date: date | None = None
    title: str | None = None
    place: str | None = None
    attendees: tuple[str, ...] = ()
    approver: str | None = None  # who approved the measures (name and position)


@dataclass(frozen=True)
class ProgressEntry:
    """What was done for one measure, from the file's `progress:` section."""

    measure: str  # the measure's title or its number in the plan (1-based, as text)
    status: str
    done: str | None = None
    result: str | None = None
    outcome: str | None = None
    as_of: date | None = None
    evidence: tuple[str, ...] = ()  # file names or URLs, as written


@dataclass(frozen=True)
class AgencyResults:
    """A results file: one agency, its current year and any earlier years."""

    agency: str
    current: YearResult
    previous: tuple[YearResult, ...] = ()
    agency_type: str | None = None
    variant: str | None = None  # a sector variant of the framework (e.g. "ovec"); None = general
    reading: str | None = None  # which reading of the variant's disagreeing items (Framework.readings)
    province: str | None = None
    district: str | None = None
    prepared_by: str | None = None
    units: dict[str, str] = field(default_factory=dict)
    meeting: Meeting | None = None
    progress: tuple[ProgressEntry, ...] = ()
    source: str | None = None  # the file it came from, for messages

    @property
    def fiscal_year(self) -> int:
        return self.current.fiscal_year

    @property
    def years(self) -> list[YearResult]:
        return sorted((self.current, *self.previous), key=lambda y: y.fiscal_year)
