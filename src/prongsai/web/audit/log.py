"""Recording changes, sign-ins and downloads. Views and model methods call `created`, `updated`
and `deleted` inside the same transaction as the change, so a change and its log entry are saved
together or not at all. Sign-ins are logged from Django's auth signals (AuditConfig.ready) and
downloads by the download views (`downloaded`); those have no agency but the download's.

A snapshot is a {Thai field label: text} mapping of the fields that matter to a person, so the
log reads "สถานะ: ร่าง → อนุมัติแล้ว" rather than database columns.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.db import models

from prongsai.thai import format_date
from prongsai.web.audit.models import AuditEntry

Snapshot = dict[str, str]


def _text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, datetime):
        return format_date(value.date(), thai=False) + value.strftime(" %H:%M")
    if isinstance(value, date):
        return format_date(value, thai=False)
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_text(v)}" for k, v in value.items())
    if isinstance(value, list | tuple | set):
        return ", ".join(_text(v) for v in value)
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str]) -> Snapshot:
    """The named fields of `obj` as {label: text}; many-to-many fields list the related names."""
    out: Snapshot = {}
    for name in fields:
        field = obj._meta.get_field(name)
        label = str(getattr(field, "verbose_name", name))
        if field.many_to_many:
            value = sorted(str(o) for o in getattr(obj, name).all()) if obj.pk else []
        elif field.choices:
            value = getattr(obj, f"get_{name}_display")()
        else:
            value = getattr(obj, name)
        out[label] = _text(value)
    return out


def diff(before: Mapping[str, str], after: Mapping[str, str]) -> dict[str, list[str]]:
    keys = list(dict.fromkeys([*before, *after]))
    return {k: [before.get(k, ""), after.get(k, "")] for k in keys if before.get(k, "") != after.get(k, "")}


def _user_fields(user: Any) -> dict[str, Any]:
    if user is None or not getattr(user, "is_authenticated", False):
        return {"user": None, "username": "ระบบ"}
    return {"user": user, "username": user.get_username()}


def client_address(request: Any) -> str:
    """The client's address as the login throttle sees it: the peer, or the address the
    configured proxy forwarded (prongsai.web.client_address)."""
    if request is None:
        return ""
    from prongsai.web.client_address import client_address as address_of

    return (address_of(request) or "")[:45]


def entry(user: Any, agency: Any, action: str, object_type: str, obj: Any, summary: str,
          changes: Mapping[str, list[str]] | None = None, address: str = "") -> AuditEntry:
    """An entry not written yet: `record` writes one, `append_many` a batch of them."""
    object_id = "" if obj is None else str(getattr(obj, "pk", obj) or "")
    return AuditEntry(
        agency=agency, action=action, object_type=object_type[:60], object_id=object_id[:64],
        summary=summary[:300], changes=dict(changes or {}), address=address[:45], **_user_fields(user),
    )


def record(user: Any, agency: Any, action: str, object_type: str, obj: Any, summary: str,
           changes: Mapping[str, list[str]] | None = None, address: str = "") -> AuditEntry:
    written = entry(user, agency, action, object_type, obj, summary, changes, address)
    written.save()
    return written


def append_many(entries: list[AuditEntry]) -> None:
    """Entries made by `entry`, chained and written in one go (a bulk import's many changes)."""
    AuditEntry.append_many(entries)


def created(user: Any, agency: Any, object_type: str, obj: Any, summary: str,
            after: Mapping[str, str] | None = None) -> AuditEntry:
    changes = {k: ["", v] for k, v in (after or {}).items() if v != ""}
    return record(user, agency, AuditEntry.CREATE, object_type, obj, summary, changes)


def updated(user: Any, agency: Any, object_type: str, obj: Any, summary: str,
            before: Mapping[str, str], after: Mapping[str, str]) -> AuditEntry | None:
    """Logs the change, or nothing when no field changed."""
    changes = diff(before, after)
    if not changes:
        return None
    return record(user, agency, AuditEntry.UPDATE, object_type, obj, summary, changes)


def deleted(user: Any, agency: Any, object_type: str, obj: Any, summary: str,
            before: Mapping[str, str] | None = None) -> AuditEntry:
    changes = {k: [v, ""] for k, v in (before or {}).items() if v != ""}
    return record(user, agency, AuditEntry.DELETE, object_type, obj, summary, changes)


def downloaded(request: Any, agency: Any, object_type: str, obj: Any, name: str) -> AuditEntry:
    return record(request.user, agency, AuditEntry.DOWNLOAD, object_type, obj, f"ดาวน์โหลด{object_type} {name}",
                  address=client_address(request))


def read(request: Any, agency: Any, object_type: str, obj: Any, summary: str) -> AuditEntry:
    """Someone opened something sealed (a report of corruption): who, which and when, never what it says."""
    return record(request.user, agency, AuditEntry.READ, object_type, obj, summary, address=client_address(request))


def signed_in(request: Any, user: Any) -> AuditEntry:
    return record(user, None, AuditEntry.LOGIN, "ผู้ใช้", user, f"{user.get_username()} เข้าสู่ระบบ",
                  address=client_address(request))


def signed_out(request: Any, user: Any) -> AuditEntry | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None  # logging out without a session: nothing happened
    return record(user, None, AuditEntry.LOGOUT, "ผู้ใช้", user, f"{user.get_username()} ออกจากระบบ",
                  address=client_address(request))


def sign_in_failed(request: Any, username: str) -> AuditEntry:
    """Only the name that was typed (never the password), and no account link: the name may not
    exist, and an attempt on someone's account is not that person's action."""
    username = " ".join(str(username or "").split())[:150]
    return AuditEntry.objects.create(
        agency=None, user=None, username=username, action=AuditEntry.LOGIN_FAILED, object_type="ผู้ใช้",
        summary=f"เข้าสู่ระบบด้วยชื่อ {username or '(ว่าง)'} ไม่สำเร็จ"[:300], address=client_address(request),
    )
