"""One digit rule for the screen: every page shows its numbers either in Arabic digits (the default:
what officers type and what spreadsheets show) or in Thai digits (PRONGSAI_SCREEN_DIGITS=thai).

Texts reach a page from many sources — our templates, framework names, reasons copied from a
published result with Thai digits, what users typed — so the rule is applied once, to the text of
every HTML response, instead of in each template. Only text between tags changes: attributes
(links, form values), and the contents of <textarea>, <script>, <style>, <pre> and <code> stay as
they are, so a user always edits exactly what they typed. Documents keep their own rule
(PRONGSAI_THAI_DIGITS, Thai by default)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

ARABIC, THAI = "arabic", "thai"
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
# A tag, or a whole element whose text must stay exactly as written.
_KEEP = re.compile(r"<(textarea|script|style|pre|code)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.S | re.I)
_ANY_DIGIT = {ARABIC: re.compile("[๐-๙]"), THAI: re.compile("[0-9]")}


def screen_digits() -> str:
    raw = os.environ.get("PRONGSAI_SCREEN_DIGITS", ARABIC).strip().lower()
    return THAI if raw in (THAI, "ไทย", "th") else ARABIC


def apply_rule(html: str, rule: str) -> str:
    """`html` with the digits of its text nodes in `rule`'s digits."""
    if not _ANY_DIGIT[rule].search(html):
        return html
    table = _TO_THAI if rule == THAI else _TO_ARABIC
    out: list[str] = []
    last = 0
    for match in _KEEP.finditer(html):
        out.append(html[last:match.start()].translate(table))
        out.append(match.group(0))
        last = match.end()
    out.append(html[last:].translate(table))
    return "".join(out)


class ScreenDigitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.rule = screen_digits()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (response.streaming or not response.get("Content-Type", "").startswith("text/html")
                or response.get("Content-Encoding")):
            return response
        charset = response.charset or "utf-8"
        html = response.content.decode(charset)
        changed = apply_rule(html, self.rule)
        if changed is not html:
            response.content = changed.encode(charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
