"""The plan editor: plans, measures and steps. Editing actions answer htmx requests with the
changed fragment and plain form posts with a redirect, so every action also works without
JavaScript."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from prongsai.errors import InputError
from prongsai.web.agencies.access import EDIT, MANAGE, VIEW, AgencyAccess, agency_view
from prongsai.web.audit import log
from prongsai.web.plans import services
from prongsai.web.plans.forms import ApproveForm, MeasureForm, PlanCreateForm, StepForm
from prongsai.web.plans.models import Measure, Plan, Step
from prongsai.web.ui.exports import export_response
from prongsai.web.ui.http import go, is_htmx


def _plan(access: AgencyAccess, plan_id: int) -> Plan:
    return get_object_or_404(Plan, pk=plan_id, agency=access.agency)


def _measure(access: AgencyAccess, measure_id: int) -> Measure:
    return get_object_or_404(Measure.objects.select_related("plan", "responsible_unit"), pk=measure_id,
                             plan__agency=access.agency)


def _step(access: AgencyAccess, step_id: int) -> Step:
    return get_object_or_404(Step.objects.select_related("measure__plan"), pk=step_id,
                             measure__plan__agency=access.agency)


def _require_change(access: AgencyAccess, measure: Measure) -> None:
    """Unit staff change only their unit's measures, whatever the request says."""
    if not access.can_change_measure(measure):
        raise PermissionDenied


def _require_plan(access: AgencyAccess) -> None:
    """Agency-wide plan work (a new plan, a new version) is not for unit staff."""
    if not access.can_plan:
        raise PermissionDenied


def _form_unit(access: AgencyAccess) -> Any:
    return access.unit if access.is_unit_staff else None


def _locked_response(request: HttpRequest, plan: Plan) -> HttpResponse | None:
    """None when the plan can be edited; otherwise a response explaining why not."""
    if not plan.is_locked and plan.is_latest():
        return None
    if plan.is_locked:
        messages.error(request, "แผนฉบับนี้อนุมัติแล้วจึงแก้ไขไม่ได้ กด 'แก้ไขเป็นฉบับใหม่' เพื่อแก้ไข")
    else:
        messages.error(request, "นี่ไม่ใช่ฉบับล่าสุดของแผน แก้ไขได้เฉพาะฉบับล่าสุด")
    return go(request, reverse("plan_detail", args=[plan.agency_id, plan.pk]))


def _plan_url(plan: Plan, anchor: str = "") -> str:
    return reverse("plan_detail", args=[plan.agency_id, plan.pk]) + (f"#{anchor}" if anchor else "")


def _measure_fragment(request: HttpRequest, measure: Measure, **extra: Any) -> HttpResponse:
    plan = measure.plan
    ids = list(plan.measures.values_list("pk", flat=True))
    index = ids.index(measure.pk)
    measure.can_change = request.access.can_change_measure(measure)  # type: ignore[attr-defined]
    return render(request, "plans/_measure.html", {
        "m": measure, "plan": plan, "editable": not plan.is_locked and plan.is_latest(),
        "number": index + 1, "first": index == 0, "last": index == len(ids) - 1, **extra,
    })


def _measures_fragment(request: HttpRequest, plan: Plan) -> HttpResponse:
    return render(request, "plans/_measures.html", {
        "plan": plan, "measures": _measures(plan, request.access), "editable": not plan.is_locked and plan.is_latest(),
    })


def _measures(plan: Plan, access: AgencyAccess) -> list[Measure]:
    """The plan's measures, each marked with whether the user may change it (for its buttons)."""
    measures = list(plan.measures.select_related("responsible_unit").prefetch_related("steps", "supporting_units"))
    for m in measures:
        m.can_change = access.can_change_measure(m)  # type: ignore[attr-defined]
    return measures


# --- plans -----------------------------------------------------------------------------------------

@agency_view(VIEW, methods=("GET", "HEAD"))
def plans(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    rows = list(Plan.objects.filter(agency=access.agency).order_by("-fiscal_year", "-version"))
    latest = {}
    for p in rows:
        latest.setdefault(p.fiscal_year, p.pk)
    form = PlanCreateForm(agency=access.agency) if access.can_plan else None
    based_on = request.GET.get("based_on") or ""
    if form is not None and based_on.isdigit() and int(based_on) in dict(form.fields["based_on_year"].choices):
        form.initial.update({"based_on_year": int(based_on), "fiscal_year": int(based_on) + 1})
    if (file := export_response(
            request, title="แผนมาตรการส่งเสริมคุณธรรมและความโปร่งใส", filename=f"แผนมาตรการ-{access.agency.name}",
            headers=["ปีงบประมาณ", "ฉบับที่", "ฉบับล่าสุด", "จากผลปี", "สถานะ", "อนุมัติ"],
            rows=[(p.fiscal_year, p.version, p.pk in latest.values(), p.based_on_year, p.get_status_display(),
                   p.meeting_date if p.approved_at else None) for p in rows])) is not None:
        return file
    return render(request, "plans/plans.html", {
        "title": "มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "section": "plans", "rows": rows, "exports": True,
        "latest_ids": set(latest.values()), "form": form,
        "has_results": access.agency.results.exists(),
    })


@agency_view(EDIT, methods=("POST",))
def plan_new(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    _require_plan(access)
    form = PlanCreateForm(request.POST, agency=access.agency)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["start_from"] == "draft":
                plan = services.create_from_draft(request.user, access.agency, data["based_on_year"], data["fiscal_year"],
                                                  detail=data.get("detail") or "concise")
                messages.success(request, f"สร้างร่างแผนมาตรการปี {plan.fiscal_year} แล้ว "
                                          f"({plan.measures.count()} มาตรการ) ตรวจทานและแก้ไขได้เลย")
            else:
                plan = services.create_empty(request.user, access.agency, data["fiscal_year"], data["based_on_year"])
                messages.success(request, f"สร้างแผนมาตรการปี {plan.fiscal_year} แล้ว เพิ่มมาตรการได้เลย")
            return redirect("plan_detail", access.agency.pk, plan.pk)
        except (services.PlanError, InputError) as exc:
            form.add_error(None, str(exc))
    rows = list(Plan.objects.filter(agency=access.agency).order_by("-fiscal_year", "-version"))
    return render(request, "plans/plans.html", {
        "title": "มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "section": "plans", "rows": rows, "form": form,
        "latest_ids": set(), "has_results": access.agency.results.exists(),
    })


@agency_view(VIEW, methods=("GET", "HEAD"))
def plan_detail(request: HttpRequest, access: AgencyAccess, plan_id: int) -> HttpResponse:
    plan = _plan(access, plan_id)
    versions = list(Plan.objects.filter(agency=access.agency, fiscal_year=plan.fiscal_year).order_by("-version"))
    latest = plan.pk == versions[0].pk
    measures = _measures(plan, access)
    if (file := export_response(
            request, title=f"แผนมาตรการปี {plan.fiscal_year} ฉบับที่ {plan.version}", rows=[
                (n, m.theme, m.title, m.purpose, "\n".join(f"{i}. {st.text}" for i, st in enumerate(m.steps.all(), 1)),
                 m.responsible_text, m.supporting_text, m.start, m.end, m.addresses_indicators, m.oit_items,
                 m.evidence, m.follow_up) for n, m in enumerate(measures, start=1)],
            headers=["ลำดับ", "ประเด็น", "มาตรการ/แนวทาง", "วัตถุประสงค์", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ผู้สนับสนุน",
                     "วันที่เริ่ม", "วันที่สิ้นสุด", "ตัวชี้วัดที่มุ่งแก้ไข", "ข้อ OIT ที่เกี่ยวข้อง", "หลักฐาน/ผลผลิต", "การติดตามผล"],
            filename=f"มาตรการปี{plan.fiscal_year}-ฉบับที่{plan.version}-{access.agency.name}",
            subtitle=[plan.get_status_display()])) is not None:
        return file
    return render(request, "plans/plan.html", {
        "exports": True,
        "title": f"มาตรการปี {plan.fiscal_year}", "section": "plans", "plan": plan, "measures": measures,
        "editable": access.can_edit and not plan.is_locked and latest, "is_latest": latest, "versions": versions,
    })


@agency_view(MANAGE, methods=("POST",))
def plan_delete(request: HttpRequest, access: AgencyAccess, plan_id: int) -> HttpResponse:
    plan = _plan(access, plan_id)
    if plan.is_locked:
        messages.error(request, "แผนที่อนุมัติแล้วลบไม่ได้")
        return redirect("plan_detail", access.agency.pk, plan.pk)
    try:
        with transaction.atomic():
            log.deleted(request.user, access.agency, "แผนมาตรการ", plan,
                        f"ลบร่างแผนมาตรการปี {plan.fiscal_year} ฉบับที่ {plan.version}")
            plan.delete()
    except ProtectedError:
        messages.error(request, "ลบไม่ได้: มีการบันทึกผลการดำเนินการของมาตรการในแผนนี้แล้ว")
        return redirect("plan_detail", access.agency.pk, plan.pk)
    messages.success(request, f"ลบร่างแผนมาตรการปี {plan.fiscal_year} แล้ว")
    return redirect("plans", access.agency.pk)


@agency_view(MANAGE)
def plan_approve(request: HttpRequest, access: AgencyAccess, plan_id: int) -> HttpResponse:
    plan = _plan(access, plan_id)
    if (locked := _locked_response(request, plan)) is not None:
        return locked
    form = ApproveForm(request.POST if request.method == "POST" else None, instance=plan)
    if request.method == "POST" and form.is_valid():
        meeting = {k: form.cleaned_data[k] for k in ApproveForm.Meta.fields}
        try:
            services.approve(request.user, plan, meeting)
        except services.PlanError as exc:
            messages.error(request, str(exc))
            return redirect("plan_detail", access.agency.pk, plan.pk)
        messages.success(request, f"บันทึกการอนุมัติแผนมาตรการปี {plan.fiscal_year} แล้ว แผนถูกล็อกไว้")
        return redirect("plan_detail", access.agency.pk, plan.pk)
    return render(request, "plans/approve.html", {
        "title": f"อนุมัติแผนมาตรการปี {plan.fiscal_year}", "section": "plans", "plan": plan, "form": form,
        "measure_count": plan.measures.count(),
    })


@agency_view(EDIT, methods=("POST",))
def plan_new_version(request: HttpRequest, access: AgencyAccess, plan_id: int) -> HttpResponse:
    _require_plan(access)
    plan = _plan(access, plan_id)
    try:
        copy = services.new_version(request.user, plan)
    except services.PlanError as exc:
        messages.error(request, str(exc))
        return redirect("plan_detail", access.agency.pk, plan.pk)
    messages.success(request, f"สร้างฉบับที่ {copy.version} เป็นร่างแล้ว ฉบับที่ {plan.version} ที่อนุมัติแล้วยังเก็บไว้ตามเดิม")
    return redirect("plan_detail", access.agency.pk, copy.pk)


# --- measures --------------------------------------------------------------------------------------

@agency_view(EDIT)
def measure_new(request: HttpRequest, access: AgencyAccess, plan_id: int) -> HttpResponse:
    plan = _plan(access, plan_id)
    if (locked := _locked_response(request, plan)) is not None:
        return locked
    form = MeasureForm(request.POST if request.method == "POST" else None, plan=plan, with_steps=True,
                       unit=_form_unit(access))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            measure = form.save(commit=False)
            measure.plan = plan
            measure.order = plan.measures.count() + 1
            measure.save()
            form.save_m2m()
            Step.objects.bulk_create([Step(measure=measure, order=i, text=t)
                                      for i, t in enumerate(form.cleaned_data.get("steps_text") or [], start=1)])
            log.created(request.user, access.agency, "มาตรการ", measure,
                        f"เพิ่มมาตรการ '{measure.title}' ในแผนปี {plan.fiscal_year}",
                        log.snapshot(measure, Measure.AUDIT_FIELDS))
        messages.success(request, f"เพิ่มมาตรการ '{measure.title}' แล้ว")
        return redirect(_plan_url(plan, f"measure-{measure.pk}"))
    return render(request, "plans/measure_form.html", {
        "title": "เพิ่มมาตรการ", "section": "plans", "plan": plan, "form": form,
    })


@agency_view(EDIT)
def measure_edit(request: HttpRequest, access: AgencyAccess, measure_id: int) -> HttpResponse:
    measure = _measure(access, measure_id)
    _require_change(access, measure)
    plan = measure.plan
    if (locked := _locked_response(request, plan)) is not None:
        return locked
    form = MeasureForm(request.POST if request.method == "POST" else None, instance=measure, plan=plan,
                       unit=_form_unit(access))
    template = "plans/_measure_form.html" if is_htmx(request) else "plans/measure_form.html"
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            before = log.snapshot(Measure.objects.get(pk=measure.pk), Measure.AUDIT_FIELDS)
            measure = form.save()
            log.updated(request.user, access.agency, "มาตรการ", measure, f"แก้ไขมาตรการ '{measure.title}'",
                        before, log.snapshot(measure, Measure.AUDIT_FIELDS))
        if is_htmx(request):
            return _measure_fragment(request, measure, flash="บันทึกแล้ว")
        messages.success(request, f"บันทึกมาตรการ '{measure.title}' แล้ว")
        return redirect(_plan_url(plan, f"measure-{measure.pk}"))
    return render(request, template, {
        "title": f"แก้ไขมาตรการ: {measure.title}", "section": "plans", "plan": plan, "form": form, "m": measure,
    })


@agency_view(EDIT, methods=("POST",))
def measure_delete(request: HttpRequest, access: AgencyAccess, measure_id: int) -> HttpResponse:
    measure = _measure(access, measure_id)
    _require_change(access, measure)
    plan = measure.plan
    if (locked := _locked_response(request, plan)) is not None:
        return locked
    try:
        with transaction.atomic():
            log.deleted(request.user, access.agency, "มาตรการ", measure, f"ลบมาตรการ '{measure.title}'",
                        log.snapshot(measure, Measure.AUDIT_FIELDS))
            measure.delete()
            services.renumber(plan.measures.all())
    except ProtectedError:
        messages.error(request, "ลบมาตรการนี้ไม่ได้ เพราะมีการบันทึกผลการดำเนินการไว้แล้ว")
        return go(request, _plan_url(plan, f"measure-{measure_id}"))
    if is_htmx(request):
        return _measures_fragment(request, plan)
    messages.success(request, f"ลบมาตรการ '{measure.title}' แล้ว")
    return redirect(_plan_url(plan))


def _move(items: list[Any], target: Any, direction: str) -> bool:
    index = items.index(target)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return False
    items[index], items[other] = items[other], items[index]
    return True


@agency_view(EDIT, methods=("POST",))
def measure_move(request: HttpRequest, access: AgencyAccess, measure_id: int, direction: str) -> HttpResponse:
    measure = _measure(access, measure_id)
    _require_change(access, measure)
    plan = measure.plan
    if (locked := _locked_response(request, plan)) is not None:
        return locked
    with transaction.atomic():
        items = list(plan.measures.select_for_update())
        target = next(m for m in items if m.pk == measure.pk)
        old = items.index(target) + 1
        if _move(items, target, direction):
            services.renumber(items)
            log.record(request.user, access.agency, "update", "มาตรการ", measure,
                       f"ย้ายมาตรการ '{measure.title}'", {"ลำดับ": [str(old), str(items.index(target) + 1)]})
    if is_htmx(request):
        return _measures_fragment(request, plan)
    return redirect(_plan_url(plan, f"measure-{measure.pk}"))


# --- steps -----------------------------------------------------------------------------------------

@agency_view(EDIT, methods=("POST",))
def step_add(request: HttpRequest, access: AgencyAccess, measure_id: int) -> HttpResponse:
    measure = _measure(access, measure_id)
    _require_change(access, measure)
    if (locked := _locked_response(request, measure.plan)) is not None:
        return locked
    form = StepForm(request.POST)
    if form.is_valid():
        with transaction.atomic():
            step = form.save(commit=False)
            step.measure = measure
            step.order = measure.steps.count() + 1
            step.save()
            log.created(request.user, access.agency, "ขั้นตอน", step,
                        f"เพิ่มขั้นตอนในมาตรการ '{measure.title}'", {"ขั้นตอน": step.text})
        if is_htmx(request):
            return _measure_fragment(request, measure, open_steps=True)
        return redirect(_plan_url(measure.plan, f"measure-{measure.pk}"))
    if is_htmx(request):
        return _measure_fragment(request, measure, step_form=form, open_steps=True)
    messages.error(request, "ยังไม่ได้เพิ่มขั้นตอน: " + " ".join(form.errors.get("text", [])))
    return redirect(_plan_url(measure.plan, f"measure-{measure.pk}"))


@agency_view(EDIT)
def step_edit(request: HttpRequest, access: AgencyAccess, step_id: int) -> HttpResponse:
    step = _step(access, step_id)
    measure = step.measure
    _require_change(access, measure)
    if (locked := _locked_response(request, measure.plan)) is not None:
        return locked
    form = StepForm(request.POST if request.method == "POST" else None, instance=step, prefix=f"step{step.pk}")
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            before = Step.objects.get(pk=step.pk).text
            step = form.save()
            log.updated(request.user, access.agency, "ขั้นตอน", step, f"แก้ไขขั้นตอนในมาตรการ '{measure.title}'",
                        {"ขั้นตอน": before}, {"ขั้นตอน": step.text})
        if is_htmx(request):
            return _measure_fragment(request, measure, open_steps=True)
        return redirect(_plan_url(measure.plan, f"measure-{measure.pk}"))
    return render(request, "plans/step_form.html", {
        "title": "แก้ไขขั้นตอน", "section": "plans", "form": form, "step": step, "m": measure,
        "plan": measure.plan,
    })


@agency_view(EDIT, methods=("POST",))
def step_delete(request: HttpRequest, access: AgencyAccess, step_id: int) -> HttpResponse:
    step = _step(access, step_id)
    measure = step.measure
    _require_change(access, measure)
    if (locked := _locked_response(request, measure.plan)) is not None:
        return locked
    with transaction.atomic():
        log.deleted(request.user, access.agency, "ขั้นตอน", step, f"ลบขั้นตอนในมาตรการ '{measure.title}'",
                    {"ขั้นตอน": step.text})
        step.delete()
        services.renumber(measure.steps.all())
    if is_htmx(request):
        return _measure_fragment(request, measure, open_steps=True)
    return redirect(_plan_url(measure.plan, f"measure-{measure.pk}"))


@agency_view(EDIT, methods=("POST",))
def step_move(request: HttpRequest, access: AgencyAccess, step_id: int, direction: str) -> HttpResponse:
    step = _step(access, step_id)
    measure = step.measure
    _require_change(access, measure)
    if (locked := _locked_response(request, measure.plan)) is not None:
        return locked
    with transaction.atomic():
        items = list(measure.steps.select_for_update())
        target = next(s for s in items if s.pk == step.pk)
        old = items.index(target) + 1
        if _move(items, target, direction):
            services.renumber(items)
            log.record(request.user, access.agency, "update", "ขั้นตอน", step,
                       f"ย้ายขั้นตอนในมาตรการ '{measure.title}'", {"ลำดับ": [str(old), str(items.index(target) + 1)]})
    if is_htmx(request):
        return _measure_fragment(request, measure, open_steps=True)
    return redirect(_plan_url(measure.plan, f"measure-{measure.pk}"))
