"""The borrowing register (ทะเบียนคุมการยืม-คืนพัสดุ), the asset list and the yearly summary as
spreadsheets: XLSX (TH Sarabun New, a title block, bold shaded headers repeated when printed,
frozen header row) and CSV (UTF-8 with the byte-order mark Excel needs to read Thai). Rows come
ready made (texts and numbers, dates already written in the Buddhist era): no Django here."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from prongsai.documents import table_sheets
from prongsai.services.borrowing import SUMMARY_HEADER, Summary

CSV_TYPE = table_sheets.CSV_TYPE
XLSX_TYPE = table_sheets.XLSX_TYPE
SUMMARY_TITLE = "สรุปผลการยืม-คืนพัสดุ ประจำปีงบประมาณ พ.ศ."
GROUPS = (("by_asset", "ตามรายการพัสดุ", "รายการพัสดุ"), ("by_unit", "ตามกองสำนัก", "กอง/สำนักที่ดูแล"),
          ("by_borrower", "ตามประเภทผู้ยืม", "ประเภทผู้ยืม"), ("by_purpose", "ตามวัตถุประสงค์", "วัตถุประสงค์การยืม"))


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """UTF-8 with the byte-order mark, formula-like texts guarded (prongsai.documents.table_sheets)."""
    return table_sheets.csv_bytes(header, rows)


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    from prongsai.documents.fonts import FONT_FAMILY

    thin = Side(style="thin", color="808080")
    return {"font": Font(name=FONT_FAMILY, size=14), "bold": Font(name=FONT_FAMILY, size=14, bold=True),
            "title": Font(name=FONT_FAMILY, size=16, bold=True),
            "border": Border(left=thin, right=thin, top=thin, bottom=thin),
            "fill": PatternFill("solid", fgColor="D9D9D9"),
            "head": Alignment(horizontal="center", vertical="center", wrap_text=True),
            "wrap": Alignment(vertical="top", wrap_text=True), "number": Alignment(horizontal="right", vertical="top")}


def _sheet(ws, title_lines: Sequence[str], header: Sequence[str], rows: Sequence[Sequence[Any]],
           widths: Sequence[float], bold_rows: Sequence[int] = ()) -> None:
    s = _styles()
    for r, text in enumerate(title_lines, start=1):
        ws.cell(row=r, column=1, value=text).font = s["title"] if r == 1 else s["font"]
    top = len(title_lines) + 2
    for c, text in enumerate(header, start=1):
        cell = ws.cell(row=top, column=c, value=text)
        cell.font, cell.fill, cell.border, cell.alignment = s["bold"], s["fill"], s["border"], s["head"]
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=top + r, column=c, value=value)
            if isinstance(value, str) and table_sheets.is_formula(value):
                cell.data_type = "s"  # typed by a borrower: shown as text, never run as a formula
            cell.font = s["bold"] if r - 1 in bold_rows else s["font"]
            cell.border = s["border"]
            cell.alignment = s["number"] if isinstance(value, int | float) else s["wrap"]
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = width
    ws.freeze_panes = ws.cell(row=top + 1, column=1)
    ws.print_title_rows = f"{top}:{top}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def table_xlsx(sheet: str, title_lines: Sequence[str], header: Sequence[str], rows: Sequence[Sequence[Any]],
               widths: Sequence[float], *, author: str) -> bytes:
    """One table on one sheet (the register, the asset list)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    _sheet(ws, title_lines, header, rows, widths)
    wb.properties.title = title_lines[0]
    wb.properties.creator = author
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def summary_rows(summary: Summary) -> list[tuple[str, str, list[int]]]:
    """(group, label, counts) for every row of the summary: the total, then each grouping."""
    out: list[tuple[str, str, list[int]]] = [("รวมทั้งปี", "รวมทั้งหมด", list(summary.total.counts))]
    for attr, _sheet_name, heading in GROUPS:
        for group in getattr(summary, attr):
            out.append((heading, group.label, list(group.tally.counts)))
    return out


def summary_csv(summary: Summary) -> bytes:
    return csv_bytes(("กลุ่ม", "รายการ", *SUMMARY_HEADER),
                     [(group, label, *counts) for group, label, counts in summary_rows(summary)])


def summary_xlsx(summary: Summary, *, agency_name: str, as_of: str) -> bytes:
    """The summary: one sheet per grouping, each with its total row last."""
    from openpyxl import Workbook

    title = f"{SUMMARY_TITLE} {summary.fiscal_year}"
    wb = Workbook()
    first = True
    for attr, sheet_name, heading in GROUPS:
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = sheet_name
        groups = getattr(summary, attr)
        rows = [[g.label, *g.tally.counts] for g in groups]
        rows.append(["รวมทั้งหมด", *summary.total.counts])
        _sheet(ws, [title, agency_name, as_of], (heading, *SUMMARY_HEADER), rows,
               (44, *([13] * len(SUMMARY_HEADER))), bold_rows=(len(rows) - 1,))
    wb.properties.title = title
    wb.properties.creator = agency_name
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
