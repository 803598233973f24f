"""Sending a request, finding it again by its tracking code, what officers do with it, and the
request types. Each function validates first (the forms do) and writes in one transaction with
its audit log entry: a request and its files, or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from prongsai.channels.attachments import CleanFile
from prongsai.services import requests as core
from prongsai.thai import fiscal_year_of, format_date
from prongsai.web.agencies.models import Agency, Unit
from prongsai.web.audit import log
from prongsai.web.eservice.models import Attachment, Message, Note, RequestType, ServiceRequest

REQUEST = "คำขอรับบริการ"
TYPE = "ประเภทบริการ"


def _attach(service_request: ServiceRequest, files: Sequence[CleanFile], message: Message | None) -> None:
    for file in files:
        Attachment.objects.create(request=service_request, message=message, name=file.name[:120],
                                  content_type=file.content_type, size=len(file.data), data=file.data)


def submit(agency: Agency, rtype: RequestType, applicant_name: str, contact: str, answers: list[dict[str, str]],
           files: Sequence[CleanFile] = (), *, channel: str = ServiceRequest.WEB, received_on: date | None = None,
           user: Any = None) -> ServiceRequest:
    """The new request, numbered in its fiscal year, with a fresh tracking code and its due day
    (the type's working days from the day received). An officer records a request received at
    the counter with its channel and day (`user` is then the officer, for the audit log)."""
    day = received_on or timezone.localdate()
    for _attempt in range(8):
        try:
            with transaction.atomic():
                year = fiscal_year_of(day)
                # Lock-free numbering: two requests at the same moment clash on the unique
                # constraint (or on the code, astronomically rarely) and the loser tries again.
                last = ServiceRequest.objects.filter(agency=agency, fiscal_year=year).aggregate(n=Max("seq"))["n"] or 0
                service_request = ServiceRequest.objects.create(
                    agency=agency, request_type=rtype, unit=rtype.unit, fiscal_year=year, seq=last + 1,
                    code=core.new_code(), channel=channel, applicant_name=applicant_name.strip()[:150],
                    contact=contact.strip()[:200], answers=answers, received_on=day,
                    due_on=core.due_on(day, rtype.working_days))
                _attach(service_request, files, None)
                how = "ทางเว็บไซต์" if channel == ServiceRequest.WEB else f"(ช่องทาง: {service_request.get_channel_display()})"
                log.created(user, agency, REQUEST, service_request,
                            f"รับคำขอเลขที่ {service_request.number} ({rtype.name}) {how}",
                            {"ประเภทบริการ": rtype.name, "วันที่รับคำขอ": format_date(day, thai=False),
                             "กำหนดแล้วเสร็จ": format_date(service_request.due_on, thai=False)})
                return service_request
        except IntegrityError:
            continue
    raise RuntimeError("could not number the request")


def find(agency: Agency, code: str) -> ServiceRequest | None:
    return (ServiceRequest.objects.select_related("request_type", "unit")
            .filter(agency=agency, code=code).first())


def applicant_reply(service_request: ServiceRequest, text: str, files: Sequence[CleanFile] = ()) -> Message:
    with transaction.atomic():
        message = Message.objects.create(request=service_request, from_applicant=True, text=text.strip(),
                                         sent_on=timezone.localdate())
        _attach(service_request, files, message)
        ServiceRequest.objects.filter(pk=service_request.pk).update(applicant_waiting=True)
    return message


def officer_message(request: Any, service_request: ServiceRequest, text: str) -> Message:
    with transaction.atomic():
        message = Message.objects.create(request=service_request, from_applicant=False, author=request.user,
                                         text=text.strip(), sent_on=timezone.localdate())
        if service_request.applicant_waiting:
            service_request.applicant_waiting = False
            service_request.save(update_fields=["applicant_waiting"])
        log.created(request.user, service_request.agency, "ข้อความถึงผู้ยื่นคำขอ", message,
                    f"ส่งข้อความถึงผู้ยื่นคำขอเลขที่ {service_request.number}")
    return message


def change_status(request: Any, service_request: ServiceRequest, status: str, unit: Unit | None, result: str,
                  finished_on: date | None = None, tell_applicant: str = "") -> None:
    before = log.snapshot(service_request, ServiceRequest.AUDIT_FIELDS)
    with transaction.atomic():
        service_request.status = status
        service_request.unit = unit
        service_request.result = result.strip()
        if status in ServiceRequest.FINISHED:
            service_request.finished_on = finished_on or service_request.finished_on or timezone.localdate()
        else:
            service_request.finished_on = None
        service_request.save(update_fields=["status", "unit", "result", "finished_on"])
        log.updated(request.user, service_request.agency, REQUEST, service_request,
                    f"ปรับปรุงคำขอเลขที่ {service_request.number}", before,
                    log.snapshot(service_request, ServiceRequest.AUDIT_FIELDS))
        if tell_applicant.strip():
            officer_message(request, service_request, tell_applicant)


def add_note(request: Any, service_request: ServiceRequest, text: str) -> Note:
    with transaction.atomic():
        note = Note.objects.create(request=service_request, author=request.user, text=text.strip())
        log.created(request.user, service_request.agency, "บันทึกภายในคำขอรับบริการ", note,
                    f"บันทึกภายในคำขอเลขที่ {service_request.number}")
    return note


def reveal_code(request: Any, service_request: ServiceRequest) -> str:
    """The tracking code, for an officer to read out to an applicant who lost it: logged."""
    log.read(request, service_request.agency, "รหัสติดตามคำขอ", service_request,
             f"เปิดดูรหัสติดตามของคำขอเลขที่ {service_request.number}")
    return service_request.code_grouped


# --------------------------------------------------------------------------- request types


def type_snapshot(rtype: RequestType) -> dict[str, str]:
    """The type as the audit log shows it: its fields and steps as sentences, not data."""
    out = log.snapshot(rtype, ("name", "description", "unit", "working_days", "fee", "walk_in", "is_open"))
    out["เอกสารหลักฐานที่ต้องใช้"] = "; ".join(rtype.document_list)
    out["ข้อมูลที่ถามในแบบคำขอ"] = "; ".join(
        f"{s.label} ({s.kind_th}{', ต้องกรอก' if s.required else ''}{': ' + ' / '.join(s.choices) if s.choices else ''})"
        for s in rtype.field_specs)
    out["ขั้นตอนการให้บริการ"] = "; ".join(f"{s.text} ({s.time}{', ' + s.responsible if s.responsible else ''})"
                                           for s in rtype.step_specs)
    return out


def save_type(request: Any, rtype: RequestType, before: dict[str, str] | None) -> RequestType:
    """Save a new or changed type (already validated) with its log entry."""
    with transaction.atomic():
        if before is None:
            rtype.order = (RequestType.objects.filter(agency=rtype.agency).aggregate(n=Max("order"))["n"] or 0) + 1
            rtype.save()
            log.created(request.user, rtype.agency, TYPE, rtype, f"เพิ่มประเภทบริการ {rtype.name}", type_snapshot(rtype))
        else:
            rtype.save()
            log.updated(request.user, rtype.agency, TYPE, rtype, f"แก้ไขประเภทบริการ {rtype.name}", before,
                        type_snapshot(rtype))
    return rtype


def delete_type(request: Any, rtype: RequestType) -> bool:
    """Delete a type no request was made for; False (nothing deleted) when there are requests."""
    with transaction.atomic():
        if ServiceRequest.objects.filter(request_type=rtype).exists():
            return False
        log.deleted(request.user, rtype.agency, TYPE, rtype, f"ลบประเภทบริการ {rtype.name}", type_snapshot(rtype))
        rtype.delete()
    return True
