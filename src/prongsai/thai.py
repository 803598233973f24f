"""Thai digits, numbers, Buddhist-era dates and fiscal years.

Digits and date names come from pythainlp; fiscal years have no library function, so the
one rule (FY = BE year, +1 from October) lives here.
"""

from __future__ import annotations

import re
from datetime import date

from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit, thai_strftime

BE_OFFSET = 543
FISCAL_YEAR_START_MONTH = 10

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def to_thai_digits(text: object) -> str:
    return arabic_digit_to_thai_digit(str(text))


def to_arabic_digits(text: str) -> str:
    return thai_digit_to_arabic_digit(text)


def digits(text: object, thai: bool) -> str:
    """Render `text` with Thai digits when `thai` is on (a document setting)."""
    return to_thai_digits(text) if thai else str(text)


def parse_number(value: object) -> float:
    """A score as written by people: 94.19, "94.19", "๙๔.๑๙", " 94,19 " is refused.

    Raises ValueError with the original text when it is not a plain decimal number.
    """
    if isinstance(value, bool):
        raise ValueError(str(value))
    if isinstance(value, int | float):
        return float(value)
    if not isinstance(value, str):
        raise ValueError(str(value))
    text = to_arabic_digits(value).strip().replace("\u00a0", "").replace(" ", "")
    if text.endswith("%"):
        text = text[:-1]
    if not _NUMBER.match(text):
        raise ValueError(value)
    return float(text)


def format_score(value: float, thai: bool = True, decimals: int = 2) -> str:
    return digits(f"{value:.{decimals}f}", thai)


def fiscal_year_of(day: date) -> int:
    """The Buddhist-era fiscal year a day falls in (FY2567 = 1 Oct 2023 – 30 Sep 2024)."""
    return day.year + BE_OFFSET + (1 if day.month >= FISCAL_YEAR_START_MONTH else 0)


def fiscal_year_bounds(fiscal_year_be: int) -> tuple[date, date]:
    ce = fiscal_year_be - BE_OFFSET
    return date(ce - 1, FISCAL_YEAR_START_MONTH, 1), date(ce, 9, 30)


def fiscal_month_start(fiscal_year_be: int, fiscal_month: int) -> date:
    """First day of fiscal month 1..12 (1 = October of the previous CE year)."""
    if not 1 <= fiscal_month <= 12:
        raise ValueError(fiscal_month)
    start, _ = fiscal_year_bounds(fiscal_year_be)
    month0 = start.month - 1 + fiscal_month - 1
    return date(start.year + month0 // 12, month0 % 12 + 1, 1)


def fiscal_month_end(fiscal_year_be: int, fiscal_month: int) -> date:
    if fiscal_month == 12:
        return fiscal_year_bounds(fiscal_year_be)[1]
    nxt = fiscal_month_start(fiscal_year_be, fiscal_month + 1)
    return date.fromordinal(nxt.toordinal() - 1)


def format_date(day: date, thai: bool = True, long: bool = False) -> str:
    """`๑ ต.ค. ๖๖` (short) or `๑ ตุลาคม ๒๕๖๖` (long)."""
    return thai_strftime(day, "%-d %B %Y" if long else "%-d %b %y", thaidigit=thai)


def format_period(start: date, end: date, thai: bool = True, long: bool = False) -> str:
    """A period as the seeds write it: `๑ ต.ค. ๖๖ – ๓๐ ก.ย. ๖๗`."""
    return f"{format_date(start, thai, long)} – {format_date(end, thai, long)}"


def format_fiscal_year(fiscal_year_be: int, thai: bool = True) -> str:
    return "ปีงบประมาณ พ.ศ. " + digits(fiscal_year_be, thai)


def normalise_text(text: str) -> str:
    """Fold the legacy typing of SARA AM (NIKHAHIT + tone + SARA AA) and odd spaces, so
    that look-ups and comparisons see one spelling."""
    text = re.sub("\u0e4d([\u0e48-\u0e4b]?)\u0e32", "\\1\u0e33", text)
    text = text.replace("\u200b", "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()
