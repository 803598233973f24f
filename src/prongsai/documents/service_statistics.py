"""The service statistics report of a fiscal year (the OIT item ข้อมูลเชิงสถิติการให้บริการ /
ข้อมูลสถิติการให้บริการ), from :class:`prongsai.services.requests.ServiceStatistics`, as DOCX,
PDF (the DOCX through LibreOffice) and XLSX.

Table 1 shows, month by month from October to September, how many requests came in, how many
were finished on time, how many late, and how many are in progress, then the first six months
and the year so far; a month not started yet shows "–". Table 2 gives the same counts for each
request type: for the latest month, the first six months (once they are over) and the year so
far. When no request came in, the report says so in words and still prints the table of zeros.
The workbook has the same tables and a third sheet with every type in every month::

    write_statistics("pdf", out, stats, agency_name="องค์การบริหารส่วนตำบลลาดหญ้า")
    statistics_xlsx(stats, agency_name=…) -> bytes
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from prongsai.documents import docx_build as build
from prongsai.documents.service_manual import keep_units_together
from prongsai.errors import InputError
from prongsai.services.requests import FIRST_HALF_MONTHS, Counts, ServiceStatistics
from prongsai.thai import fiscal_year_bounds, normalise_text

SUBJECT = "การให้บริการ"
NOT_STARTED = "–"
HEADER = ("เดือน", "จำนวนคำขอ", "แล้วเสร็จตามกำหนด", "แล้วเสร็จเกินกำหนด", "อยู่ระหว่างดำเนินการ")
TYPE_HEADER = ("ประเภทบริการ", "ช่วงเวลา", "จำนวนคำขอ", "แล้วเสร็จตามกำหนด", "แล้วเสร็จเกินกำหนด",
               "อยู่ระหว่างดำเนินการ")
MONTH_WIDTHS_CM = (5.2, 2.4, 2.8, 2.8, 2.8)
TYPE_WIDTHS_CM = (4.1, 3.9, 1.9, 2.0, 2.0, 2.1)
SHEET_MONTHS = "รายเดือน"
SHEET_TYPES = "ตามประเภทบริการ"
SHEET_TYPE_MONTHS = "ประเภทบริการรายเดือน"
UNIT = "หน่วย: คำขอ"


@dataclass(frozen=True)
class Row:
    """One row of a table; the counts are None for a month not started yet."""

    label: str
    counts: Counts | None
    total: bool = False

    def values(self) -> tuple[int | None, int | None, int | None, int | None]:
        c = self.counts
        if c is None:
            return None, None, None, None
        return c.received, c.on_time, c.late, c.in_progress


def _check(stats: Any, agency_name: str) -> str:
    if not isinstance(stats, ServiceStatistics) or len(stats.months) != 12:
        raise InputError("ข้อมูลสถิติไม่ครบ ๑๒ เดือนของปีงบประมาณ", where="stats",
                         expected="ผลจาก prongsai.services.requests.statistics()")
    agency = normalise_text(agency_name or "")
    if not agency:
        raise InputError("ไม่ได้ระบุชื่อหน่วยงาน", where="agency_name",
                         expected="ชื่อเต็มของหน่วยงาน เช่น องค์การบริหารส่วนตำบลลาดหญ้า")
    return agency


def year_label(stats: ServiceStatistics) -> str:
    return "รวมทั้งปีงบประมาณ" if stats.year_over else "รวมตั้งแต่ต้นปีงบประมาณ"


def month_rows(stats: ServiceStatistics, digits: build.Digits) -> list[Row]:
    """October … September, then the first six months, then the year (so far)."""
    rows = [Row(digits.month(m.start), m.counts if m.started else None) for m in stats.months]
    rows.append(Row(f"รวม {digits.n(FIRST_HALF_MONTHS)} เดือนแรก", stats.first_half, True))
    rows.append(Row(year_label(stats), stats.year, True))
    return rows


def periods(stats: ServiceStatistics, digits: build.Digits) -> list[tuple[str, str]]:
    """The periods of the type table: (key, label) — the latest month, the first six months once
    they are over, and the year so far."""
    latest = stats.latest_month
    out = [("month", digits.month(latest.start))]
    if stats.first_half_over:
        out.append(("half", f"{digits.n(FIRST_HALF_MONTHS)} เดือนแรก"))
    out.append(("year", "ทั้งปีงบประมาณ" if stats.year_over else "ตั้งแต่ต้นปีงบประมาณ"))
    return out


def type_rows(stats: ServiceStatistics, digits: build.Digits) -> list[tuple[str, list[Row]]]:
    """For each type, its rows for the periods; then all types together."""
    latest = stats.latest_month.fiscal_month - 1
    shown = periods(stats, digits)

    def rows(months: Sequence[Counts], half: Counts, year: Counts, total: bool) -> list[Row]:
        by = {"month": months[latest], "half": half, "year": year}
        return [Row(label, by[key], total) for key, label in shown]

    out = [(t.label, rows(t.months, t.first_half, t.year, False)) for t in stats.types]
    out.append(("รวมทุกประเภทบริการ", rows([m.counts for m in stats.months], stats.first_half, stats.year, True)))
    return out


def _percent(value: float | None, digits: build.Digits) -> str:
    return "–" if value is None else digits.n(f"{value:.2f}")


def _texts(stats: ServiceStatistics, agency: str, digits: build.Digits) -> dict[str, str]:
    start, _ = fiscal_year_bounds(stats.fiscal_year)
    year = stats.year
    summary = ""
    if not stats.empty:
        summary = (f"{year_label(stats)} มีคำขอรับบริการ {digits.n(year.received)} คำขอ ดำเนินการแล้วเสร็จ "
                   f"{digits.n(year.finished)} คำขอ")
        if year.finished:
            summary += (f" แล้วเสร็จตามกำหนด {digits.n(year.on_time)} คำขอ คิดเป็นร้อยละ "
                        f"{_percent(year.on_time_percent, digits)} ของคำขอที่ดำเนินการแล้วเสร็จ")
        summary += f" และอยู่ระหว่างดำเนินการ {digits.n(year.in_progress)} คำขอ"
    return {
        "title": f"รายงานสถิติ{SUBJECT}",
        "year": f"ประจำปีงบประมาณ พ.ศ.{build.NBSP}{digits.n(stats.fiscal_year)}",
        "as_of": f"ข้อมูล ณ วันที่ {digits.date(stats.as_of)}",
        "intro": (f"{agency}รายงานสถิติการให้บริการตามคำขอที่ได้รับทางเว็บไซต์ (E-Service) และช่องทางอื่นที่บันทึกไว้ "
                  "จำแนกตามเดือนและประเภทบริการ ดังนี้"),
        "summary": summary,
        "empty": (f"ตั้งแต่วันที่ {digits.date(start)} ถึงวันที่ {digits.date(stats.as_of)} "
                  f"{agency}ไม่มีคำขอรับบริการ"),
        "months_caption": f"ตารางที่ {digits.n(1)} จำนวนคำขอรับบริการ จำแนกตามเดือน",
        "types_caption": f"ตารางที่ {digits.n(2)} จำนวนคำขอรับบริการ จำแนกตามประเภทบริการ",
        "unit": UNIT,
        "note": ("หมายเหตุ แล้วเสร็จตามกำหนด หมายถึง ดำเนินการตามคำขอและแจ้งผลให้ผู้ยื่นคำขอทราบภายในระยะเวลาที่กำหนด"
                 "ในคู่มือการให้บริการ นับเป็นวันทำการ นับแต่วันที่ได้รับคำขอ (ไม่นับวันที่ได้รับคำขอ) ทั้งนี้ นับรวมคำขอที่แจ้งผลว่าไม่อาจให้บริการได้"
                 "พร้อมเหตุผล"),
    }


# --------------------------------------------------------------------------- DOCX / PDF


def _cells(row: Row, digits: build.Digits) -> list[str]:
    return [NOT_STARTED if v is None else digits.n(v) for v in row.values()]


def build_statistics(stats: ServiceStatistics, *, agency_name: str, thai_digits: bool = True) -> bytes:
    """The report as DOCX bytes."""
    agency = _check(stats, agency_name)
    d = build.Digits(thai_digits)
    names = [build.place_name(agency)]
    texts = {k: build.glue(keep_units_together(d.t(v)), names) for k, v in _texts(stats, agency, d).items()}
    doc = build.new_document()
    build.page_numbers_from_second_page(doc.sections[0])
    center = WD_ALIGN_PARAGRAPH.CENTER
    build.paragraph(doc, texts["title"], bold=True, align=center, keep_next=True)
    build.paragraph(doc, texts["year"], bold=True, align=center, keep_next=True)
    build.paragraph(doc, build.glue(d.t(agency), names), bold=True, align=center, keep_next=True)
    build.paragraph(doc, texts["as_of"], align=center, after=6, keep_next=True)
    if stats.empty:
        build.paragraph(doc, texts["empty"], bold=True, indent=True, after=6)
    else:
        build.paragraph(doc, texts["intro"], indent=True)
        build.paragraph(doc, texts["summary"], indent=True, after=6)

    _caption(doc, texts["months_caption"], texts["unit"])
    rows = month_rows(stats, d)
    build.table(doc, HEADER, [[r.label, *_cells(r, d)] for r in rows], MONTH_WIDTHS_CM,
                aligns=(None, center, center, center, center), bold_rows=[i for i, r in enumerate(rows) if r.total])

    if stats.types:
        _caption(doc, texts["types_caption"], texts["unit"], before=12)
        groups = type_rows(stats, d)
        cells: list[list[str]] = []
        bold: list[int] = []
        for label, group in groups:
            for n, row in enumerate(group):
                if row.total:
                    bold.append(len(cells))
                cells.append([d.t(label) if n == 0 else "", row.label, *_cells(row, d)])
        table = build.table(doc, TYPE_HEADER, cells, TYPE_WIDTHS_CM,
                            aligns=(None, None, center, center, center, center), bold_rows=bold)
        _merge_type_cells(table, [len(group) for _label, group in groups])
    build.paragraph(doc, texts["note"], before=6, size=14)
    build.set_properties(doc, title=f"{texts['title']} {texts['year']} {agency}", author=agency)
    return build.to_bytes(doc)


def _merge_type_cells(table, sizes: Sequence[int]) -> None:
    """One cell for a type's name over its rows; the rows of a type stay on one page."""
    top = 1
    for size in sizes:
        if size > 1:
            first = table.cell(top, 0)
            merged = first.merge(table.cell(top + size - 1, 0))
            for extra in merged.paragraphs[1:]:  # the empty cells' paragraphs
                if not extra.text:
                    extra._p.getparent().remove(extra._p)
            merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        for offset in range(size - 1):
            for cell in table.rows[top + offset].cells:
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True
        top += size


def _caption(doc, caption: str, unit: str, before: float = 0) -> None:
    """``ตารางที่ ๑ …`` on the left and ``หน่วย: คำขอ`` on the right of the same line."""
    from docx.enum.text import WD_TAB_ALIGNMENT

    p = build.paragraph(doc, caption, bold=True, before=before, keep_next=True)
    p.paragraph_format.tab_stops.add_tab_stop(Cm(sum(MONTH_WIDTHS_CM)), WD_TAB_ALIGNMENT.RIGHT)
    build.docx_thai.thai_run(p, "\t")
    build.text_runs(p, unit)


def write_statistics(fmt: Literal["docx", "pdf"], out: str | os.PathLike[str], stats: ServiceStatistics, *,
                     agency_name: str, thai_digits: bool = True, office: Any = None,
                     timeout: float | None = None) -> Path:
    """Write the report to `out` as DOCX or PDF (replaced atomically; untouched on failure)."""
    _check(stats, agency_name)
    return build.write_document(
        fmt, out, lambda: build_statistics(stats, agency_name=agency_name, thai_digits=thai_digits),
        thai_digits=thai_digits, office=office, timeout=timeout)


# --------------------------------------------------------------------------- XLSX


def statistics_xlsx(stats: ServiceStatistics, *, agency_name: str) -> bytes:
    """The same figures as a workbook (Arabic digits, numbers as numbers, dates in the Buddhist
    era): sheets รายเดือน, ตามประเภทบริการ and ประเภทบริการรายเดือน (every type in every month)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    from prongsai.documents.fonts import FONT_FAMILY

    agency = _check(stats, agency_name)
    d = build.Digits(False)
    texts = {k: v.replace(build.NBSP, " ") for k, v in _texts(stats, agency, d).items()}
    font, bold = Font(name=FONT_FAMILY, size=14), Font(name=FONT_FAMILY, size=14, bold=True)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="D9D9D9")

    def heading_rows(ws) -> int:
        lines = [(f"{texts['title']} {texts['year']}", bold), (agency, bold), (texts["as_of"], font)]
        lines.append((texts["empty"], bold) if stats.empty else (texts["summary"], font))
        for r, (text, f) in enumerate(lines, start=1):
            ws.cell(row=r, column=1, value=text).font = f
        return len(lines) + 2

    def table(ws, top: int, header: Sequence[str], rows: Sequence[Sequence[Any]], totals: set[int],
              text_columns: int = 1) -> None:
        for c, text in enumerate(header, start=1):
            cell = ws.cell(row=top, column=c, value=text)
            cell.font, cell.fill, cell.border = bold, fill, border
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                cell = ws.cell(row=top + r, column=c, value=value)
                cell.font = bold if r - 1 in totals else font
                cell.border = border
                if c > text_columns:
                    cell.alignment = Alignment(horizontal="center")
        ws.freeze_panes = ws.cell(row=top + 1, column=1)

    def counts(row: Row) -> list[Any]:
        return [NOT_STARTED if v is None else v for v in row.values()]

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_MONTHS
    top = heading_rows(ws)
    rows = month_rows(stats, d)
    table(ws, top, HEADER, [[r.label.replace(build.NBSP, " "), *counts(r)] for r in rows],
          {i for i, r in enumerate(rows) if r.total})
    ws.cell(row=top + len(rows) + 2, column=1, value=texts["note"]).font = font
    for column, width in zip("ABCDE", (30, 14, 20, 20, 22), strict=True):
        ws.column_dimensions[column].width = width

    ws = wb.create_sheet(SHEET_TYPES)
    top = heading_rows(ws)
    values, totals = [], set()
    for label, group in type_rows(stats, d):
        for row in group:
            if row.total:
                totals.add(len(values))
            values.append([label, row.label.replace(build.NBSP, " "), *counts(row)])
    table(ws, top, TYPE_HEADER, values, totals, text_columns=2)
    for column, width in zip("ABCDEF", (44, 26, 14, 20, 20, 22), strict=True):
        ws.column_dimensions[column].width = width

    ws = wb.create_sheet(SHEET_TYPE_MONTHS)
    top = heading_rows(ws)
    values = []
    for t in stats.types:
        for month, c in zip(stats.months, t.months, strict=True):
            values.append([t.label, d.month(month.start).replace(build.NBSP, " "),
                           *(counts(Row("", c if month.started else None)))])
    table(ws, top, ("ประเภทบริการ", *HEADER), values, set(), text_columns=2)
    for column, width in zip("ABCDEF", (44, 20, 14, 20, 20, 22), strict=True):
        ws.column_dimensions[column].width = width

    wb.properties.title = f"{texts['title']} {texts['year']}"
    wb.properties.creator = agency
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def statistics_filename(stats: ServiceStatistics, agency_name: str, fmt: str) -> str:
    """``สถิติการให้บริการ-องค์การบริหารส่วนตำบลลาดหญ้า-2570.pdf``."""
    clean = re.compile(r"[\\/:*?\"<>|\s]+")
    return f"สถิติการให้บริการ-{clean.sub('', agency_name)}-{stats.fiscal_year}.{fmt}"


__all__ = [
    "HEADER",
    "TYPE_HEADER",
    "Row",
    "build_statistics",
    "month_rows",
    "periods",
    "statistics_filename",
    "statistics_xlsx",
    "type_rows",
    "write_statistics",
]
