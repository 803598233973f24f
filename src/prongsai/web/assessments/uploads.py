"""Reading an uploaded results file on an agency's page: the core's `read_results`, the agency
taken from the page when the file names none, and every failure as one Thai line for the form."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from prongsai.errors import InputError
from prongsai.ita.results import AgencyResults
from prongsai.results_io import read_results
from prongsai.web.assessments.agency_fill import fill_agency
from prongsai.web.assessments.file_messages import for_user

log = logging.getLogger(__name__)
T = TypeVar("T")

# Failures the core should word itself; should one slip through, the officer still reads what
# kind of problem the file has.
_UNEXPECTED = {
    RecursionError: "ข้อมูลในไฟล์ซ้อนกันลึกเกินไป",
    OverflowError: "มีตัวเลขที่ใหญ่เกินกว่าจะเป็นคะแนน",
    UnicodeError: "ไฟล์ไม่ได้เข้ารหัสเป็น UTF-8",
    MemoryError: "ไฟล์ใหญ่เกินกว่าจะอ่านได้",
}
_EXPECTED = "แบบฟอร์ม Excel ของระบบ หรือไฟล์ .csv .yaml .json ตามรูปแบบในคู่มือ"


class UploadProblem(Exception):
    """The file cannot be taken; the message is ready for the form."""


@dataclass(frozen=True)
class ReadUpload:
    results: AgencyResults
    agency_from_page: bool  # the file named no agency, so it was read as this agency's


def read_upload(path: Path, file_name: str, agency_name: str) -> ReadUpload:
    try:
        return ReadUpload(_read(path, file_name), agency_from_page=False)
    except InputError as exc:
        if not _about_the_agency_name(exc):
            raise UploadProblem(for_user(exc, file_name, str(path))) from None
        first = exc
    try:
        filled = fill_agency(path, agency_name)
    except Exception as exc:  # noqa: BLE001 - then the core's own refusal stands
        log.info("results upload %r: no agency filled in (%s)", file_name, type(exc).__name__)
        filled = None
    if filled is None:
        raise UploadProblem(for_user(first, file_name, str(path)))
    try:
        return ReadUpload(_read(filled, file_name), agency_from_page=True)
    except InputError as exc:
        raise UploadProblem(for_user(exc, file_name, str(filled))) from None
    finally:
        filled.unlink(missing_ok=True)


def _read(path: Path, file_name: str) -> AgencyResults:
    return _guarded(lambda: read_results(path), file_name)


def _guarded(work: Callable[[], T], file_name: str) -> T:
    """Run `work`; anything but an InputError becomes one too, logged for the administrator."""
    try:
        return work()
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - an upload must never be a server error
        log.warning("results upload %r: %s not worded by the core", file_name, type(exc).__name__)
        problem = next((text for kind, text in _UNEXPECTED.items() if isinstance(exc, kind)),
                       "อ่านไฟล์ไม่ได้ ไฟล์อาจเสียหรือไม่ใช่ไฟล์ผลการประเมิน")
        raise InputError(problem, expected=_EXPECTED) from None


def _about_the_agency_name(exc: InputError) -> bool:
    """The core refused the file for want of an agency name (and read it that far)."""
    where = [p.strip() for p in (exc.where or "").split("›")]
    if "agency" in where:
        return True
    return "ชื่อหน่วยงาน" in exc.message and "หลายหน่วยงาน" not in exc.message
