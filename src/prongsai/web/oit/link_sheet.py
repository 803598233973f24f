"""The ITAS link sheet: every OIT item of the year with its name and the page(s) that show it,
ready to paste into NACC's system, as Excel or CSV."""

from __future__ import annotations

import io

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

from prongsai.documents import table_sheets
from prongsai.web.agencies.access import VIEW, AgencyAccess, agency_view
from prongsai.web.audit import log
from prongsai.web.oit.models import OitCheck
from prongsai.web.oit.views import _framework

HEADINGS = ("ข้อ", "รายการ", "ลิงก์", "ผู้รับผิดชอบ", "สถานะ")
TYPES = table_sheets.TYPES


def sheet_rows(access: AgencyAccess, year: int) -> list[tuple[str, ...]]:
    framework = _framework(access, year)
    checks = {c.code: c for c in OitCheck.objects.filter(agency=access.agency, fiscal_year=year).select_related("owner")}
    rows = []
    for item in framework.items_of("OIT"):
        check = checks.get(item.code)
        rows.append((item.code, item.label, check.url if check else "", check.owner.name if check and check.owner else "",
                     check.get_status_display() if check else "ยังไม่ตรวจ"))
    return rows


@agency_view(VIEW, methods=("GET", "HEAD"))
def link_sheet(request: HttpRequest, access: AgencyAccess, year: int, fmt: str) -> HttpResponse:
    if fmt not in TYPES:
        raise Http404
    rows = sheet_rows(access, year)
    name = f"ลิงก์ OIT ปี {year} {access.agency.name}.{fmt}"
    # the CSV's byte-order mark lets Excel read Thai
    body = table_sheets.csv_bytes(HEADINGS, rows) if fmt == "csv" else _xlsx(year, rows)
    log.downloaded(request, access.agency, "ตารางลิงก์ OIT", None, name)
    response = HttpResponse(body, content_type=TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _xlsx(year: int, rows: list[tuple[str, ...]]) -> bytes:
    import openpyxl
    from openpyxl.styles import Alignment, Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = f"OIT {year}"
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:  # links and notes are typed by users: text, never a formula
            if isinstance(cell.value, str) and table_sheets.is_formula(cell.value):
                cell.data_type = "s"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDE", (8, 70, 60, 28, 22), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
