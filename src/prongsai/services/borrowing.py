"""Borrowing the agency's assets (การยืม-คืนพัสดุ) as plain functions, without Django.

- Availability: a loan holds its quantity of an asset on every day from the day it is lent to
  the day it is due back, both included. A loan handed over and still not back after its due
  date holds its quantity until it comes back (open-ended), since the things are not on the
  shelf. What is free on a day is the asset's quantity less what the loans hold that day; what
  is free for a period is the least of its days.
- A request's checks against the agency's rules: the dates, the lead time for borrowers from
  outside, the longest loan (the agency's, or an asset's own shorter one), how far ahead one may
  ask, the quantity and what is free. Each problem names the form field it belongs to.
- Overdue (เกินกำหนดคืน) and due soon, for the register and the reminders.
- The yearly summary (สรุปผลการยืม-คืนพัสดุประจำปีงบประมาณ): loans by asset, by the unit in
  charge of the asset, by kind of borrower and by purpose; late returns, damage and loss.

Using an asset for a private purpose is not a purpose here at all: the regulation allows lending
only for the benefit of official work, so no code path can record one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from pythainlp.util import thai_strftime

from prongsai.thai import fiscal_year_bounds, fiscal_year_of

# --------------------------------------------------------------------------- the vocabulary

REQUESTED, APPROVED, REFUSED, HANDED_OVER, RETURNED, CANCELLED = (
    "requested", "approved", "refused", "handed_over", "returned", "cancelled")
STATUSES: tuple[tuple[str, str], ...] = (
    (REQUESTED, "รออนุมัติ"),
    (APPROVED, "อนุมัติแล้ว รอรับพัสดุ"),
    (REFUSED, "ไม่อนุมัติ"),
    (HANDED_OVER, "ส่งมอบแล้ว อยู่ระหว่างยืม"),
    (RETURNED, "ส่งคืนแล้ว"),
    (CANCELLED, "ยกเลิก"),
)
# The loans that hold their quantity: approved (the things are promised) and handed over.
HOLDING: tuple[str, ...] = (APPROVED, HANDED_OVER)
OPEN: tuple[str, ...] = (REQUESTED, APPROVED, HANDED_OVER)
APPROVED_OR_LATER: tuple[str, ...] = (APPROVED, HANDED_OVER, RETURNED)
LENT: tuple[str, ...] = (HANDED_OVER, RETURNED)

OFFICIAL, COMMUNITY, OTHER_AGENCY = "official", "community", "other_agency"
PURPOSES: tuple[tuple[str, str], ...] = (
    (OFFICIAL, "ใช้ในราชการของหน่วยงาน"),
    (COMMUNITY, "งานของชุมชนหรือกิจกรรมสาธารณประโยชน์"),
    (OTHER_AGENCY, "ใช้ในราชการของหน่วยงานของรัฐอื่น"),
)

STAFF, PUBLIC, AGENCY = "staff", "public", "agency"
BORROWERS: tuple[tuple[str, str], ...] = (
    (STAFF, "เจ้าหน้าที่ของหน่วยงาน"),
    (PUBLIC, "ประชาชน ชุมชน หรือองค์กรในพื้นที่"),
    (AGENCY, "หน่วยงานของรัฐอื่น"),
)

BORROWERS_SHORT = {STAFF: "เจ้าหน้าที่", PUBLIC: "ประชาชน/ชุมชน", AGENCY: "หน่วยงานอื่น"}

GOOD, WORN, BROKEN = "good", "worn", "broken"
CONDITIONS: tuple[tuple[str, str], ...] = (
    (GOOD, "ใช้งานได้ดี"),
    (WORN, "ชำรุดบางส่วน ยังใช้งานได้"),
    (BROKEN, "ชำรุด ใช้การไม่ได้"),
)

HORIZON_DAYS = 365  # how far ahead anyone may ask
LIMIT_DAYS = 90  # the longest loan an agency may allow at all
LEAD_LIMIT_DAYS = 60


def borrower_of(purpose: str, *, staff: bool) -> str:
    """The kind of borrower a request's purpose makes: staff borrow for official work; from
    outside, another agency's official use makes the borrower that agency."""
    if staff:
        return STAFF
    return AGENCY if purpose == OTHER_AGENCY else PUBLIC


def thai_day(day: date) -> str:
    """``31 มี.ค. 2570`` (Buddhist era, Arabic digits: the screen's rule turns them Thai if set)."""
    return thai_strftime(day, "%-d %b %Y")


def loan_days(start: date, end: date) -> int:
    """The days of a loan, counting the day lent and the day due back."""
    return (end - start).days + 1


# --------------------------------------------------------------------------- availability


@dataclass(frozen=True)
class Hold:
    """What one loan holds of one asset: `quantity` on every day from `start` to `end`
    (None: until it comes back)."""

    start: date
    end: date | None
    quantity: int

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def hold_of(start: date, due: date, quantity: int, *, out: bool, today: date) -> Hold:
    """The hold of a loan: a loan handed over (`out`) and past its due date holds its quantity
    until it comes back."""
    return Hold(start, None if out and due < today else due, quantity)


def free_on(total: int, holds: Iterable[Hold], day: date) -> int:
    return max(0, total - sum(h.quantity for h in holds if h.covers(day)))


def free_days(total: int, holds: Sequence[Hold], start: date, end: date) -> list[tuple[date, int]]:
    """(day, free) for every day from `start` to `end`."""
    if end < start:
        return []
    return [(start + timedelta(n), free_on(total, holds, start + timedelta(n))) for n in range((end - start).days + 1)]


def free_between(total: int, holds: Sequence[Hold], start: date, end: date) -> int:
    """What can be lent for the whole period: the least that is free on any of its days (the
    asset's quantity for an empty period)."""
    # Only the days a hold starts on (and the first day) can lower what is free.
    days = {start} | {h.start for h in holds if start <= h.start <= end}
    return min((free_on(total, holds, day) for day in days), default=max(0, total))


@dataclass(frozen=True)
class Run:
    """Consecutive days with the same amount free (less than the asset's quantity)."""

    start: date
    end: date
    free: int

    @property
    def label(self) -> str:
        if self.start == self.end:
            return thai_day(self.start)
        return f"{thai_day(self.start)} – {thai_day(self.end)}"


def busy_runs(total: int, holds: Sequence[Hold], start: date, days: int) -> list[Run]:
    """The stretches of the next `days` days on which less than the whole quantity is free."""
    runs: list[Run] = []
    for day, free in free_days(total, holds, start, start + timedelta(days - 1)):
        if free >= total:
            continue
        if runs and runs[-1].free == free and runs[-1].end + timedelta(1) == day:
            runs[-1] = Run(runs[-1].start, day, free)
        else:
            runs.append(Run(day, day, free))
    return runs


# --------------------------------------------------------------------------- the rules of a request


@dataclass(frozen=True)
class Rules:
    """The agency's borrowing rules: the longest loan, and how many days ahead a borrower from
    outside must ask."""

    max_days: int
    lead_days: int
    horizon_days: int = HORIZON_DAYS

    def __post_init__(self) -> None:
        if not 1 <= self.max_days <= LIMIT_DAYS:
            raise ValueError(f"max_days {self.max_days}")
        if not 0 <= self.lead_days <= LEAD_LIMIT_DAYS:
            raise ValueError(f"lead_days {self.lead_days}")


@dataclass(frozen=True)
class Line:
    """One asset of a request and what the checks need to know about it."""

    key: str  # the form field the line's problems belong to
    name: str
    count_unit: str
    total: int
    quantity: int
    lendable: bool = True  # False: broken or retired
    max_days: int | None = None
    holds: tuple[Hold, ...] = ()


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def longest(rules: Rules, lines: Iterable[Line] = ()) -> int:
    """The longest loan allowed: the agency's, or the shortest of the assets' own limits."""
    return min([rules.max_days, *(line.max_days for line in lines if line.max_days)])


def earliest_start(rules: Rules, today: date, *, outside: bool) -> date:
    return today + timedelta(rules.lead_days if outside else 0)


def check_dates(rules: Rules, start: date, end: date, today: date, *, outside: bool,
                lines: Sequence[Line] = ()) -> list[Problem]:
    """The dates' problems: in the past, too soon for a borrower from outside, too far ahead,
    due back before lent, longer than allowed."""
    problems: list[Problem] = []
    first = earliest_start(rules, today, outside=outside)
    if start < today:
        problems.append(Problem("start_on", "วันที่ยืมต้องไม่ก่อนวันนี้"))
    elif start < first:
        problems.append(Problem("start_on", f"ต้องยื่นคำขอล่วงหน้าอย่างน้อย {rules.lead_days} วันก่อนวันที่ยืม "
                                            f"จึงเลือกวันที่ยืมได้ตั้งแต่ {thai_day(first)} เป็นต้นไป"))
    elif start > today + timedelta(rules.horizon_days):
        problems.append(Problem("start_on", f"ยื่นคำขอล่วงหน้าได้ไม่เกิน {rules.horizon_days} วัน"))
    if end < start:
        problems.append(Problem("end_on", "วันที่ส่งคืนต้องไม่ก่อนวันที่ยืม"))
    else:
        most = longest(rules, lines)
        if loan_days(start, end) > most:
            which = next((line.name for line in lines if line.max_days == most and most < rules.max_days), "")
            why = f" ({which}ยืมได้ไม่เกิน {most} วัน)" if which else ""
            problems.append(Problem("end_on", f"ยืมได้ครั้งละไม่เกิน {most} วัน นับรวมวันที่ยืมและวันที่ส่งคืน "
                                              f"แต่ช่วงที่เลือกยาว {loan_days(start, end)} วัน{why}"))
    return problems


def check_line(line: Line, start: date, end: date) -> list[Problem]:
    """The quantity of one line against the asset and what is free for the whole period."""
    if not line.lendable:
        return [Problem(line.key, f"{line.name}งดให้ยืมอยู่ในขณะนี้")]
    if line.quantity < 1:
        return [Problem(line.key, f"จำนวนที่ขอยืมต้องเป็นอย่างน้อย 1 {line.count_unit}")]
    if line.quantity > line.total:
        return [Problem(line.key, f"{line.name}มีทั้งหมด {line.total} {line.count_unit} ขอยืมได้ไม่เกินจำนวนนี้")]
    if end < start:
        return []
    free = free_between(line.total, line.holds, start, end)
    if line.quantity > free:
        if free == 0:
            return [Problem(line.key, f"{line.name}ไม่ว่างในช่วงวันที่เลือก กรุณาเลือกช่วงวันอื่น")]
        return [Problem(line.key, f"ช่วงวันที่เลือก {line.name}ว่างให้ยืมได้เพียง {free} {line.count_unit}")]
    return []


def check_request(rules: Rules, lines: Sequence[Line], start: date, end: date, today: date, *,
                  outside: bool) -> list[Problem]:
    """Every problem of a request (nothing is saved unless this is empty)."""
    problems = check_dates(rules, start, end, today, outside=outside, lines=lines)
    if not lines:
        problems.append(Problem("lines", "กรุณาระบุพัสดุที่ขอยืมอย่างน้อยหนึ่งรายการ"))
    for line in lines:
        problems.extend(check_line(line, start, end))
    return problems


# --------------------------------------------------------------------------- overdue and due soon

OVERDUE, DUE_TODAY, DUE_TOMORROW = "overdue", "due_today", "due_tomorrow"
REMINDERS = {OVERDUE: "เกินกำหนดส่งคืน", DUE_TODAY: "ครบกำหนดส่งคืนวันนี้", DUE_TOMORROW: "ครบกำหนดส่งคืนพรุ่งนี้"}


def is_overdue(status: str, due: date, today: date) -> bool:
    return status == HANDED_OVER and today > due


def days_late(due: date, until: date) -> int:
    return max(0, (until - due).days)


def reminder_kind(status: str, due: date, today: date) -> str | None:
    """What a reminder about a loan would say today, or None."""
    if status != HANDED_OVER:
        return None
    if today > due:
        return OVERDUE
    if today == due:
        return DUE_TODAY
    if today + timedelta(1) == due:
        return DUE_TOMORROW
    return None


# --------------------------------------------------------------------------- the yearly summary


@dataclass(frozen=True)
class LoanLine:
    """One asset of one loan, as the summary counts it."""

    number: str  # the loan's number: lines of one loan count as one loan
    asset: str  # the asset's code and name, as the summary names it
    unit: str  # the unit in charge of the asset ("" when none)
    borrower: str  # STAFF, PUBLIC or AGENCY
    purpose: str
    status: str
    quantity: int
    start: date
    due: date
    handed_on: date | None = None
    returned_on: date | None = None
    damaged: int = 0
    lost: int = 0


@dataclass
class Tally:
    requests: int = 0  # loans asked for
    approved: int = 0  # approved, handed over or returned
    refused: int = 0
    cancelled: int = 0
    lent: int = 0  # handed over (returned or not)
    quantity: int = 0  # pieces handed over
    returned: int = 0
    late: int = 0  # returned after the due date
    overdue: int = 0  # out and past due at the summary's date
    damaged: int = 0  # pieces returned damaged
    lost: int = 0  # pieces not returned (lost)
    _numbers: dict[str, set[str]] = field(default_factory=dict, repr=False, compare=False)

    def add(self, line: LoanLine, as_of: date) -> None:
        """Counts `line`; a loan of several lines counts once in the loan counts."""
        def once(name: str) -> int:
            seen = self._numbers.setdefault(name, set())
            if line.number in seen:
                return 0
            seen.add(line.number)
            return 1

        self.requests += once("requests")
        if line.status in APPROVED_OR_LATER:
            self.approved += once("approved")
        elif line.status == REFUSED:
            self.refused += once("refused")
        elif line.status == CANCELLED:
            self.cancelled += once("cancelled")
        handed = line.handed_on is not None and line.handed_on <= as_of and line.status in LENT
        if not handed:
            return
        self.lent += once("lent")
        self.quantity += line.quantity
        back = line.returned_on is not None and line.returned_on <= as_of
        if back:
            self.returned += once("returned")
            if line.returned_on > line.due:  # type: ignore[operator]
                self.late += once("late")
            self.damaged += line.damaged
            self.lost += line.lost
        elif as_of > line.due:
            self.overdue += once("overdue")

    @property
    def counts(self) -> tuple[int, ...]:
        return (self.requests, self.approved, self.refused, self.cancelled, self.lent, self.quantity,
                self.returned, self.late, self.overdue, self.damaged, self.lost)


SUMMARY_HEADER: tuple[str, ...] = (
    "คำขอยืม (ครั้ง)", "อนุมัติ (ครั้ง)", "ไม่อนุมัติ (ครั้ง)", "ยกเลิก (ครั้ง)", "ส่งมอบแล้ว (ครั้ง)",
    "จำนวนพัสดุที่ให้ยืม (หน่วย)", "ส่งคืนแล้ว (ครั้ง)", "ส่งคืนล่าช้า (ครั้ง)", "ค้างส่งคืนเกินกำหนด (ครั้ง)",
    "ชำรุด (หน่วย)", "สูญหาย (หน่วย)")


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    tally: Tally


@dataclass(frozen=True)
class Summary:
    fiscal_year: int
    as_of: date
    total: Tally
    by_asset: tuple[Group, ...]
    by_unit: tuple[Group, ...]
    by_borrower: tuple[Group, ...]
    by_purpose: tuple[Group, ...]

    @property
    def empty(self) -> bool:
        return self.total.requests == 0


NO_UNIT = "ไม่ระบุกอง/สำนัก"


def summarise(lines: Iterable[LoanLine], fiscal_year: int, today: date) -> Summary:
    """The year's loans (those lent from a day of the fiscal year) counted as of `today`, or the
    year's last day for a year that has ended."""
    start, end = fiscal_year_bounds(fiscal_year)
    as_of = min(today, end)
    total = Tally()
    groups: dict[str, dict[str, Tally]] = {"asset": {}, "unit": {}, "borrower": {}, "purpose": {}}
    for line in lines:
        if fiscal_year_of(line.start) != fiscal_year:
            continue
        total.add(line, as_of)
        for name, key in (("asset", line.asset), ("unit", line.unit or NO_UNIT), ("borrower", line.borrower),
                          ("purpose", line.purpose)):
            groups[name].setdefault(key, Tally()).add(line, as_of)
    borrowers, purposes = dict(BORROWERS), dict(PURPOSES)

    def listed(name: str, labels: dict[str, str] | None) -> tuple[Group, ...]:
        found = groups[name]
        if labels is None:
            return tuple(Group(k, k, found[k]) for k in sorted(found))
        # the fixed kinds in their order, each shown even when nothing was borrowed
        return tuple(Group(k, label, found.get(k, Tally())) for k, label in labels.items())

    return Summary(fiscal_year, as_of, total, listed("asset", None), listed("unit", None),
                   listed("borrower", borrowers), listed("purpose", purposes))


__all__ = [
    "BORROWERS", "CONDITIONS", "HOLDING", "PURPOSES", "STATUSES", "SUMMARY_HEADER", "Group", "Hold", "Line",
    "LoanLine", "Problem", "Rules", "Run", "Summary", "Tally", "busy_runs", "check_dates", "check_line",
    "check_request", "free_between", "free_days", "free_on", "hold_of", "is_overdue", "longest", "reminder_kind",
    "summarise",
]
