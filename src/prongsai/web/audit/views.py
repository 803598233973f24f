"""The audit log: an agency's, for its administrators, and the whole system's, for the system
administrator (entries without an agency: accounts, supervisor scopes, sign-ins)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import timezone

from prongsai.web.agencies.access import MANAGE, AgencyAccess, agency_view
from prongsai.web.audit.models import AuditEntry
from prongsai.web.ui.exports import export_response, requested_format
from prongsai.web.ui.forms import ThaiDateField, be_date

PER_PAGE = 50
# The system page's choice of entries: value → label.
SCOPES = {"": "ทุกรายการ", "system": "เฉพาะรายการระดับระบบ (ไม่มีหน่วยงาน)", "agencies": "เฉพาะรายการของหน่วยงาน"}


class DateRangeForm(forms.Form):
    """The days whose entries the page and its file hold (either end may stay empty)."""

    date_from = ThaiDateField(label="ตั้งแต่วันที่", required=False)
    date_to = ThaiDateField(label="ถึงวันที่", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", f"ช่วงวันที่ไม่ถูกต้อง: {be_date(end)} อยู่ก่อน {be_date(start)} "
                                      "กรุณาระบุ \"ถึงวันที่\" เป็นวันเดียวกันหรือหลังจาก \"ตั้งแต่วันที่\"")
        return data

    def describe(self) -> str:
        data = self.cleaned_data if self.is_valid() else {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end:
            return f"ช่วงวันที่ {be_date(start)} – {be_date(end)}"
        if start:
            return f"ตั้งแต่วันที่ {be_date(start)}"
        return f"ถึงวันที่ {be_date(end)}" if end else ""


def _in_range(entries: QuerySet[AuditEntry], form: DateRangeForm) -> QuerySet[AuditEntry]:
    """Entries of the days chosen, midnight to midnight local time; all when the dates are bad
    (the form shows the error)."""
    if not form.is_valid():
        return entries
    zone = timezone.get_current_timezone()
    if start := form.cleaned_data.get("date_from"):
        entries = entries.filter(at__gte=datetime.combine(start, time.min, zone))
    if end := form.cleaned_data.get("date_to"):
        entries = entries.filter(at__lt=datetime.combine(end + timedelta(days=1), time.min, zone))
    return entries


def _file(request: HttpRequest, entries: QuerySet[AuditEntry], form: DateRangeForm, filters: dict[str, Any],
          *, title: str, filename: str, with_agency: bool, extra: str = "") -> HttpResponse | None:
    """The entries as a file, every one the filters keep; None for the page (or bad dates)."""
    if requested_format(request) is None or not form.is_valid():
        return None
    # The download itself is logged: the file holds the entries as they were when asked for.
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    entries = entries.filter(pk__lte=last)
    if with_agency:
        entries = entries.select_related("agency")
    headers = ["ลำดับ", "เวลา", *(["หน่วยงาน"] if with_agency else []), "ผู้ใช้", "ที่อยู่เครื่อง (IP)", "การกระทำ",
               "ประเภทรายการ", "รายการ", "สิ่งที่เปลี่ยน"]

    def rows():  # type: ignore[no-untyped-def]
        for e in entries.iterator(chunk_size=2000):
            changed = "; ".join(f"{f}: {old} → {new}" if old else f"{f}: {new}" for f, old, new in e.change_rows)
            agency = [e.agency.name if e.agency else "ระดับระบบ"] if with_agency else []
            yield (e.seq, e.at, *agency, e.username, e.address, e.get_action_display(), e.object_type, e.summary,
                   changed)

    shown = [form.describe(), *(f"{label}: {value}" for label, value in (
        ("ค้นหา", filters["q"]), ("ประเภท", dict(filters["kinds"]).get(filters["kind"])),
        ("การกระทำ", dict(filters["actions"]).get(filters["action"]))) if value), extra]
    return export_response(request, title=title, headers=headers, rows=rows(), filename=filename,
                           subtitle=[" · ".join(s for s in shown if s)], stream=True)


def _filtered(request: HttpRequest, entries: QuerySet[AuditEntry],
              kinds: tuple[str, ...] = tuple(AuditEntry.KINDS)) -> tuple[QuerySet[AuditEntry], dict[str, Any]]:
    """Search, kind and action from the query string; `kinds` are those the page can hold."""
    actions = [(k, v) for k, v in AuditEntry.ACTIONS if any(k in AuditEntry.KINDS[kind][1] for kind in kinds)]
    q = (request.GET.get("q") or "").strip()[:100]
    if q:
        entries = entries.filter(Q(summary__icontains=q) | Q(username__icontains=q) | Q(object_type__icontains=q)
                                 | Q(address__icontains=q))
    kind = request.GET.get("kind") or ""
    if kind in kinds:
        entries = entries.filter(action__in=AuditEntry.KINDS[kind][1])
    else:
        kind = ""
    action = request.GET.get("action") or ""
    if action in dict(actions):
        entries = entries.filter(action=action)
    else:
        action = ""
    return entries, {"q": q, "kind": kind, "action": action, "actions": actions,
                     "kinds": [(k, AuditEntry.KINDS[k][0]) for k in kinds]}


@agency_view(MANAGE, methods=("GET", "HEAD"))
def audit_log(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    # Sign-ins belong to no agency (a person signs in to the system), so the agency page has none.
    entries, filters = _filtered(request, AuditEntry.objects.filter(agency=access.agency), ("change", "download"))
    dates = DateRangeForm(request.GET)
    entries = _in_range(entries, dates)
    if (file := _file(request, entries, dates, filters, title="บันทึกการเปลี่ยนแปลง", with_agency=False,
                      filename=f"บันทึกการเปลี่ยนแปลง-{access.agency.name}")) is not None:
        return file
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {
        "title": "บันทึกการเปลี่ยนแปลง", "section": "audit", "page": page, "dates": dates, **filters,
        "exports": dates.is_valid(),
    })


def system_audit_log(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser:
        raise Http404
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    entries, filters = _filtered(request, AuditEntry.objects.select_related("agency"))
    scope = request.GET.get("scope") or ""
    if scope == "system":
        entries = entries.filter(agency__isnull=True)
    elif scope == "agencies":
        entries = entries.filter(agency__isnull=False)
    else:
        scope = ""
    dates = DateRangeForm(request.GET)
    entries = _in_range(entries, dates)
    if (file := _file(request, entries, dates, filters, title="บันทึกการใช้งานทั้งระบบ", with_agency=True,
                      filename="บันทึกการใช้งานทั้งระบบ", extra=SCOPES[scope] if scope else "")) is not None:
        return file
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/system_log.html", {
        "title": "บันทึกการใช้งานทั้งระบบ", "page": page, "scope": scope, "scopes": SCOPES.items(), "dates": dates,
        **filters, "exports": dates.is_valid(),
    })
