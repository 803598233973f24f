"""Charts for ITA reports in TH Sarabun New, with Thai digits.

matplotlib >= 3.11 lays text out with libraqm, so Thai vowels and tone marks stack correctly.
matplotlib is imported inside the functions (the CLI starts fast without it), and pyplot is
never used: every chart is its own ``Figure`` on an Agg canvas, so nothing global (backend,
open figures) is touched and charts can be drawn from worker threads.

PNG goes into DOCX (docxtpl ``InlineImage``); SVG uses ``svg.fonttype='path'`` (outlines, so
it renders the same in any browser, also inside ``<img>``).
"""

from __future__ import annotations

import io
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from prongsai.documents.fonts import FONT_FAMILY, font_paths
from prongsai.thai import to_thai_digits

PASS_COLOUR = "#2E6DA4"  # blue: at or above the pass mark
FAIL_COLOUR = "#D9822B"  # orange: below the pass mark
LINE_COLOUR = "#C0392B"  # red dashed pass-mark line
TEXT_COLOUR = "#222222"
DPI = 150
FONT_SIZE = 16  # TH Sarabun New draws at ~0.68x, so 16 here looks like ~11 in other fonts
LABEL_WRAP = 34  # display cells per label line (Thai combining marks take none)

_font_lock = threading.Lock()
_fonts_registered = False


def _register_fonts() -> None:
    global _fonts_registered
    if _fonts_registered:
        return
    with _font_lock:
        if _fonts_registered:
            return
        from matplotlib import font_manager

        for path in font_paths():
            font_manager.fontManager.addfont(str(path))
        _fonts_registered = True


def _rc() -> dict:
    return {
        "font.family": FONT_FAMILY,
        "font.size": FONT_SIZE,
        "text.language": "th",
        "axes.unicode_minus": False,
        "svg.fonttype": "path",
        "svg.hashsalt": "prongsai",  # stable element ids: same input, same SVG
        "pdf.fonttype": 42,
        "text.color": TEXT_COLOUR,
        "axes.labelcolor": TEXT_COLOUR,
        "xtick.color": TEXT_COLOUR,
        "ytick.color": TEXT_COLOUR,
        "axes.edgecolor": "#888888",
    }


def _num(value: float, thai_digits: bool, decimals: int = 2) -> str:
    text = f"{value:.{decimals}f}"
    return to_thai_digits(text) if thai_digits else text


def _tick(value: float, thai_digits: bool) -> str:
    text = f"{value:g}"
    return to_thai_digits(text) if thai_digits else text


def _text(text: str, thai_digits: bool) -> str:
    return to_thai_digits(text) if thai_digits else text


# Score labels sit on a white box above the pass-mark line, so a score near the line stays readable.
_SCORE_BOX = {"boxstyle": "square,pad=0.12", "facecolor": "white", "edgecolor": "none"}


def _display_width(text: str) -> int:
    """Columns a Thai string occupies: combining vowels and tone marks take none."""
    return sum(1 for ch in text if not unicodedata.combining(ch) and unicodedata.category(ch) != "Mn")


def wrap_label(label: str, width: int = LABEL_WRAP) -> str:
    """Wrap a Thai label at word boundaries (pythainlp newmm) into lines of about `width` columns."""
    if _display_width(label) <= width:
        return label
    from pythainlp.tokenize import word_tokenize

    lines: list[str] = []
    current = ""
    for token in word_tokenize(label, engine="newmm", keep_whitespace=True):
        candidate = current + token
        if current and _display_width(candidate) > width:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    return "\n".join(lines)


def _legend_handles(pass_mark: float, thai_digits: bool, has_pass: bool, has_fail: bool):
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Line2D(
            [0],
            [0],
            color=LINE_COLOUR,
            linestyle="--",
            linewidth=1.6,
            label=f"เกณฑ์ผ่าน {_tick(pass_mark, thai_digits)} คะแนน",
        ),
    ]
    if has_pass:
        handles.append(Patch(color=PASS_COLOUR, label="ผ่านเกณฑ์"))
    if has_fail:
        handles.append(Patch(color=FAIL_COLOUR, label="ต่ำกว่าเกณฑ์"))
    return handles


def _finish(fig, fmt: str) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    fig.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata, bbox_inches="tight", pad_inches=0.15)
    return buffer.getvalue()


def _check_score(label: str, score: float | None) -> float | None:
    if score is None:
        return None
    value = float(score)
    if not 0.0 <= value <= 100.0:
        raise ValueError(f"คะแนนของ {label} ต้องอยู่ระหว่าง 0 ถึง 100 (ได้ {score})")
    return value


# --------------------------------------------------------------------------- indicator chart


def _indicator_figure(
    rows: Sequence[tuple[str, float | None]],
    pass_mark: float,
    thai_digits: bool,
    title: str | None,
):
    from matplotlib.figure import Figure

    labels = [wrap_label(_text(str(label), thai_digits)) for label, _ in rows]
    scores = [_check_score(str(label), score) for label, score in rows]
    line_count = sum(max(1, label.count("\n") + 1) for label in labels)
    height = 1.6 + 0.42 * len(rows) + 0.22 * max(0, line_count - len(rows)) + (0.4 if title else 0)
    fig = Figure(figsize=(8.0, height), layout="constrained")
    ax = fig.add_subplot()

    positions = list(range(len(rows)))
    values = [s if s is not None else 0.0 for s in scores]
    colours = [PASS_COLOUR if (s is not None and s >= pass_mark) else FAIL_COLOUR for s in scores]
    ax.barh(positions, values, color=colours, height=0.62, zorder=2)
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()  # first indicator at the top

    for y, score in zip(positions, scores, strict=True):
        text = _num(score, thai_digits) if score is not None else "ไม่มีคะแนน"
        ax.text(
            (score or 0.0) + 1.2,
            y,
            text,
            va="center",
            ha="left",
            fontsize=FONT_SIZE,
            zorder=5,
            bbox=_SCORE_BOX,
        )

    _finish_score_chart(fig, ax, "x", scores, pass_mark, title, thai_digits, limit=112)  # room for "100.00"
    return fig


def _finish_score_chart(fig: Any, ax: Any, axis: str, values: Sequence[float | None], pass_mark: float,
                       title: str | None, thai_digits: bool, limit: float) -> None:
    """What both score charts share: the dashed pass-mark line on the score axis, its 0–100
    ticks, the grid, the title and the legend below the axes."""
    line = ax.axvline if axis == "x" else ax.axhline
    line(pass_mark, color=LINE_COLOUR, linestyle="--", linewidth=1.6, zorder=4)
    ticks = [0, 20, 40, 60, 80, 100]
    getattr(ax, f"set_{axis}ticks")(ticks, [_tick(t, thai_digits) for t in ticks])
    getattr(ax, f"set_{axis}lim")(0, limit)
    getattr(ax, f"set_{axis}label")("คะแนน")
    ax.grid(axis=axis, color="#DDDDDD", linewidth=0.8, zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(_text(title, thai_digits), fontweight="bold", fontsize=FONT_SIZE + 2)
    has_pass = any(v is not None and v >= pass_mark for v in values)
    has_fail = any(v is None or v < pass_mark for v in values)
    fig.legend(
        handles=_legend_handles(pass_mark, thai_digits, has_pass, has_fail),
        loc="outside lower center",
        ncols=3,
        frameon=False,
    )


def indicator_chart(
    rows: Sequence[tuple[str, float | None]],
    pass_mark: float = 85.0,
    thai_digits: bool = True,
    title: str | None = None,
) -> bytes:
    """PNG of horizontal bars, one per indicator (label, score 0-100), first at the top.

    Bars below `pass_mark` are orange, the others blue; the score is printed at each bar end;
    the dashed pass-mark line is explained in a legend below the axes. A score of None draws
    no bar and says "ไม่มีคะแนน".
    """
    return _render(_indicator_figure, rows, pass_mark, thai_digits, title, fmt="png")


def indicator_chart_svg(
    rows: Sequence[tuple[str, float | None]],
    pass_mark: float = 85.0,
    thai_digits: bool = True,
    title: str | None = None,
) -> str:
    """indicator_chart as SVG text (glyphs drawn as paths: no font needed in the browser)."""
    return _render(_indicator_figure, rows, pass_mark, thai_digits, title, fmt="svg").decode("utf-8")


# --------------------------------------------------------------------------- instrument chart


def _instrument_figure(
    scores: Mapping[str, float | None], pass_mark: float, thai_digits: bool, title: str | None
):
    from matplotlib.figure import Figure

    names = list(scores)
    values = [_check_score(name, scores[name]) for name in names]
    fig = Figure(figsize=(6.0, 4.4 + (0.4 if title else 0)), layout="constrained")
    ax = fig.add_subplot()
    positions = list(range(len(names)))
    colours = [PASS_COLOUR if (v is not None and v >= pass_mark) else FAIL_COLOUR for v in values]
    ax.bar(positions, [v or 0.0 for v in values], color=colours, width=0.55, zorder=2)
    ax.set_xticks(positions, [wrap_label(_text(n, thai_digits), 16) for n in names])
    for x, value in zip(positions, values, strict=True):
        text = _num(value, thai_digits) if value is not None else "ไม่มีคะแนน"
        ax.text(
            x,
            (value or 0.0) + 1.5,
            text,
            ha="center",
            va="bottom",
            fontsize=FONT_SIZE,
            zorder=5,
            bbox=_SCORE_BOX,
        )
    _finish_score_chart(fig, ax, "y", values, pass_mark, title, thai_digits, limit=110)
    return fig


def instrument_chart(
    scores: Mapping[str, float | None],
    pass_mark: float = 85.0,
    thai_digits: bool = True,
    title: str | None = None,
) -> bytes:
    """PNG of vertical bars per instrument, e.g. {"IIT": 92.1, "EIT": 88.4, "OIT": 79.0}."""
    return _render(_instrument_figure, scores, pass_mark, thai_digits, title, fmt="png")


def instrument_chart_svg(
    scores: Mapping[str, float | None],
    pass_mark: float = 85.0,
    thai_digits: bool = True,
    title: str | None = None,
) -> str:
    return _render(_instrument_figure, scores, pass_mark, thai_digits, title, fmt="svg").decode("utf-8")


# --------------------------------------------------------------------------- rendering


_render_lock = threading.Lock()  # rc_context changes the global rcParams while a chart is drawn


def _render(build, data, pass_mark: float, thai_digits: bool, title: str | None, fmt: str) -> bytes:
    import matplotlib

    _register_fonts()
    with _render_lock, matplotlib.rc_context(_rc()):
        fig = build(data, float(pass_mark), thai_digits, title)
        return _finish(fig, fmt)
