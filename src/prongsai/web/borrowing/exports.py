"""The staff pages' tables as files (?format=csv|xlsx, design §5.7): the same rows the page shows
(all of them, not one page), Thai headers, dates in the Buddhist era. Every download is logged."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from prongsai.documents import borrowing_sheets as sheets
from prongsai.services import borrowing as rules
from prongsai.web.agencies.access import AgencyAccess
from prongsai.web.audit import log

FORMATS = {"csv": sheets.CSV_TYPE, "xlsx": sheets.XLSX_TYPE}
REGISTER_TITLE = "ทะเบียนคุมการยืม-คืนพัสดุ"
REGISTER_HEADER = ("เลขที่", "วันที่ยื่นคำขอ", "ผู้ยืม", "ประเภทผู้ยืม", "ในนามของ", "วัตถุประสงค์การยืม", "ใช้ในงาน",
                   "สถานที่นำไปใช้", "หมายเลขพัสดุ", "รายการพัสดุ", "จำนวน", "หน่วยนับ", "วันที่ยืม", "กำหนดส่งคืน",
                   "สถานะ", "ผู้พิจารณา", "วันที่พิจารณา", "เหตุผลหรือเงื่อนไข", "วันที่ส่งมอบ", "ผู้ส่งมอบ",
                   "ผู้รับพัสดุ", "วันที่ส่งคืน", "ผู้รับคืน", "ชำรุด", "สูญหาย", "เกินกำหนด (วัน)", "หมายเหตุ")
REGISTER_WIDTHS = (10, 13, 24, 18, 22, 22, 30, 24, 16, 26, 8, 9, 13, 13, 18, 20, 13, 26, 13, 20, 20, 13, 20, 8, 8, 10, 30)
ASSET_HEADER = ("หมายเลขพัสดุ/ครุภัณฑ์", "ชื่อพัสดุ", "กอง/สำนักที่ดูแล", "จำนวนที่ให้ยืมได้", "หน่วยนับ", "สภาพ",
                "ให้ประชาชนและหน่วยงานอื่นขอยืมได้", "ยืมได้ครั้งละไม่เกิน (วัน)", "อยู่ระหว่างยืม", "เลิกให้ยืมแล้ว",
                "หมายเหตุ")
ASSET_WIDTHS = (20, 32, 22, 12, 10, 22, 16, 14, 12, 12, 36)


def _day(value: Any) -> str:
    return rules.thai_day(value) if value else ""


def _respond(request: HttpRequest, access: AgencyAccess, fmt: str, name: str, what: str, body: bytes) -> HttpResponse:
    log.downloaded(request, access.agency, what, None, name)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def register_rows(lines: Sequence[Any], today: Any) -> list[list[Any]]:
    rows = []
    for line in lines:
        loan, asset = line.loan, line.asset
        late = rules.days_late(loan.end_on, loan.returned_on or today) if loan.status in rules.LENT else 0
        note = "; ".join([*loan.marks, loan.return_note, loan.cancel_reason])
        rows.append([loan.number, _day(loan.requested_on), loan.borrower_name, loan.get_borrower_kind_display(),
                     loan.organisation, loan.get_purpose_kind_display(), loan.purpose, loan.place, asset.code,
                     asset.name, line.quantity, asset.count_unit, _day(loan.start_on), _day(loan.end_on),
                     loan.get_status_display(), loan.decided_by_name, _day(loan.decided_on), loan.decision_note,
                     _day(loan.handed_on), loan.handed_by_name, loan.handed_to, _day(loan.returned_on),
                     loan.received_by_name, line.damaged if loan.returned_on else "",
                     line.lost if loan.returned_on else "", late or "", note.strip("; ")])
    return rows


def register_file(request: HttpRequest, access: AgencyAccess, fmt: str, lines: Sequence[Any], label: str
                  ) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    rows = register_rows(lines, timezone.localdate())
    name = f"{REGISTER_TITLE}-{access.agency.name}-{label}.{fmt}".replace(" ", "")
    if fmt == "csv":
        body = sheets.csv_bytes(REGISTER_HEADER, rows)
    else:
        body = sheets.table_xlsx("ทะเบียนคุมการยืม-คืน", [f"{REGISTER_TITLE} {label}", access.agency.name,
                                                          f"ข้อมูล ณ วันที่ {_day(timezone.localdate())}"],
                                 REGISTER_HEADER, rows, REGISTER_WIDTHS, author=access.agency.name)
    return _respond(request, access, fmt, name, REGISTER_TITLE, body)


def assets_file(request: HttpRequest, access: AgencyAccess, fmt: str, assets: Sequence[Any], out: dict[int, int]
                ) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    rows = [[a.code, a.name, a.unit.name if a.unit else "", a.quantity, a.count_unit, a.get_condition_display(),
             "ใช่" if a.public_may_borrow else "ไม่ใช่", a.max_days or "", out.get(a.pk, 0),
             "ใช่" if a.retired else "ไม่ใช่", a.notes] for a in assets]
    name = f"รายการพัสดุที่ให้ยืม-{access.agency.name}.{fmt}".replace(" ", "")
    if fmt == "csv":
        body = sheets.csv_bytes(ASSET_HEADER, rows)
    else:
        body = sheets.table_xlsx("พัสดุที่ให้ยืม", ["รายการพัสดุที่ให้ยืม", access.agency.name,
                                                   f"ข้อมูล ณ วันที่ {_day(timezone.localdate())}"],
                                 ASSET_HEADER, rows, ASSET_WIDTHS, author=access.agency.name)
    return _respond(request, access, fmt, name, "รายการพัสดุที่ให้ยืม", body)


def summary_file(request: HttpRequest, access: AgencyAccess, fmt: str, summary: rules.Summary) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    name = f"สรุปผลการยืม-คืนพัสดุ-{access.agency.name}-{summary.fiscal_year}.{fmt}".replace(" ", "")
    if fmt == "csv":
        body = sheets.summary_csv(summary)
    else:
        body = sheets.summary_xlsx(summary, agency_name=access.agency.name,
                                   as_of=f"ข้อมูล ณ วันที่ {_day(summary.as_of)}")
    return _respond(request, access, fmt, name, "สรุปผลการยืม-คืนพัสดุ", body)
