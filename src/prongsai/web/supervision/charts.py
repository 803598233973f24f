"""The supervisor overview's pictures as inline SVG, drawn on the server (no JavaScript, no
third-party assets). Plain Python, no Django: every function returns markup as a str in which
every value is a number or escaped text; the view marks it safe.

House style as the dashboard (prongsai.web.assessments.charts): blue bars, orange below the pass
mark, green strengths, the pass mark as a red dashed line, Sarabun text. Each bar is a link (SVG
<a>) to the agency list it counts, and carries a <title> for the pointer; the page puts a table of
the same figures beside every chart for screen readers. Every picture is drawn twice, wide and
narrow (labels above the bars), and the page shows the one that fits (pair()), so the text stays
about 12–15 px high on a phone as on a desktop. Numbers are written as the tables write them
(number(): 2 decimals for scores, rounded half up)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

BLUE, GREEN, ORANGE, RED, GREY, AMBER = "#3b78b8", "#2f8f5b", "#d9822b", "#b3261e", "#b8c2cf", "#e0b13a"
STYLE = ("<style>.g{stroke:#e5e9f0}.t{font-size:14px;fill:#5b6574}.v{font-size:15px;fill:#1b2430;font-weight:600}"
         ".l{font-size:15px;fill:#1b2430}.p{stroke:#b3261e;stroke-width:2;stroke-dasharray:6 5}"
         "a:hover rect,a:focus rect{opacity:.8}a:focus{outline:none}a:focus rect{stroke:#f5a524;stroke-width:3}"
         "a:hover .hit{fill:#eef3f9}a:focus .hit{stroke:none}</style>")


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
WIDE, NARROW = 640, 360  # the two layouts' widths (viewBox units; the page shows one of them)
FONT = 15  # text size in viewBox units: 15 px at the layout's own width


def _a(href: str, inner: str) -> str:
    return f'<a href="{escape(href)}">{inner}</a>' if href else inner


def number(value: float, digits: int = 2) -> str:
    """The figure as the tables write it (the `score` filter): `digits` decimals rounded half up
    (82.195 → 82.20, 76 → 76.00); a count (digits=0) with thousands separators."""
    if digits:
        return f"{float(value) + 1e-9:.{digits}f}"
    return f"{round(float(value) + 1e-9):,}"


def text_width(text: str, size: float = FONT) -> float:
    """An estimate of the text's width in Sarabun: a Thai vowel or tone mark above or below its
    consonant takes no room."""
    import unicodedata

    width = 0.0
    for ch in text:
        if unicodedata.category(ch) == "Mn":
            continue
        width += 0.3 if ch == " " else 0.62 if ch.isupper() or ch in "มฒฬฆฆญณ" else 0.56
    return width * size


def fit(text: str, room: float, size: float = FONT) -> str:
    """The text whole when it fits in `room` (viewBox units), else shortened with "…" (never a
    mark cut from its consonant)."""
    if text_width(text, size) <= room:
        return text
    limit = len(text)
    while limit > 1 and text_width(shorten(text, limit), size) > room:
        limit -= 1
    return shorten(text, limit)


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
              mark_label: str = "", label_width: int = 210, digits: int = 0, narrow: bool = False) -> str:
    """Horizontal bars, one row each (indicator means against the pass mark, counts of agencies per
    item). `scale`: the value at the right end (100 for scores; default the largest value);
    `mark`: a dashed line at that value (the pass mark); `digits`: the decimals of the numbers
    written (2 for scores, as the tables). The numbers stand in a column of their own at the
    right, so the mark's line never crosses one.

    Wide (640 units): the label left of its bar, in `label_width` units (shortened only when it
    does not fit). Narrow (360 units, for a phone): the label above its bar, across the whole
    width, so even a long name stays whole and legible."""
    if not bars:
        return ""
    high = scale or max([b.value or 0 for b in bars] + [1])
    shown = [b.shown or (number(b.value, digits) if b.value is not None else "") for b in bars]
    value_w = max([text_width(t, FONT) for t in shown] + [text_width("0", FONT)]) + 14
    top, bottom = (28 if mark is not None else 8), 10
    if narrow:
        width, row, left, bar_y, bar_h = NARROW, 50, 4, 22, 18
    else:
        width, row, left, bar_y, bar_h = WIDE, 34, label_width, 7, 20
    right = width - value_w  # the plot ends here; the numbers are right-aligned at the edge
    height = top + row * len(bars) + bottom

    def x(v: float) -> float:
        return left + (right - left) * max(0.0, min(v, high)) / high

    body = [] if narrow else [f'<line x1="{left}" x2="{left}" y1="{top - 4}" y2="{height - bottom + 4}" stroke="{GREY}"/>']
    for i, b in enumerate(bars):
        y = top + row * i
        if narrow:
            label_x, label_y, anchor, room = left, y + 16, "start", width - left - 4
            body.append(f'<line x1="{left}" x2="{left}" y1="{y + bar_y - 3}" y2="{y + bar_y + bar_h + 3}" '
                        f'stroke="{GREY}"/>')
        else:
            label_x, label_y, anchor, room = left - 8, y + row / 2 + 5, "end", label_width - 14
        text_y = y + bar_y + bar_h / 2 + 5
        text = (f'<text x="{label_x}" y="{label_y:.1f}" class="l" text-anchor="{anchor}">'
                f"{escape(fit(b.label, room))}</text>")
        if b.value is None:
            body.append(f'{text}<text x="{left + 8}" y="{text_y:.1f}" class="t">ไม่มีข้อมูล</text>')
            continue
        w = x(b.value) - left
        title = escape(b.title or f"{b.label}: {shown[i]}")
        # the whole row is the link's target (a bar of 0 is hardly there to be pressed)
        hit = (f'<rect class="hit" x="0" y="{y}" width="{width}" height="{row}" fill="transparent">'
               f"<title>{title}</title></rect>" if b.href else "")
        rect = (f'{hit}{text}<rect x="{left}" y="{y + bar_y}" width="{max(w, 1.5):.1f}" height="{bar_h}" rx="3" '
                f'fill="{TONES.get(b.tone, BLUE)}"><title>{title}</title></rect>'
                f'<text x="{width - 4}" y="{text_y:.1f}" class="v" text-anchor="end">{escape(shown[i])}</text>')
        body.append(_a(b.href, rect))
    if mark is not None:
        mx = x(mark)
        if narrow:  # a dash over each bar only, never over the labels above them
            for i in range(len(bars)):
                y = top + row * i + bar_y
                body.append(f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{y - 4}" y2="{y + bar_h + 4}" class="p"/>')
        else:
            body.append(f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{top - 6}" y2="{height - bottom + 2}" class="p"/>')
        body.append(f'<text x="{mx:.1f}" y="{top - 10}" class="t" text-anchor="middle">'
                    f"{escape(mark_label or number(mark, digits))}</text>")
    return _svg(width, height, label, body, "bars-n" if narrow else "bars-w")


def stacked_bar(segments: Sequence[Segment], label: str, *, narrow: bool = False) -> str:
    """One bar split into shares (plan status, measures' status, OIT items' status), the count
    written in each part wide enough to hold it; the legend is the page's table."""
    total = sum(s.count for s in segments)
    if total <= 0:
        return ""
    width, height, left, right = (NARROW if narrow else WIDE), 64, 4, 4
    plot_w = width - left - right
    body, x = [], float(left)
    for s in segments:
        if s.count <= 0:
            continue
        w = plot_w * s.count / total
        rect = (f'<rect x="{x:.1f}" y="8" width="{w:.1f}" height="48" fill="{s.color}">'
                f"<title>{escape(s.label)}: {s.count:,} ({100 * s.count / total:.0f}%)</title></rect>")
        if w >= text_width(f"{s.count:,}", 16) + 10:
            rect += (f'<text x="{x + w / 2:.1f}" y="38" text-anchor="middle" style="font-size:16px;fill:#fff;'
                     f'font-weight:700">{s.count:,}</text>')
        body.append(_a(s.href, rect))
        x += w
    return _svg(width, height, label, body, "stacked-n" if narrow else "stacked-w")


def pair(wide: str, narrow: str) -> str:
    """Both layouts of one picture; the page's style shows the wide one where its box is at least
    480 px wide and the narrow one below that (a phone, or a half-width card on a small screen)."""
    if not wide:
        return ""
    return f'<div class="chart-pair"><div class="chart-w">{wide}</div><div class="chart-n">{narrow}</div></div>'
