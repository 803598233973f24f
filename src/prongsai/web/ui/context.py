"""Context every template gets: the agency being worked on (when the view is agency-scoped),
the user's role in it, and whether the user supervises other agencies."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from prongsai import __version__


def workspace(request: HttpRequest) -> dict[str, Any]:
    if getattr(request, "is_public", False):
        # A public page (prongsai.web.public) names its agency itself and knows no user: nothing
        # here may override it or look the visitor up.
        return {"version": __version__}
    access = getattr(request, "access", None)
    user = getattr(request, "user", None)
    supervisor = False
    if user is not None and user.is_authenticated:
        from prongsai.web.agencies.access import is_supervisor

        supervisor = is_supervisor(user)
    return {
        "access": access,
        "agency": access.agency if access else None,
        "is_supervisor": supervisor,
        "version": __version__,
    }
