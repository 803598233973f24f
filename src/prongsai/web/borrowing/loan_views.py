"""The loans (staff pages under /a/<id>/loans/): the register (ทะเบียนคุมการยืม-คืนพัสดุ) with its
filters, reminders and files, a member's request to borrow, one loan with what the user may do
next (approve or refuse, hand over, take back, cancel), and the yearly summary."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from prongsai.services import borrowing as rules
from prongsai.thai import fiscal_year_of
from prongsai.web.agencies.access import DUTY, EDIT, VIEW, AgencyAccess, agency_view
from prongsai.web.borrowing import exports, loans, permissions, reminders, summary
from prongsai.web.borrowing.forms import (
    ApproveForm,
    CancelForm,
    HandOverForm,
    RefuseForm,
    RegisterFilter,
    ReturnForm,
    StaffLoanForm,
)
from prongsai.web.borrowing.models import Asset, BorrowingRules, Loan, LoanLine

SECTION = "borrowing"
PER_PAGE = 100
ALL_YEARS = "all"


def _loan(access: AgencyAccess, loan_id: int) -> Loan:
    return get_object_or_404(Loan.objects.select_related("borrower_user"), pk=loan_id, agency=access.agency)


# --------------------------------------------------------------------------- the register


@agency_view(VIEW, methods=("GET", "HEAD"))
def loans_register(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    agency = access.agency
    today = timezone.localdate()
    years = summary.years_of(agency, today)
    filters = RegisterFilter({"year": request.GET.get("year") or str(fiscal_year_of(today)),
                              "asset": request.GET.get("asset", ""), "status": request.GET.get("status", "")},
                             agency=agency, years=years)
    if not filters.is_valid():
        raise Http404  # a hand-made address with a year, asset or status that is not there
    raw_year = filters.cleaned_data["year"]
    year = ALL_YEARS if raw_year == ALL_YEARS else int(raw_year)
    asset, status = filters.cleaned_data.get("asset"), filters.cleaned_data.get("status")
    found = (LoanLine.objects.filter(loan__agency=agency).select_related("loan", "asset")
             .order_by("-loan__start_on", "-loan__seq", "pk"))
    if year != ALL_YEARS:
        found = found.filter(loan__fiscal_year=year)
    if asset is not None:
        found = found.filter(asset=asset)
    if status == RegisterFilter.OPEN:
        found = found.filter(loan__status__in=rules.OPEN)
    elif status == RegisterFilter.OVERDUE:
        found = found.filter(loan__status=rules.HANDED_OVER, loan__end_on__lt=today)
    elif status:
        found = found.filter(loan__status=status)
    label = "ทุกปี" if year == ALL_YEARS else f"ปีงบประมาณ {year}"
    fmt = request.GET.get("format")
    if fmt:
        return exports.register_file(request, access, fmt, list(found), label)
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    counts = Loan.objects.filter(agency=agency).aggregate(
        waiting=Count("id", filter=Q(status=rules.REQUESTED)), out=Count("id", filter=Q(status=rules.HANDED_OVER)),
        overdue=Count("id", filter=Q(status=rules.HANDED_OVER, end_on__lt=today)))
    return render(request, "borrowing/register.html", {
        "title": "ทะเบียนคุมการยืม-คืนพัสดุ", "section": SECTION, "page": page, "filters": filters,
        "label": label, "counts": counts, "reminders": reminders.due(agency, today), "year": year,
        "can_request": permissions.can_request(access), "rules": BorrowingRules.of(agency),
        "has_assets": Asset.objects.filter(agency=agency).exists(), "short_kinds": rules.BORROWERS_SHORT,
    })


# --------------------------------------------------------------------------- a member asks


@agency_view(EDIT)
def loan_new(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    if not permissions.can_request(access):
        raise PermissionDenied
    asset = None
    raw = request.GET.get("asset")
    if raw and raw.isdigit():
        asset = Asset.objects.filter(agency=access.agency, pk=int(raw)).first()
    form = StaffLoanForm(request.POST or None, agency=access.agency, asset=asset)
    if request.method == "POST" and form.is_valid():
        try:
            loan, _code = loans.request_loan(access.agency, form.cleaned_data, form.wanted, user=request.user)
        except loans.LoanProblem as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"ยื่นคำขอยืมพัสดุเลขที่ {loan.number} แล้ว รอผู้มีอำนาจอนุมัติ")
            return redirect("loan_detail", access.agency.pk, loan.pk)
    return render(request, "borrowing/loan_new.html", {
        "title": "ขอยืมพัสดุไปใช้ในราชการ", "section": SECTION, "form": form, "rules": BorrowingRules.of(access.agency),
    }, status=400 if request.method == "POST" else 200)


# --------------------------------------------------------------------------- one loan

ACTIONS = ("approve", "refuse", "hand_over", "return", "cancel")


def _allowed(access: AgencyAccess, loan: Loan) -> dict[str, bool]:
    approver = permissions.can_approve(access)
    own = loan.borrower_user_id is not None and access.user is not None and loan.borrower_user_id == access.user.pk
    return {
        "approve": approver and loan.status == rules.REQUESTED,
        "refuse": approver and loan.status == rules.REQUESTED,
        "hand_over": loan.status == rules.APPROVED and permissions.can_handle(access, loan),
        "return": loan.status == rules.HANDED_OVER and permissions.can_handle(access, loan),
        "cancel": loan.status in (rules.REQUESTED, rules.APPROVED) and permissions.can_cancel(access, loan),
        "own": own,
    }


@agency_view(DUTY)
def loan_detail(request: HttpRequest, access: AgencyAccess, loan_id: int) -> HttpResponse:
    """Anyone who sees the agency reads the loan; each action checks its own right (a supervisor's
    POST, or a viewer's who is no approver, is a 403)."""
    loan = _loan(access, loan_id)
    allowed = _allowed(access, loan)
    forms = {"approve": ApproveForm(), "refuse": RefuseForm(), "cancel": CancelForm(),
             "hand_over": HandOverForm(loan=loan), "return": ReturnForm(loan=loan)}
    top_errors: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ACTIONS:
            if not (permissions.can_approve(access) or permissions.can_handle(access, loan)
                    or permissions.can_cancel(access, loan)):
                raise PermissionDenied
            messages.error(request, "ไม่ทราบว่าต้องการทำรายการใด กรุณาลองอีกครั้ง")
            return redirect("loan_detail", access.agency.pk, loan.pk)
        right = {"approve": permissions.can_approve(access), "refuse": permissions.can_approve(access),
                 "hand_over": permissions.can_handle(access, loan), "return": permissions.can_handle(access, loan),
                 "cancel": permissions.can_cancel(access, loan)}[action]
        if not right:
            raise PermissionDenied
        if not allowed[action]:
            # the loan moved on (another officer acted, or an old page was sent): its form is gone
            top_errors = [f"การยืมเลขที่ {loan.number} มีสถานะ “{loan.get_status_display()}” แล้ว "
                          "จึงทำรายการนี้ไม่ได้ กรุณาตรวจสอบสถานะล่าสุด"]
            return _page(request, access, loan, allowed, forms, top_errors, status=400)
        form = {"approve": lambda: ApproveForm(request.POST), "refuse": lambda: RefuseForm(request.POST),
                "cancel": lambda: CancelForm(request.POST), "hand_over": lambda: HandOverForm(request.POST, loan=loan),
                "return": lambda: ReturnForm(request.POST, loan=loan)}[action]()
        forms[action] = form
        if form.is_valid():
            d = form.cleaned_data
            try:
                if action == "approve":
                    loans.approve(request, loan, d["note"])
                    done = f"อนุมัติการยืมเลขที่ {loan.number} แล้ว"
                elif action == "refuse":
                    loans.refuse(request, loan, d["reason"])
                    done = f"บันทึกไม่อนุมัติการยืมเลขที่ {loan.number} แล้ว"
                elif action == "hand_over":
                    loans.hand_over(request, loan, d["handed_on"], d["handed_to"], d["note"])
                    done = f"บันทึกการส่งมอบพัสดุตามการยืมเลขที่ {loan.number} แล้ว"
                elif action == "return":
                    loans.take_back(request, loan, d["returned_on"], form.returned(), d["note"])
                    done = f"บันทึกการรับคืนพัสดุตามการยืมเลขที่ {loan.number} แล้ว"
                else:
                    loans.cancel(request.user, loan, d["reason"])
                    done = f"ยกเลิกการยืมเลขที่ {loan.number} แล้ว"
            except loans.LoanProblem as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, done)
                return redirect("loan_detail", access.agency.pk, loan.pk)
        return _page(request, access, loan, allowed, forms, top_errors, status=400)
    return _page(request, access, loan, allowed, forms, top_errors)


def _page(request: HttpRequest, access: AgencyAccess, loan: Loan, allowed: dict[str, bool], forms: dict[str, Any],
          top_errors: list[str], status: int = 200) -> HttpResponse:
    lines = list(loan.lines.select_related("asset", "asset__unit"))
    return render(request, "borrowing/loan_detail.html", {
        "title": f"การยืมพัสดุเลขที่ {loan.number}", "section": SECTION, "loan": loan, "lines": lines,
        "allowed": allowed, "forms": forms, "top_errors": top_errors, "rules": BorrowingRules.of(access.agency),
        "show_contact": permissions.is_member(access) or access.role == "superuser",
        "approver_title": _approver_title(access),
    }, status=status)


def _approver_title(access: AgencyAccess) -> str:
    from prongsai.web.borrowing.wording import approver_title

    return approver_title(access.agency, BorrowingRules.of(access.agency))


# --------------------------------------------------------------------------- the yearly summary


@agency_view(VIEW, methods=("GET", "HEAD"))
def loan_summary(request: HttpRequest, access: AgencyAccess) -> HttpResponse:
    today = timezone.localdate()
    years = summary.years_of(access.agency, today)
    raw = request.GET.get("year")
    if raw:
        if not raw.isdigit() or int(raw) not in years:
            raise Http404
        year = int(raw)
    else:
        year = years[0]
    result = summary.yearly(access.agency, year, today)
    fmt = request.GET.get("format")
    if fmt:
        return exports.summary_file(request, access, fmt, result)
    return render(request, "borrowing/summary.html", {
        "title": f"สรุปผลการยืม-คืนพัสดุ ปีงบประมาณ {year}", "section": SECTION, "summary": result, "year": year,
        "years": years, "header": rules.SUMMARY_HEADER,
        "groups": [("ตามรายการพัสดุ", "รายการพัสดุ", result.by_asset),
                   ("ตามกอง/สำนักที่ดูแลพัสดุ", "กอง/สำนัก", result.by_unit),
                   ("ตามประเภทผู้ยืม", "ประเภทผู้ยืม", result.by_borrower),
                   ("ตามวัตถุประสงค์การยืม", "วัตถุประสงค์", result.by_purpose)],
    })
