"""The supervisor overview's pictures as inline SVG, drawn on the server (no JavaScript, no
third-party assets). Plain Python, no Django: every function returns markup as a str in which
every value is a number or escaped text; the view marks it safe.

House style as the dashboard (prongsai.web.assessments.charts): blue bars, orange below the pass
mark, green strengths, the pass mark as a red dashed line, Sarabun text. Each bar is a link (SVG
<a>) to the agency list it counts, and carries a <title> for the pointer; the page puts a table of
the same figures beside every chart for screen readers and narrow screens."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

BLUE, GREEN, ORANGE, RED, GREY, AMBER = "#3b78b8", "#2f8f5b", "#d9822b", "#b3261e", "#b8c2cf", "#e0b13a"
STYLE = ("<style>.g{stroke:#e5e9f0}.t{font-size:14px;fill:#667085}.v{font-size:14px;fill:#1b2430;font-weight:600}"
         ".l{font-size:14px;fill:#1b2430}.p{stroke:#b3261e;stroke-width:2;stroke-dasharray:6 5}"
         "a:hover rect,a:focus rect{opacity:.8}a:focus{outline:none}a:focus rect{stroke:#f5a524;stroke-width:3}</style>")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    href: str = ""
    tone: str = "ok"  # ok, good, bad, muted
    title: str = ""  # the pointer's tooltip; default "label: value"
    shown: str = ""  # the number written on the bar; default the value


@dataclass(frozen=True)
class Segment:
    label: str
    count: int
    color: str
    href: str = ""


TONES = {"ok": BLUE, "good": GREEN, "bad": ORANGE, "muted": GREY, "warn": AMBER}


def _a(href: str, inner: str) -> str:
    return f'<a href="{escape(href)}">{inner}</a>' if href else inner


def _fmt(value: float) -> str:
    return f"{value:.2f}" if value != int(value) else f"{int(value):,}"


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters; a Thai vowel or tone mark is never cut from its consonant."""
    if len(text) <= limit:
        return text
    import unicodedata

    cut = limit - 1
    while cut > 0 and unicodedata.category(text[cut]) == "Mn":
        cut -= 1
    return text[:cut].rstrip() + "…"


def _svg(width: int, height: int, label: str, body: list[str], css: str = "") -> str:
    return (f'<svg class="chart {css}" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
            f"{STYLE}{''.join(body)}</svg>")


def bar_chart(bars: Sequence[Bar], label: str, *, scale: float | None = None, mark: float | None = None,
              mark_label: str = "", label_width: int = 210) -> str:
    """Horizontal bars, one row each (indicator means against the pass mark, counts of agencies per
    item). `scale`: the value at the right end (100 for scores; default the largest value);
    `mark`: a dashed line at that value (the pass mark)."""
    if not bars:
        return ""
    row, top, bottom = 34, 28 if mark is not None else 8, 10
    width = 640
    left, right = label_width, 64
    height = top + row * len(bars) + bottom
    high = scale or max([b.value or 0 for b in bars] + [1])
    plot_w = width - left - right

    def x(v: float) -> float:
        return left + plot_w * max(0.0, min(v, high)) / high

    body = [f'<line x1="{left}" x2="{left}" y1="{top - 4}" y2="{height - bottom + 4}" stroke="{GREY}"/>']
    for i, b in enumerate(bars):
        y = top + row * i
        body.append(f'<text x="{left - 8}" y="{y + row / 2 + 5:.1f}" class="l" text-anchor="end">'
                    f"{escape(shorten(b.label, max(8, label_width // 8)))}</text>")
        if b.value is None:
            body.append(f'<text x="{left + 8}" y="{y + row / 2 + 5:.1f}" class="t">ไม่มีข้อมูล</text>')
            continue
        w = x(b.value) - left
        title = escape(b.title or f"{b.label}: {_fmt(b.value)}")
        rect = (f'<rect x="{left}" y="{y + 7}" width="{max(w, 1.5):.1f}" height="{row - 14}" rx="3" '
                f'fill="{TONES.get(b.tone, BLUE)}"><title>{title}</title></rect>'
                f'<text x="{left + w + 6:.1f}" y="{y + row / 2 + 5:.1f}" class="v">{escape(b.shown or _fmt(b.value))}'
                "</text>")
        body.append(_a(b.href, rect))
    if mark is not None:
        mx = x(mark)
        body.append(f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{top - 6}" y2="{height - bottom + 2}" class="p"/>'
                    f'<text x="{mx:.1f}" y="{top - 12}" class="t" text-anchor="middle">'
                    f"{escape(mark_label or _fmt(mark))}</text>")
    return _svg(width, height, label, body, "hbars-svg")


def stacked_bar(segments: Sequence[Segment], label: str) -> str:
    """One bar split into shares (plan status, measures' status, OIT items' status), the count
    written in each part wide enough to hold it; the legend is the page's table."""
    total = sum(s.count for s in segments)
    if total <= 0:
        return ""
    width, height, left, right = 640, 64, 4, 4
    plot_w = width - left - right
    body, x = [], float(left)
    for s in segments:
        if s.count <= 0:
            continue
        w = plot_w * s.count / total
        rect = (f'<rect x="{x:.1f}" y="8" width="{w:.1f}" height="48" fill="{s.color}">'
                f"<title>{escape(s.label)}: {s.count:,} ({100 * s.count / total:.0f}%)</title></rect>")
        if w >= 44:
            rect += (f'<text x="{x + w / 2:.1f}" y="38" text-anchor="middle" style="font-size:15px;fill:#fff;'
                     f'font-weight:700">{s.count:,}</text>')
        body.append(_a(s.href, rect))
        x += w
    return _svg(width, height, label, body, "stacked")
