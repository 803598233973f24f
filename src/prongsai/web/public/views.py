"""The agency's public home, its measures and their documents (no login, no cookie), and the
staff page that gives the pages' addresses and edits what the home says about the agency."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from prongsai import tracking as tracking_rule
from prongsai.web.agencies.access import VIEW, AgencyAccess, agency_view
from prongsai.web.agencies.models import Agency
from prongsai.web.audit import log
from prongsai.web.plans import services
from prongsai.web.plans.documents import FORMATS, KINDS, PERIODS, DocumentProblem, build_document
from prongsai.web.public import oit_pages
from prongsai.web.public.anonymity import Throttle, public_view
from prongsai.web.public.forms import PublicProfileForm
from prongsai.web.public.models import PublicProfile
from prongsai.web.public.published import approved_plan, approved_years, published_documents
from prongsai.web.public.services import offered as offered_services

NO_PLAN = "ยังไม่มีมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานที่ได้รับอนุมัติ"
# Each download makes the document afresh (a PDF is a LibreOffice job): a few a minute per visitor.
DOCUMENT_BUILDS = Throttle("public-document", limit=30, window=3600)
STATE_ORDER = (tracking_rule.DONE, tracking_rule.IN_PROGRESS, tracking_rule.LATE, tracking_rule.NOT_STARTED)


def public_page(template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    """A public page. It is rendered without the request: the workspace's context (the signed-in
    user, their messages, the session) has no business on it, and the agency stays the one the
    address names."""
    return HttpResponse(render_to_string(template, context), status=status)


def _problem(agency: Agency, title: str, message: str, status: int, back: str | None = None) -> HttpResponse:
    return public_page("public/problem.html", {"agency": agency, "title": title, "message": message,
                                               "back": back}, status=status)


def _year(request: HttpRequest) -> int | None | str:
    raw = request.GET.get("year")
    if not raw:
        return None
    return int(raw) if raw.isdigit() and len(raw) == 4 else "bad"


# --- the public home ----------------------------------------------------------------------------

@public_view()
def public_home(request: HttpRequest, agency: Agency) -> HttpResponse:
    profile = PublicProfile.objects.filter(agency=agency).first()
    years = approved_years(agency)
    plan = approved_plan(agency, years[0]) if years else None
    return public_page("public/home.html", {
        "agency": agency, "title": "หน้าหลัก", "profile": profile, "plan": plan,
        "documents": published_documents(plan), "services": offered_services(agency),
    })


# --- the measures and their progress ----------------------------------------------------------

@public_view()
def public_measures(request: HttpRequest, agency: Agency) -> HttpResponse:
    years = approved_years(agency)
    year = _year(request)
    title = "ผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    crumbs = [("ผลการดำเนินการตามมาตรการ", None)]
    if year is not None and year not in years:
        return _problem(agency, "ไม่พบมาตรการของปีงบประมาณที่เลือก",
                        "ปีงบประมาณที่เลือกยังไม่มีมาตรการที่ได้รับอนุมัติ" + (" กดปุ่มด้านล่างเพื่อดูปีงบประมาณอื่น" if years else ""), 404,
                        back=None if not years else _measures_url(agency))
    plan = approved_plan(agency, year or years[0]) if years else None
    rows = services.statuses(plan) if plan is not None else []
    counts = Counter(r.state for r in rows)
    return public_page("public/measures.html", {
        "agency": agency, "title": title, "crumbs": crumbs, "plan": plan, "rows": rows, "years": years,
        "counts": [(state, counts[state]) for state in STATE_ORDER if counts[state]],
        "documents": published_documents(plan), "no_plan": NO_PLAN,
    })


def _measures_url(agency: Agency) -> str:
    from django.urls import reverse

    return reverse("public_measures", args=[agency.pk])


# --- the documents ------------------------------------------------------------------------------

PUBLIC_PROBLEM = {
    "unavailable": ("ขณะนี้ยังจัดทำเอกสารไม่ได้ โปรดลองใหม่อีกครั้งภายหลัง", 503),
    "failed": ("ขณะนี้ยังจัดทำเอกสารไม่ได้ โปรดลองใหม่อีกครั้งภายหลัง", 503),
    "no_progress": ("ยังไม่มีผลการดำเนินการตามมาตรการในรอบรายงานนี้", 404),
}


@public_view()
def public_document(request: HttpRequest, agency: Agency, kind: str, fmt: str) -> HttpResponse:
    """The analysis, the plan or the implementation report of an approved plan (?year= its fiscal
    year, default the latest; ?period= the implementation report's round). Nobody is logged: there
    is nobody to name."""
    title = "ไม่พบเอกสาร"
    if kind not in KINDS or fmt not in FORMATS:
        return _problem(agency, title, "ไม่มีเอกสารนี้ในหน้าของหน่วยงาน", 404)
    years = approved_years(agency)
    year = _year(request)
    period = request.GET.get("period") or "year-end"
    if year == "bad" or period not in PERIODS:
        return _problem(agency, title, "ลิงก์ของเอกสารไม่ถูกต้อง", 404)
    if year is not None and year not in years:
        return _problem(agency, title, f"ปีงบประมาณ {year} ยังไม่มีมาตรการที่ได้รับอนุมัติ", 404)
    plan = approved_plan(agency, year or years[0]) if years else None
    if plan is None:
        return _problem(agency, title, NO_PLAN, 404)
    if not plan.based_on_year:
        return _problem(agency, title, "เอกสารนี้ยังไม่พร้อมเผยแพร่", 404)
    if DOCUMENT_BUILDS.exceeded(request):
        return _problem(agency, "ดาวน์โหลดบ่อยเกินไป", "มีการดาวน์โหลดเอกสารจากเครือข่ายนี้บ่อยเกินไป "
                        "กรุณาลองใหม่อีกครั้งภายใน 1 ชั่วโมง", 429)
    DOCUMENT_BUILDS.count(request)
    try:
        document = build_document(agency, kind, fmt, year=plan.based_on_year, plan=plan,
                                  period=period if kind == "implementation" else "year-end")
    except DocumentProblem as problem:
        message, status = PUBLIC_PROBLEM.get(problem.reason, ("เอกสารนี้ยังไม่พร้อมเผยแพร่", 404))
        return _problem(agency, "เปิดเอกสารไม่ได้", message, status)
    return document.response()


# --- the staff page: the public addresses and the profile --------------------------------------

@agency_view(VIEW)
def public_settings(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    agency = access.agency
    if request.method == "POST" and not access.can_manage:
        raise PermissionDenied
    profile = PublicProfile.objects.filter(agency=agency).first() or PublicProfile(agency=agency)
    form = PublicProfileForm(request.POST if request.method == "POST" else None, instance=profile)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            existing = PublicProfile.objects.select_for_update().filter(agency=agency).first()
            before = log.snapshot(existing, PublicProfile.AUDIT_FIELDS) if existing else None
            saved = form.save(commit=False)
            saved.agency = agency
            if existing is not None:
                saved.pk = existing.pk
                saved._state.adding = False
            saved.save()
            after = log.snapshot(saved, PublicProfile.AUDIT_FIELDS)
            if before is None:
                log.created(request.user, agency, "ข้อมูลหน้าสาธารณะ", saved, "บันทึกข้อมูลหน้าสาธารณะของหน่วยงาน", after)
            else:
                log.updated(request.user, agency, "ข้อมูลหน้าสาธารณะ", saved, "แก้ไขข้อมูลหน้าสาธารณะของหน่วยงาน",
                            before, after)
        messages.success(request, "บันทึกข้อมูลหน้าสาธารณะแล้ว")
        return redirect("public_settings", agency.pk)
    return render(request, "public/settings.html", {
        "title": "หน้าสาธารณะของหน่วยงาน", "section": "public", "form": form, "profile": profile,
        "links": public_links(request, agency), **_plan_documents(request, agency),
    })


def public_links(request: HttpRequest, agency: Agency) -> list[dict[str, Any]]:
    """Every public page of the agency with its absolute address and the OIT items (of the year
    being assessed) it fits."""
    from prongsai.web.oit.views import default_year

    year = default_year()
    framework = agency.framework(year)
    fits: dict[str, list[str]] = {}
    for code, items in oit_pages.items_for(framework.fiscal_year, framework.variant).items():
        for item in items:
            if item.page != "public_document":
                fits.setdefault(item.page, []).append(code)
    links = []
    for page, label in PAGE_LABELS:
        path = oit_pages.page_path(agency.pk, page)
        if path is None:
            continue
        links.append({"page": page, "label": label, "url": request.build_absolute_uri(path),
                      "oit": sorted(set(fits.get(page, [])), key=lambda c: int(c[1:])), "year": year})
    return links


PAGE_LABELS = (
    ("public_home", "หน้าหลักของหน่วยงาน (ข้อมูลการติดต่อและช่องทางสำหรับประชาชน)"),
    ("complaint_new", "แจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"),
    ("complaint_status", "ติดตามเรื่องร้องเรียน"),
    ("complaint_statistics", "สถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"),
    ("public_complaint_guideline", "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ (PDF)"),
    ("public_qa", "ถาม–ตอบ (Q&A)"),
    ("public_measures", "ผลการดำเนินการตามมาตรการ"),
)


def _plan_documents(request: HttpRequest, agency: Agency) -> dict[str, Any]:
    years = approved_years(agency)
    plan = approved_plan(agency, years[0]) if years else None
    documents = []
    for doc in published_documents(plan):
        path = oit_pages.page_path(agency.pk, "public_document", doc.kind, plan.fiscal_year, doc.period)
        if path is not None:
            documents.append({"doc": doc, "url": request.build_absolute_uri(path)})
    newer_draft = plan is not None and not plan.is_latest()
    return {"plan": plan, "documents": documents, "newer_draft": newer_draft}
