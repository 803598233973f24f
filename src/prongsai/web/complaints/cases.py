"""Filing a report, finding it again by its receipt, and what officers do with a case. Each
function validates first and writes in one transaction (a report and its files, or nothing)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from prongsai.channels import receipts
from prongsai.channels.attachments import CleanFile
from prongsai.thai import fiscal_year_of
from prongsai.web.agencies.models import Agency
from prongsai.web.audit import log
from prongsai.web.complaints.models import Attachment, ChannelSettings, Complaint, Message, Note

REPORT_FIELDS = ("concerned", "what", "when", "where", "name", "contact")


def _digest(receipt: str) -> str:
    return receipts.digest(receipt, settings.CHANNEL_KEY)


def _attach(complaint: Complaint, files: Sequence[CleanFile], message: Message | None) -> None:
    taken = complaint.attachments.count()
    for number, file in enumerate(files, start=taken + 1):
        attachment = Attachment(complaint=complaint, message=message, name=f"ไฟล์แนบ-{number}.{file.kind}",
                                content_type=file.content_type)
        attachment.seal_data(file.data)
        attachment.save()


def file_report(agency: Agency, data: dict[str, Any], files: Sequence[CleanFile] = (), *,
                channel: str = Complaint.WEB, received_on: date | None = None) -> tuple[Complaint, str]:
    """The new case and its receipt (to show once; only its digest is kept). An officer records a
    report received by phone, post or in person with its channel and the day it came in."""
    settings_ = ChannelSettings.of(agency)
    today = received_on or timezone.localdate()
    for _attempt in range(5):
        receipt = receipts.new_receipt()
        try:
            with transaction.atomic():
                year = fiscal_year_of(today)
                # Lock-free numbering: a clash of two reports at the same moment fails the unique
                # constraint and is retried with the next number.
                last = Complaint.objects.filter(agency=agency, fiscal_year=year).aggregate(n=Max("seq"))["n"] or 0
                complaint = Complaint(agency=agency, fiscal_year=year, seq=last + 1, receipt_digest=_digest(receipt),
                                      category=data["category"], named=bool(data.get("name")), received_on=today,
                                      channel=channel)
                complaint.set_deadlines(settings_)
                complaint.seal_report({k: (data.get(k) or "").strip() for k in REPORT_FIELDS})
                complaint.save()
                _attach(complaint, files, None)
                return complaint, receipt
        except IntegrityError:
            continue
    raise RuntimeError("could not number the report")


def find(agency: Agency, receipt: str) -> Complaint | None:
    return Complaint.objects.filter(agency=agency, receipt_digest=_digest(receipt)).first()


def reporter_reply(complaint: Complaint, text: str, files: Sequence[CleanFile] = ()) -> Message:
    with transaction.atomic():
        message = Message(complaint=complaint, from_reporter=True, sent_on=timezone.localdate())
        message.seal_text(text.strip())
        message.save()
        _attach(complaint, files, message)
        Complaint.objects.filter(pk=complaint.pk).update(reporter_waiting=True)
    return message


def _acknowledge(complaint: Complaint) -> None:
    if complaint.acknowledged_on is None:
        complaint.acknowledged_on = timezone.localdate()


def officer_message(request: Any, complaint: Complaint, text: str) -> Message:
    with transaction.atomic():
        message = Message(complaint=complaint, from_reporter=False, author=request.user, sent_on=timezone.localdate())
        message.seal_text(text.strip())
        message.save()
        _acknowledge(complaint)
        complaint.reporter_waiting = False
        complaint.save(update_fields=["acknowledged_on", "reporter_waiting"])
        log.created(request.user, complaint.agency, "ข้อความถึงผู้ร้องเรียน", message,
                    f"ส่งข้อความถึงผู้ร้องเรียนในเรื่องเลขที่ {complaint.number}")
    return message


def change_status(request: Any, complaint: Complaint, status: str, outcome: str, forwarded_to: str,
                  tell_reporter: str = "") -> None:
    before = log.snapshot(complaint, Complaint.AUDIT_FIELDS)
    with transaction.atomic():
        complaint.status = status
        complaint.outcome = outcome if status == Complaint.CLOSED else ""
        complaint.forwarded_to = forwarded_to.strip() if status == Complaint.FORWARDED else complaint.forwarded_to
        if status != Complaint.RECEIVED:
            _acknowledge(complaint)
        complaint.closed_on = (complaint.closed_on or timezone.localdate()) if status == Complaint.CLOSED else None
        complaint.save()
        log.updated(request.user, complaint.agency, "เรื่องร้องเรียน", complaint,
                    f"เปลี่ยนสถานะเรื่องเลขที่ {complaint.number}", before,
                    log.snapshot(complaint, Complaint.AUDIT_FIELDS))
        if tell_reporter.strip():
            officer_message(request, complaint, tell_reporter)


def add_note(request: Any, complaint: Complaint, text: str) -> Note:
    with transaction.atomic():
        note = Note(complaint=complaint, author=request.user)
        note.seal_text(text.strip())
        note.save()
        log.created(request.user, complaint.agency, "บันทึกภายในเรื่องร้องเรียน", note,
                    f"บันทึกภายในเรื่องเลขที่ {complaint.number}")
    return note
