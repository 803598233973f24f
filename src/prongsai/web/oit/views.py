"""The OIT checklist of a fiscal year's framework."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from prongsai.documents.table_sheets import be_datetime
from prongsai.ita.library import available_years, get_framework, library
from prongsai.ita.model import unknown_note
from prongsai.thai import fiscal_year_of
from prongsai.web.agencies.access import VIEW, AgencyAccess, agency_view
from prongsai.web.audit import log
from prongsai.web.oit.forms import OitCheckForm
from prongsai.web.oit.models import OitCheck
from prongsai.web.ui.exports import export_response
from prongsai.web.ui.http import is_htmx


def default_year() -> int:
    """The fiscal year being assessed now (the newest framework year that has started)."""
    years = available_years()
    started = [y for y in years if y <= fiscal_year_of(date.today())]
    return max(started or years)


def _framework(access: AgencyAccess, year: int):  # type: ignore[no-untyped-def]
    if year not in available_years():
        raise Http404
    framework = access.agency.framework(year)
    if not framework.items_of("OIT"):
        raise Http404
    return framework


def _last_failed(access: AgencyAccess, year: int) -> dict[str, str]:
    """OIT items failed in the agency's latest earlier result (code → reason), as a reminder."""
    from prongsai.web.assessments.models import Result

    latest = access.agency.results.filter(fiscal_year__lt=year).order_by("-fiscal_year").first()
    if latest is None:
        latest = Result.objects.filter(agency=access.agency, fiscal_year=year).first()
    if latest is None:
        return {}
    failed = {}
    variant = access.agency.framework_variant or None
    for code, item in (latest.items or {}).items():
        if code.startswith("O") and float(item["score"]) < 100:
            # the same item in this year's list: codes are renumbered between years
            here = code if latest.fiscal_year == year else library().counterpart(latest.fiscal_year, code, year, variant)
            if here:
                reason = item.get("reason")
                failed[here] = f"ผลการประเมินปี {latest.fiscal_year} ข้อ {code} ไม่ผ่าน" + (f" เหตุผล: {reason}" if reason else "")
    return failed


def _hints(request: HttpRequest, access: AgencyAccess, framework) -> dict:  # type: ignore[no-untyped-def]
    """{code: the agency's public pages in Prongsai that fit the item} (prongsai.web.public.oit_pages)."""
    from prongsai.web.public.oit_pages import suggestions

    return suggestions(access.agency, framework, request.build_absolute_uri)


def _carried_forward(access: AgencyAccess, year: int, framework) -> dict[str, OitCheck]:  # type: ignore[no-untyped-def]
    """The agency's checks of the year before, keyed by this year's code of the same item (the
    crosswalk, or code for code when this year carries last year's content): last year's page,
    owner and note are where this year's work starts."""
    earlier = [y for y in available_years() if y < year]
    if not earlier:
        return {}
    before = max(earlier)
    variant = framework.variant
    carried: dict[str, OitCheck] = {}
    for check in OitCheck.objects.filter(agency=access.agency, fiscal_year=before).select_related("owner"):
        code = library().counterpart(before, check.code, year, variant)
        if code in framework.item_by_code and (check.url or check.owner_id or check.note):
            carried[code] = check
    return carried


@agency_view(VIEW, methods=("GET", "HEAD"))
def checklist_default(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    year = request.GET.get("year") or ""
    return redirect("oit_checklist", access.agency.pk, int(year) if year.isdigit() else default_year())


@agency_view(VIEW, methods=("GET", "HEAD"))
def checklist(request: HttpRequest, access: AgencyAccess, year: int) -> HttpResponse:
    framework = _framework(access, year)
    checks = {c.code: c for c in OitCheck.objects.filter(agency=access.agency, fiscal_year=year)
              .select_related("owner")}
    failed = _last_failed(access, year)
    carried = _carried_forward(access, year, framework)
    hints = _hints(request, access, framework)
    rows = []
    for item in framework.items_of("OIT"):
        check = checks.get(item.code)
        rows.append({"item": item, "check": check, "status": check.status if check else OitCheck.TODO,
                     "status_th": check.get_status_display() if check else "ยังไม่ตรวจ",
                     "failed": failed.get(item.code), "before": None if check else carried.get(item.code),
                     "components_done": len(check.components_done) if check else 0,
                     "hints": hints.get(item.code, [])})
    unit = request.GET.get("unit")
    if unit:
        rows = [r for r in rows if r["check"] and str(r["check"].owner_id) == unit]
    total = len(framework.items_of("OIT"))
    done = sum(1 for c in checks.values() if c.status == OitCheck.DONE)
    counts = {code: sum(1 for c in checks.values() if c.status == code) for code, _ in OitCheck.STATUSES}
    counts[OitCheck.TODO] = total - sum(v for k, v in counts.items() if k != OitCheck.TODO)
    if (file := export_response(
            request, title=f"รายการตรวจ OIT ปี {year}", filename=f"รายการตรวจ OIT ปี {year}-{access.agency.name}",
            headers=["ข้อ", "รายการ", "ลิงก์", "ผู้รับผิดชอบ", "สถานะ", "ตรวจล่าสุด", "องค์ประกอบที่ครบ", "หมายเหตุ",
                     "ผลการประเมินปีก่อน"],
            rows=[(r["item"].code, r["item"].label, r["check"].url if r["check"] else "",
                   r["check"].owner.name if r["check"] and r["check"].owner else "", r["status_th"],
                   r["check"].checked_on if r["check"] else None,
                   f"{r['components_done']}/{len(r['item'].components)}" if r["item"].components else "",
                   r["check"].note if r["check"] else "", r["failed"] or "") for r in rows],
            subtitle=[f"ผู้รับผิดชอบ: {u.name}" for u in access.agency.units.all() if unit and str(u.pk) == unit]
            )) is not None:
        return file
    years = [y for y in sorted(available_years(), reverse=True) if get_framework(y).items_of("OIT")]
    return render(request, "oit/checklist.html", {
        "exports": True,
        "title": f"รายการตรวจ OIT ปี {year}", "section": "oit", "framework": framework, "rows": rows,
        "year": year, "years": years, "total": total, "done": done, "counts": counts,
        "statuses": OitCheck.STATUSES, "units": access.agency.units.all(), "unit": unit,
        "unknown_note": unknown_note(framework.items_of("OIT")),
    })


@agency_view(VIEW)
def item(request: HttpRequest, access: AgencyAccess, year: int, code: str) -> HttpResponse:
    framework = _framework(access, year)
    entry = framework.item_by_code.get(code)
    if entry is None or entry.instrument != "OIT":
        raise Http404
    check = OitCheck.objects.filter(agency=access.agency, fiscal_year=year, code=code).first()
    before = None
    initial: dict = {"checked_on": timezone.localdate()}
    if check is None:
        check = OitCheck(agency=access.agency, fiscal_year=year, code=code)
        before = _carried_forward(access, year, framework).get(code)
        if before is not None:
            initial.update(url=before.url, owner=before.owner_id, note=before.note)
    else:
        initial["checked_on"] = check.checked_on or timezone.localdate()
    hints = _hints(request, access, framework).get(code, [])
    # "ใส่ลิงก์นี้" without JavaScript: the form opens with the suggested page in its empty URL field
    chosen = request.GET.get("suggest", "")
    if request.method != "POST" and chosen.isdigit() and int(chosen) < len(hints) and not check.url:
        initial["url"] = hints[int(chosen)].url
    form = OitCheckForm(request.POST if request.method == "POST" else None, instance=check, item=entry,
                        initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            is_new = check.pk is None
            before = {} if is_new else log.snapshot(OitCheck.objects.get(pk=check.pk), OitCheck.AUDIT_FIELDS)
            check = form.save(commit=False)
            check.updated_by = request.user
            check.save()
            after = log.snapshot(check, OitCheck.AUDIT_FIELDS)
            summary = f"ปรับรายการตรวจ OIT ข้อ {code} ปี {year}"
            if is_new:
                log.created(request.user, access.agency, "รายการตรวจ OIT", check, summary, after)
            else:
                log.updated(request.user, access.agency, "รายการตรวจ OIT", check, summary, before, after)
        if is_htmx(request):
            return render(request, "oit/_row.html", {"row": {
                "item": entry, "check": check, "status": check.status, "status_th": check.get_status_display(),
                "failed": _last_failed(access, year).get(code), "components_done": len(check.components_done),
                "hints": hints}, "year": year, "flash": True})
        messages.success(request, f"บันทึกข้อ {code} แล้ว")
        return redirect(f"{_checklist_url(access, year)}#oit-{code}")
    template = "oit/_item_form.html" if is_htmx(request) else "oit/item.html"
    return render(request, template, {
        "title": f"OIT ข้อ {code}", "section": "oit", "form": form, "item": entry, "year": year, "check": check,
        "failed": _last_failed(access, year).get(code), "before": before, "hints": hints,
    })


def _checklist_url(access: AgencyAccess, year: int) -> str:
    from django.urls import reverse

    return reverse("oit_checklist", args=[access.agency.pk, year])


# --- readiness: the checker's verdict on the pages the checklist names ----------------------

STATUS_TH = {"ok": "พร้อม", "stale": "ข้อมูลไม่เป็นปัจจุบัน", "incomplete": "องค์ประกอบไม่ครบ",
             "unreachable": "เปิดหน้าเว็บไม่ได้", "unreadable": "ต้องตรวจด้วยตนเอง", "missing": "ยังไม่ได้ระบุลิงก์"}
STATUS_CSS = {"ok": "good", "stale": "warn", "incomplete": "warn", "unreachable": "bad", "unreadable": "info",
              "missing": "muted"}


@agency_view(VIEW, methods=("GET", "HEAD"))
def readiness(request: HttpRequest, access: AgencyAccess, year: int) -> HttpResponse:
    from prongsai.web.oit import readiness as checks
    from prongsai.web.oit.models import OitRun

    framework = _framework(access, year)
    runs = list(OitRun.objects.filter(agency=access.agency, fiscal_year=year)[:10])
    latest = next((r for r in runs if r.state == OitRun.DONE), None)
    current = runs[0] if runs and checks.shown_state(runs[0]) == OitRun.RUNNING else None
    listed = list(OitCheck.objects.filter(agency=access.agency, fiscal_year=year).select_related("owner"))
    owners = {c.code: c.owner for c in listed}
    # A unit's ผู้บันทึก sees the unit's items first; ?unit= (empty: every unit) chooses another.
    unit_param = request.GET.get("unit")
    if unit_param is None:
        unit = access.unit
    else:
        unit = next((u for u in access.agency.units.all() if str(u.pk) == unit_param), None)
    items = []
    for item in (latest.report.get("items", []) if latest else []):
        owner = owners.get(item["code"])
        if unit is not None and (owner is None or owner.pk != unit.pk):
            continue
        items.append({**item, "owner": owner, "status_th": STATUS_TH.get(item["status"], item["status"]),
                      "css": STATUS_CSS.get(item["status"], "muted")})
    history = [{"run": r, "state": checks.shown_state(r), "summary": r.report.get("summary", {})} for r in runs]
    effect = _effect_on_total(access, framework, latest.report.get("predicted", {}).get("OIT") if latest else None)
    if (file := export_response(
            request, title=f"ความพร้อม OIT ปี {year}", filename=f"ความพร้อม OIT ปี {year}-{access.agency.name}",
            headers=["ข้อ", "รายการและสิ่งที่ต้องแก้ไข", "สิ่งที่พบ", "สิ่งที่ต้องตรวจด้วยตนเอง", "ผู้รับผิดชอบ", "สถานะ"],
            rows=[(i["code"], i.get("name", ""), i.get("findings") or [], i.get("to_check_by_hand") or [],
                   i["owner"].name if i["owner"] else "", i["status_th"]) for i in items],
            subtitle=[f"ตรวจเมื่อ {be_datetime(timezone.localtime(latest.started_at))}" if latest else "ยังไม่เคยตรวจ",
                      f"ผู้รับผิดชอบ: {unit.name}" if unit else ""])) is not None:
        return file
    template = "oit/_readiness.html" if is_htmx(request) else "oit/readiness.html"
    return render(request, template, {
        "exports": bool(latest),
        "title": f"ความพร้อม OIT ปี {year}", "section": "oit", "framework": framework, "year": year,
        "latest": latest, "current": current, "items": items, "history": history, "unit": unit,
        "units": access.agency.units.all(), "status_th": STATUS_TH, "effect": effect,
        "linked": sum(1 for c in listed if c.url),
    })


@agency_view(VIEW, methods=("POST",))
def readiness_run(request: HttpRequest, access: AgencyAccess, year: int) -> HttpResponse:
    from prongsai.web.oit import readiness as checks

    _framework(access, year)
    run = checks.start(access.agency, year, request.user)
    log.created(request.user, access.agency, "การตรวจความพร้อม OIT", run, f"สั่งตรวจความพร้อม OIT ปี {year}")
    messages.info(request, "เริ่มตรวจหน้าเว็บแล้ว ผลจะแสดงที่หน้านี้เมื่อตรวจเสร็จ (โดยทั่วไปไม่เกิน 1–2 นาที)")
    return redirect("oit_readiness", access.agency.pk, year)


def _effect_on_total(access: AgencyAccess, framework, oit: float | None) -> dict | None:  # type: ignore[no-untyped-def]
    """The total with the predicted OIT and the agency's last IIT and EIT, beside the last total."""
    from prongsai.ita.scoring import score
    from prongsai.oit_check.check import total_with
    from prongsai.web.assessments.models import Result

    last = Result.objects.filter(agency=access.agency).order_by("-fiscal_year").first()
    if last is None or oit is None:
        return None
    scored = score(access.agency.framework(last.fiscal_year), last.year_result())
    total = total_with(framework, oit, {k: v for k, v in scored.instruments.items() if k in ("IIT", "EIT")})
    if total is None:
        return None
    return {"total": total, "year": last.fiscal_year, "last_total": scored.total_rounded,
            "iit": scored.instruments.get("IIT"), "eit": scored.instruments.get("EIT")}
