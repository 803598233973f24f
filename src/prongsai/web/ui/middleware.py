"""Response headers every page gets: a strict Content-Security-Policy (only our own scripts,
styles, fonts and images; no inline scripts) and a Permissions-Policy."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.middleware import LoginRequiredMiddleware as _DjangoLoginRequired
from django.http import HttpRequest, HttpResponse

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "object-src 'none'"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.user.is_authenticated if hasattr(request, "user") else False:
            # Pages show an agency's data: never keep them in shared caches or the back button.
            response.headers.setdefault("Cache-Control", "private, no-store")
        return response


class LoginRequiredMiddleware(_DjangoLoginRequired):
    """Django's LoginRequiredMiddleware, plus: an htmx request whose session has ended sends the
    whole page to the login form (instead of swapping the login form into a fragment)."""

    def handle_no_permission(self, request: HttpRequest, view_func: Callable) -> HttpResponse:
        response = super().handle_no_permission(request, view_func)
        if request.headers.get("HX-Request") == "true":
            redirect = HttpResponse(status=204)
            redirect["HX-Redirect"] = response["Location"]
            return redirect
        return response


class MethodNotAllowedPageMiddleware:
    """Django's 405 (HttpResponseNotAllowed) is an empty page. A person who opens an action's
    address — a bookmark, a refresh after pressing a button — gets the Thai error page saying
    what to do instead, for every view at once (the views keep answering 405 as they do)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (response.status_code != 405 or getattr(response, "streaming", False) or response.content
                or request.method not in ("GET", "HEAD") or request.path.startswith("/line/")):
            return response
        from prongsai.web.ui.views import method_not_allowed

        page = method_not_allowed(request)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page
