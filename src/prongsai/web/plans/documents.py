"""Downloading the official documents (analysis report, measures plan, implementation report) as
DOCX or PDF, built by `prongsai.documents` from the data as it is now."""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from prongsai import settings as core_settings
from prongsai.errors import InputError
from prongsai.web.agencies.access import VIEW, AgencyAccess, agency_view
from prongsai.web.agencies.models import Agency
from prongsai.web.assessments.services import agency_results, analysis_for
from prongsai.web.audit import log
from prongsai.web.plans import services
from prongsai.web.plans.models import Plan
from prongsai.web.plans.single_flight import AcrossProcesses

logger = logging.getLogger("prongsai.web")

KINDS = {
    "analysis": "รายงานการวิเคราะห์ผลการประเมิน ITA",
    "plan": "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "implementation": "รายงานผลการดำเนินการตามมาตรการ",
}
FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "pdf": "application/pdf"}
PERIODS = {"6-month": "รอบ 6 เดือน", "year-end": "รอบสิ้นปีงบประมาณ"}
# A repeat click (or a second tab) while a document is being made waits for it, whichever worker
# process it reaches, instead of starting a second LibreOffice job.
_building = AcrossProcesses(Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir()) / "documents")


def writer() -> Any:
    """The documents package's report writer, or None while it is not installed."""
    try:
        from prongsai.documents.reports import write_report
    except ImportError:
        return None
    return write_report


def report_filename(kind: str, results: Any, fmt: str, period: str, fiscal_year: int | None) -> str:
    try:
        from prongsai.documents.reports import report_filename as name_of
    except ImportError:
        return f"{kind}.{fmt}"
    return name_of(kind, results, fmt, period, fiscal_year)


def _choices(access: AgencyAccess, request: HttpRequest) -> dict[str, Any]:
    years = sorted(access.agency.results.values_list("fiscal_year", flat=True), reverse=True)
    plans = list(Plan.objects.filter(agency=access.agency).order_by("-fiscal_year", "-version"))
    plan = None
    raw_plan = request.GET.get("plan")
    if raw_plan:
        plan = next((p for p in plans if str(p.pk) == raw_plan), None)
        if plan is None:
            raise Http404
    elif plans:
        plan = plans[0]
    year = request.GET.get("year")
    if year:
        try:
            year = int(year)
        except ValueError:
            raise Http404 from None
        if year not in years:
            raise Http404
    else:
        year = (plan.based_on_year if plan and plan.based_on_year in years else None) or (years[0] if years else None)
    period = request.GET.get("period") or "year-end"
    if period not in PERIODS:
        raise Http404
    # The implementation report follows the version progress is tracked against (the approved
    # one while a newer draft waits for approval), whichever version of that year was picked.
    tracked = services.tracked_among(p for p in plans if p.fiscal_year == plan.fiscal_year) if plan else None
    return {"years": years, "plans": plans, "plan": plan, "year": year, "period": period, "tracked": tracked}


@agency_view(VIEW, methods=("GET", "HEAD"))
def documents(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    chosen = _choices(access, request)
    return render(request, "plans/documents.html", {
        "title": "เอกสาร", "section": "documents", "kinds": KINDS, "periods": PERIODS, "ready": writer() is not None,
        **chosen,
    })


@agency_view(VIEW, methods=("GET", "HEAD"))
def document_download(request: HttpRequest, access: AgencyAccess, kind: str, fmt: str) -> HttpResponse:
    if kind not in KINDS or fmt not in FORMATS:
        raise Http404
    chosen = _choices(access, request)
    plan = chosen["tracked"] if kind == "implementation" else chosen["plan"]
    try:
        document = build_document(access.agency, kind, fmt, year=chosen["year"], plan=plan, period=chosen["period"],
                                  blank_form=kind == "implementation" and request.GET.get("blank") == "1")
    except DocumentProblem as problem:
        return _problem(request, problem.message, status=problem.status)
    log.downloaded(request, access.agency, "เอกสาร", plan, document.name)
    return document.response()


class DocumentProblem(Exception):
    """Why a document cannot be made now: a Thai message for the agency's staff, the HTTP status,
    and a short reason code (pages for the public word it their own way)."""

    def __init__(self, reason: str, message: str, status: int) -> None:
        super().__init__(message)
        self.reason, self.message, self.status = reason, message, status


@dataclass(frozen=True)
class Document:
    content: bytes
    name: str
    fmt: str

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, content_type=FORMATS[self.fmt])
        response["Content-Disposition"] = content_disposition_header(True, self.name)
        return response


def document_input(agency: Agency, kind: str, year: int | None, plan: Plan | None) -> tuple[Any, Any, Any]:
    """(results, analysis, core plan) the document `kind` is written from: the analysis of the
    result of `year` (the plan's own result year for the plan and the implementation report).
    DocumentProblem when the data is missing. Shared by one download and the supervisors' zip."""
    if year is None:
        raise DocumentProblem("no_results", "ยังไม่มีผลการประเมิน: บันทึกผลการประเมินก่อนจึงจะจัดทำเอกสารได้", 409)
    if kind in ("plan", "implementation") and plan is None:
        raise DocumentProblem("no_plan", "ยังไม่มีแผนมาตรการ: สร้างแผนมาตรการก่อนจึงจะจัดทำเอกสารนี้ได้", 409)
    based_on = plan.based_on_year if plan is not None and kind != "analysis" and plan.based_on_year else year
    results = services.results_for_documents(plan, agency, based_on) or agency_results(agency, year)
    if results is None:
        raise DocumentProblem("no_results", f"ยังไม่มีผลการประเมินปี {based_on}", 409)
    analysis = analysis_for(results)
    core_plan = None
    if plan is not None and plan.based_on_year == analysis.fiscal_year:
        core_plan = services.plan_to_core(plan, analysis)
    elif kind != "analysis":
        raise DocumentProblem("plan_year", "แผนมาตรการนี้ไม่ได้ระบุปีของผลการประเมินที่ใช้จัดทำ "
                              f"(ต้องเป็นปี {analysis.fiscal_year})", 409)
    return results, analysis, core_plan


def build_document(agency: Agency, kind: str, fmt: str, *, year: int | None, plan: Plan | None,
                   period: str = "year-end", blank_form: bool = False) -> Document:
    """The document `kind` (KINDS) as `fmt` (FORMATS) from the data as it is now: the analysis of
    the result of `year` (the plan's own result year for the plan and the implementation report),
    and `plan` for the plan and the implementation report. DocumentProblem when it cannot be made.
    Callers choose the plan (the staff's pick, or the approved one for the public) and log."""
    write_report = writer()
    if write_report is None:
        raise DocumentProblem("unavailable", "ระบบจัดทำเอกสารยังไม่พร้อมใช้งานในเครื่องนี้", 503)
    results, analysis, core_plan = document_input(agency, kind, year, plan)
    name = report_filename(kind, results, fmt, period, None if kind == "analysis" or plan is None else plan.fiscal_year)

    def build() -> bytes:
        with tempfile.TemporaryDirectory(prefix="prongsai-doc-") as folder:
            path = write_report(kind, fmt, Path(folder) / f"document.{fmt}", results=results, analysis=analysis,
                                plan=core_plan, period=period, thai_digits=core_settings.thai_digits(),
                                allow_empty=blank_form)
            return Path(path).read_bytes()

    key = (agency.pk, kind, fmt, year, plan.pk if plan is not None else None, period, blank_form,
           core_settings.thai_digits())
    try:
        content = _building.run(key, build)
    except InputError as exc:
        if kind == "implementation" and exc.where == "progress":
            raise DocumentProblem("no_progress", "ยังไม่มีผลการดำเนินการของมาตรการใดในรอบรายงานนี้: "
                                  "บันทึกผลการดำเนินการที่หน้าติดตามผลก่อน หรือดาวน์โหลดแบบฟอร์มเปล่าเพื่อกรอกด้วยมือ",
                                  409) from None
        raise DocumentProblem("input", str(exc), 409) from None
    except Exception:  # LibreOffice missing or failing: say so instead of a stack trace
        logger.exception("document %s.%s failed for agency %s", kind, fmt, agency.pk)
        raise DocumentProblem("failed", "จัดทำเอกสารไม่สำเร็จ" + (" (ตรวจว่าติดตั้ง LibreOffice แล้ว)" if fmt == "pdf" else ""),
                              500) from None
    return Document(content, name, fmt)


def _problem(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "ui/error.html", {"title": "จัดทำเอกสารไม่ได้", "message": message}, status=status)
