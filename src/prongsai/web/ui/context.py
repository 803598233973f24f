"""Context every template gets: the agency being worked on (when the view is agency-scoped),
the user's role in it, and whether the user supervises other agencies."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from prongsai import __version__


def workspace(request: HttpRequest) -> dict[str, Any]:
    access = getattr(request, "access", None)
    user = getattr(request, "user", None)
    supervisor = False
    if user is not None and user.is_authenticated:
        supervisor = user.is_superuser or getattr(user, "_is_supervisor", None)
        if supervisor is None:
            from prongsai.web.agencies.models import SupervisorScope

            supervisor = SupervisorScope.objects.filter(user=user).exists()
            user._is_supervisor = supervisor
    return {
        "access": access,
        "agency": access.agency if access else None,
        "is_supervisor": supervisor,
        "version": __version__,
    }
