"""The supervisor overview: every agency the user supervises, read only."""

from __future__ import annotations

from collections import Counter, defaultdict
from statistics import fmean

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from prongsai import settings as core_settings
from prongsai.ita.library import get_framework
from prongsai.web.agencies.access import is_supervisor, visible_agencies
from prongsai.web.assessments.models import Result


def supervise(request: HttpRequest) -> HttpResponse:
    from prongsai.web.plans.models import Plan

    user = request.user
    if not is_supervisor(user):
        raise Http404
    if request.method not in ("GET", "HEAD"):
        from django.http import HttpResponseNotAllowed

        return HttpResponseNotAllowed(["GET", "HEAD"])
    agencies = visible_agencies(user)
    pass_mark = core_settings.thresholds().pass_mark
    scope_count = agencies.count()
    years = sorted(set(Result.objects.filter(agency__in=agencies).values_list("fiscal_year", flat=True)), reverse=True)
    if not years:
        return render(request, "assessments/supervise.html", {"title": "ภาพรวมการกำกับดูแล", "years": [],
                                                              "scope_count": scope_count})
    try:
        year = int(request.GET.get("year") or years[0])
    except ValueError:
        raise Http404 from None
    if year not in years:
        raise Http404
    framework = get_framework(year)
    data = list(Result.objects.filter(agency__in=agencies, fiscal_year=year).values(
        "agency_id", "agency__name", "agency__province", "agency__district", "total", "level", "indicators", "items"))
    levels = Counter(r["level"] or "ยังระบุไม่ได้" for r in data)
    level_order = [r.level for r in framework.levels.rules] if framework.levels else []
    per_indicator: dict[int, list[float]] = defaultdict(list)
    failed_items: Counter[str] = Counter()
    for r in data:
        for no, value in (r["indicators"] or {}).items():
            per_indicator[int(no)].append(float(value))
        for code, item in (r["items"] or {}).items():
            if code.startswith("O") and float(item["score"]) < 100:
                failed_items[code] += 1
    indicator_stats = []
    for ind in framework.indicators:
        values = per_indicator.get(ind.no, [])
        indicator_stats.append({
            "no": ind.no, "name": ind.name, "instrument": ind.instrument,
            "mean": fmean(values) if values else None, "weak": sum(1 for v in values if v < pass_mark),
            "count": len(values),
        })
    weakest = sorted((s for s in indicator_stats if s["mean"] is not None), key=lambda s: s["mean"])[:5]
    common_items = [(code, framework.item_by_code[code].label if code in framework.item_by_code else code, n)
                    for code, n in failed_items.most_common(10)]
    plans = Plan.objects.filter(agency__in=agencies, based_on_year=year)
    plan_status = _latest_plan_status(plans)
    show = request.GET.get("show", "below")
    listed = sorted(data, key=lambda r: (r["total"] is None, r["total"] if r["total"] is not None else 0))
    if show == "below":
        listed = [r for r in listed if r["total"] is not None and r["total"] < pass_mark]
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    _attach_plan_progress(page.object_list, year)
    return render(request, "assessments/supervise.html", {
        "title": "ภาพรวมการกำกับดูแล", "years": years, "year": year, "scope_count": scope_count,
        "with_result": len(data), "below": sum(1 for r in data if r["total"] is not None and r["total"] < pass_mark),
        "levels": [(lv, levels.get(lv, 0)) for lv in level_order] + (
            [("ยังระบุไม่ได้", levels["ยังระบุไม่ได้"])] if levels.get("ยังระบุไม่ได้") else []),
        "indicator_stats": indicator_stats, "weakest": weakest, "common_items": common_items,
        "plan_status": plan_status, "no_plan": max(0, len(data) - plan_status["total"]), "page": page, "show": show, "pass_mark": pass_mark,
        "mean_total": fmean([r["total"] for r in data if r["total"] is not None]) if data else None,
    })


def _attach_plan_progress(rows: list[dict], result_year: int) -> None:
    """For the listed agencies: the status of the plan built on this result and how many of its
    measures are reported done (the latest report of each measure)."""
    from prongsai.web.plans.models import Measure, Plan, ProgressEntry

    ids = [r["agency_id"] for r in rows]
    latest: dict[int, Plan] = {}
    # As on the agency's tracking page: the latest approved version, not a draft revision of it.
    for plan in Plan.objects.filter(agency_id__in=ids, based_on_year=result_year).order_by("version"):
        if plan.status == Plan.APPROVED or latest.get(plan.agency_id, plan).status != Plan.APPROVED:
            latest[plan.agency_id] = plan
    lineages: dict[int, list] = {}
    for plan_id, lineage in Measure.objects.filter(plan__in=latest.values()).values_list("plan_id", "lineage"):
        lineages.setdefault(plan_id, []).append(lineage)
    status: dict = {}
    for lineage, value in (ProgressEntry.objects.filter(agency_id__in=ids)
                           .order_by("lineage", "-as_of", "-id").values_list("lineage", "status")):
        status.setdefault(lineage, value)
    for row in rows:
        plan = latest.get(row["agency_id"])
        row["plan"] = plan
        if plan is not None:
            measures = lineages.get(plan.pk, [])
            row["measures"] = len(measures)
            row["done"] = sum(1 for m in measures if status.get(m) == "done")


def _latest_plan_status(plans) -> dict[str, int]:  # type: ignore[no-untyped-def]
    latest: dict[int, str] = {}
    for agency_id, status in plans.order_by("agency_id", "version").values_list("agency_id", "status"):
        if latest.get(agency_id) != "approved":  # a draft revision does not undo the approval
            latest[agency_id] = status
    counts = Counter(latest.values())
    return {"approved": counts.get("approved", 0), "draft": counts.get("draft", 0), "total": len(latest)}

