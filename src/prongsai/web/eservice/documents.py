"""The service manual of a request type (คู่มือการให้บริการ) as DOCX or PDF, written from the type
by prongsai.documents.service_manual: for the staff to check, and on the public page, where the
OIT item's link should point."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from prongsai import settings as core_settings
from prongsai.errors import InputError
from prongsai.web.agencies.models import Agency
from prongsai.web.eservice.models import RequestType
from prongsai.web.plans.single_flight import AcrossProcesses
from prongsai.web.public.anonymity import Throttle

logger = logging.getLogger("prongsai.web")
FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "pdf": "application/pdf"}
# A PDF costs a LibreOffice run: the public may not make the server do many.
PUBLIC_BUILDS = Throttle("eservice-document", limit=20, window=3600)
building = AcrossProcesses(Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir()) / "eservice-documents")


def _contact_lines(agency: Agency, rtype: RequestType, request: HttpRequest) -> list[tuple[str, str]]:
    profile = getattr(agency, "public_profile", None)
    parts = []
    if profile is not None:
        for label, value in (("ที่อยู่", profile.address), ("โทรศัพท์", profile.phone), ("อีเมล", profile.email)):
            if value.strip():
                parts.append(f"{label} {' '.join(value.split())}")
    who = f"{rtype.unit.name} {agency.name}" if rtype.unit else agency.name
    lines = [(who, " ".join(parts) if parts else "ติดต่อด้วยตนเองในวันและเวลาราชการ")]
    lines.append(("ถาม–ตอบบนเว็บไซต์ของหน่วยงาน", request.build_absolute_uri(reverse("public_qa", args=[agency.pk]))))
    return lines


def manual_for(agency: Agency, rtype: RequestType, request: HttpRequest):  # type: ignore[no-untyped-def]
    from prongsai.documents.service_manual import ServiceManual

    profile = getattr(agency, "public_profile", None)
    url = request.build_absolute_uri(reverse("public_eservice_apply", args=[agency.pk, rtype.pk])) if rtype.is_open else ""
    return ServiceManual(
        agency_name=agency.name, agency_type=agency.agency_type or None, province=agency.province,
        service=rtype.name, unit=rtype.unit_name, criteria=rtype.description,
        steps=[(s.text, s.responsible, s.time) for s in rtype.step_specs], working_days=rtype.working_days,
        documents=rtype.document_list, fee=rtype.fee, walk_in=rtype.walk_in,
        office_hours=profile.office_hours if profile else "", url=url,
        contacts=_contact_lines(agency, rtype, request), issued_on=timezone.localdate(rtype.updated_at))


def manual_response(request: HttpRequest, agency: Agency, rtype: RequestType, fmt: str,
                    problem: Callable[[str, int], HttpResponse]) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    from prongsai.documents.service_manual import manual_filename, write_manual

    try:
        manual = manual_for(agency, rtype, request)
    except InputError as exc:
        return problem(str(exc), 409)
    thai = core_settings.thai_digits()

    def build() -> bytes:
        with tempfile.TemporaryDirectory(prefix="prongsai-manual-") as folder:
            return Path(write_manual(fmt, Path(folder) / f"manual.{fmt}", manual, thai_digits=thai)).read_bytes()

    try:
        content = building.run(("manual", agency.pk, rtype.pk, fmt, thai, repr(manual)), build)
    except InputError as exc:
        return problem(str(exc), 409)
    except Exception:
        logger.exception("service manual %s failed for agency %s type %s", fmt, agency.pk, rtype.pk)
        return problem("จัดทำเอกสารไม่สำเร็จ" + (" (ตรวจว่าติดตั้ง LibreOffice แล้ว)" if fmt == "pdf" else ""), 500)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(True, manual_filename(manual, fmt))
    return response
