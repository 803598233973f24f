"""Requests for a service (E-Service), the core: no Django, no database.

- Tracking codes: 10 characters from an alphabet without the look-alikes (0/O, 1/I/L), about 49
  bits drawn from the operating system's random source, shown to the applicant as ``ABCDE-23456``.
  :func:`normalised` reads a code as people type it: lower case, spaces or dashes, Thai digits,
  and a code typed with the Thai keyboard layout still on ("ฟิแก" for "ABCD").
- The fields a request type asks, kept as data (a list of :class:`FieldSpec`), and its steps
  (:class:`StepSpec`) and documents: :func:`parse_fields`, :func:`parse_steps` and
  :func:`parse_documents` check what an officer entered and raise :class:`SpecError` with one
  Thai sentence per problem, naming the row.
- Deadlines and their marks: :func:`due_on` (working days, prongsai.channels.deadlines),
  :func:`timeliness`.
- The service statistics of a fiscal year (October–September), as the OIT item on service
  statistics asks for them: for each month, the first six months and the year, how many
  requests came in, how many were finished on time, how many late, and how many are still in
  progress; the same for each request type. A request is finished on time when it was finished
  (done, or refused with a reason) on or before its due day, late when after; a request not
  finished by the day the figures are as of is in progress. :func:`from_tallies` adds up counts
  the database made per day and type; :func:`statistics` counts plain :class:`Case` objects.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from prongsai.channels.deadlines import add_working_days
from prongsai.thai import fiscal_month_end, fiscal_month_start, fiscal_year_bounds, to_arabic_digits

# --------------------------------------------------------------------------- tracking codes

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: nothing to misread
CODE_LENGTH = 10
GROUP = 5
# The Thai (Kedmanee) keyboard: the character each key gives without and with Shift, so that a
# code typed with the Thai layout still on reads as the keys pressed.
_KEYS = "1234567890-=qwertyuiop[]asdfghjkl;'zxcvbnm,./"
_THAI_PLAIN = "ๅ/-ภถุึคตจขชๆไำพะัีรนยบลฟหกดเ้่าสวงผปแอิืทมใฝ"
_SHIFT_KEYS = "!@#$%^&*()_+QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>?"
_THAI_SHIFT = "+๑๒๓๔ู฿๕๖๗๘๙๐\"ฎฑธํ๊ณฯญฐ,ฤฆฏโฌ็๋ษศซ.()ฉฮฺ์?ฒฬฦ"
_LAYOUT = {**dict(zip(_THAI_PLAIN, _KEYS, strict=True)), **dict(zip(_THAI_SHIFT, _SHIFT_KEYS, strict=True))}
_THAI_CHAR = re.compile(r"[\u0e01-\u0e4f]")
_SEPARATORS = re.compile(r"[\s\-–—_.·]+")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def grouped(code: str) -> str:
    """``ABCDE-23456``: two groups are easier to copy down and read out over the phone."""
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))


def normalised(typed: object) -> str | None:
    """The code as typed, or None when it cannot be one."""
    text = str(typed or "").strip()
    if len(text) > 40:
        return None
    if _THAI_CHAR.search(text):
        # The Thai layout was on: read the keys pressed. Thai digits (Shift+number keys) stay digits.
        text = "".join(_LAYOUT.get(ch, ch) if not "๐" <= ch <= "๙" else ch for ch in text)
    text = _SEPARATORS.sub("", to_arabic_digits(text)).upper()
    if len(text) != CODE_LENGTH or any(ch not in ALPHABET for ch in text):
        return None
    return text


# --------------------------------------------------------------------------- the fields asked

KINDS: dict[str, str] = {
    "text": "ข้อความสั้น",
    "long": "ข้อความยาว",
    "number": "ตัวเลข",
    "date": "วันที่",
    "choice": "ตัวเลือก",
}
MAX_FIELDS = 20
MAX_CHOICES = 30
MAX_STEPS = 15
MAX_DOCUMENTS = 20
LABEL_MAX = 150
HELP_MAX = 200
CHOICE_MAX = 100
STEP_MAX = 300
RESPONSIBLE_MAX = 150
TIME_MAX = 100
DOCUMENT_MAX = 200
# Asked of every applicant by the request form itself.
ALWAYS_ASKED = ("ชื่อ-นามสกุล", "ชื่อผู้ยื่นคำขอ", "ชื่อ-นามสกุลผู้ยื่นคำขอ", "ช่องทางติดต่อกลับ", "เบอร์โทรศัพท์")


class SpecError(ValueError):
    """What is wrong with an officer's entries: one Thai sentence per problem."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


@dataclass(frozen=True)
class FieldSpec:
    label: str
    kind: str = "text"
    required: bool = True
    choices: tuple[str, ...] = ()
    help: str = ""

    def as_data(self) -> dict[str, Any]:
        return {"label": self.label, "kind": self.kind, "required": self.required, "choices": list(self.choices),
                "help": self.help}

    @property
    def kind_th(self) -> str:
        return KINDS.get(self.kind, self.kind)


@dataclass(frozen=True)
class StepSpec:
    text: str
    responsible: str = ""  # blank: the request type's unit
    time: str = ""

    def as_data(self) -> dict[str, str]:
        return {"text": self.text, "responsible": self.responsible, "time": self.time}


def clean_text(value: object) -> str:
    """One line of text: runs of white space (line breaks too) become one space."""
    return " ".join(str(value if value is not None else "").split())


def _same(text: str) -> str:
    return clean_text(text).casefold().replace(" ", "")


def split_choices(value: object) -> list[str]:
    """Choices typed one per line or separated by commas."""
    if isinstance(value, list | tuple):
        parts = [str(v) for v in value]
    else:
        parts = re.split(r"[\n,]", str(value or ""))
    return [c for c in (clean_text(p) for p in parts) if c]


def parse_fields(rows: Iterable[Mapping[str, Any]]) -> tuple[FieldSpec, ...]:
    """The fields from rows of {label, kind, required, choices, help}; rows with nothing typed
    are skipped. SpecError lists every problem, each naming its row (ช่องที่ ๒) and label."""
    problems: list[str] = []
    specs: list[FieldSpec] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping):
            problems.append(f"ช่องที่ {number}: ข้อมูลไม่ถูกต้อง")
            continue
        label = clean_text(row.get("label"))
        kind = clean_text(row.get("kind")) or "text"
        choices = split_choices(row.get("choices"))
        help_ = clean_text(row.get("help"))
        if not label and not choices and not help_:
            continue
        where = f"ช่องที่ {number}" + (f" “{label[:40]}”" if label else "")
        if not label:
            problems.append(f"{where}: กรุณากรอกชื่อช่อง (สิ่งที่ถามผู้ยื่นคำขอ เช่น บ้านเลขที่และหมู่ที่)")
        elif len(label) > LABEL_MAX:
            problems.append(f"{where}: ชื่อช่องยาวเกิน {LABEL_MAX} ตัวอักษร")
        elif _same(label) in seen:
            problems.append(f"{where}: ชื่อช่องซ้ำกับช่องที่ {seen[_same(label)]} ให้ตั้งชื่อช่องไม่ให้ซ้ำกัน")
        elif _same(label) in {_same(a) for a in ALWAYS_ASKED}:
            problems.append(f"{where}: ไม่ต้องเพิ่มช่องนี้ แบบคำขอถามชื่อ-นามสกุลและช่องทางติดต่อกลับของผู้ยื่นคำขอทุกครั้งอยู่แล้ว")
        if label:
            seen.setdefault(_same(label), number)
        if kind not in KINDS:
            problems.append(f"{where}: ไม่รู้จักชนิดข้อมูล “{kind[:20]}” (เลือกได้: {', '.join(KINDS.values())})")
        elif kind == "choice":
            if len(choices) < 2:
                problems.append(f"{where}: ชนิด “ตัวเลือก” ต้องมีตัวเลือกอย่างน้อย 2 ตัวเลือก พิมพ์บรรทัดละหนึ่งตัวเลือก")
            elif len(choices) > MAX_CHOICES:
                problems.append(f"{where}: มีตัวเลือกได้ไม่เกิน {MAX_CHOICES} ตัวเลือก")
            elif len({_same(c) for c in choices}) != len(choices):
                problems.append(f"{where}: มีตัวเลือกซ้ำกัน")
            elif any(len(c) > CHOICE_MAX for c in choices):
                problems.append(f"{where}: ตัวเลือกแต่ละตัวยาวได้ไม่เกิน {CHOICE_MAX} ตัวอักษร")
        elif choices:
            problems.append(f"{where}: ชนิด “{KINDS[kind]}” ไม่ใช้ตัวเลือก ให้ลบตัวเลือกออก หรือเปลี่ยนชนิดเป็น “ตัวเลือก”")
        if len(help_) > HELP_MAX:
            problems.append(f"{where}: คำอธิบายยาวเกิน {HELP_MAX} ตัวอักษร")
        specs.append(FieldSpec(label, kind, bool(row.get("required")), tuple(choices) if kind == "choice" else (),
                               help_))
    if len(specs) > MAX_FIELDS:
        problems.append(f"แบบคำขอมีช่องได้ไม่เกิน {MAX_FIELDS} ช่อง (มี {len(specs)} ช่อง)")
    if problems:
        raise SpecError(problems)
    return tuple(specs)


def fields_from_data(data: object) -> tuple[FieldSpec, ...]:
    """The fields as stored (already checked when saved); SpecError when the data was changed
    outside the application into something unusable."""
    if not isinstance(data, list):
        raise SpecError(["ข้อมูลช่องของแบบคำขอไม่ถูกต้อง"])
    return parse_fields(data)


def parse_steps(rows: Iterable[Mapping[str, Any]]) -> tuple[StepSpec, ...]:
    """The steps of the service (for the service manual) from rows of {text, responsible, time}."""
    problems: list[str] = []
    steps: list[StepSpec] = []
    for number, row in enumerate(rows, start=1):
        text, responsible, time = (clean_text(row.get(k)) for k in ("text", "responsible", "time"))
        if not (text or responsible or time):
            continue
        where = f"ขั้นตอนที่ {number}"
        if not text:
            problems.append(f"{where}: กรุณากรอกรายละเอียดของขั้นตอน")
        elif len(text) > STEP_MAX:
            problems.append(f"{where}: รายละเอียดยาวเกิน {STEP_MAX} ตัวอักษร")
        if len(responsible) > RESPONSIBLE_MAX:
            problems.append(f"{where}: ผู้รับผิดชอบยาวเกิน {RESPONSIBLE_MAX} ตัวอักษร")
        if not time:
            problems.append(f"{where}: กรุณากรอกระยะเวลาของขั้นตอน เช่น 1 วันทำการ หรือ 15 นาที")
        elif len(time) > TIME_MAX:
            problems.append(f"{where}: ระยะเวลายาวเกิน {TIME_MAX} ตัวอักษร")
        steps.append(StepSpec(text, responsible, time))
    if not steps and not problems:
        problems.append("กรุณากรอกขั้นตอนการให้บริการอย่างน้อย 1 ขั้นตอน (คู่มือการให้บริการต้องแสดงขั้นตอนและระยะเวลา)")
    if len(steps) > MAX_STEPS:
        problems.append(f"มีขั้นตอนได้ไม่เกิน {MAX_STEPS} ขั้นตอน (มี {len(steps)} ขั้นตอน)")
    if problems:
        raise SpecError(problems)
    return tuple(steps)


def steps_from_data(data: object) -> tuple[StepSpec, ...]:
    if not isinstance(data, list):
        raise SpecError(["ข้อมูลขั้นตอนไม่ถูกต้อง"])
    return tuple(StepSpec(clean_text(r.get("text")), clean_text(r.get("responsible")), clean_text(r.get("time")))
                 for r in data if isinstance(r, Mapping) and clean_text(r.get("text")))


def parse_documents(text: object) -> tuple[str, ...]:
    """The documents an applicant brings or attaches, one per line (a leading "1." or "-" is
    dropped); none is a valid answer (the manual then says there are none)."""
    lines = str(text or "").splitlines() if not isinstance(text, list | tuple) else [str(t) for t in text]
    documents = []
    problems = []
    for line in lines:
        item = clean_text(re.sub(r"^\s*(?:[-•*]|\(?[0-9๐-๙]{1,2}[.)])\s*", "", line))
        if not item:
            continue
        if len(item) > DOCUMENT_MAX:
            problems.append(f"เอกสารรายการที่ {len(documents) + 1} ยาวเกิน {DOCUMENT_MAX} ตัวอักษร")
        documents.append(item)
    if len(documents) > MAX_DOCUMENTS:
        problems.append(f"ระบุเอกสารได้ไม่เกิน {MAX_DOCUMENTS} รายการ (มี {len(documents)} รายการ)")
    if problems:
        raise SpecError(problems)
    return tuple(documents)


# --------------------------------------------------------------------------- deadlines

NO_FEE = "ไม่มีค่าธรรมเนียม"


def fee_text(fee: str) -> str:
    """What the manual and the public page say about the fee: the officer's text, or that
    there is none (the OIT item must not leave it blank)."""
    return clean_text(fee) or NO_FEE


def due_on(received: date, working_days: int) -> date:
    return add_working_days(received, working_days)


ON_TIME, LATE, IN_PROGRESS = "on_time", "late", "in_progress"


def timeliness(due: date, finished: date | None, as_of: date) -> str:
    """ON_TIME or LATE for a request finished on or before `as_of`, else IN_PROGRESS."""
    if finished is None or finished > as_of:
        return IN_PROGRESS
    return ON_TIME if finished <= due else LATE


def days_late(due: date, finished: date | None, today: date) -> int:
    """Calendar days past the due day: of a finished request when it was finished, of an open
    one today (0 when not late)."""
    end = finished or today
    return max(0, (end - due).days)


# --------------------------------------------------------------------------- statistics

FIRST_HALF_MONTHS = 6


@dataclass(frozen=True)
class Counts:
    received: int = 0
    on_time: int = 0
    late: int = 0

    @property
    def finished(self) -> int:
        return self.on_time + self.late

    @property
    def in_progress(self) -> int:
        return self.received - self.finished

    @property
    def on_time_percent(self) -> float | None:
        """The share of finished requests finished on time (None when none is finished)."""
        return None if not self.finished else 100 * self.on_time / self.finished

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.received + other.received, self.on_time + other.on_time, self.late + other.late)


@dataclass(frozen=True)
class Month:
    fiscal_month: int  # 1 = October
    start: date
    end: date
    counts: Counts
    started: bool  # False for a month after `as_of`: nothing to count yet


@dataclass(frozen=True)
class TypeRow:
    """One request type's counts: by month (12, October first), the first six months, the year."""

    key: Any
    label: str
    months: tuple[Counts, ...]
    first_half: Counts
    year: Counts


@dataclass(frozen=True)
class ServiceStatistics:
    fiscal_year: int
    as_of: date
    months: list[Month]
    first_half: Counts
    year: Counts
    types: list[TypeRow] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.year.received == 0

    @property
    def first_half_over(self) -> bool:
        return self.as_of >= fiscal_month_end(self.fiscal_year, FIRST_HALF_MONTHS)

    @property
    def year_over(self) -> bool:
        return self.as_of >= fiscal_year_bounds(self.fiscal_year)[1]

    @property
    def started_months(self) -> list[Month]:
        return [m for m in self.months if m.started]

    @property
    def latest_month(self) -> Month:
        """The month of `as_of` (September for a year that is over)."""
        started = self.started_months
        return started[-1] if started else self.months[0]


@dataclass(frozen=True)
class Case:
    received: date
    due: date
    finished: date | None  # the day it was done or refused; None while in progress
    type_key: Any = ""


@dataclass(frozen=True)
class Tally:
    """Requests of one type received on one day (or in one month): what the database counts."""

    day: date
    type_key: Any
    received: int
    on_time: int  # of those, finished on or before `as_of` and on or before their due day
    late: int  # finished on or before `as_of`, after their due day


def statistics(cases: Iterable[Case], fiscal_year: int, as_of: date,
               types: Sequence[tuple[Any, str]] = ()) -> ServiceStatistics:
    """Counts by the month a request was received; requests outside the year or received after
    `as_of` are not counted."""
    start, end = fiscal_year_bounds(fiscal_year)
    tallies: dict[tuple[date, Any], list[int]] = {}
    for case in cases:
        if not start <= case.received <= end or case.received > as_of:
            continue
        tally = tallies.setdefault((case.received.replace(day=1), case.type_key), [0, 0, 0])
        tally[0] += 1
        state = timeliness(case.due, case.finished, as_of)
        tally[1] += state == ON_TIME
        tally[2] += state == LATE
    return from_tallies((Tally(d, k, r, o, late) for (d, k), (r, o, late) in tallies.items()), fiscal_year, as_of,
                        types)


def from_tallies(tallies: Iterable[Tally], fiscal_year: int, as_of: date,
                 types: Sequence[tuple[Any, str]] = ()) -> ServiceStatistics:
    """The statistics from counts per day (or month) and type. `types` lists the types to show
    (with none received, a row of zeros) in order; a type found only in the tallies follows."""
    start, _end = fiscal_year_bounds(fiscal_year)
    per_month = [Counts() for _ in range(12)]
    per_type: dict[Any, list[Counts]] = {key: [Counts() for _ in range(12)] for key, _label in types}
    for tally in tallies:
        if tally.received < 0 or tally.on_time < 0 or tally.late < 0 or tally.on_time + tally.late > tally.received:
            raise ValueError(f"impossible counts in {tally}")
        month = (tally.day.year - start.year) * 12 + tally.day.month - start.month
        if not 0 <= month < 12:
            raise ValueError(f"{tally.day} is outside fiscal year {fiscal_year}")
        counts = Counts(tally.received, tally.on_time, tally.late)
        per_month[month] = per_month[month] + counts
        row = per_type.get(tally.type_key)
        if row is None:
            row = per_type[tally.type_key] = [Counts() for _ in range(12)]
        row[month] = row[month] + counts
    months = [Month(m, fiscal_month_start(fiscal_year, m), fiscal_month_end(fiscal_year, m), per_month[m - 1],
                    fiscal_month_start(fiscal_year, m) <= as_of) for m in range(1, 13)]
    labels = dict(types)
    rows = [TypeRow(key, labels.get(key, str(key) or "ไม่ระบุประเภท"), tuple(counts),
                    sum(counts[:FIRST_HALF_MONTHS], Counts()), sum(counts, Counts()))
            for key, counts in per_type.items()]
    return ServiceStatistics(fiscal_year, as_of, months, sum(per_month[:FIRST_HALF_MONTHS], Counts()),
                             sum(per_month, Counts()), rows)


__all__ = [
    "ALPHABET", "CODE_LENGTH", "KINDS", "NO_FEE", "Case", "Counts", "FieldSpec", "Month", "ServiceStatistics",
    "SpecError", "StepSpec", "Tally", "TypeRow", "days_late", "due_on", "fee_text", "fields_from_data",
    "from_tallies", "grouped", "new_code", "normalised", "parse_documents", "parse_fields", "parse_steps",
    "split_choices", "statistics", "steps_from_data", "timeliness",
]
