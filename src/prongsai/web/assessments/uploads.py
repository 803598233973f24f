"""Reading an uploaded results file on an agency's page: the core's `read_results` within its
limits, read once, with the agency taken from the page when the file names none, and every
failure as one Thai line for the form."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from django.conf import settings

from prongsai.errors import InputError
from prongsai.ita.results import AgencyResults
from prongsai.results_io import UNREADABLE_EXPECTED, DefaultAgency, read_results
from prongsai.untrusted_files import LIMITS
from prongsai.web.assessments.file_messages import for_user

log = logging.getLogger(__name__)

# The core words every failure itself; should one ever slip through (a new reader, a library
# upgrade), the officer still reads what kind of problem the file has, never a server error.
_UNEXPECTED = {
    RecursionError: "ข้อมูลในไฟล์ซ้อนกันลึกเกินไป",
    OverflowError: "มีตัวเลขที่ใหญ่เกินกว่าจะเป็นคะแนน",
    UnicodeError: "ไฟล์ไม่ได้เข้ารหัสเป็น UTF-8",
    MemoryError: "ไฟล์ใหญ่เกินกว่าจะอ่านได้",
}


class UploadProblem(Exception):
    """The file cannot be taken; the message is ready for the form."""


@dataclass(frozen=True)
class ReadUpload:
    results: AgencyResults
    agency_from_page: bool  # the file named no agency, so it was read as this agency's


def read_upload(path: Path, file_name: str, agency_name: str) -> ReadUpload:
    default = DefaultAgency(agency_name)
    # The web's upload limit (PRONGSAI_UPLOAD_MAX_MB) is the one the officer was told.
    limits = replace(LIMITS, file_bytes=settings.UPLOAD_MAX_BYTES)
    try:
        results = read_results(path, limits=limits, default_agency=default)
    except InputError as exc:
        raise UploadProblem(for_user(exc, file_name, str(path))) from None
    except Exception as exc:  # noqa: BLE001 - an upload must never be a server error
        log.warning("results upload %r: %s not worded by the core", file_name, type(exc).__name__)
        problem = next((text for kind, text in _UNEXPECTED.items() if isinstance(exc, kind)),
                       "อ่านไฟล์ไม่ได้ ไฟล์อาจเสียหรือไม่ใช่ไฟล์ผลการประเมิน")
        error = InputError(problem, expected=UNREADABLE_EXPECTED)
        raise UploadProblem(for_user(error, file_name, str(path))) from None
    return ReadUpload(results, agency_from_page=default.used)
