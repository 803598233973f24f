"""Dates as Thai people write them (design §5.3), and the guard that no document prints a
Buddhist-era year outside 2400–2700."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.thai import (
    DATE_FORMS,
    ThaiDateError,
    format_date,
    format_period,
    parse_thai_date,
    to_thai_digits,
)

FULL = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
        "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
ABBR = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]

# BE 2400–2700 is CE 1857–2157; two-digit years are BE 2500–2599 (CE 1957–2056).
ANY_DAY = st.dates(min_value=date(1857, 1, 1), max_value=date(2157, 12, 31))
TWO_DIGIT_DAY = st.dates(min_value=date(1957, 1, 1), max_value=date(2056, 12, 31))


def four_digit_forms(d: date) -> list[str]:
    be = d.year + 543
    day, month = d.day, d.month
    full, abbr = FULL[month - 1], ABBR[month - 1]
    forms = [
        d.isoformat(),                                   # ISO, CE
        f"{be}-{month:02d}-{day:02d}",                   # ISO, BE
        f"{day} {full} {be}",
        f"{day} {full} พ.ศ. {be}",
        f"วันที่ {day} {full} พ.ศ. {be}",
        f"วันที่ {day} {full} {be}",
        f"{day} {abbr} {be}",
        f"{day} {abbr} พ.ศ. {be}",
        f"{day}/{month}/{be}",
        f"{day:02d}/{month:02d}/{be}",
        f"{day:02d}-{month:02d}-{be}",
        f"{day}-{month}-{be}",
        f"วันที่ {day}/{month}/{be}",
    ]
    return forms + [to_thai_digits(f) for f in forms]


def two_digit_forms(d: date) -> list[str]:
    yy = f"{(d.year + 543) % 100:02d}"
    day, month = d.day, d.month
    full, abbr = FULL[month - 1], ABBR[month - 1]
    forms = [
        f"{day} {abbr} {yy}",
        f"{day} {abbr}{yy}",
        f"{day} {abbr} พ.ศ. {yy}",
        f"{day} {full} {yy}",
        f"{day}/{month}/{yy}",
        f"{day:02d}-{month:02d}-{yy}",
    ]
    return forms + [to_thai_digits(f) for f in forms]


@given(ANY_DAY)
def test_every_four_digit_form_reads_back(d):
    for text in four_digit_forms(d):
        assert parse_thai_date(text) == d, text


@given(TWO_DIGIT_DAY)
def test_every_two_digit_form_is_buddhist_era_25xx(d):
    for text in two_digit_forms(d):
        assert parse_thai_date(text) == d, text


@given(ANY_DAY)
def test_date_objects_follow_the_iso_rule(d):
    """YAML reads `2564-12-08` into date(2564, 12, 8): a year above 2400 is Buddhist era."""
    assert parse_thai_date(d) == d
    assert parse_thai_date(datetime(d.year, d.month, d.day, 10, 30)) == d
    try:
        written_be = date(d.year + 543, d.month, d.day)
    except ValueError:  # 29 Feb of a BE year that is no CE leap year cannot be a date object
        return
    assert parse_thai_date(written_be) == d


@given(ANY_DAY)
def test_documents_print_what_the_reader_reads(d):
    assert parse_thai_date(format_date(d, long=True)) == d
    assert parse_thai_date(format_date(d, thai=False, long=True)) == d


@given(TWO_DIGIT_DAY)
def test_short_document_dates_read_back(d):
    assert parse_thai_date(format_date(d)) == d


def test_the_issue_examples():
    expected = date(2021, 12, 8)
    for text in ["2021-12-08", "2564-12-08", "8 ธันวาคม 2564", "๘ ธันวาคม ๒๕๖๔", "8 ธ.ค. 64", "๘ ธ.ค. ๖๔",
                 "8 ธ.ค.64", "8/12/2564", "8/12/64", "08-12-2564", "วันที่ 8 ธันวาคม พ.ศ. 2564",
                 " 8  ธันวาคม\u00a02564 ", "8\u200b ธันวาคม 2564"]:
        assert parse_thai_date(text) == expected, text
    assert parse_thai_date(date(2564, 12, 8)) == expected
    assert parse_thai_date("24 มกราคม 2565") == date(2022, 1, 24)
    assert parse_thai_date("29 ก.พ. 2563") == date(2020, 2, 29)  # a leap year (CE 2020)


BAD = {
    "31 ก.พ. 2565": "ไม่มีวันที่ 31",
    "29 ก.พ. 2564": "ไม่มีวันที่ 29",
    "2564-02-30": "ไม่มีวันที่ 30",
    "31/4/2565": "ไม่มีวันที่ 31",
    "0/1/2565": "ไม่มีวันที่ 0",
    "1/13/2565": "ไม่มีเดือนที่ 13",
    "2565-13-01": "ไม่มีเดือนที่ 13",
    "1/0/2565": "ไม่มีเดือนที่ 0",
    "8/12/2800": "พ.ศ. 2800",
    "8 ธันวาคม 2701": "พ.ศ. 2701",
    "8/12/1500": "ปี 1500 (พ.ศ. 2043)",
    "2300-01-01": "ปี 2300 (พ.ศ. 2843)",
    "1856-12-31": "พ.ศ. 2399",
    "": "ไม่ได้ระบุวันที่",
    "   ": "ไม่ได้ระบุวันที่",
    "เมื่อวานนี้": "ไม่ใช่รูปแบบวันที่",
    "8 ธันวา 2564": "ไม่ใช่รูปแบบวันที่",     # not a month name or abbreviation
    "8 ธค 64": "ไม่ใช่รูปแบบวันที่",          # abbreviations keep their dots
    "8 December 2021": "ไม่ใช่รูปแบบวันที่",
    "12/8/2021 10:00": "ไม่ใช่รูปแบบวันที่",
    "8/12-2564": "ไม่ใช่รูปแบบวันที่",        # mixed separators
    "8.12.2564": "ไม่ใช่รูปแบบวันที่",
    "8/12/564": "ไม่ใช่รูปแบบวันที่",         # a three-digit year
    "2564-12": "ไม่ใช่รูปแบบวันที่",
    "20211208": "ไม่ใช่รูปแบบวันที่",
    "วันพุธที่ 8 ธันวาคม 2564": "ไม่ใช่รูปแบบวันที่",
    "๘ ธันวาคม ๒๕๖๔ ๑๐.๐๐ น.": "ไม่ใช่รูปแบบวันที่",
    "8 ธันวาคม 2564 พ.ศ.": "ไม่ใช่รูปแบบวันที่",
}


@pytest.mark.parametrize("text", sorted(BAD))
def test_impossible_or_unknown_dates_say_why_in_thai(text):
    with pytest.raises(ValueError) as err:
        parse_thai_date(text)
    assert isinstance(err.value, ThaiDateError)
    message = str(err.value)
    assert BAD[text] in err.value.problem
    assert "รูปแบบที่รับได้" in message and DATE_FORMS in message
    assert "\n" not in message
    # Thai throughout: no English exception text (only the user's own input may be Latin)
    assert not re.search("[A-Za-z]", message.replace(text.strip(), ""))


@pytest.mark.parametrize("value", [20211208, 2564.0, None, True, ["8/12/2564"], {"date": "8/12/2564"}])
def test_values_that_are_no_date_are_refused(value):
    with pytest.raises(ThaiDateError, match="รูปแบบวันที่"):
        parse_thai_date(value)


@pytest.mark.parametrize("value", [date(1856, 12, 31), date(2158, 1, 1), date(3107, 12, 8)])
def test_date_objects_outside_the_range_are_refused(value):
    with pytest.raises(ThaiDateError, match="อยู่นอกช่วงที่รับได้"):
        parse_thai_date(value)


def test_documents_never_print_a_buddhist_year_outside_2400_2700():
    """A BE year taken for CE (2564 → ๓๑๐๗) is a bug upstream: refuse it rather than print it."""
    assert format_date(date(2021, 12, 8), long=True) == "๘ ธันวาคม ๒๕๖๔"
    assert format_date(date(1857, 1, 1), thai=False, long=True) == "1 มกราคม 2400"
    assert format_date(date(2157, 12, 31), thai=False, long=True) == "31 ธันวาคม 2700"
    for wrong in (date(2564, 12, 8), date(1856, 12, 31), date(2158, 1, 1)):
        with pytest.raises(ValueError, match="อยู่นอกช่วงปี พ.ศ. 2400–2700"):
            format_date(wrong)
        with pytest.raises(ValueError, match="อยู่นอกช่วงปี"):
            format_date(wrong, long=True)
        with pytest.raises(ValueError, match="อยู่นอกช่วงปี"):
            format_period(date(2021, 10, 1), wrong)
        with pytest.raises(ValueError, match="อยู่นอกช่วงปี"):
            format_period(wrong, date(2021, 10, 1))


def _normalised_the_long_way(text: str) -> str:
    text = re.sub("\u0e4d([\u0e48-\u0e4b]?)\u0e32", "\\1\u0e33", text)
    text = text.replace("\u200b", "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


@given(st.text(alphabet=st.sampled_from(list("กาำ่้\u0e4d\u0e32 \t\n\u00a0\u200b\u3000abc1")), max_size=30))
def test_normalise_text_skips_no_work_it_needs(text):
    from prongsai.thai import normalise_text

    assert normalise_text(text) == _normalised_the_long_way(text)
