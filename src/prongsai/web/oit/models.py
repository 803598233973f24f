"""The OIT checklist: for each OIT item of a fiscal year's framework, who owns it, where it is on
the agency's website, whether it shows every component, and when it was last checked."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OitCheck(models.Model):
    TODO, MISSING, PARTIAL, DONE = "todo", "missing", "partial", "done"
    STATUSES = [(TODO, "ยังไม่ตรวจ"), (MISSING, "ยังไม่มีบนเว็บไซต์"), (PARTIAL, "มีแต่ไม่ครบองค์ประกอบ"),
                (DONE, "ครบถ้วน")]

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="oit_checks")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    code = models.CharField("ข้อ", max_length=8)
    owner = models.ForeignKey("agencies.Unit", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="oit_checks", verbose_name="ผู้รับผิดชอบ")
    url = models.URLField("ลิงก์บนเว็บไซต์ของหน่วยงาน", blank=True, max_length=1000)
    status = models.CharField("สถานะ", max_length=10, choices=STATUSES, default=TODO)
    components_done = models.JSONField("องค์ประกอบที่มีแล้ว", default=list, blank=True)  # indexes into item.components
    note = models.TextField("หมายเหตุ", blank=True)
    checked_on = models.DateField("ตรวจล่าสุดเมื่อ", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    AUDIT_FIELDS = ("owner", "url", "status", "components_done", "note", "checked_on")

    class Meta:
        verbose_name = "รายการตรวจ OIT"
        constraints = [models.UniqueConstraint(fields=["agency", "fiscal_year", "code"], name="one_check_per_item")]

    def __str__(self) -> str:
        return f"{self.code} ปี {self.fiscal_year}"


class OitRun(models.Model):
    """One readiness check of an agency's OIT pages (prongsai.oit_check), with its whole report."""

    RUNNING, DONE, FAILED = "running", "done", "failed"
    STATES = [(RUNNING, "กำลังตรวจ"), (DONE, "ตรวจเสร็จ"), (FAILED, "ตรวจไม่สำเร็จ")]
    USER, SCHEDULE = "user", "schedule"
    TRIGGERS = [(USER, "ผู้ใช้สั่งตรวจ"), (SCHEDULE, "ตรวจตามกำหนด")]

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="oit_runs")
    fiscal_year = models.PositiveSmallIntegerField("ปีงบประมาณ")
    state = models.CharField("สถานะ", max_length=10, choices=STATES, default=RUNNING)
    trigger = models.CharField("ที่มา", max_length=10, choices=TRIGGERS, default=USER)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    started_at = models.DateTimeField("เริ่มตรวจ", auto_now_add=True)
    finished_at = models.DateTimeField("ตรวจเสร็จ", null=True, blank=True)
    report = models.JSONField("ผลการตรวจ", default=dict, blank=True)  # oit_check.check.Report.as_json()
    problem = models.TextField("ปัญหา", blank=True)

    class Meta:
        verbose_name = "การตรวจความพร้อม OIT"
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["agency", "fiscal_year", "-started_at"])]

    def __str__(self) -> str:
        return f"ตรวจ OIT ปี {self.fiscal_year} {self.started_at:%Y-%m-%d %H:%M}"
