"""The agency's borrowing rules: the settings page (its admins set who approves, how long, how
early, the return check and the liability, and open the public page), and the announcement of
the rules (prongsai.documents.borrowing_rules) as DOCX or PDF, for members to check and on the
public page, which is where the website should link to."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header

from prongsai import settings as core_settings
from prongsai.errors import InputError
from prongsai.web.agencies.access import MANAGE, VIEW, AgencyAccess, agency_view
from prongsai.web.agencies.models import Agency, Membership
from prongsai.web.audit import log
from prongsai.web.borrowing import wording
from prongsai.web.borrowing.forms import RulesForm
from prongsai.web.borrowing.models import Approver, Asset, BorrowingRules
from prongsai.web.plans.single_flight import AcrossProcesses
from prongsai.web.public.anonymity import Throttle, public_view

logger = logging.getLogger("prongsai.web")
SECTION = "borrowing"
OBJECT_TYPE = "หลักเกณฑ์การยืมพัสดุ"
FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           "pdf": "application/pdf"}
PUBLIC_BUILDS = Throttle("borrow-rules", limit=20, window=3600)
_building = AcrossProcesses(Path(settings.FILE_UPLOAD_TEMP_DIR or tempfile.gettempdir()) / "borrowing-rules")
NOT_SET_UP = ("ยังจัดทำหลักเกณฑ์การยืม-คืนพัสดุไม่ได้ เพราะยังไม่ได้กำหนดกอง/สำนักที่รับคำขอและควบคุมการยืม-คืน "
              "ผู้ดูแลของหน่วยงานกำหนดได้ที่ ยืม-คืนพัสดุ › หลักเกณฑ์การยืม")


def public_url(request: HttpRequest, agency: Agency) -> str:
    return request.build_absolute_uri(f"/p/{agency.pk}/borrow/")


@agency_view(MANAGE)
def loan_rules(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    agency = access.agency
    current = BorrowingRules.of(agency)
    before = log.snapshot(current, BorrowingRules.AUDIT_FIELDS) if current.pk else None
    approvers_before = sorted(str(a) for a in Approver.objects.filter(membership__agency=agency)
                              .select_related("membership__user"))
    form = RulesForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = form.save()
            after = log.snapshot(saved, BorrowingRules.AUDIT_FIELDS)
            chosen = set(form.cleaned_data["approvers"])
            Approver.objects.filter(membership__agency=agency).exclude(membership__in=chosen).delete()
            for membership in chosen:
                Approver.objects.get_or_create(membership=membership)
            approvers_after = sorted(str(a) for a in Approver.objects.filter(membership__agency=agency)
                                     .select_related("membership__user"))
            key = "ผู้อนุมัติการยืม"
            if before is None:
                log.created(request.user, agency, OBJECT_TYPE, saved, "ตั้งค่าหลักเกณฑ์การยืมพัสดุ",
                            {**after, key: ", ".join(approvers_after)})
            else:
                log.updated(request.user, agency, OBJECT_TYPE, saved, "แก้ไขหลักเกณฑ์การยืมพัสดุ",
                            {**before, key: ", ".join(approvers_before)}, {**after, key: ", ".join(approvers_after)})
        messages.success(request, "บันทึกหลักเกณฑ์การยืมพัสดุแล้ว")
        return redirect("loan_rules", agency.pk)
    admins = Membership.objects.filter(agency=agency, role=Membership.ADMIN).select_related("user")
    return render(request, "borrowing/rules.html", {
        "title": "หลักเกณฑ์การยืมพัสดุ", "section": SECTION, "form": form, "rules": current, "admins": admins,
        "public_url": public_url(request, agency),
        "document_url": request.build_absolute_uri(f"/p/{agency.pk}/borrow/rules.pdf"),
        "public_assets": Asset.objects.filter(agency=agency, public_may_borrow=True, retired=False).count(),
        "default_approver": wording.default_approver(agency),
    }, status=400 if request.method == "POST" else 200)


def _respond(request: HttpRequest, agency: Agency, fmt: str, problem: Any) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    current = BorrowingRules.of(agency)
    if current.custodian_unit is None:
        return problem(NOT_SET_UP, 409)
    from prongsai.documents.borrowing_rules import rules_filename, write_rules

    try:
        facts = wording.document_facts(agency, current, public_url(request, agency))
    except InputError as exc:
        return problem(str(exc), 409)
    thai = core_settings.thai_digits()

    def build() -> bytes:
        with tempfile.TemporaryDirectory(prefix="prongsai-rules-") as folder:
            return Path(write_rules(fmt, Path(folder) / f"rules.{fmt}", facts, thai_digits=thai)).read_bytes()

    try:
        content = _building.run(("borrowing-rules", agency.pk, fmt, thai, repr(facts)), build)
    except InputError as exc:
        return problem(str(exc), 409)
    except Exception:
        logger.exception("borrowing rules %s failed for agency %s", fmt, agency.pk)
        return problem("จัดทำเอกสารไม่สำเร็จ" + (" (ตรวจว่าติดตั้ง LibreOffice แล้ว)" if fmt == "pdf" else ""), 500)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(True, rules_filename(facts, fmt))
    return response


@agency_view(VIEW, methods=("GET", "HEAD"))
def loan_rules_document(request: HttpRequest, access: AgencyAccess, fmt: str) -> HttpResponse:
    def problem(message: str, status: int) -> HttpResponse:
        return render(request, "ui/error.html", {"title": "จัดทำเอกสารไม่ได้", "message": message}, status=status)

    return _respond(request, access.agency, fmt, problem)


@public_view()
def borrow_rules(request: HttpRequest, agency: Agency, fmt: str) -> HttpResponse:
    def problem(message: str, status: int) -> HttpResponse:
        if status == 409:
            message = f"{agency.name}ยังไม่ได้เผยแพร่หลักเกณฑ์การยืม-คืนพัสดุในระบบนี้"
        elif status >= 500:
            message = "ระบบจัดทำเอกสารไม่สำเร็จในขณะนี้ กรุณาลองใหม่ภายหลัง"
        body = render_to_string("public/problem.html", {"agency": agency, "title": "ยังไม่มีเอกสาร", "message": message})
        return HttpResponse(body, status=404 if status == 409 else status)

    if fmt not in FORMATS:
        raise Http404
    if PUBLIC_BUILDS.exceeded(request):
        return problem("ขณะนี้มีการดาวน์โหลดถี่เกินไป กรุณารอประมาณหนึ่งชั่วโมงแล้วลองอีกครั้ง", 429)
    PUBLIC_BUILDS.count(request)
    return _respond(request, agency, fmt, problem)
