"""The audit log: who changed what, who signed in and who downloaded what, when.

Append-only at the model level: an entry can be created, never updated or deleted (not by
save(), delete(), QuerySet.update() or QuerySet.delete()); users and agencies that have entries
cannot be deleted either. Outside the application (raw SQL) the hash chain makes any change
visible: each entry is chained to the one before it (prongsai.audit_chain) and `AuditHead` keeps
the newest link, updated in the same transaction, so `prongsai audit verify` also notices a
removed tail."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models, router, transaction
from django.utils import timezone

from prongsai import audit_chain


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

    def bulk_create(self, *args: Any, **kwargs: Any) -> Any:
        # bulk_create skips save(), which is where an entry is chained.
        raise AppendOnlyError("บันทึกการเปลี่ยนแปลงต้องเพิ่มทีละรายการ")


class AuditHead(models.Model):
    """The chain's newest link (one row). Without it, deleting the newest entries would leave a
    shorter chain that still verifies; appending locks this row, so entries never share a predecessor."""

    ROW = 1

    seq = models.PositiveBigIntegerField("ลำดับล่าสุด", default=0)
    hash = models.CharField("รหัสตรวจสอบล่าสุด", max_length=64, default=audit_chain.GENESIS)

    class Meta:
        verbose_name = "รายการล่าสุดของบันทึกการเปลี่ยนแปลง"

    @classmethod
    def locked(cls, using: str) -> AuditHead:
        """The head row, locked until the caller's transaction ends (PostgreSQL: FOR UPDATE; SQLite
        serialises writers anyway, as every transaction starts IMMEDIATE)."""
        head = cls.objects.using(using).select_for_update().filter(pk=cls.ROW).first()
        if head is None:  # a database emptied by flush (TransactionTestCase); a real one has it from migration 0003
            head, _ = cls.objects.using(using).select_for_update().get_or_create(pk=cls.ROW)
        return head


class AuditEntry(models.Model):
    CREATE, UPDATE, DELETE = "create", "update", "delete"
    LOGIN, LOGIN_FAILED, LOGOUT, DOWNLOAD = "login", "login_failed", "logout", "download"
    READ = "read"  # opening a report of corruption (prongsai.web.complaints): who read which, when
    ACTIONS = [(CREATE, "เพิ่ม"), (UPDATE, "แก้ไข"), (DELETE, "ลบ"), (LOGIN, "เข้าสู่ระบบ"),
               (LOGIN_FAILED, "เข้าสู่ระบบไม่สำเร็จ"), (LOGOUT, "ออกจากระบบ"), (DOWNLOAD, "ดาวน์โหลด"),
               (READ, "เปิดอ่าน")]
    # What the audit pages filter by: kind → (Thai label, actions).
    KINDS = {
        "change": ("การเปลี่ยนแปลงข้อมูล", (CREATE, UPDATE, DELETE)),
        "signin": ("การเข้าและออกจากระบบ", (LOGIN, LOGIN_FAILED, LOGOUT)),
        "download": ("การดาวน์โหลด", (DOWNLOAD,)),
        "read": ("การเปิดอ่านเรื่องร้องเรียน", (READ,)),
    }

    seq = models.PositiveBigIntegerField("ลำดับ", unique=True, editable=False)
    prev_hash = models.CharField("รหัสตรวจสอบของรายการก่อนหน้า", max_length=64, editable=False)
    hash = models.CharField("รหัสตรวจสอบ", max_length=64, editable=False)
    at = models.DateTimeField("เวลา", default=timezone.now, editable=False, db_index=True)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="audit_entries", verbose_name="หน่วยงาน")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="audit_entries", verbose_name="ผู้ใช้")
    username = models.CharField("ชื่อผู้ใช้", max_length=150, blank=True)
    action = models.CharField("การกระทำ", max_length=20, choices=ACTIONS)
    object_type = models.CharField("ประเภทข้อมูล", max_length=60)
    object_id = models.CharField("รหัสข้อมูล", max_length=64, blank=True)
    summary = models.CharField("รายการ", max_length=300)
    changes = models.JSONField("สิ่งที่เปลี่ยน", default=dict, blank=True)
    address = models.CharField("ที่อยู่เครื่อง", max_length=45, blank=True)

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
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        self._as_stored()
        with transaction.atomic(using=using):
            head = AuditHead.locked(using)
            # The time is taken under the lock, so times never run backwards along the chain.
            self.at = timezone.now()
            self._chain_after(head.seq, head.hash)
            super().save(*args, **kwargs)
            AuditHead.objects.using(using).filter(pk=head.pk).update(seq=self.seq, hash=self.hash)

    @classmethod
    def append_many(cls, entries: list[AuditEntry], using: str | None = None) -> None:
        """Chain and write many new entries under one lock of the head (a bulk import's): the same
        chain as one save() each, without a lock, a read and two writes per entry."""
        if not entries:
            return
        using = using or router.db_for_write(cls)
        with transaction.atomic(using=using):
            head = AuditHead.locked(using)
            now = timezone.now()
            seq, last = head.seq, head.hash
            for entry in entries:
                if not entry._state.adding:
                    raise AppendOnlyError("บันทึกการเปลี่ยนแปลงแก้ไขไม่ได้")
                entry._as_stored()
                entry.at = now
                entry._chain_after(seq, last)
                seq, last = entry.seq, entry.hash
            models.QuerySet(cls, using=using).bulk_create(entries, batch_size=1000)
            AuditHead.objects.using(using).filter(pk=head.pk).update(seq=seq, hash=last)

    def _as_stored(self) -> None:
        # Hash what the database will give back: plain str (not lazy or safe strings) and JSON
        # that has made the round trip (tuples become lists, keys become strings).
        for name in ("username", "action", "object_type", "object_id", "summary", "address"):
            setattr(self, name, str(getattr(self, name) or ""))
        self.changes = json.loads(json.dumps(self.changes or {}, ensure_ascii=False))

    def _chain_after(self, seq: int, prev_hash: str) -> None:
        self.seq, self.prev_hash = seq + 1, prev_hash
        self.hash = audit_chain.entry_hash(self.prev_hash, self.chain_content())

    def chain_content(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in audit_chain.CONTENT_FIELDS}

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("บันทึกการเปลี่ยนแปลงลบไม่ได้")

    @property
    def change_rows(self) -> list[tuple[str, Any, Any]]:
        return [(field, pair[0], pair[1]) for field, pair in (self.changes or {}).items()]
