"""The QR code poster an agency prints for its counter (A4 portrait): the agency's name,
"ประเมินความพึงพอใจการให้บริการ", the survey and its services, the QR code of the survey's
address (segno), the address in text, and a line saying the survey is anonymous.

Two renderings of the same content:

* PNG (:func:`poster_png`): drawn by matplotlib on an Agg canvas with TH Sarabun New — Thai
  shaped by libraqm, no LibreOffice needed, ready in well under a second; for a screen, a LINE
  message or a quick print.
* DOCX and PDF (:func:`write_poster`): python-docx, the PDF through LibreOffice like every other
  document. matplotlib's own PDF is not used: its text layer repeats Thai characters (pdftotext
  reads "ประเมิมิน…"), so the words could not be searched, copied or read aloud; LibreOffice's is
  exact. The DOCX lets an agency add its logo before printing.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from prongsai.documents import docx_build as build
from prongsai.errors import InputError
from prongsai.thai import normalise_text

HEADLINE = "ประเมินความพึงพอใจการให้บริการ"
SCAN = "สแกนคิวอาร์โค้ดด้วยกล้องโทรศัพท์มือถือ เพื่อตอบแบบสำรวจ"
ANONYMOUS = "ไม่ต้องระบุชื่อ ไม่ต้องเข้าสู่ระบบ ระบบไม่เก็บข้อมูลที่ระบุตัวผู้ตอบ"
TIME_NEEDED = "ใช้เวลาประมาณ 3 นาที"
THANKS = "ความคิดเห็นของท่านช่วยให้เราปรับปรุงการให้บริการ"
TEXT_COLOUR = "#1b1f24"
BAND_COLOUR = "#123e6b"
A4_IN = (210 / 25.4, 297 / 25.4)
PNG_DPI = 150
QR_CM = 11.0


def _check(agency_name: str, url: str) -> tuple[str, str]:
    agency = normalise_text(agency_name or "")
    if not agency:
        raise InputError("ไม่ได้ระบุชื่อหน่วยงาน", where="agency_name", expected="ชื่อเต็มของหน่วยงาน")
    url = (url or "").strip()
    if not url.startswith(("http://", "https://")) or any(c.isspace() for c in url):
        raise InputError(f"ที่อยู่แบบสำรวจ '{url[:60]}' ไม่ถูกต้อง", where="url",
                         expected="ที่อยู่เต็ม เช่น https://prongsai.example.go.th/p/1/survey/2/")
    return agency, url


def _subtitle(survey_title: str, services: Sequence[str]) -> str:
    """The survey's own title when it says more than the headline, else its services."""
    title = normalise_text(survey_title or "")
    names = [normalise_text(n) for n in services if normalise_text(n)]
    if title and title not in ("แบบสำรวจความพึงพอใจการให้บริการ", HEADLINE):
        return title
    return " · ".join(names)


def qr_png(url: str, scale: int = 20) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


# --------------------------------------------------------------------------- PNG (matplotlib)


def poster_png(*, agency_name: str, survey_title: str, services: Sequence[str], url: str,
               thai_digits: bool = True, dpi: int = PNG_DPI) -> bytes:
    """The poster as an A4 portrait PNG (1240 × 1753 pixels at 150 dpi)."""
    import matplotlib
    import numpy as np
    import segno
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch, Rectangle

    from prongsai.documents import charts

    agency, url = _check(agency_name, url)
    d = build.Digits(thai_digits)
    subtitle = _subtitle(survey_title, services)
    qr = segno.make(url, error="m")
    matrix = np.array([list(row) for row in qr.matrix_iter(scale=1, border=4)], dtype=float)

    charts._register_fonts()
    with charts._render_lock, matplotlib.rc_context(charts._rc()):
        fig = Figure(figsize=A4_IN)
        FigureCanvasAgg(fig)
        width, height = A4_IN
        fig.patches.append(Rectangle((0, 0.865), 1, 0.135, transform=fig.transFigure, color=BAND_COLOUR, zorder=0))
        name = charts.wrap_label(d.t(agency), 34)
        fig.text(0.5, 0.9325, name, ha="center", va="center", color="white", fontsize=38 if "\n" not in name else 32,
                 fontweight="bold", linespacing=1.0)
        fig.text(0.5, 0.815, HEADLINE, ha="center", va="center", color=BAND_COLOUR, fontsize=54, fontweight="bold")
        if subtitle:
            fig.text(0.5, 0.758, charts.wrap_label(d.t(subtitle), 48), ha="center", va="center", color=TEXT_COLOUR,
                     fontsize=28, linespacing=1.0)
        side = QR_CM / 2.54 / width  # the QR's width as a fraction of the page width
        tall = side * width / height
        bottom = 0.71 - tall
        ax = fig.add_axes((0.5 - side / 2, bottom, side, tall))
        ax.imshow(matrix, cmap="gray_r", interpolation="nearest", vmin=0, vmax=1)
        ax.set_axis_off()
        fig.text(0.5, bottom - 0.035, d.t(SCAN), ha="center", va="center", color=TEXT_COLOUR, fontsize=30,
                 fontweight="bold")
        fig.text(0.5, bottom - 0.075, url, ha="center", va="center", color=BAND_COLOUR,
                 fontsize=24 if len(url) < 60 else 18)
        box_top = bottom - 0.105
        fig.patches.append(FancyBboxPatch((0.09, box_top - 0.085), 0.82, 0.085, transform=fig.transFigure,
                                          boxstyle="round,pad=0,rounding_size=0.012", facecolor="#eef4fb",
                                          edgecolor=BAND_COLOUR, linewidth=1.5, zorder=0))
        fig.text(0.5, box_top - 0.028, d.t(ANONYMOUS), ha="center", va="center", color=TEXT_COLOUR, fontsize=24)
        fig.text(0.5, box_top - 0.062, d.t(TIME_NEEDED), ha="center", va="center", color=TEXT_COLOUR, fontsize=24)
        fig.text(0.5, 0.05, d.t(THANKS), ha="center", va="center", color="#3d4651", fontsize=22)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None}, facecolor="white")
        return buffer.getvalue()


# --------------------------------------------------------------------------- DOCX / PDF


def _band(doc, text: str | list[str], *, size: float, fill: str, colour: str | None, bold: bool = False) -> None:
    """One line (or two) of text on a full-width shaded band: a one-cell table."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Pt, RGBColor

    table = doc.add_table(rows=1, cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    cell = table.rows[0].cells[0]
    build.cell_text(cell, text, bold=bold, align=WD_ALIGN_PARAGRAPH.CENTER)
    build.docx_thai.set_cell_shading(cell, fill)
    for paragraph in cell.paragraphs:
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.paragraph_format.space_after = Pt(6)
        for run in paragraph.runs:
            build.docx_thai.set_size(run._r.get_or_add_rPr(), size)
            if colour:
                run.font.color.rgb = RGBColor.from_string(colour)
    build.docx_thai.set_column_widths(table, (16.0,))


def build_poster(*, agency_name: str, survey_title: str, services: Sequence[str], url: str,
                 thai_digits: bool = True) -> bytes:
    """The poster as DOCX bytes (one A4 page)."""
    agency, url = _check(agency_name, url)
    d = build.Digits(thai_digits)
    names = [build.place_name(agency)]
    center = WD_ALIGN_PARAGRAPH.CENTER
    doc = build.new_document()
    _band(doc, build.glue(d.t(agency), names), size=30, fill=BAND_COLOUR.lstrip("#").upper(), colour="FFFFFF",
          bold=True)
    build.paragraph(doc, HEADLINE, bold=True, size=44, align=center, before=12)
    subtitle = _subtitle(survey_title, services)
    if subtitle:
        build.paragraph(doc, d.t(subtitle), size=24, align=center)
    p = build.paragraph(doc, "", align=center, before=6, after=0)
    p.add_run().add_picture(io.BytesIO(qr_png(url)), width=Cm(QR_CM + 1))
    build.paragraph(doc, d.t(SCAN), bold=True, size=26, align=center)
    build.paragraph(doc, url, size=22, align=center, after=12)
    _band(doc, [d.t(ANONYMOUS), d.t(TIME_NEEDED)], size=22, fill="EEF4FB", colour=None)
    build.paragraph(doc, d.t(THANKS), size=20, align=center, before=18)
    build.set_properties(doc, title=f"{HEADLINE} {agency}", author=agency)
    return build.to_bytes(doc)


def write_poster(fmt: Literal["docx", "pdf"], out: str | os.PathLike[str], *, agency_name: str, survey_title: str,
                 services: Sequence[str], url: str, thai_digits: bool = True, office: Any = None,
                 timeout: float | None = None) -> Path:
    """Write the poster to `out` as DOCX or PDF (replaced atomically; untouched on failure)."""
    _check(agency_name, url)
    return build.write_document(
        fmt, out, lambda: build_poster(agency_name=agency_name, survey_title=survey_title, services=services, url=url,
                                       thai_digits=thai_digits),
        thai_digits=thai_digits, office=office, timeout=timeout)
