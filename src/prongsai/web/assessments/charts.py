"""Charts for the dashboard, drawn on the server. The indicator chart is HTML/CSS bars (real text,
so it wraps on a phone and reads aloud in a screen reader) with the pass-mark line; the trend
is a small inline SVG with a table beside it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from prongsai.ita.analysis import IndicatorRow
from prongsai.ita.model import INSTRUMENTS


def _tone(value: float, pass_mark: float, strength_mark: float) -> str:
    value = round(value + 1e-9, 2)
    if value >= strength_mark:
        return "good"
    return "ok" if value >= pass_mark else "bad"


def indicator_bars(rows: Iterable[IndicatorRow], pass_mark: float, strength_mark: float) -> dict[str, Any]:
    bars = [{"no": r.no, "name": r.name, "instrument": r.instrument, "score": r.score,
             "width": f"{max(0.0, min(100.0, r.score)):.2f}", "tone": _tone(r.score, pass_mark, strength_mark)}
            for r in rows]
    return {"bars": bars, "line": f"{pass_mark:.2f}", "pass_mark": pass_mark, "strength_mark": strength_mark}


def instrument_bars(scores: Mapping[str, float], pass_mark: float) -> list[dict[str, Any]]:
    return [{"code": code, "score": scores.get(code),
             "width": f"{max(0.0, min(100.0, scores[code])):.2f}" if code in scores else "0",
             "tone": ("ok" if round(scores[code] + 1e-9, 2) >= pass_mark else "bad") if code in scores else "muted"}
            for code in INSTRUMENTS]


def trend_svg(points: list[dict[str, Any]], pass_mark: float) -> SafeString:
    """Totals by fiscal year as a line with the pass-mark line; years without a total are skipped.
    Every value put into the markup is a number or escaped text."""
    known = [p for p in points if p.get("total") is not None]
    if len(known) < 2:
        return mark_safe("")
    width, height = 640, 240
    left, right, top, bottom = 44, 24, 24, 36
    low = max(0.0, min(50.0, min(float(p["total"]) for p in known) - 5))
    high = 100.0
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + plot_w * i / (len(points) - 1)

    def y(v: float) -> float:
        return top + plot_h * (high - v) / (high - low)

    parts = [f'<svg class="chart trend" viewBox="0 0 {width} {height}" role="img" aria-label="{{label}}">',
             "<style>.grid{stroke:#e5e9f0}.tick{font-size:13px;fill:#667085}.val{font-size:13px;fill:#1b2430;"
             "font-weight:600}.line{fill:none;stroke:#1d5a96;stroke-width:3}.pass{stroke:#b3261e;stroke-width:2;"
             "stroke-dasharray:6 5}.dot-ok{fill:#1d5a96}.dot-bad{fill:#d9822b}</style>"]
    tick = int(low // 10 * 10) + 10
    while tick <= 100:
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" class="grid"/>'
                     f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" class="tick" text-anchor="end">{tick}</text>')
        tick += 10
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(pass_mark):.1f}" y2="{y(pass_mark):.1f}" class="pass"/>'
                 f'<text x="{width - right}" y="{y(pass_mark) - 6:.1f}" class="tick" text-anchor="end">'
                 f"เกณฑ์ {pass_mark:g}</text>")
    coords = [(x(i), y(float(p["total"])), p) for i, p in enumerate(points) if p.get("total") is not None]
    path = " ".join(f"{'M' if i == 0 else 'L'}{cx:.1f},{cy:.1f}" for i, (cx, cy, _) in enumerate(coords))
    parts.append(f'<path d="{path}" class="line"/>')
    for cx, cy, p in coords:
        total = float(p["total"])
        tone = "dot-bad" if total < pass_mark else "dot-ok"
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" class="{tone}"><title>ปี {int(p["year"])}: '
                     f'{total:.2f}</title></circle><text x="{cx:.1f}" y="{cy - 10:.1f}" class="val" '
                     f'text-anchor="middle">{total:.2f}</text>')
    for i, p in enumerate(points):
        parts.append(f'<text x="{x(i):.1f}" y="{height - 12}" class="tick" text-anchor="middle">{int(p["year"])}</text>')
    parts.append("</svg>")
    label = escape("คะแนนรวมรายปี: " + ", ".join(f"ปี {p['year']} {float(p['total']):.2f}" for p in known))
    return mark_safe("".join(parts).replace("{label}", str(label), 1))
