"""Documents of many agencies in one download: a zip of the chosen agencies' analysis reports or
measures plans as PDF, every PDF converted by ONE LibreOffice (prongsai.documents.reports
.write_reports). The input of each document is built from the database exactly as one agency's
download builds it (prongsai.web.plans.documents.build_document: the same services)."""

from __future__ import annotations

import io
import logging
import re
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prongsai import settings as core_settings
from prongsai.errors import EnvironmentProblem, InputError
from prongsai.web.agencies.models import Agency
from prongsai.web.plans import documents, services
from prongsai.web.plans.models import Plan

logger = logging.getLogger("prongsai.web")

MAX_AGENCIES = 30  # one request converts at most this many (about a minute at most; see the report)
KINDS = {"analysis": "รายงานการวิเคราะห์", "plan": "มาตรการส่งเสริมคุณธรรม"}
KINDS_LONG = {"analysis": "รายงานการวิเคราะห์ผลการประเมิน ITA",
              "plan": "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"}
README = "อ่านก่อน.txt"


class BatchProblem(Exception):
    """Why the zip cannot be made at all: a Thai message for the page and the HTTP status."""

    def __init__(self, message: str, status: int = 503) -> None:
        super().__init__(message)
        self.message, self.status = message, status


class Skip(Exception):
    """This agency's document cannot be made (no result, no plan): said in อ่านก่อน.txt."""


@dataclass
class Batch:
    content: bytes
    name: str
    made: list[str] = field(default_factory=list)  # file names in the zip
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (agency name, reason)
    seconds: float = 0.0


def safe_file_name(text: str, limit: int = 150) -> str:
    """A file name every system accepts: no path separators, reserved or control characters, no
    spaces (as report_filename), never empty."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', "", text)
    name = re.sub(r"\s+", "", name).strip(".")
    return name[:limit] or "หน่วยงาน"


def document_name(agency_name: str, kind: str, year: int) -> str:
    """e.g. องค์การบริหารส่วนตำบลลาดหญ้า-รายงานการวิเคราะห์-2569.pdf (the plan: its fiscal year)."""
    return f"{safe_file_name(agency_name)}-{KINDS[kind]}-{year}.pdf"


def tracked_plan_on(agency: Agency, year: int) -> Plan | None:
    """The plan built on the year's result that the agency follows: the approved version of its
    newest plan year, or the draft while none is approved (services.tracked_among)."""
    versions = list(Plan.objects.filter(agency=agency, based_on_year=year).order_by("-fiscal_year", "-version"))
    if not versions:
        return None
    newest = versions[0].fiscal_year
    return services.tracked_among(p for p in versions if p.fiscal_year == newest)


def document_input(agency: Agency, kind: str, year: int) -> tuple[Any, Any, Any, Plan | None]:
    """(results, analysis, core plan, plan) for one agency's document, read as one download reads
    them (plans.documents.document_input); Skip (Thai reason) when the data is missing."""
    plan = None
    if kind == "plan":
        plan = tracked_plan_on(agency, year)
        if plan is None:
            raise Skip(f"ยังไม่มีแผนมาตรการที่จัดทำจากผลการประเมินปี {year}")
    try:
        results, analysis, core_plan = documents.document_input(agency, kind, year, plan)
    except documents.DocumentProblem as problem:
        raise Skip(problem.message) from None
    return results, analysis, core_plan, plan


def build_batch(agencies: list[Agency], kind: str, year: int, writer: Any = None) -> Batch:
    """The zip for `agencies` (at most MAX_AGENCIES, in the order given). BatchProblem when nothing
    can be converted (LibreOffice missing or failing). `writer`: write_reports (tests)."""
    from prongsai.documents.reports import ReportJob, build_report, write_reports

    started = time.perf_counter()
    write = writer or write_reports
    skipped: list[tuple[str, str]] = []
    drafts: list[str] = []
    thai_digits = core_settings.thai_digits()
    with tempfile.TemporaryDirectory(prefix="prongsai-batch-") as folder:
        jobs: list[tuple[Any, str, Agency]] = []
        used: set[str] = set()
        for index, agency in enumerate(agencies):
            try:
                results, analysis, core_plan, plan = document_input(agency, kind, year)
            except Skip as reason:
                skipped.append((agency.name, str(reason)))
                continue
            name = document_name(agency.name, kind, plan.fiscal_year if plan is not None else year)
            if name in used:  # two agencies of the same name
                name = name[:-4] + f"-{agency.pk}.pdf"
            used.add(name)
            if plan is not None and plan.status != Plan.APPROVED:
                drafts.append(agency.name)
            job = ReportJob(kind, "pdf", Path(folder) / f"{index:03d}.pdf", results, analysis, core_plan,
                            "year-end", thai_digits)
            jobs.append((job, name, agency))
        if jobs:
            try:
                write([j for j, _, _ in jobs])
            except InputError:
                # A document the builders refuse stops the whole batch: find it, leave it out, go on.
                kept = []
                for job, name, agency in jobs:
                    try:
                        build_report(job.kind, job.results, analysis=job.analysis, plan=job.plan,
                                     period=job.period, thai_digits=job.thai_digits)
                        kept.append((job, name, agency))
                    except InputError as exc:
                        skipped.append((agency.name, f"ข้อมูลไม่พร้อมสำหรับจัดทำเอกสาร: {exc}"))
                jobs = kept
                if jobs:
                    _convert(write, [j for j, _, _ in jobs])
            except EnvironmentProblem as exc:
                raise _environment_problem(exc) from None
            except Exception:
                logger.exception("batch of %s %s documents failed", len(jobs), kind)
                raise BatchProblem("จัดทำเอกสาร PDF ไม่สำเร็จ โปรดลองใหม่อีกครั้ง หรือเลือกหน่วยงานให้น้อยลง") from None
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for job, name, _ in jobs:
                archive.write(job.out, name)
            if skipped or drafts:
                archive.writestr(README, readme(kind, year, skipped, drafts))
    made = [name for _, name, _ in jobs]
    return Batch(buffer.getvalue(), zip_name(kind, year), made, skipped, time.perf_counter() - started)


def _convert(write: Any, jobs: list[Any]) -> None:
    try:
        write(jobs)
    except EnvironmentProblem as exc:
        raise _environment_problem(exc) from None


def _environment_problem(exc: Exception) -> BatchProblem:
    from prongsai.documents.pdf import ConverterMissingError

    logger.error("batch documents: %s", exc)
    if isinstance(exc, ConverterMissingError):
        return BatchProblem("เครื่องแม่ข่ายนี้ยังไม่ได้ติดตั้งโปรแกรมแปลงเอกสารเป็น PDF (LibreOffice) "
                            "จึงจัดทำเอกสารชุดนี้ไม่ได้ โปรดแจ้งผู้ดูแลระบบ")
    return BatchProblem("แปลงเอกสารเป็น PDF ไม่สำเร็จ โปรดลองใหม่อีกครั้ง หรือเลือกหน่วยงานให้น้อยลง")


def zip_name(kind: str, year: int) -> str:
    return f"{KINDS[kind]}-ผลการประเมินปี{year}.zip"


def readme(kind: str, year: int, skipped: list[tuple[str, str]], drafts: list[str]) -> str:
    lines = [f"{KINDS_LONG[kind]} จากผลการประเมินปี {year}", ""]
    if skipped:
        lines.append(f"หน่วยงานที่ไม่มีเอกสารในชุดนี้ ({len(skipped)} แห่ง):")
        lines += [f"- {name}: {reason}" for name, reason in skipped]
        lines.append("")
    if drafts:
        lines.append(f"หน่วยงานที่แผนมาตรการยังเป็นร่างและยังไม่ได้รับอนุมัติ ({len(drafts)} แห่ง):")
        lines += [f"- {name}" for name in drafts]
        lines.append("")
    return "\r\n".join(lines)
