"""Satisfaction surveys, the core (no Django): the standard template, the periods a summary
covers, and the scoring.

The template (``data/survey_template.yaml``) is checked when it is read: the 5-point scale from
5 to 1, the level of a mean, the sections with their items, the optional profile questions.

Scoring, for the answers of a period:

- respondents: the answers given (one answer = one person's form);
- for an item: the ratings given (1–5); "not applicable" is counted apart and is in neither the
  mean nor the share; an item that did not exist when someone answered is simply not asked;
- mean: the mean of the ratings; S.D.: the sample standard deviation (n − 1), as statistics
  packages print it, none below two ratings;
- share satisfied: the ratings of ``satisfied_from`` (4) and above, of the ratings given, in per
  cent;
- a section and the whole survey pool their items' ratings: every rating counts once, so a
  section's share is its satisfied ratings over its ratings (with no "not applicable" the
  pooled mean is the mean of the item means);
- a mean and a share are shown rounded half up to 2 decimals, and the level is read from the
  rounded mean, so the printed figure and its level always agree (4.505 → 4.51 มากที่สุด).

Periods follow the Thai fiscal year (1 October – 30 September, Buddhist era): the year, its
halves and its quarters (:func:`parse_period`: ``2569``, ``2569-h1``, ``2569-q3``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pythainlp.util.date import thai_abbr_months, thai_full_months

from prongsai.errors import InputError
from prongsai.thai import fiscal_month_end, fiscal_month_start, fiscal_year_bounds, fiscal_year_of
from prongsai.yamlio import YamlError, load_yaml_file

TEMPLATE_FILE = Path(__file__).with_name("data") / "survey_template.yaml"
PROFILE_KEYS = ("gender", "age_band", "respondent_type")
SCALE = (5, 4, 3, 2, 1)
_KEY = r"^[a-z][a-z0-9_]*$"


# --------------------------------------------------------------------------- the template


def _one_line(value: str) -> str:
    return " ".join(str(value).split())


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ScalePoint(_Strict):
    value: int = Field(ge=1, le=5)
    label: str = Field(min_length=1, max_length=40)


class Level(_Strict):
    min: float = Field(ge=1.0, le=5.0)
    label: str = Field(min_length=1, max_length=40)


class Section(_Strict):
    key: str = Field(pattern=_KEY, max_length=20)
    title: str = Field(min_length=1, max_length=120)
    items: tuple[str, ...] = Field(min_length=1, max_length=10)
    # The section rates the service as a whole (ความพึงพอใจโดยรวม): left out when the topics are
    # compared (the highest and lowest section).
    overall: bool = False

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return _one_line(value)

    @field_validator("items")
    @classmethod
    def _items(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        items = tuple(_one_line(v) for v in value)
        if any(not v or len(v) > 300 for v in items):
            raise ValueError("ข้อคำถามต้องไม่ว่างและยาวไม่เกิน 300 ตัวอักษร")
        if len(set(items)) != len(items):
            raise ValueError("มีข้อคำถามซ้ำกันในด้านเดียวกัน")
        return items


class ProfileChoice(_Strict):
    key: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=20)
    label: str = Field(min_length=1, max_length=60)


class ProfileQuestion(_Strict):
    key: Literal["gender", "age_band", "respondent_type"]
    label: str = Field(min_length=1, max_length=60)
    choices: tuple[ProfileChoice, ...] = Field(min_length=2, max_length=10)

    @model_validator(mode="after")
    def _unique(self) -> ProfileQuestion:
        keys = [c.key for c in self.choices]
        if len(set(keys)) != len(keys):
            raise ValueError(f"ตัวเลือกของ {self.label} ซ้ำกัน")
        return self

    def label_of(self, key: str) -> str:
        return next((c.label for c in self.choices if c.key == key), "")


class Template(_Strict):
    id: str
    version: str
    locale: Literal["th"] = "th"
    title: str = Field(min_length=1, max_length=200)
    intro: str = Field(min_length=1, max_length=1000)
    scale: tuple[ScalePoint, ...]
    not_applicable: str = Field(min_length=1, max_length=60)
    satisfied_from: int = Field(ge=2, le=5)
    levels: tuple[Level, ...] = Field(min_length=2)
    small_sample: int = Field(ge=1, le=1000)
    sections: tuple[Section, ...] = Field(min_length=1, max_length=10)
    profile: tuple[ProfileQuestion, ...] = ()

    @field_validator("intro")
    @classmethod
    def _intro(cls, value: str) -> str:
        return _one_line(value)

    @model_validator(mode="after")
    def _consistent(self) -> Template:
        if tuple(p.value for p in self.scale) != SCALE:
            raise ValueError("มาตราส่วนต้องมี 5 ระดับ เรียงจาก 5 ถึง 1")
        mins = [lv.min for lv in self.levels]
        if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins):
            raise ValueError("เกณฑ์ระดับความพึงพอใจต้องเรียงจากค่าเฉลี่ยมากไปน้อยและไม่ซ้ำกัน")
        if mins[-1] != 1.0:
            raise ValueError("เกณฑ์ระดับสุดท้ายต้องเริ่มที่ 1.00 เพื่อให้ทุกค่าเฉลี่ยมีระดับ")
        keys = [s.key for s in self.sections]
        if len(set(keys)) != len(keys):
            raise ValueError("รหัสด้าน (key) ซ้ำกัน")
        profile = [q.key for q in self.profile]
        if len(set(profile)) != len(profile):
            raise ValueError("คำถามข้อมูลผู้ตอบซ้ำกัน")
        return self

    # what the rest of the product asks the template

    def scale_label(self, value: int) -> str:
        return next(p.label for p in self.scale if p.value == value)

    def level(self, mean: Decimal | float | None) -> str:
        """The level of a mean as printed (2 decimals), e.g. 4.51 → มากที่สุด; "" for none."""
        if mean is None:
            return ""
        value = Decimal(str(mean))
        return next(lv.label for lv in self.levels if value >= Decimal(str(lv.min)))

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    @property
    def section_keys(self) -> tuple[str, ...]:
        return tuple(s.key for s in self.sections)

    def profile_question(self, key: str) -> ProfileQuestion | None:
        return next((q for q in self.profile if q.key == key), None)

    def criteria(self) -> list[tuple[str, str, str]]:
        """(from, to, level) of each level: ("4.51", "5.00", "มากที่สุด") …"""
        rows = []
        top = Decimal("5.00")
        for lv in self.levels:
            low = Decimal(str(lv.min)).quantize(Decimal("0.01"))
            rows.append((f"{low}", f"{top}", lv.label))
            top = low - Decimal("0.01")
        return rows


def load_template(path: Path = TEMPLATE_FILE) -> Template:
    try:
        data = load_yaml_file(Path(path))
    except YamlError as exc:
        raise InputError(str(exc), file=str(path), expected="ไฟล์ YAML ตามสคีมา Template") from None
    if not isinstance(data, dict):
        raise InputError("ไฟล์แบบสำรวจมาตรฐานต้องเป็นชุดข้อมูลแบบ key: value", file=str(path))
    try:
        return Template.model_validate(data)
    except ValidationError as exc:
        from prongsai.ita.library import describe_validation_error

        where, what = describe_validation_error(exc)
        raise InputError(f"แบบสำรวจมาตรฐานไม่ถูกต้อง: {what}", file=str(path), where=where,
                         expected="ตามสคีมา Template ใน prongsai.services.surveys") from None


@cache
def template() -> Template:
    return load_template()


# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class Period:
    """Days `start` to `end` (both included) of one fiscal year; `key` as :func:`parse_period` reads it."""

    start: date
    end: date
    key: str
    label: str

    @property
    def fiscal_year(self) -> int:
        return fiscal_year_of(self.start)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def until(self, today: date) -> date:
        """The last day with data: the period's end, or today while the period runs."""
        return min(self.end, max(today, self.start))


def _span(start: date, end: date) -> str:
    """``ต.ค. 2568 – มี.ค. 2569`` (Arabic digits: documents turn them Thai)."""
    first = f"{thai_abbr_months[start.month - 1]} {start.year + 543}"
    last = f"{thai_abbr_months[end.month - 1]} {end.year + 543}"
    return first if first == last else f"{first} – {last}"


def fiscal_year_period(year: int) -> Period:
    start, end = fiscal_year_bounds(year)
    return Period(start, end, str(year), f"ปีงบประมาณ {year}")


def half_period(year: int, half: int) -> Period:
    if half not in (1, 2):
        raise ValueError(half)
    start = fiscal_month_start(year, 1 + 6 * (half - 1))
    end = fiscal_month_end(year, 6 * half)
    name = "ครึ่งปีแรก" if half == 1 else "ครึ่งปีหลัง"
    return Period(start, end, f"{year}-h{half}", f"ปีงบประมาณ {year} {name} ({_span(start, end)})")


def quarter_period(year: int, quarter: int) -> Period:
    if quarter not in (1, 2, 3, 4):
        raise ValueError(quarter)
    start = fiscal_month_start(year, 1 + 3 * (quarter - 1))
    end = fiscal_month_end(year, 3 * quarter)
    return Period(start, end, f"{year}-q{quarter}", f"ปีงบประมาณ {year} ไตรมาสที่ {quarter} ({_span(start, end)})")


def periods_of(year: int) -> list[Period]:
    """The year, its halves and its quarters, for a period filter."""
    return [fiscal_year_period(year), half_period(year, 1), half_period(year, 2),
            *(quarter_period(year, q) for q in (1, 2, 3, 4))]


_PERIOD = re.compile(r"^(\d{4})(?:-(h[12]|q[1-4]))?$")


def parse_period(text: str) -> Period:
    """``2569`` (the fiscal year), ``2569-h1``/``h2`` (its halves), ``2569-q1``…``q4`` (its
    quarters); InputError in Thai for anything else."""
    raw = str(text or "").strip().lower()
    match = _PERIOD.match(raw)
    if not match or not 2500 <= int(match.group(1)) <= 2700:
        raise InputError(f"ไม่รู้จักช่วงเวลา '{str(text)[:20]}'", where="period",
                         expected="ปีงบประมาณ พ.ศ. เช่น 2569 หรือ 2569-h1 (ครึ่งปีแรก) หรือ 2569-q2 (ไตรมาสที่ 2)")
    year, part = int(match.group(1)), match.group(2)
    if part is None:
        return fiscal_year_period(year)
    if part[0] == "h":
        return half_period(year, int(part[1]))
    return quarter_period(year, int(part[1]))


def full_date(day: date) -> str:
    """``1 ตุลาคม พ.ศ. 2568`` (Arabic digits)."""
    return f"{day.day} {thai_full_months[day.month - 1]} พ.ศ. {day.year + 543}"


# --------------------------------------------------------------------------- scoring


def _half_up(value: Fraction) -> Decimal:
    """`value` rounded half up to 2 decimals, exactly (no float on the way)."""
    hundredths = math.floor(value * 100 + Fraction(1, 2))
    return (Decimal(hundredths) / 100).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Tally:
    """How often each point of the scale was chosen (``counts[0]`` is 1, ``counts[4]`` is 5),
    and how many chose "not applicable"."""

    counts: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)
    not_applicable: int = 0
    satisfied_from: int = field(default=4, compare=False)  # the template's: 4 counts 4 and 5

    @classmethod
    def of(cls, values: Iterable[int | None], satisfied_from: int = 4) -> Tally:
        counts = [0] * 5
        na = 0
        for v in values:
            if v is None:
                na += 1
            elif isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 5:
                counts[v - 1] += 1
            else:
                raise InputError(f"คะแนน {v!r} อยู่นอกมาตราส่วน", expected="1 ถึง 5 หรือ ไม่เกี่ยวข้อง")
        return cls(tuple(counts), na, satisfied_from)  # type: ignore[arg-type]

    def __add__(self, other: Tally) -> Tally:
        return Tally(tuple(a + b for a, b in zip(self.counts, other.counts, strict=True)),  # type: ignore[arg-type]
                     self.not_applicable + other.not_applicable, self.satisfied_from)

    @property
    def n(self) -> int:
        """Ratings given (not counting "not applicable")."""
        return sum(self.counts)

    @property
    def total(self) -> int:
        return sum(value * count for value, count in zip(range(1, 6), self.counts, strict=True))

    @property
    def mean_exact(self) -> Fraction | None:
        return Fraction(self.total, self.n) if self.n else None

    @property
    def mean(self) -> Decimal | None:
        """The mean rounded half up to 2 decimals (what is printed and what the level reads)."""
        exact = self.mean_exact
        return None if exact is None else _half_up(exact)

    @property
    def sd(self) -> Decimal | None:
        """Sample standard deviation, 2 decimals; None below two ratings."""
        if self.n < 2:
            return None
        exact = self.mean_exact
        squares = sum(count * (value - exact) ** 2 for value, count in zip(range(1, 6), self.counts, strict=True))
        variance = squares / (self.n - 1)
        return Decimal(math.sqrt(variance)).quantize(Decimal("0.01"))

    @property
    def satisfied(self) -> int:
        """Ratings of `satisfied_from` and above."""
        return sum(self.counts[self.satisfied_from - 1:])

    @property
    def share(self) -> Decimal | None:
        """Per cent of the ratings given that are satisfied ones, 2 decimals; None without ratings."""
        if not self.n:
            return None
        return _half_up(Fraction(100 * self.satisfied, self.n))


@dataclass(frozen=True)
class Question:
    """An item as the summary shows it: a stable `key`, its section, its wording, and a note
    (for an item no longer asked: since when)."""

    key: str
    section: str
    text: str
    note: str = ""


@dataclass(frozen=True)
class Answer:
    """One person's form: the day, the service, a rating per item key (None: not applicable;
    an item missing from `ratings` was not asked), the profile and the comment."""

    answered_on: date
    service: str
    ratings: Mapping[str, int | None]
    profile: Mapping[str, str] = field(default_factory=dict)
    comment: str = ""


@dataclass(frozen=True)
class ItemResult:
    number: str  # "1.2": section 1, item 2
    question: Question
    tally: Tally
    level: str


@dataclass(frozen=True)
class SectionResult:
    number: str
    key: str
    title: str
    items: tuple[ItemResult, ...]
    tally: Tally
    level: str
    overall: bool = False  # rates the service as a whole, not a topic


@dataclass(frozen=True)
class GroupResult:
    """The answers of one service, or of all services (``name`` "")."""

    name: str
    respondents: int
    sections: tuple[SectionResult, ...]
    tally: Tally
    level: str

    @property
    def by_key(self) -> dict[str, SectionResult]:
        return {s.key: s for s in self.sections}


@dataclass(frozen=True)
class ProfileRow:
    label: str
    count: int
    share: Decimal | None  # per cent of the respondents


@dataclass(frozen=True)
class ProfileCount:
    key: str
    label: str
    rows: tuple[ProfileRow, ...]  # each choice in the template's order, then "ไม่ระบุ"


@dataclass(frozen=True)
class Comment:
    answered_on: date
    service: str
    text: str


@dataclass(frozen=True)
class Summary:
    period: Period | None
    respondents: int
    overall: GroupResult
    by_service: tuple[GroupResult, ...]
    profile: tuple[ProfileCount, ...]
    comments: tuple[Comment, ...]  # oldest first
    small_sample: bool
    satisfied_from: int

    @property
    def empty(self) -> bool:
        return self.respondents == 0

    @property
    def given_profile(self) -> tuple[ProfileCount, ...]:
        """The profile questions at least one respondent answered."""
        return tuple(p for p in self.profile if any(r.count for r in p.rows if r.label != NOT_GIVEN))

    @property
    def rated_sections(self) -> list[SectionResult]:
        """The topics with ratings (not the section that rates the service as a whole)."""
        return [s for s in self.overall.sections if s.tally.n and not s.overall]

    def highest_section(self) -> SectionResult | None:
        rated = self.rated_sections
        return max(rated, key=lambda s: (s.tally.mean, -self.overall.sections.index(s))) if rated else None

    def lowest_section(self) -> SectionResult | None:
        rated = self.rated_sections
        return min(rated, key=lambda s: (s.tally.mean, self.overall.sections.index(s))) if rated else None

    def lowest_items(self, count: int = 3) -> list[ItemResult]:
        items = [i for s in self.overall.sections for i in s.items if i.tally.n]
        order = {id(i): n for n, i in enumerate(items)}
        return sorted(items, key=lambda i: (i.tally.mean, order[id(i)]))[:count]


NOT_GIVEN = "ไม่ระบุ"


def section_numbers(questions: Iterable[Question], tpl: Template) -> dict[str, int]:
    """Sections with items, numbered 1, 2 … in the template's order (an empty one takes no number)."""
    present = {q.section for q in questions}
    return {key: n for n, key in enumerate((k for k in tpl.section_keys if k in present), start=1)}


def _group(name: str, answers: Sequence[Answer], questions: Sequence[Question], tpl: Template) -> GroupResult:
    by_section: dict[str, list[ItemResult]] = {key: [] for key in tpl.section_keys}
    numbers = section_numbers(questions, tpl)
    for q in questions:
        values = [a.ratings[q.key] for a in answers if q.key in a.ratings]
        tally = Tally.of(values, tpl.satisfied_from)
        items = by_section[q.section]
        items.append(ItemResult(f"{numbers[q.section]}.{len(items) + 1}", q, tally, tpl.level(tally.mean)))
    sections = []
    whole = Tally(satisfied_from=tpl.satisfied_from)
    for key in tpl.section_keys:
        items = by_section[key]
        if not items:
            continue
        pooled = Tally(satisfied_from=tpl.satisfied_from)
        for i in items:
            pooled = pooled + i.tally
        whole = whole + pooled
        sections.append(SectionResult(str(numbers[key]), key, tpl.section(key).title, tuple(items), pooled,
                                      tpl.level(pooled.mean), tpl.section(key).overall))
    return GroupResult(name, len(answers), tuple(sections), whole, tpl.level(whole.mean))


def _profile(answers: Sequence[Answer], tpl: Template) -> tuple[ProfileCount, ...]:
    out = []
    total = len(answers)
    for q in tpl.profile:
        counted = Counter(a.profile.get(q.key, "") for a in answers)
        known = {c.key for c in q.choices}
        rows = [(c.label, counted.get(c.key, 0)) for c in q.choices]
        rows.append((NOT_GIVEN, sum(n for k, n in counted.items() if k not in known)))
        out.append(ProfileCount(q.key, q.label, tuple(
            ProfileRow(label, n, _half_up(Fraction(100 * n, total)) if total else None) for label, n in rows)))
    return tuple(out)


def summarise(answers: Iterable[Answer], questions: Sequence[Question], services: Sequence[str] = (),
              *, period: Period | None = None, tpl: Template | None = None) -> Summary:
    """The summary of the `answers` (those of `period` when one is given) over `questions` (in
    the order shown; sections in the template's order), by service in the order of `services`
    (services found only in the answers follow)."""
    tpl = tpl or template()
    keys = [q.key for q in questions]
    if len(set(keys)) != len(keys):
        raise InputError("ข้อคำถามมีรหัสซ้ำกัน", where="questions")
    for q in questions:
        if q.section not in tpl.section_keys:
            raise InputError(f"ไม่รู้จักด้าน '{q.section}' ของข้อคำถาม '{q.text[:40]}'", where="questions",
                             expected=", ".join(tpl.section_keys))
    chosen = [a for a in answers if period is None or period.contains(a.answered_on)]
    names = list(dict.fromkeys([*services, *(a.service for a in chosen)]))
    overall = _group("", chosen, questions, tpl)
    by_service = tuple(_group(name, [a for a in chosen if a.service == name], questions, tpl) for name in names)
    comments = tuple(Comment(a.answered_on, a.service, _one_line(a.comment))
                     for a in sorted(chosen, key=lambda a: a.answered_on) if _one_line(a.comment))
    return Summary(period, len(chosen), overall, by_service, _profile(chosen, tpl), comments,
                   0 < len(chosen) < tpl.small_sample, tpl.satisfied_from)


def decimal_text(value: Decimal | None) -> str:
    """``4.32``; an en dash for none."""
    return "–" if value is None else f"{value:.2f}"


__all__ = [
    "Answer", "Comment", "GroupResult", "ItemResult", "Period", "ProfileCount", "ProfileRow", "Question",
    "SectionResult", "Summary", "Tally", "Template", "decimal_text", "fiscal_year_period", "full_date",
    "half_period", "load_template", "parse_period", "periods_of", "quarter_period", "section_numbers", "summarise", "template",
]
