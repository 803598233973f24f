"""Reports of corruption and misconduct and how they are handled.

What a reporter wrote (the report, their name and contact if they gave them, every message and
attachment) is sealed with the channel key (prongsai.channels.sealing) before it reaches the
database; what the statistics and the officers' list need (category, status, dates) is not.
Dates are kept as days, not times: a report's exact time could be matched against other logs.
Nothing about the reporter's connection (address, browser, cookie) is kept at all.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from prongsai.channels.categories import complaint_categories
from prongsai.channels.deadlines import add_working_days
from prongsai.channels.sealing import Sealer
from prongsai.web.agencies.models import Agency, Unit


def sealer() -> Sealer:
    return Sealer(settings.CHANNEL_KEY)


class ChannelSettings(models.Model):
    """How an agency runs its complaint channel: what the public page, the deadlines and the
    complaints guideline say."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="complaint_channel",
                                  verbose_name="หน่วยงาน")
    is_open = models.BooleanField("เปิดรับเรื่องร้องเรียนทางเว็บไซต์", default=False,
                                  help_text="เปิดได้เมื่อกำหนดผู้รับเรื่องร้องเรียนอย่างน้อยหนึ่งคน และเลือกกอง/สำนักที่รับผิดชอบแล้ว")
    handling_unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                      verbose_name="กอง/สำนักที่รับและจัดการเรื่องร้องเรียน")
    acknowledge_days = models.PositiveSmallIntegerField("แจ้งการรับเรื่องภายใน (วันทำการ)", default=3)
    answer_days = models.PositiveSmallIntegerField("แจ้งผลการดำเนินการภายใน (วันทำการ)", default=30)
    phone = models.CharField("โทรศัพท์รับเรื่องร้องเรียน", max_length=60, blank=True)
    email = models.EmailField("อีเมลรับเรื่องร้องเรียน", blank=True)
    postal_address = models.TextField("ที่อยู่สำหรับส่งเรื่องทางไปรษณีย์", blank=True)
    walk_in = models.CharField("ยื่นเรื่องด้วยตนเองที่", max_length=200, blank=True)
    forward_to = models.TextField(
        "หน่วยงานที่ส่งต่อเรื่องเมื่อไม่อยู่ในอำนาจหน้าที่", blank=True,
        help_text="บรรทัดละหนึ่งหน่วยงาน เช่น สำนักงาน ป.ป.ช. ประจำจังหวัด")
    guideline_date = models.DateField("วันที่ประกาศแนวปฏิบัติ", null=True, blank=True,
                                      help_text="วันที่ผู้บริหารลงนามในประกาศแนวปฏิบัติการจัดการเรื่องร้องเรียน")

    AUDIT_FIELDS = ("is_open", "handling_unit", "acknowledge_days", "answer_days", "phone", "email",
                    "postal_address", "walk_in", "forward_to", "guideline_date")

    class Meta:
        verbose_name = "ช่องทางร้องเรียน"

    @classmethod
    def of(cls, agency: Agency) -> ChannelSettings:
        """The agency's settings, or unsaved defaults when it has not set the channel up."""
        found = cls.objects.filter(agency=agency).select_related("handling_unit").first()
        if found is not None:
            return found
        province = f"จังหวัด{agency.province}" if agency.province else ""
        return cls(agency=agency, forward_to=f"สำนักงาน ป.ป.ช. ประจำ{province or 'จังหวัด'}\n"
                                             "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ (สำนักงาน ป.ป.ท.)")

    @property
    def forward_list(self) -> list[str]:
        return [line.strip() for line in self.forward_to.splitlines() if line.strip()]


class Complaint(models.Model):
    RECEIVED, CHECKING, INVESTIGATING, FORWARDED, CLOSED = "received", "checking", "investigating", "forwarded", "closed"
    STATUSES = [(RECEIVED, "รับเรื่องแล้ว"), (CHECKING, "อยู่ระหว่างตรวจสอบข้อเท็จจริงเบื้องต้น"),
                (INVESTIGATING, "อยู่ระหว่างสอบข้อเท็จจริง"), (FORWARDED, "ส่งต่อหน่วยงานที่มีอำนาจ"),
                (CLOSED, "ยุติเรื่องแล้ว")]
    SUBSTANTIATED, UNSUBSTANTIATED, REFERRED, INSUFFICIENT = "substantiated", "unsubstantiated", "referred", "insufficient"
    OUTCOMES = [(SUBSTANTIATED, "มีมูล ดำเนินการทางวินัยหรือตามกฎหมายแล้ว"), (UNSUBSTANTIATED, "ไม่มีมูล"),
                (REFERRED, "ส่งต่อหน่วยงานที่มีอำนาจดำเนินการแล้ว"),
                (INSUFFICIENT, "ข้อมูลไม่เพียงพอต่อการตรวจสอบข้อเท็จจริง")]

    WEB = "web"
    CHANNELS = [(WEB, "เว็บไซต์"), ("phone", "โทรศัพท์"), ("post", "ไปรษณีย์"), ("walk_in", "ยื่นด้วยตนเอง"),
                ("email", "อีเมล"), ("other", "ช่องทางอื่น")]

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="complaints", verbose_name="หน่วยงาน")
    channel = models.CharField("ช่องทางที่รับเรื่อง", max_length=10, choices=CHANNELS, default=WEB)
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    seq = models.PositiveIntegerField("ลำดับในปี")
    receipt_digest = models.CharField(max_length=64, unique=True, editable=False)
    category = models.CharField("ประเภทเรื่องที่ร้องเรียน", max_length=20, choices=complaint_categories())
    named = models.BooleanField("ผู้ร้องเรียนเปิดเผยชื่อ", default=False)
    sealed = models.BinaryField(editable=False)
    status = models.CharField("สถานะ", max_length=15, choices=STATUSES, default=RECEIVED)
    outcome = models.CharField("ผลการพิจารณา", max_length=15, choices=OUTCOMES, blank=True)
    forwarded_to = models.CharField("ส่งต่อไปยัง", max_length=200, blank=True)
    received_on = models.DateField("วันที่รับเรื่อง")
    acknowledge_due = models.DateField("กำหนดแจ้งการรับเรื่อง")
    answer_due = models.DateField("กำหนดแจ้งผล")
    acknowledged_on = models.DateField("วันที่แจ้งการรับเรื่อง", null=True, blank=True)
    closed_on = models.DateField("วันที่ยุติเรื่อง", null=True, blank=True)
    reporter_waiting = models.BooleanField("มีข้อความใหม่จากผู้ร้องเรียน", default=False)

    AUDIT_FIELDS = ("status", "outcome", "forwarded_to")

    class Meta:
        ordering = ["-fiscal_year", "-seq"]
        verbose_name = "เรื่องร้องเรียน"
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year", "seq"],
                                               name="complaint_number_unique_per_agency")]
        # Covers the statistics query (counts by day, category and closing), so it never reads the rows.
        indexes = [models.Index(fields=["agency", "received_on", "category", "closed_on"],
                                name="complaint_statistics")]

    def __str__(self) -> str:
        return f"เรื่องเลขที่ {self.number}"

    @property
    def number(self) -> str:
        return f"{self.seq}/{self.fiscal_year}"

    @property
    def context(self) -> str:
        return f"complaint:{self.receipt_digest}"

    def report(self) -> dict[str, Any]:
        """What the reporter wrote, unsealed: what, concerned, when, where, name, contact."""
        return json.loads(sealer().open_text(bytes(self.sealed), self.context) or "{}")

    def seal_report(self, report: dict[str, Any]) -> None:
        self.sealed = sealer().seal_text(json.dumps(report, ensure_ascii=False), self.context)

    @property
    def is_closed(self) -> bool:
        return self.status == self.CLOSED

    def overdue(self, today: date | None = None) -> list[str]:
        today = today or timezone.localdate()
        marks = []
        if self.acknowledged_on is None and today > self.acknowledge_due:
            marks.append("เกินกำหนดแจ้งการรับเรื่อง")
        if self.closed_on is None and today > self.answer_due:
            marks.append("เกินกำหนดแจ้งผล")
        return marks

    @property
    def overdue_marks(self) -> list[str]:
        return self.overdue()

    def set_deadlines(self, channel: ChannelSettings) -> None:
        self.acknowledge_due = add_working_days(self.received_on, channel.acknowledge_days)
        self.answer_due = add_working_days(self.received_on, channel.answer_days)


class Message(models.Model):
    """One message of the thread between the reporter (who holds the receipt) and the officers."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="messages")
    from_reporter = models.BooleanField(default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    sealed = models.BinaryField(editable=False)
    sent_on = models.DateField("วันที่")

    class Meta:
        ordering = ["id"]

    @property
    def text(self) -> str:
        return sealer().open_text(bytes(self.sealed), self.complaint.context + ":message")

    def seal_text(self, text: str) -> None:
        self.sealed = sealer().seal_text(text, self.complaint.context + ":message")


class Note(models.Model):
    """The officers' internal notes on a case: never shown to the reporter."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    sealed = models.BinaryField(editable=False)
    created_at = models.DateTimeField("บันทึกเมื่อ", default=timezone.now)

    class Meta:
        ordering = ["id"]

    @property
    def text(self) -> str:
        return sealer().open_text(bytes(self.sealed), self.complaint.context + ":note")

    def seal_text(self, text: str) -> None:
        self.sealed = sealer().seal_text(text, self.complaint.context + ":note")


class Attachment(models.Model):
    """A file the reporter attached, checked and (pictures) stripped of metadata, then sealed.
    Kept in the database so that a report and its files are saved in one transaction."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments")
    name = models.CharField("ชื่อไฟล์", max_length=100)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField("ขนาด")
    sealed = models.BinaryField(editable=False)

    class Meta:
        ordering = ["id"]

    def data(self) -> bytes:
        return sealer().open(bytes(self.sealed), f"{self.complaint.context}:file:{self.name}")

    def seal_data(self, data: bytes) -> None:
        self.size = len(data)
        self.sealed = sealer().seal(data, f"{self.complaint.context}:file:{self.name}")
