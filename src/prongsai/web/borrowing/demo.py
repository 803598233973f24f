"""Demo borrowing for `prongsai serve --demo`: the rules set and the public page open, the assets an
อบต. typically lends (tents, plastic chairs, a sound system, tables; the water truck for official
use only), and loans in every state, one of them overdue — so a newcomer sees the whole register at
once. Every text a person would have typed says it is an example. Calling it again adds nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from prongsai.channels import receipts
from prongsai.services import borrowing as rules
from prongsai.thai import fiscal_year_bounds, fiscal_year_of
from prongsai.web.agencies.models import Agency
from prongsai.web.borrowing.loans import code_digest, display_name
from prongsai.web.borrowing.models import Asset, BorrowingRules, Loan, LoanLine

NOTE = "(ข้อมูลตัวอย่าง)"
# code, name, quantity, count unit, public, max days, notes
ASSETS = [
    ("020-65-0001 ถึง 0010", "เต็นท์ผ้าใบ ขนาด 4×8 เมตร", 10, "หลัง", True, None, "พร้อมโครงเหล็กและผ้าใบคลุม"),
    ("010-64-0001 ถึง 0200", "เก้าอี้พลาสติก", 200, "ตัว", True, None, "สีน้ำเงิน ซ้อนเก็บได้"),
    ("010-64-0201 ถึง 0230", "โต๊ะพับอเนกประสงค์", 30, "ตัว", True, None, ""),
    ("050-63-0003", "เครื่องเสียงพร้อมลำโพง", 1, "ชุด", True, 3, "เครื่องขยายเสียง ลำโพง 2 ตู้ ไมโครโฟน 2 ตัว"),
    ("030-60-0001", "รถบรรทุกน้ำ ขนาด 6,000 ลิตร", 1, "คัน", False, 1, "ใช้ในราชการเท่านั้น พร้อมพนักงานขับรถของหน่วยงาน"),
]


def _line(loan: Loan, asset: Asset, quantity: int, **fields: Any) -> None:
    LoanLine.objects.create(loan=loan, asset=asset, quantity=quantity, **fields)


@transaction.atomic
def add_demo_borrowing(agency: Agency, admin: Any) -> None:
    custodian = agency.units.filter(name__contains="คลัง").first() or agency.units.first()
    settings_ = BorrowingRules.of(agency)
    if not settings_.pk:
        settings_.public_open = True
        settings_.custodian_unit = custodian
        settings_.place = f"ห้องพัสดุ {custodian.name if custodian else 'สำนักงาน'} ในวันและเวลาราชการ"
        settings_.phone = "0 3400 0000 ต่อ 14 " + NOTE
        settings_.rules_date = fiscal_year_bounds(fiscal_year_of(timezone.localdate()))[0]
        settings_.save()
    if Asset.objects.filter(agency=agency).exists():
        return
    office = agency.units.first()
    assets = {}
    for code, name, quantity, count_unit, public, max_days, notes in ASSETS:
        assets[code] = Asset.objects.create(
            agency=agency, code=code, name=name, quantity=quantity, count_unit=count_unit, public_may_borrow=public,
            max_days=max_days, notes=f"{notes} {NOTE}".strip(), unit=office)
    tent, chair, table, sound = (assets[a[0]] for a in ASSETS[:4])
    today = timezone.localdate()
    who = display_name(admin)
    seq = {}

    def loan(start_days: int, days: int, status: str, *, name: str, kind: str, purpose_kind: str, purpose: str,
             place: str, requested_days: int, staff: bool = False, organisation: str = "") -> Loan:
        start = today + timedelta(start_days)
        year = fiscal_year_of(start)
        seq[year] = seq.get(year, Loan.objects.filter(agency=agency, fiscal_year=year).count()) + 1
        made = Loan(agency=agency, fiscal_year=year, seq=seq[year], status=status, borrower_kind=kind,
                    borrower_user=admin if staff else None, borrower_name=name, organisation=organisation,
                    phone="" if staff else "081 000 0000", address="" if staff else f"หมู่ 3 {NOTE}",
                    purpose_kind=purpose_kind, purpose=f"{purpose} {NOTE}", place=place, start_on=start,
                    end_on=start + timedelta(days - 1), requested_on=today + timedelta(requested_days),
                    code_digest=None if staff else code_digest(receipts.new_receipt()))
        if status in (rules.APPROVED, rules.REFUSED, rules.HANDED_OVER, rules.RETURNED):
            made.decided_on = made.requested_on + timedelta(1)
            made.decided_by_name = "ปลัดองค์การบริหารส่วนตำบล (ตัวอย่าง)"
        if status == rules.REFUSED:
            made.decision_note = f"ช่วงวันดังกล่าวหน่วยงานต้องใช้เต็นท์ในงานวันเด็ก {NOTE}"
        if status in (rules.HANDED_OVER, rules.RETURNED):
            made.handed_on, made.handed_by, made.handed_by_name = start, admin, who
            made.handed_to, made.handed_note = name, "ครบถ้วนตามรายการ อยู่ในสภาพใช้งานได้ดี"
        if status == rules.CANCELLED:
            made.cancelled_on, made.cancel_reason = made.requested_on + timedelta(2), f"เลื่อนงานออกไป {NOTE}"
        made.save()
        return made

    done = loan(-40, 3, rules.RETURNED, name="นายสมศักดิ์ ใจดี", kind=rules.PUBLIC, purpose_kind=rules.COMMUNITY,
                purpose="งานบวชหมู่ 3", place="วัดบ้านหนองบัว หมู่ 3", requested_days=-47)
    done.returned_on, done.received_by, done.received_by_name = done.end_on + timedelta(1), admin, who
    done.return_note = f"เก้าอี้ขาหัก 2 ตัว ผู้ยืมซื้อเก้าอี้ชนิดเดียวกันมาชดใช้แล้ว {NOTE}"
    done.save()
    _line(done, tent, 4)
    _line(done, chair, 100, damaged=2)
    late = loan(-9, 3, rules.HANDED_OVER, name="นางสาวมาลี ศรีสุข", kind=rules.PUBLIC, purpose_kind=rules.COMMUNITY,
                purpose="ประชุมประชาคมหมู่บ้าน หมู่ 7", place="ศาลาประชาคมหมู่ 7", requested_days=-15,
                organisation="คณะกรรมการหมู่บ้าน หมู่ 7")
    _line(late, chair, 50)
    _line(late, table, 6)
    out = loan(-1, 3, rules.HANDED_OVER, name=who, kind=rules.STAFF, purpose_kind=rules.OFFICIAL,
               purpose="ออกหน่วยบริการประชาชนเคลื่อนที่", place="โรงเรียนบ้านหนองบัว", requested_days=-3, staff=True)
    _line(out, sound, 1)
    approved = loan(5, 2, rules.APPROVED, name="โรงเรียนบ้านหนองบัว", kind=rules.AGENCY,
                    purpose_kind=rules.OTHER_AGENCY, purpose="กีฬาสีโรงเรียน", place="สนามโรงเรียนบ้านหนองบัว",
                    requested_days=-2, organisation="โรงเรียนบ้านหนองบัว")
    _line(approved, tent, 6)
    waiting = loan(8, 2, rules.REQUESTED, name="นายประเสริฐ มั่นคง", kind=rules.PUBLIC, purpose_kind=rules.COMMUNITY,
                   purpose="งานทำบุญกลางบ้าน หมู่ 2", place="ลานกลางบ้าน หมู่ 2", requested_days=0)
    _line(waiting, tent, 3)
    _line(waiting, chair, 80)
    refused = loan(12, 2, rules.REFUSED, name="นายวิชัย ทองดี", kind=rules.PUBLIC, purpose_kind=rules.COMMUNITY,
                   purpose="งานกีฬาเยาวชนหมู่ 5", place="สนามหมู่ 5", requested_days=-1)
    _line(refused, tent, 10)
    cancelled = loan(20, 1, rules.CANCELLED, name="นางบุญมา แสงทอง", kind=rules.PUBLIC, purpose_kind=rules.COMMUNITY,
                     purpose="งานเลี้ยงผู้สูงอายุ หมู่ 1", place="ศาลาหมู่ 1", requested_days=-4)
    _line(cancelled, chair, 40)
