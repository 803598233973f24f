"""The audit log: an agency's, for its administrators, and the whole system's, for the system
administrator (entries without an agency: accounts, supervisor scopes, sign-ins)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render

from prongsai.web.agencies.access import MANAGE, AgencyAccess, agency_view
from prongsai.web.audit.models import AuditEntry

PER_PAGE = 50
# The system page's choice of entries: value → label.
SCOPES = {"": "ทุกรายการ", "system": "เฉพาะรายการระดับระบบ (ไม่มีหน่วยงาน)", "agencies": "เฉพาะรายการของหน่วยงาน"}


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
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {
        "title": "บันทึกการเปลี่ยนแปลง", "section": "audit", "page": page, **filters,
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
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/system_log.html", {
        "title": "บันทึกการใช้งานทั้งระบบ", "page": page, "scope": scope, "scopes": SCOPES.items(), **filters,
    })
