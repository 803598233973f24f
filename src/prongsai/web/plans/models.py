"""Measures plans (มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน), their measures and steps,
and the progress recorded against them.

A plan is edited as a draft; approving it (with the meeting that decided it) locks it, and a
later change makes a new version (a copy that starts as a draft). A measure keeps its
`lineage` across versions, so progress recorded against version 1 still belongs to the same
measure in version 2.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from prongsai.thai import fiscal_year_bounds

STATUS_TH = {"not_started": "ยังไม่เริ่ม", "in_progress": "กำลังดำเนินการ", "done": "เสร็จสิ้น", "late": "ล่าช้า"}
STATUS_CODE = {v: k for k, v in STATUS_TH.items()}


class Plan(models.Model):
    DRAFT, APPROVED = "draft", "approved"
    STATUSES = [(DRAFT, "ร่าง (แก้ไขได้)"), (APPROVED, "อนุมัติแล้ว")]

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="plans",
                               verbose_name="หน่วยงาน")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณของมาตรการ")
    based_on_year = models.PositiveSmallIntegerField("จากผลการประเมินปี", null=True, blank=True)
    version = models.PositiveSmallIntegerField("ฉบับที่", default=1)
    status = models.CharField("สถานะ", max_length=10, choices=STATUSES, default=DRAFT)
    previous_version = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                         related_name="+", verbose_name="ฉบับก่อนหน้า")
    carried_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                     verbose_name="เริ่มจากแผนปีก่อน")
    meeting_date = models.DateField("วันที่ประชุม", null=True, blank=True)
    meeting_title = models.CharField("การประชุม", max_length=300, blank=True)
    meeting_place = models.CharField("สถานที่ประชุม", max_length=300, blank=True)
    meeting_attendees = models.TextField("ผู้เข้าร่วมประชุม", blank=True)
    approver = models.CharField("ผู้อนุมัติ", max_length=200, blank=True)
    approved_at = models.DateTimeField("อนุมัติเมื่อ", null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    APPROVAL_FIELDS = ("status", "meeting_date", "meeting_title", "meeting_place", "meeting_attendees", "approver")

    class Meta:
        ordering = ["-fiscal_year", "-version"]
        verbose_name = "แผนมาตรการ"
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year", "version"],
                                               name="one_plan_version_per_year")]

    def __str__(self) -> str:
        return f"มาตรการปี {self.fiscal_year} ฉบับที่ {self.version}"

    @property
    def is_locked(self) -> bool:
        return self.status == self.APPROVED

    @property
    def period(self) -> tuple[date, date]:
        return fiscal_year_bounds(self.fiscal_year)

    @property
    def attendees_list(self) -> list[str]:
        return [line.strip() for line in self.meeting_attendees.splitlines() if line.strip()]

    def is_latest(self) -> bool:
        return not Plan.objects.filter(agency_id=self.agency_id, fiscal_year=self.fiscal_year,
                                       version__gt=self.version).exists()

    # For the templates (prongsai.web.plans.carry_forward): "start this year from last year".
    def next_year_offer(self) -> Any:
        """What "เริ่มจากมาตรการปีที่แล้ว" would make from this plan, or None when it cannot."""
        from prongsai.web.plans.carry_forward import offer_from

        return offer_from(self)

    def carry_review(self) -> Any:
        """The review note of a plan started from last year's: None for any other plan."""
        from prongsai.web.plans.carry_forward import review

        return review(self)


class Measure(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures", verbose_name="แผน")
    lineage = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)
    order = models.PositiveIntegerField("ลำดับ", default=0)
    title = models.CharField("มาตรการ/แนวทาง", max_length=300)
    purpose = models.TextField("วัตถุประสงค์", blank=True)
    theme = models.CharField("ประเด็น", max_length=100, blank=True)
    addresses_indicators = models.JSONField("ตัวชี้วัดที่มาตรการนี้แก้ไข", default=list, blank=True)
    addresses_items = models.JSONField("ข้อที่มาตรการนี้แก้ไข", default=list, blank=True)
    responsible_unit = models.ForeignKey("agencies.Unit", on_delete=models.SET_NULL, null=True, blank=True,
                                         related_name="responsible_for", verbose_name="ผู้รับผิดชอบ")
    responsible_all = models.BooleanField("ทุกกอง/สำนักรับผิดชอบ", default=False)
    responsible_detail = models.CharField("งาน/ผู้รับผิดชอบโดยละเอียด", max_length=200, blank=True)
    supporting_units = models.ManyToManyField("agencies.Unit", blank=True, related_name="supporting",
                                              verbose_name="ผู้สนับสนุน")
    supporting_note = models.CharField("ผู้สนับสนุนอื่น", max_length=500, blank=True)
    start = models.DateField("เริ่ม", null=True, blank=True)
    end = models.DateField("สิ้นสุด", null=True, blank=True)
    follow_up = models.TextField("การติดตามผล", blank=True)
    evidence = models.TextField("หลักฐาน/ผลผลิต", blank=True)
    oit_items = models.JSONField("ข้อ OIT ที่เกี่ยวข้อง", default=list, blank=True)
    # The measure of last year's plan this one was carried from (its progress is last year's result).
    carried_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                     verbose_name="ยกมาจากมาตรการปีก่อน")

    AUDIT_FIELDS = ("title", "purpose", "addresses_indicators", "addresses_items", "responsible_unit",
                    "responsible_all", "responsible_detail", "supporting_units", "supporting_note", "start", "end",
                    "follow_up", "evidence", "oit_items")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "มาตรการ"

    def __str__(self) -> str:
        return self.title

    @property
    def responsible_text(self) -> str:
        if self.responsible_all:
            from prongsai.planning.catalogue import all_units_name

            everyone = all_units_name(self.plan.agency.agency_type)
            return everyone + (f" ({self.responsible_detail})" if self.responsible_detail else "")
        if self.responsible_unit_id:
            name = self.responsible_unit.name
            return f"{name} ({self.responsible_detail})" if self.responsible_detail else name
        return self.responsible_detail or "ยังไม่มอบหมาย"

    @property
    def supporting_text(self) -> str:
        names = [u.name for u in self.supporting_units.all()]
        if self.supporting_note:
            names.append(self.supporting_note)
        return ", ".join(names)

    @property
    def evidence_list(self) -> list[str]:
        return [line.strip() for line in self.evidence.splitlines() if line.strip()]

    def previous_year(self) -> Any:
        """Last year's progress of the measure this one was carried from ("ผลปีที่แล้ว"), read-only;
        None for a measure not carried (prongsai.web.plans.carry_forward)."""
        if not self.carried_from_id:
            return None
        cached = getattr(self, "_previous_year", None)
        if cached is None:
            from prongsai.web.plans.carry_forward import previous_year

            cached = self._previous_year = previous_year(self)
        return cached

    def involves_unit(self, unit_id: int) -> bool:
        if self.responsible_all or self.responsible_unit_id == unit_id:
            return True
        return self.supporting_units.filter(pk=unit_id).exists()


class Step(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="steps", verbose_name="มาตรการ")
    order = models.PositiveIntegerField("ลำดับ", default=0)
    text = models.TextField("ขั้นตอน")

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "ขั้นตอน"

    def __str__(self) -> str:
        return self.text[:80]


class ProgressEntry(models.Model):
    STATUSES = list(STATUS_TH.items())

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="progress_entries")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="progress_entries",
                                verbose_name="มาตรการ")
    lineage = models.UUIDField(db_index=True, editable=False)
    as_of = models.DateField("ข้อมูล ณ วันที่", default=date.today)
    status = models.CharField("สถานะ", max_length=12, choices=STATUSES, default="in_progress")
    done = models.TextField("สิ่งที่ดำเนินการแล้ว", blank=True)
    result = models.TextField("ผลการดำเนินการ", blank=True)
    outcome = models.TextField("ผลลัพธ์หรือความสำเร็จ", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    AUDIT_FIELDS = ("as_of", "status", "done", "result", "outcome")

    class Meta:
        ordering = ["-as_of", "-id"]
        verbose_name = "ผลการดำเนินการ"
        indexes = [models.Index(fields=["agency", "lineage", "-as_of"])]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.as_of})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.lineage is None and self.measure_id:
            self.lineage = self.measure.lineage
        super().save(*args, **kwargs)


def evidence_path(instance: Evidence, filename: str) -> str:
    suffix = Path(filename).suffix.lower()
    return f"agency-{instance.agency_id}/evidence/{uuid.uuid4().hex}{suffix}"


class Evidence(models.Model):
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="evidence")
    entry = models.ForeignKey(ProgressEntry, on_delete=models.CASCADE, related_name="evidence",
                              verbose_name="ผลการดำเนินการ")
    file = models.FileField("ไฟล์", upload_to=evidence_path, blank=True, max_length=300)
    url = models.URLField("ลิงก์", blank=True, max_length=1000)
    name = models.CharField("ชื่อ", max_length=255)
    size = models.PositiveBigIntegerField("ขนาด", default=0)
    content_type = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "หลักฐาน"

    def __str__(self) -> str:
        return self.name

    @property
    def is_file(self) -> bool:
        return bool(self.file)


@receiver(post_delete, sender=Evidence)
def _remove_evidence_file(sender: type, instance: Evidence, **kwargs: Any) -> None:
    """Remove the stored file once the deletion is committed (not if it is rolled back)."""
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
