"""The files of a survey for the staff: the report (DOCX, PDF) for the OIT item, the answers
(XLSX, CSV) and the QR code poster for the counter (PNG, PDF, DOCX). Every download is logged."""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header

from prongsai import settings as core_settings
from prongsai.services.surveys import template
from prongsai.web.agencies.access import VIEW, AgencyAccess, agency_view
from prongsai.web.audit import log
from prongsai.web.plans.single_flight import AcrossProcesses
from prongsai.web.surveys import results
from prongsai.web.surveys.models import Survey
from prongsai.web.surveys.staff_views import public_url, survey_of

logger = logging.getLogger("prongsai.web")
TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "png": "image/png",
}
REPORT_FORMATS = ("docx", "pdf")
ANSWER_FORMATS = ("xlsx", "csv")
POSTER_FORMATS = ("png", "pdf", "docx")
# A repeat click while a PDF is being made waits for it (any worker process) instead of starting
# a second LibreOffice job.
_building = AcrossProcesses(Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir()) / "survey-files")
_UNSAFE = re.compile(r"[\\/:*?\"<>|\s]+")


def _name(*parts: str) -> str:
    return "-".join(_UNSAFE.sub("", p) for p in parts if p)


def _file(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _failed(request: HttpRequest, fmt: str) -> HttpResponse:
    message = "จัดทำไฟล์ไม่สำเร็จ" + (" (ตรวจว่าติดตั้ง LibreOffice แล้ว)" if fmt == "pdf" else "") + " กรุณาลองใหม่ภายหลัง"
    return render(request, "ui/error.html", {"title": "จัดทำไฟล์ไม่ได้", "message": message}, status=500)


def _built(key: tuple, fmt: str, build: Callable[[Path], Path]) -> bytes:
    def run() -> bytes:
        with tempfile.TemporaryDirectory(prefix="prongsai-survey-") as folder:
            return Path(build(Path(folder) / f"file.{fmt}")).read_bytes()

    return _building.run(key, run) if fmt == "pdf" else run()


@agency_view(VIEW, methods=("GET", "HEAD"))
def survey_report(request: HttpRequest, access: AgencyAccess, survey_id: int, fmt: str) -> HttpResponse:
    survey = survey_of(access, survey_id)
    if fmt not in REPORT_FORMATS:
        raise Http404
    period = results.period_from(request, results.years_of(survey))
    figures = results.summary(survey, period)
    thai = core_settings.thai_digits()
    agency = access.agency
    try:
        from prongsai.documents.survey_report import report_filename, write_report

        name = report_filename(agency.name, period.key, fmt)

        content = _built(("survey-report", survey.pk, period.key, fmt, thai, figures.respondents), fmt,
                         lambda out: write_report(fmt, out, figures, agency_name=agency.name, survey_title=survey.title,
                                                  as_of=period.until(timezone.localdate()),
                                                  agency_type=agency.agency_type or None, thai_digits=thai))
    except Exception:
        logger.exception("survey report %s failed for agency %s", fmt, agency.pk)
        return _failed(request, fmt)
    log.downloaded(request, agency, "รายงานผลการสำรวจความพึงพอใจ", survey, name)
    return _file(content, fmt, name)


@agency_view(VIEW, methods=("GET", "HEAD"))
def survey_answers(request: HttpRequest, access: AgencyAccess, survey_id: int, fmt: str) -> HttpResponse:
    survey = survey_of(access, survey_id)
    if fmt not in ANSWER_FORMATS:
        raise Http404
    period = results.period_from(request, results.years_of(survey))
    from prongsai.documents.survey_export import answers_csv, answers_xlsx

    answers = results.answers_for(survey, period)
    questions = results.questions_for(survey, period)
    agency = access.agency
    name = _name("คำตอบแบบสำรวจความพึงพอใจ", agency.name, period.key) + f".{fmt}"
    if fmt == "xlsx":
        figures = results.summary(survey, period)
        content = answers_xlsx(answers, questions, figures, agency_name=agency.name, survey_title=survey.title,
                               as_of=period.until(timezone.localdate()), tpl=template())
    else:
        content = answers_csv(answers, questions, tpl=template())
    log.downloaded(request, agency, "คำตอบแบบสำรวจความพึงพอใจ", survey, name)
    return _file(content, fmt, name)


@agency_view(VIEW, methods=("GET", "HEAD"))
def survey_poster(request: HttpRequest, access: AgencyAccess, survey_id: int, fmt: str) -> HttpResponse:
    survey: Survey = survey_of(access, survey_id)
    if fmt not in POSTER_FORMATS:
        raise Http404
    url = public_url(request, survey)
    agency = access.agency
    services = survey.service_names()
    thai = core_settings.thai_digits()
    name = _name("โปสเตอร์แบบสำรวจความพึงพอใจ", agency.name, str(survey.pk)) + f".{fmt}"
    try:
        from prongsai.documents import survey_poster as poster

        if fmt == "png":
            content = poster.poster_png(agency_name=agency.name, survey_title=survey.title, services=services,
                                        url=url, thai_digits=thai)
        else:
            content = _built(("survey-poster", survey.pk, fmt, thai, url, survey.title, tuple(services)), fmt,
                             lambda out: poster.write_poster(fmt, out, agency_name=agency.name,
                                                             survey_title=survey.title, services=services, url=url,
                                                             thai_digits=thai))
    except Exception:
        logger.exception("survey poster %s failed for agency %s", fmt, agency.pk)
        return _failed(request, fmt)
    log.downloaded(request, agency, "โปสเตอร์แบบสำรวจความพึงพอใจ", survey, name)
    return _file(content, fmt, name)
