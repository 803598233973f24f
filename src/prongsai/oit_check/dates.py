"""Buddhist-era dates, months and fiscal years in the text an agency publishes (design §5.4).

An OIT item scores 0 when it shows last year's data, so the readiness checker must tell, from
the words of a page or document, which fiscal years and which months it is about. This module
finds those mentions and answers the checker's four questions: does the text show fiscal year
N, which months of N does it show, which completed months of N are missing, and does it cover
the first six months of N (the "รอบ 6 เดือน" report). Plain Python, no I/O.

Fiscal year (ปีงบประมาณ) N runs from 1 October BE N-1 to 30 September BE N; its fiscal months
are numbered 1 (October) to 12 (September).

What is read (Thai or Arabic digits, mixed too):

- dates: ``15 มกราคม 2567``, ``15 ม.ค. 67``, ``๑๕ มกราคม พ.ศ. ๒๕๖๗``, ``15/1/2567``, ``15-01-67``,
  ISO ``2024-01-15`` (a year from 2400 on is BE, below it CE, as in `prongsai.thai`);
- months: ``มกราคม 2567``, ``ม.ค.67``, ``เดือนตุลาคม พ.ศ. 2566``, ``มค 67`` (an abbreviation
  without dots only directly before a year and not inside a word), ``ตุลาคม ค.ศ. 2023``;
- ranges between two of those (``–``, ``-``, ``ถึง``, ``จนถึงวันที่``): ``ต.ค. 66 - มี.ค. 67``,
  ``1 ต.ค. 2566 ถึง 31 มี.ค. 2567``, ``ตุลาคม – ธันวาคม 2566`` (the year written once, at the
  end, belongs to the last month: ``ตุลาคม – มีนาคม 2567`` is Oct 2566 – Mar 2567), also
  ``1/10/2566 - 31/03/2567``; every month of a range of up to 24 months becomes a month
  mention; a longer or reversed range is only its two ends, and a line break before the dash
  makes a list (``- ตุลาคม 2566⏎- มีนาคม 2567``), not a range;
- fiscal years: ``ปีงบประมาณ พ.ศ. 2567``, ``ปีงบ 67``, ``ปีงบฯ 2567``, ``ประจำปีงบประมาณ ๒๕๖๗``,
  ``FY2567`` (``FY2024`` is the same year in CE), the budget's ``งบประมาณรายจ่ายประจำปี 2567``
  and ``การใช้จ่ายงบประมาณ พ.ศ. 2567`` (not ``งบประมาณ 2567``, which may be a sum), and
  multi-year plans ``ปีงบประมาณ พ.ศ. 2566-2570`` (each year, at most 10);
- a month written without a year right before or after a fiscal year (``เดือนตุลาคม
  ประจำปีงบประมาณ 2567`` is October 2566);
- quarters and halves of a fiscal year: ``ไตรมาสที่ 1 ปีงบประมาณ 2567`` (Oct–Dec 2566),
  ``ไตรมาส 2/2567``, ``ไตรมาสที่ 1-2``, ``รอบ 6 เดือน``, ``6 เดือนแรกของปีงบประมาณ 2567``,
  ``ครึ่งปีหลัง``; the year comes from the fiscal year (or ``พ.ศ.``/bare year, which after
  "quarter" can only be fiscal) written right after, else from a fiscal year at most 60
  characters before; one that has neither says nothing;
- years: ``พ.ศ. 2567`` (2400–2700), ``ค.ศ. 2024`` and a four-digit 2500–2600 standing alone.

Decisions on ambiguous text:

- A year is a fiscal year only when the fiscal-year wording is right before it (spaces, ``:``
  or brackets between): ``ปีงบประมาณ (พ.ศ. 2567)`` is FY2567, but in ``ปีงบประมาณที่ผ่านมา
  คือ 2566`` the 2566 is a bare year. ``ประจำปี 2567`` (not ``ปีงบ``) is a bare year too: it is
  often, not always, the fiscal year; `fiscal_years(..., bare_years=True)` counts it.
- A two-digit year is BE 25xx and is read only after a month or ``ปีงบ``/``FY``; ``ปี 67`` is
  nothing. A four-digit year below 2400 is CE only inside a full date or after ``ค.ศ.``
  (``มกราคม 2024`` alone is nothing).
- A year followed by a unit (``2567 บาท``, ``ตุลาคม 15 ราย``) is a quantity, not a year.
- An impossible date (``31 ก.พ. 2567``, ``31/02/67``) is no mention at all, not even of its
  month or year. A date in a footer (``ปรับปรุงล่าสุด 1 ธ.ค. 2566``) is a mention like any
  other: the checker, which knows the page, decides what it is worth (`Mention.start` gives
  the place to look at the words before it).
- ``รอบ 6 เดือน`` expands to the six months it covers, marked ``via="half"`` (``"quarter"``,
  ``"range"`` likewise), so a checker that wants each month's own report can drop them:
  `months_shown`/`missing_months` take ``inferred=False`` for that (a plan's period
  ``1 ต.ค. 66 – 30 ก.ย. 67`` otherwise covers every month of FY2567).
- A multi-year plan (``ปีงบประมาณ พ.ศ. 2566-2570``) shows each of its years; a bare
  ``พ.ศ. 2566-2570`` is only the two years written.

Every helper takes either the text or the list `mentions(text)` returned (to scan a long text
once; the last few texts scanned are also cached). Scanning never raises on any string and is
linear in its length (every repetition in the patterns is bounded): about 0.25 s per megabyte
of text like the seeds, up to 1.5 s for a megabyte that is nothing but dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from pythainlp.util.date import thai_abbr_months, thai_full_months

from prongsai.thai import (
    BE_OFFSET,
    BE_YEAR_MAX,
    BE_YEAR_MIN,
    BE_YEAR_THRESHOLD,
    fiscal_month_end,
    to_arabic_digits,
    to_thai_digits,
)

__all__ = [
    "Judgement",
    "Mention",
    "calendar_month",
    "fiscal_month",
    "fiscal_years",
    "mentions",
    "missing_months",
    "months_shown",
    "shows_first_half",
    "shows_fiscal_year",
    "thai_month_list",
    "thai_month_year",
]

# A four-digit year standing alone is taken for a year only in this span: wider, prices and
# counts (1,999 … 3,000) would pass for years.
BARE_YEAR_MIN, BARE_YEAR_MAX = 2500, 2600
MAX_RANGE_MONTHS = 24
MAX_PLAN_YEARS = 10
# How far back a quarter or half looks for its fiscal year ("ปีงบประมาณ 2567 ของ อบต.… รอบ 6 เดือน").
_FY_LOOKBACK = 60

KINDS = ("date", "month", "fiscal_year", "year")


@dataclass(frozen=True, slots=True)
class Mention:
    """One thing the text says about time.

    `kind` is "date", "month", "fiscal_year" or "year"; `year_be` the Buddhist-era year (for a
    fiscal_year mention the fiscal year itself); `fiscal_year` the fiscal year the date or month
    falls in, the fiscal year named, or None for a bare year; `text`, `start`, `end` the words
    in the original text. `via` says how a month was inferred: "" (written), "range", "quarter"
    or "half"; months of one range or quarter share its words and offsets.
    """

    kind: str
    year_be: int
    month: int | None
    day: int | None
    fiscal_year: int | None
    text: str
    start: int
    end: int
    via: str = ""

    @property
    def fiscal_month(self) -> int | None:
        """1 (October) … 12 (September) for a date or month, else None."""
        return None if self.month is None else fiscal_month(self.year_be, self.month)[1]

    def as_date(self) -> date | None:
        """The day (Christian era) of a date mention, else None."""
        if self.kind != "date" or self.month is None or self.day is None:
            return None
        return date(self.year_be - BE_OFFSET, self.month, self.day)


@dataclass(frozen=True, slots=True)
class Judgement:
    """The answer to one freshness question, with what was seen to say so in a finding.

    True when `ok`, so ``if not shows_fiscal_year(text, fy)`` reads as it should. `evidence` are
    the mentions that support the answer (for a "no", the partial support), `seen_fiscal_years`
    every fiscal year the text shows, `missing` the (year_be, month) still wanted.
    """

    ok: bool
    fiscal_year: int
    evidence: tuple[Mention, ...] = ()
    seen_fiscal_years: tuple[int, ...] = ()
    missing: tuple[tuple[int, int], ...] = ()

    def __bool__(self) -> bool:
        return self.ok

    def seen_phrase(self, thai_digits: bool = False) -> str:
        """What the text shows, for a finding: "พบปีงบประมาณ พ.ศ. 2565 และ 2566"."""
        if not self.seen_fiscal_years:
            return "ไม่พบปีงบประมาณหรือวันเดือนปีใด"
        years = [to_thai_digits(y) if thai_digits else str(y) for y in self.seen_fiscal_years]
        return "พบปีงบประมาณ พ.ศ. " + _thai_join(years)


# --- calendar arithmetic ---------------------------------------------------------------------


def fiscal_month(year_be: int, month: int) -> tuple[int, int]:
    """(fiscal year, fiscal month 1–12) of a calendar month: October 2566 is (2567, 1)."""
    return (year_be + 1 if month >= 10 else year_be), (month - 10) % 12 + 1


def calendar_month(fiscal_year_be: int, fiscal_month_no: int) -> tuple[int, int]:
    """(year_be, month) of fiscal month 1–12 of a fiscal year: (2567, 1) is October 2566."""
    month = (fiscal_month_no + 8) % 12 + 1
    return (fiscal_year_be - 1 if month >= 10 else fiscal_year_be), month


def thai_month_year(year_be: int, month: int, thai_digits: bool = False) -> str:
    """ "พฤศจิกายน 2566" for a finding sentence."""
    if not 1 <= month <= 12:
        raise ValueError(f"ไม่มีเดือนที่ {month}")
    year = to_thai_digits(year_be) if thai_digits else str(year_be)
    return f"{thai_full_months[month - 1]} {year}"


def thai_month_list(months: Iterable[tuple[int, int]], thai_digits: bool = False) -> str:
    """ "ตุลาคม 2569, พฤศจิกายน 2569 และ ธันวาคม 2569"."""
    return _thai_join([thai_month_year(y, m, thai_digits) for y, m in months])


def _thai_join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " และ " + items[-1]


# --- patterns ----------------------------------------------------------------------------------
# Every repetition is bounded ({0,6}, one optional group), so a match attempt costs a constant and
# a scan is linear however the text is made; [0-9] rather than \d, which takes any script's digits.

_SP = r"[\s\u200b]{0,6}"  # PDF text layers put several spaces, line breaks or ZWSP between words
_DASH = "-–—−‐‑~"
_BE = r"พ\.?\s?ศ\.?"
_CE = r"ค\.?\s?ศ\.?"
_YEAR_END = r"(?![0-9]|[.,][0-9])"  # not part of 2,567 or 2567.50
# A year is not the first number of a numeric date written right after it: "กย 15/01/67", "คศ2000-01-01".
_NOT_DATE_AHEAD = r"(?![/\-][0-9]{1,2}[/\-.][0-9])"
# A number before these is a count, not a year: "2567 บาท", "ตุลาคม 15 ราย".
_NOT_QUANTITY = rf"(?!{_SP}(?:บาท|%|ราย|คน|ครั้ง(?!ที่)|เรื่อง|ฉบับ|แห่ง|หน่วย|ชิ้น|ล้าน|แสน|หมื่น|พัน))"

_FULL_MONTHS = {name: no for no, name in enumerate(thai_full_months, start=1)}
_FULL_MONTHS["กรกฏาคม"] = 7  # ฏ for ฎ: the commonest misspelling on agency sites
_ABBR_MONTHS = {abbr.replace(".", ""): no for no, abbr in enumerate(thai_abbr_months, start=1)}
_MONTH_KEYS = {**_FULL_MONTHS, **_ABBR_MONTHS}


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# Speed: a pattern whose every branch starts with a plain character lets the regex engine skip,
# in C, the positions where no match can start (a scan is then mostly that skipping). So a guard
# on what comes before a word is written after the word's first character, as a look-behind
# that includes that character: "ม(?<!X.ม)" rather than "(?<!X.)ม".
def _after_first(word: str, guard: str) -> str:
    return word[0] + guard.replace("@", re.escape(word[0])) + word[1:]


_FULL_ALT = _alternatives(_FULL_MONTHS)
# "ก.พ." after "อ." is the sub-committee อ.ก.พ., not February.
_DOTTED_ALT = _alternatives(
    _after_first(r"\.\s?".join(p for p in a.split(".") if p) + r"\.?", r"(?<![\u0e01-\u0e2e]\.@)")
    for a in thai_abbr_months)
# A dotless "กค" inside a word is no month; after "เดือน" it is.
_DOTLESS_ALT = _alternatives(_after_first(a, r"(?:(?<=เดือน@)|(?<![\u0e01-\u0e4e]@))") + r"\.?"
                             for a in _ABBR_MONTHS)
_MONTH = rf"(?P<m>{_FULL_ALT}|{_DOTTED_ALT}|{_DOTLESS_ALT})"
_ANY_MONTH = rf"(?:{_FULL_ALT}|{_DOTTED_ALT}|{_DOTLESS_ALT})"
# A two-digit number up to 39 before a month is that month's day ("ตุลาคม 15 พฤศจิกายน 2566").
_MONTH_YEAR = (rf"{_SP}(?:(?P<be>{_BE})|(?P<ce>{_CE}))?{_SP}"
               rf"(?P<y>[0-9]{{4}}|[4-9][0-9]|[0-3][0-9](?!{_SP}(?:เดือน|{_ANY_MONTH}))){_YEAR_END}"
               rf"{_NOT_DATE_AHEAD}")

# Day, month, year?: a date, or a "loose" day and month that a neighbour may give a year.
_DAY_MONTH = re.compile(
    rf"(?P<d>[0-9](?<![0-9.,][0-9])(?:(?<=[0-3])[0-9])?){_SP}(?:เดือน{_SP})?{_MONTH}(?:{_MONTH_YEAR})?"
)
# Month, year?: a month, or a loose month. Without a day, "ตุลาคม 15 ราย" is a count.
_MONTH_ONLY = re.compile(rf"{_MONTH}(?:{_MONTH_YEAR}{_NOT_QUANTITY})?")
# 15/1/2567, 15-01-67, 15.01.2567; not the tail of 1/2/3/4 nor a piece of 1.2.3.
_NUMERIC = re.compile(
    r"(?P<d>[0-9](?<![0-9][0-9])(?<![0-9][/.][0-9])[0-9]?)(?P<s>[/.\-])(?P<m>[0-9]{1,2})(?P=s)"
    r"(?P<y>[0-9]{4}|[0-9]{2})(?![0-9]|(?P=s)[0-9])"
)
_ISO = re.compile(
    r"(?P<y>[0-9](?<![0-9/.\-][0-9])[0-9]{3})(?P<s>[\-/])(?P<m>[0-9]{1,2})(?P=s)(?P<d>[0-9]{1,2})(?![0-9])"
)
_FY = re.compile(
    # "งบประมาณ พ.ศ. 2566" is that year's budget, "งบประมาณ 2566" may be a sum: the era decides
    rf"(?:ปี{_SP}งบ(?:{_SP}ประมาณ|ฯ)?"
    rf"|งบประมาณ(?:รายจ่าย)?(?:เพิ่มเติม)?(?:{_SP}ประจำ{_SP}ปี|{_SP}(?=พ\.?\s?ศ)))"
    rf"[\s\u200b:()\[\]]{{0,6}}(?:(?P<be>{_BE})|(?P<ce>{_CE}))?{_SP}"
    rf"(?P<y1>[0-9]{{4}}|[0-9]{{2}}){_YEAR_END}{_NOT_DATE_AHEAD}"
    # a plan's last year; never the day of a date that follows ("ปีงบประมาณ 2567 - 15 ม.ค. 67")
    rf"(?:{_SP}(?:[{_DASH}]|ถึง){_SP}(?P<y2>[0-9]{{4}}|[0-9]{{2}})"
    rf"(?![0-9]|[.,/\-][0-9]|{_SP}(?:{_ANY_MONTH})))?"
)
_FY_LATIN = re.compile(rf"[Ff](?<![A-Za-z][Ff])[Yy]{_SP}'?(?P<y3>[0-9]{{4}}|[0-9]{{2}})(?![0-9])")
_YEAR = re.compile(
    # not the ค.ศ. of ก.ค.ศ. (the teachers' commission)
    rf"พ(?<![\u0e01-\u0e2e]\.พ)\.?\s?ศ\.?{_SP}(?P<yb>[0-9]{{4}}){_YEAR_END}{_NOT_DATE_AHEAD}"
    rf"|ค(?<![\u0e01-\u0e2e]\.ค)\.?\s?ศ\.?{_SP}(?P<yc>[0-9]{{4}}){_YEAR_END}{_NOT_DATE_AHEAD}"
    rf"|2(?<![0-9.,]2)(?P<bare>5[0-9][0-9]|600){_YEAR_END}{_NOT_QUANTITY}"
)
_QUARTER = re.compile(
    rf"ไตรมาส(?:{_SP}ที่)?{_SP}(?:(?P<q1>[1-4])(?:{_SP}(?P<op>[{_DASH},]|ถึง|และ|&){_SP}(?P<q2>[1-4]))?"
    rf"(?![0-9])|(?P<qw>แรก|สุดท้าย))(?:{_SP}/{_SP}(?P<y>[0-9]{{4}}|[0-9]{{2}})(?![0-9]))?"
)
_HALF = re.compile(
    rf"รอบ{_SP}(?:6|หก){_SP}เดือน(?:{_SP}(?P<w>แรก|หลัง))?"
    rf"|6(?<![0-9]6){_SP}เดือน{_SP}(?P<w1>แรก|หลัง)"  # a bare "6 เดือน" is a duration, not a period
    rf"|หก{_SP}เดือน{_SP}(?P<w2>แรก|หลัง)"
    rf"|ครึ่ง{_SP}(?:ปี{_SP}(?:งบประมาณ{_SP})?)?(?P<w3>แรก|หลัง)"
)
# Between the two ends of a range; between a quarter, half or loose month and its fiscal year.
# No line break before a range's dash: "- ตุลาคม 2566⏎- มีนาคม 2567" is a list, not a range.
_RANGE_GAP = re.compile(rf"[ \t\u00a0\u200b]{{0,6}}(?:[{_DASH}]|(?:จน)?ถึง(?:{_SP}วันที่)?|to){_SP}")
_FILLER_GAP = re.compile(rf"[\s\u200b()\[\]:,/{_DASH}]{{0,8}}(?:ประจำ|ของ|ใน)?{_SP}(?:ปี|เดือน)?{_SP}")
_MAX_GAP = 40


# --- candidates --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Cand:
    """A match before its neighbours are looked at. `kind` "bad" (an impossible date) yields
    nothing but keeps its words from being read as a month or year; "loose" is a month without
    a year, "quarter"/"half" a part of a fiscal year, both waiting for a year from a neighbour."""

    start: int
    end: int
    kind: str
    year: int = 0
    month: int = 0
    day: int = 0
    years: tuple[int, ...] = ()
    fmonths: tuple[int, ...] = ()
    via: str = ""


def _be_year(written: str, era: str) -> int | None:
    """The BE year of a written year, `era` being "be", "ce" or "" (none written): two digits
    are 25xx, four digits from 2400 on BE, below it CE (callers decide whether CE may be meant);
    None for a year outside BE 2400–2700 or at odds with its era."""
    year = int(written)
    if len(written) == 2:
        if era == "ce":
            return None
        year += 2500
    elif year >= BE_YEAR_THRESHOLD:
        if era == "ce":
            return None
    elif era == "be":
        return None
    else:
        year += BE_OFFSET
    return year if BE_YEAR_MIN <= year <= BE_YEAR_MAX else None


def _valid_day(year_be: int, month: int, day: int) -> bool:
    try:
        date(year_be - BE_OFFSET, month, day)
    except ValueError:
        return False
    return True


def _era(match: re.Match[str]) -> str:
    return "be" if match.group("be") else "ce" if match.group("ce") else ""


_UNDOTTED = str.maketrans("", "", ". \t\n\r\f\v\u00a0\u200b")


def _month_no(written: str) -> int:
    number = _MONTH_KEYS.get(written.translate(_UNDOTTED))
    # \s in the patterns is every Unicode space, more than the table above deletes
    return number or _MONTH_KEYS[re.sub(r"[.\s\u200b]", "", written)]


def _wordy(match: re.Match[str]) -> _Cand | None:
    start, end = match.span()
    month_text, year_text = match.group("m"), match.group("y")
    day = match.group("d") if "d" in match.re.groupindex else None
    month = _month_no(month_text)
    if year_text is None:
        # A dotless "มค" needs its year to be a month; a loose day keeps its span for a range.
        if "." not in month_text and month_text not in _FULL_MONTHS:
            return None
        return _Cand(start, end, "loose", month=month, day=int(day) if day else 0)
    era = _era(match)
    year = _be_year(year_text, era)
    if day is None:
        # "มกราคม 2024" without ค.ศ. may be a count; only a full date is sure enough for CE
        if year is None or (era == "" and len(year_text) == 4 and int(year_text) < 2400):
            return None
        return _Cand(start, end, "month", year, month)
    if year is None or not _valid_day(year, month, int(day)):
        return _Cand(start, end, "bad")
    return _Cand(start, end, "date", year, month, int(day))


def _numeric(match: re.Match[str]) -> _Cand | None:
    start, end = match.span()
    year_text = match.group("y")
    if match.group("s") == "." and len(year_text) == 2:
        return None  # 1.2.25 is a section number far more often than a date
    year = _be_year(year_text, "")
    month, day = int(match.group("m")), int(match.group("d"))
    if year is None or not 1 <= month <= 12 or not _valid_day(year, month, day):
        return _Cand(start, end, "bad")
    return _Cand(start, end, "date", year, month, day)


def _fiscal(match: re.Match[str]) -> _Cand | None:
    start, end = match.span()
    if "y3" in match.re.groupindex:
        year = _be_year(match.group("y3"), "")
        return None if year is None else _Cand(start, end, "fy", years=(year,))
    first = _be_year(match.group("y1"), _era(match))
    if first is None:
        return None
    years = (first,)
    if match.group("y2") is not None:
        last = _be_year(match.group("y2"), "be")
        if last is not None and first < last <= first + MAX_PLAN_YEARS:
            years = tuple(range(first, last + 1))
    return _Cand(start, end, "fy", years=years)


def _year(match: re.Match[str]) -> _Cand | None:
    start, end = match.span()
    if match.group("bare") is not None:
        year = 2000 + int(match.group("bare"))
        ok = BARE_YEAR_MIN <= year <= BARE_YEAR_MAX
        return _Cand(start, end, "year", year) if ok else None
    year = _be_year(match.group("yb"), "be") if match.group("yb") else _be_year(match.group("yc"), "ce")
    return None if year is None else _Cand(start, end, "year", year)


def _quarter(match: re.Match[str]) -> _Cand | None:
    start, end = match.span()
    if match.group("qw"):
        quarters = [1 if match.group("qw") == "แรก" else 4]
    else:
        first = int(match.group("q1"))
        quarters = [first]
        if match.group("q2"):
            last = int(match.group("q2"))
            if match.group("op") in ("และ", "&", ","):
                quarters = sorted({first, last})
            elif last >= first:
                quarters = list(range(first, last + 1))
    fmonths = tuple(fm for q in quarters for fm in range(3 * q - 2, 3 * q + 1))
    years: tuple[int, ...] = ()
    if match.group("y"):
        year = _be_year(match.group("y"), "be")
        if year is None:
            return None
        years = (year,)
    return _Cand(start, end, "quarter", years=years, fmonths=fmonths)


def _half(match: re.Match[str]) -> _Cand | None:
    start, end = match.span()
    which = match.group("w") or match.group("w1") or match.group("w2") or match.group("w3")
    fmonths = tuple(range(7, 13)) if which == "หลัง" else tuple(range(1, 7))
    return _Cand(start, end, "half", fmonths=fmonths)


_SCANNERS = (
    (_DAY_MONTH, _wordy),
    (_MONTH_ONLY, _wordy),
    (_NUMERIC, _numeric),
    (_ISO, _numeric),
    (_FY, _fiscal),
    (_FY_LATIN, _fiscal),
    (_YEAR, _year),
    (_QUARTER, _quarter),
    (_HALF, _half),
)


def _candidates(text: str) -> list[_Cand]:
    found = []
    for pattern, make in _SCANNERS:
        for match in pattern.finditer(text):
            cand = make(match)
            if cand is not None:
                found.append(cand)
    # Leftmost, then longest wins: a date's year is not also a bare year, a range's first
    # month is not also a loose month.
    found.sort(key=lambda c: (c.start, -c.end))
    chosen: list[_Cand] = []
    last_end = -1
    for cand in found:
        if cand.start >= last_end:
            chosen.append(cand)
            last_end = cand.end
    return chosen


# --- neighbours --------------------------------------------------------------------------------


def _gap_is(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    return 0 <= end - start <= _MAX_GAP and pattern.fullmatch(text, start, end) is not None


def _single_fy(cand: _Cand | None) -> int | None:
    if cand is None:
        return None
    if cand.kind == "fy" and len(cand.years) == 1:
        return cand.years[0]
    return None


def _year_in(fy: int, month: int) -> int:
    return fy - 1 if month >= 10 else fy


def _settle(cand: _Cand, year: int) -> None:
    """Give a loose month its year: it becomes a month, or a date if a day was written."""
    cand.year = year
    if not cand.day:
        cand.kind = "month"
    elif _valid_day(year, cand.month, cand.day):
        cand.kind = "date"
    else:
        cand.kind = "bad"


_ENDS = ("date", "month", "loose")
_RANGE_KINDS = {(a, b) for a in _ENDS for b in _ENDS} - {("loose", "loose")}


def _link(chosen: list[_Cand], text: str, original: str) -> list[Mention]:
    """Mentions from the chosen matches and their neighbours; `text` is `original` with Arabic
    digits (same offsets), the words quoted come from `original`."""
    n = len(chosen)
    out: list[Mention] = []

    # A loose month next to a fiscal year is a month of that year.
    for i, cand in enumerate(chosen):
        if cand.kind != "loose":
            continue
        after = chosen[i + 1] if i + 1 < n else None
        before = chosen[i - 1] if i else None
        fy = _single_fy(after)  # the cheap test first: most loose months have no fiscal year near
        if fy is None or not _gap_is(_FILLER_GAP, text, cand.end, after.start):
            fy = _single_fy(before)
            if fy is not None and not _gap_is(_FILLER_GAP, text, before.end, cand.start):
                fy = None
        if fy is not None:
            _settle(cand, _year_in(fy, cand.month))

    # Two months or dates joined by a dash or ถึง are a range; a loose end takes the other's year.
    for i in range(n - 1):
        first, last = chosen[i], chosen[i + 1]
        kinds = first.kind, last.kind
        if kinds not in _RANGE_KINDS or not _gap_is(_RANGE_GAP, text, first.end, last.start):
            continue
        if first.kind == "loose" and last.kind in ("date", "month"):
            _settle(first, last.year if first.month <= last.month else last.year - 1)
        elif last.kind == "loose" and first.kind in ("date", "month"):
            _settle(last, first.year if last.month >= first.month else first.year + 1)
        if first.kind not in ("date", "month") or last.kind not in ("date", "month"):
            continue
        lo, hi = first.year * 12 + first.month - 1, last.year * 12 + last.month - 1
        if not 0 <= hi - lo < MAX_RANGE_MONTHS:
            continue
        words = original[first.start:last.end]
        for index in range(lo, hi + 1):
            year, month = divmod(index, 12)
            out.append(Mention("month", year, month + 1, None, fiscal_month(year, month + 1)[0], words,
                               first.start, last.end, "range"))

    # A quarter or half takes the fiscal year written right after it, else one shortly before.
    for i, cand in enumerate(chosen):
        if cand.kind not in ("quarter", "half"):
            continue
        fy, end = (cand.years[0] if cand.years else None), cand.end
        after = chosen[i + 1] if i + 1 < n else None
        if fy is None and after is not None and _gap_is(_FILLER_GAP, text, cand.end, after.start):
            fy = _single_fy(after) or (after.year if after.kind == "year" else None)
            end = after.end if fy else end
        j = i - 1  # over the other quarters and halves of the same heading, never further than the look-back
        while (fy is None and j >= 0 and chosen[j].kind in ("quarter", "half")
               and cand.start - chosen[j].end <= _FY_LOOKBACK):
            j -= 1
        if fy is None and j >= 0 and cand.start - chosen[j].end <= _FY_LOOKBACK:
            fy = _single_fy(chosen[j])
        if fy is None:
            continue
        words = original[cand.start:end]
        for fm in cand.fmonths:
            year, month = calendar_month(fy, fm)
            out.append(Mention("month", year, month, None, fy, words, cand.start, end, cand.kind))

    for cand in chosen:
        words = original[cand.start:cand.end]
        if cand.kind in ("date", "month"):
            out.append(Mention(cand.kind, cand.year, cand.month, cand.day or None,
                               fiscal_month(cand.year, cand.month)[0], words, cand.start, cand.end, cand.via))
        elif cand.kind == "fy":
            out.extend(Mention("fiscal_year", fy, None, None, fy, words, cand.start, cand.end)
                       for fy in cand.years)
        elif cand.kind == "year":
            out.append(Mention("year", cand.year, None, None, None, words, cand.start, cand.end))
    out.sort(key=lambda m: (m.start, m.end, KINDS.index(m.kind), m.year_be, m.month or 0, m.day or 0))
    return out


@lru_cache(maxsize=8)
def _scan(text: str) -> tuple[Mention, ...]:
    # The checker asks several questions of one long text; the cache scans it once.
    arabic = to_arabic_digits(text)  # one character for one: offsets stay those of `text`
    if len(arabic) != len(text):  # pragma: no cover - a digit table that is not one-to-one
        return ()
    return tuple(_link(_candidates(arabic), arabic, text))


def mentions(text: str) -> list[Mention]:
    """Every date, month, fiscal year and year the text mentions, in text order (see the module
    docstring for the forms read). Anything that is not a string mentions nothing."""
    if not isinstance(text, str) or not text:
        return []
    return list(_scan(text))


# --- judgements ----------------------------------------------------------------------------------

TextOrMentions = str | Iterable[Mention]


def _mentions_of(text: TextOrMentions) -> tuple[Mention, ...]:
    if isinstance(text, str):
        return _scan(text) if text else ()
    try:
        return tuple(m for m in text if isinstance(m, Mention))
    except TypeError:
        return ()


def _in_fy(found: Iterable[Mention], fy: int, bare_years: bool = False) -> list[Mention]:
    return [m for m in found if m.fiscal_year == fy or (bare_years and m.kind == "year" and m.year_be == fy)]


def fiscal_years(text: TextOrMentions, bare_years: bool = False) -> set[int]:
    """The fiscal years the text is about: those named, and the one of every date and month.
    With `bare_years`, a bare year (``ประจำปี 2567``) counts as that fiscal year too."""
    found = _mentions_of(text)
    years = {m.fiscal_year for m in found if m.fiscal_year is not None}
    if bare_years:
        years |= {m.year_be for m in found if m.kind == "year"}
    return years


def shows_fiscal_year(text: TextOrMentions, fy: int, bare_years: bool = False) -> Judgement:
    """Whether the text shows fiscal year `fy` (named, or a date or month in it); truthy if so."""
    found = _mentions_of(text)
    evidence = _in_fy(found, fy, bare_years)
    return Judgement(bool(evidence), fy, tuple(evidence), tuple(sorted(fiscal_years(found, bare_years))))


def months_shown(text: TextOrMentions, fy: int, inferred: bool = True) -> set[int]:
    """The fiscal months (1 = October … 12 = September) of `fy` that a date, month, range,
    quarter or half in the text covers; with `inferred` off only months written as such (a
    date, a month, either end of a range), not those a range, quarter or half spans."""
    return {m.fiscal_month for m in _mentions_of(text)
            if m.fiscal_year == fy and m.fiscal_month is not None and m.kind in ("date", "month")
            and (inferred or not m.via)}


def missing_months(text: TextOrMentions, fy: int, through: date,
                   inferred: bool = True) -> list[tuple[int, int]]:
    """(year_be, month) of each month of `fy` that ended before `through` and that the text does
    not cover: through 1 December 2026 asks for October and November 2569 of FY2570.

    A period written for the whole year (``1 ต.ค. 66 – 30 ก.ย. 67``, a plan's duration) covers
    every month; pass `inferred=False` when each month must be written (monthly summaries)."""
    if isinstance(through, datetime):
        through = through.date()
    shown = months_shown(text, fy, inferred)
    return [calendar_month(fy, fm) for fm in range(1, 13)
            if fiscal_month_end(fy, fm) < through and fm not in shown]


def shows_first_half(text: TextOrMentions, fy: int) -> Judgement:
    """Whether the text covers October–March of `fy` (a "รอบ 6 เดือน" report): half-year wording
    with the fiscal year, a range, quarters 1 and 2, or the six months one by one; truthy if so."""
    found = _mentions_of(text)
    shown = months_shown(found, fy)
    evidence = tuple(m for m in found if m.fiscal_year == fy and (m.fiscal_month or 13) <= 6)
    missing = tuple(calendar_month(fy, fm) for fm in range(1, 7) if fm not in shown)
    return Judgement(not missing, fy, evidence, tuple(sorted(fiscal_years(found))), missing)
