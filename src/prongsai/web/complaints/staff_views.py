"""The complaint officers' pages: the list of cases, a case with its thread, internal notes and
status, and the attachments. Opening a case or a file is written to the audit log every time."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header

from prongsai.channels.receipts import grouped
from prongsai.web.agencies.access import MANAGE, AgencyAccess, agency_view
from prongsai.web.agencies.models import Membership
from prongsai.web.audit import log
from prongsai.web.complaints import cases
from prongsai.web.complaints.forms import ChannelSettingsForm, MessageForm, NoteForm, RecordForm, StatusForm
from prongsai.web.complaints.models import Attachment, ChannelSettings, Complaint
from prongsai.web.complaints.officer import is_officer, officer_view
from prongsai.web.ui.exports import export_response, wants_export

SHOWS = {"open": "ยังไม่ยุติ", "closed": "ยุติแล้ว", "all": "ทั้งหมด"}


@officer_view(methods=("GET", "HEAD"))
def complaints(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    show = request.GET.get("show", "open")
    if show not in SHOWS:
        show = "open"
    found = Complaint.objects.filter(agency=access.agency).defer("sealed")
    counts = {"open": found.exclude(status=Complaint.CLOSED).count(), "closed": found.filter(status=Complaint.CLOSED).count()}
    counts["all"] = counts["open"] + counts["closed"]
    if show == "open":
        found = found.exclude(status=Complaint.CLOSED)
    elif show == "closed":
        found = found.filter(status=Complaint.CLOSED)
    if wants_export(request):
        return _complaints_file(request, access, list(found), SHOWS[show])
    rows = list(found[:500])
    return render(request, "complaints/list.html", {
        "exports": True,
        "title": "เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "section": "complaints", "rows": rows, "show": show, "shows": SHOWS,
        "counts": counts, "channel": ChannelSettings.of(access.agency),
        "overdue": sum(1 for c in rows if c.overdue_marks),
    })


def _complaints_file(request: HttpRequest, access: AgencyAccess, rows: list[Complaint], shown: str) -> HttpResponse:
    """The queue as a file: what the list shows and the dates of each step, never what a report
    says or who made it (those stay sealed). Exporting is logged as an opening, like reading one."""
    response = export_response(
        request, title="ทะเบียนเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", filename=f"เรื่องร้องเรียน-{access.agency.name}",
        headers=["เลขที่", "วันที่รับเรื่อง", "ช่องทางที่รับเรื่อง", "ประเภทเรื่อง", "ผู้ร้องเรียนเปิดเผยชื่อ", "สถานะ",
                 "ผลการพิจารณา", "ส่งต่อไปยัง", "กำหนดแจ้งการรับเรื่อง", "วันที่แจ้งการรับเรื่อง", "กำหนดแจ้งผล",
                 "วันที่ยุติเรื่อง", "กำหนด"],
        rows=[(c.number, c.received_on, c.get_channel_display(), c.get_category_display(), c.named,
               c.get_status_display(), c.get_outcome_display() if c.outcome else "", c.forwarded_to, c.acknowledge_due,
               c.acknowledged_on, c.answer_due, c.closed_on, c.overdue_marks) for c in rows],
        subtitle=[f"แสดง: {shown}"])
    assert response is not None
    log.read(request, access.agency, "ทะเบียนเรื่องร้องเรียน", None,
             f"ส่งออกทะเบียนเรื่องร้องเรียน ({shown}) {len(rows)} เรื่อง "
             "เฉพาะข้อมูลทะเบียน ไม่รวมรายละเอียดเรื่องและชื่อผู้ร้องเรียน")
    return response


def _case(access: AgencyAccess, complaint_id: int) -> Complaint:
    return get_object_or_404(Complaint, pk=complaint_id, agency=access.agency)


@officer_view()
def complaint_detail(request: HttpRequest, access: AgencyAccess, complaint_id: int) -> HttpResponse:
    complaint = _case(access, complaint_id)
    status_form = StatusForm(initial={"status": complaint.status, "outcome": complaint.outcome,
                                      "forwarded_to": complaint.forwarded_to})
    message_form, note_form = MessageForm(), NoteForm()
    show_identity = False
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "identity" and complaint.named:
            # Like GlobaLeaks' protected identity: the name and contact stay hidden until an officer
            # asks for them, and that asking is logged apart from reading the report.
            show_identity = True
            log.read(request, access.agency, "ชื่อผู้ร้องเรียน", complaint,
                     f"เปิดดูชื่อและช่องทางติดต่อของผู้ร้องเรียนในเรื่องเลขที่ {complaint.number}")
        elif action == "status":
            status_form = StatusForm(request.POST)
            if status_form.is_valid():
                d = status_form.cleaned_data
                cases.change_status(request, complaint, d["status"], d["outcome"], d["forwarded_to"], d["tell_reporter"])
                messages.success(request, f"บันทึกสถานะเรื่องเลขที่ {complaint.number} แล้ว")
                return redirect("complaint_detail", access.agency.pk, complaint.pk)
        elif action == "message":
            message_form = MessageForm(request.POST)
            if message_form.is_valid():
                cases.officer_message(request, complaint, message_form.cleaned_data["message"])
                messages.success(request, "ส่งข้อความถึงผู้ร้องเรียนแล้ว ผู้ร้องเรียนจะเห็นเมื่อติดตามเรื่องด้วยเลขรับเรื่อง")
                return redirect("complaint_detail", access.agency.pk, complaint.pk)
        elif action == "note":
            note_form = NoteForm(request.POST)
            if note_form.is_valid():
                cases.add_note(request, complaint, note_form.cleaned_data["note"])
                messages.success(request, "เพิ่มบันทึกภายในแล้ว")
                return redirect("complaint_detail", access.agency.pk, complaint.pk)
        else:
            messages.error(request, "ไม่ทราบว่าต้องการทำรายการใด กรุณาลองอีกครั้ง")
            return redirect("complaint_detail", access.agency.pk, complaint.pk)
    failed = request.method == "POST" and not show_identity
    with transaction.atomic():
        log.read(request, access.agency, "เรื่องร้องเรียน", complaint, f"เปิดอ่านเรื่องร้องเรียนเลขที่ {complaint.number}")
        if complaint.reporter_waiting and request.method == "GET":
            Complaint.objects.filter(pk=complaint.pk).update(reporter_waiting=False)
    return render(request, "complaints/detail.html", {
        "title": f"เรื่องร้องเรียนเลขที่ {complaint.number}", "section": "complaints", "complaint": complaint,
        "report": complaint.report(), "thread": list(complaint.messages.select_related("author")),
        "notes": list(complaint.notes.select_related("author")),
        "files": list(complaint.attachments.defer("sealed")),
        "status_form": status_form, "message_form": message_form, "note_form": note_form,
        "show_identity": show_identity,
        "category": dict(complaint._meta.get_field("category").choices).get(complaint.category, complaint.category),
    }, status=400 if failed else 200)


@officer_view()
def complaint_record(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    """A report that came by phone, post, e-mail or in person, recorded by an officer, so the
    statistics count every channel; the reporter is given the receipt to follow it online."""
    form = RecordForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        with transaction.atomic():
            complaint, receipt = cases.file_report(access.agency, d, d["files"], channel=d["channel"],
                                                   received_on=d["received_on"])
            log.created(request.user, access.agency, "เรื่องร้องเรียน", complaint,
                        f"บันทึกเรื่องร้องเรียนเลขที่ {complaint.number} ที่รับทาง{complaint.get_channel_display()}")
        response = render(request, "complaints/recorded.html", {
            "title": f"บันทึกเรื่องเลขที่ {complaint.number} แล้ว", "section": "complaints", "complaint": complaint,
            "receipt": grouped(receipt), "status_url": request.build_absolute_uri(f"/p/{access.agency.pk}/complaint/status/"),
        })
        response["Cache-Control"] = "private, no-store"
        return response
    return render(request, "complaints/record.html", {
        "title": "บันทึกเรื่องร้องเรียนที่รับทางช่องทางอื่น", "section": "complaints", "form": form,
    }, status=400 if request.method == "POST" else 200)


@officer_view(methods=("GET", "HEAD"))
def complaint_attachment(request: HttpRequest, access: AgencyAccess, attachment_id: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment.objects.select_related("complaint"), pk=attachment_id,
                                   complaint__agency=access.agency)
    log.read(request, access.agency, "ไฟล์แนบเรื่องร้องเรียน", attachment,
             f"เปิดไฟล์ {attachment.name} ของเรื่องร้องเรียนเลขที่ {attachment.complaint.number}")
    response = HttpResponse(attachment.data(), content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(True, attachment.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@agency_view(MANAGE)
def complaint_settings(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    channel = ChannelSettings.of(access.agency)
    officers = list(Membership.objects.filter(agency=access.agency, complaint_officer=True).select_related("user"))
    # Before the form is bound: validating a model form writes the new values into the instance.
    before = log.snapshot(channel, ChannelSettings.AUDIT_FIELDS) if channel.pk else None
    form = ChannelSettingsForm(request.POST or None, instance=channel, officers=len(officers))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            if before is not None:
                channel = form.save()
                log.updated(request.user, access.agency, "ช่องทางร้องเรียน", channel, "แก้ไขการตั้งค่าช่องทางร้องเรียน",
                            before, log.snapshot(channel, ChannelSettings.AUDIT_FIELDS))
            else:
                channel = form.save()
                log.created(request.user, access.agency, "ช่องทางร้องเรียน", channel, "ตั้งค่าช่องทางร้องเรียน",
                            log.snapshot(channel, ChannelSettings.AUDIT_FIELDS))
        messages.success(request, "บันทึกการตั้งค่าช่องทางร้องเรียนแล้ว")
        return redirect("complaint_settings", access.agency.pk)
    return render(request, "complaints/settings.html", {
        "title": "ช่องทางร้องเรียนการทุจริตและประพฤติมิชอบ", "section": "complaints", "form": form, "officers": officers,
        "is_officer": is_officer(access),
        "public_url": request.build_absolute_uri(f"/p/{access.agency.pk}/complaint/"),
        "guideline_url": request.build_absolute_uri(f"/p/{access.agency.pk}/complaints/guideline.pdf"),
    }, status=400 if request.method == "POST" else 200)
