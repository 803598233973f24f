"""Start this year from last year (issue 14): a new draft plan for the next fiscal year copied from
last year's approved one, and what its page shows about last year.

- The measures, their steps, responsible and supporting units, follow-up and evidence texts are
  copied; timeframes move one year (prongsai.planning.carry_forward.shift_year); item codes are
  renumbered for the new years through the crosswalk.
- Each copy gets a lineage of its own, so no progress of last year counts as this year's: the
  new plan starts "ยังไม่เริ่ม" everywhere. `carried_from` keeps the measure it came from, and
  the measure's "ผลปีที่แล้ว" reads that measure's entries and evidence (same agency; files are
  served by evidence_download, which checks the agency and logs the download).
- The plan page checks the carried measures against this year's analysis (a review note).

The core rules are in prongsai.planning.carry_forward; this module reads and writes the database.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from prongsai.errors import InputError
from prongsai.ita.library import library
from prongsai.planning import carry_forward as core
from prongsai.web.agencies.access import EDIT, AgencyAccess, agency_view
from prongsai.web.agencies.models import Agency
from prongsai.web.audit import log
from prongsai.web.plans.models import STATUS_TH, Evidence, Measure, Plan, ProgressEntry
from prongsai.web.plans.services import PlanError, copy_measures

# --- copying measures --------------------------------------------------------------------------


def _variant(agency: Agency) -> str | None:
    return agency.framework_variant if agency.framework_variant in library().all_variants() else None


def items_in(codes: Iterable[str], from_year: int | None, to_year: int | None, variant: str | None) -> list[str]:
    """Item codes of `from_year`'s framework as `to_year` numbers them (the crosswalk, or the same
    item by name); a code with no counterpart is kept when `to_year` has that code (IIT/EIT
    items of years whose texts are unknown), else left out."""
    codes = list(codes)
    lib = library()
    if not codes or from_year is None or to_year is None or from_year == to_year:
        return codes
    if not (lib.has(from_year, variant) and lib.has(to_year, variant)):
        return codes
    known = lib.get(to_year, variant).item_codes
    out = []
    for code in codes:
        found = lib.counterpart(from_year, code, to_year, variant) or (code if code in known else None)
        if found and found not in out:
            out.append(found)
    return out


# --- the offer and the action --------------------------------------------------------------------


def latest_approved(agency: Agency, fiscal_year: int) -> Plan | None:
    return (Plan.objects.filter(agency=agency, fiscal_year=fiscal_year, status=Plan.APPROVED)
            .order_by("-version").first())


@dataclass(frozen=True)
class Offer:
    source: Plan  # the latest approved version of last year's plan
    new_year: int
    basis: core.Basis


def offer_from(plan: Plan) -> Offer | None:
    """The plan "เริ่มจากมาตรการปีที่แล้ว" makes from `plan`'s year: None unless that year has an
    approved version and the next year has no plan yet."""
    source = plan if plan.is_locked and plan.is_latest() else latest_approved(plan.agency, plan.fiscal_year)
    if source is None:
        return None
    new_year = source.fiscal_year + 1
    if Plan.objects.filter(agency_id=source.agency_id, fiscal_year=new_year).exists():
        return None
    years = source.agency.results.values_list("fiscal_year", flat=True)
    return Offer(source, new_year, core.basis_for(new_year, years))


def carry_forward(user: Any, source: Plan) -> tuple[Plan, core.Basis, int]:
    """The new draft plan of the year after `source`'s, from the latest approved version of that
    year, in one transaction with its audit entry. PlanError (Thai) when it cannot be made."""
    agency = source.agency
    new_year = source.fiscal_year + 1
    try:
        with transaction.atomic():
            locked = Plan.objects.select_for_update().get(pk=source.pk)
            approved = latest_approved(agency, locked.fiscal_year)
            if approved is None:
                raise PlanError(f"แผนมาตรการปี {locked.fiscal_year} ยังไม่ได้รับอนุมัติ จึงยังใช้เริ่มแผนมาตรการปี {new_year} "
                                "ไม่ได้ กรุณาบันทึกการอนุมัติแผนก่อน หรือสร้างแผนมาตรการใหม่จากผลการประเมิน")
            existing = Plan.objects.filter(agency=agency, fiscal_year=new_year).first()
            if existing is not None:
                raise PlanError(f"มีแผนมาตรการปี {new_year} อยู่แล้ว จึงไม่ได้สร้างซ้ำ")
            basis = core.basis_for(new_year, agency.results.values_list("fiscal_year", flat=True))
            plan = Plan.objects.create(agency=agency, fiscal_year=new_year, based_on_year=basis.year,
                                       carried_from=approved)
            variant = _variant(agency)

            def prepare(copy: Measure, original_id: int) -> None:
                copy.lineage = uuid.uuid4()  # this year's progress starts afresh
                copy.carried_from_id = original_id
                copy.start, copy.end = core.shift_period(copy.start, copy.end)
                copy.addresses_items = items_in(copy.addresses_items, approved.based_on_year, basis.year, variant)
                copy.oit_items = items_in(copy.oit_items, approved.fiscal_year, new_year, variant)

            count = copy_measures(approved, plan, prepare)
            log.created(user, agency, "แผนมาตรการ", plan,
                        f"เริ่มแผนมาตรการปี {new_year} จากแผนมาตรการปี {approved.fiscal_year} ฉบับที่ {approved.version} "
                        f"ที่อนุมัติแล้ว ({count} มาตรการ ระยะเวลาดำเนินการเลื่อนไป 1 ปี สถานะเริ่มต้นใหม่)",
                        {"จากผลการประเมินปี": str(basis.year or ""), "หมายเหตุ": basis.note})
    except IntegrityError:  # another request made the plan of that year at the same moment
        raise PlanError(f"มีแผนมาตรการปี {new_year} อยู่แล้ว จึงไม่ได้สร้างซ้ำ") from None
    return plan, basis, count


@agency_view(EDIT, methods=("POST",))
def plan_carry_forward(request: HttpRequest, access: AgencyAccess, plan_id: int) -> HttpResponse:
    """"เริ่มจากมาตรการปีที่แล้ว": the next year's draft from this plan's year's approved version."""
    if not access.can_plan:
        raise PermissionDenied
    source = get_object_or_404(Plan, pk=plan_id, agency=access.agency)
    try:
        plan, basis, count = carry_forward(request.user, source)
    except PlanError as exc:
        messages.error(request, str(exc))
        existing = Plan.objects.filter(agency=access.agency, fiscal_year=source.fiscal_year + 1).first()
        if existing is not None:
            return redirect("plan_detail", access.agency.pk, existing.pk)
        return redirect("plans", access.agency.pk)
    messages.success(request, f"สร้างร่างแผนมาตรการปี {plan.fiscal_year} จากแผนมาตรการปี {source.fiscal_year} แล้ว "
                              f"จำนวน {count} มาตรการ ระยะเวลาดำเนินการเลื่อนไป 1 ปี และทุกมาตรการเริ่มที่สถานะ "
                              f"\"ยังไม่เริ่ม\" ผลการดำเนินการปี {source.fiscal_year} แสดงไว้ในแต่ละมาตรการเพื่อใช้อ้างอิง "
                              "กรุณาตรวจทานก่อนเสนออนุมัติ")
    # a missing result is said once, by the plan page's review note (review.basis_note)
    return redirect("plan_detail", access.agency.pk, plan.pk)


# --- "ผลปีที่แล้ว" on a carried measure -------------------------------------------------------------


@dataclass
class PreviousYear:
    measure: Measure  # last year's measure
    fiscal_year: int
    entries: list[ProgressEntry]
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def latest(self) -> ProgressEntry | None:
        return self.entries[0] if self.entries else None

    @property
    def status_th(self) -> str:
        return STATUS_TH[self.latest.status] if self.latest else "ไม่มีการรายงานผล"

    @property
    def result(self) -> str:
        return next((e.result for e in self.entries if e.result), "") or next((e.done for e in self.entries if e.done), "")

    @property
    def outcome(self) -> str:
        return next((e.outcome for e in self.entries if e.outcome), "")


def previous_year(measure: Measure) -> PreviousYear | None:
    """Last year's entries and evidence of the measure `measure` was carried from (the same
    agency only), newest first."""
    agency_id = measure.plan.agency_id
    source = (Measure.objects.select_related("plan").filter(pk=measure.carried_from_id, plan__agency_id=agency_id)
              .first())
    if source is None:
        return None
    entries = list(ProgressEntry.objects.filter(agency_id=agency_id, lineage=source.lineage)
                   .prefetch_related("evidence"))
    evidence = [e for entry in entries for e in entry.evidence.all() if e.agency_id == agency_id]
    return PreviousYear(source, source.plan.fiscal_year, entries, evidence)


# --- the review note on the new plan's page -----------------------------------------------------


@dataclass
class Review:
    result_year: int | None
    lines: list[str]
    basis_note: str = ""
    mentions: list[str] = field(default_factory=list)  # measures whose texts still name last year

    @property
    def empty(self) -> bool:
        return not (self.lines or self.basis_note or self.mentions)


def review(plan: Plan) -> Review | None:
    """For a draft with carried measures: this year's weaknesses no carried measure addresses,
    carried measures whose indicators are no longer weak, texts that still name last year. None
    for other plans."""
    from prongsai.web.assessments.services import agency_results, analysis_for

    if plan.is_locked:
        return None
    measures = list(plan.measures.all())
    carried = [m for m in measures if m.carried_from_id]
    if not carried:
        return None
    agency = plan.agency
    basis = core.basis_for(plan.fiscal_year, agency.results.values_list("fiscal_year", flat=True))
    out = Review(basis.year, [], basis.note)
    if basis.year is not None and plan.based_on_year and plan.based_on_year != basis.year:
        out.lines.append(f"แผนนี้จัดทำจากผลการประเมินปี {plan.based_on_year} ขณะนี้มีผลการประเมินปี {basis.year} แล้ว "
                         f"การตรวจทานด้านล่างจึงใช้ผลการประเมินปี {basis.year}")
    old_plan_year = plan.fiscal_year - 1
    for number, m in enumerate(measures, start=1):
        texts = [m.title, m.purpose, m.follow_up, m.evidence, *(s.text for s in m.steps.all())]
        if any(core.year_mentions(t, old_plan_year) for t in texts):
            out.mentions.append(f"มาตรการที่ {number} {m.title}")
    if basis.year is None:
        return out
    results = agency_results(agency, basis.year)
    try:
        analysis = analysis_for(results) if results is not None else None
    except (InputError, ValueError) as exc:
        out.lines.append(f"ยังตรวจทานมาตรการกับผลการประเมินปี {basis.year} ไม่ได้: {exc}")
        return out
    if analysis is None:
        return out
    variant = _variant(agency)
    from_year = plan.based_on_year or basis.year
    core_measures = [core.CarriedMeasure(n, m.title, tuple(int(i) for i in m.addresses_indicators),
                                         tuple(items_in(m.addresses_items, from_year, basis.year, variant)))
                     for n, m in enumerate(measures, start=1)]
    weaknesses = [core.Weakness(no, row.name if (row := analysis.indicator(no)) else "") for no in analysis.weaknesses]
    weak_items = [core.WeakItem(i.code, i.label, i.indicator)
                  for i in dict((i.code, i) for i in (*analysis.items_below_pass, *analysis.failed_oit_items)).values()]
    out.lines += core.coverage_lines(core.check_coverage(core_measures, weaknesses, weak_items), basis.year)
    return out
