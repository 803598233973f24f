"""Asking to borrow, finding a request again by its code, and what staff do with a loan: approve
or refuse, hand over, take back, cancel. Each function is called with validated input and writes
the loan, its lines and the audit entry in one transaction; what can only be known at that moment
(what is still free, the loan's current status) is checked again inside it and raises
LoanProblem, with the form field it belongs to, instead of saving anything."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from prongsai.channels import receipts
from prongsai.services import borrowing as rules
from prongsai.thai import fiscal_year_of, format_date
from prongsai.web.agencies.models import Agency
from prongsai.web.audit import log
from prongsai.web.borrowing.models import Asset, BorrowingRules, Loan, LoanLine

OBJECT_TYPE = "การยืมพัสดุ"
ASSET_TYPE = "พัสดุ"


class LoanProblem(Exception):
    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def display_name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


# --------------------------------------------------------------------------- the tracking code


def code_digest(code: str) -> str:
    return hmac.new(settings.CHANNEL_KEY, b"borrow:" + code.encode("ascii"), hashlib.sha256).hexdigest()


def find(agency: Agency, code: str) -> Loan | None:
    return Loan.objects.filter(agency=agency, code_digest=code_digest(code)).first()


# --------------------------------------------------------------------------- what is free


def holds(agency: Agency, asset_ids: Iterable[int], today: date, *, exclude: Loan | None = None
          ) -> dict[int, list[rules.Hold]]:
    """What the approved and handed-over loans hold of each asset."""
    found: dict[int, list[rules.Hold]] = {pk: [] for pk in asset_ids}
    lines = (LoanLine.objects.filter(loan__agency=agency, asset_id__in=list(found), loan__status__in=rules.HOLDING)
             .values_list("asset_id", "quantity", "loan__start_on", "loan__end_on", "loan__status", "loan_id"))
    for asset_id, quantity, start, end, status, loan_id in lines:
        if exclude is not None and loan_id == exclude.pk:
            continue
        found[asset_id].append(rules.hold_of(start, end, quantity, out=status == rules.HANDED_OVER, today=today))
    return found


def core_line(asset: Asset, quantity: int, asset_holds: Sequence[rules.Hold], key: str) -> rules.Line:
    return rules.Line(key=key, name=asset.name, count_unit=asset.count_unit, total=asset.quantity, quantity=quantity,
                      lendable=asset.lendable, max_days=asset.max_days, holds=tuple(asset_holds))


@dataclass(frozen=True)
class Wanted:
    """One asset asked for, and the form field its problems belong to."""

    asset: Asset
    quantity: int
    key: str


def problems(agency: Agency, wanted: Sequence[Wanted], start: date, end: date, *, outside: bool,
             today: date | None = None, exclude: Loan | None = None, dates: bool = True) -> list[rules.Problem]:
    today = today or timezone.localdate()
    found = holds(agency, [w.asset.pk for w in wanted], today, exclude=exclude)
    lines = [core_line(w.asset, w.quantity, found[w.asset.pk], w.key) for w in wanted]
    core = BorrowingRules.of(agency).core
    if dates:
        return rules.check_request(core, lines, start, end, today, outside=outside)
    out: list[rules.Problem] = []
    for line in lines:
        out.extend(rules.check_line(line, start, end))
    return out


def _raise_first(found: Sequence[rules.Problem]) -> None:
    if found:
        raise LoanProblem(found[0].field, found[0].message)


# --------------------------------------------------------------------------- asking


def request_loan(agency: Agency, data: dict[str, Any], wanted: Sequence[Wanted], *, user: Any = None
                 ) -> tuple[Loan, str | None]:
    """The new loan and, for a request from outside (no `user`), its tracking code (to show
    once; only its digest is kept)."""
    outside = user is None
    today = timezone.localdate()
    _raise_first(problems(agency, wanted, data["start_on"], data["end_on"], outside=outside, today=today))
    for _attempt in range(5):
        code = receipts.new_receipt() if outside else None
        try:
            with transaction.atomic():
                year = fiscal_year_of(data["start_on"])
                last = Loan.objects.filter(agency=agency, fiscal_year=year).aggregate(n=Max("seq"))["n"] or 0
                purpose_kind = rules.OFFICIAL if not outside else data["purpose_kind"]
                loan = Loan.objects.create(
                    agency=agency, fiscal_year=year, seq=last + 1, code_digest=code_digest(code) if code else None,
                    borrower_kind=rules.borrower_of(purpose_kind, staff=not outside),
                    borrower_user=user, borrower_name=display_name(user) if user else data["name"].strip(),
                    organisation=(data.get("organisation") or "").strip(), phone=(data.get("phone") or "").strip(),
                    address=(data.get("address") or "").strip(), purpose_kind=purpose_kind,
                    purpose=data["purpose"].strip(), place=data["place"].strip(), start_on=data["start_on"],
                    end_on=data["end_on"], requested_on=today)
                for w in wanted:
                    LoanLine.objects.create(loan=loan, asset=w.asset, quantity=w.quantity)
                items = "; ".join(f"{w.asset.name} {w.quantity} {w.asset.count_unit}" for w in wanted)
                how = "ยื่นคำขอยืมพัสดุ" if user else "รับคำขอยืมพัสดุจากหน้าขอยืมพัสดุของเว็บไซต์"
                log.created(user, agency, OBJECT_TYPE, loan, f"{how} เลขที่ {loan.number}", {
                    "ผู้ยืม": loan.borrower_name, "ประเภทผู้ยืม": loan.get_borrower_kind_display(),
                    "วัตถุประสงค์การยืม": loan.get_purpose_kind_display(), "ใช้ในงาน": loan.purpose,
                    "รายการ": items, "วันที่ยืม": format_date(loan.start_on, thai=False),
                    "กำหนดส่งคืน": format_date(loan.end_on, thai=False)})
                return loan, code
        except IntegrityError:
            continue
    raise RuntimeError("could not number the loan")


# --------------------------------------------------------------------------- deciding and lending


def _locked(loan: Loan) -> Loan:
    """The loan read again under a row lock (with its assets'), so two officers acting at once
    act on what the other left."""
    fresh = Loan.objects.select_for_update().get(pk=loan.pk)
    list(Asset.objects.select_for_update().filter(lines__loan=fresh).order_by("pk"))
    return fresh


def _expect(loan: Loan, *statuses: str) -> None:
    if loan.status not in statuses:
        raise LoanProblem(None, f"การยืมเลขที่ {loan.number} มีสถานะ “{loan.get_status_display()}” แล้ว "
                                "จึงทำรายการนี้ไม่ได้ กรุณาตรวจสอบสถานะล่าสุด")


def _save(request: Any, loan: Loan, before: dict[str, str], summary: str) -> None:
    loan.save()
    log.updated(request.user, loan.agency, OBJECT_TYPE, loan, summary, before, log.snapshot(loan, Loan.AUDIT_FIELDS))


def approve(request: Any, loan: Loan, note: str = "") -> Loan:
    today = timezone.localdate()
    with transaction.atomic():
        loan = _locked(loan)
        _expect(loan, rules.REQUESTED)
        if loan.borrower_user_id is not None and loan.borrower_user_id == request.user.pk:
            raise LoanProblem(None, "ผู้อนุมัติพิจารณาคำขอยืมของตนเองไม่ได้ กรุณาให้ผู้อนุมัติคนอื่นพิจารณา")
        if loan.end_on < today:
            raise LoanProblem(None, "เลยกำหนดส่งคืนของคำขอนี้แล้ว อนุมัติไม่ได้ ให้ยกเลิกคำขอหรือไม่อนุมัติ")
        wanted = [Wanted(line.asset, line.quantity, "lines") for line in loan.lines.select_related("asset")]
        _raise_first(problems(loan.agency, wanted, loan.start_on, loan.end_on, outside=False, today=today,
                              exclude=loan, dates=False))
        before = log.snapshot(loan, Loan.AUDIT_FIELDS)
        loan.status, loan.decided_on = rules.APPROVED, today
        loan.decided_by, loan.decided_by_name = request.user, display_name(request.user)
        loan.decision_note = note.strip()
        _save(request, loan, before, f"อนุมัติการยืมพัสดุเลขที่ {loan.number}")
    return loan


def refuse(request: Any, loan: Loan, reason: str) -> Loan:
    with transaction.atomic():
        loan = _locked(loan)
        _expect(loan, rules.REQUESTED)
        before = log.snapshot(loan, Loan.AUDIT_FIELDS)
        loan.status, loan.decided_on = rules.REFUSED, timezone.localdate()
        loan.decided_by, loan.decided_by_name = request.user, display_name(request.user)
        loan.decision_note = reason.strip()
        _save(request, loan, before, f"ไม่อนุมัติการยืมพัสดุเลขที่ {loan.number}")
    return loan


def hand_over(request: Any, loan: Loan, handed_on: date, handed_to: str, note: str) -> Loan:
    with transaction.atomic():
        loan = _locked(loan)
        _expect(loan, rules.APPROVED)
        if handed_on < loan.requested_on:
            raise LoanProblem("handed_on", "วันที่ส่งมอบต้องไม่ก่อนวันที่ยื่นคำขอ")
        before = log.snapshot(loan, Loan.AUDIT_FIELDS)
        loan.status, loan.handed_on = rules.HANDED_OVER, handed_on
        loan.handed_by, loan.handed_by_name = request.user, display_name(request.user)
        loan.handed_to, loan.handed_note = handed_to.strip(), note.strip()
        _save(request, loan, before, f"ส่งมอบพัสดุตามการยืมเลขที่ {loan.number}")
    return loan


@dataclass(frozen=True)
class Returned:
    line: LoanLine
    damaged: int
    lost: int
    condition: str  # the asset's condition from now on


def take_back(request: Any, loan: Loan, returned_on: date, lines: Sequence[Returned], note: str) -> Loan:
    with transaction.atomic():
        loan = _locked(loan)
        _expect(loan, rules.HANDED_OVER)
        if loan.handed_on and returned_on < loan.handed_on:
            raise LoanProblem("returned_on", "วันที่ส่งคืนต้องไม่ก่อนวันที่ส่งมอบ")
        before = log.snapshot(loan, Loan.AUDIT_FIELDS)
        loan.status, loan.returned_on = rules.RETURNED, returned_on
        loan.received_by, loan.received_by_name = request.user, display_name(request.user)
        loan.return_note = note.strip()
        _save(request, loan, before, f"รับคืนพัสดุตามการยืมเลขที่ {loan.number}"
                                     + (" (ส่งคืนล่าช้า)" if returned_on > loan.end_on else ""))
        for item in lines:
            line = LoanLine.objects.select_related("asset").get(pk=item.line.pk, loan=loan)
            if item.damaged or item.lost:
                line.damaged, line.lost = item.damaged, item.lost
                line.save(update_fields=["damaged", "lost"])
                log.updated(request.user, loan.agency, OBJECT_TYPE, loan,
                            f"บันทึกพัสดุชำรุดหรือสูญหายเมื่อรับคืน เลขที่ {loan.number}: {line.asset.name}",
                            {"ชำรุด": "0", "สูญหาย": "0"}, {"ชำรุด": str(item.damaged), "สูญหาย": str(item.lost)})
            asset = line.asset
            if item.condition and item.condition != asset.condition:
                asset_before = log.snapshot(asset, Asset.AUDIT_FIELDS)
                asset.condition = item.condition
                asset.save(update_fields=["condition"])
                log.updated(request.user, loan.agency, ASSET_TYPE, asset,
                            f"ปรับสภาพ{asset.name} ({asset.code}) เมื่อรับคืนตามการยืมเลขที่ {loan.number}",
                            asset_before, log.snapshot(asset, Asset.AUDIT_FIELDS))
    return loan


def cancel(user: Any, loan: Loan, reason: str) -> Loan:
    """Cancelled by staff (`user`) or, with the code, by the borrower (`user` None)."""
    with transaction.atomic():
        loan = _locked(loan)
        _expect(loan, rules.REQUESTED, rules.APPROVED)
        before = log.snapshot(loan, Loan.AUDIT_FIELDS)
        loan.status, loan.cancelled_on = rules.CANCELLED, timezone.localdate()
        loan.cancel_reason = reason.strip() or ("ผู้ยืมขอยกเลิก" if user is None else "")
        loan.save()
        who = "ผู้ยืมยกเลิกคำขอด้วยรหัสติดตาม" if user is None else "ยกเลิกการยืมพัสดุ"
        log.updated(user, loan.agency, OBJECT_TYPE, loan, f"{who} เลขที่ {loan.number}", before,
                    log.snapshot(loan, Loan.AUDIT_FIELDS))
    return loan
