"""The filters pages use (registered in prongsai.web.ui.jinja): scores, Thai dates, status colours."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.utils import timezone
from pythainlp.util import thai_strftime

from prongsai.thai import to_thai_digits


def score(value: Any, decimals: int = 2) -> str:
    """A score with 2 decimals; an en dash when there is none."""
    if value is None or value == "":
        return "–"
    try:
        return f"{float(value) + 1e-9:.{int(decimals)}f}"
    except (TypeError, ValueError):
        return str(value)


def signed(value: Any) -> str:
    if value is None:
        return "–"
    value = float(value)
    if abs(value) < 0.005:
        return "±0.00"
    return f"{value:+.2f}"


def thdate(value: Any, style: str = "short") -> str:
    """1 ต.ค. 2566 (short), 1 ตุลาคม 2566 (long) or ตุลาคม 2566 (month), Buddhist era."""
    if not value:
        return "–"
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    if not isinstance(value, date):
        return str(value)
    return thai_strftime(value, {"long": "%-d %B %Y", "month": "%B %Y"}.get(style, "%-d %b %Y"))


def thdatetime(value: Any) -> str:
    if not value:
        return "–"
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return thai_strftime(value, "%-d %b %Y %H:%M")


def thaidigits(value: Any) -> str:
    return to_thai_digits(value)


def percent(part: Any, whole: Any) -> int:
    try:
        return round(100 * float(part) / float(whole)) if float(whole) else 0
    except (TypeError, ValueError):
        return 0


def get(mapping: Any, key: Any) -> Any:
    if mapping is None:
        return None
    try:
        return mapping.get(key)
    except AttributeError:
        return None


def status_class(status: str) -> str:
    """CSS modifier for an indicator status (strong/pass/weak) or a progress status."""
    return {
        "strong": "good", "pass": "ok", "weak": "bad",
        "ยังไม่เริ่ม": "muted", "กำลังดำเนินการ": "info", "เสร็จสิ้น": "good", "ล่าช้า": "bad",
        "done": "good", "partial": "warn", "missing": "bad", "todo": "muted",
        "approved": "good", "draft": "warn",
    }.get(status, "muted")


def query_string(current: Any, changes: dict[str, Any]) -> str:
    """The current query string with some parameters changed (for pagination and filters)."""
    params = current.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
