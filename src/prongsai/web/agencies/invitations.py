"""Inviting an existing account into an agency. Each step validates, then changes the invitation
(and, on acceptance, creates the membership) and writes its audit entry in one transaction."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from prongsai.web.agencies.models import Agency, Invitation, Membership, Unit
from prongsai.web.audit import log

OBJECT_TYPE = "คำเชิญเข้าร่วมหน่วยงาน"

# Why a closed invitation cannot be answered or withdrawn, by status.
CLOSED = {
    Invitation.ACCEPTED: "ตอบรับคำเชิญนี้แล้ว",
    Invitation.DECLINED: "ผู้ได้รับเชิญปฏิเสธคำเชิญนี้แล้ว",
    Invitation.WITHDRAWN: "หน่วยงานยกเลิกคำเชิญนี้แล้ว",
    Invitation.EXPIRED: "คำเชิญนี้หมดอายุแล้ว โปรดขอให้ผู้ดูแลของหน่วยงานส่งคำเชิญใหม่",
}


class InvitationClosed(Exception):
    """The invitation was already answered, withdrawn or has expired; the message is Thai."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _snapshot(invitation: Invitation) -> dict[str, str]:
    return log.snapshot(invitation, Invitation.AUDIT_FIELDS)


def _close_expired(**filters: Any) -> None:
    """Marks invitations past their expiry as expired, so they stop blocking a new one."""
    Invitation.objects.filter(status=Invitation.PENDING, expires_at__lte=timezone.now(), **filters).update(
        status=Invitation.EXPIRED)


ALREADY_INVITED = "มีคำเชิญที่รอการตอบรับอยู่แล้ว ดูได้ในรายการคำเชิญด้านล่าง"


def has_open(agency: Agency, user: Any) -> bool:
    return Invitation.objects.open().filter(agency=agency, user=user).exists()


def send(by: Any, agency: Agency, user: Any, role: str, unit: Unit | None) -> Invitation:
    with transaction.atomic():
        _close_expired(agency=agency, user=user)
        invitation = Invitation.objects.create(
            agency=agency, user=user, role=role, unit=unit, invited_by=by,
            expires_at=timezone.now() + timedelta(days=Invitation.LIFETIME_DAYS))
        log.created(by, agency, OBJECT_TYPE, invitation,
                    f"เชิญ {user.get_username()} เข้าร่วมหน่วยงานเป็น{invitation.get_role_display()}"
                    f" (มีอายุ {Invitation.LIFETIME_DAYS} วัน)",
                    _snapshot(invitation))
    return invitation


def _close(actor: Any, invitation: Invitation, status: str, summary: str) -> Invitation:
    """Moves a still-open invitation to `status`; the row is re-read under a lock so two clicks
    (accept in one tab, withdraw in another) cannot both win."""
    current = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if current.status == Invitation.PENDING and current.expires_at <= timezone.now():
        current.status = Invitation.EXPIRED
        current.save(update_fields=["status"])
    if current.status != Invitation.PENDING:
        raise InvitationClosed(CLOSED[current.status])
    before = _snapshot(current)
    current.status = status
    current.responded_at = timezone.now()
    current.save(update_fields=["status", "responded_at"])
    log.updated(actor, current.agency, OBJECT_TYPE, current, summary, before, _snapshot(current))
    return current


def accept(user: Any, invitation: Invitation) -> Membership:
    username = user.get_username()
    with transaction.atomic():
        invitation = _close(user, invitation, Invitation.ACCEPTED, f"{username} ตอบรับคำเชิญเข้าร่วมหน่วยงาน")
        existing = Membership.objects.filter(user=user, agency=invitation.agency).first()
        if existing is not None:
            return existing  # already a member some other way: the role given then stays
        member = Membership.objects.create(user=user, agency=invitation.agency, role=invitation.role,
                                           unit=invitation.unit)
        inviter = invitation.invited_by.get_username() if invitation.invited_by else "ผู้ดูแลของหน่วยงาน"
        log.created(user, invitation.agency, "สมาชิก", member,
                    f"{username} เข้าร่วมหน่วยงานเป็น{member.get_role_display()} ตามคำเชิญของ {inviter}",
                    log.snapshot(member, Membership.AUDIT_FIELDS))
    return member


def decline(user: Any, invitation: Invitation) -> Invitation:
    with transaction.atomic():
        return _close(user, invitation, Invitation.DECLINED, f"{user.get_username()} ปฏิเสธคำเชิญเข้าร่วมหน่วยงาน")


def withdraw(by: Any, invitation: Invitation) -> Invitation:
    with transaction.atomic():
        return _close(by, invitation, Invitation.WITHDRAWN, f"ยกเลิกคำเชิญ {invitation.user.get_username()}")
