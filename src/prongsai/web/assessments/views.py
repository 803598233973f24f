"""Results entry and the analysis dashboard."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from prongsai import settings as core_settings
from prongsai.ita.library import available_years, get_framework
from prongsai.ita.model import INSTRUMENTS
from prongsai.ita.scoring import score
from prongsai.results_template import write_template
from prongsai.thai import normalise_text
from prongsai.web.agencies.access import (
    EDIT,
    MANAGE,
    VIEW,
    AgencyAccess,
    agency_view,
)
from prongsai.web.agencies.forms import canonical_type
from prongsai.web.agencies.models import Agency
from prongsai.web.assessments import charts, completeness, pending
from prongsai.web.assessments.completeness import missing_indicators
from prongsai.web.assessments.forms import PasteForm, ResultForm, UploadForm, replace_conflict
from prongsai.web.assessments.models import Result
from prongsai.web.assessments.services import agency_results, analysis_for, default_result_year, save_years
from prongsai.web.assessments.uploads import ReadUpload, UploadProblem, read_upload
from prongsai.web.audit import log
from prongsai.web.ui.exports import export_response


def _year_param(request: HttpRequest, default: int) -> int:
    raw = request.GET.get("year") or request.POST.get("year")
    try:
        year = int(raw) if raw else default
    except ValueError:
        raise Http404 from None
    if year not in available_years():
        raise Http404
    return year


# --- results ----------------------------------------------------------------------------------

@agency_view(VIEW, methods=("GET", "HEAD"))
def results(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    rows = list(access.agency.results.order_by("-fiscal_year"))
    for row in rows:
        framework = get_framework(row.fiscal_year)
        missing = missing_indicators(framework, row.year_result())
        row.entered = f"{len(framework.indicators) - len(missing)}/{len(framework.indicators)}" if missing else ""
    if (file := export_response(
            request, title="ผลการประเมิน", filename=f"ผลการประเมิน-{access.agency.name}",
            headers=["ปีงบประมาณ", "คะแนนรวม", "ระดับ", "ตัวชี้วัดที่กรอกคะแนนแล้ว", "ที่มา", "ชื่อแหล่งข้อมูล", "ปรับปรุงล่าสุด"],
            rows=[(r.fiscal_year, r.total, r.level or "ยังระบุไม่ได้", r.entered or "ครบ", r.get_source_display(),
                   r.source_name, r.updated_at) for r in rows])) is not None:
        return file
    return render(request, "assessments/results.html", {
        "title": "ผลการประเมิน", "section": "results", "rows": rows, "exports": True,
        "default_year": default_result_year(), "years": sorted(available_years(), reverse=True),
        "pass_mark": core_settings.thresholds().pass_mark,
    })


@agency_view(EDIT)
def result_form(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    agency = access.agency
    year = _year_param(request, default_result_year())
    framework = get_framework(year)
    existing = Result.objects.filter(agency=agency, fiscal_year=year).first()
    if request.method == "POST":
        form = ResultForm(request.POST, agency=agency, framework=framework)
        if form.is_valid():
            save_years(request.user, agency, [form.year_result], Result.FORM)
            messages.success(request, f"บันทึกผลการประเมินปี {year} แล้ว")
            return redirect("analysis", agency.pk, year)
        if not form.needs_confirmation:  # the warning above the form says what to do instead
            messages.error(request, "ยังบันทึกไม่ได้ โปรดแก้ไขช่องที่มีข้อความสีแดง")
    else:
        form = ResultForm(initial=ResultForm.initial_from(existing), agency=agency, framework=framework)
    saved_missing = missing_indicators(framework, existing.year_result()) if existing else ()
    return render(request, "assessments/result_form.html", {
        "title": f"กรอกผลการประเมินปี {year}", "section": "results", "form": form, "year": year,
        "framework": framework, "existing": existing, "years": sorted(available_years(), reverse=True),
        "saved_missing": saved_missing,
        "missing_summary": completeness.summary(framework, form.missing) if form.missing else "",
    })


@agency_view(EDIT)
def result_paste(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    agency = access.agency
    form = PasteForm(request.POST if request.method == "POST" else None, agency=agency,
                     initial={"fiscal_year": request.GET.get("year") or default_result_year()})
    if request.method == "POST" and form.is_valid():
        save_years(request.user, agency, [form.year_result], Result.PASTE)
        year = form.year_result.fiscal_year
        messages.success(request, f"บันทึกผลการประเมินปี {year} จากตารางแล้ว")
        return redirect("analysis", agency.pk, year)
    names = {y: [f"{i.no}. {i.name}" for i in get_framework(y).indicators] for y in available_years()}
    year = form["fiscal_year"].value()
    try:
        shown = names[int(year)]
    except (TypeError, ValueError, KeyError):
        shown = names[default_result_year()]
    return render(request, "assessments/result_paste.html", {
        "title": "วางคะแนนจากตาราง", "section": "results", "form": form, "indicator_names": shown,
    })


@agency_view(EDIT)
def result_upload(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    agency = access.agency
    if request.method == "POST" and "pending" in request.POST:
        return _answer_to_confirmation(request, access)
    form = UploadForm(request.POST if request.method == "POST" else None,
                      request.FILES if request.method == "POST" else None, agency=agency)
    try:
        if request.method == "POST" and form.is_valid():
            read = form.read
            questions = _questions(read, agency)
            if not questions:
                return _save_upload(request, agency, read, form.file_name)
            kept = pending.keep(request, agency, form.copy, form.file_name, bool(form.cleaned_data.get("replace")))
            return _confirmation_page(request, agency, read, kept, questions)
    finally:
        form.remove_copy()
    return _upload_page(request, form)


def _upload_page(request: HttpRequest, form: UploadForm, problem: str = "") -> HttpResponse:
    return render(request, "assessments/result_upload.html", {
        "title": "นำเข้าผลจากไฟล์", "section": "results", "form": form, "problem": problem,
        "years": sorted(available_years(), reverse=True), "default_year": default_result_year(),
    })


def _questions(read: ReadUpload, agency: Agency) -> dict[str, Any]:
    """What the user must see before the file is saved: a name that is not this agency's, and the
    latest year's missing indicators (the year the analysis and the measures are built on)."""
    found = read.results
    framework = get_framework(found.fiscal_year)
    missing = missing_indicators(framework, found.current)
    questions: dict[str, Any] = {}
    if not read.agency_from_page and _different_agency(found.agency, agency.name):
        questions["agency"] = [
            ("ชื่อหน่วยงาน", found.agency, agency.name),
            ("ประเภทหน่วยงาน", found.agency_type or "–", agency.agency_type or "–"),
            ("อำเภอ", found.district or "–", agency.district or "–"),
            ("จังหวัด", found.province or "–", agency.province or "–"),
        ]
    if missing:
        questions["missing"] = {"year": found.fiscal_year, "indicators": missing,
                                "summary": completeness.summary(framework, missing)}
    return questions


def _confirmation_page(request: HttpRequest, agency: Agency, read: ReadUpload, kept: pending.PendingUpload,
                       questions: dict[str, Any]) -> HttpResponse:
    years = [{"year": y.fiscal_year, "total": score(get_framework(y.fiscal_year), y).total_rounded}
             for y in read.results.years]
    return render(request, "assessments/result_upload_confirm.html", {
        "title": "ตรวจก่อนนำเข้า", "section": "results", "kept": kept, "questions": questions,
        "years": years, "found": read.results, "lifetime": int(pending.LIFETIME.total_seconds() // 60),
    })


_GONE = "ไฟล์ที่รอการยืนยันหมดอายุหรือถูกใช้ไปแล้ว คำขอนี้ไม่ได้บันทึกอะไร โปรดเลือกไฟล์อีกครั้งถ้ายังต้องการนำเข้า"


def _answer_to_confirmation(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    agency = access.agency
    token = request.POST.get("pending", "")
    kept = pending.take(request, agency, token)
    if kept is None:
        return _upload_page(request, UploadForm(agency=agency), _GONE)
    action = request.POST.get("action")
    if action == "cancel":
        pending.discard(request, kept.token)
        messages.info(request, f"ยกเลิกการนำเข้าแล้ว ไม่ได้บันทึกอะไรจากไฟล์ {kept.file_name}")
        return redirect("result_upload", agency.pk)
    # Read and check the kept file again: the agency's results may have changed meanwhile.
    try:
        read = read_upload(kept.path, kept.file_name, agency.name)
    except UploadProblem as exc:
        pending.discard(request, kept.token)
        return _upload_page(request, UploadForm(agency=agency), str(exc))
    if action != "confirm":
        return _confirmation_page(request, agency, read, kept, _questions(read, agency))
    conflict = replace_conflict(agency, [y.fiscal_year for y in read.results.years], kept.replace)
    if conflict:
        pending.discard(request, kept.token)
        return _upload_page(request, UploadForm(agency=agency),
                            f"ยังไม่ได้นำเข้าไฟล์ {kept.file_name}: {conflict} แล้วเลือกไฟล์อีกครั้ง")
    if not pending.discard(request, kept.token):  # another request confirmed it a moment ago
        return _upload_page(request, UploadForm(agency=agency), _GONE)
    return _save_upload(request, agency, read, kept.file_name)


def _save_upload(request: HttpRequest, agency: Agency, read: ReadUpload, file_name: str) -> HttpResponse:
    found = read.results
    saved = save_years(request.user, agency, found.years, Result.FILE, file_name)
    years = ", ".join(str(r.fiscal_year) for r in saved)
    messages.success(request, f"นำเข้าผลการประเมินปี {years} จากไฟล์ {file_name} แล้ว")
    if read.agency_from_page:
        messages.info(request, f"ไฟล์ไม่มีชื่อหน่วยงาน จึงนำเข้าเป็นผลของ{agency.name}")
    return redirect("analysis", agency.pk, found.fiscal_year)


def _different_agency(in_file: str, ours: str) -> bool:
    def core(name: str) -> str:
        name = normalise_text(name).replace(" ", "")
        for prefix in ("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "เทศบาลตำบล", "เทศบาลเมือง",
                       "เทศบาลนคร", "อบต.", "อบจ.", "ทต.", "ทม.", "ทน."):
            name = name.removeprefix(prefix)
        return name

    return core(in_file) != core(ours)


@agency_view(VIEW, methods=("GET", "HEAD"))
def result_template(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    year = _year_param(request, default_result_year())
    agency = access.agency
    # The form carries the agency it was downloaded for, so the file says whose it is.
    values = {"agency": agency.name, "agency_type": canonical_type(agency.agency_type), "district": agency.district,
              "province": agency.province}
    with tempfile.TemporaryDirectory(prefix="prongsai-template-") as tmp:
        path = write_template(get_framework(year), Path(tmp) / f"ita-{year}.xlsx", values)
        content = path.read_bytes()
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="prongsai-ita-{year}-form.xlsx"'
    return response


@agency_view(MANAGE, methods=("POST",))
def result_delete(request: HttpRequest, access: AgencyAccess, year: int) -> HttpResponse:
    row = get_object_or_404(Result, agency=access.agency, fiscal_year=year)
    with transaction.atomic():
        log.deleted(request.user, access.agency, "ผลการประเมิน", row, f"ลบผลการประเมินปี {year}",
                    row.audit_snapshot())
        row.delete()
    messages.success(request, f"ลบผลการประเมินปี {year} แล้ว")
    return redirect("results", access.agency.pk)


def _indicator_file(request: HttpRequest, result: Any, indicator_rows: list[dict[str, Any]],
                    change: Any) -> HttpResponse | None:
    """The dashboard's table of indicators (ตารางคะแนนรายตัวชี้วัด) as a file."""
    headers = ["ข้อ", "ตัวชี้วัด", "แบบวัด", "คะแนน", "น้ำหนัก", "อันดับ", "สถานะ", "ต่ำสุดในแบบวัด", "เป็นค่าประมาณการ"]
    if change:
        headers.append(f"เทียบปี {change['fiscal_year']}")
    rows = []
    for x in indicator_rows:
        r = x["row"]
        row = [r.no, r.name, r.instrument, r.score, f"{r.weight:.0f}%" if r.weight is not None else "", r.rank,
               r.status_th, x["lowest"], r.origin == "estimate"]
        rows.append(row + ([x["delta"]] if change else []))
    total = f"คะแนนรวม {result.total:.2f}" if result.total is not None else ""
    return export_response(request, title=f"ตารางคะแนนรายตัวชี้วัด ปี {result.fiscal_year}", headers=headers, rows=rows,
                           filename=f"คะแนนรายตัวชี้วัด-{result.fiscal_year}-{request.access.agency.name}",
                           subtitle=[" · ".join(t for t in (total, result.level or "") if t)])


# --- the dashboard -----------------------------------------------------------------------------

@agency_view(VIEW, methods=("GET", "HEAD"))
def dashboard(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    year = request.GET.get("year")
    if year:
        if not year.isdigit():
            raise Http404
        return redirect("analysis", access.agency.pk, int(year))
    return _dashboard(request, access, None)


@agency_view(VIEW, methods=("GET", "HEAD"))
def analysis(request: HttpRequest, access: AgencyAccess, year: int) -> HttpResponse:
    return _dashboard(request, access, year)


def _dashboard(request: HttpRequest, access: AgencyAccess, year: int | None) -> HttpResponse:
    from prongsai.web.plans.models import Plan
    from prongsai.web.public import work

    agency = access.agency
    rows = list(agency.results.all())
    found = agency_results(agency, year, rows)
    if found is None:
        if year is not None:
            raise Http404
        return render(request, "assessments/dashboard_empty.html", {
            "title": "ภาพรวมผลการประเมิน", "section": "dashboard", "default_year": default_result_year(),
            "work_cards": work.cards(access),
        })
    result = analysis_for(found)
    thresholds = result.thresholds
    change = result.change_since_previous()
    indicator_rows = []
    for row in result.indicators:
        delta = change["indicators"].get(row.no) if change else None
        indicator_rows.append({"row": row, "delta": delta, "lowest": result.lowest_by_instrument.get(row.instrument) == row.no})
    trend = [{"year": h.fiscal_year, "total": h.total, "level": h.level} for h in result.history]
    trend.append({"year": result.fiscal_year, "total": result.total, "level": result.level})
    for before, now in zip(trend, trend[1:], strict=False):
        now["delta"] = None if now["total"] is None or before["total"] is None else round(now["total"] - before["total"], 2)
    history_years = [h.fiscal_year for h in result.history]
    indicator_trend = [
        {"no": r.no, "name": r.name,
         "values": [h.indicators.get(r.no) for h in result.history] + [r.score]}
        for r in result.indicators
    ] if result.history else []
    plan = Plan.objects.filter(agency=agency, based_on_year=result.fiscal_year).order_by("-version").first()
    lowest = {code: result.indicator(no) for code, no in result.lowest_by_instrument.items() if no is not None}
    result_row = next(r for r in rows if r.fiscal_year == result.fiscal_year)
    framework = get_framework(result.fiscal_year)
    missing = missing_indicators(framework, result_row.year_result())
    if (file := _indicator_file(request, result, indicator_rows, change)) is not None:
        return file
    return render(request, "assessments/dashboard.html", {
        "exports": True,
        "title": f"ภาพรวมผลการประเมินปี {result.fiscal_year}", "section": "dashboard", "a": result,
        "years": sorted((r.fiscal_year for r in rows), reverse=True), "indicator_rows": indicator_rows,
        "chart": charts.indicator_bars(result.indicators, thresholds.pass_mark, thresholds.strength_mark),
        "instrument_bars": charts.instrument_bars(result.score.instruments, thresholds.pass_mark),
        "trend": trend, "trend_svg": charts.trend_svg(trend, thresholds.pass_mark) if len(trend) > 1 else "",
        "history_years": history_years, "indicator_trend": indicator_trend, "change": change,
        "strengths": [result.indicator(n) for n in result.strengths],
        "weaknesses": [result.indicator(n) for n in result.weaknesses],
        "lowest": [(code, lowest.get(code)) for code in INSTRUMENTS],
        "plan": plan, "pass_mark": thresholds.pass_mark, "strength_mark": thresholds.strength_mark,
        "result_row": result_row, "missing": missing,
        "missing_summary": completeness.summary(framework, missing) if missing else "",
        "work_cards": work.cards(access) if year is None else [],
    })
