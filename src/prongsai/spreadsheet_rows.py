"""The rows of a CSV or XLSX file a user hands us, streamed and held to `Limits`: refused at the
row, column or cell cap or when the time budget is spent, each with a Thai message naming
the row (and column) — before the rest of the file is read."""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

from prongsai.errors import InputError
from prongsai.untrusted_files import Budget, Limits, check_zip, mb, not_xlsx
from prongsai.yamlio import decode_text

# openpyxl warns (in English, on stderr) of what it skips in a damaged workbook; the file is
# either read or refused with a Thai message, so the warning says nothing more to the user.
warnings.filterwarnings("ignore", category=UserWarning, module=r"openpyxl\.")

Row = tuple[int, list[Any]]  # the row's number as the user's spreadsheet shows it, and its cells


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def capped(rows: Iterable[Row], limits: Limits, budget: Budget) -> list[Row]:
    """The rows with data (trailing blank cells dropped), refused past the caps or the budget."""
    kept: list[Row] = []
    for number, cells in rows:
        budget.check(f"แถว {number}")
        while cells and blank(cells[-1]):
            cells.pop()
        if not cells:
            continue
        if len(cells) > limits.columns:
            raise InputError(f"ไฟล์มีข้อมูลเกิน {limits.columns:,} คอลัมน์", where=f"แถว {number}",
                             expected=f"ไม่เกิน {limits.columns:,} คอลัมน์")
        for col, cell in enumerate(cells, start=1):
            if isinstance(cell, str) and len(cell) > limits.cell_chars:
                raise InputError(f"ข้อความยาวเกิน {limits.cell_chars:,} ตัวอักษร", where=f"แถว {number} คอลัมน์ที่ {col}",
                                 expected=f"ข้อความไม่เกิน {limits.cell_chars:,} ตัวอักษรต่อช่อง")
        kept.append((number, cells))
        if len(kept) > limits.rows + 1:  # the header row is not a data row
            raise InputError(f"ไฟล์มีข้อมูลเกิน {limits.rows:,} แถว", where=f"แถว {number}",
                             expected=f"ไม่เกิน {limits.rows:,} แถวต่อไฟล์ แบ่งเป็นหลายไฟล์")
    return kept


# --- CSV -----------------------------------------------------------------------------------------

def csv_rows(data: bytes) -> Iterator[Row]:
    text = decode_text(data)
    try:
        # The sniffer's quote search is quadratic in its sample: the first lines are enough.
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(_thai_csv_problem(str(exc)), where=f"บรรทัด {reader.line_num}",
                             expected="ไฟล์ CSV ที่บันทึกจาก Excel หรือโปรแกรมตารางคำนวณ") from None
        number += 1
        yield number, row


def _thai_csv_problem(english: str) -> str:
    if "field larger" in english:
        return f"ช่องข้อมูลยาวเกิน {csv.field_size_limit():,} ตัวอักษร (อาจมีเครื่องหมายคำพูดเปิดที่ไม่ได้ปิด)"
    if "new-line" in english:
        return "มีการขึ้นบรรทัดใหม่ในช่องที่ไม่ได้ครอบด้วยเครื่องหมายคำพูด"
    return "อ่านเป็นไฟล์ CSV ไม่ได้"


# --- XLSX ----------------------------------------------------------------------------------------

def xlsx_rows(data: bytes, limits: Limits, budget: Budget) -> Iterator[Row]:
    """The first worksheet's rows. The ZIP is checked before openpyxl opens it; openpyxl then
    reads only the parts the values need, each within its cap and the time budget, and the
    sheet is streamed row by row."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._reader import WorkSheetParser

    check_zip(data, limits)
    try:
        # load_workbook's steps for the values of the first worksheet, and no more: not the
        # styles (a results file holds no dates, and a stylesheet is parsed whole into objects:
        # 13 MB of them took 7 s and 370 MB), not properties, themes, links or other sheets.
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        archive = reader.archive
        reader.archive = _Parts(archive, budget, limits)  # type: ignore[assignment]
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        target = next(rel.target for _, rel in reader.parser.find_sheets()
                      if rel.target in reader.valid_files and "chartsheet" not in rel.Type)
        member = _Metered(archive.open(target), budget, limits, rows=True)
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - whatever openpyxl meets in a broken workbook, it is not readable
        raise not_xlsx() from None
    try:
        # openpyxl's own sheet parser, row by row; not its read-only worksheet, which first
        # reads the whole sheet to learn its size when the sheet does not state it (nothing
        # could stop that read), then pads every row to the widest and fills row gaps.
        parser = WorkSheetParser(member, reader.shared_strings, data_only=True, epoch=reader.wb.epoch,
                                 date_formats=reader.wb._date_formats,
                                 timedelta_formats=reader.wb._timedelta_formats)
        rows = parser.parse()
        number = 0
        while True:
            try:
                number, cells = next(rows)
            except StopIteration:
                return
            except InputError:
                raise
            except Exception:  # noqa: BLE001 - as above, for a sheet broken past its first rows
                raise InputError("ข้อมูลในไฟล์ Excel เสียหาย อ่านต่อไม่ได้", where=f"แถว {number + 1}",
                                 expected="เปิดไฟล์ใน Excel แล้วบันทึกใหม่เป็น .xlsx") from None
            member.row_seen(number)
            yield number, _placed(cells, number, limits)
    finally:
        member.close()
        archive.close()


def _placed(cells: list[dict[str, Any]], number: int, limits: Limits) -> list[Any]:
    """A row's values by column, from the cells the sheet holds (a sheet may skip empty ones)."""
    values = [(cell["column"], cell["value"]) for cell in cells if not blank(cell["value"])]
    if not values:
        return []
    width = max(column for column, _ in values)
    if width > limits.columns:
        raise InputError(f"ไฟล์มีข้อมูลเกิน {limits.columns:,} คอลัมน์", where=f"แถว {number}",
                         expected=f"ไม่เกิน {limits.columns:,} คอลัมน์")
    row: list[Any] = [None] * width
    for column, value in values:
        if column >= 1:
            row[column - 1] = value
    return row


class _Parts:
    """The workbook's ZIP as openpyxl sees it: a part it reads whole (the list of parts, the
    workbook, its relations) may not pass `limits.part_bytes`; a part it streams (the shared
    strings) not `limits.strings_bytes`, and is read within the time budget."""

    def __init__(self, archive: zipfile.ZipFile, budget: Budget, limits: Limits) -> None:
        self._archive = archive
        self._budget = budget
        self._limits = limits

    def _size(self, name: str, cap: int) -> None:
        size = self._archive.getinfo(name).file_size
        if size > cap:
            raise InputError(f"ไฟล์ Excel มีส่วนประกอบขนาด {mb(size)} เกินเกณฑ์ {mb(cap)} "
                             "ระบบจึงไม่เปิดไฟล์นี้", expected="ไฟล์ .xlsx ที่บันทึกจาก Excel หรือแบบฟอร์มของระบบ")

    def read(self, name: str) -> bytes:
        self._size(name, self._limits.part_bytes)
        self._budget.check()
        return self._archive.read(name)

    def open(self, name: str, mode: str = "r") -> _Metered:
        self._size(name, self._limits.strings_bytes)
        return _Metered(self._archive.open(name, mode), self._budget, self._limits, rows=False)

    def namelist(self) -> list[str]:
        return self._archive.namelist()

    def close(self) -> None:
        self._archive.close()


class _Metered:
    """A part as the XML parser reads it, a chunk at a time. Between chunks the time budget is
    checked; in a sheet (`rows`) the row being read may also not run past `limits.row_bytes`:
    openpyxl builds a whole <row> before handing it over, so a row of a million cells would
    otherwise hold the parser, and fill memory, before the caps above ever see it."""

    def __init__(self, member: Any, budget: Budget, limits: Limits, rows: bool) -> None:
        self.member = member
        self.budget = budget
        self.limits = limits
        self.rows = rows
        self.read_so_far = 0
        self.row_start = 0
        self.last_row = 0

    def row_seen(self, number: int) -> None:
        self.row_start = self.read_so_far
        self.last_row = number

    def read(self, size: int = -1) -> bytes:
        where = f"แถว {self.last_row + 1}" if self.rows else None
        self.budget.check(where)
        if self.rows and self.read_so_far - self.row_start > self.limits.row_bytes:
            raise InputError(f"แถวเดียวมีข้อมูลเกิน {mb(self.limits.row_bytes)}", where=where,
                             expected=f"ไม่เกิน {self.limits.columns:,} คอลัมน์ต่อแถว")
        chunk = self.member.read(size)
        self.read_so_far += len(chunk)
        return chunk

    def close(self) -> None:
        self.member.close()

    def __enter__(self) -> _Metered:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
