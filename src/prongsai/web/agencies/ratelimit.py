"""Login throttling on django-axes: axes records every failed and successful login in the database
(so every worker process sees the same counts, and they survive a restart), clears one account's
count from one address when it signs in there, and offers `python -m prongsai.web
axes_reset_username NAME` to the system administrator. When a login pauses is decided by
login_backoff, from the counts axes keeps."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

from prongsai.web.agencies import login_backoff

# An address the owner signed in from within this time is spared the account-wide pause.
KNOWN_ADDRESS = timedelta(days=90)


def rules() -> login_backoff.Rules:
    return login_backoff.Rules(**settings.LOGIN_BACKOFF)


def throttle_username(request: Any, credentials: dict | None) -> str | None:
    """The name that counts: case and spacing make no other account here (names are unique
    ignoring case), so they must not make another counter either."""
    field = settings.AXES_USERNAME_FORM_FIELD
    raw = credentials.get(field) if credentials else getattr(request, "POST", {}).get(field)
    name = " ".join(str(raw or "").split()).lower()[:255]
    return name or None


def _failures(attempts: Any) -> login_backoff.Failures:
    row = attempts.aggregate(count=Sum("failures_since_start"), last=Max("attempt_time"))
    return login_backoff.Failures(row["count"] or 0, row["last"])


def paused_until(request: Any, credentials: dict | None) -> datetime | None:
    username = get_client_username(request, credentials)
    if not username:
        return None
    now = timezone.now()
    attempts = AccessAttempt.objects.filter(username=username, attempt_time__gte=now - get_cool_off(request))
    address = request.axes_ip_address
    pair = _failures(attempts.filter(ip_address=address))
    account = _failures(attempts)
    policy = rules()
    known = False
    if account.count >= policy.account_failures and address:
        known = AccessLog.objects.filter(username=username, ip_address=address,
                                         attempt_time__gte=now - KNOWN_ADDRESS).exists()
    return login_backoff.retry_at(pair, account, known, now, policy)


class LoginThrottle(AxesDatabaseHandler):
    """axes' database handler, locking by login_backoff instead of one fixed failure limit."""

    def is_locked(self, request: Any, credentials: dict | None = None) -> bool:
        return paused_until(request, credentials) is not None


def login_paused_until(request: Any, username: str) -> datetime | None:
    """For the login form: when this name may be tried again from this request's address."""
    AxesProxyHandler.update_request(request)
    return paused_until(request, {settings.AXES_USERNAME_FORM_FIELD: username})


def forget(username: str) -> int:
    """A new password ends the pause: every count for the account, from every address."""
    name = throttle_username(None, {settings.AXES_USERNAME_FORM_FIELD: username})
    return AxesProxyHandler.reset_attempts(username=name) if name else 0
