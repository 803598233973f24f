"""Who may open reports of corruption: only the members an agency admin made complaint officers
(Membership.complaint_officer). For everyone else — other members, the agency's admins who did
not give themselves the duty, supervisors, the system administrator without that membership — the
reports do not exist (404),
so the channel reveals nothing, not even how many reports there are beyond the public statistics."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from prongsai.web.agencies.access import DUTY, AgencyAccess, agency_view


def is_officer(access: AgencyAccess) -> bool:
    # Read with the membership by the access check: no query of its own. A supervisor as such has
    # no membership, so never the duty; the system administrator only where a membership gives it.
    return access.complaint_officer and access.role != "supervisor"


def officer_view(methods: tuple[str, ...] = ("GET", "HEAD", "POST")) -> Callable:
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def check(request: HttpRequest, access: AgencyAccess, *args: Any, **kwargs: Any) -> HttpResponse:
            if not is_officer(access):
                raise Http404
            return view(request, access, *args, **kwargs)

        # The duty, not the role, decides, for reading and for acting: a member with the viewer
        # role may be the agency's complaint officer.
        wrapped = agency_view(DUTY, methods=methods)(check)
        wrapped.officer_only = True  # type: ignore[attr-defined]
        return wrapped

    return decorate
