"""Starting this year from last year (issue 14, "start this year from last year"): the rules that
need no database.

- `shift_year`: a measure's timeframe moves by whole fiscal years, the same day and month a year
  later; 29 February falls back to 28 February (the last day of the same month), so a timeframe
  inside one fiscal year stays inside the next one.
- `basis_for`: which ITA result the new plan answers: the one of the year before the plan year,
  or, while that result is not entered yet, the latest earlier one (and says so).
- `check_coverage`: the carried measures against this year's analysis: the weaknesses no carried
  measure addresses, and the carried measures that address only indicators no longer weak.
- `year_mentions`: texts that still name last year's fiscal year.
- `carry_checklist`: which of last year's OIT checks become which of this year's, and why the
  others do not.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from prongsai.thai import to_thai_digits

# --- dates -------------------------------------------------------------------------------------


def shift_year(day: date | None, years: int = 1) -> date | None:
    """The same day and month `years` later; a day the later month lacks (29 February) becomes
    that month's last day. None stays None (a measure without a timeframe)."""
    if day is None:
        return None
    year = day.year + years
    last = calendar.monthrange(year, day.month)[1]
    return date(year, day.month, min(day.day, last))


def shift_period(start: date | None, end: date | None, years: int = 1) -> tuple[date | None, date | None]:
    return shift_year(start, years), shift_year(end, years)


# --- the result the new plan answers ------------------------------------------------------------


@dataclass(frozen=True)
class Basis:
    year: int | None  # the result year the new plan is based on (None: the agency has no result)
    expected: int  # the result a plan of `plan_year` normally answers: the year before it
    plan_year: int

    @property
    def missing(self) -> bool:
        return self.year != self.expected

    @property
    def note(self) -> str:
        """Why the basis is not the expected year, in Thai; empty when it is."""
        if not self.missing:
            return ""
        if self.year is None:
            return (f"ยังไม่มีผลการประเมินปี {self.expected} และไม่มีผลการประเมินปีก่อนหน้า แผนมาตรการปี {self.plan_year} "
                    f"จึงยังไม่ได้อ้างอิงผลการประเมิน เมื่อได้รับผลการประเมินปี {self.expected} แล้ว "
                    "กรุณาบันทึกผลและตรวจทานมาตรการอีกครั้ง")
        return (f"ยังไม่มีผลการประเมินปี {self.expected} แผนมาตรการปี {self.plan_year} จึงอ้างอิงผลการประเมินปี {self.year} "
                f"ซึ่งเป็นผลล่าสุดที่มี เมื่อได้รับผลการประเมินปี {self.expected} แล้ว "
                "กรุณาบันทึกผลและตรวจทานมาตรการอีกครั้ง")


def basis_for(plan_year: int, result_years: Iterable[int]) -> Basis:
    """The result a new plan of `plan_year` answers: the year before it when entered, else the
    latest earlier result (never a later one: a plan cannot answer a result not yet announced)."""
    usable = [y for y in result_years if y < plan_year]
    expected = plan_year - 1
    year = expected if expected in usable else (max(usable) if usable else None)
    return Basis(year, expected, plan_year)


# --- coverage -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CarriedMeasure:
    number: int  # its place in the new plan, from 1
    title: str
    indicators: tuple[int, ...] = ()
    items: tuple[str, ...] = ()  # item codes in this year's numbering


@dataclass(frozen=True)
class Weakness:
    no: int
    name: str


@dataclass(frozen=True)
class WeakItem:
    code: str
    label: str
    indicator: int | None = None


@dataclass(frozen=True)
class Coverage:
    uncovered: tuple[Weakness, ...] = ()  # weak indicators no carried measure addresses
    uncovered_items: tuple[WeakItem, ...] = ()  # weak items neither named nor under an addressed indicator
    no_longer_weak: tuple[CarriedMeasure, ...] = ()  # measures whose indicators and items are no longer weak
    unlinked: tuple[CarriedMeasure, ...] = ()  # measures that name no indicator or item at all

    @property
    def clean(self) -> bool:
        return not (self.uncovered or self.uncovered_items or self.no_longer_weak)


def check_coverage(measures: Sequence[CarriedMeasure], weaknesses: Sequence[Weakness],
                   weak_items: Sequence[WeakItem] = ()) -> Coverage:
    """Which of this year's weaknesses the carried measures leave open, and which carried measures
    address nothing weak this year. A weak item counts as addressed when a measure names it or
    addresses its indicator; a measure that names no indicator nor item is listed apart (nothing
    can be said about it)."""
    addressed = {n for m in measures for n in m.indicators}
    named = {c for m in measures for c in m.items}
    weak_nos = {w.no for w in weaknesses}
    weak_codes = {i.code for i in weak_items}
    uncovered = tuple(w for w in weaknesses if w.no not in addressed)
    uncovered_items = tuple(i for i in weak_items if i.code not in named and i.indicator not in addressed)
    linked = [m for m in measures if m.indicators or m.items]
    stale = tuple(m for m in linked if not (set(m.indicators) & weak_nos) and not (set(m.items) & weak_codes))
    unlinked = tuple(m for m in measures if not (m.indicators or m.items))
    return Coverage(uncovered, uncovered_items, stale, unlinked)


def coverage_lines(coverage: Coverage, result_year: int) -> list[str]:
    """The review note in Thai, one line per finding (empty when nothing needs a look)."""
    lines = []
    if coverage.uncovered:
        names = ", ".join(f"ตัวชี้วัดที่ {w.no} {w.name}" for w in coverage.uncovered)
        lines.append(f"จุดอ่อนตามผลการประเมินปี {result_year} ที่ยังไม่มีมาตรการรองรับ "
                     f"ควรเพิ่มมาตรการหรือปรับมาตรการเดิม: {names}")
    if coverage.uncovered_items:
        codes = ", ".join(i.code for i in coverage.uncovered_items)
        lines.append(f"ข้อที่ได้คะแนนต่ำกว่าเกณฑ์หรือไม่ผ่านตามผลการประเมินปี {result_year} "
                     f"ซึ่งยังไม่มีมาตรการใดระบุถึง: {codes}")
    if coverage.no_longer_weak:
        numbers = ", ".join(str(m.number) for m in coverage.no_longer_weak)
        lines.append(f"มาตรการที่ {numbers} แก้ไขตัวชี้วัดหรือข้อซึ่งไม่เป็นจุดอ่อนแล้วตามผลการประเมินปี {result_year} "
                     "ควรพิจารณาว่าจะคงไว้ ปรับปรุง หรือตัดออกจากแผน")
    return lines


# --- texts that still name last year ----------------------------------------------------------


def year_mentions(text: str, year: int) -> bool:
    """Whether `text` names the Buddhist-era `year` (Arabic or Thai digits, not inside a longer
    number): a step like "รายงานผลภายใน ก.ย. 2569" carried into 2570 needs a look."""
    for written in {str(year), to_thai_digits(str(year))}:
        if re.search(rf"(?<![0-9๐-๙]){re.escape(written)}(?![0-9๐-๙])", text or ""):
            return True
    return False


# --- the OIT checklist --------------------------------------------------------------------------

WHY_TH = {
    "removed": "ไม่มีข้อนี้ในรายการ OIT ปี {year}",
    "unknown": "ยังไม่ทราบชื่อข้อนี้ในกรอบการประเมิน จึงเทียบกับรายการ OIT ปี {year} ไม่ได้",
    "none": "ไม่พบข้อที่ตรงกันในรายการ OIT ปี {year}",
}


@dataclass(frozen=True)
class Unmatched:
    code: str  # last year's code
    why: str  # Thai


@dataclass(frozen=True)
class Merged:
    code: str  # last year's code
    into: str  # this year's code, already taking another of last year's items
    taken_from: str  # that other item


@dataclass
class ChecklistCarry:
    carry: dict[str, str] = field(default_factory=dict)  # this year's code → last year's code
    unmatched: list[Unmatched] = field(default_factory=list)
    merged: list[Merged] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # this year's codes that have a check already
    nothing: list[str] = field(default_factory=list)  # last year's codes with no page, owner or note
    new_items: list[str] = field(default_factory=list)  # this year's items no item of last year leads to
    empty: list[str] = field(default_factory=list)  # this year's items whose last-year item was not checked


def carry_checklist(previous: Mapping[str, bool], counterparts: Mapping[str, str | None],
                    this_year: Sequence[str], existing: Iterable[str], year: int,
                    why: Mapping[str, str] | None = None, predecessors: Iterable[str] = ()) -> ChecklistCarry:
    """Which of last year's checks start this year's, and what becomes of every other item.

    previous: last year's code → whether its check holds something to carry (a page, owner or
    note); counterparts: last year's code → this year's code (None: no counterpart); this_year:
    this year's codes in order; existing: this year's codes already checked; why: last year's
    code → a change kind of prongsai.ita.changes ("removed", "unknown") for the reason; and
    predecessors: this year's codes that some item of last year's list leads to (checked or not).
    Each of last year's codes lands in exactly one of carry (as a value), unmatched, merged,
    already (by its counterpart) and nothing."""
    here = set(this_year)
    existing = set(existing) & here
    why = why or {}
    out = ChecklistCarry()
    for code in sorted(previous, key=_code_key):
        target = counterparts.get(code)
        if target is None or target not in here:
            reason = WHY_TH.get(why.get(code, "none"), WHY_TH["none"]).format(year=year)
            out.unmatched.append(Unmatched(code, reason))
        elif target in existing:
            if target not in out.already:
                out.already.append(target)
        elif not previous[code]:
            out.nothing.append(code)
        elif target in out.carry:
            out.merged.append(Merged(code, target, out.carry[target]))
        else:
            out.carry[target] = code
    leads = set(predecessors) | {t for t in counterparts.values() if t}
    for code in this_year:
        if code in out.carry or code in existing:
            continue
        (out.empty if code in leads else out.new_items).append(code)
    return out


def _code_key(code: str) -> tuple[str, int]:
    digits = "".join(ch for ch in code if ch.isdigit())
    return (code[:1], int(digits) if digits else 0)
