"""Any table as a file a user downloads (design §5.7): CSV (UTF-8 with the byte-order mark Excel
on Windows needs to show Thai) and XLSX (a title block, a bold header row frozen under it,
column widths from the content). No Django here: the web shell hands rows and gets bytes.

Cells: numbers stay numbers (floats with 2 decimals, as scores are printed), dates and times
are Buddhist-era text ("8 ธ.ค. 2569", "8 ธ.ค. 2569 14:05 น."), booleans Thai words, None empty.
A text beginning with = + - @, a tab or a carriage return would be run as a formula by a
spreadsheet (formula injection): in XLSX it is stored as a text cell, never as a formula; in
CSV, which carries no types, it is prefixed with an apostrophe (') so Excel shows it as text."""

from __future__ import annotations

import csv
import io
import itertools
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any

from pythainlp.util import thai_strftime

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TYPES = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE}
BOM = "\ufeff"
YES, NO = "ใช่", "ไม่ใช่"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
SCORE_FORMAT = "0.00"
# Widths (in characters) a column gets at least and at most; rows looked at to size them.
MIN_WIDTH, MAX_WIDTH, SAMPLE_ROWS = 8, 60, 300


def be_date(day: date) -> str:
    """``8 ธ.ค. 2569``: Buddhist era, Arabic digits (a spreadsheet is sorted and summed)."""
    return thai_strftime(day, "%-d %b %Y")


def be_datetime(moment: datetime, zone: tzinfo | None = None) -> str:
    """``8 ธ.ค. 2569 เวลา 14:05 น.`` in `zone` (a naive moment is taken as already local)."""
    if zone is not None and moment.tzinfo is not None:
        moment = moment.astimezone(zone)
    return f"{be_date(moment.date())} เวลา {moment:%H:%M} น."


def is_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def cell_value(value: Any, zone: tzinfo | None = None) -> str | int | float:
    """The value a cell holds: int/float for numbers, text for everything else (not yet guarded)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        return float(value)
    if isinstance(value, datetime):
        return be_datetime(value, zone)
    if isinstance(value, date):
        return be_date(value)
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(cell_value(v, zone)) for v in value if v not in (None, ""))
    return str(value)


def csv_text(value: Any, zone: tzinfo | None = None) -> str:
    """A cell as CSV text: floats with 2 decimals, a formula-like text prefixed with '."""
    value = cell_value(value, zone)
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, int):
        return str(value)
    return "'" + value if is_formula(value) else value


def csv_chunks(headers: Sequence[str], rows: Iterable[Sequence[Any]], zone: tzinfo | None = None,
               batch: int = 500) -> Iterator[bytes]:
    """The CSV file in pieces (BOM and header first), for a streamed response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow([csv_text(h) for h in headers])
    for n, row in enumerate(rows, start=1):
        writer.writerow([csv_text(v, zone) for v in row])
        if n % batch == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]], zone: tzinfo | None = None) -> bytes:
    return b"".join(csv_chunks(headers, rows, zone))


def text_width(text: str) -> int:
    """Columns the text takes on screen: Thai vowel and tone marks above or below take none."""
    return sum(1 for ch in text if not unicodedata.combining(ch) and unicodedata.category(ch) != "Mn")


def column_widths(headers: Sequence[str], sample: Sequence[Sequence[Any]]) -> list[float]:
    widths = []
    for c, head in enumerate(headers):
        longest = max([text_width(str(head))] + [
            text_width(f"{v:.2f}" if isinstance(v, float) else str(v)) for row in sample if c < len(row)
            for v in [row[c]]])
        widths.append(float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))))
    return widths


def xlsx_bytes(title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
               subtitle: Sequence[str] = (), sheet: str | None = None, author: str = "โปร่งใส",
               zone: tzinfo | None = None) -> bytes:
    """One table on one sheet: the title (bold, larger), the subtitle lines, a blank line, the
    bold shaded header row (frozen; repeated on every printed page), then the rows."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    from prongsai.documents.fonts import FONT_FAMILY

    values = (tuple(cell_value(v, zone) for v in row) for row in rows)
    sample = list(itertools.islice(values, SAMPLE_ROWS))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_sheet_title(sheet or title))
    for c, width in enumerate(column_widths(headers, sample), start=1):
        ws.column_dimensions[_column_letter(c)].width = width
    top = len(subtitle) + 3  # the header's row: title, subtitles, a blank line
    ws.freeze_panes = f"A{top + 1}"
    ws.print_title_rows = f"{top}:{top}"
    title_font = Font(name=FONT_FAMILY, size=16, bold=True)
    line_font = Font(name=FONT_FAMILY, size=14)
    head_font = Font(name=FONT_FAMILY, size=14, bold=True)
    fill = PatternFill("solid", fgColor="D9D9D9")
    head_align = Alignment(horizontal="center", vertical="center", wrap_text=True)

    def text_cell(text: str, font: Any = None) -> Any:
        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"  # never a formula, whatever it begins with
        if font is not None:
            cell.font = font
        return cell

    ws.append([text_cell(title, title_font)])
    for line in subtitle:
        ws.append([text_cell(str(line), line_font)])
    ws.append([])
    head = []
    for text in headers:
        cell = text_cell(str(text), head_font)
        cell.fill, cell.alignment = fill, head_align
        head.append(cell)
    ws.append(head)
    for row in itertools.chain(sample, values):
        out: list[Any] = []
        for value in row:
            if isinstance(value, float):
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = SCORE_FORMAT
                out.append(cell)
            elif isinstance(value, str) and is_formula(value):
                out.append(text_cell(value))
            else:
                out.append(value)
        ws.append(out)
    wb.properties.title = title
    wb.properties.creator = author
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def _sheet_title(text: str) -> str:
    return " ".join(text.translate(_SHEET_FORBIDDEN).split())[:31] or "ตาราง"


def _column_letter(n: int) -> str:
    letters = ""
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
