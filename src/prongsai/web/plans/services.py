"""Plan lifecycle (draft → approved → new version), the measure ⇄ core conversions, and the
implementation status of measures. Every change writes its audit entry in the same transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from prongsai import tracking
from prongsai.ita.library import get_framework
from prongsai.ita.results import AgencyResults, Meeting
from prongsai.ita.results import ProgressEntry as CoreProgress
from prongsai.planning.catalogue import all_units_names
from prongsai.thai import fiscal_year_bounds, normalise_text
from prongsai.web.agencies.models import Agency, Unit
from prongsai.web.assessments.completeness import missing_indicators
from prongsai.web.assessments.services import agency_results, analysis_for
from prongsai.web.audit import log
from prongsai.web.plans.models import STATUS_TH, Measure, Plan, ProgressEntry, Step

# Earlier drafts' words for every unit, besides each agency type's own (units book `all`).
ALL_UNITS = ("ทุกกอง/สำนัก", "ทุกสำนัก/กอง", "ทุกส่วนราชการ")


class PlanError(Exception):
    """A plan action that cannot be done now; the message is Thai and shown to the user."""


def draft_function() -> Callable[..., Any]:
    """The core's drafting function (a seam for tests)."""
    from prongsai.planning.draft import draft_plan

    return draft_plan


# --- units ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class UnitMatch:
    unit: Unit | None
    detail: str
    all_units: bool


def match_unit(units: dict[str, Unit], text: str) -> UnitMatch:
    """The agency's unit a drafted name points to: "กองคลัง" → กองคลัง; "สำนักปลัด (งานนิติการ)"
    → สำนักปลัด with the detail "งานนิติการ"; "ทุกกอง/สำนัก" → every unit; anything else stays as
    text (shown, but not assigned to a unit until the officer picks one)."""
    name = normalise_text(text or "")
    if not name:
        return UnitMatch(None, "", False)
    if name in ALL_UNITS or name in all_units_names():
        return UnitMatch(None, "", True)
    if name in units:
        return UnitMatch(units[name], "", False)
    if name.endswith(")") and " (" in name:
        head, _, detail = name[:-1].partition(" (")
        if head in units:
            return UnitMatch(units[head], detail.strip(), False)
    return UnitMatch(None, name, False)


# --- creating plans ------------------------------------------------------------------------------

def _next_version(agency: Agency, fiscal_year: int) -> int:
    return (Plan.objects.filter(agency=agency, fiscal_year=fiscal_year).aggregate(v=Max("version"))["v"] or 0) + 1


def _apply_core_measure(measure: Measure, core: Any, units: dict[str, Unit]) -> list[Unit]:
    responsible = match_unit(units, core.responsible)
    measure.title = core.title[:300]
    measure.purpose = core.purpose
    measure.theme = (core.theme or "")[:100]
    measure.addresses_indicators = list(core.addresses_indicators)
    measure.addresses_items = list(core.addresses_items)
    measure.responsible_unit = responsible.unit
    measure.responsible_all = responsible.all_units
    measure.responsible_detail = responsible.detail[:200]
    measure.start, measure.end = core.start, core.end
    measure.follow_up = core.follow_up
    measure.evidence = "\n".join(core.evidence)
    measure.oit_items = list(core.oit_items)
    supporting: list[Unit] = []
    others: list[str] = []
    for name in core.supporting:
        found = match_unit(units, name)
        if found.unit is not None and found.unit not in supporting and found.unit != responsible.unit:
            supporting.append(found.unit)
        elif found.unit is None and not found.all_units:
            others.append(found.detail)
        elif found.all_units:
            others.append(normalise_text(name))
    measure.supporting_note = ", ".join(dict.fromkeys(others))[:500]
    return supporting


def create_from_draft(user: Any, agency: Agency, based_on_year: int, fiscal_year: int | None = None,
                      detail: str = "concise") -> Plan:
    """A new draft plan with the measures the core drafts from the result of `based_on_year`:
    the concise draft (a few short steps per measure) or, with `detail="full"`, the long form."""
    results = agency_results(agency, based_on_year)
    if results is None:
        raise PlanError(f"ยังไม่มีผลการประเมินปี {based_on_year}")
    # Measures answer the weak indicators; without every score the draft would ignore the rest.
    missing = missing_indicators(get_framework(results.fiscal_year), results.current)
    if missing:
        raise PlanError(f"ยังร่างมาตรการจากผลปี {based_on_year} ไม่ได้ เพราะยังขาดคะแนนตัวชี้วัดที่ "
                        f"{', '.join(str(i.no) for i in missing)} กรุณากรอกคะแนนให้ครบที่หน้าผลการประเมินก่อน "
                        "หรือเลือกเริ่มจากแผนว่าง")
    analysis = analysis_for(results)
    draft = draft_function()(results, analysis, fiscal_year, detail=detail)
    with transaction.atomic():
        if Plan.objects.filter(agency=agency, fiscal_year=draft.fiscal_year).exists():
            raise PlanError(f"มีแผนมาตรการปี {draft.fiscal_year} อยู่แล้ว")
        plan = Plan.objects.create(agency=agency, fiscal_year=draft.fiscal_year, based_on_year=draft.based_on_year)
        units = {u.name: u for u in agency.units.all()}
        for order, core in enumerate(draft.measures, start=1):
            measure = Measure(plan=plan, order=order)
            supporting = _apply_core_measure(measure, core, units)
            measure.save()
            measure.supporting_units.set(supporting)
            Step.objects.bulk_create([Step(measure=measure, order=i, text=text)
                                      for i, text in enumerate(core.steps, start=1)])
        log.created(user, agency, "แผนมาตรการ", plan,
                    f"สร้างแผนมาตรการปี {plan.fiscal_year} จากร่างตามผลการประเมินปี {based_on_year} "
                    f"({len(draft.measures)} มาตรการ)")
    return plan


def create_empty(user: Any, agency: Agency, fiscal_year: int, based_on_year: int | None) -> Plan:
    with transaction.atomic():
        if Plan.objects.filter(agency=agency, fiscal_year=fiscal_year).exists():
            raise PlanError(f"มีแผนมาตรการปี {fiscal_year} อยู่แล้ว")
        plan = Plan.objects.create(agency=agency, fiscal_year=fiscal_year, based_on_year=based_on_year)
        log.created(user, agency, "แผนมาตรการ", plan, f"สร้างแผนมาตรการปี {fiscal_year} (ว่าง)")
    return plan


def new_version(user: Any, plan: Plan) -> Plan:
    """A draft copy of an approved plan (same measures, same lineages) to carry later changes."""
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if not plan.is_locked:
            raise PlanError("แผนฉบับนี้ยังเป็นร่าง แก้ไขได้เลยโดยไม่ต้องสร้างฉบับใหม่")
        if not plan.is_latest():
            raise PlanError("มีฉบับที่ใหม่กว่านี้แล้ว")
        copy = Plan.objects.create(agency=plan.agency, fiscal_year=plan.fiscal_year, based_on_year=plan.based_on_year,
                                   version=_next_version(plan.agency, plan.fiscal_year), previous_version=plan)
        copy_measures(plan, copy)
        log.created(user, plan.agency, "แผนมาตรการ", copy,
                    f"สร้างแผนมาตรการปี {copy.fiscal_year} ฉบับที่ {copy.version} จากฉบับที่ {plan.version} เพื่อแก้ไข")
    return copy


def copy_measures(source: Plan, target: Plan, prepare: Callable[[Measure, int], None] | None = None) -> int:
    """Copy every measure of `source` into `target` with its steps and supporting units (every
    field as it is, so a new version keeps the lineage).
    `prepare(copy, original_id)` changes a copy (still holding the original's values) before it is
    saved. Returns how many were copied."""
    count = 0
    for measure in source.measures.prefetch_related("steps", "supporting_units"):
        original_id = measure.pk
        supporting = list(measure.supporting_units.all())
        steps = list(measure.steps.all())
        measure.pk = None
        measure._state.adding = True
        measure.plan = target
        if prepare is not None:
            prepare(measure, original_id)
        measure.save()
        measure.supporting_units.set(supporting)
        Step.objects.bulk_create([Step(measure=measure, order=s.order, text=s.text) for s in steps])
        count += 1
    return count


def approve(user: Any, plan: Plan, meeting: dict[str, Any]) -> Plan:
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if plan.is_locked:
            raise PlanError("แผนฉบับนี้อนุมัติแล้ว")
        before = log.snapshot(plan, Plan.APPROVAL_FIELDS)
        for key, value in meeting.items():
            setattr(plan, key, value)
        plan.status = Plan.APPROVED
        plan.approved_at = timezone.now()
        plan.approved_by = user
        plan.save()
        log.updated(user, plan.agency, "แผนมาตรการ", plan,
                    f"อนุมัติแผนมาตรการปี {plan.fiscal_year} ฉบับที่ {plan.version}",
                    before, log.snapshot(plan, Plan.APPROVAL_FIELDS))
    return plan


def current_plan(agency: Agency, fiscal_year: int | None = None) -> Plan | None:
    """The latest version of the plan for `fiscal_year` (default: the newest plan year)."""
    plans = Plan.objects.filter(agency=agency)
    if fiscal_year is not None:
        plans = plans.filter(fiscal_year=fiscal_year)
    return plans.order_by("-fiscal_year", "-version").first()


def tracked_plan(agency: Agency, fiscal_year: int | None = None) -> Plan | None:
    """The version progress is recorded and reported against: the latest approved version of the
    plan for `fiscal_year` (default: the newest plan year). A draft made to change an approved
    plan is not followed until it is approved itself; while no version is approved yet, the
    draft is all there is, so it is followed."""
    latest = current_plan(agency, fiscal_year)
    if latest is None or latest.is_locked:
        return latest
    approved = (Plan.objects.filter(agency=agency, fiscal_year=latest.fiscal_year, status=Plan.APPROVED)
                .order_by("-version").first())
    return approved or latest


def tracked_among(versions: Iterable[Plan]) -> Plan | None:
    """tracked_plan's rule over versions already read (one plan year, newest first)."""
    versions = list(versions)
    return next((p for p in versions if p.is_locked), versions[0] if versions else None)


def tracked_measure(measure: Measure) -> Measure | None:
    """The measure of the tracked version that `measure` (of any version) stands for: the same
    lineage, since a new version copies each measure with its lineage. None when the tracked
    version has no such measure (added in a draft not yet approved, or left out of a newer one)."""
    plan = tracked_plan(measure.plan.agency, measure.plan.fiscal_year)
    if plan is None:
        return None
    if plan.pk == measure.plan_id:
        return measure
    return (plan.measures.select_related("plan", "responsible_unit")
            .filter(lineage=measure.lineage).first())


def renumber(measures: Iterable[Measure | Step]) -> None:
    changed = []
    for order, obj in enumerate(measures, start=1):
        if obj.order != order:
            obj.order = order
            changed.append(obj)
    if changed:
        type(changed[0]).objects.bulk_update(changed, ["order"])


# --- implementation status -----------------------------------------------------------------------

@dataclass
class MeasureStatus:
    measure: Measure
    latest: ProgressEntry | None
    entries: int
    state: str  # one of prongsai.tracking.STATES, the rule the implementation report uses too

    can_record: bool = False  # set by the view for the user looking at it

    @property
    def overdue(self) -> bool:
        return self.state == tracking.LATE

    @property
    def is_done(self) -> bool:
        return self.state == tracking.DONE

    @property
    def status(self) -> str:
        return self.latest.status if self.latest else "not_started"

    @property
    def status_th(self) -> str:
        return STATUS_TH[self.status] if self.latest else "ยังไม่มีการรายงานผล"


def statuses(plan: Plan, today: date | None = None, unit: Unit | None = None) -> list[MeasureStatus]:
    """Each measure of the plan with its latest progress; a measure is overdue when its end date
    has passed without being finished, or its latest report says ล่าช้า."""
    today = today or timezone.localdate()
    measures = list(plan.measures.select_related("responsible_unit").prefetch_related("supporting_units"))
    if unit is not None:
        measures = [m for m in measures if m.responsible_all or m.responsible_unit_id == unit.pk
                    or any(u.pk == unit.pk for u in m.supporting_units.all())]
    entries = (ProgressEntry.objects.filter(agency_id=plan.agency_id, lineage__in=[m.lineage for m in measures])
               .order_by("lineage", "-as_of", "-id"))
    latest: dict[Any, ProgressEntry] = {}
    counts: dict[Any, int] = {}
    for entry in entries:
        latest.setdefault(entry.lineage, entry)
        counts[entry.lineage] = counts.get(entry.lineage, 0) + 1
    return [status_of(m, latest.get(m.lineage), counts.get(m.lineage, 0), today) for m in measures]


def status_of(measure: Measure, latest: ProgressEntry | None, entries: int, today: date | None = None) -> MeasureStatus:
    """One measure's state from its latest report (the rule of prongsai.tracking)."""
    today = today or timezone.localdate()
    state = tracking.measure_state(STATUS_TH[latest.status] if latest else None, measure.end, today)
    return MeasureStatus(measure, latest, entries, state)


# --- to the core (documents) ---------------------------------------------------------------------

def measure_to_core(measure: Measure) -> Any:
    from prongsai.planning.draft import Measure as CoreMeasure

    start, end = fiscal_year_bounds(measure.plan.fiscal_year)
    return CoreMeasure(
        title=measure.title,
        purpose=measure.purpose,
        theme=measure.theme,
        addresses_indicators=tuple(int(n) for n in measure.addresses_indicators),
        addresses_items=tuple(measure.addresses_items),
        steps=tuple(s.text for s in measure.steps.all()),
        responsible=measure.responsible_text if measure.responsible_text != "ยังไม่มอบหมาย" else "",
        supporting=tuple(u.name for u in measure.supporting_units.all()) + (
            tuple(s.strip() for s in measure.supporting_note.split(",") if s.strip())),
        start=measure.start or start,
        end=measure.end or end,
        follow_up=measure.follow_up,
        evidence=tuple(measure.evidence_list),
        oit_items=tuple(measure.oit_items),
    )


def plan_to_core(plan: Plan, analysis: Any) -> Any:
    from prongsai.planning.draft import MeasurePlan

    measures = list(plan.measures.select_related("responsible_unit", "plan")
                    .prefetch_related("steps", "supporting_units"))
    return MeasurePlan(
        agency=plan.agency.name,
        agency_type=analysis.agency_type,
        fiscal_year=plan.fiscal_year,
        based_on_year=plan.based_on_year or analysis.fiscal_year,
        measures=tuple(measure_to_core(m) for m in measures),
        weaknesses=tuple(analysis.weaknesses),
        weak_items=tuple(i.code for i in (*analysis.items_below_pass, *analysis.failed_oit_items)),
    )


def results_for_documents(plan: Plan | None, agency: Agency, based_on_year: int) -> AgencyResults | None:
    """The agency's results for the analysis year, with the plan's meeting and the progress of
    its measures (numbered as in the plan), as the document builders expect."""
    from dataclasses import replace

    results = agency_results(agency, based_on_year)
    if results is None or plan is None:
        return results
    meeting = None
    if plan.meeting_date or plan.meeting_title:
        meeting = Meeting(date=plan.meeting_date, title=plan.meeting_title or None,
                          place=plan.meeting_place or None, attendees=tuple(plan.attendees_list),
                          approver=plan.approver or None)
    progress = []
    for number, measure in enumerate(plan.measures.all(), start=1):
        entries = (ProgressEntry.objects.filter(agency=agency, lineage=measure.lineage)
                   .prefetch_related("evidence").order_by("as_of", "id"))
        for entry in entries:
            # a file is named as uploaded, a link is printed in full so a reader can open it
            evidence = tuple(e.url if e.url else e.name for e in entry.evidence.all())
            progress.append(CoreProgress(measure=str(number), status=STATUS_TH[entry.status],
                                         done=entry.done or None, result=entry.result or None,
                                         outcome=entry.outcome or None, as_of=entry.as_of, evidence=evidence))
    units = {}
    return replace(results, meeting=meeting, progress=tuple(progress), units=units)
