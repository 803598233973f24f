"""The bar chart of a satisfaction survey report: the mean of each section on the 5-point scale,
in TH Sarabun New (matplotlib >= 3.11 lays Thai out with libraqm), as PNG for the DOCX.

Bars at the level มาก or above (mean ≥ 3.51) are blue, lower ones orange; the mean and its
level are printed at the end of each bar; a section without ratings draws no bar and says so.
The chart is its own Figure on an Agg canvas (no pyplot), drawn under the charts module's lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from prongsai.documents import charts

GOOD_FROM = Decimal("3.51")
WIDTH_IN = 6.3  # 16 cm: the text width of an A4 page with the official margins
PNG_DPI = 200


def _figure(rows: Sequence[tuple[str, Decimal | None, str]], thai_digits: bool, title: str | None):
    from matplotlib.figure import Figure

    labels = [charts.wrap_label(charts._text(label, thai_digits), 30) for label, _, _ in rows]
    lines = sum(label.count("\n") + 1 for label in labels)
    height = 1.2 + 0.42 * len(rows) + 0.2 * max(0, lines - len(rows)) + (0.4 if title else 0)
    fig = Figure(figsize=(WIDTH_IN, height), layout="constrained")
    ax = fig.add_subplot()
    positions = list(range(len(rows)))
    values = [float(mean) if mean is not None else 0.0 for _, mean, _ in rows]
    colours = [charts.PASS_COLOUR if mean is not None and mean >= GOOD_FROM else charts.FAIL_COLOUR
               for _, mean, _ in rows]
    ax.barh(positions, values, color=colours, height=0.6, zorder=2)
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    for y, (_, mean, level) in zip(positions, rows, strict=True):
        text = f"{mean:.2f} ({level})" if mean is not None else "ไม่มีผู้ให้คะแนน"
        ax.text((float(mean) if mean is not None else 0.0) + 0.06, y, charts._text(text, thai_digits),
                va="center", ha="left", fontsize=charts.FONT_SIZE, zorder=5)
    ticks = [0, 1, 2, 3, 4, 5]
    ax.set_xticks(ticks, [charts._tick(t, thai_digits) for t in ticks])
    ax.set_xlim(0, 6.4)  # room for "4.32 (มากที่สุด)" after a full bar
    ax.set_xlabel(charts._text("ค่าเฉลี่ย (คะแนนเต็ม 5)", thai_digits))
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.8, zorder=0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if title:
        ax.set_title(charts._text(title, thai_digits), fontweight="bold", fontsize=charts.FONT_SIZE + 2)
    return fig


def section_chart(rows: Sequence[tuple[str, Decimal | None, str]], *, thai_digits: bool = True,
                  title: str | None = None) -> bytes:
    """PNG of horizontal bars, one per (section title, mean 1–5 or None, level), first at the top."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    for label, mean, _ in rows:
        if mean is not None and not Decimal(0) <= Decimal(mean) <= Decimal(5):
            raise ValueError(f"ค่าเฉลี่ยของ {label} ต้องอยู่ระหว่าง 0 ถึง 5 (ได้ {mean})")
    charts._register_fonts()
    with charts._render_lock, matplotlib.rc_context(charts._rc()):
        fig = _figure(rows, thai_digits, title)
        FigureCanvasAgg(fig)
        import io

        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None}, bbox_inches="tight",
                    pad_inches=0.1)
        return buffer.getvalue()
