"""The complaint channel on the dashboard: only for the agency's complaint officers, and only
counts (never a word of a report)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from prongsai.web.agencies.access import AgencyAccess
from prongsai.web.complaints.models import Complaint
from prongsai.web.complaints.officer import is_officer


def for_dashboard(access: AgencyAccess) -> list[dict[str, Any]]:
    if not is_officer(access):
        return []
    today = timezone.localdate()
    counts = Complaint.objects.filter(agency=access.agency).exclude(status=Complaint.CLOSED).aggregate(
        open=Count("id"),
        overdue=Count("id", filter=Q(acknowledged_on__isnull=True, acknowledge_due__lt=today) | Q(answer_due__lt=today)),
        waiting=Count("id", filter=Q(reporter_waiting=True)))
    note = f"เกินกำหนด {counts['overdue']} เรื่อง" if counts["overdue"] else "ไม่มีเรื่องเกินกำหนด"
    if counts["waiting"]:
        note += f" · ข้อความใหม่จากผู้ร้องเรียน {counts['waiting']} เรื่อง"
    return [{"title": "เรื่องร้องเรียนที่ยังไม่ยุติ", "value": counts["open"], "note": note,
             "href": reverse("complaints", args=[access.agency.pk]), "bad": bool(counts["overdue"])}]
