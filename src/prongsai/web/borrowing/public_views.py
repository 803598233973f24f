"""The borrower's side (design §5.5): /p/<id>/borrow/ lists the assets the public may borrow with
what is free in the next 30 days and takes a request (a tracking code shown once), and
/p/<id>/borrow/status/ shows a request's status by its code (field `code`) and lets the borrower
cancel it before the things are handed over. No login, no cookie, nothing about the connection
kept; submissions and wrong codes are throttled."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from prongsai.channels.receipts import grouped
from prongsai.services import borrowing as rules
from prongsai.web.agencies.models import Agency
from prongsai.web.borrowing import loans, wording
from prongsai.web.borrowing.asset_views import WINDOW_DAYS, photo_response
from prongsai.web.borrowing.forms import CodeForm, PublicCancelForm, PublicLoanForm
from prongsai.web.borrowing.models import Asset, AssetPhoto, BorrowingRules, Loan
from prongsai.web.public.anonymity import Throttle, public_view

REQUESTS = Throttle("borrow-request", limit=5, window=3600)
WRONG_CODES = Throttle("borrow-code", limit=10, window=3600)
CANCELS = Throttle("borrow-cancel", limit=10, window=3600)
SLOW_DOWN = ("ขณะนี้มีการส่งคำขอจากเครื่องนี้ถี่เกินไป กรุณารอประมาณหนึ่งชั่วโมงแล้วลองอีกครั้ง "
             "หรือติดต่อหน่วยงานทางโทรศัพท์ ข้อมูลที่กรอกไว้ยังอยู่ในแบบฟอร์ม")
TITLE = "ขอยืมพัสดุของหน่วยงาน"
STATUS_TITLE = "ติดตามคำขอยืมพัสดุ"
STEPS = (rules.REQUESTED, rules.APPROVED, rules.HANDED_OVER, rules.RETURNED)


def page(template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    """Rendered without the request, as the other public pages are: nothing of a signed-in
    user's session reaches it."""
    return HttpResponse(render_to_string(template, context), status=status)


def public_assets(agency: Agency) -> list[Asset]:
    return list(Asset.objects.filter(agency=agency, public_may_borrow=True, retired=False).select_related("unit"))


def _availability(agency: Agency, assets: list[Asset]) -> dict[int, dict[str, Any]]:
    today = timezone.localdate()
    held = loans.holds(agency, [a.pk for a in assets], today)
    with_photo = set(AssetPhoto.objects.filter(asset__in=assets).values_list("asset_id", flat=True))
    out = {}
    for asset in assets:
        days = rules.free_days(asset.quantity, held[asset.pk], today, today + timedelta(WINDOW_DAYS - 1))
        out[asset.pk] = {"days": days, "runs": rules.busy_runs(asset.quantity, held[asset.pk], today, WINDOW_DAYS),
                         "photo": asset.pk in with_photo}
    return out


@public_view(methods=("GET", "HEAD", "POST"))
def borrow(request: HttpRequest, agency: Agency) -> HttpResponse:
    settings_ = BorrowingRules.of(agency)
    context: dict[str, Any] = {"agency": agency, "title": TITLE, "crumbs": [("ขอยืมพัสดุ", None)],
                               "rules": settings_, "window": WINDOW_DAYS}
    if not settings_.public_open:
        return page("borrowing/public_closed.html", context)
    assets = public_assets(agency)
    lendable = [a for a in assets if a.lendable]
    form = PublicLoanForm(request.POST or None, agency=agency, assets=lendable)
    status = 200
    if request.method == "POST":
        if REQUESTS.exceeded(request):
            form.is_valid()
            form.add_error(None, SLOW_DOWN)
            status = 429
        elif form.is_bot:
            REQUESTS.count(request)  # looks sent; keeps nothing
            return page("borrowing/public_sent.html", {**context, "code": None})
        elif form.is_valid():
            try:
                loan, code = loans.request_loan(agency, form.cleaned_data, form.wanted)
            except loans.LoanProblem as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                status = 400
            else:
                REQUESTS.count(request)
                return page("borrowing/public_sent.html", {
                    **context, "code": grouped(code or ""), "loan": loan, "lines": list(loan.lines.select_related("asset"))})
        else:
            status = 400
    raw = request.GET.get("asset")
    chosen = int(raw) if raw and raw.isdigit() else None
    if chosen is not None and not form.is_bound and any(a.pk == chosen for a in lendable):
        form.initial[PublicLoanForm.key(next(a for a in lendable if a.pk == chosen))] = 1
    return page("borrowing/public_borrow.html", {
        **context, "form": form, "assets": assets, "availability": _availability(agency, assets),
        "lead_from": rules.earliest_start(settings_.core, timezone.localdate(), outside=True),
        "max_days": settings_.core.max_days, "fee": settings_.fee or wording.defaults()["fee"], "keys": {a.pk: PublicLoanForm.key(a) for a in lendable},
    }, status=status)


def _steps(loan: Loan) -> list[tuple[str, str]]:
    labels = dict(rules.STATUSES)
    if loan.status in (rules.REFUSED, rules.CANCELLED):
        return [(labels[rules.REQUESTED], "done"), (labels[loan.status], "current")]
    at = STEPS.index(loan.status)
    return [(labels[s], "current" if i == at else ("done" if i < at else "")) for i, s in enumerate(STEPS)]


def _status_page(agency: Agency, loan: Loan, code: str, *, cancel_form: Any = None, cancelled: bool = False,
                 status: int = 200) -> HttpResponse:
    return page("borrowing/public_status.html", {
        "agency": agency, "title": STATUS_TITLE, "crumbs": [("ขอยืมพัสดุ", reverse("borrow", args=[agency.pk])),
                                                            ("ติดตามคำขอ", None)],
        "loan": loan, "lines": list(loan.lines.select_related("asset")), "steps": _steps(loan),
        "rules": BorrowingRules.of(agency), "cancelled": cancelled,
        "cancel_form": cancel_form if cancel_form is not None else PublicCancelForm(initial={"code": code}),
        "can_cancel": loan.status in (rules.REQUESTED, rules.APPROVED),
    }, status=status)


@public_view(methods=("GET", "HEAD", "POST"))
def borrow_status(request: HttpRequest, agency: Agency) -> HttpResponse:
    context = {"agency": agency, "title": STATUS_TITLE,
               "crumbs": [("ขอยืมพัสดุ", reverse("borrow", args=[agency.pk])), ("ติดตามคำขอ", None)]}
    if request.method != "POST":
        return page("borrowing/public_status_form.html", {**context, "form": CodeForm()})
    form = CodeForm(request.POST)
    if WRONG_CODES.exceeded(request):
        form.is_valid()
        form.add_error(None, "ใส่รหัสติดตามคำขอไม่ถูกต้องหลายครั้งเกินไป กรุณารอประมาณหนึ่งชั่วโมงแล้วลองอีกครั้ง")
        return page("borrowing/public_status_form.html", {**context, "form": form}, status=429)
    if not form.is_valid():  # not 16 digits: a typing slip, not a guess
        return page("borrowing/public_status_form.html", {**context, "form": form}, status=400)
    code = form.cleaned_data["code"]
    loan = loans.find(agency, code)
    if loan is None:
        WRONG_CODES.count(request)
        form.add_error("code", "ไม่พบคำขอยืมที่ตรงกับรหัสนี้ กรุณาตรวจสอบรหัสอีกครั้ง")
        return page("borrowing/public_status_form.html", {**context, "form": form}, status=404)
    if request.POST.get("action") != "cancel":
        return _status_page(agency, loan, code)
    cancel_form = PublicCancelForm(request.POST)
    if CANCELS.exceeded(request):
        cancel_form.is_valid()
        cancel_form.add_error(None, "ขณะนี้มีการยกเลิกคำขอจากเครื่องนี้ถี่เกินไป กรุณาลองอีกครั้งภายหลัง")
        return _status_page(agency, loan, code, cancel_form=cancel_form, status=429)
    if not cancel_form.is_valid():
        return _status_page(agency, loan, code, cancel_form=cancel_form, status=400)
    CANCELS.count(request)
    try:
        loan = loans.cancel(None, loan, cancel_form.cleaned_data["reason"])
    except loans.LoanProblem as exc:
        cancel_form.add_error(None, exc.message)
        return _status_page(agency, loan, code, cancel_form=cancel_form, status=409)
    return _status_page(agency, loan, code, cancelled=True)


@public_view()
def borrow_photo(request: HttpRequest, agency: Agency, asset_id: int) -> HttpResponse:
    """The picture of an asset the public may borrow (no other asset's)."""
    photo = AssetPhoto.objects.filter(asset_id=asset_id, asset__agency=agency, asset__public_may_borrow=True,
                                      asset__retired=False).first()
    if photo is None:
        raise Http404
    return photo_response(photo, private=False)
