"""htmx-aware responses: a fragment for htmx, a full page or redirect otherwise."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true" and not request.headers.get("HX-History-Restore-Request")


def go(request: HttpRequest, url: str) -> HttpResponse:
    """Send the browser to `url`: a normal redirect, or for htmx a full-page navigation (so a
    redirect is never swapped into a fragment)."""
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)
