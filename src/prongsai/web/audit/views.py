"""The audit log of an agency, for its administrators."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from prongsai.web.agencies.access import MANAGE, AgencyAccess, agency_view
from prongsai.web.audit.models import AuditEntry


@agency_view(MANAGE, methods=("GET", "HEAD"))
def audit_log(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    entries = AuditEntry.objects.filter(agency=access.agency).select_related("user")
    q = (request.GET.get("q") or "").strip()[:100]
    if q:
        entries = entries.filter(Q(summary__icontains=q) | Q(username__icontains=q) | Q(object_type__icontains=q))
    action = request.GET.get("action") or ""
    if action in dict(AuditEntry.ACTIONS):
        entries = entries.filter(action=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {
        "title": "บันทึกการเปลี่ยนแปลง", "section": "audit", "page": page, "q": q, "action": action,
        "actions": AuditEntry.ACTIONS,
    })
