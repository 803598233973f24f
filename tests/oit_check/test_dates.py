"""Dates, months and fiscal years in published text: the OIT checker's freshness judgements
(design §5.4, issue 11)."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prongsai.oit_check.dates import (
    Judgement,
    Mention,
    calendar_month,
    fiscal_month,
    fiscal_years,
    mentions,
    missing_months,
    months_shown,
    shows_first_half,
    shows_fiscal_year,
    thai_month_list,
    thai_month_year,
)
from prongsai.thai import fiscal_year_of, to_thai_digits

FULL = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
        "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]
ABBR = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]


def found(text: str, kind: str) -> set[tuple]:
    """(year_be, month, day) of the mentions of one kind (month/day None where not given)."""
    return {(m.year_be, m.month, m.day) for m in mentions(text) if m.kind == kind}


def written_months(text: str) -> set[tuple[int, int]]:
    return {(m.year_be, m.month) for m in mentions(text) if m.kind in ("date", "month")}


# --- full dates ------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("15 มกราคม 2567", (2567, 1, 15)),
    ("15 ม.ค. 2567", (2567, 1, 15)),
    ("15 ม.ค. 67", (2567, 1, 15)),
    ("15 ม.ค.67", (2567, 1, 15)),
    ("15 มค 67", (2567, 1, 15)),
    ("๑๕ มกราคม พ.ศ. ๒๕๖๗", (2567, 1, 15)),
    ("๑๕ ม.ค. 67", (2567, 1, 15)),  # mixed digits
    ("วันที่ 15 เดือนมกราคม พ.ศ.2567", (2567, 1, 15)),
    ("15/1/2567", (2567, 1, 15)),
    ("15/01/67", (2567, 1, 15)),
    ("๑๕/๐๑/๖๗", (2567, 1, 15)),
    ("15-01-2567", (2567, 1, 15)),
    ("15.01.2567", (2567, 1, 15)),
    ("2024-01-15", (2567, 1, 15)),  # ISO, CE
    ("2567-01-15", (2567, 1, 15)),  # ISO, BE
    ("15 มกราคม 2024", (2567, 1, 15)),  # CE inside a full date
    ("1 ต.ค. 66", (2566, 10, 1)),
    ("8 ธ.ค.64", (2564, 12, 8)),
    ("3 กรกฏาคม 2567", (2567, 7, 3)),  # the common misspelling
    ("29 ก.พ. 2567", (2567, 2, 29)),  # 2024 is a leap year
])
def test_full_dates(text, expected):
    assert found(f"ประกาศ ณ {text} โดย อบต.", "date") == {expected}
    (m,) = [m for m in mentions(text) if m.kind == "date"]
    assert text[m.start:m.end] == m.text and text.endswith(m.text)
    assert m.fiscal_year == fiscal_year_of(m.as_date())


@pytest.mark.parametrize("text", [
    "31 ก.พ. 2567", "30 กุมภาพันธ์ 2567", "29 ก.พ. 2566", "31 เม.ย. 67", "32 มกราคม 2567",
    "31/04/2567", "31/02/67", "2024-02-30", "2567-13-01", "15/13/2567", "0/1/2567",
])
def test_impossible_dates_are_no_mention_at_all(text):
    assert mentions(text) == []
    assert fiscal_years(text) == set()


@pytest.mark.parametrize("text, fy", [
    ("30 ก.ย. 2567", 2567), ("1 ต.ค. 2567", 2568), ("30/09/2567", 2567), ("01/10/2567", 2568),
    ("2024-09-30", 2567), ("2024-10-01", 2568), ("30 กันยายน 67", 2567), ("๑ ตุลาคม ๒๕๖๗", 2568),
    ("กันยายน 2567", 2567), ("ตุลาคม 2567", 2568),
])
def test_fiscal_year_turns_on_1_october(text, fy):
    assert fiscal_years(text) == {fy}
    (m,) = mentions(text)
    assert m.fiscal_month == (12 if m.month == 9 else 1)


# --- months ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("มกราคม 2567", (2567, 1)),
    ("ม.ค. 67", (2567, 1)),
    ("ม.ค.67", (2567, 1)),
    ("ม. ค. 67", (2567, 1)),
    ("มค 67", (2567, 1)),
    ("มค.67", (2567, 1)),
    ("ประจำเดือนตุลาคม พ.ศ. 2566", (2566, 10)),
    ("เดือนมค 67", (2566 + 1, 1)),
    ("ต.ค.2566", (2566, 10)),
    ("ธค 66", (2566, 12)),
    ("๒ ธ.ค.", None),  # no year: nothing
    ("เดือน พฤศจิกายน ๒๕๖๖", (2566, 11)),
    ("ตุลาคม ค.ศ. 2023", (2566, 10)),
    ("เดือนตุลาคม ประจำปีงบประมาณ 2567", (2566, 10)),  # the month's year from the fiscal year
    ("ประจำปีงบประมาณ พ.ศ. 2567 ประจำเดือน มีนาคม", (2567, 3)),
])
def test_months(text, expected):
    assert found(text, "month") == ({(*expected, None)} if expected else set())


@pytest.mark.parametrize("text", [
    "มกราคม 2024",  # CE without ค.ศ. and without a day: could be a count
    "ตุลาคม 15 ราย",  # a count
    "มกราคม 67 คน",
    "ตกพ 67",  # "กพ" inside a word
    "สำนักงาน ก.พ.ร. 2567",  # the OPDC, not February
    "อ.ก.พ. 2567",  # a sub-committee
    "ปี 67",  # two digits only with a month or ปีงบ
])
def test_no_month_where_there_is_none(text):
    assert not [m for m in mentions(text) if m.kind in ("date", "month")]


def test_a_number_before_a_month_is_its_day_not_the_year_before():
    assert found("ตุลาคม 15 พฤศจิกายน 2566", "date") == {(2566, 11, 15)}
    assert found("ตุลาคม 15 พฤศจิกายน 2566", "month") == set()


# --- ranges ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, fy, months", [
    ("ตุลาคม 2566 – มีนาคม 2567", 2567, set(range(1, 7))),
    ("ต.ค. 66 - มี.ค. 67", 2567, set(range(1, 7))),
    ("ต.ค.๖๖-มี.ค.๖๗", 2567, set(range(1, 7))),
    ("1 ต.ค. 2566 ถึง 31 มี.ค. 2567", 2567, set(range(1, 7))),
    ("ระหว่างวันที่ 1 ตุลาคม 2566 จนถึงวันที่ 31 ธันวาคม 2566", 2567, {1, 2, 3}),
    ("1/10/2566 - 31/03/2567", 2567, set(range(1, 7))),
    ("1 ต.ค.66-31 มี.ค.67", 2567, set(range(1, 7))),
    ("๑ ต.ค.๖๖ – ๓๐ ก.ย.๖๗", 2567, set(range(1, 13))),  # the seeds' period
    ("ตุลาคม – ธันวาคม 2566", 2567, {1, 2, 3}),  # year written once, at the end
    ("ตุลาคม – มีนาคม 2567", 2567, set(range(1, 7))),  # ... belongs to the last month
    ("มกราคม – มีนาคม 2567", 2567, {4, 5, 6}),  # within one calendar year
    ("1 ต.ค. – 31 ธ.ค. 2566", 2567, {1, 2, 3}),
    ("ปีงบประมาณ 2567 (ตุลาคม – ธันวาคม)", 2567, {1, 2, 3}),
    ("ก.ค. 67 - ก.ย. 67", 2567, {10, 11, 12}),
    ("ส.ค. 2567 - ต.ค. 2567", 2567, {11, 12}),  # across fiscal years
    ("ส.ค. 2567 - ต.ค. 2567", 2568, {1}),
])
def test_ranges_cover_every_month(text, fy, months):
    assert months_shown(text, fy) == months


def test_range_mentions_share_the_words_and_keep_their_ends():
    text = "1 ต.ค. 2566 ถึง 31 มี.ค. 2567"
    spread = [m for m in mentions(text) if m.via == "range"]
    assert len(spread) == 6 and {m.text for m in spread} == {text}
    assert found(text, "date") == {(2566, 10, 1), (2567, 3, 31)}
    assert months_shown(text, 2567, inferred=False) == {1, 6}


@pytest.mark.parametrize("text, ends", [
    ("มีนาคม 2567 – ตุลาคม 2566", {(2567, 3), (2566, 10)}),  # reversed
    ("ตุลาคม 2560 – มีนาคม 2567", {(2560, 10), (2567, 3)}),  # longer than 24 months
    ("- ตุลาคม 2566\n- มีนาคม 2567", {(2566, 10), (2567, 3)}),  # a list, not a range
])
def test_not_a_range_only_its_ends(text, ends):
    assert not [m for m in mentions(text) if m.via == "range"]
    assert written_months(text) == ends


# --- fiscal years ------------------------------------------------------------------------------


@pytest.mark.parametrize("text, years", [
    ("ปีงบประมาณ พ.ศ. 2567", {2567}),
    ("ปีงบประมาณ 2567", {2567}),
    ("ปีงบ 67", {2567}),
    ("ปีงบฯ 2567", {2567}),
    ("ปี งบประมาณ 2567", {2567}),
    ("ประจำปีงบประมาณ ๒๕๖๗", {2567}),
    ("ปีงบประมาณ (พ.ศ. 2567)", {2567}),
    ("ปีงบประมาณ: 2567", {2567}),
    ("FY2567", {2567}),
    ("fy 67", {2567}),
    ("FY2024", {2567}),  # the same year in CE
    ("ข้อบัญญัติงบประมาณรายจ่ายประจำปี พ.ศ. 2567", {2567}),
    ("รายงานผลการใช้จ่ายงบประมาณ พ.ศ. ๒๕๖๗", {2567}),
    ("ปีงบประมาณ พ.ศ. 2566-2570", {2566, 2567, 2568, 2569, 2570}),
    ("แผนพัฒนาท้องถิ่น ปีงบประมาณ 2566 – 2570", {2566, 2567, 2568, 2569, 2570}),
    ("ปีงบประมาณ ๖๖-๗๐", {2566, 2567, 2568, 2569, 2570}),
    ("ปีงบประมาณ 2567 - 15 ม.ค. 67", {2567}),  # not a plan ending in "15"
])
def test_fiscal_year_wording(text, years):
    assert fiscal_years(text) == years
    assert {m.year_be for m in mentions(text) if m.kind == "fiscal_year"} == years
    assert all(shows_fiscal_year(text, y) for y in years)
    assert not shows_fiscal_year(text, min(years) - 1)


@pytest.mark.parametrize("text, year", [
    ("พ.ศ. 2567", 2567), ("ประจำปี 2567", 2567), ("ค.ศ. 2024", 2567), ("ปีงบประมาณที่ผ่านมา คือ 2566", 2566),
])
def test_bare_years_are_no_fiscal_year_unless_asked(text, year):
    assert found(text, "year") == {(year, None, None)}
    assert fiscal_years(text) == set() and not shows_fiscal_year(text, year)
    assert fiscal_years(text, bare_years=True) == {year}
    assert shows_fiscal_year(text, year, bare_years=True)


@pytest.mark.parametrize("text", ["2567 บาท", "ใช้งบประมาณ 2566 บาท", "ราคา 2,567.50", "1999", "2700", "ก.ค.ศ. 2012",
                                  "25671"])
def test_no_year_in_numbers(text):
    assert mentions(text) == []


# --- quarters and halves -----------------------------------------------------------------------


@pytest.mark.parametrize("text, fy, months", [
    ("ไตรมาสที่ 1 ปีงบประมาณ 2567", 2567, {1, 2, 3}),
    ("ไตรมาส 2/2567", 2567, {4, 5, 6}),
    ("ไตรมาสที่ ๔ ประจำปีงบประมาณ ๒๕๖๗", 2567, {10, 11, 12}),
    ("ไตรมาสแรก ปี 2567", 2567, {1, 2, 3}),
    ("ไตรมาสที่ 1-2 ปีงบ 67", 2567, set(range(1, 7))),
    ("ไตรมาสที่ 1 และ 3 ปีงบประมาณ 2567", 2567, {1, 2, 3, 7, 8, 9}),
    ("ปีงบประมาณ 2567 ไตรมาสที่ 3", 2567, {7, 8, 9}),
    ("รอบ 6 เดือน ปีงบประมาณ 2567", 2567, set(range(1, 7))),
    ("รายงานผลรอบ 6 เดือน ประจำปีงบประมาณ พ.ศ. 2567", 2567, set(range(1, 7))),
    ("รายงานผลการใช้จ่ายงบประมาณ พ.ศ. ๒๕๖๗ รอบ ๖ เดือน", 2567, set(range(1, 7))),  # seed 003's wording
    ("6 เดือนแรกของปีงบประมาณ 2567", 2567, set(range(1, 7))),
    ("รอบหกเดือน ปีงบ 67", 2567, set(range(1, 7))),
    ("แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ของ อบต.ลาดหญ้า (รอบ ๖ เดือน)", 2567,
     set(range(1, 7))),
    ("ครึ่งปีหลัง ปีงบประมาณ 2567", 2567, set(range(7, 13))),
    ("รอบ 6 เดือนหลัง ปีงบประมาณ 2567", 2567, set(range(7, 13))),
])
def test_quarters_and_halves(text, fy, months):
    assert months_shown(text, fy) == months
    assert months_shown(text, fy, inferred=False) == set()
    assert {m.via for m in mentions(text) if m.kind == "month"} <= {"quarter", "half"}


@pytest.mark.parametrize("text", [
    "รอบ 6 เดือน",  # no fiscal year anywhere
    "ไตรมาสที่ 2",
    "ระยะเวลา 6 เดือน ปีงบประมาณ 2567",  # a duration, not a half
    "ไตรมาสที่ 1 (ตุลาคม – ธันวาคม)",
])
def test_a_part_without_its_year_says_nothing(text):
    assert [m for m in mentions(text) if m.kind == "month"] == []


# --- the checker's questions -------------------------------------------------------------------


def test_shows_fiscal_year_is_a_judgement_with_what_was_seen():
    text = "รายงานประจำปีงบประมาณ พ.ศ. ๒๕๖๖ ปรับปรุงล่าสุด 1 ธ.ค. 2566"
    old = shows_fiscal_year(text, 2568)
    assert isinstance(old, Judgement) and not old and old.evidence == ()
    assert old.seen_fiscal_years == (2566, 2567)  # the footer date is FY2567: the checker decides
    assert old.seen_phrase() == "พบปีงบประมาณ พ.ศ. 2566 และ 2567"
    assert old.seen_phrase(thai_digits=True) == "พบปีงบประมาณ พ.ศ. ๒๕๖๖ และ ๒๕๖๗"
    now = shows_fiscal_year(text, 2567)
    assert now and [m.text for m in now.evidence] == ["1 ธ.ค. 2566"]
    assert shows_fiscal_year("ไม่มีวันที่", 2567).seen_phrase() == "ไม่พบปีงบประมาณหรือวันเดือนปีใด"


def test_helpers_take_the_mentions_of_one_scan():
    text = "ปีงบประมาณ 2567 ต.ค. 66 - ธ.ค. 66"
    found_once = mentions(text)
    assert all(isinstance(m, Mention) for m in found_once)
    assert fiscal_years(found_once) == fiscal_years(text) == {2567}
    assert months_shown(found_once, 2567) == months_shown(text, 2567) == {1, 2, 3}
    assert shows_fiscal_year(found_once, 2567)


def test_a_monthly_procurement_page():
    page = ("สรุปผลการดำเนินการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. ๒๕๗๐\n"
            "สรุปผลการจัดซื้อจัดจ้าง ประจำเดือนตุลาคม ๒๕๖๙ (แบบ สขร.1) ดาวน์โหลด\n"
            "สรุปผลการจัดซื้อจัดจ้าง ประจำเดือน พ.ย. ๖๙ ดาวน์โหลด\n"
            "ปรับปรุงล่าสุด ๒ ธ.ค. ๒๕๖๙")
    assert shows_fiscal_year(page, 2570)
    assert missing_months(page, 2570, date(2026, 12, 1)) == []
    assert missing_months(page.replace("พ.ย. ๖๙", ""), 2570, date(2026, 12, 1)) == [(2569, 11)]
    assert missing_months(page, 2570, date(2027, 1, 1)) == []  # the footer's December counts: checker decides
    footer = [m for m in mentions(page) if m.text == "๒ ธ.ค. ๒๕๖๙"]
    assert footer and page[footer[0].start - 15:footer[0].start].strip() == "ปรับปรุงล่าสุด"


def test_months_shown_by_dates_and_months():
    text = "สรุปผลการจัดซื้อจัดจ้าง เดือน ต.ค. ๖๖ ประกาศ 5 พ.ย. 2566 และ มกราคม 2567 และ 2024-09-03"
    assert months_shown(text, 2567) == {1, 2, 4, 12}
    assert months_shown(text, 2566) == set()


@pytest.mark.parametrize("text, through, expected", [
    ("", date(2026, 12, 1), [(2569, 10), (2569, 11)]),  # a November check in FY2570
    ("สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2569", date(2026, 12, 1), [(2569, 11)]),
    ("ต.ค. 69 และ พ.ย. 69", date(2026, 12, 1), []),
    ("", date(2026, 11, 30), [(2569, 10)]),  # November not over yet
    ("", date(2026, 10, 15), []),
    ("", date(2026, 9, 30), []),  # before the fiscal year
    ("พ.ย. 69", date(2027, 10, 5), [calendar_month(2570, fm) for fm in range(1, 13) if fm != 2]),
    ("ตุลาคม 2568", datetime(2026, 12, 1, 9, 30), [(2569, 10), (2569, 11)]),  # last year's October
])
def test_missing_months(text, through, expected):
    assert missing_months(text, 2570, through) == expected


def test_a_whole_year_period_covers_every_month_unless_each_must_be_written():
    text = "ระยะเวลาดำเนินการ ๑ ต.ค. ๖๙ – ๓๐ ก.ย. ๗๐ สรุปเดือนตุลาคม 2569"
    assert missing_months(text, 2570, date(2027, 3, 1)) == []
    assert missing_months(text, 2570, date(2027, 3, 1), inferred=False) == [(2569, 11), (2569, 12), (2570, 1),
                                                                            (2570, 2)]


@pytest.mark.parametrize("text, ok", [
    ("รายงานผลการดำเนินงานรอบ 6 เดือน ปีงบประมาณ 2567", True),
    ("ผลการดำเนินงาน ตุลาคม 2566 – มีนาคม 2567", True),
    ("ไตรมาสที่ 1 และ 2 ปีงบประมาณ 2567", True),
    (" ".join(f"{FULL[m - 1]} {y}" for y, m in [(2566, 10), (2566, 11), (2566, 12), (2567, 1), (2567, 2),
                                                (2567, 3)]), True),
    ("ต.ค. 66 พ.ย. 66 ธ.ค. 66 ม.ค. 67 ก.พ. 67", False),  # March missing
    ("รอบ 6 เดือน ปีงบประมาณ 2566", False),  # last year's
    ("ครึ่งปีหลัง ปีงบประมาณ 2567", False),
    ("ปีงบประมาณ 2567", False),
])
def test_shows_first_half(text, ok):
    result = shows_first_half(text, 2567)
    assert bool(result) is ok
    if not ok:
        assert result.missing
    if "ม.ค. 67 ก.พ. 67" in text:
        assert result.missing == ((2567, 3),)
        assert len(result.evidence) == 5


def test_month_names_for_findings():
    assert thai_month_year(2566, 11) == "พฤศจิกายน 2566"
    assert thai_month_year(2566, 11, thai_digits=True) == "พฤศจิกายน ๒๕๖๖"
    assert thai_month_list([(2569, 10), (2569, 11)]) == "ตุลาคม 2569 และ พฤศจิกายน 2569"
    with pytest.raises(ValueError):
        thai_month_year(2566, 13)


def test_fiscal_month_arithmetic():
    assert fiscal_month(2566, 10) == (2567, 1) and fiscal_month(2567, 9) == (2567, 12)
    for fy in (2566, 2570):
        for fm in range(1, 13):
            assert fiscal_month(*calendar_month(fy, fm)) == (fy, fm)


def test_offsets_and_words_are_those_of_the_original_text():
    text = "หัวเรื่อง\nประกาศ ณ วันที่ ๑๕ มกราคม ๒๕๖๗ ปีงบประมาณ ๒๕๖๗ ไตรมาสที่ ๒"
    for m in mentions(text):
        assert text[m.start:m.end] == m.text
    assert [m.text for m in mentions(text) if m.kind == "date"] == ["๑๕ มกราคม ๒๕๖๗"]


@pytest.mark.parametrize("value", [None, 2567, b"15 \xe0", ["15 ม.ค. 67"], ""])
def test_anything_not_text_mentions_nothing(value):
    assert mentions(value) == []
    assert fiscal_years(value) == set() and not shows_fiscal_year(value, 2567)
    assert missing_months(value, 2567, date(2023, 11, 1)) == [(2566, 10)]


# --- properties --------------------------------------------------------------------------------

# Filler text between which a date is written: Thai letters and spaces only, without the vowels
# of ปีงบ, ไตรมาส, ครึ่ง, บาท that would make the surroundings a phrase of their own.
FILLER = st.text(alphabet=st.sampled_from("กขคงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮเแโะิุ "), max_size=20)
SEPARATOR = st.sampled_from(["", " ", "  ", "\n", "\u200b", " : "])
LONG_DAY = st.dates(min_value=date(1857, 1, 1), max_value=date(2157, 12, 31))  # BE 2400–2700
SHORT_DAY = st.dates(min_value=date(1997, 1, 1), max_value=date(2056, 12, 31))  # BE 2540–2599


def styles(d: date, two_digit: bool) -> list[str]:
    be, day, month = d.year + 543, d.day, d.month
    full, abbr, dotless = FULL[month - 1], ABBR[month - 1], ABBR[month - 1].replace(".", "")
    if two_digit:
        yy = f"{be % 100:02d}"
        return [f"{day} {abbr} {yy}", f"{day} {abbr}{yy}", f"{day:02d} {full} {yy}", f"{day} {dotless} {yy}",
                f"{day}/{month}/{yy}", f"{day:02d}-{month:02d}-{yy}", f"{day} {abbr} พ.ศ. {yy}"]
    return [f"{day} {full} {be}", f"{day} {full} พ.ศ. {be}", f"วันที่ {day} เดือน{full} พ.ศ.{be}",
            f"{day} {abbr} {be}", f"{day:02d} {abbr}{be}", f"{day}/{month}/{be}",
            f"{day:02d}.{month:02d}.{be}",
            d.isoformat(), f"{be}-{month:02d}-{day:02d}"]


def in_digits(text: str, mode: str) -> str:
    if mode == "arabic":
        return text
    if mode == "thai":
        return to_thai_digits(text)
    return "".join(to_thai_digits(c) if i % 2 else c for i, c in enumerate(text))  # mixed


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.tuples(LONG_DAY, st.just(False)), st.tuples(SHORT_DAY, st.just(True))),
       st.data(), FILLER, SEPARATOR, FILLER, SEPARATOR)
def test_any_written_date_is_found_with_its_fiscal_year(day_and_form, data, before, sep1, after, sep2):
    d, two_digit = day_and_form
    written = in_digits(data.draw(st.sampled_from(styles(d, two_digit))),
                        data.draw(st.sampled_from(["arabic", "thai", "mixed"])))
    text = before + sep1 + written + sep2 + after
    dates_found = [m for m in mentions(text) if m.kind == "date"]
    assert [(m.as_date(), m.fiscal_year) for m in dates_found] == [(d, fiscal_year_of(d))], text
    assert dates_found[0].text.endswith(written[-2:])
    assert shows_fiscal_year(text, fiscal_year_of(d))


GARBAGE = st.lists(st.sampled_from([
    "ม.ค.", "ก.พ.", "มค", "ตุลาคม", "เดือน", "ปีงบประมาณ", "ปีงบ", "ประจำปี", "ไตรมาสที่", "รอบ", "6 เดือน",
    "ครึ่งปีแรก", "พ.ศ.", "ค.ศ.", "FY", "ถึง", "-", "–", "/", ".", ",", " ", "\n", "\u200b", "\u2028",
    "(", ")",
    "1", "15", "31", "67", "๖๗", "2567", "๒๕๖๗", "2024", "0", "9", "99999", "บาท", "ก", "ะ", "์", "a", "\x00",
]), max_size=400).map("".join)


@settings(max_examples=120, deadline=None)
@given(GARBAGE | st.text(max_size=400))
def test_garbage_never_raises_and_is_fast(text):
    started = time.perf_counter()
    found_here = mentions(text)
    for m in found_here:
        assert text[m.start:m.end] == m.text
        assert m.kind in ("date", "month", "fiscal_year", "year")
        assert 2400 <= m.year_be <= 2700
        if m.kind == "date":
            assert fiscal_year_of(m.as_date()) == m.fiscal_year
        if m.kind == "month":
            assert fiscal_month(m.year_be, m.month)[0] == m.fiscal_year
    fiscal_years(text)
    shows_first_half(text, 2567)
    missing_months(text, 2567, date(2024, 9, 30))
    assert time.perf_counter() - started < 1.0  # 400 characters: milliseconds, unless something backtracks


@pytest.mark.parametrize("unit", ["15 ม.ค. 67 - ", "ม.ค. ", "1/1", "ไตรมาส1", "รอบ 6 เดือน", "ปีงบ ๒๕๖๗ ", " "])
def test_long_text_is_linear(unit):
    # Backtracking on 60,000 characters of one repeated unit takes minutes; linear scanning takes a
    # fraction of a second. The bound is loose for a busy machine (speed itself is a benchmark's).
    large = unit * (60_000 // len(unit))
    started = time.perf_counter()
    mentions(large)
    assert time.perf_counter() - started < 3.0
