"""The reporter's side of the complaint channel (design §5.5): file a report, anonymous by
default, and come back with the receipt to see its status and talk with the officers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from prongsai.channels.receipts import grouped
from prongsai.web.agencies.models import Agency
from prongsai.web.complaints import cases
from prongsai.web.complaints.forms import ReceiptForm, ReplyForm, ReportForm
from prongsai.web.complaints.models import ChannelSettings, Complaint
from prongsai.web.public.anonymity import Throttle, public_view

REPORTS = Throttle("complaint-report", limit=5, window=3600)
WRONG_RECEIPTS = Throttle("complaint-receipt", limit=10, window=3600)
REPLIES = Throttle("complaint-reply", limit=20, window=3600)
SLOW_DOWN = "ขณะนี้มีการส่งเรื่องเข้ามาถี่เกินไป กรุณารอประมาณหนึ่งชั่วโมงแล้วลองอีกครั้ง หรือแจ้งทางช่องทางอื่นของหน่วยงาน"
STEPS = [Complaint.RECEIVED, Complaint.CHECKING, Complaint.INVESTIGATING, Complaint.CLOSED]


def _crumbs(agency: Agency, last: str) -> list[tuple[str, str | None]]:
    return [(last, None)]


@public_view(methods=("GET", "HEAD", "POST"))
def complaint_new(request: HttpRequest, agency: Agency) -> HttpResponse:
    channel = ChannelSettings.of(agency)
    context = {"agency": agency, "channel": channel, "title": "แจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
               "crumbs": _crumbs(agency, "แจ้งเรื่องร้องเรียน")}
    if not channel.is_open:
        return render(request, "complaints/public_closed.html", context)
    form = ReportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if REPORTS.exceeded(request):
            form.add_error(None, SLOW_DOWN)
            status = 429
        elif form.is_valid():
            REPORTS.count(request)
            if form.is_bot:
                return render(request, "complaints/public_receipt.html", {**context, "receipt": None})
            complaint, receipt = cases.file_report(agency, form.cleaned_data, form.cleaned_data["files"])
            return render(request, "complaints/public_receipt.html", {
                **context, "receipt": grouped(receipt), "complaint": complaint})
        else:
            status = 400
    return render(request, "complaints/public_new.html", {**context, "form": form}, status=status)


@public_view(methods=("GET", "HEAD", "POST"))
def complaint_status(request: HttpRequest, agency: Agency) -> HttpResponse:
    context = {"agency": agency, "title": "ติดตามเรื่องร้องเรียน", "crumbs": _crumbs(agency, "ติดตามเรื่องร้องเรียน")}
    if request.method != "POST":
        return render(request, "complaints/public_status_form.html", {**context, "form": ReceiptForm()})
    replying = "message" in request.POST
    form = (ReplyForm if replying else ReceiptForm)(request.POST, request.FILES or None)
    if WRONG_RECEIPTS.exceeded(request):
        form = ReceiptForm(request.POST)
        form.is_valid()
        form.add_error(None, "ใส่เลขรับเรื่องไม่ถูกต้องหลายครั้งเกินไป กรุณารอประมาณหนึ่งชั่วโมงแล้วลองอีกครั้ง")
        return render(request, "complaints/public_status_form.html", {**context, "form": form}, status=429)
    receipt = ReceiptForm(request.POST)
    if not receipt.is_valid():  # not 16 digits: a typing slip, not a guess
        return render(request, "complaints/public_status_form.html", {**context, "form": receipt}, status=400)
    complaint = cases.find(agency, receipt.cleaned_data["receipt"])
    if complaint is None:
        WRONG_RECEIPTS.count(request)
        receipt.add_error("receipt", "ไม่พบเรื่องร้องเรียนที่ตรงกับเลขรับเรื่องนี้ กรุณาตรวจสอบเลขอีกครั้ง")
        return render(request, "complaints/public_status_form.html", {**context, "form": receipt}, status=404)
    reply_form = ReplyForm(initial={"receipt": receipt.cleaned_data["receipt"]})
    status = 200
    sent = False
    if replying:
        if complaint.is_closed:
            reply_form = None
        elif REPLIES.exceeded(request):
            reply_form = form
            reply_form.add_error(None, SLOW_DOWN)
            status = 429
        elif form.is_valid():
            REPLIES.count(request)
            if not form.data.get("website"):
                cases.reporter_reply(complaint, form.cleaned_data["message"], form.cleaned_data["files"])
            sent = True
        else:
            reply_form = form
            status = 400
    if complaint.is_closed:
        reply_form = None
    return render(request, "complaints/public_status.html", {
        **context, "complaint": complaint, "report": complaint.report(), "steps": _steps(complaint),
        "messages_": list(complaint.messages.all()), "reply_form": reply_form, "sent": sent,
        "files": complaint.attachments.count(),
    }, status=status)


def _steps(complaint: Complaint) -> list[tuple[str, str]]:
    """The path a case takes, each step done, current or to come."""
    labels = dict(Complaint.STATUSES)
    current = complaint.status
    shown = list(STEPS)
    if current == Complaint.FORWARDED:
        shown[2] = Complaint.FORWARDED
    order = {s: i for i, s in enumerate(shown)}
    at = order.get(current, 0)
    return [(labels[s], "current" if i == at else ("done" if i < at else "")) for i, s in enumerate(shown)]
