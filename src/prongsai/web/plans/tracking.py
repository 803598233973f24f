"""Implementation tracking: progress entries per measure, with evidence files and links."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from prongsai.web.agencies.access import EDIT, VIEW, AgencyAccess, agency_view
from prongsai.web.audit import log
from prongsai.web.plans import services
from prongsai.web.plans.forms import ProgressForm
from prongsai.web.plans.models import STATUS_TH, Evidence, Measure, Plan, ProgressEntry


def _measure(access: AgencyAccess, measure_id: int) -> Measure:
    return get_object_or_404(Measure.objects.select_related("plan", "responsible_unit"), pk=measure_id,
                             plan__agency=access.agency)


@agency_view(VIEW, methods=("GET", "HEAD"))
def tracking(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    agency = access.agency
    plan_years = list(Plan.objects.filter(agency=agency).values_list("fiscal_year", flat=True)
                      .order_by("-fiscal_year").distinct())
    year = request.GET.get("year")
    try:
        plan = services.current_plan(agency, int(year) if year else None)
    except ValueError:
        raise Http404 from None
    if plan is None:
        return render(request, "plans/tracking_empty.html", {"title": "ติดตามผลการดำเนินการ", "section": "tracking"})
    units = list(agency.units.all())
    unit_param = request.GET.get("unit")
    if unit_param is None and access.unit is not None:
        unit = access.unit
    elif unit_param:
        unit = next((u for u in units if str(u.pk) == unit_param), None)
        if unit is None:
            raise Http404
    else:
        unit = None
    rows = services.statuses(plan, unit=unit)
    counts = {code: 0 for code in STATUS_TH}
    for row in rows:
        if row.latest:
            counts[row.status] += 1
    return render(request, "plans/tracking.html", {
        "title": "ติดตามผลการดำเนินการ", "section": "tracking", "plan": plan, "rows": rows, "units": units,
        "unit": unit, "plan_years": plan_years, "counts": counts, "status_th": STATUS_TH,
        "overdue": sum(1 for r in rows if r.overdue), "no_report": sum(1 for r in rows if not r.latest),
        "today": timezone.localdate(),
    })


@agency_view(VIEW)
def measure_progress(request: HttpRequest, access: AgencyAccess, measure_id: int) -> HttpResponse:
    measure = _measure(access, measure_id)
    can_record = access.can_record_for(measure)
    if request.method == "POST" and not can_record:
        raise PermissionDenied
    form = ProgressForm(request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None,
                        initial={"as_of": timezone.localdate(), "status": "in_progress"}) if can_record else None
    if request.method == "POST" and form is not None and form.is_valid():
        with transaction.atomic():
            entry = form.save(commit=False)
            entry.agency = access.agency
            entry.measure = measure
            entry.lineage = measure.lineage
            entry.created_by = request.user
            entry.save()
            attached = _attach(access, entry, form)
            after = log.snapshot(entry, ProgressEntry.AUDIT_FIELDS)
            if attached:
                after["หลักฐาน"] = ", ".join(attached)
            log.created(request.user, access.agency, "ผลการดำเนินการ", entry,
                        f"บันทึกผลการดำเนินการของมาตรการ '{measure.title}'", after)
        messages.success(request, "บันทึกผลการดำเนินการแล้ว")
        return redirect("measure_progress", access.agency.pk, measure.pk)
    entries = (ProgressEntry.objects.filter(agency=access.agency, lineage=measure.lineage)
               .select_related("created_by").prefetch_related("evidence"))
    status = next((s for s in services.statuses(measure.plan) if s.measure.pk == measure.pk), None)
    return render(request, "plans/measure_progress.html", {
        "title": f"ผลการดำเนินการ: {measure.title}", "section": "tracking", "m": measure, "plan": measure.plan,
        "entries": entries, "form": form, "can_record": can_record, "status": status,
        "steps": measure.steps.all(),
    })


def _attach(access: AgencyAccess, entry: ProgressEntry, form: ProgressForm) -> list[str]:
    names = []
    for upload, _suffix, content_type in form.cleaned_data.get("files") or []:
        original = Path(upload.name).name[:255]
        Evidence.objects.create(agency=access.agency, entry=entry, file=upload, name=original,
                                size=upload.size, content_type=content_type)
        names.append(original)
    for url in form.cleaned_data.get("links") or []:
        Evidence.objects.create(agency=access.agency, entry=entry, url=url, name=url[:255])
        names.append(url)
    return names


@agency_view(EDIT)
def progress_edit(request: HttpRequest, access: AgencyAccess, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(ProgressEntry.objects.select_related("measure__plan"), pk=entry_id,
                              agency=access.agency)
    if not access.can_record_for(entry.measure):
        raise PermissionDenied
    form = ProgressForm(request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None, instance=entry)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            before = log.snapshot(ProgressEntry.objects.get(pk=entry.pk), ProgressEntry.AUDIT_FIELDS)
            entry = form.save()
            attached = _attach(access, entry, form)
            after = log.snapshot(entry, ProgressEntry.AUDIT_FIELDS)
            if attached:
                before["หลักฐานที่เพิ่ม"] = ""
                after["หลักฐานที่เพิ่ม"] = ", ".join(attached)
            log.updated(request.user, access.agency, "ผลการดำเนินการ", entry,
                        f"แก้ไขผลการดำเนินการของมาตรการ '{entry.measure.title}'", before, after)
        messages.success(request, "บันทึกการแก้ไขแล้ว")
        return redirect("measure_progress", access.agency.pk, entry.measure_id)
    return render(request, "plans/progress_form.html", {
        "title": "แก้ไขผลการดำเนินการ", "section": "tracking", "form": form, "entry": entry, "m": entry.measure,
    })


@agency_view(EDIT, methods=("POST",))
def progress_delete(request: HttpRequest, access: AgencyAccess, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(ProgressEntry.objects.select_related("measure"), pk=entry_id, agency=access.agency)
    if not access.can_record_for(entry.measure):
        raise PermissionDenied
    measure_id = entry.measure_id
    with transaction.atomic():
        before = log.snapshot(entry, ProgressEntry.AUDIT_FIELDS)
        files = [e.name for e in entry.evidence.all()]
        if files:
            before["หลักฐาน"] = ", ".join(files)
        log.deleted(request.user, access.agency, "ผลการดำเนินการ", entry,
                    f"ลบผลการดำเนินการของมาตรการ '{entry.measure.title}'", before)
        entry.evidence.all().delete()
        entry.delete()
    messages.success(request, "ลบผลการดำเนินการแล้ว")
    return redirect("measure_progress", access.agency.pk, measure_id)


@agency_view(VIEW, methods=("GET", "HEAD"))
def evidence_download(request: HttpRequest, access: AgencyAccess, evidence_id: int) -> HttpResponse:
    """Evidence files are only ever served here, after the agency check (never from MEDIA_URL)."""
    evidence = get_object_or_404(Evidence, pk=evidence_id, agency=access.agency)
    if not evidence.file:
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = evidence.content_type or mimetypes.guess_type(evidence.name)[0] or "application/octet-stream"
    inline = content_type in ("application/pdf", "image/png", "image/jpeg")
    response = FileResponse(handle, content_type=content_type, as_attachment=not inline, filename=evidence.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    return response


@agency_view(EDIT, methods=("POST",))
def evidence_delete(request: HttpRequest, access: AgencyAccess, evidence_id: int) -> HttpResponse:
    evidence = get_object_or_404(Evidence.objects.select_related("entry__measure"), pk=evidence_id,
                                 agency=access.agency)
    measure = evidence.entry.measure
    if not access.can_record_for(measure):
        raise PermissionDenied
    with transaction.atomic():
        log.deleted(request.user, access.agency, "หลักฐาน", evidence,
                    f"ลบหลักฐาน '{evidence.name}' ของมาตรการ '{measure.title}'", {"หลักฐาน": evidence.name})
        evidence.delete()
    messages.success(request, f"ลบหลักฐาน {evidence.name} แล้ว")
    return redirect("measure_progress", access.agency.pk, measure.pk)

