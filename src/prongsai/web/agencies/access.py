"""Who may see and change which agency. Every agency-scoped view goes through `agency_view`:
an agency the user cannot see is a 404 (as if it did not exist), an action the user's role does
not allow is a 403. Objects inside an agency are always looked up with `agency=access.agency`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from prongsai.web.agencies.models import Agency, Membership, SupervisorScope, Unit

VIEW, EDIT, MANAGE = "view", "edit", "manage"
# The view checks a duty of its own (prongsai.web.complaints.officer) instead of the role.
DUTY = "duty"
ROLE_TH = {"admin": "ผู้ดูแล", "editor": "ผู้บันทึก", "viewer": "ผู้ดู", "supervisor": "ผู้กำกับดูแล",
           "superuser": "ผู้ดูแลระบบ"}


@dataclass(frozen=True)
class AgencyAccess:
    agency: Agency
    role: str  # admin, editor, viewer, supervisor or superuser
    unit: Unit | None = None
    user: Any = None
    complaint_officer: bool = False  # the member's duty to handle reports of corruption

    @property
    def can_edit(self) -> bool:
        return self.role in ("admin", "editor", "superuser")

    @property
    def can_manage(self) -> bool:
        return self.role in ("admin", "superuser")

    @property
    def role_th(self) -> str:
        return ROLE_TH[self.role]

    def allows(self, need: str) -> bool:
        return need == VIEW or (need == EDIT and self.can_edit) or (need == MANAGE and self.can_manage)

    @property
    def is_unit_staff(self) -> bool:
        """An editor tied to one unit: handles that unit's measures only (as the members page says)."""
        return self.role == "editor" and self.unit is not None

    @property
    def can_plan(self) -> bool:
        """Agency-wide plan work (a new plan, a new version): editors of the whole agency and up."""
        return self.can_edit and not self.is_unit_staff

    def can_record_for(self, measure: Any) -> bool:
        """Unit staff record progress only for measures their unit leads (or every unit leads):
        a supporting unit does not report, or its entry would overwrite the lead unit's status."""
        if not self.can_edit:
            return False
        if not self.is_unit_staff:
            return True
        return measure.responsible_all or measure.responsible_unit_id == self.unit.pk

    def can_change_measure(self, measure: Any) -> bool:
        """Unit staff edit, move and delete only measures their unit leads; a measure of every unit
        belongs to the whole agency."""
        if not self.can_edit:
            return False
        return not self.is_unit_staff or measure.responsible_unit_id == self.unit.pk


def supervisor_scopes(user: Any) -> list[SupervisorScope]:
    """The user's supervisor scopes, read once per request: the menu, the access check and the
    page all ask, and request.user lives only as long as its request."""
    scopes = getattr(user, "_supervisor_scopes", None)
    if scopes is None:
        scopes = list(SupervisorScope.objects.filter(user=user))
        user._supervisor_scopes = scopes
    return scopes


def supervisor_q(user: Any) -> Q | None:
    """The agencies a supervisor reads, as a filter; None when the user supervises nothing."""
    scopes = supervisor_scopes(user)
    if not scopes:
        return None
    q = Q(pk__in=[])
    for scope in scopes:
        q |= scope.as_q()
    return q


def visible_agencies(user: Any) -> QuerySet[Agency]:
    if not user.is_authenticated:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    q = Q(pk__in=Membership.objects.filter(user=user).values("agency_id"))
    sup = supervisor_q(user)
    if sup is not None:
        q |= sup
    return Agency.objects.filter(q)


def is_supervisor(user: Any) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(supervisor_scopes(user)))


def access_for(user: Any, agency_id: int) -> AgencyAccess:
    """The user's access to an agency; Http404 when the user may not see it."""
    if not user.is_authenticated:
        raise Http404
    if not user.is_superuser:
        # A member's page (nearly every request) needs one query: the membership with its agency.
        membership = (Membership.objects.select_related("agency", "unit")
                      .filter(user=user, agency_id=agency_id).first())
        if membership is not None:
            return AgencyAccess(membership.agency, membership.role, membership.unit, user,
                                membership.complaint_officer)
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        raise Http404
    if user.is_superuser:
        # The system administrator reads every agency, but reports of corruption only where a
        # membership gives the duty (prongsai.web.complaints.officer).
        duty = Membership.objects.filter(user=user, agency=agency, complaint_officer=True).exists()
        return AgencyAccess(agency, "superuser", None, user, duty)
    sup = supervisor_q(user)
    if sup is not None and Agency.objects.filter(sup, pk=agency.pk).exists():
        return AgencyAccess(agency, "supervisor", None, user)
    raise Http404


def agency_view(need: str = VIEW, methods: tuple[str, ...] = ("GET", "HEAD", "POST")) -> Callable:
    """Decorator for views taking `agency_id`: resolves it into `access` (first argument after
    the request), 404 for an agency the user cannot see, 403 when the role is not enough, and 405
    for other HTTP methods. For views with need=VIEW that also accept POST, the POST needs EDIT."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, agency_id: int, *args: Any, **kwargs: Any) -> HttpResponse:
            from django.http import HttpResponseNotAllowed

            access = access_for(request.user, agency_id)
            if request.method not in methods:
                return HttpResponseNotAllowed(methods)
            required = EDIT if (need == VIEW and request.method == "POST") else need
            if need != DUTY and not access.allows(required):
                raise PermissionDenied
            request.access = access  # type: ignore[attr-defined]
            return view(request, access, *args, **kwargs)

        wrapper.agency_scoped = True  # type: ignore[attr-defined]
        wrapper.methods = methods  # type: ignore[attr-defined]
        wrapper.need = need  # type: ignore[attr-defined]
        return wrapper

    return decorate
