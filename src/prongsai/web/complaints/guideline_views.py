"""The agency's complaints guideline (แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ) as
DOCX or PDF, written from the channel's settings by prongsai.documents.complaint_guideline: for
members to check and for the public page, which is where the OIT item's link should point."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header

from prongsai import settings as core_settings
from prongsai.errors import InputError
from prongsai.thai import fiscal_year_of
from prongsai.web.agencies.access import VIEW, AgencyAccess, agency_view
from prongsai.web.agencies.models import Agency
from prongsai.web.complaints.models import ChannelSettings
from prongsai.web.plans.single_flight import AcrossProcesses
from prongsai.web.public.anonymity import Throttle, public_view

logger = logging.getLogger("prongsai.web")
FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "pdf": "application/pdf"}
# A PDF costs a LibreOffice run: the public may not make the server do many.
PUBLIC_BUILDS = Throttle("complaint-guideline", limit=20, window=3600)
_building = AcrossProcesses(Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir()) / "guidelines")
NOT_SET_UP = ("ยังจัดทำแนวปฏิบัติไม่ได้ เพราะยังไม่ได้กำหนดกอง/สำนักที่รับและจัดการเรื่องร้องเรียน "
              "ผู้ดูแลของหน่วยงานกำหนดได้ที่ ช่องทางร้องเรียน › การตั้งค่า")


def guideline_for(agency: Agency, channel: ChannelSettings, public_url: str) -> Any:
    from prongsai.documents.complaint_guideline import Guideline

    profile = getattr(agency, "public_profile", None)
    channels = [("เว็บไซต์ของหน่วยงาน (ไม่ต้องระบุชื่อ)", public_url)]
    phone = channel.phone or (profile.phone if profile else "")
    email = channel.email or (profile.email if profile else "")
    postal = channel.postal_address or (profile.address if profile else "")
    for label, detail in (("โทรศัพท์", phone), ("อีเมล", email), ("ไปรษณีย์", postal), ("ยื่นด้วยตนเอง", channel.walk_in)):
        if detail.strip():
            channels.append((label, " ".join(detail.split())))
    today = timezone.localdate()
    return Guideline(
        agency_name=agency.name, agency_type=agency.agency_type or None, province=agency.province,
        district=agency.district, handling_unit=channel.handling_unit.name if channel.handling_unit else "",
        head_title=profile.head_title if profile else "", channels=channels,
        acknowledge_days=channel.acknowledge_days, answer_days=channel.answer_days,
        forward_to=channel.forward_list, issued_on=channel.guideline_date or today,
        fiscal_year=fiscal_year_of(channel.guideline_date or today))


def _respond(request: HttpRequest, agency: Agency, fmt: str, problem: Any) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    channel = ChannelSettings.of(agency)
    if channel.handling_unit is None:
        return problem(NOT_SET_UP, 409)
    from prongsai.documents.complaint_guideline import guideline_filename, write_guideline

    public_url = request.build_absolute_uri(f"/p/{agency.pk}/complaint/")
    try:
        guide = guideline_for(agency, channel, public_url)
    except InputError as exc:
        return problem(str(exc), 409)
    thai = core_settings.thai_digits()

    def build() -> bytes:
        with tempfile.TemporaryDirectory(prefix="prongsai-guide-") as folder:
            return Path(write_guideline(fmt, Path(folder) / f"guideline.{fmt}", guide, thai_digits=thai)).read_bytes()

    key = ("guideline", agency.pk, fmt, thai, repr(guide))
    try:
        content = _building.run(key, build)
    except InputError as exc:
        return problem(str(exc), 409)
    except Exception:
        logger.exception("complaint guideline %s failed for agency %s", fmt, agency.pk)
        return problem("จัดทำเอกสารไม่สำเร็จ" + (" (ตรวจว่าติดตั้ง LibreOffice แล้ว)" if fmt == "pdf" else ""), 500)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(True, guideline_filename(guide, fmt))
    return response


@agency_view(VIEW, methods=("GET", "HEAD"))
def complaint_guideline(request: HttpRequest, access: AgencyAccess, fmt: str) -> HttpResponse:
    def problem(message: str, status: int) -> HttpResponse:
        return render(request, "ui/error.html", {"title": "จัดทำเอกสารไม่ได้", "message": message}, status=status)

    return _respond(request, access.agency, fmt, problem)


@public_view()
def public_complaint_guideline(request: HttpRequest, agency: Agency, fmt: str) -> HttpResponse:
    def problem(message: str, status: int) -> HttpResponse:
        if status == 409:
            message = f"{agency.name}ยังไม่ได้เผยแพร่แนวปฏิบัติการจัดการเรื่องร้องเรียนในระบบนี้"
        elif status >= 500:  # the hint about LibreOffice is for the agency, not the public
            message = "ระบบจัดทำเอกสารไม่สำเร็จในขณะนี้ กรุณาลองใหม่ภายหลัง"
        return render(request, "public/problem.html", {"agency": agency, "title": "ยังไม่มีเอกสาร", "message": message},
                      status=404 if status == 409 else status)

    if fmt not in FORMATS:
        raise Http404
    if PUBLIC_BUILDS.exceeded(request):
        return problem("ขณะนี้มีการดาวน์โหลดถี่เกินไป กรุณารอประมาณหนึ่งชั่วโมงแล้วลองอีกครั้ง", 429)
    PUBLIC_BUILDS.count(request)
    return _respond(request, agency, fmt, problem)
