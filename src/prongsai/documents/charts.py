"""Charts for ITA reports in TH Sarabun New, with Thai digits.

Two renderers draw the same charts (same information, colours and wording):

* PNG for the DOCX/PDF documents (docxtpl ``InlineImage``): drawn with Pillow at print resolution
  (:data:`PRINT_DPI` for the width the documents print them at), text laid out by libraqm
  (HarfBuzz), so Thai vowels and tone marks stack correctly. Pillow is imported inside the
  functions and matplotlib is never imported on this path: importing and drawing with
  matplotlib cost about 0.8 s of every ``prongsai report --format pdf`` process. When Pillow
  has no raqm layout (its wheels load the system libfribidi at run time) Thai would be shaped
  wrongly, so the PNG is then drawn by the matplotlib renderer instead.
* SVG for the web pages: matplotlib with ``svg.fonttype='path'`` (outlines, so it renders the
  same in any browser, also inside ``<img>``). matplotlib >= 3.11 lays text out with libraqm.
  pyplot is never used: every chart is its own ``Figure`` on an Agg canvas, so nothing global
  (backend, open figures) is touched and charts can be drawn from worker threads. The vendored
  fonts are added to matplotlib's in-memory font list once per process (no font-cache rebuild).

Label wrapping uses the documents' word breaks (``wordbreak``: dictionary loaded once per process).
"""

from __future__ import annotations

import functools
import io
import re
import threading
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from prongsai.documents.fonts import FONT_FAMILY, font_path
from prongsai.thai import to_thai_digits

PASS_COLOUR = "#2E6DA4"  # blue: at or above the pass mark
FAIL_COLOUR = "#D9822B"  # orange: below the pass mark
LINE_COLOUR = "#C0392B"  # red dashed pass-mark line
TEXT_COLOUR = "#222222"
DPI = 150
FONT_SIZE = 16  # TH Sarabun New draws at ~0.68x, so 16 here looks like ~11 in other fonts
LABEL_WRAP = 34  # display cells per label line (Thai combining marks take none)
CHART_STYLES = ("Regular", "Bold")  # the TH Sarabun New styles a chart draws with

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

        # Added to the font list in memory (no font-cache rebuild); the charts use no italics.
        for style in CHART_STYLES:
            font_manager.fontManager.addfont(str(font_path(style)))
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


def wrap_words(text: str, too_wide) -> list[str]:
    """`text` in lines broken only between words (the documents' ZWSP word breaks and spaces):
    a word goes to the next line when `too_wide(line)` says the line would not fit; a single
    word longer than a line keeps its own line."""
    from prongsai.documents.wordbreak import WORD_JOINER, ZWSP, mark_breaks

    lines: list[str] = []
    current = ""
    marked = mark_breaks(text).replace(WORD_JOINER, "")
    for token in filter(None, re.split(rf"(\s+)|{ZWSP}", marked)):
        candidate = current + token
        if current.strip() and too_wide(candidate.rstrip()):
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    return lines


def wrap_label(label: str, width: int = LABEL_WRAP) -> str:
    """Wrap a Thai label at word boundaries into lines of about `width` columns (the words the
    documents break lines at, :func:`prongsai.documents.wordbreak.mark_breaks`)."""
    if _display_width(label) <= width:
        return label
    return "\n".join(wrap_words(label, lambda line: _display_width(line) > width))


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
    """PNG of horizontal bars, one per indicator (label, score 0-100), first at the top,
    :data:`INDICATOR_PX` wide (:data:`INDICATOR_MM` at :data:`PRINT_DPI`).

    Bars below `pass_mark` are orange, the others blue; the score is printed at each bar end;
    the dashed pass-mark line is explained in a legend below the axes. A score of None draws
    no bar and says "ไม่มีคะแนน".
    """
    if not _raqm_available():
        return _render(_indicator_figure, rows, pass_mark, thai_digits, title, fmt="png")
    return _draw_png(_indicator_png, rows, pass_mark, thai_digits, title)


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
    """PNG of vertical bars per instrument, e.g. {"IIT": 92.1, "EIT": 88.4, "OIT": 79.0},
    :data:`INSTRUMENT_PX` wide (:data:`INSTRUMENT_MM` at :data:`PRINT_DPI`); bars and legend as
    in :func:`indicator_chart`."""
    if not _raqm_available():
        return _render(_instrument_figure, scores, pass_mark, thai_digits, title, fmt="png")
    return _draw_png(_instrument_png, scores, pass_mark, thai_digits, title)


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


# --------------------------------------------------------------------------- PNG with Pillow
#
# Sizes are in pixels of the final image, derived from the printed size: the documents place the
# indicator chart 135 mm wide and the instrument chart 72 mm wide (documents.context), and both
# charts print their text at the same point size, so they look alike on the page.

PRINT_DPI = 200
INDICATOR_MM = 135
INSTRUMENT_MM = 72
PNG_TEXT_PT = 12.5  # printed size of labels, ticks and legend (the body text is 16 pt)
PNG_TITLE_PT = 14.0
GRID_COLOUR = "#DDDDDD"
AXIS_COLOUR = "#888888"


def _px(mm: float) -> int:
    return round(mm / 25.4 * PRINT_DPI)


def _pt(points: float) -> int:
    return round(points / 72 * PRINT_DPI)


INDICATOR_PX = _px(INDICATOR_MM)
INSTRUMENT_PX = _px(INSTRUMENT_MM)

_raqm: bool | None = None
_png_lock = threading.Lock()  # FreeType faces are shared between calls and are not thread-safe
_THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")


def _raqm_available() -> bool:
    """Whether Pillow can lay text out with libraqm (needed for Thai marks)."""
    global _raqm
    if _raqm is None:
        from PIL import features

        _raqm = bool(features.check("raqm"))
    return _raqm


@functools.lru_cache(maxsize=16)
def _font(style: str, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(str(font_path(style)), size, layout_engine=ImageFont.Layout.RAQM)


class _Pen:
    """Text measuring and drawing in one font, positioned by the visual middle of the line."""

    def __init__(self, style: str, size: int) -> None:
        self.font = _font(style, size)
        self.size = size
        self.x_height = -self.font.getbbox("ก", anchor="ls")[1]
        self.line = round(size * 1.08)  # line pitch of wrapped labels (room for stacked marks)

    def width(self, text: str) -> int:
        return round(self.font.getlength(text, language="th")) if text else 0

    def baseline(self, text: str, middle: float) -> float:
        """Baseline putting `text` visually centred on `middle`: Thai by its x-height (marks
        above and below are outside it), digits and Latin by their own ink."""
        if _THAI_LETTER.search(text):
            return middle + self.x_height / 2
        top, bottom = self.font.getbbox(text, anchor="ls")[1::2]
        return middle - (top + bottom) / 2

    def draw(self, draw, x: float, middle: float, text: str, align: str = "left",
             colour: str = TEXT_COLOUR) -> None:
        width = self.width(text)
        left = {"left": x, "centre": x - width / 2, "right": x - width}[align]
        draw.text((round(left), round(self.baseline(text, middle))), text, font=self.font,
                  fill=colour, anchor="ls", language="th")

    def wrap(self, text: str, max_width: int) -> list[str]:
        """`text` in lines of at most `max_width` pixels, broken only between words."""
        if self.width(text) <= max_width:
            return [text]
        return wrap_words(text, lambda line: self.width(line) > max_width)


def _dashed(draw, start: tuple[int, int], end: tuple[int, int], colour: str, width: int,
            dash: int, gap: int) -> None:
    """A dashed line `width` pixels thick from `start` rightwards or downwards to `end`."""
    (x0, y0), (x1, y1) = start, end
    horizontal = y1 == y0
    length = x1 - x0 if horizontal else y1 - y0
    half = width // 2
    pos = 0
    while pos < length:
        stop = min(pos + dash, length)
        if horizontal:
            draw.rectangle([x0 + pos, y0 - half, x0 + stop - 1, y0 - half + width - 1], fill=colour)
        else:
            draw.rectangle([x0 - half, y0 + pos, x0 - half + width - 1, y0 + stop - 1], fill=colour)
        pos = stop + gap


class _Style:
    """Sizes shared by both charts, in pixels."""

    def __init__(self) -> None:
        self.text = _Pen("Regular", _pt(PNG_TEXT_PT))
        self.title = _Pen("Bold", _pt(PNG_TITLE_PT))
        em = self.text.size
        self.margin = round(em * 0.45)
        self.grid = max(1, round(PRINT_DPI / 100))  # ~0.25 mm
        self.axis = max(1, round(PRINT_DPI / 100))
        self.pass_line = max(2, round(PRINT_DPI / 65))  # ~0.4 mm
        self.dash, self.gap = round(em * 0.42), round(em * 0.24)
        self.tick = round(em * 0.22)
        self.value_pad = round(em * 0.12)  # white box around a score label


def _score_label(draw, style: _Style, x: float, middle: float, text: str, align: str) -> None:
    """A score printed on a white box, so the pass-mark line never runs through it."""
    pen = style.text
    width = pen.width(text)
    left = {"left": x, "centre": x - width / 2}[align]
    pad = style.value_pad
    half = pen.x_height if _THAI_LETTER.search(text) else pen.x_height * 0.7
    draw.rectangle([round(left - pad), round(middle - half - pad), round(left + width + pad),
                    round(middle + half + pad)], fill="white")
    pen.draw(draw, x, middle, text, align)


def _legend_items(pass_mark: float, thai_digits: bool, values: Sequence[float | None]):
    items = [("line", LINE_COLOUR, f"เกณฑ์ผ่าน {_tick(pass_mark, thai_digits)} คะแนน")]
    if any(v is not None and v >= pass_mark for v in values):
        items.append(("patch", PASS_COLOUR, "ผ่านเกณฑ์"))
    if any(v is None or v < pass_mark for v in values):
        items.append(("patch", FAIL_COLOUR, "ต่ำกว่าเกณฑ์"))
    return items


class _Legend:
    """The legend below the chart: the dashed pass-mark line and the bar colours, in centred
    rows that fit the image width."""

    def __init__(self, style: _Style, items, width: int) -> None:
        self.style = style
        em = style.text.size
        self.swatch = round(em * 1.3)
        self.spacing = round(em * 0.3)
        self.between = round(em * 1.0)
        self.items = [(kind, colour, text, self.swatch + self.spacing + style.text.width(text))
                      for kind, colour, text in items]
        self.rows: list[list] = [[]]
        room = width - 2 * style.margin
        for item in self.items:
            row = self.rows[-1]
            used = sum(i[3] for i in row) + self.between * len(row)
            if row and used + item[3] > room:
                self.rows.append([item])
            else:
                row.append(item)
        self.row_height = round(em * 1.15)
        self.height = self.row_height * len(self.rows)

    def draw(self, draw, width: int, top: int) -> None:
        style = self.style
        for n, row in enumerate(self.rows):
            middle = top + n * self.row_height + self.row_height // 2
            x = (width - (sum(i[3] for i in row) + self.between * (len(row) - 1))) // 2
            for kind, colour, text, item_width in row:
                if kind == "line":
                    _dashed(draw, (x, middle), (x + self.swatch, middle), colour, style.pass_line,
                            style.dash, style.gap)
                else:
                    half = round(style.text.x_height * 0.75)
                    draw.rectangle([x, middle - half, x + self.swatch - 1, middle + half], fill=colour)
                style.text.draw(draw, x + self.swatch + self.spacing, middle, text)
                x += item_width + self.between


def _draw_title(draw, style: _Style, width: int, title: str | None, thai_digits: bool) -> int:
    """Draw the title (if any) centred at the top; the y where the chart starts."""
    if not title:
        return style.margin
    text = _text(title, thai_digits)
    style.title.draw(draw, width / 2, style.margin + style.title.line / 2, text, "centre")
    return style.margin + style.title.line + style.margin


def _title_height(style: _Style, title: str | None) -> int:
    return style.margin + (style.title.line + style.margin if title else 0)


def _save_png(image) -> bytes:
    buffer = io.BytesIO()
    # level 3: as small as the default level 6 for these flat-colour images, in half the time
    image.save(buffer, format="PNG", dpi=(PRINT_DPI, PRINT_DPI), compress_level=3)
    return buffer.getvalue()


def _draw_png(build, data, pass_mark: float, thai_digits: bool, title: str | None) -> bytes:
    with _png_lock:
        return _save_png(build(data, float(pass_mark), thai_digits, title))


def _indicator_png(rows: Sequence[tuple[str, float | None]], pass_mark: float, thai_digits: bool,
                   title: str | None):
    from PIL import Image, ImageDraw

    style = _Style()
    pen = style.text
    em = pen.size
    width = INDICATOR_PX
    scores = [_check_score(str(label), score) for label, score in rows]
    labels = [pen.wrap(_text(str(label), thai_digits), round(width * 0.4)) for label, _ in rows]
    label_width = max((pen.width(line) for lines in labels for line in lines), default=0)

    # Horizontal: labels | gap | 0 ... 100 | score of a full bar.
    left = style.margin + label_width + round(em * 0.4)
    right = width - style.margin - pen.width(_num(100.0, thai_digits)) - round(em * 0.3)
    span = right - left

    def x_of(value: float) -> int:
        return left + round(span * value / 100.0)

    # Vertical: title | rows | ticks | "คะแนน" | legend.
    base_row = round(em * 1.7)
    bar = round(base_row * 0.62)
    row_heights = [max(base_row, len(lines) * pen.line + round(em * 0.45)) for lines in labels]
    plot_top = _title_height(style, title)
    inner = round(base_row * 0.25)
    plot_bottom = plot_top + inner + sum(row_heights) + inner
    ticks_middle = plot_bottom + style.tick + round(em * 0.55)
    axis_label_middle = ticks_middle + round(em * 1.1)
    legend = _Legend(style, _legend_items(pass_mark, thai_digits, scores), width)
    legend_top = axis_label_middle + round(em * 0.75)
    height = legend_top + legend.height + style.margin

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    _draw_title(draw, style, width, title, thai_digits)
    ticks = [0, 20, 40, 60, 80, 100]
    for t in ticks[1:]:
        draw.rectangle([x_of(t), plot_top, x_of(t) + style.grid - 1, plot_bottom], fill=GRID_COLOUR)

    middles = []
    y = plot_top + inner
    for row_height, score in zip(row_heights, scores, strict=True):
        middle = y + row_height / 2
        middles.append(middle)
        if score:
            colour = PASS_COLOUR if score >= pass_mark else FAIL_COLOUR
            top = round(middle - bar / 2)
            draw.rectangle([left, top, max(left, x_of(score) - 1), top + bar - 1], fill=colour)
        y += row_height

    # axes: the zero line and the score axis with its ticks
    draw.rectangle([left - style.axis, plot_top, left - 1, plot_bottom + style.axis - 1], fill=AXIS_COLOUR)
    draw.rectangle([left - style.axis, plot_bottom, right + round(em * 0.3), plot_bottom + style.axis - 1],
                   fill=AXIS_COLOUR)
    for t in ticks:
        x = x_of(t)
        draw.rectangle([x, plot_bottom, x + style.axis - 1, plot_bottom + style.tick], fill=AXIS_COLOUR)
        pen.draw(draw, x + style.axis / 2, ticks_middle, _tick(t, thai_digits), "centre")
    pen.draw(draw, (left + right) / 2, axis_label_middle, "คะแนน", "centre")

    _dashed(draw, (x_of(pass_mark), plot_top), (x_of(pass_mark), plot_bottom), LINE_COLOUR,
            style.pass_line, style.dash, style.gap)

    for middle, lines, score in zip(middles, labels, scores, strict=True):
        first = middle - (len(lines) - 1) * pen.line / 2
        for n, line in enumerate(lines):
            pen.draw(draw, left - round(em * 0.4), first + n * pen.line, line, "right")
        text = _num(score, thai_digits) if score is not None else "ไม่มีคะแนน"
        _score_label(draw, style, x_of(score or 0.0) + round(em * 0.25), middle, text, "left")

    legend.draw(draw, width, legend_top)
    return image


def _instrument_png(scores: Mapping[str, float | None], pass_mark: float, thai_digits: bool,
                    title: str | None):
    from PIL import Image, ImageDraw

    style = _Style()
    pen = style.text
    em = pen.size
    width = INSTRUMENT_PX
    names = list(scores)
    values = [_check_score(name, scores[name]) for name in names]

    # Horizontal: "คะแนน" (turned) | tick labels | bars.
    axis_label = "คะแนน"
    left = (style.margin + pen.x_height * 3 + round(em * 0.3)
            + pen.width(_tick(100, thai_digits)) + style.tick + round(em * 0.25))
    right = width - style.margin
    slot = (right - left) / max(1, len(names))
    bar = round(slot * 0.55)
    names_wrapped = [pen.wrap(_text(n, thai_digits), round(slot * 0.95)) for n in names]

    # Vertical: title | score above a full bar | 100 ... 0 | names | legend.
    plot_top = _title_height(style, title) + round(em * 0.9)  # room for the score above 100
    plot_height = round(width * 0.5)
    plot_bottom = plot_top + plot_height
    name_lines = max((len(lines) for lines in names_wrapped), default=1)
    names_top = plot_bottom + style.tick + round(em * 0.55)
    legend = _Legend(style, _legend_items(pass_mark, thai_digits, values), width)
    legend_top = names_top + (name_lines - 1) * pen.line + round(em * 0.8)
    height = legend_top + legend.height + style.margin

    def y_of(value: float) -> int:
        return plot_bottom - round(plot_height * value / 100.0)

    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    _draw_title(draw, style, width, title, thai_digits)
    ticks = [0, 20, 40, 60, 80, 100]
    for t in ticks[1:]:
        draw.rectangle([left, y_of(t), right, y_of(t) + style.grid - 1], fill=GRID_COLOUR)

    for n, value in enumerate(values):
        centre = left + slot * (n + 0.5)
        if value:
            colour = PASS_COLOUR if value >= pass_mark else FAIL_COLOUR
            x = round(centre - bar / 2)
            draw.rectangle([x, min(y_of(value), plot_bottom - 1), x + bar - 1, plot_bottom - 1], fill=colour)

    draw.rectangle([left - style.axis, plot_top - round(em * 0.5), left - 1, plot_bottom + style.axis - 1],
                   fill=AXIS_COLOUR)
    draw.rectangle([left - style.axis, plot_bottom, right, plot_bottom + style.axis - 1], fill=AXIS_COLOUR)
    for t in ticks:
        y = y_of(t)
        draw.rectangle([left - style.axis - style.tick, y, left - 1, y + style.axis - 1], fill=AXIS_COLOUR)
        pen.draw(draw, left - style.axis - style.tick - round(em * 0.2), y, _tick(t, thai_digits), "right")
    _turned_text(image, pen, style.margin, (plot_top + plot_bottom) / 2, axis_label)

    _dashed(draw, (left, y_of(pass_mark)), (right, y_of(pass_mark)), LINE_COLOUR,
            style.pass_line, style.dash, style.gap)

    for n, (lines, value) in enumerate(zip(names_wrapped, values, strict=True)):
        centre = left + slot * (n + 0.5)
        for k, line in enumerate(lines):
            pen.draw(draw, centre, names_top + k * pen.line, line, "centre")
        text = _num(value, thai_digits) if value is not None else "ไม่มีคะแนน"
        _score_label(draw, style, centre, y_of(value or 0.0) - round(em * 0.55), text, "centre")

    legend.draw(draw, width, legend_top)
    return image


def _turned_text(image, pen: _Pen, left: int, middle: float, text: str) -> None:
    """`text` read bottom to top, centred on `middle`; its x-height band starts one x-height
    right of `left` (that leaves room for marks above the letters)."""
    from PIL import Image, ImageDraw

    ascent, descent = pen.font.getmetrics()
    width = pen.width(text)
    strip = Image.new("L", (width + 4, ascent + descent), 0)
    ImageDraw.Draw(strip).text((2, ascent), text, font=pen.font, fill=255, anchor="ls", language="th")
    turned = strip.rotate(90, expand=True)
    # after turning, the baseline is the column `ascent` from the strip's left edge
    x = round(left + 2 * pen.x_height - ascent)
    y = round(middle - turned.height / 2)
    image.paste(TEXT_COLOUR, (x, y, x + turned.width, y + turned.height), turned)
