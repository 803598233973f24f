"""The applicant's side of E-Service (design §5.5): the services and their manuals, the request
form of each (a tracking code shown at the end), the status page that takes the code, and each
service's manual as DOCX or PDF. No login, no cookie, nothing kept about the connection."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from prongsai.services.requests import grouped
from prongsai.web.agencies.models import Agency
from prongsai.web.eservice import cases
from prongsai.web.eservice.documents import PUBLIC_BUILDS, manual_response
from prongsai.web.eservice.forms import CodeForm, ReplyForm, RequestForm
from prongsai.web.eservice.models import RequestType, ServiceRequest
from prongsai.web.public.anonymity import Throttle, public_view

SUBMISSIONS = Throttle("eservice-request", limit=10, window=3600)
WRONG_CODES = Throttle("eservice-code", limit=10, window=3600)
REPLIES = Throttle("eservice-reply", limit=20, window=3600)
SLOW_DOWN = ("ขณะนี้มีการส่งคำขอจากเครื่องนี้ถี่เกินไป กรุณารอประมาณหนึ่งชั่วโมงแล้วลองอีกครั้ง "
             "หรือติดต่อหน่วยงานทางช่องทางอื่น ข้อมูลที่กรอกไว้ยังอยู่ในแบบฟอร์ม")
HOME = "บริการออนไลน์ (E-Service)"
STEPS = [ServiceRequest.RECEIVED, ServiceRequest.IN_PROGRESS, ServiceRequest.DONE]


def _home(agency: Agency) -> str:
    return reverse("public_eservice", args=[agency.pk])


def _problem(request: HttpRequest, agency: Agency, title: str, message: str, status: int) -> HttpResponse:
    return render(request, "public/problem.html", {"agency": agency, "title": title, "message": message,
                                                   "back": _home(agency)}, status=status)


def _open_type(agency: Agency, type_id: int) -> RequestType | None:
    return RequestType.objects.select_related("unit").filter(agency=agency, pk=type_id, is_open=True).first()


@public_view()
def public_eservice(request: HttpRequest, agency: Agency) -> HttpResponse:
    types = list(RequestType.objects.select_related("unit").filter(agency=agency, is_open=True))
    return render(request, "eservice/public_list.html", {
        "agency": agency, "title": HOME, "crumbs": [(HOME, None)], "types": types,
    })


@public_view(methods=("GET", "HEAD", "POST"))
def public_eservice_apply(request: HttpRequest, agency: Agency, type_id: int) -> HttpResponse:
    rtype = _open_type(agency, type_id)
    if rtype is None:
        return _problem(request, agency, "ไม่พบบริการนี้",
                        "บริการนี้ไม่มีหรือปิดรับคำขอทางเว็บไซต์แล้ว ดูบริการที่เปิดอยู่ได้ที่หน้าบริการออนไลน์", 404)
    context = {"agency": agency, "rtype": rtype, "title": f"ยื่น{rtype.request_phrase}",
               "crumbs": [(HOME, _home(agency)), (rtype.name, None)]}
    form = RequestForm(request.POST or None, request.FILES or None, request_type=rtype)
    status = 200
    if request.method == "POST":
        if SUBMISSIONS.exceeded(request):
            form.is_valid()
            form.add_error(None, SLOW_DOWN)
            status = 429
        elif form.is_valid():
            SUBMISSIONS.count(request)
            if form.is_bot:
                return render(request, "eservice/public_sent.html", {**context, "service_request": None})
            d = form.cleaned_data
            service_request = cases.submit(agency, rtype, d["applicant_name"], d["contact"], form.answers(), d["files"])
            return render(request, "eservice/public_sent.html", {
                **context, "service_request": service_request, "code": grouped(service_request.code)})
        else:
            status = 400
    return render(request, "eservice/public_apply.html", {**context, "form": form}, status=status)


@public_view(methods=("GET", "HEAD", "POST"))
def public_eservice_status(request: HttpRequest, agency: Agency) -> HttpResponse:
    context = {"agency": agency, "title": "ติดตามคำขอรับบริการ",
               "crumbs": [(HOME, _home(agency)), ("ติดตามคำขอ", None)]}
    if request.method != "POST":
        return render(request, "eservice/public_status_form.html", {**context, "form": CodeForm()})
    if WRONG_CODES.exceeded(request):
        form = CodeForm(request.POST)
        form.is_valid()
        form.add_error(None, "ใส่รหัสติดตามไม่ถูกต้องหลายครั้งเกินไป กรุณารอประมาณหนึ่งชั่วโมงแล้วลองอีกครั้ง "
                             "หรือติดต่อหน่วยงานเพื่อสอบถามสถานะคำขอ")
        return render(request, "eservice/public_status_form.html", {**context, "form": form}, status=429)
    code_form = CodeForm(request.POST)
    if not code_form.is_valid():  # not the shape of a code: a typing slip, not a guess
        return render(request, "eservice/public_status_form.html", {**context, "form": code_form}, status=400)
    service_request = cases.find(agency, code_form.cleaned_data["code"])
    if service_request is None:
        WRONG_CODES.count(request)
        code_form.add_error("code", "ไม่พบคำขอที่ตรงกับรหัสติดตามนี้ กรุณาตรวจสอบรหัสอีกครั้ง")
        return render(request, "eservice/public_status_form.html", {**context, "form": code_form}, status=404)
    code = service_request.code
    reply_form: ReplyForm | None = ReplyForm(initial={"code": code})
    status, sent = 200, False
    if "message" in request.POST and not service_request.is_finished:
        form = ReplyForm(request.POST, request.FILES or None)
        if REPLIES.exceeded(request):
            form.is_valid()
            form.add_error(None, SLOW_DOWN.replace("ส่งคำขอ", "ส่งข้อความ"))
            reply_form, status = form, 429
        elif form.is_valid():
            REPLIES.count(request)
            if not form.data.get("website"):
                cases.applicant_reply(service_request, form.cleaned_data["message"], form.cleaned_data["files"])
            sent = True
        else:
            reply_form, status = form, 400
    if service_request.is_finished:
        reply_form = None
    return render(request, "eservice/public_status.html", {
        **context, "service_request": service_request, "steps": _steps(service_request),
        "thread": list(service_request.messages.all()), "reply_form": reply_form, "sent": sent,
        "files": service_request.attachments.count(), "code": grouped(code),
    }, status=status)


def _steps(service_request: ServiceRequest) -> list[tuple[str, str]]:
    """The path a request takes, each step done, current or to come; waiting for the applicant
    stands where the work is, and a refusal ends the path."""
    labels = dict(ServiceRequest.STATUSES)
    shown = list(STEPS)
    current = service_request.status
    if current == ServiceRequest.WAITING:
        shown[1] = ServiceRequest.WAITING
    elif current == ServiceRequest.REFUSED:
        shown[2] = ServiceRequest.REFUSED
    at = shown.index(current) if current in shown else 0
    return [(labels[s], "current" if i == at else ("done" if i < at else "")) for i, s in enumerate(shown)]


@public_view()
def public_eservice_manual(request: HttpRequest, agency: Agency, type_id: int, fmt: str) -> HttpResponse:
    def problem(message: str, status: int) -> HttpResponse:
        if status == 409:
            message = f"{agency.name}ยังไม่ได้เผยแพร่คู่มือการให้บริการนี้"
        elif status >= 500:  # the hint about LibreOffice is for the agency, not the public
            message = "ระบบจัดทำเอกสารไม่สำเร็จในขณะนี้ กรุณาลองใหม่ภายหลัง"
        return _problem(request, agency, "ยังไม่มีเอกสาร", message, 404 if status == 409 else status)

    rtype = _open_type(agency, type_id)
    if rtype is None or fmt not in ("docx", "pdf"):
        return _problem(request, agency, "ไม่พบเอกสาร", "ไม่มีคู่มือการให้บริการนี้ในหน้าของหน่วยงาน", 404)
    if PUBLIC_BUILDS.exceeded(request):
        return problem("ขณะนี้มีการดาวน์โหลดถี่เกินไป กรุณารอประมาณหนึ่งชั่วโมงแล้วลองอีกครั้ง", 429)
    PUBLIC_BUILDS.count(request)
    return manual_response(request, agency, rtype, fmt, problem)
