"""Who may do what with the agency's assets and loans.

- Editors of the unit in charge of an asset, and the agency-wide editors and admins, keep the
  catalogue and hand loans over and take them back.
- Approvers approve or refuse requests: the agency's admins, and the members the admins named
  approvers (Approver, tied to the membership) — a member with the viewer role may be one, as the
  ปลัด often is. Nobody approves their own request.
- Members who may edit ask to borrow for official work; viewers and supervisors read only (a
  supervisor's POST is a 403, like everywhere else)."""

from __future__ import annotations

from typing import Any

from prongsai.web.agencies.access import AgencyAccess

MEMBER_ROLES = ("admin", "editor", "viewer")


def is_member(access: AgencyAccess) -> bool:
    return access.role in MEMBER_ROLES


def is_designated_approver(access: AgencyAccess) -> bool:
    from prongsai.web.borrowing.models import Approver

    if not is_member(access) or access.user is None:
        return False
    return Approver.objects.filter(membership__agency=access.agency, membership__user=access.user).exists()


def can_approve(access: AgencyAccess) -> bool:
    if access.role == "supervisor":
        return False
    return access.can_manage or is_designated_approver(access)


def can_add_assets(access: AgencyAccess) -> bool:
    return access.can_edit


def can_manage_asset(access: AgencyAccess, asset: Any) -> bool:
    if not access.can_edit:
        return False
    return not access.is_unit_staff or asset.unit_id == access.unit.pk


def can_handle(access: AgencyAccess, loan: Any) -> bool:
    """Hand over and take back: every asset of the loan must be one the user manages."""
    if not access.can_edit:
        return False
    if not access.is_unit_staff:
        return True
    return all(line.asset.unit_id == access.unit.pk for line in loan.lines.all())


def can_request(access: AgencyAccess) -> bool:
    """Ask to borrow for official work: a member who may edit (the system administrator is not
    the agency's staff)."""
    return access.role in ("admin", "editor")


def can_cancel(access: AgencyAccess, loan: Any) -> bool:
    if access.role == "supervisor":
        return False
    own = access.user is not None and loan.borrower_user_id == access.user.pk and is_member(access)
    return own or can_handle(access, loan)
