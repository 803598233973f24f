"""Login rate limiting: after LOGIN_FAILURES_PER_USERNAME failed logins for one user name, or
LOGIN_FAILURES_PER_ADDRESS from one address, within LOGIN_LOCKOUT_SECONDS, further attempts
are refused (even with the right password) until the window has passed. Counts live in the
Django cache; a successful login clears the user name's count."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode("utf-8")).hexdigest()[:32]
    return f"login-fail:{kind}:{digest}"


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def is_locked(request: HttpRequest, username: str) -> bool:
    per_user = cache.get(_key("user", username), 0)
    per_addr = cache.get(_key("addr", client_address(request)), 0)
    return per_user >= settings.LOGIN_FAILURES_PER_USERNAME or per_addr >= settings.LOGIN_FAILURES_PER_ADDRESS


def _bump(key: str) -> None:
    timeout = settings.LOGIN_LOCKOUT_SECONDS
    if cache.add(key, 1, timeout):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout)


def record_failure(request: HttpRequest, username: str) -> None:
    _bump(_key("user", username))
    _bump(_key("addr", client_address(request)))


def record_success(username: str) -> None:
    cache.delete(_key("user", username))


def lockout_minutes() -> int:
    return max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)
