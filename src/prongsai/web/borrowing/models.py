"""The agency's assets that may be borrowed, its borrowing rules, who approves, and the loans
(คำขอยืมและการยืม-คืน) with their lines. The rules themselves (availability, the checks of a
request, overdue, the yearly summary) are prongsai.services.borrowing; this is what is kept.

A request from the public keeps what the borrower typed (name, telephone, address) because the
register names the borrower, and only the keyed digest of the tracking code it was given; nothing
about the connection (address, browser, cookie) is kept.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from prongsai.services import borrowing as rules
from prongsai.web.agencies.models import Agency, Membership, Unit


class Asset(models.Model):
    """One item (or one kind of countable item: 200 plastic chairs) of the agency's property."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="assets", verbose_name="หน่วยงาน")
    code = models.CharField("หมายเลขพัสดุ/ครุภัณฑ์", max_length=60,
                            help_text="ตามทะเบียนคุมทรัพย์สิน เช่น 020-65-0001 หากเป็นพัสดุหลายชิ้นให้ใส่เลขชุดหรือช่วงเลข")
    name = models.CharField("ชื่อพัสดุ", max_length=150, help_text="เช่น เต็นท์ผ้าใบ ขนาด 4×8 เมตร")
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name="กอง/สำนักที่ดูแล")
    quantity = models.PositiveIntegerField("จำนวนที่ให้ยืมได้", default=1)
    count_unit = models.CharField("หน่วยนับ", max_length=20, default="ชิ้น", help_text="เช่น หลัง ตัว ชุด คัน เครื่อง")
    condition = models.CharField("สภาพ", max_length=10, choices=rules.CONDITIONS, default=rules.GOOD)
    public_may_borrow = models.BooleanField(
        "ให้ประชาชน ชุมชน และหน่วยงานของรัฐอื่นขอยืมได้", default=False,
        help_text="แสดงในหน้าขอยืมพัสดุของเว็บไซต์ เช่น เต็นท์ เก้าอี้ เครื่องเสียง สำหรับงานของชุมชน")
    max_days = models.PositiveSmallIntegerField(
        "ยืมได้ครั้งละไม่เกิน (วัน)", null=True, blank=True,
        help_text="เว้นว่างเพื่อใช้ระยะเวลาตามหลักเกณฑ์การยืมของหน่วยงาน")
    notes = models.TextField("หมายเหตุ", blank=True, help_text="เช่น ขนาด อุปกรณ์ที่ให้ไปด้วย ข้อควรระวังในการใช้")
    retired = models.BooleanField("เลิกให้ยืมแล้ว", default=False,
                                  help_text="เช่น จำหน่ายหรือโอนไปแล้ว รายการยังอยู่ในทะเบียนการยืมที่ผ่านมา")
    created_at = models.DateTimeField("บันทึกเมื่อ", auto_now_add=True)

    AUDIT_FIELDS = ("code", "name", "unit", "quantity", "count_unit", "condition", "public_may_borrow", "max_days",
                    "notes", "retired")

    class Meta:
        ordering = ["retired", "name", "code", "id"]
        verbose_name = "พัสดุที่ให้ยืม"
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="asset_code_unique_per_agency")]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def lendable(self) -> bool:
        return not self.retired and self.condition != rules.BROKEN

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}"


class AssetPhoto(models.Model):
    """The asset's picture: checked by its content and re-encoded without metadata, kept in the
    database so that an asset and its picture are saved together or not at all."""

    asset = models.OneToOneField(Asset, on_delete=models.CASCADE, related_name="photo")
    content_type = models.CharField(max_length=30)
    data = models.BinaryField()
    size = models.PositiveIntegerField("ขนาด")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "รูปพัสดุ"


class BorrowingRules(models.Model):
    """How the agency lends: who approves, for how long, how early to ask, the return check and
    the borrower's liability; what the public page and the announcement of the rules say."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="borrowing_rules",
                                  verbose_name="หน่วยงาน")
    public_open = models.BooleanField("เปิดรับคำขอยืมพัสดุจากประชาชนทางเว็บไซต์", default=False)
    custodian_unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                       verbose_name="กอง/สำนักที่รับคำขอและควบคุมการยืม-คืน",
                                       help_text="เช่น กองคลัง (งานพัสดุ) ผู้ดูแลทะเบียนคุมการยืม-คืนพัสดุ")
    approver_title = models.CharField(
        "ตำแหน่งผู้มีอำนาจอนุมัติให้ยืม", max_length=200, blank=True,
        help_text="พิมพ์ลงในหลักเกณฑ์ เช่น ปลัดองค์การบริหารส่วนตำบล… เว้นว่างเพื่อใช้ตำแหน่งปลัดของหน่วยงาน")
    max_days = models.PositiveSmallIntegerField("ยืมได้ครั้งละไม่เกิน (วัน)", default=7)
    lead_days = models.PositiveSmallIntegerField(
        "ผู้ยืมภายนอกต้องยื่นคำขอล่วงหน้าอย่างน้อย (วัน)", default=3,
        help_text="ประชาชนและหน่วยงานอื่น เจ้าหน้าที่ที่ยืมไปใช้ในราชการยื่นได้ถึงวันที่ยืม")
    place = models.CharField("สถานที่รับและส่งคืนพัสดุ", max_length=200, blank=True,
                             help_text="เช่น ห้องพัสดุ กองคลัง ที่ทำการองค์การบริหารส่วนตำบล ในวันและเวลาราชการ")
    phone = models.CharField("โทรศัพท์ติดต่อเรื่องการยืม", max_length=60, blank=True)
    documents = models.CharField("เอกสารประกอบคำขอ", max_length=300, blank=True,
                                 help_text="เว้นว่างเพื่อใช้ข้อความมาตรฐาน")
    fee = models.CharField("ค่าธรรมเนียม", max_length=200, blank=True, help_text="เว้นว่างเพื่อใช้ข้อความมาตรฐาน")
    return_check = models.TextField("การตรวจสภาพเมื่อส่งมอบและส่งคืน", blank=True,
                                    help_text="ข้อละหนึ่งบรรทัด เว้นว่างเพื่อใช้ข้อความมาตรฐาน")
    liability = models.TextField("ความรับผิดเมื่อพัสดุชำรุดเสียหายหรือสูญหาย", blank=True,
                                 help_text="ข้อละหนึ่งบรรทัด เว้นว่างเพื่อใช้ข้อความมาตรฐาน")
    rules_date = models.DateField("วันที่ประกาศหลักเกณฑ์", null=True, blank=True,
                                  help_text="วันที่ผู้บริหารลงนามในประกาศหลักเกณฑ์และแนวปฏิบัติการยืม-คืนพัสดุ")

    AUDIT_FIELDS = ("public_open", "custodian_unit", "approver_title", "max_days", "lead_days", "place", "phone",
                    "documents", "fee", "return_check", "liability", "rules_date")

    class Meta:
        verbose_name = "หลักเกณฑ์การยืมพัสดุ"

    @classmethod
    def of(cls, agency: Agency) -> BorrowingRules:
        """The agency's rules, or unsaved defaults when it has not set them yet."""
        found = cls.objects.filter(agency=agency).select_related("custodian_unit").first()
        return found if found is not None else cls(agency=agency)

    @property
    def core(self) -> rules.Rules:
        return rules.Rules(max_days=max(1, min(self.max_days, rules.LIMIT_DAYS)),
                           lead_days=min(self.lead_days, rules.LEAD_LIMIT_DAYS))


class Approver(models.Model):
    """A member the agency's admins made an approver of loans (the agency's admins approve too)."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="loan_approver",
                                      verbose_name="สมาชิก")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ผู้อนุมัติการยืม"

    def __str__(self) -> str:
        return str(self.membership.user.get_full_name() or self.membership.user.get_username())


class Loan(models.Model):
    """A request to borrow, and what became of it: approved or refused, handed over, returned or
    cancelled. Numbered per agency within the fiscal year of the day it is lent."""

    STATUSES = rules.STATUSES
    PURPOSES = rules.PURPOSES
    BORROWERS = rules.BORROWERS

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="loans", verbose_name="หน่วยงาน")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    seq = models.PositiveIntegerField("ลำดับในปี")
    code_digest = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    status = models.CharField("สถานะ", max_length=12, choices=STATUSES, default=rules.REQUESTED)
    borrower_kind = models.CharField("ประเภทผู้ยืม", max_length=10, choices=BORROWERS)
    borrower_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name="เจ้าหน้าที่ผู้ยืม")
    borrower_name = models.CharField("ชื่อผู้ยืม", max_length=150)
    organisation = models.CharField("ในนามของ", max_length=200, blank=True)
    phone = models.CharField("โทรศัพท์", max_length=60, blank=True)
    address = models.TextField("ที่อยู่", blank=True)
    purpose_kind = models.CharField("วัตถุประสงค์การยืม", max_length=15, choices=PURPOSES)
    purpose = models.CharField("ใช้ในงาน", max_length=300)
    place = models.CharField("สถานที่นำไปใช้", max_length=300)
    start_on = models.DateField("วันที่ยืม")
    end_on = models.DateField("กำหนดส่งคืน")
    requested_on = models.DateField("วันที่ยื่นคำขอ")
    decided_on = models.DateField("วันที่พิจารณา", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    decided_by_name = models.CharField("ผู้พิจารณา", max_length=150, blank=True)
    decision_note = models.CharField("เหตุผลหรือเงื่อนไข", max_length=500, blank=True)
    handed_on = models.DateField("วันที่ส่งมอบ", null=True, blank=True)
    handed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    handed_by_name = models.CharField("ผู้ส่งมอบ", max_length=150, blank=True)
    handed_to = models.CharField("ผู้รับพัสดุ", max_length=150, blank=True)
    handed_note = models.CharField("สภาพเมื่อส่งมอบ", max_length=500, blank=True)
    returned_on = models.DateField("วันที่ส่งคืน", null=True, blank=True)
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    received_by_name = models.CharField("ผู้รับคืน", max_length=150, blank=True)
    return_note = models.CharField("บันทึกการตรวจรับคืน", max_length=500, blank=True)
    cancelled_on = models.DateField("วันที่ยกเลิก", null=True, blank=True)
    cancel_reason = models.CharField("เหตุที่ยกเลิก", max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    AUDIT_FIELDS = ("status", "start_on", "end_on", "decision_note", "handed_on", "handed_to", "handed_note",
                    "returned_on", "return_note", "cancel_reason")

    class Meta:
        ordering = ["-start_on", "-seq"]
        verbose_name = "การยืมพัสดุ"
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year", "seq"],
                                               name="loan_number_unique_per_agency")]
        indexes = [models.Index(fields=["agency", "status", "end_on"], name="loan_open_by_due"),
                   models.Index(fields=["agency", "fiscal_year"], name="loan_register_year")]

    def __str__(self) -> str:
        return f"การยืมเลขที่ {self.number}"

    @property
    def number(self) -> str:
        return f"{self.seq}/{self.fiscal_year}"

    @property
    def is_outside(self) -> bool:
        return self.borrower_kind != rules.STAFF

    @property
    def days(self) -> int:
        return rules.loan_days(self.start_on, self.end_on)

    def overdue(self, today: date | None = None) -> bool:
        return rules.is_overdue(self.status, self.end_on, today or timezone.localdate())

    @property
    def is_overdue(self) -> bool:
        return self.overdue()

    @property
    def days_late(self) -> int:
        return rules.days_late(self.end_on, timezone.localdate()) if self.is_overdue else 0

    @property
    def marks(self) -> list[str]:
        """What needs attention: overdue, or a request or an approval whose day has passed."""
        today = timezone.localdate()
        if self.is_overdue:
            return [f"เกินกำหนดส่งคืน {self.days_late} วัน"]
        if self.status == rules.HANDED_OVER and self.end_on == today:
            return ["ครบกำหนดส่งคืนวันนี้"]
        if self.status == rules.REQUESTED and self.start_on < today:
            return ["เลยวันที่ยืมแล้ว ยังไม่ได้พิจารณา"]
        if self.status == rules.APPROVED and self.start_on < today:
            return ["เลยวันที่ยืมแล้ว ผู้ยืมยังไม่มารับพัสดุ"]
        return []

    @property
    def is_open(self) -> bool:
        return self.status in rules.OPEN


class LoanLine(models.Model):
    """One asset of a loan: how many, and in what state it came back."""

    loan = models.ForeignKey(Loan, on_delete=models.CASCADE, related_name="lines", verbose_name="การยืม")
    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="lines", verbose_name="พัสดุ")
    quantity = models.PositiveIntegerField("จำนวน")
    damaged = models.PositiveIntegerField("ชำรุด", default=0)
    lost = models.PositiveIntegerField("สูญหาย", default=0)

    class Meta:
        ordering = ["id"]
        verbose_name = "รายการพัสดุที่ยืม"
        constraints = [models.UniqueConstraint(fields=["loan", "asset"], name="loan_asset_once")]

    def __str__(self) -> str:
        return f"{self.asset.name} {self.quantity} {self.asset.count_unit}"

    @property
    def returned_state(self) -> str:
        if self.loan.returned_on is None:
            return ""
        parts = []
        if self.damaged:
            parts.append(f"ชำรุด {self.damaged} {self.asset.count_unit}")
        if self.lost:
            parts.append(f"สูญหาย {self.lost} {self.asset.count_unit}")
        return " ".join(parts) or "ครบถ้วน ใช้งานได้"
