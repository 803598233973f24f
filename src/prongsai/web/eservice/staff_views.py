"""The staff's pages: the queue of requests per unit (with the overdue marks), a request with its
thread, internal notes and status, its files, a request taken at the counter, and the request
types with their manuals.

Who does what: every member reads (viewers and supervisors only read: their POST is 403); an
editor tied to a unit (access.is_unit_staff) sees that unit's queue by default and acts only on
its requests and types; the other editors and the admins act on all, and they define the types."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from prongsai.documents import table_sheets
from prongsai.thai import format_date
from prongsai.web.agencies.access import EDIT, VIEW, AgencyAccess, agency_view
from prongsai.web.audit import log
from prongsai.web.eservice import cases
from prongsai.web.eservice.documents import manual_response
from prongsai.web.eservice.forms import MessageForm, NoteForm, RecordForm, StatusForm, TypeEditor
from prongsai.web.eservice.models import Attachment, RequestType, ServiceRequest, default_steps
from prongsai.web.ui.exports import export_response, requested_format

SECTION = "eservice"
PER_PAGE = 50
SHOWS = {"open": "ยังไม่แล้วเสร็จ", "overdue": "เกินกำหนด", "waiting": "รอผู้ยื่นคำขอ", "finished": "แล้วเสร็จ",
         "all": "ทั้งหมด"}
EXPORTS = table_sheets.TYPES
EXPORT_HEADINGS = ("เลขที่", "วันที่รับคำขอ", "ประเภทบริการ", "ผู้ยื่นคำขอ", "ช่องทางติดต่อกลับ", "ส่วนงานที่รับผิดชอบ",
                   "ช่องทางที่รับคำขอ", "สถานะ", "กำหนดแล้วเสร็จ", "วันที่แล้วเสร็จ", "เกินกำหนด")
NOT_YOURS = "คำขอนี้อยู่ในความรับผิดชอบของส่วนงานอื่น ท่านดูได้แต่ดำเนินการไม่ได้"


def can_manage_types(access: AgencyAccess) -> bool:
    """Admins and the editors of the whole agency (not an editor tied to one unit)."""
    return access.can_edit and not access.is_unit_staff


def can_act_on(access: AgencyAccess, unit_id: int | None) -> bool:
    if not access.can_edit:
        return False
    return not access.is_unit_staff or unit_id == access.unit.pk


# --------------------------------------------------------------------------- the queue


def _unit_filter(request: HttpRequest, access: AgencyAccess) -> str:
    raw = request.GET.get("unit", "")
    if raw in ("all", "none") or (raw.isdigit() and access.agency.units.filter(pk=int(raw)).exists()):
        return raw
    return str(access.unit.pk) if access.is_unit_staff else "all"


def _scoped(access: AgencyAccess, unit: str):  # type: ignore[no-untyped-def]
    found = ServiceRequest.objects.filter(agency=access.agency)
    if unit == "none":
        return found.filter(unit__isnull=True)
    if unit.isdigit():
        return found.filter(unit_id=int(unit))
    return found


def _shown(found, show: str, today):  # type: ignore[no-untyped-def]
    if show == "open":
        return found.filter(finished_on__isnull=True).order_by("due_on", "seq")
    if show == "overdue":
        return found.filter(finished_on__isnull=True, due_on__lt=today).order_by("due_on", "seq")
    if show == "waiting":
        return found.filter(status=ServiceRequest.WAITING).order_by("due_on", "seq")
    if show == "finished":
        return found.filter(finished_on__isnull=False).order_by("-finished_on", "-seq")
    return found.order_by("-received_on", "-seq")


@agency_view(VIEW, methods=("GET", "HEAD"))
def eservice_requests(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    today = timezone.localdate()
    show = request.GET.get("show", "open")
    if show not in SHOWS:
        show = "open"
    unit = _unit_filter(request, access)
    scoped = _scoped(access, unit)
    q = " ".join(request.GET.get("q", "").split())[:100]
    if q:
        number = q.split("/")
        if len(number) == 2 and all(p.isdigit() for p in number):
            scoped = scoped.filter(seq=int(number[0]), fiscal_year=int(number[1]))
        else:
            scoped = scoped.filter(Q(applicant_name__icontains=q) | Q(contact__icontains=q))
    open_ = Q(finished_on__isnull=True)
    counts = scoped.aggregate(
        open=Count("id", filter=open_), overdue=Count("id", filter=open_ & Q(due_on__lt=today)),
        waiting=Count("id", filter=Q(status=ServiceRequest.WAITING)), finished=Count("id", filter=~open_),
        all=Count("id"))
    rows = _shown(scoped, show, today).select_related("request_type", "unit")
    fmt = requested_format(request)
    if fmt is not None:
        return _export(request, access, rows, fmt, today)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    types = list(RequestType.objects.filter(agency=access.agency).select_related("unit"))
    return render(request, "eservice/requests.html", {
        "title": "คำขอรับบริการ (E-Service)", "section": SECTION, "page": page, "show": show, "shows": SHOWS,
        "counts": counts, "unit": unit, "units": list(access.agency.units.all()), "q": q, "today": today,
        "types": types, "recordable": [t for t in types if can_act_on(access, t.unit_id)],
        "manage_types": can_manage_types(access),
    })


def _export(request: HttpRequest, access: AgencyAccess, rows, fmt: str, today) -> HttpResponse:  # type: ignore[no-untyped-def]
    """The queue as it is filtered, every row; the XLSX keeps its one-header-row layout."""
    def day(value) -> str:  # type: ignore[no-untyped-def]
        return format_date(value, thai=False, long=True) if value else ""

    table = [(r.number, day(r.received_on), r.request_type.name, r.applicant_name, r.contact,
              r.unit.name if r.unit else "", r.get_channel_display(), r.get_status_display(), day(r.due_on),
              day(r.finished_on), r.overdue(today)) for r in rows]
    name = f"คำขอรับบริการ-{access.agency.name}-{today.isoformat()}.{fmt}"
    if fmt == "csv":
        body = table_sheets.csv_bytes(EXPORT_HEADINGS, table)  # the BOM lets Excel read Thai
    else:
        import openpyxl
        from openpyxl.styles import Font

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "คำขอรับบริการ"
        sheet.append(EXPORT_HEADINGS)
        for row in table:
            sheet.append(row)
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:  # names and contacts come from the public: text, never a formula
                if isinstance(cell.value, str) and table_sheets.is_formula(cell.value):
                    cell.data_type = "s"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column, width in zip("ABCDEFGHIJK", (10, 18, 40, 26, 24, 22, 14, 26, 18, 18, 22), strict=True):
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "A2"
        buffer = io.BytesIO()
        workbook.save(buffer)
        body = buffer.getvalue()
    log.downloaded(request, access.agency, "รายการคำขอรับบริการ", None, name)
    response = HttpResponse(body, content_type=EXPORTS[fmt])
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


# --------------------------------------------------------------------------- one request


def _request_of(access: AgencyAccess, request_id: int) -> ServiceRequest:
    return get_object_or_404(ServiceRequest.objects.select_related("request_type", "unit"), pk=request_id,
                             agency=access.agency)


@agency_view(VIEW)
def eservice_request(request: HttpRequest, access: AgencyAccess, request_id: int) -> HttpResponse:
    service_request = _request_of(access, request_id)
    acts = can_act_on(access, service_request.unit_id)

    def status_initial() -> StatusForm:
        return StatusForm(request=service_request, initial={
            "status": service_request.status, "unit": service_request.unit_id, "result": service_request.result,
            "finished_on": service_request.finished_on})

    status_form, message_form, note_form = status_initial(), MessageForm(), NoteForm()
    code = None
    failed = False
    if request.method == "POST":
        if not acts:
            raise PermissionDenied(NOT_YOURS)
        action = request.POST.get("action")
        url = reverse("eservice_request", args=[access.agency.pk, service_request.pk])
        if action == "code":
            code = cases.reveal_code(request, service_request)
        elif action == "status":
            status_form = StatusForm(request.POST, request=service_request)
            if status_form.is_valid():
                d = status_form.cleaned_data
                # Unit staff may hand a request over to another unit; it then leaves their queue.
                cases.change_status(request, service_request, d["status"], d["unit"], d["result"], d["finished_on"],
                                    d["tell_applicant"])
                messages.success(request, f"บันทึกคำขอเลขที่ {service_request.number} แล้ว")
                return redirect(url)
            failed = True
        elif action == "message":
            message_form = MessageForm(request.POST)
            if message_form.is_valid():
                cases.officer_message(request, service_request, message_form.cleaned_data["message"])
                messages.success(request, "ส่งข้อความถึงผู้ยื่นคำขอแล้ว ผู้ยื่นคำขอจะเห็นเมื่อติดตามคำขอด้วยรหัสติดตาม")
                return redirect(url)
            failed = True
        elif action == "note":
            note_form = NoteForm(request.POST)
            if note_form.is_valid():
                cases.add_note(request, service_request, note_form.cleaned_data["note"])
                messages.success(request, "เพิ่มบันทึกภายในแล้ว")
                return redirect(url)
            failed = True
        else:
            messages.error(request, "ไม่ทราบว่าต้องการทำรายการใด กรุณากดปุ่มในแบบฟอร์มอีกครั้ง")
            return redirect(url)
    if request.method == "GET" and service_request.applicant_waiting and acts:
        ServiceRequest.objects.filter(pk=service_request.pk).update(applicant_waiting=False)
    return render(request, "eservice/request.html", {
        "title": f"คำขอเลขที่ {service_request.number}", "section": SECTION, "r": service_request,
        "rtype": service_request.request_type, "answers": service_request.answer_rows(),
        "thread": list(service_request.messages.select_related("author")),
        "notes": list(service_request.notes.select_related("author")),
        "files": list(service_request.attachments.defer("data")),
        "status_form": status_form, "message_form": message_form, "note_form": note_form, "acts": acts,
        "code": code, "overdue": service_request.overdue_mark,
    }, status=400 if failed else 200)


@agency_view(VIEW, methods=("GET", "HEAD"))
def eservice_file(request: HttpRequest, access: AgencyAccess, file_id: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment.objects.select_related("request"), pk=file_id,
                                   request__agency=access.agency)
    response = HttpResponse(bytes(attachment.data), content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(True, attachment.name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@agency_view(EDIT)
def eservice_record(request: HttpRequest, access: AgencyAccess, type_id: int) -> HttpResponse:
    """A request received at the counter, by phone, post or e-mail, recorded by an officer, so the
    statistics count every channel; the applicant is given the code to follow it online."""
    rtype = get_object_or_404(RequestType.objects.select_related("unit"), pk=type_id, agency=access.agency)
    if not can_act_on(access, rtype.unit_id):
        raise PermissionDenied(NOT_YOURS)
    form = RecordForm(request.POST or None, request.FILES or None, request_type=rtype)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        service_request = cases.submit(access.agency, rtype, d["applicant_name"], d["contact"], form.answers(),
                                       d["files"], channel=d["channel"], received_on=d["received_on"],
                                       user=request.user)
        response = render(request, "eservice/recorded.html", {
            "title": f"บันทึกคำขอเลขที่ {service_request.number} แล้ว", "section": SECTION, "r": service_request,
            "code": service_request.code_grouped,
            "status_url": request.build_absolute_uri(reverse("public_eservice_status", args=[access.agency.pk])),
        })
        response["Cache-Control"] = "private, no-store"
        return response
    return render(request, "eservice/record.html", {
        "title": f"บันทึก{rtype.request_phrase}", "section": SECTION, "rtype": rtype, "form": form,
    }, status=400 if request.method == "POST" else 200)


# --------------------------------------------------------------------------- request types


@agency_view(VIEW, methods=("GET", "HEAD"))
def eservice_types(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    types = list(RequestType.objects.filter(agency=access.agency).select_related("unit")
                 .annotate(requests_count=Count("requests")))
    if (file := export_response(
            request, title="ประเภทบริการและคู่มือการให้บริการ", filename=f"ประเภทบริการ-{access.agency.name}",
            headers=["บริการ", "ส่วนงานที่รับผิดชอบ", "ระยะเวลา", "ค่าธรรมเนียม", "คำขอ", "รับคำขอทางเว็บไซต์",
                     "จำนวนช่องข้อมูล", "จำนวนเอกสารที่ใช้", "จำนวนขั้นตอน", "คู่มือ"],
            rows=[(t.name, t.unit_name or "", f"{t.working_days} วันทำการ", t.fee_text, t.requests_count, t.is_open,
                   len(t.field_specs), len(t.document_list), len(t.step_specs),
                   request.build_absolute_uri(reverse("public_eservice_manual", args=[access.agency.pk, t.pk, "pdf"]))
                   if t.is_open else "") for t in types])) is not None:
        return file
    return render(request, "eservice/types.html", {
        "exports": True,
        "title": "ประเภทบริการและคู่มือการให้บริการ", "section": SECTION, "types": types,
        "manage_types": can_manage_types(access),
        "public_url": request.build_absolute_uri(reverse("public_eservice", args=[access.agency.pk])),
        "statistics_url": request.build_absolute_uri(reverse("public_eservice_statistics", args=[access.agency.pk])),
    })


def _manager(access: AgencyAccess) -> None:
    if not can_manage_types(access):
        raise PermissionDenied("ผู้ดูแลและผู้บันทึกของทั้งหน่วยงานเท่านั้นที่กำหนดประเภทบริการได้")


def _edit(request: HttpRequest, access: AgencyAccess, rtype: RequestType) -> HttpResponse:
    before = cases.type_snapshot(rtype) if rtype.pk else None
    editor = TypeEditor(rtype, request.POST if request.method == "POST" else None)
    if request.method == "POST" and editor.is_valid():
        rtype = cases.save_type(request, editor.apply(), before)
        messages.success(request, f"บันทึกประเภทบริการ “{rtype.name}” แล้ว")
        return redirect("eservice_types", access.agency.pk)
    return render(request, "eservice/type_form.html", {
        "title": "แก้ไขประเภทบริการ" if rtype.pk else "เพิ่มประเภทบริการ", "section": SECTION, "rtype": rtype,
        "editor": editor, "form": editor.form, "fields": editor.fields, "steps": editor.steps,
    }, status=400 if request.method == "POST" else 200)


@agency_view(EDIT)
def eservice_type_new(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    _manager(access)
    return _edit(request, access, RequestType(agency=access.agency, steps=default_steps()))


@agency_view(EDIT)
def eservice_type_edit(request: HttpRequest, access: AgencyAccess, type_id: int) -> HttpResponse:
    rtype = get_object_or_404(RequestType, pk=type_id, agency=access.agency)
    _manager(access)
    return _edit(request, access, rtype)


@agency_view(EDIT, methods=("POST",))
def eservice_type_delete(request: HttpRequest, access: AgencyAccess, type_id: int) -> HttpResponse:
    rtype = get_object_or_404(RequestType, pk=type_id, agency=access.agency)
    _manager(access)
    if cases.delete_type(request, rtype):
        messages.success(request, f"ลบประเภทบริการ “{rtype.name}” แล้ว")
    else:
        messages.error(request, f"ลบ “{rtype.name}” ไม่ได้ เพราะมีคำขอของบริการนี้แล้ว (คำขอและสถิติต้องคงอยู่) "
                                "หากไม่รับคำขอแล้ว ให้แก้ไขบริการแล้วเลือกปิดรับคำขอทางเว็บไซต์แทน")
    return redirect("eservice_types", access.agency.pk)


@agency_view(VIEW, methods=("GET", "HEAD"))
def eservice_manual(request: HttpRequest, access: AgencyAccess, type_id: int, fmt: str) -> HttpResponse:
    rtype = get_object_or_404(RequestType.objects.select_related("unit"), pk=type_id, agency=access.agency)
    if fmt not in ("docx", "pdf"):
        raise Http404

    def problem(message: str, status: int) -> HttpResponse:
        return render(request, "ui/error.html", {"title": "จัดทำเอกสารไม่ได้", "message": message}, status=status)

    return manual_response(request, access.agency, rtype, fmt, problem)
