"""Agencies, their units, and who may do what in which agency."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Agency(models.Model):
    name = models.CharField("ชื่อหน่วยงาน", max_length=200)
    agency_type = models.CharField("ประเภทหน่วยงาน", max_length=60, blank=True)
    district = models.CharField("อำเภอ", max_length=100, blank=True)
    province = models.CharField("จังหวัด", max_length=100, blank=True, db_index=True)
    website = models.URLField("เว็บไซต์ของหน่วยงาน", blank=True)
    # A sector variant of the ITA framework (prongsai.ita.library), e.g. "ovec"; blank = general.
    framework_variant = models.CharField("กรอบการประเมินเฉพาะกลุ่ม", max_length=20, blank=True)
    # Which reading the agency follows where the variant's sources disagree (Framework.readings).
    framework_reading = models.CharField("ข้อความที่ใช้ในข้อที่แหล่งข้อมูลไม่ตรงกัน", max_length=20, blank=True)
    created_at = models.DateTimeField("สร้างเมื่อ", auto_now_add=True)

    AUDIT_FIELDS = ("name", "agency_type", "district", "province", "website", "framework_variant",
                    "framework_reading")

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "หน่วยงาน"
        indexes = [models.Index(fields=["province", "name"])]

    def __str__(self) -> str:
        return self.name

    def framework(self, year: int) -> Any:
        """The ITA framework the agency is assessed by in `year`: its sector variant's when the
        library has one for that year, read as the agency chose where sources disagree."""
        from prongsai.ita.library import get_framework, library

        variant = self.framework_variant if self.framework_variant in library().all_variants() else None
        return library().as_read(get_framework(year, variant), self.framework_reading or None)

    @property
    def place(self) -> str:
        parts = []
        if self.district:
            parts.append(f"อ.{self.district}")
        if self.province:
            parts.append(f"จ.{self.province}")
        return " ".join(parts)


class Unit(models.Model):
    """A กอง/สำนัก of the agency: measures and OIT items are assigned to units."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="units", verbose_name="หน่วยงาน")
    name = models.CharField("ชื่อกอง/สำนัก", max_length=150)
    order = models.PositiveIntegerField("ลำดับ", default=0)

    AUDIT_FIELDS = ("name",)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = "กอง/สำนัก"
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="unit_name_unique_per_agency")]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    ADMIN, EDITOR, VIEWER = "admin", "editor", "viewer"
    ROLES = [(ADMIN, "ผู้ดูแล"), (EDITOR, "ผู้บันทึก"), (VIEWER, "ผู้ดู")]
    ROLE_HELP = {
        ADMIN: "ทำได้ทุกอย่างในหน่วยงาน รวมถึงจัดการผู้ใช้ กอง/สำนัก อนุมัติแผน และดูบันทึกการเปลี่ยนแปลง",
        EDITOR: "บันทึกผลการประเมิน แก้ไขมาตรการ บันทึกผลการดำเนินการ และรายการ OIT",
        VIEWER: "ดูได้อย่างเดียว",
    }

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships",
                             verbose_name="ผู้ใช้")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships", verbose_name="หน่วยงาน")
    role = models.CharField("บทบาท", max_length=10, choices=ROLES, default=VIEWER)
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="members",
                             verbose_name="สังกัดกอง/สำนัก",
                             help_text="ผู้บันทึกที่สังกัดกอง/สำนัก บันทึกผลได้เฉพาะมาตรการของกอง/สำนักตน")
    # Reports of corruption are read only by the members given this duty (not by every member, the
    # agency's admins or supervisors as such): prongsai.web.complaints.officer.
    complaint_officer = models.BooleanField(
        "ผู้รับเรื่องร้องเรียน", default=False,
        help_text="เปิดอ่านและดำเนินการเรื่องร้องเรียนการทุจริตได้ ทุกครั้งที่เปิดอ่านจะถูกบันทึกไว้")
    created_at = models.DateTimeField(auto_now_add=True)

    AUDIT_FIELDS = ("role", "unit", "complaint_officer")

    class Meta:
        verbose_name = "สมาชิก"
        constraints = [models.UniqueConstraint(fields=["user", "agency"], name="one_membership_per_agency")]

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"


class SupervisorScope(models.Model):
    """A supervisor (provincial or district office, DLA, NACC regional office) reads every agency
    in the scope — a province (or one district of it), an agency type, both, or (all blank) every
    agency — and writes nothing but imported results (prongsai.web.imports)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervisor_scopes",
                             verbose_name="ผู้ใช้")
    province = models.CharField("จังหวัด", max_length=100, blank=True, help_text="เว้นว่าง = ทุกจังหวัด")
    district = models.CharField("อำเภอ", max_length=100, blank=True, help_text="เว้นว่าง = ทุกอำเภอของจังหวัด")
    agency_type = models.CharField("ประเภทหน่วยงาน", max_length=60, blank=True, help_text="เว้นว่าง = ทุกประเภท")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ขอบเขตการกำกับดูแล"

    def __str__(self) -> str:
        place = f"{self.province} อ.{self.district}" if self.district else (self.province or "ทุกจังหวัด")
        return f"{place} / {self.agency_type or 'ทุกประเภท'}"

    def as_q(self) -> Q:
        q = Q()
        if self.province:
            q &= Q(province=self.province)
        if self.district:
            q &= Q(district=self.district)
        if self.agency_type:
            q &= Q(agency_type=self.agency_type)
        return q

    def covers(self, province: str, district: str, agency_type: str) -> bool:
        """The same test as `as_q`, for an agency not in the database yet (a row being imported)."""
        return ((not self.province or self.province == province) and (not self.district or self.district == district)
                and (not self.agency_type or self.agency_type == agency_type))


class InvitationQuerySet(models.QuerySet):
    def open(self) -> InvitationQuerySet:
        """Invitations still waiting for an answer: pending and not past their expiry."""
        return self.filter(status=Invitation.PENDING, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An agency's offer of membership to an account that already exists. Nobody joins a second
    agency without saying yes: membership of another agency changes who may reset the account's
    password, so it needs the owner's consent. Accepting creates the Membership."""

    PENDING, ACCEPTED, DECLINED, WITHDRAWN, EXPIRED = "pending", "accepted", "declined", "withdrawn", "expired"
    STATUSES = [(PENDING, "รอการตอบรับ"), (ACCEPTED, "ตอบรับแล้ว"), (DECLINED, "ปฏิเสธแล้ว"),
                (WITHDRAWN, "ยกเลิกแล้ว"), (EXPIRED, "หมดอายุ")]
    LIFETIME_DAYS = 14

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="invitations", verbose_name="หน่วยงาน")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations",
                             verbose_name="ผู้ได้รับเชิญ")
    role = models.CharField("บทบาท", max_length=10, choices=Membership.ROLES, default=Membership.VIEWER)
    unit = models.ForeignKey(Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name="สังกัดกอง/สำนัก")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="ผู้เชิญ")
    status = models.CharField("สถานะ", max_length=10, choices=STATUSES, default=PENDING)
    created_at = models.DateTimeField("เชิญเมื่อ", auto_now_add=True)
    expires_at = models.DateTimeField("หมดอายุ")
    responded_at = models.DateTimeField("ตอบเมื่อ", null=True, blank=True)

    AUDIT_FIELDS = ("role", "unit", "status")

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "คำเชิญเข้าร่วมหน่วยงาน"
        constraints = [models.UniqueConstraint(fields=["user", "agency"], condition=Q(status="pending"),
                                               name="one_pending_invitation_per_agency")]

    def __str__(self) -> str:
        return f"{self.agency} → {self.user.get_username()} ({self.get_role_display()})"
