"""The supervisor's pages, all read only: the overview of every agency the user supervises (with
pictures and a filterable table), the comparison of agencies or years, and the documents of many
agencies in one zip. Global pages: the user is checked here (404 for anyone who supervises
nothing), and every agency asked for must be in the user's scope (404 otherwise)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe

from prongsai import settings as core_settings
from prongsai.ita.library import available_years, get_framework
from prongsai.web.agencies.access import is_supervisor, visible_agencies
from prongsai.web.agencies.models import Agency
from prongsai.web.assessments.models import Result
from prongsai.web.supervision import batch, charts, overview
from prongsai.web.supervision.compare import (
    MAX_AGENCIES,
    CompareProblem,
    mark_extremes,
    parse_ids,
    parse_year,
    with_changes,
)
from prongsai.web.ui.exports import export_response, wants_export
from prongsai.web.ui.template_filters import query_string

PAGE_SIZE = 50
DRILL = ("level", "indicator", "item", "plan")
SHOWS = {"below": "ต่ำกว่าเกณฑ์", "all": "ทั้งหมด", "missing": "ยังไม่บันทึกผล"}
TABLE_HEADERS = ("หน่วยงาน", "ประเภทหน่วยงาน", "อำเภอ", "จังหวัด", "คะแนนรวม", "ระดับผลการประเมิน",
                 "แผนมาตรการ", "มาตรการที่เสร็จสิ้น", "มาตรการทั้งหมด", "รายการตรวจ OIT ที่ครบถ้วน (ข้อ)",
                 "รายการตรวจ OIT ที่ยังไม่ตรวจ (ข้อ)", "ข้อ OIT ทั้งหมด", "ตรวจอัตโนมัติผ่าน (ข้อ)",
                 "ตรวจอัตโนมัติทั้งหมด (ข้อ)")
MISSING_HEADERS = ("หน่วยงาน", "ประเภทหน่วยงาน", "อำเภอ", "จังหวัด", "ปีล่าสุดที่บันทึกผลการประเมิน")


PICK_PROBLEMS = {
    "none": "ยังไม่ได้เลือกหน่วยงาน โปรดทำเครื่องหมายในช่องหน้าชื่อหน่วยงานก่อน: เปรียบเทียบได้ครั้งละ 2–{compare} แห่ง "
            "(เลือก 1 แห่ง เพื่อดูผลทุกปีของหน่วยงานนั้น) และดาวน์โหลดเอกสารได้ครั้งละไม่เกิน {documents} แห่ง",
    "compare_many": "เปรียบเทียบได้ครั้งละไม่เกิน {compare} แห่ง (เลือกไว้ {n} แห่ง) โปรดเอาเครื่องหมายออกให้เหลือไม่เกิน "
                    "{compare} แห่ง แล้วกด “เปรียบเทียบหน่วยงานที่เลือก” อีกครั้ง",
    "documents_many": "ดาวน์โหลดเอกสารได้ครั้งละไม่เกิน {documents} แห่ง (เลือกไว้ {n} แห่ง) โปรดเอาเครื่องหมายออก"
                      "ให้เหลือไม่เกิน {documents} แห่ง หรือแบ่งดาวน์โหลดเป็นหลายชุด",
}


def _back_to_overview(request: HttpRequest, values: list[str], problem: str) -> str:
    """The overview as the user left it (its query, sent in the form's "back" field), with the
    agencies ticked again and the problem to show: a wrong choice loses no tick."""
    back = QueryDict(request.POST.get("back", ""), mutable=True)
    for key in ("pick", "problem"):
        back.pop(key, None)
    back.setlist("pick", [v for v in values if v.isascii() and v.isdigit() and len(v) <= 12])
    back["problem"] = problem
    return f"{reverse('supervise')}?{back.urlencode()}#agencies"


def _picked(request: HttpRequest) -> set[int]:
    return {int(v) for v in request.GET.getlist("pick") if v.isascii() and v.isdigit() and len(v) <= 12}


def _compare_problem(request: HttpRequest) -> str:
    text = PICK_PROBLEMS.get(request.GET.get("problem") or "")
    if text is None:
        return ""
    return text.format(compare=MAX_AGENCIES, documents=batch.MAX_AGENCIES, n=len(_picked(request)))


def _back_field(request: HttpRequest) -> str:
    """The overview's query (filters, list and page) for the table's form, without the ticks."""
    query = request.GET.copy()
    for key in ("pick", "problem"):
        query.pop(key, None)
    return query.urlencode()


def _supervisor(request: HttpRequest, methods: tuple[str, ...] = ("GET", "HEAD")) -> HttpResponse | None:
    if not is_supervisor(request.user):
        raise Http404
    if request.method not in methods:
        return HttpResponseNotAllowed(methods)
    return None


def oit_year_for(year: int) -> int:
    """The OIT list the agencies are working on after the year's result: the next ITA year's,
    when the library has it (else the year's own)."""
    return year + 1 if year + 1 in available_years() else year


def read_only_note(user: Any) -> str:
    """What the supervisor may do here, said truthfully: a supervisor reads only, except for
    importing the results of agencies in the scope; the system administrator is not read only."""
    if user.is_superuser:
        return ""
    return "ดูข้อมูลได้อย่างเดียว ยกเว้นการนำเข้าผลการประเมินของหน่วยงานในขอบเขต"


# --------------------------------------------------------------------------- the overview


def supervise(request: HttpRequest) -> HttpResponse:
    if (refused := _supervisor(request)) is not None:
        return refused
    user = request.user
    everyone = overview.Scope(user)
    years = overview.years_of(everyone)
    scope_count = everyone.agencies().count()
    if not years:
        return render(request, "supervision/supervise.html", {"title": "ภาพรวมการกำกับดูแล", "years": [],
                                                              "scope_count": scope_count,
                                                              "read_only": read_only_note(user)})
    try:
        year = int(request.GET.get("year") or years[0])
    except ValueError:
        raise Http404 from None
    if year not in years:
        raise Http404
    framework = get_framework(year)
    thresholds = core_settings.thresholds()
    pass_mark = thresholds.pass_mark
    oit_year = oit_year_for(year)
    oit_codes = overview.oit_codes(oit_year)
    oit_items = len(oit_codes)
    version = overview.data_version()
    options = overview.choices(everyone, version)
    notes: list[str] = []

    def pick(name: str, allowed: list[str], label: str) -> str:
        value = (request.GET.get(name) or "").strip()
        if value and value not in allowed:
            notes.append(f"ไม่มี{label} '{value[:60]}' ในหน่วยงานที่ท่านกำกับดูแล จึงแสดงทุก{label}แทน")
            return ""
        return value

    province = pick("province", options["provinces"], "จังหวัด")
    district = (request.GET.get("district") or "").strip()
    if district not in options["districts"].get(province, []):
        district = ""  # an other province's district (the province was changed): all of this one
    agency_type = pick("type", options["types"], "ประเภทหน่วยงาน")
    scope = overview.Scope(user, province, district, agency_type)
    data = overview.figures(scope, year, framework, pass_mark, oit_year, oit_codes, version)
    level_order = [r.level for r in framework.levels.rules] if framework.levels else []

    # the table's own filters: what a bar of a chart links to
    drill = {k: (request.GET.get(k) or "").strip() for k in DRILL}
    rows = data["rows"]
    described: list[str] = []
    if drill["level"]:
        if drill["level"] == overview.NO_LEVEL:
            rows = [r for r in rows if not r[overview.LEVEL]]
            described.append(f"ระดับ{overview.LEVEL_NONE}")
        elif drill["level"] in level_order:
            rows = [r for r in rows if r[overview.LEVEL] == drill["level"]]
            described.append(f"ระดับ {drill['level']}")
        else:
            notes.append(f"ไม่มีระดับ '{drill['level'][:40]}' ในปี {year} (ระดับที่มี: {', '.join(level_order)})")
            drill["level"] = ""
    if drill["indicator"]:
        numbers = {str(i.no): i for i in framework.indicators}
        if drill["indicator"] in numbers:
            ind = numbers[drill["indicator"]]
            ids = overview.below_on_indicator(scope, year, ind.no, pass_mark, version)
            rows = [r for r in rows if r[overview.ID] in ids]
            described.append(f"ตัวชี้วัดที่ {ind.no} {ind.name} ต่ำกว่า {pass_mark:g}")
        else:
            notes.append(f"ไม่มีตัวชี้วัดที่ '{drill['indicator'][:10]}' ในปี {year} (ตัวชี้วัดที่ 1–{len(numbers)})")
            drill["indicator"] = ""
    if drill["item"]:
        code = drill["item"].upper()
        if code in framework.item_by_code and code[:1] in "IEO":
            ids = overview.weak_on_item(scope, year, code, pass_mark, version)
            rows = [r for r in rows if r[overview.ID] in ids]
            described.append(f"ข้อ {code} {'ไม่ผ่าน' if code.startswith('O') else f'ต่ำกว่า {pass_mark:g}'}")
        else:
            notes.append(f"ไม่มีข้อ '{drill['item'][:10]}' ในกรอบการประเมินปี {year} (ตัวอย่าง: I1, E5, O12)")
            drill["item"] = ""
    if drill["plan"]:
        if drill["plan"] in overview.PLAN_TH:
            rows = [r for r in rows if r[overview.PLAN_STATUS] == drill["plan"]]
            described.append(f"แผนมาตรการ{overview.PLAN_TH[drill['plan']]}")
        else:
            notes.append("สถานะแผนมาตรการในลิงก์ไม่ถูกต้อง จึงแสดงทุกสถานะ (ค่าที่ใช้ได้: approved = อนุมัติแล้ว, draft = ร่าง, none = ยังไม่มีแผน)")
            drill["plan"] = ""
    show = request.GET.get("show") or ("all" if any(drill.values()) else "below")
    if show not in SHOWS:
        notes.append("การแสดงผลในลิงก์ไม่ถูกต้อง จึงแสดงเฉพาะหน่วยงานที่ต่ำกว่าเกณฑ์ (ค่าที่ใช้ได้: below = ต่ำกว่าเกณฑ์, "
                     "all = ทั้งหมด, missing = ยังไม่บันทึกผล)")
        show = "below"
    place = " ".join(p for p in (f"จ.{province}" if province else "", f"อ.{district}" if district else "",
                                 agency_type) if p)
    if show == "missing":  # the agencies to chase: no result of the year (a result's filters do not apply)
        return _missing(request, scope, year, place, version, years, options, notes, scope_count)
    if show == "below":
        rows = [r for r in rows if r[overview.TOTAL] is not None and r[overview.TOTAL] < pass_mark]
        described.insert(0, f"คะแนนรวมต่ำกว่า {pass_mark:g}")

    if wants_export(request):
        detail = overview.row_details(rows, year, oit_year, oit_codes, scope=scope)
        scores = {agency_id: indicators or {} for agency_id, indicators in
                  scope.restrict(Result.objects.filter(fiscal_year=year)).values_list("agency_id", "indicators")}
        numbers = [ind.no for ind in framework.indicators]
        return export_response(
            request, title=f"ภาพรวม {year}", headers=[*TABLE_HEADERS, *(
                f"ตัวชี้วัดที่ {ind.no} {ind.name}" for ind in framework.indicators)],
            rows=[(*_export_row(r), *(_score(scores.get(r["agency_id"], {}).get(str(no))) for no in numbers))
                  for r in detail],
            filename=f"ภาพรวมการกำกับดูแล-{year}",
            subtitle=[f"หน่วยงานในความกำกับดูแลที่บันทึกผลการประเมินปี {year}", place, " · ".join(described),
                      f"ความพร้อม OIT: รายการตรวจ OIT ปี {oit_year} ({oit_items} ข้อต่อแห่ง)" if oit_items else ""])

    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    page_rows = overview.row_details(list(page.object_list), year, oit_year, oit_codes)
    for r in page_rows:
        r["readiness"] = overview.readiness_text(r)
    reset = {k: None for k in DRILL} | {"page": None}

    def link(**changes: Any) -> str:
        return query_string(request.GET, {**reset, "show": "all", **changes}) + "#agencies"

    levels = [(lv, data["levels"].get(lv, 0), link(level=lv)) for lv in level_order]
    if data["levels"].get(overview.LEVEL_NONE):
        levels.append((overview.LEVEL_NONE, data["levels"][overview.LEVEL_NONE], link(level=overview.NO_LEVEL)))
    indicators = [{**s, "href": link(indicator=s["no"])} for s in data["indicators"]]
    weak_items = [(code, label, n, link(item=code)) for code, label, n in data["weak_items"]]
    failed_items = [(code, label, n, link(item=code)) for code, label, n in data["failed_items"]]
    plans = [(key, overview.PLAN_TH[key], n, link(plan=key)) for key, n in data["plans"].items()]
    svg = _charts(levels, indicators, weak_items, failed_items, plans, data, pass_mark, thresholds.strength_mark,
                  year)
    return render(request, "supervision/supervise.html", {
        **_common(request, year, years, options, province, district, agency_type, place, notes, scope_count,
                  data["with_result"], data["missing"]),
        "drill": drill, "described": described, "show": show, "below": data["below"],
        "mean_total": data["mean_total"],
        "levels": levels, "indicators": indicators, "weak_items": weak_items, "failed_items": failed_items,
        "plans": plans, "measures": [(overview.MEASURE_TH[k], n) for k, n in data["measures"].items()],
        "measure_total": sum(data["measures"].values()), "oit": data["oit"], "oit_year": oit_year,
        "oit_items": oit_items, "oit_slots": oit_items * data["with_result"], "svg": svg,
        "check_rows": [(th, data["oit"]["checks"].get(k, 0)) for k, th in overview.CHECK_TH.items()],
        "run_rows": [(th, data["oit"]["runs"].get(k, 0)) for k, th in overview.RUN_TH.items()],
        "page": page, "rows": page_rows, "listed": len(rows), "pass_mark": pass_mark,
        "any_filter": bool(province or agency_type or any(drill.values())),
        "clear_drill": query_string(request.GET, {**reset, "show": None}) + "#agencies",
        "max_compare": MAX_AGENCIES, "max_documents": batch.MAX_AGENCIES, "picked": _picked(request),
        "compare_problem": _compare_problem(request), "back": _back_field(request),
    })


def _common(request: HttpRequest, year: int, years: list[int], options: dict, province: str, district: str,
            agency_type: str, place: str, notes: list[str], scope_count: int, with_result: int,
            missing: int) -> dict[str, Any]:
    """What both lists of the overview (the results, and the agencies without one) show around them."""
    reset = {k: None for k in DRILL} | {"page": None}
    return {
        "title": "ภาพรวมการกำกับดูแล", "years": years, "year": year, "scope_count": scope_count,
        "read_only": read_only_note(request.user), "options": options, "province": province, "district": district,
        "agency_type": agency_type, "place": place, "notes": notes, "shows": list(SHOWS.items()),
        "districts": options["districts"].get(province, []), "with_result": with_result, "missing": missing,
        "in_filter": with_result + missing,
        "missing_href": query_string(request.GET, {**reset, "show": "missing"}) + "#agencies",
        "exports": True,
    }


def _missing(request: HttpRequest, scope: overview.Scope, year: int, place: str, version: str, years: list[int],
             options: dict, notes: list[str], scope_count: int) -> HttpResponse:
    """The agencies of the scope (as filtered) that have no result of the year: whom to chase."""
    rows = overview.missing(scope, year, version)
    title = f"ยังไม่บันทึกผลปี {year}"
    if wants_export(request):
        return export_response(
            request, title=title, headers=MISSING_HEADERS, filename=f"ยังไม่บันทึกผลการประเมิน-{year}",
            rows=[(r[1], r[2], r[3], r[4], r[5] if r[5] is not None else "ยังไม่เคยบันทึกผล") for r in rows],
            subtitle=[f"หน่วยงานในความกำกับดูแลที่ยังไม่บันทึกผลการประเมินปี {year}", place])
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    with_result = overview.figures(scope, year, get_framework(year), core_settings.thresholds().pass_mark,
                                   oit_year_for(year), overview.oit_codes(oit_year_for(year)), version)["with_result"]
    return render(request, "supervision/supervise.html", {
        **_common(request, year, years, options, scope.province, scope.district, scope.agency_type, place, notes,
                  scope_count, with_result, len(rows)),
        "show": "missing", "page": page, "listed": len(rows),
        "missing_rows": [{"agency_id": r[0], "name": r[1], "agency_type": r[2], "district": r[3],
                          "province": r[4], "latest": r[5]} for r in page.object_list],
        "any_filter": bool(scope.province or scope.agency_type),
    })


def _score(value: Any) -> float | None:
    """A score of the export, rounded as the page writes it (2 decimals, half up)."""
    number = _num(value)
    return None if number is None else float(charts.number(number))


def _export_row(r: dict) -> tuple:
    return (r["name"], r["agency_type"], r["district"], r["province"], _score(r["total"]),
            r["level"] or overview.LEVEL_NONE, r["plan_th"], r["done"] if r["plan_status"] != "none" else None,
            r["measures"] if r["plan_status"] != "none" else None, r["oit_done"], r["oit_todo"],
            r["oit_items"] if r["oit_done"] is not None else None, r["run_ok"], r["run_total"])


def _charts(levels: list, indicators: list, weak_items: list, failed_items: list, plans: list, data: dict,
            pass_mark: float, strength_mark: float, year: int) -> dict[str, Any]:
    """Every picture of the overview, each in its wide and its narrow layout (charts.pair)."""
    def tone(mean: float | None) -> str:
        if mean is None:
            return "muted"
        return "good" if mean >= strength_mark else "ok" if mean >= pass_mark else "bad"

    def bars(items: list[charts.Bar], label: str, **options: Any) -> str:
        return charts.pair(charts.bar_chart(items, label, **options),
                           charts.bar_chart(items, label, narrow=True, **options))

    def stacked(segments: list[charts.Segment], label: str) -> str:
        return charts.pair(charts.stacked_bar(segments, label), charts.stacked_bar(segments, label, narrow=True))

    score = charts.number
    level_chart = bars(
        [charts.Bar(lv, n, href, "ok" if lv != overview.LEVEL_NONE else "muted", title=f"ระดับ {lv}: {n} แห่ง")
         for lv, n, href in levels],
        "จำนวนหน่วยงานตามระดับผลการประเมิน: " + ", ".join(f"{lv} {n} แห่ง" for lv, n, _ in levels),
        label_width=170)
    indicator_chart = bars(
        [charts.Bar(f"{s['no']}. {s['name']}", s["mean"], s["href"], tone(s["mean"]),
                    title=f"ตัวชี้วัดที่ {s['no']} {s['name']}: เฉลี่ย "
                    f"{score(s['mean']) if s['mean'] is not None else 'ไม่มีข้อมูล'} ต่ำกว่าเกณฑ์ {s['weak']} แห่ง")
         for s in indicators],
        f"คะแนนเฉลี่ยรายตัวชี้วัด ปี {year} เทียบกับเกณฑ์ {pass_mark:g}: " + ", ".join(
            f"ตัวชี้วัดที่ {s['no']} {score(s['mean'])}" for s in indicators if s["mean"] is not None),
        scale=100, mark=pass_mark, mark_label=f"เกณฑ์ {pass_mark:g}", label_width=240, digits=2)

    def item_chart(items: list, what: str) -> str:
        return bars(
            [charts.Bar(code, n, href, "bad", title=f"{code} {label}: {n} แห่ง") for code, label, n, href in items],
            f"{what}: " + ", ".join(f"{code} {n} แห่ง" for code, _, n, _ in items), label_width=70)

    colours = {"approved": charts.GREEN, "draft": charts.AMBER, "none": charts.ORANGE}
    plan_chart = stacked([charts.Segment(th, n, colours[k], href) for k, th, n, href in plans],
                         "สถานะแผนมาตรการ: " + ", ".join(f"{th} {n} แห่ง" for _, th, n, _ in plans))
    measure_colours = {"done": charts.GREEN, "in_progress": charts.BLUE, "late": charts.ORANGE,
                       "not_started": charts.GREY}
    measure_chart = stacked(
        [charts.Segment(overview.MEASURE_TH[k], n, measure_colours[k]) for k, n in data["measures"].items()],
        "สถานะมาตรการในแผนที่อนุมัติแล้ว: " + ", ".join(
            f"{overview.MEASURE_TH[k]} {n} มาตรการ" for k, n in data["measures"].items()))
    check_colours = {"done": charts.GREEN, "partial": charts.AMBER, "missing": charts.ORANGE, "todo": charts.GREY}
    checks = data["oit"]["checks"]
    check_chart = stacked(
        [charts.Segment(overview.CHECK_TH[k], checks.get(k, 0), c) for k, c in check_colours.items()],
        "รายการตรวจ OIT ของหน่วยงาน: " + ", ".join(f"{overview.CHECK_TH[k]} {checks.get(k, 0)} ข้อ"
                                                    for k in check_colours))
    run_colours = {"ok": charts.GREEN, "stale": charts.AMBER, "incomplete": charts.ORANGE, "unreachable": charts.RED,
                   "unreadable": "#8e6bb5", "missing": charts.GREY}
    runs = data["oit"]["runs"]
    run_chart = stacked(
        [charts.Segment(overview.RUN_TH[k], runs.get(k, 0), c) for k, c in run_colours.items()],
        "ผลการตรวจอัตโนมัติ: " + ", ".join(f"{overview.RUN_TH[k]} {runs.get(k, 0)} ข้อ" for k in run_colours))
    out = {"levels": level_chart, "indicators": indicator_chart,
           "weak": item_chart(weak_items, "ข้อ IIT/EIT ที่หน่วยงานได้ต่ำกว่าเกณฑ์มากที่สุด"),
           "failed": item_chart(failed_items, "ข้อ OIT ที่หน่วยงานไม่ผ่านมากที่สุด"), "plans": plan_chart,
           "measures": measure_chart, "checks": check_chart, "runs": run_chart}
    return {k: mark_safe(v) for k, v in out.items()}  # noqa: S308 - every value in it is escaped (charts.py)


# --------------------------------------------------------------------------- comparison


def _chosen(request: HttpRequest, values: list[str]) -> list[Agency]:
    """The agencies asked for, in that order; 404 when any is outside the user's scope (or does
    not exist): the page never tells which names exist."""
    ids = parse_ids(values)
    found = {a.pk: a for a in visible_agencies(request.user).filter(pk__in=ids)}
    if len(found) != len(ids):
        raise Http404
    return [found[i] for i in ids]


def supervise_compare(request: HttpRequest) -> HttpResponse:
    if (refused := _supervisor(request, ("GET", "HEAD", "POST"))) is not None:
        return refused
    if request.method == "POST":  # the overview's table: the same choice as a link one can keep
        values = list(dict.fromkeys(v.strip() for v in request.POST.getlist("id") if v.strip()))
        if "back" in request.POST and (not values or len(values) > MAX_AGENCIES):
            return redirect(_back_to_overview(request, values, "compare_many" if values else "none"))
        params = [("id", v) for v in values]
        if request.POST.get("year"):
            params.append(("year", request.POST["year"]))
        return redirect(f"{request.path}?{urlencode(params)}")
    context: dict[str, Any] = {"title": "เปรียบเทียบหน่วยงาน", "max_compare": MAX_AGENCIES, "problem": None}
    try:
        agencies = _chosen(request, request.GET.getlist("id"))
        if not agencies:
            context["problem"] = (f"เลือกหน่วยงาน 2–{MAX_AGENCIES} แห่งเพื่อเปรียบเทียบในปีเดียวกัน หรือเลือก 1 แห่ง"
                                  "เพื่อดูผลทุกปีของหน่วยงานนั้น โดยทำเครื่องหมายในช่องหน้าชื่อหน่วยงานในตารางของหน้าภาพรวม")
            return render(request, "supervision/compare.html", context)
        results = list(Result.objects.filter(agency__in=agencies).order_by("fiscal_year"))
        years = sorted({r.fiscal_year for r in results}, reverse=True)
        year = parse_year(request.GET.get("year"), years)
    except CompareProblem as problem:
        context["problem"] = str(problem)
        return render(request, "supervision/compare.html", context, status=400)
    if not years:
        context["problem"] = "หน่วยงานที่เลือกยังไม่มีผลการประเมินในระบบ"
        return render(request, "supervision/compare.html", context)
    if len(agencies) == 1:
        context.update(_years_table(agencies[0], results))
    else:
        context.update(_agencies_table(agencies, results, year or years[0]))
    context.update({"agencies": agencies, "years": years, "year": year or years[0], "exports": True})
    if (file := _compare_file(request, context)) is not None:
        return file
    return render(request, "supervision/compare.html", context)


def _compare_file(request: HttpRequest, c: dict[str, Any]) -> HttpResponse | None:
    """The comparison as the page shows it: a row per figure, a column per agency (or year)."""
    if not wants_export(request):
        return None
    if c["mode"] == "years":
        headers = ["ตัวชี้วัด", *(f"ปี {y}" for y in c["columns"])]
        rows = [[r["label"], *(cell.value for cell in r["cells"])] for r in c["rows"]]
        rows.insert(1, ["ระดับ", *c["levels"]])
        title, name = f"ผลการประเมินทุกปีของ{c['subject'].name}", f"เปรียบเทียบรายปี-{c['subject'].name}"
    else:
        headers = [f"ปี {c['year']}", *(a.name for a in c["agencies"])]
        rows = [[r["label"], *(cell.value for cell in r["cells"])] for r in c["rows"]]
        rows.insert(1, ["ระดับ", *c["levels"]])
        rows.append([f"แผนมาตรการปี {c['plan_year']}", *(s["plan_th"] if s["plan_status"] != "none" else "ยังไม่มีแผน"
                                                      for s in c["status"])])
        rows.append(["มาตรการที่เสร็จสิ้น", *(f"{s['done']}/{s['measures']}" if s["measures"] else "" for s in c["status"])])
        rows.append([f"ความพร้อม OIT ปี {c['oit_year']}", *(s["readiness"] for s in c["status"])])
        title, name = f"เปรียบเทียบหน่วยงาน ผลการประเมินปี {c['year']}", f"เปรียบเทียบหน่วยงาน-{c['year']}"
    return export_response(request, title=title, headers=headers, rows=rows, filename=name)


def _agency_status(agencies: list[Agency], year: int) -> dict[int, dict]:
    """Plan status, measures done and OIT readiness of each agency (overview.row_details)."""
    tracked: dict[int, tuple[int, str]] = {}
    from prongsai.web.plans.models import Plan

    for agency_id, plan_id, status in (Plan.objects.filter(agency__in=agencies, based_on_year=year)
                                       .order_by("agency_id", "version").values_list("agency_id", "pk", "status")):
        current = tracked.get(agency_id)
        if current is None or status == Plan.APPROVED or current[1] != Plan.APPROVED:
            tracked[agency_id] = (plan_id, status)
    oit_year = oit_year_for(year)
    rows = [(a.pk, a.name, a.agency_type, a.district, a.province, None, "", *tracked.get(a.pk, (None, "none")))
            for a in agencies]
    details = overview.row_details(rows, year, oit_year, overview.oit_codes(oit_year))
    for d in details:
        d["readiness"] = overview.readiness_text(d)
    return {d["agency_id"]: d for d in details} | {"oit_year": oit_year}


def _agencies_table(agencies: list[Agency], results: list[Result], year: int) -> dict[str, Any]:
    framework = get_framework(year)
    by_agency = {r.agency_id: r for r in results if r.fiscal_year == year}
    got = [by_agency.get(a.pk) for a in agencies]
    status = _agency_status(agencies, year)

    def row(label: str, values: list[float | None], strong: bool = False) -> dict[str, Any]:
        return {"label": label, "cells": mark_extremes(values), "strong": strong}

    rows = [row("คะแนนรวม", [r.total if r else None for r in got], True)]
    levels = [r.level or overview.LEVEL_NONE if r else "–" for r in got]
    for code in ("IIT", "EIT", "OIT"):
        rows.append(row(f"คะแนน {code}", [_num((r.instruments or {}).get(code)) if r else None for r in got], True))
    for ind in framework.indicators:
        rows.append(row(f"{ind.no}. {ind.name}",
                        [_num((r.indicators or {}).get(str(ind.no))) if r else None for r in got]))
    rows = [r for r in rows if any(c.value is not None for c in r["cells"])]  # e.g. instruments not entered
    done = [status[a.pk] for a in agencies]
    measures = mark_extremes([100 * d["done"] / d["measures"] if d["measures"] else None for d in done])
    return {"mode": "agencies", "rows": rows, "levels": levels, "status": done, "measure_cells": measures,
            "missing": [a.name for a, r in zip(agencies, got, strict=True) if r is None],
            "oit_year": status["oit_year"], "plan_year": year + 1}


def _years_table(agency: Agency, results: list[Result]) -> dict[str, Any]:
    results = sorted(results, key=lambda r: r.fiscal_year)
    years = [r.fiscal_year for r in results]
    newest = get_framework(years[-1])
    rows = [{"label": "คะแนนรวม", "cells": with_changes([r.total for r in results]), "strong": True}]
    for code in ("IIT", "EIT", "OIT"):
        rows.append({"label": f"คะแนน {code}", "strong": True,
                     "cells": with_changes([_num((r.instruments or {}).get(code)) for r in results])})
    for ind in newest.indicators:
        rows.append({"label": f"{ind.no}. {ind.name}", "strong": False,
                     "cells": with_changes([_num((r.indicators or {}).get(str(ind.no))) for r in results])})
    rows = [r for r in rows if any(c.value is not None for c in r["cells"])]
    return {"mode": "years", "subject": agency, "columns": years, "rows": rows,
            "levels": [r.level or overview.LEVEL_NONE for r in results]}


def _num(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------- documents


def supervise_documents(request: HttpRequest) -> HttpResponse:
    if (refused := _supervisor(request, ("GET", "HEAD", "POST"))) is not None:
        return refused
    data = request.POST if request.method == "POST" else request.GET
    context: dict[str, Any] = {"title": "ดาวน์โหลดเอกสารหลายหน่วยงาน", "limit": batch.MAX_AGENCIES,
                               "kinds": batch.KINDS_LONG, "problem": None}
    values = [v for v in data.getlist("id") if v.strip()]
    chosen = list(dict.fromkeys(v.strip() for v in values))
    if request.method == "POST" and "back" in request.POST and (not chosen or len(chosen) > batch.MAX_AGENCIES):
        return redirect(_back_to_overview(request, chosen, "documents_many" if chosen else "none"))
    if not values:
        return render(request, "supervision/documents.html", context)
    kind = data.get("kind") or "analysis"
    problem = None
    if kind not in batch.KINDS:
        problem = "ชนิดเอกสารไม่ถูกต้อง ต้องเป็นรายงานการวิเคราะห์ผล (analysis) หรือมาตรการ (plan) โปรดเลือกชนิดเอกสารในหน้าภาพรวมอีกครั้ง"
    elif len(set(values)) > batch.MAX_AGENCIES:
        problem = (f"เลือกได้ไม่เกิน {batch.MAX_AGENCIES} หน่วยงานต่อครั้ง (เลือกมา {len(set(values))} แห่ง) "
                   "ให้แบ่งดาวน์โหลดเป็นหลายชุด")
    if problem is None:
        try:
            ids = [int(v) for v in dict.fromkeys(v.strip() for v in values)]
        except ValueError:
            ids, problem = [], "รหัสหน่วยงานต้องเป็นตัวเลข (เลือกหน่วยงานจากตารางในหน้าภาพรวม)"
    if problem is None:
        found = {a.pk: a for a in visible_agencies(request.user).filter(pk__in=ids)}
        if len(found) != len(ids):
            raise Http404
        try:
            year = int(data.get("year") or 0)
        except ValueError:
            year = 0
        if year not in available_years():
            problem = "ปีของผลการประเมินไม่ถูกต้อง (เลือกปีในหน้าภาพรวมแล้วกดดาวน์โหลดอีกครั้ง)"
    if problem is not None:
        context["problem"] = problem
        return render(request, "supervision/documents.html", context, status=400)
    try:
        made = batch.build_batch([found[i] for i in ids], kind, year)
    except batch.BatchProblem as exc:
        context["problem"] = exc.message
        return render(request, "supervision/documents.html", context, status=exc.status)
    from prongsai.web.audit import log

    log.downloaded(request, None, f"เอกสารของ {len(ids)} หน่วยงาน", None,
                   f"{made.name} ({len(made.made)} ไฟล์" + (f", ขาด {len(made.skipped)} แห่ง)" if made.skipped else ")"))
    response = HttpResponse(made.content, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, made.name)
    return response
