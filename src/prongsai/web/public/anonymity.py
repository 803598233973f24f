"""What every public page promises the people who use it: no account, no cookie, and nothing
that identifies them kept with what they send or in the logs.

- `public_view` lets a page through without login, sets no cookie (a staff member's session is
  not refreshed here either), forbids caches and referrers, and checks the form's origin instead
  of Django's CSRF cookie: a cross-site form is refused by its Origin header, which every current
  browser sends with a POST.
- `Throttle` counts requests per client without keeping the client's address: the count is kept
  under a keyed hash of the address, the key is random, lives in the cache and is replaced every
  few hours, after which nobody (not even us) can tell which address a count belonged to.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt

from prongsai.web.agencies.models import Agency

SALT_LIFETIME = 6 * 60 * 60  # seconds a hashing key lives before it is forgotten


def _salt(now: float) -> bytes:
    window = int(now // SALT_LIFETIME)
    key = f"public-salt:{window}"
    salt = cache.get(key)
    if salt is None:
        cache.add(key, secrets.token_bytes(32), SALT_LIFETIME + 60)
        salt = cache.get(key) or secrets.token_bytes(32)
    return salt


def client_tag(request: HttpRequest, now: float | None = None) -> str:
    """A short-lived pseudonym of the client's address: the same within one salt window, unlinkable after."""
    from prongsai.web.client_address import client_address

    address = (client_address(request) or "").encode("utf-8")
    return hmac.new(_salt(time.time() if now is None else now), address, hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class Throttle:
    """At most `limit` events of one kind per client in `window` seconds."""

    name: str
    limit: int
    window: int

    def _key(self, request: HttpRequest, now: float) -> str:
        return f"public-throttle:{self.name}:{int(now // self.window)}:{client_tag(request, now)}"

    def exceeded(self, request: HttpRequest) -> bool:
        now = time.time()
        return (cache.get(self._key(request, now)) or 0) >= self.limit

    def count(self, request: HttpRequest) -> None:
        now = time.time()
        key = self._key(request, now)
        if not cache.add(key, 1, self.window + 60):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, self.window + 60)


def same_origin(request: HttpRequest) -> bool:
    """A POST from our own pages: Origin (or, failing that, Referer) names this host. Requests
    without either (some privacy tools strip both) are let through: a forged report from another
    site is no worse than one sent directly, and nothing here acts on a signed-in user's behalf."""
    origin = request.headers.get("Origin") or request.headers.get("Referer")
    if not origin or origin == "null":
        return True
    return urlsplit(origin).netloc.lower() == request.get_host().lower()


def public_agency(agency_id: int) -> Agency:
    agency = Agency.objects.filter(pk=agency_id).first()
    if agency is None:
        raise Http404
    return agency


def public_view(methods: tuple[str, ...] = ("GET", "HEAD")) -> Callable:
    """Decorator for views under /p/<agency_id>/: the view receives the agency (404 when none)."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, agency_id: int, *args: Any, **kwargs: Any) -> HttpResponse:
            agency = public_agency(agency_id)
            request.is_public = True  # type: ignore[attr-defined]
            if request.method not in methods:
                response: HttpResponse = HttpResponseNotAllowed(methods)
            elif request.method == "POST" and not same_origin(request):
                response = render(request, "public/problem.html", {
                    "agency": agency, "title": "ส่งแบบฟอร์มไม่สำเร็จ",
                    "message": "แบบฟอร์มนี้ส่งมาจากเว็บไซต์อื่น กรุณาเปิดหน้านี้จากเว็บไซต์ของหน่วยงานแล้วส่งใหม่",
                }, status=403)
            else:
                response = view(request, agency, *args, **kwargs)
            return private_response(response)

        wrapper.public_page = True  # type: ignore[attr-defined]
        wrapper.methods = methods  # type: ignore[attr-defined]
        return login_not_required(csrf_exempt(wrapper))

    return decorate


def private_response(response: HttpResponse) -> HttpResponse:
    response.cookies.clear()
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers["Vary"] = "Accept-Encoding"  # not Cookie: the page is the same for everyone
    return response
