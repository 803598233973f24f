"""The audit log: who changed what, when. Append-only at the model level: an entry can be
created, never updated or deleted (not by save(), delete(), QuerySet.update() or
QuerySet.delete()); users and agencies that have entries cannot be deleted either."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AppendOnlyError(RuntimeError):
    """Someone tried to change or remove an audit entry."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("บันทึกการเปลี่ยนแปลงแก้ไขไม่ได้")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("บันทึกการเปลี่ยนแปลงลบไม่ได้")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AppendOnlyError("บันทึกการเปลี่ยนแปลงแก้ไขไม่ได้")

    def update_or_create(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("บันทึกการเปลี่ยนแปลงแก้ไขไม่ได้")


class AuditEntry(models.Model):
    CREATE, UPDATE, DELETE = "create", "update", "delete"
    ACTIONS = [(CREATE, "เพิ่ม"), (UPDATE, "แก้ไข"), (DELETE, "ลบ")]

    at = models.DateTimeField("เวลา", auto_now_add=True, db_index=True)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="audit_entries", verbose_name="หน่วยงาน")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="audit_entries", verbose_name="ผู้ใช้")
    username = models.CharField("ชื่อผู้ใช้", max_length=150, blank=True)
    action = models.CharField("การกระทำ", max_length=10, choices=ACTIONS)
    object_type = models.CharField("ประเภทข้อมูล", max_length=60)
    object_id = models.CharField("รหัสข้อมูล", max_length=64, blank=True)
    summary = models.CharField("รายการ", max_length=300)
    changes = models.JSONField("สิ่งที่เปลี่ยน", default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["agency", "-at"])]
        verbose_name = "บันทึกการเปลี่ยนแปลง"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.get_action_display()} {self.summary}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("บันทึกการเปลี่ยนแปลงแก้ไขไม่ได้")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("บันทึกการเปลี่ยนแปลงลบไม่ได้")

    @property
    def change_rows(self) -> list[tuple[str, Any, Any]]:
        return [(field, pair[0], pair[1]) for field, pair in (self.changes or {}).items()]
