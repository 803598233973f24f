"""The dashboard's figures for E-Service (rendered by the dashboard): open requests, overdue
ones, and how many of this month's finished requests were on time. For unit staff, their
unit's; for everyone else, the whole agency's."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone

from prongsai.web.agencies.access import AgencyAccess
from prongsai.web.eservice.models import RequestType, ServiceRequest

ON_TIME_TARGET = 80  # per cent of finished requests on time, below which the figure shows as bad


def for_dashboard(access: AgencyAccess) -> list[dict[str, Any]]:
    """[{title, value, note, href, bad}], or [] for an agency that has no request type yet."""
    agency = access.agency
    if not RequestType.objects.filter(agency=agency).exists():
        return []
    today = timezone.localdate()
    found = ServiceRequest.objects.filter(agency=agency)
    whose = "ทุกส่วนงาน"
    query = ""
    if access.is_unit_staff:
        found = found.filter(unit=access.unit)
        whose = access.unit.name
        query = f"&unit={access.unit.pk}"
    month_start = today.replace(day=1)
    open_ = Q(finished_on__isnull=True)
    this_month = Q(finished_on__gte=month_start, finished_on__lte=today)
    counts = found.aggregate(
        open=Count("id", filter=open_), overdue=Count("id", filter=open_ & Q(due_on__lt=today)),
        waiting=Count("id", filter=open_ & Q(applicant_waiting=True)),
        finished=Count("id", filter=this_month),
        on_time=Count("id", filter=this_month & Q(finished_on__lte=F("due_on"))))
    queue = reverse("eservice_requests", args=[agency.pk])
    finished, on_time = counts["finished"], counts["on_time"]
    percent = round(100 * on_time / finished) if finished else None
    return [
        {"title": "คำขอรับบริการที่ยังไม่แล้วเสร็จ", "value": counts["open"],
         "note": f"{whose}" + (f" · มีข้อความใหม่จากผู้ยื่นคำขอ {counts['waiting']} คำขอ" if counts["waiting"] else ""),
         "href": f"{queue}?show=open{query}", "bad": False},
        {"title": "คำขอที่เกินกำหนด", "value": counts["overdue"],
         "note": "ยังไม่แล้วเสร็จและเลยกำหนดตามคู่มือการให้บริการแล้ว" if counts["overdue"] else "ไม่มีคำขอที่เกินกำหนด",
         "href": f"{queue}?show=overdue{query}", "bad": counts["overdue"] > 0},
        {"title": "แล้วเสร็จตามกำหนดในเดือนนี้", "value": on_time,
         "note": (f"จากคำขอที่แล้วเสร็จ {finished} คำขอ (ร้อยละ {percent})" if finished
                  else "เดือนนี้ยังไม่มีคำขอที่แล้วเสร็จ"),
         "href": f"{queue}?show=finished{query}", "bad": percent is not None and percent < ON_TIME_TARGET},
    ]
