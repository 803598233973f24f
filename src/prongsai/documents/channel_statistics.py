"""The statistics report of a channel for a fiscal year (the OIT item ข้อมูลสถิติเรื่องร้องเรียน
การทุจริตและประพฤติมิชอบ), from :class:`prongsai.channels.statistics.Statistics`, as DOCX, PDF
(the DOCX through LibreOffice) and XLSX.

It shows, month by month from October to September, how many cases came in, how many of them
are finished and how many are in progress, then the first six months and the year so far; a
month not started yet shows "–". A breakdown by category follows when there are categories;
a small count is hidden ("น้อยกว่า ๓") so that it cannot point at a person. When no case came
in, the report says so in words (the OIT item asks for that statement) and still prints the
table of zeros. The date the data is as of is printed in the Buddhist era.

`subject` names what is counted, so the same report serves other channels::

    write_statistics("pdf", out, stats, agency_name="องค์การบริหารส่วนตำบลลาดหญ้า")
    write_statistics("docx", out, stats, agency_name=…, subject="คำขอรับบริการ")
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

from docx.enum.text import WD_ALIGN_PARAGRAPH

from prongsai.channels.statistics import FIRST_HALF_MONTHS, Statistics
from prongsai.documents import docx_build as build
from prongsai.errors import InputError
from prongsai.thai import fiscal_year_bounds, normalise_text

COMPLAINT_SUBJECT = "เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"
NOT_STARTED = "–"
HEADER = ("เดือน", "จำนวนเรื่องที่ได้รับ", "ดำเนินการแล้วเสร็จ", "อยู่ระหว่างดำเนินการ")
CATEGORY_HEADER = ("ประเภทเรื่อง", "จำนวนเรื่อง")
MONTH_WIDTHS_CM = (4.6, 3.6, 3.6, 4.2)
CATEGORY_WIDTHS_CM = (11.2, 4.8)
SHEET_MONTHS = "รายเดือน"
SHEET_CATEGORIES = "ตามประเภทเรื่อง"


@dataclass(frozen=True)
class Row:
    """One row of the month table; the counts are None for a month not started yet."""

    label: str
    received: int | None
    finished: int | None
    in_progress: int | None
    total: bool = False  # the first-half and year rows


def _check(stats: Any, agency_name: str, subject: str) -> tuple[str, str]:
    if not isinstance(stats, Statistics) or len(stats.months) != 12:
        raise InputError("ข้อมูลสถิติไม่ครบ ๑๒ เดือนของปีงบประมาณ", where="stats",
                         expected="ผลจาก prongsai.channels.statistics.statistics()")
    agency = normalise_text(agency_name or "")
    if not agency:
        raise InputError("ไม่ได้ระบุชื่อหน่วยงาน", where="agency_name",
                         expected="ชื่อเต็มของหน่วยงาน เช่น องค์การบริหารส่วนตำบลลาดหญ้า")
    subject = normalise_text(subject or "")
    if not subject:
        raise InputError("ไม่ได้ระบุเรื่องที่รายงานสถิติ", where="subject", expected=COMPLAINT_SUBJECT)
    return agency, subject


def month_rows(stats: Statistics, digits: build.Digits) -> list[Row]:
    """October … September, then the first six months, then the year (so far)."""
    rows = []
    for month in stats.months:
        c = month.counts
        if month.started:
            rows.append(Row(digits.month(month.start), c.received, c.finished, c.in_progress))
        else:
            rows.append(Row(digits.month(month.start), None, None, None))
    half = f"รวม {digits.n(FIRST_HALF_MONTHS)} เดือนแรก"
    rows.append(Row(half, stats.first_half.received, stats.first_half.finished, stats.first_half.in_progress, True))
    year_over = stats.as_of >= fiscal_year_bounds(stats.fiscal_year)[1]
    label = "รวมทั้งปีงบประมาณ" if year_over else "รวมตั้งแต่ต้นปีงบประมาณ"
    rows.append(Row(label, stats.year.received, stats.year.finished, stats.year.in_progress, True))
    return rows


def grouped_label(stats: Statistics, digits: build.Digits) -> str:
    """The row that adds up the categories with few cases, naming none of them."""
    if not stats.by_category:
        return f"รวมทุกประเภท (แต่ละประเภทมีน้อยกว่า {digits.n(stats.hide_below)} เรื่อง)"
    return f"ประเภทอื่นที่มีน้อยกว่า {digits.n(stats.hide_below)} เรื่อง (รวมกัน)"


def category_rows(stats: Statistics, digits: build.Digits) -> list[tuple[str, int | str]]:
    """(label, count) for every category shown, the unnamed group of the small ones, then the total."""
    rows: list[tuple[str, int | str]] = [(s.label, s.count) for s in stats.by_category]
    if stats.grouped:
        rows.append((grouped_label(stats, digits), stats.grouped))
    rows.append(("รวม", stats.year.received))
    return rows


def _texts(stats: Statistics, agency: str, subject: str, digits: build.Digits) -> dict[str, str]:
    start, _ = fiscal_year_bounds(stats.fiscal_year)
    hide = digits.n(stats.hide_below)
    if stats.grouped:
        note = (f"หมายเหตุ ประเภทเรื่องที่มีน้อยกว่า {hide} เรื่อง รวมไว้ในแถวเดียวโดยไม่ระบุประเภท "
                "เพื่อไม่ให้ระบุตัวผู้ร้องเรียนหรือผู้ถูกร้องเรียนได้")
    else:
        note = ""
    return {
        "title": f"รายงานสถิติ{subject}",
        "year": f"ประจำปีงบประมาณ พ.ศ.{build.NBSP}{digits.n(stats.fiscal_year)}",
        "as_of": f"ข้อมูล ณ วันที่ {digits.date(stats.as_of)}",
        "intro": f"{agency}รายงานสถิติ{subject}ที่ได้รับตั้งแต่ต้นปีงบประมาณ ดังนี้",
        "empty": (f"ตั้งแต่วันที่ {digits.date(start)} ถึงวันที่ {digits.date(stats.as_of)} "
                  f"{agency}ไม่มี{subject}"),
        "months_caption": f"ตารางที่ {digits.n(1)} จำนวน{subject} จำแนกตามเดือน",
        "categories_caption": f"ตารางที่ {digits.n(2)} จำนวน{subject} จำแนกตามประเภทเรื่อง",
        "unit": "หน่วย: เรื่อง",
        "note": note,
    }


# --------------------------------------------------------------------------- DOCX / PDF


def build_statistics(stats: Statistics, *, agency_name: str, subject: str = COMPLAINT_SUBJECT,
                     thai_digits: bool = True) -> bytes:
    """The report as DOCX bytes."""
    agency, subject = _check(stats, agency_name, subject)
    d = build.Digits(thai_digits)
    names = [build.place_name(agency)]
    texts = {k: build.glue(d.t(v), names) for k, v in _texts(stats, agency, subject, d).items()}
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
        build.paragraph(doc, texts["intro"], indent=True, after=6)

    _caption(doc, texts["months_caption"], texts["unit"])
    rows = month_rows(stats, d)
    cells = [[r.label, *(NOT_STARTED if v is None else d.n(v) for v in (r.received, r.finished, r.in_progress))]
             for r in rows]
    build.table(doc, HEADER, cells, MONTH_WIDTHS_CM, aligns=(None, center, center, center),
                bold_rows=[i for i, r in enumerate(rows) if r.total])

    if not stats.empty:
        _caption(doc, texts["categories_caption"], texts["unit"], before=12)
        categories = category_rows(stats, d)
        build.table(doc, CATEGORY_HEADER, [[d.t(label), d.t(value)] for label, value in categories],
                    CATEGORY_WIDTHS_CM, aligns=(None, center), bold_rows=[len(categories) - 1])
        if texts["note"]:
            build.paragraph(doc, texts["note"], before=6)
    build.set_properties(doc, title=f"{texts['title']} {texts['year']} {agency}", author=agency)
    return build.to_bytes(doc)


def _caption(doc, caption: str, unit: str, before: float = 0) -> None:
    """``ตารางที่ ๑ …`` on the left and ``หน่วย: เรื่อง`` on the right of the same line."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Cm

    p = build.paragraph(doc, caption, bold=True, before=before, keep_next=True)
    p.paragraph_format.tab_stops.add_tab_stop(Cm(sum(MONTH_WIDTHS_CM)), WD_TAB_ALIGNMENT.RIGHT)
    build.docx_thai.thai_run(p, "\t")
    build.text_runs(p, unit)


def write_statistics(fmt: Literal["docx", "pdf"], out: str | os.PathLike[str], stats: Statistics, *,
                     agency_name: str, subject: str = COMPLAINT_SUBJECT, thai_digits: bool = True,
                     office: Any = None, timeout: float | None = None) -> Path:
    """Write the report to `out` as DOCX or PDF (replaced atomically; untouched on failure).

    `office`: a LibreOffice started ahead with ``pdf.start_office(context_numerals=thai_digits)``."""
    _check(stats, agency_name, subject)
    return build.write_document(
        fmt, out, lambda: build_statistics(stats, agency_name=agency_name, subject=subject, thai_digits=thai_digits),
        thai_digits=thai_digits, office=office, timeout=timeout)


# --------------------------------------------------------------------------- XLSX


def statistics_xlsx(stats: Statistics, *, agency_name: str, subject: str = COMPLAINT_SUBJECT) -> bytes:
    """The same figures as a workbook (Arabic digits, numbers as numbers, dates in the Buddhist
    era): sheet รายเดือน (October … September, the first six months, the year) and sheet
    ตามประเภทเรื่อง (a hidden count is the text "น้อยกว่า 3")."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    from prongsai.documents.fonts import FONT_FAMILY

    agency, subject = _check(stats, agency_name, subject)
    d = build.Digits(False)
    texts = {k: v.replace(build.NBSP, " ") for k, v in _texts(stats, agency, subject, d).items()}
    font, bold = Font(name=FONT_FAMILY, size=14), Font(name=FONT_FAMILY, size=14, bold=True)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fill = PatternFill("solid", fgColor="D9D9D9")

    def heading_rows(ws, extra: str) -> int:
        lines = [(f"{texts['title']} {texts['year']}", bold), (agency, bold), (texts["as_of"], font)]
        if extra:
            lines.append((extra, bold))
        for r, (text, f) in enumerate(lines, start=1):
            cell = ws.cell(row=r, column=1, value=text)
            cell.font = f
        return len(lines) + 2

    def table(ws, top: int, header: Sequence[str], rows: Sequence[Sequence[Any]], totals: set[int]) -> None:
        for c, text in enumerate(header, start=1):
            cell = ws.cell(row=top, column=c, value=text)
            cell.font, cell.fill, cell.border = bold, fill, border
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for r, values in enumerate(rows, start=1):
            for c, value in enumerate(values, start=1):
                cell = ws.cell(row=top + r, column=c, value=value)
                cell.font = bold if r - 1 in totals else font
                cell.border = border
                if c > 1:
                    cell.alignment = Alignment(horizontal="center")
        ws.freeze_panes = ws.cell(row=top + 1, column=1)

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_MONTHS
    top = heading_rows(ws, texts["empty"] if stats.empty else "")
    rows = month_rows(stats, d)
    values = [[r.label.replace(build.NBSP, " "),
               *(NOT_STARTED if v is None else v for v in (r.received, r.finished, r.in_progress))] for r in rows]
    table(ws, top, HEADER, values, {i for i, r in enumerate(rows) if r.total})
    for column, width in zip("ABCD", (32, 20, 20, 22), strict=True):
        ws.column_dimensions[column].width = width

    ws = wb.create_sheet(SHEET_CATEGORIES)
    top = heading_rows(ws, texts["empty"] if stats.empty else "")
    categories = category_rows(stats, d)
    table(ws, top, CATEGORY_HEADER, [[label, value] for label, value in categories], {len(categories) - 1})
    if texts["note"]:
        ws.cell(row=top + len(categories) + 2, column=1, value=texts["note"]).font = font
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 16

    wb.properties.title = f"{texts['title']} {texts['year']}"
    wb.properties.creator = agency
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def statistics_filename(stats: Statistics, agency_name: str, fmt: str, subject: str = COMPLAINT_SUBJECT) -> str:
    """``สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ-องค์การบริหารส่วนตำบลลาดหญ้า-2568.pdf``."""
    clean = re.compile(r"[\\/:*?\"<>|\s]+")
    return f"สถิติ{clean.sub('', subject)}-{clean.sub('', agency_name)}-{stats.fiscal_year}.{fmt}"


__all__ = [
    "COMPLAINT_SUBJECT",
    "HEADER",
    "Row",
    "build_statistics",
    "category_rows",
    "grouped_label",
    "month_rows",
    "statistics_filename",
    "statistics_xlsx",
    "write_statistics",
]
