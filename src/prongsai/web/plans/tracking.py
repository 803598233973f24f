"""Implementation tracking: progress entries per measure, with evidence files and links."""

from __future__ import annotations

import mimetypes
from collections import Counter
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from prongsai import tracking as tracking_rule
from prongsai.web.agencies.access import EDIT, VIEW, AgencyAccess, agency_view
from prongsai.web.audit import log
from prongsai.web.plans import services
from prongsai.web.plans.forms import ProgressForm
from prongsai.web.plans.models import STATUS_TH, Evidence, Measure, Plan, ProgressEntry
from prongsai.web.ui.exports import export_response

# The tracking page's cards: (state, label, style); the late card turns green when it is empty.
CARDS = ((tracking_rule.DONE, "เสร็จสิ้น", "good"), (tracking_rule.IN_PROGRESS, "กำลังดำเนินการ", "ok"),
         (tracking_rule.LATE, "ล่าช้า/เลยกำหนด", "bad"), (tracking_rule.NOT_STARTED, "ยังไม่เริ่ม", "warn"))


def _measure(access: AgencyAccess, measure_id: int) -> Measure:
    return get_object_or_404(Measure.objects.select_related("plan", "responsible_unit"), pk=measure_id,
                             plan__agency=access.agency)


@agency_view(VIEW, methods=("GET", "HEAD"))
def tracking(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    agency = access.agency
    # An agency has a few plan versions a year: one read gives the years, the tracked version and
    # the latest one.
    plans = list(Plan.objects.filter(agency=agency).order_by("-fiscal_year", "-version"))
    plan_years = list(dict.fromkeys(p.fiscal_year for p in plans))
    year = request.GET.get("year")
    try:
        year = int(year) if year else (plan_years[0] if plan_years else None)
    except ValueError:
        raise Http404 from None
    versions = [p for p in plans if p.fiscal_year == year]
    plan, newer = services.tracked_among(versions), (versions[0] if versions else None)
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
    # One card per state of the shared rule, so every measure is counted in exactly one card.
    counts = Counter(r.state for r in rows)
    cards = [{"state": state, "label": label, "count": counts[state],
              "css": "good" if state == tracking_rule.LATE and not counts[state] else css}
             for state, label, css in CARDS]
    if (file := export_response(
            request, title=f"ติดตามผลการดำเนินการตามแผนมาตรการปี {plan.fiscal_year}", filename=f"ติดตามผล-ปี{plan.fiscal_year}-{agency.name}",
            headers=["มาตรการ", "ผู้รับผิดชอบ", "กำหนดเสร็จ", "สถานะ", "สถานะตามรายงานล่าสุด", "รายงานล่าสุด",
                     "จำนวนครั้งที่รายงาน"],
            rows=[(r.measure.title, r.measure.responsible_text, r.measure.end, r.state,
                   r.status_th if r.latest else "ยังไม่มีการรายงานผล", r.latest.as_of if r.latest else None, r.entries)
                  for r in rows],
            subtitle=[f"กอง/สำนัก: {unit.name}" if unit else "ทุกกอง/สำนัก"])) is not None:
        return file
    for row in rows:
        row.can_record = access.can_record_for(row.measure)
    return render(request, "plans/tracking.html", {
        "exports": True,
        "title": "ติดตามผลการดำเนินการ", "section": "tracking", "plan": plan, "rows": rows, "units": units,
        "unit": unit, "plan_years": plan_years, "cards": cards, "status_th": STATUS_TH,
        "newer_draft": newer if newer is not None and newer.pk != plan.pk else None,
        "today": timezone.localdate(),
    })


@agency_view(VIEW)
def measure_progress(request: HttpRequest, access: AgencyAccess, measure_id: int) -> HttpResponse:
    shown = _measure(access, measure_id)
    # Progress belongs to the tracked (approved) version; the same measure in another version
    # (a draft copy, or an older version) stands for it.
    measure = services.tracked_measure(shown)
    if measure is not None and measure.pk != shown.pk and request.method != "POST":
        return redirect("measure_progress", access.agency.pk, measure.pk)
    can_record = measure is not None and access.can_record_for(measure)
    if request.method == "POST" and not can_record:
        raise PermissionDenied
    measure = measure or shown
    entries = list(ProgressEntry.objects.filter(agency=access.agency, lineage=measure.lineage)
                   .select_related("created_by").prefetch_related("evidence"))  # newest first
    latest = entries[0] if entries else None
    status = services.status_of(measure, latest, len(entries))
    form = ProgressForm(request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None,
                        initial={"as_of": timezone.localdate(),
                                 "status": latest.status if latest else "in_progress"}) if can_record else None
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
    if request.method != "POST" and (file := export_response(
            request, title=f"ผลการดำเนินการ: {measure.title}", filename=f"ผลการดำเนินการ-{measure.title[:60]}",
            headers=["ข้อมูล ณ วันที่", "สถานะ", "สิ่งที่ดำเนินการแล้ว", "ผลการดำเนินการ", "ผลลัพธ์หรือความสำเร็จ", "หลักฐาน",
                     "ผู้บันทึก", "บันทึกเมื่อ"],
            rows=[(e.as_of, e.get_status_display(), e.done, e.result, e.outcome,
                   [ev.url or ev.name for ev in e.evidence.all()],
                   e.created_by.get_username() if e.created_by else "", e.created_at) for e in entries],
            subtitle=[f"แผนมาตรการปี {measure.plan.fiscal_year}"])) is not None:
        return file
    tracked = services.tracked_plan(access.agency, measure.plan.fiscal_year)
    return render(request, "plans/measure_progress.html", {
        "exports": True,
        "title": f"ผลการดำเนินการ: {measure.title}", "section": "tracking", "m": measure, "plan": measure.plan,
        "entries": entries, "form": form, "can_record": can_record, "status": status,
        "steps": measure.steps.all(), "tracked": tracked,
        "untracked": tracked is not None and tracked.pk != measure.plan_id,
    })


def _may_change(access: AgencyAccess, measure: Measure) -> bool:
    """Progress of a measure may be changed for the tracked version's measure only: the history
    of a measure an approved newer version left out is kept as it was."""
    tracked = services.tracked_measure(measure)
    return tracked is not None and access.can_record_for(tracked)


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
    if not _may_change(access, entry.measure):
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
    if not _may_change(access, entry.measure):
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
    log.downloaded(request, access.agency, "หลักฐาน", evidence, evidence.name)
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
    if not _may_change(access, measure):
        raise PermissionDenied
    with transaction.atomic():
        log.deleted(request.user, access.agency, "หลักฐาน", evidence,
                    f"ลบหลักฐาน '{evidence.name}' ของมาตรการ '{measure.title}'", {"หลักฐาน": evidence.name})
        evidence.delete()
    messages.success(request, f"ลบหลักฐาน {evidence.name} แล้ว")
    return redirect("measure_progress", access.agency.pk, measure.pk)

