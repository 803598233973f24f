"""Thai digits, numbers, Buddhist-era dates and fiscal years.

Digits and month names come from pythainlp; fiscal years have no library function, so the
one rule (FY = BE year, +1 from October) lives here, as does the one reader of dates as
Thai people write them (`parse_thai_date`, design §5.3).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from pythainlp.util import arabic_digit_to_thai_digit, thai_digit_to_arabic_digit, thai_strftime
from pythainlp.util.date import thai_abbr_months, thai_full_months

BE_OFFSET = 543
FISCAL_YEAR_START_MONTH = 10
# Buddhist-era years a date may have, in input and in print (CE 1857–2157).
BE_YEAR_MIN, BE_YEAR_MAX = 2400, 2700
# A four-digit year from this on is Buddhist era (design §5.3: "above 2400"; 2400 itself can only
# be BE, as CE 2400 is outside the range), a smaller one Christian era.
BE_YEAR_THRESHOLD = 2400
DATE_FORMS = "8 ธันวาคม 2564, ๘ ธ.ค. ๖๔, 8/12/2564, 8/12/64, 08-12-2564, 2564-12-08 (พ.ศ.) หรือ 2021-12-08 (ค.ศ.)"

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


def check_printable(day: date) -> date:
    """`day` itself when its Buddhist-era year is within 2400–2700; a date outside that range
    is a bug upstream (a BE year taken for CE, or the reverse) and must never be printed."""
    be = day.year + BE_OFFSET
    if not BE_YEAR_MIN <= be <= BE_YEAR_MAX:
        raise ValueError(f"วันที่ {day.isoformat()} (พ.ศ. {be}) อยู่นอกช่วงปี พ.ศ. {BE_YEAR_MIN}–{BE_YEAR_MAX} "
                         "จึงไม่พิมพ์ลงเอกสาร: ปี พ.ศ. อาจถูกอ่านเป็น ค.ศ. หรือกลับกัน")
    return day


def format_date(day: date, thai: bool = True, long: bool = False) -> str:
    """`๑ ต.ค. ๖๖` (short) or `๑ ตุลาคม ๒๕๖๖` (long); ValueError for a date whose Buddhist-era
    year is outside 2400–2700."""
    return thai_strftime(check_printable(day), "%-d %B %Y" if long else "%-d %b %y", thaidigit=thai)


def format_period(start: date, end: date, thai: bool = True, long: bool = False) -> str:
    """A period as the seeds write it: `๑ ต.ค. ๖๖ – ๓๐ ก.ย. ๖๗`."""
    return f"{format_date(start, thai, long)} – {format_date(end, thai, long)}"


def format_fiscal_year(fiscal_year_be: int, thai: bool = True) -> str:
    return "ปีงบประมาณ พ.ศ. " + digits(fiscal_year_be, thai)


class ThaiDateError(ValueError):
    """A date that cannot be read: `written` is the input as shown back (shortened), `problem`
    says what was wrong (Thai), `expected` lists the accepted forms; str() is all three on one line."""

    def __init__(self, problem: str, written: str | None = None) -> None:
        self.problem = problem
        self.written = written
        self.expected = DATE_FORMS
        head = f"วันที่ '{written}' ไม่ถูกต้อง: " if written is not None else ""
        super().__init__(f"{head}{problem} (รูปแบบที่รับได้: {DATE_FORMS})")


def _shown(value: object) -> str:
    if isinstance(value, datetime):
        value = value.date()
    text = value.isoformat() if isinstance(value, date) else " ".join(str(value).split())
    return text if len(text) <= 40 else text[:40] + "…"


_MONTHS = {name: no for no, name in enumerate(thai_full_months, start=1)}
_MONTHS.update({name: no for no, name in enumerate(thai_abbr_months, start=1)})
_MONTH_NAMES = "|".join(re.escape(m) for m in sorted(_MONTHS, key=len, reverse=True))
_DAY_PREFIX = r"(?:วันที่\s*)?"
_ISO = re.compile(_DAY_PREFIX + r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_NUMERIC = re.compile(_DAY_PREFIX + r"([0-9]{1,2})([/-])([0-9]{1,2})\2([0-9]{2}|[0-9]{4})")
_WORDS = re.compile(_DAY_PREFIX + rf"([0-9]{{1,2}})\s*({_MONTH_NAMES})\s*(?:พ\.\s*ศ\.\s*)?([0-9]{{2}}|[0-9]{{4}})")


def _ce_year(written: str) -> int:
    """The Christian-era year of a written year: two digits are BE 25xx, four digits from 2400
    on are BE, other four-digit years CE."""
    year = int(written)
    if len(written) == 2:
        year += 2500
    return year - BE_OFFSET if year >= BE_YEAR_THRESHOLD else year


def _checked(ce_year: int, month: int, day: int, written: object) -> date:
    be = ce_year + BE_OFFSET
    if not BE_YEAR_MIN <= be <= BE_YEAR_MAX:
        year = f"ปี พ.ศ. {be}" if str(written) == str(be) else f"ปี {written} (พ.ศ. {be})"
        raise ThaiDateError(f"{year} อยู่นอกช่วงที่รับได้ (พ.ศ. {BE_YEAR_MIN}–{BE_YEAR_MAX})")
    if not 1 <= month <= 12:
        raise ThaiDateError(f"ไม่มีเดือนที่ {month} เดือนต้องเป็น 1–12")
    try:
        return date(ce_year, month, day)
    except ValueError:
        pass
    raise ThaiDateError(f"เดือน{thai_full_months[month - 1]} พ.ศ. {be} ไม่มีวันที่ {day}")


def parse_thai_date(value: object) -> date:
    """A date as Thai people write it (design §5.3), as a `datetime.date` (Christian era).

    Accepted: ISO `2021-12-08` (CE) or `2564-12-08` (a year from 2400 on is BE); `8 ธันวาคม 2564`,
    `๘ ธ.ค. ๖๔`, `8 ธ.ค.64` (full or abbreviated month, optional `พ.ศ.` before the year);
    `8/12/2564`, `8/12/64`, `08-12-2564`; each with an optional leading `วันที่`, in Thai or
    Arabic digits. A two-digit year is BE 25xx. A `date`/`datetime` (YAML reads `2564-12-08` as
    date(2564, 12, 8)) follows the same rule: a year from 2400 on is BE. Nothing else is guessed.

    Raises ThaiDateError (a ValueError) with a Thai message saying what was wrong and listing
    the accepted forms, for text in no accepted form and for impossible dates (31 ก.พ., month 13,
    a year outside BE 2400–2700).
    """
    try:
        return _parse_thai_date(value)
    except ThaiDateError as exc:
        raise ThaiDateError(exc.problem, written=_shown(value)) from None


def _parse_thai_date(value: object) -> date:
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        ce = value.year - BE_OFFSET if value.year >= BE_YEAR_THRESHOLD else value.year
        return _checked(ce, value.month, value.day, value.year)
    if not isinstance(value, str):
        raise ThaiDateError("ไม่ใช่รูปแบบวันที่ที่รับได้")
    text = normalise_text(to_arabic_digits(value))
    if not text:
        raise ThaiDateError("ไม่ได้ระบุวันที่")
    if match := _ISO.fullmatch(text):
        year, month, day = match.groups()
        return _checked(_ce_year(year), int(month), int(day), year)
    if match := _NUMERIC.fullmatch(text):
        day, _, month, year = match.groups()
        return _checked(_ce_year(year), int(month), int(day), year)
    if match := _WORDS.fullmatch(text):
        day, month, year = match.groups()
        return _checked(_ce_year(year), _MONTHS[month], int(day), year)
    raise ThaiDateError("ไม่ใช่รูปแบบวันที่ที่รับได้")


_NEEDS_NORMALISING = re.compile("\u0e4d|\u200b|\u00a0|\\s\\s|[^\\S ]|^\\s|\\s$")


def normalise_text(text: str) -> str:
    """Fold the legacy typing of SARA AM (NIKHAHIT + tone + SARA AA) and odd spaces, so
    that look-ups and comparisons see one spelling."""
    if not _NEEDS_NORMALISING.search(text):  # most text: one search instead of four passes
        return text
    text = re.sub("\u0e4d([\u0e48-\u0e4b]?)\u0e32", "\\1\u0e33", text)
    text = text.replace("\u200b", "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


_PROVINCE_PREFIX = re.compile(r"^(จังหวัด|จ\.)\s*")


def province_name(text: str | None) -> str:
    """A province as agencies and supervisor scopes store it: "จังหวัดกาญจนบุรี" and
    "จ.กาญจนบุรี" are "กาญจนบุรี" (scopes match agencies by this exact text)."""
    return _PROVINCE_PREFIX.sub("", normalise_text(text or "")).strip()


_DISTRICT_PREFIX = re.compile(r"^(อำเภอ|อ\.)\s*")


def district_name(text: str | None) -> str:
    """A district as agencies and scopes store it: "อำเภอท่าม่วง" and "อ.ท่าม่วง" are "ท่าม่วง"
    (pages write "อ." before it themselves)."""
    return _DISTRICT_PREFIX.sub("", normalise_text(text or "")).strip()


def provinces() -> list[str]:
    """The 77 provinces (กรุงเทพมหานคร included), in Thai dictionary order (pythainlp's list)."""
    from pythainlp.corpus import provinces as names
    from pythainlp.util import collate

    return collate(list(names(details=False)))
