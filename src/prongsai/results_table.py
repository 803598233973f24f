"""A table of many agencies' results (CSV/XLSX, one row per agency and fiscal year, the §5.1
columns) read and checked row by row, for `prongsai import` and the web's bulk import.

Two kinds of problem, kept apart (design §5.6):
- a problem of the file (unreadable, not CSV/XLSX, too big, no header row, a required column
  missing, an unknown or repeated column, no data rows) is an InputError: nothing is imported;
- a problem of one row (a score outside 0–100, an unknown indicator or item for the row's year, a
  fiscal year outside the library, no agency name, a type that is no agency type, the same agency
  and year twice …) refuses that row, with its number as the spreadsheet shows it (the header is
  row 1) and a Thai message naming the column and the value expected; the other rows are kept.

The columns and their parsing are results_io's (English keys or Thai headings, indicators by
number or Thai name, Thai digits, `O12 เหตุผล` reason columns): each row is parsed by
`results_io.parse_results`, as one agency's result of one year. No Django here.
"""

from __future__ import annotations

import logging
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from prongsai.errors import InputError
from prongsai.ita.library import announced_year, available_years, get_framework
from prongsai.ita.names import UnknownReference, indicator_no, item_code
from prongsai.ita.results import YearResult
from prongsai.results_io import (
    _REASON_SUFFIX,
    NAME_CHARS,
    GetFramework,
    Names,
    _agency_type,
    _cell_text,
    _check_variant_year,
    _parse_year,
    _shown,
    _slot,
    _variant,
)
from prongsai.spreadsheet_rows import Row, blank, capped, csv_rows, xlsx_rows
from prongsai.thai import district_name, normalise_text, province_name
from prongsai.untrusted_files import LIMITS, MIB, Budget, Limits, read_capped

# A province's or the country's table: 8,000 agencies × 5 years is 40,000 rows. The other caps
# grow with the rows (an XLSX sheet of 40,000 rows × 20 cells is about 30 MB of XML); a cell,
# a row and the ZIP's shape stay as tight as for one agency's file.
LIMITS_TABLE = replace(LIMITS, rows=50_000, file_bytes=40 * MIB, member_bytes=96 * MIB, unpacked_bytes=128 * MIB,
                       strings_bytes=16 * MIB, seconds=60.0)
SUFFIXES = (".csv", ".xlsx", ".xlsm")

# The plain columns a table may carry (results_io's other fields — units, meeting, progress,
# previous, prepared_by — belong to one agency's file, not to a row of a table).
PLAIN = ("agency", "agency_type", "province", "district", "fiscal_year", "variant", "total", "level")
REQUIRED = ("agency", "province", "fiscal_year")
COLUMN_LABELS = {
    "agency": "ชื่อหน่วยงาน", "agency_type": "ประเภทหน่วยงาน", "province": "จังหวัด", "district": "อำเภอ",
    "fiscal_year": "ปีงบประมาณ", "variant": "กรอบเฉพาะกลุ่ม", "total": "คะแนนรวม", "level": "ระดับ",
}
KNOWN_COLUMNS = ("ชื่อหน่วยงาน (agency), ประเภทหน่วยงาน (agency_type), จังหวัด (province), อำเภอ (district), "
                 "ปีงบประมาณ (fiscal_year), ตัวชี้วัดที่ 1–10 หรือชื่อตัวชี้วัด, IIT, EIT, OIT, รหัสข้อ เช่น O12, "
                 "คะแนนรวม (total), ระดับ (level), กรอบเฉพาะกลุ่ม (variant)")
# The template's header: Thai headings, indicators by number (the same in every year's framework).
TEMPLATE_HEADER = ("ชื่อหน่วยงาน", "ประเภทหน่วยงาน", "จังหวัด", "อำเภอ", "ปีงบประมาณ",
                   *(f"ตัวชี้วัดที่ {no}" for no in range(1, 11)), "คะแนนรวม", "ระดับ")
# The template's example row: a made-up agency marked as an example, in the year whose results
# were announced last, with the total and level left blank (the system computes them). A user who
# overwrites some of its cells is not tripped by a stale level or total; one who uploads it as it
# is gets the row refused (`_refuse_example`) rather than an agency named "ตัวอย่าง".
TEMPLATE_EXAMPLE_NAME = "องค์การบริหารส่วนตำบลตัวอย่าง (ลบแถวนี้)"
TEMPLATE_EXAMPLE_SCORES = (95.5, 88.25, 90, 86.4, 89.1, 84.75, 87, 85.3, 90.6, 72.5)
_EXAMPLE_MARK = "(ลบแถวนี้)"
log = logging.getLogger(__name__)
_PLAIN_SCORE = re.compile(r"^(100(\.0+)?|[0-9]{1,2}(\.[0-9]+)?)$")


@dataclass(frozen=True)
class Refusal:
    row: int
    message: str

    def as_json(self) -> dict[str, Any]:
        return {"row": self.row, "message": self.message}


@dataclass(frozen=True)
class TableRow:
    """One good row: one agency's published result of one fiscal year."""

    row: int
    agency: str  # normalised (prongsai.thai.normalise_text)
    province: str  # normalised, without a leading "จังหวัด"; "" when blank
    district: str
    agency_type: str  # the units book's type, "" when neither given nor read from the name
    variant: str | None
    year: YearResult

    @property
    def key(self) -> tuple[str, str]:
        return agency_key(self.agency, self.province)


@dataclass
class Table:
    rows: list[TableRow] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    @property
    def read(self) -> int:
        return len(self.rows) + len(self.refused)


def province_text(value: str | None) -> str:
    return province_name(value)


def agency_key(name: str, province: str | None) -> tuple[str, str]:
    """How an agency is matched: its normalised name and province (as stored or as written)."""
    return normalise_text(name or ""), province_text(province)


# --- reading -------------------------------------------------------------------------------------

def read_table(path: str | Path, get_fw: GetFramework = get_framework, *, limits: Limits = LIMITS_TABLE,
               file_name: str | None = None) -> Table:
    """The table's good rows and refused rows; InputError (naming `file_name`, or the path) when
    the file as a whole cannot be imported."""
    path = Path(path)
    shown = file_name or str(path)
    suffix = Path(shown).suffix.lower() if file_name else path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"ไม่รองรับไฟล์ชนิด '{_shown(suffix) or 'ไม่มีนามสกุล'}'", file=shown,
                         expected="ตารางผลการประเมิน .xlsx หรือ .csv หนึ่งแถวต่อหน่วยงานต่อปีงบประมาณ")
    budget = Budget(limits.seconds)
    try:
        data = read_capped(path, limits)
        rows = csv_rows(data) if suffix == ".csv" else xlsx_rows(data, limits, budget)
        return parse_table(capped(rows, limits, budget), get_fw, budget=budget)
    except InputError as exc:
        error = exc.located(file=shown)
        if file_name:
            error.message = error.message.replace(str(path), file_name)
        raise error from None
    except Exception as exc:
        # Whatever a reader below does not word yet is still one Thai line, never a traceback.
        if os.environ.get("PRONGSAI_DEBUG"):
            raise
        log.info("results table %s: %s not worded by the reader", shown, type(exc).__name__, exc_info=True)
        raise InputError("อ่านไฟล์ไม่ได้ ไฟล์อาจเสียหายหรือไม่ใช่ตารางผลการประเมิน", file=shown,
                         expected="ตารางผลการประเมิน .xlsx หรือ .csv (ดาวน์โหลดแบบฟอร์มได้)") from None


@dataclass(frozen=True)
class _Column:
    index: int
    heading: str
    slot: tuple[str | None, str]  # results_io's slot, or ("reason", item heading)


def parse_table(rows: Sequence[Row], get_fw: GetFramework = get_framework, *, budget: Budget | None = None) -> Table:
    """The rows as read from a CSV/XLSX (the header row first), checked."""
    if not rows:
        raise InputError("ไฟล์ว่าง ไม่มีข้อมูล", expected="แถวหัวตาราง (ชื่อหน่วยงาน จังหวัด ปีงบประมาณ คะแนน) และแถวข้อมูล")
    header_no, header_cells = rows[0]
    columns = _columns(header_no, header_cells)
    if len(rows) < 2:
        raise InputError("ไม่มีแถวข้อมูลใต้หัวตาราง", where=f"แถว {header_no + 1}",
                         expected="หนึ่งแถวต่อหน่วยงานต่อปีงบประมาณ")
    names: Names = {}
    types: dict[tuple[str | None, str], str | InputError] = {}
    table = Table()
    for number, cells in rows[1:]:
        if budget is not None and number % 500 == 0:
            budget.check(f"แถว {number}")
        try:
            table.rows.append(_row(number, cells, columns, get_fw, names, types))
        except InputError as exc:
            table.refused.append(Refusal(number, _row_message(exc, columns)))
    _refuse_repeats(table)
    return table


def _columns(header_no: int, cells: list[Any]) -> list[_Column]:
    columns: list[_Column] = []
    seen: dict[tuple[str | None, str], str] = {}
    for index, cell in enumerate(cells):
        heading = "" if blank(cell) else _cell_text(cell)
        where = f"แถว {header_no} คอลัมน์ที่ {index + 1}"
        if not heading:
            continue
        if len(heading) > NAME_CHARS:
            raise InputError(f"หัวคอลัมน์ยาวเกิน {NAME_CHARS:,} ตัวอักษร", where=where, expected=KNOWN_COLUMNS)
        if index == 0 and heading.lower() in ("รหัส", "field", "key"):
            raise InputError("ไฟล์นี้เป็นแบบฟอร์มผลการประเมินของหน่วยงานเดียว ไม่ใช่ตารางหลายหน่วยงาน",
                             where=where, expected="ตารางหนึ่งแถวต่อหน่วยงานต่อปีงบประมาณ (ดาวน์โหลดแบบฟอร์มตารางได้) "
                             "หรือนำเข้าไฟล์นี้ที่หน้าผลการประเมินของหน่วยงานนั้น")
        reason_of = _REASON_SUFFIX.match(heading)
        slot: tuple[str | None, str] = ("reason", reason_of.group(1)) if reason_of else _slot(heading)
        _check_heading(heading, slot, where)
        canonical = _canonical(slot, heading)
        if canonical in seen:
            raise InputError(f"คอลัมน์ '{_shown(heading)}' ซ้ำกับคอลัมน์ '{_shown(seen[canonical])}'", where=where,
                             expected="แต่ละคอลัมน์มีได้เพียงครั้งเดียว")
        seen[canonical] = heading
        columns.append(_Column(index, heading, slot))
    fields = {c.slot[1] for c in columns if c.slot[0] is None}
    for name in REQUIRED:
        if name not in fields:
            raise InputError(f"ไม่พบคอลัมน์{COLUMN_LABELS[name]}", where=f"แถว {header_no}",
                             expected=f"หัวตารางต้องมีคอลัมน์{COLUMN_LABELS[name]} ({name}) "
                             "โดยคอลัมน์ที่ต้องมีคือ ชื่อหน่วยงาน จังหวัด ปีงบประมาณ และคะแนนอย่างน้อยหนึ่งคอลัมน์")
    if not any(c.slot[0] in ("indicators", "instruments", "items") or c.slot == (None, "total") for c in columns):
        raise InputError("ไม่พบคอลัมน์คะแนน", where=f"แถว {header_no}",
                         expected="คอลัมน์ตัวชี้วัดที่ 1–10 (หรือชื่อตัวชี้วัด) IIT EIT OIT หรือคะแนนรวม")
    return columns


def _canonical(slot: tuple[str | None, str], heading: str) -> tuple[str | None, str]:
    """The same column however it is written ("1" and "ตัวชี้วัดที่ ๑", "agency" and "หน่วยงาน")."""
    container, name = slot
    if container == "indicators":
        no = _indicator_anywhere(heading)
        return "indicators", str(no) if no is not None else heading
    if container in ("items", "reason"):
        return container, _item_code_anywhere(name) or name
    return slot


def _indicator_anywhere(ref: str) -> int | None:
    for year in available_years():
        try:
            return indicator_no(get_framework(year), ref)
        except UnknownReference:
            continue
    return None


def _item_code_anywhere(ref: str) -> str | None:
    for year in available_years():
        try:
            return item_code(get_framework(year), ref)
        except UnknownReference:
            continue
    return None


def _check_heading(heading: str, slot: tuple[str | None, str], where: str) -> None:
    """A heading that no year's framework knows is an unknown column (the whole file is refused);
    one known to some years only is checked on each row against the row's year."""
    container, name = slot
    unknown = InputError(f"ไม่รู้จักคอลัมน์ '{_shown(heading)}'", where=where, expected="คอลัมน์ที่ใช้ได้: " + KNOWN_COLUMNS)
    if container is None and name not in PLAIN:
        raise unknown
    if container == "items" and _item_code_anywhere(name) is None:
        raise unknown
    if container == "reason" and _item_code_anywhere(name) is None:
        raise InputError(f"คอลัมน์เหตุผล '{_shown(heading)}' ไม่ได้ระบุรหัสข้อที่มีในกรอบการประเมิน", where=where,
                         expected="รหัสข้อตามด้วยคำว่า เหตุผล เช่น O12 เหตุผล")
    if container == "indicators" and _indicator_anywhere(heading) is None:
        raise unknown


def _row(number: int, cells: list[Any], columns: list[_Column], get_fw: GetFramework, names: Names,
         types: dict[tuple[str | None, str], str | InputError]) -> TableRow:
    """One row as one agency's result of one year: results_io's parsing of a year (scores, Thai
    digits, indicator names, items, level) and of the agency type and variant. The columns are
    known to be distinct and known (`_columns`), so the cells go straight into place."""
    data: dict[str, Any] = {}
    reasons: dict[str, tuple[Any, str]] = {}
    width = len(cells)
    for column in columns:
        value = cells[column.index] if column.index < width else None
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        container, name = column.slot
        if type(value) is str and _PLAIN_SCORE.match(value):
            # "84.05" as a CSV gives it: what parse_number makes of it, without its Thai-digit
            # and spacing work on every one of 400,000 cells (0–100 only, so no message changes).
            value = float(value) if "." in value else int(value)
        if container is None:
            data[name] = value
        elif container == "reason":
            reasons[name] = (value, column.heading)
        else:
            if isinstance(value, float) and not math.isfinite(value):
                raise InputError(f"ค่า '{_shown(value)}' ไม่ใช่ตัวเลข", where=f"คอลัมน์ '{column.heading}'",
                                 expected="ตัวเลข 0–100")
            data.setdefault(container, {})[name] = value
    for code, (reason, heading) in reasons.items():
        items = data.setdefault("items", {})
        if code not in items:
            raise InputError(f"มีเหตุผลของข้อ {code} แต่ไม่มีคะแนนของข้อนั้น", where=f"คอลัมน์ '{heading}'",
                             expected=f"คะแนนของข้อ {code} (0 หรือ 100) ในคอลัมน์ {code}")
        items[code] = {"score": items[code], "reason": reason}
    name = normalise_text(_cell_text(data["agency"])) if "agency" in data else ""
    if not name:
        raise InputError("ไม่มีชื่อหน่วยงาน", where="agency", expected="ชื่อหน่วยงาน เช่น องค์การบริหารส่วนตำบลลาดหญ้า")
    if len(name) > 200:
        raise InputError("ชื่อหน่วยงานยาวเกิน 200 ตัวอักษร", where="agency", expected="ชื่อหน่วยงานตามที่ประกาศ")
    if _EXAMPLE_MARK in name:
        raise InputError(f"'{_shown(name, 60)}' เป็นชื่อในแถวตัวอย่างของแบบฟอร์ม ระบบจึงไม่นำเข้าแถวนี้", where="agency",
                         expected="ลบแถวตัวอย่างออก หรือกรอกชื่อหน่วยงานจริงแทนชื่อตัวอย่าง")
    # The agency type is read once per (type written, name): guessing it from a name costs a scan
    # of every type and alias, on each of 40,000 rows otherwise.
    given_type = normalise_text(_cell_text(data["agency_type"])) if "agency_type" in data else None
    memo = (given_type, "" if given_type is not None else name)
    if memo not in types:
        try:
            types[memo] = _agency_type(given_type, name) or ""
        except InputError as exc:
            types[memo] = exc
    agency_type = types[memo]
    if isinstance(agency_type, InputError):
        raise agency_type
    variant = _variant(data) if "variant" in data else None
    if variant is None:
        year = _parse_year(data, get_fw, None, names)
    else:
        year = _parse_year(data, lambda y: get_fw(y, variant), None, names)  # type: ignore[call-arg]
        _check_variant_year(variant, year.fiscal_year)
    province = province_text(_cell_text(data["province"])) if "province" in data else ""
    district = district_name(_cell_text(data["district"])) if "district" in data else ""
    if len(province) > 100 or len(district) > 100:
        raise InputError("ชื่อจังหวัดหรืออำเภอยาวเกิน 100 ตัวอักษร", where="province" if len(province) > 100 else "district",
                         expected="ชื่อจังหวัด/อำเภอ เช่น กาญจนบุรี")
    return TableRow(row=number, agency=name, province=province, district=district,
                    agency_type=agency_type, variant=variant, year=year)


def _row_message(exc: InputError, columns: list[_Column]) -> str:
    """The core's message with its field path as the column's heading in this file."""
    where = exc.where or ""
    parts = [p.strip() for p in where.split("›")] if where else []
    column = None
    if parts and parts[0].startswith("คอลัมน์"):
        column = parts[0]
    elif parts:
        head = parts[0]
        if head in ("indicators", "instruments", "items") and len(parts) > 1:
            column = _heading_for(columns, head, parts[1])
        else:
            column = next((f"คอลัมน์ '{c.heading}'" for c in columns if c.slot == (None, head)), None)
    return str(InputError(exc.message, where=column or (COLUMN_LABELS.get(where) if where else None),
                          expected=exc.expected))


def _heading_for(columns: list[_Column], container: str, key: str) -> str | None:
    for column in columns:
        if column.slot[0] == container and (_shown(column.slot[1]) == key or column.slot[1].upper() == key.upper()):
            return f"คอลัมน์ '{column.heading}'"
    return None


def _refuse_repeats(table: Table) -> None:
    """The same agency and year on two rows: which one is right is not ours to guess, so every
    such row is refused, each naming the others."""
    by_key: dict[tuple[str, str, int], list[TableRow]] = {}
    for row in table.rows:
        by_key.setdefault((*row.key, row.year.fiscal_year), []).append(row)
    repeated = {id(r) for rows in by_key.values() if len(rows) > 1 for r in rows}
    if not repeated:
        return
    for rows in by_key.values():
        if len(rows) < 2:
            continue
        for row in rows:
            others = ", ".join(str(o.row) for o in rows if o is not row)
            place = f" จังหวัด{row.province}" if row.province else ""
            table.refused.append(Refusal(row.row, str(InputError(
                f"{_shown(row.agency, 60)}{place} ปีงบประมาณ {row.year.fiscal_year} ซ้ำกับแถว {others}",
                where="คอลัมน์ชื่อหน่วยงาน จังหวัด และปีงบประมาณ",
                expected="หนึ่งแถวต่อหน่วยงานต่อปีงบประมาณ ให้ลบแถวที่ไม่ถูกต้องออก"))))
    table.rows = [r for r in table.rows if id(r) not in repeated]
    table.refused.sort(key=lambda r: r.row)


# --- writing (the template, and tables for tests and benchmarks) -----------------------------------

def template_example(year: int | None = None) -> tuple[Any, ...]:
    """The template's example row (TEMPLATE_HEADER's columns): the total and level cells blank."""
    return (TEMPLATE_EXAMPLE_NAME, "อบต.", "กาญจนบุรี", "เมืองกาญจนบุรี", year or announced_year(),
            *TEMPLATE_EXAMPLE_SCORES, None, None)


def write_template(path: str | Path, year: int | None = None) -> Path:
    """The table's XLSX template: the Thai header row and one example row (template_example)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    path = Path(path)
    book = Workbook()
    sheet = book.active
    sheet.title = "ผลการประเมิน ITA"
    sheet.append(TEMPLATE_HEADER)
    sheet.append(template_example(year))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    sheet.column_dimensions["A"].width = 34
    for letter in "BCD":
        sheet.column_dimensions[letter].width = 16
    sheet.freeze_panes = "B2"
    book.save(path)
    return path


def write_rows(path: str | Path, header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Path:
    """A table as CSV (UTF-8 with BOM, as Excel writes it) or XLSX (openpyxl's write-only mode,
    fast enough for 40,000 rows)."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        import csv

        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(["" if v is None else v for v in row] for row in rows)
        return path
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("ผลการประเมิน ITA")
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path
