"""Generate the shipped report templates: src/prongsai/documents/templates/{analysis,plan,implementation}.docx.

The templates are ordinary Word documents with docxtpl (Jinja) tags, built with python-docx and
prongsai.documents.docx_thai so that every style is Thai-correct: TH Sarabun New on all four
w:rFonts attributes (w:cs for Thai), sizes on sz and szCs, bold on b and bCs, complex-script
language th-TH, A4 with margins top 2.5 / bottom 2 / left 3 / right 2 cm, table widths on gridCol
and tcW, repeated header rows, and a page-number footer.

Two details matter for the PDF:
- The Latin-script language (w:lang/@w:val) is en-US and only the page-number runs carry th-TH.
  Reports are converted with LibreOffice's "Context" numerals (see documents/pdf.py), which show
  digits in the language of their run, so only the page numbers turn into ๑ ๒ ๓; every other
  digit prints exactly as written (the builders already write Thai digits when asked).
- Paragraph loops use their own paragraphs ({%p … %}) and table-row loops their own rows
  ({%tr … %}), so an agency can move or restyle any part in Word without breaking a tag.

Usage: .venv/bin/python tools/make_report_templates.py [--out DIR]
An agency that wants its own letterhead copies a generated file, edits it in Word and points
PRONGSAI_TEMPLATES at its folder (see prongsai.documents.reports for the variables).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from prongsai.documents import docx_thai
from prongsai.documents.context import IMPLEMENTATION_WIDTHS, IMPROVEMENT_WIDTHS, PLAN_WIDTHS

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "prongsai" / "documents" / "templates"

LATIN_LANG = "en-US"
THAI_LANG = "th-TH"
TABLE_SIZE = 14.0  # pt, table text (TH Sarabun New: 14 pt is the usual size in dense tables)
HEADER_FILL = "D9D9D9"
C = WD_ALIGN_PARAGRAPH.CENTER


# --------------------------------------------------------------------------- styles


def _style(doc, name: str, *, size: float | None = None, bold: bool | None = None,
           align=None, first_line_cm: float | None = None, left_cm: float | None = None,
           hanging_cm: float | None = None, before_pt: float | None = None, after_pt: float | None = None,
           keep_next: bool = False, base: str = "Normal"):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    rPr = style.element.get_or_add_rPr()
    docx_thai.set_thai_font(rPr)
    if size is not None:
        docx_thai.set_size(rPr, size)
    if bold is not None:
        docx_thai.set_bold(rPr, bold)
    pf = style.paragraph_format
    if align is not None:
        pf.alignment = align
    if first_line_cm is not None:
        pf.first_line_indent = Cm(first_line_cm)
    if left_cm is not None:
        pf.left_indent = Cm(left_cm)
    if hanging_cm is not None:
        pf.left_indent = Cm((left_cm or 0) + hanging_cm)
        pf.first_line_indent = Cm(-hanging_cm)
    if before_pt is not None:
        pf.space_before = Pt(before_pt)
    if after_pt is not None:
        pf.space_after = Pt(after_pt)
    if keep_next:
        pf.keep_with_next = True
    pf.widow_control = True
    return style


def base_document(title: str):
    """A Thai-correct document with the report styles and the page-number footer."""
    doc = docx_thai.new_document()
    styles_el = doc.styles.element
    for lang in styles_el.iter(qn("w:lang")):
        lang.set(qn("w:val"), LATIN_LANG)
        lang.set(qn("w:bidi"), THAI_LANG)

    for heading in ("Heading 1", "Heading 2", "Heading 3"):
        pf = doc.styles[heading].paragraph_format
        pf.keep_with_next = True
        pf.keep_together = True
    doc.styles["Heading 1"].paragraph_format.alignment = C
    doc.styles["Heading 1"].paragraph_format.space_after = Pt(6)
    doc.styles["Heading 2"].paragraph_format.space_before = Pt(12)
    doc.styles["Heading 2"].paragraph_format.space_after = Pt(3)
    doc.styles["Heading 3"].paragraph_format.space_before = Pt(6)
    doc.styles["Heading 3"].paragraph_format.space_after = Pt(0)
    doc.styles["Title"].paragraph_format.space_after = Pt(0)

    _style(doc, "Body", align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY, first_line_cm=1.25, after_pt=4)
    _style(doc, "Body Keep", align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY, first_line_cm=1.25, after_pt=4, keep_next=True)
    _style(doc, "Body Bold", bold=True, keep_next=True, before_pt=4)
    _style(doc, "Point", align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY, left_cm=1.25, hanging_cm=0.6)
    _style(doc, "Caption Thai", bold=True, align=C, keep_next=True, before_pt=6, after_pt=3)
    _style(doc, "Figure", align=C, keep_next=True, before_pt=6)
    _style(doc, "Figure Caption", align=C, after_pt=6, size=14)
    _style(doc, "Note", size=14, align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY, before_pt=3, after_pt=3)
    _style(doc, "Cover Title", size=24, bold=True, align=C)
    _style(doc, "Cover Line", size=20, bold=True, align=C)
    _style(doc, "Cover Text", size=18, align=C)
    _style(doc, "Title Line", size=18, bold=True, align=C)
    _style(doc, "Signature", align=C, left_cm=7.0, keep_next=True)  # a signature block stays on one page
    _style(doc, "Signature End", align=C, left_cm=7.0)
    _style(doc, "Table Text", size=TABLE_SIZE)
    _style(doc, "Table Centre", size=TABLE_SIZE, align=C)
    _style(doc, "Table List", size=TABLE_SIZE, hanging_cm=0.75)
    _style(doc, "Table Bold", size=TABLE_SIZE, bold=True).paragraph_format.keep_together = True
    _style(doc, "Table Heading", size=TABLE_SIZE, bold=True, align=C)

    section = doc.sections[0]
    footer = docx_thai.add_page_number_footer(section, prefix="- ", suffix=" -", thai_digits=True)
    for run in footer.runs:
        docx_thai.set_lang(run._r.get_or_add_rPr(), THAI_LANG)

    props = doc.core_properties
    props.title = "{{ doc_title }}"
    props.subject = title
    props.author = "{{ agency }}"
    props.comments = "สร้างด้วยโปรแกรมโปร่งใส (Prongsai)"
    props.language = "th-TH"
    props.keywords = "ITA"
    props.last_modified_by = "Prongsai"
    props.revision = 1
    return doc


# --------------------------------------------------------------------------- building blocks


def para(container, text: str = "", style: str | None = "Body", bold: bool = False, highlight: bool = False):
    paragraph = container.add_paragraph(style=style)
    if text:
        run = docx_thai.thai_run(paragraph, text, bold=bold)
        if highlight:
            rPr = run._r.get_or_add_rPr()
            mark = OxmlElement("w:highlight")
            mark.set(qn("w:val"), "yellow")
            rPr.insert_element_before(mark, "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
                                      "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish",
                                      "w:oMath")
    return paragraph


def tag(container, text: str):
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it disappears when rendered."""
    return para(container, text, style="Normal")


def heading(doc, text: str, level: int):
    paragraph = doc.add_paragraph(style=f"Heading {level}")
    docx_thai.thai_run(paragraph, text, bold=True)
    return paragraph


def page_break(doc):
    paragraph = doc.add_paragraph(style="Normal")
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    return paragraph


def spacer(doc, count: int = 1):
    for _ in range(count):
        doc.add_paragraph(style="Normal")


@dataclass
class Cell:
    """Paragraphs of one template cell: (text, style)."""

    paragraphs: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def of(cls, *items: tuple[str, str] | str) -> Cell:
        return cls([(i, "Table Text") if isinstance(i, str) else i for i in items])


def _fill(cell, spec: Cell) -> None:
    first = True
    for text, style in spec.paragraphs:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.style = style
        if text:
            docx_thai.thai_run(paragraph, text, bold=style in ("Table Bold", "Table Heading"))


def _cell_borders(cell, **sides: str) -> None:
    """Cell borders, e.g. bottom="nil" (placed after tcW/gridSpan/vMerge, as the schema wants)."""
    tcPr = cell._tc.get_or_add_tcPr()
    borders = tcPr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        anchor = None
        for tag in ("w:tcW", "w:gridSpan", "w:vMerge"):
            found = tcPr.find(qn(tag))
            if found is not None:
                anchor = found
        if anchor is not None:
            anchor.addnext(borders)
        else:
            tcPr.insert(0, borders)
    for side, value in sides.items():
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), value)
        if value != "nil":
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "auto")
        borders.append(el)


def loop_table(doc, header: Sequence[str], rows: Sequence[Sequence[Cell]], widths_cm: Sequence[float], loop: str,
               align=WD_TABLE_ALIGNMENT.CENTER, joined: bool = False):
    """A table: a shaded, repeated header row and template row(s) repeated by {%tr for `loop` %}.

    With `joined`, the two template rows print as one: the first cannot split across pages (it
    holds the title) and has no bottom border, the second (the remaining steps) has no top border.
    """
    if isinstance(rows[0], Cell):
        rows = [rows]  # type: ignore[list-item]
    n = len(header)
    table = doc.add_table(rows=3 + len(rows), cols=n)
    table.style = "Table Grid"
    table.alignment = align
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _fill(cell, Cell([(text, "Table Heading")]))
        docx_thai.set_cell_shading(cell, HEADER_FILL)
    docx_thai.repeat_header(table.rows[0])
    docx_thai.keep_row_together(table.rows[0])
    _fill(table.rows[1].cells[0], Cell([(f"{{%tr for {loop} %}}", "Table Text")]))
    for row, specs in zip(table.rows[2:], rows, strict=False):
        for cell, spec in zip(row.cells, specs, strict=True):
            _fill(cell, spec)
    _fill(table.rows[-1].cells[0], Cell([("{%tr endfor %}", "Table Text")]))
    docx_thai.set_column_widths(table, widths_cm)
    if joined:
        first, second = table.rows[2], table.rows[3]
        docx_thai.keep_row_together(first)
        for cell in first.cells:
            _cell_borders(cell, bottom="nil")
        for cell in second.cells:
            _cell_borders(cell, top="nil")
    doc.add_paragraph(style="Normal")  # space after the table (and keeps two tables apart)
    return table


def chart(doc, variable: str, caption: str):
    tag(doc, f"{{%p if {variable} %}}")
    para(doc, f"{{{{ {variable} }}}}", style="Figure")
    para(doc, caption, style="Figure Caption")
    tag(doc, "{%p endif %}")


def points(doc, expression: str, item: str = "p"):
    tag(doc, f"{{%p for {item} in {expression} %}}")
    para(doc, f"–\t{{{{ {item} }}}}", style="Point")
    tag(doc, "{%p endfor %}")


def signature(doc, role: str, name: str, position: str | None = None, last: bool = True):
    """A signature block; blocks before the `last` one are kept on the same page as it."""
    end = "Signature End" if last else "Signature"
    para(doc, "", style="Signature")
    para(doc, f"(ลงชื่อ) …………………………………………… {role}", style="Signature")
    para(doc, f"( {name} )", style="Signature" if position else end)
    if position:
        para(doc, position, style=end)


def landscape(section):
    """A4 landscape; the official margins keep their sides (top 2.5, bottom 2, left 3, right 2 cm)."""
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = docx_thai.A4_HEIGHT, docx_thai.A4_WIDTH


def title_block(doc, lines: Sequence[str]):
    for i, line in enumerate(lines):
        if line.startswith("{%p"):
            tag(doc, line)
        else:
            para(doc, line, style="Title Line" if i else "Title")


RANKING_HEADER = ["อันดับ", "ตัวชี้วัด", "แบบวัด", "คะแนน", "ผลการประเมิน"]
RANKING_CELLS = [
    Cell.of(("{{ r.rank }}", "Table Centre")),
    Cell.of("{{ r.name }}"),
    Cell.of(("{{ r.instrument }}", "Table Centre")),
    Cell.of(("{{ r.score }}", "Table Centre")),
    Cell.of(("{{ r.result }}", "Table Centre")),
]
RANKING_WIDTHS = [1.6, 7.6, 2.0, 2.2, 2.6]


def ranking(doc):
    tag(doc, "{%p if ranking %}")
    para(doc, "คะแนนของตัวชี้วัดเรียงจากมากไปน้อย เทียบกับเกณฑ์ {{ pass_mark }} คะแนน", style="Caption Thai")
    loop_table(doc, RANKING_HEADER, RANKING_CELLS, RANKING_WIDTHS, "r in ranking")
    para(doc, "{{ count_text }}")
    chart(doc, "chart_indicators",
          "แผนภูมิคะแนนรายตัวชี้วัด (เส้นประคือเกณฑ์ {{ pass_mark }} คะแนน)")
    tag(doc, "{%p else %}")
    para(doc, "ข้อมูลที่ใช้ไม่มีคะแนนรายตัวชี้วัด จึงวิเคราะห์ได้เพียงระดับแบบวัด")
    tag(doc, "{%p endif %}")


# --------------------------------------------------------------------------- the three templates


def analysis_template():
    doc = base_document("รายงานการวิเคราะห์ผลการประเมิน ITA")
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_footer.is_linked_to_previous = False

    spacer(doc, 5)
    para(doc, "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส", style="Cover Title")
    para(doc, "ในการดำเนินงานของหน่วยงานภาครัฐ (ITA)", style="Cover Title")
    para(doc, "{{ fiscal_year_text }}", style="Cover Line")
    spacer(doc, 7)
    para(doc, "{{ agency }}", style="Cover Line")
    tag(doc, "{%p if location %}")
    para(doc, "{{ location }}", style="Cover Text")
    tag(doc, "{%p endif %}")
    spacer(doc, 7)
    tag(doc, "{%p if prepared_by %}")
    para(doc, "ผู้จัดทำ", style="Cover Text")
    para(doc, "{{ prepared_by }}", style="Cover Text")
    tag(doc, "{%p endif %}")
    page_break(doc)

    heading(doc, "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส\nในการดำเนินงานของหน่วยงานภาครัฐ", 1)
    para(doc, "ของ{{ agency }} {{ fiscal_year_text }}", style="Title Line")

    heading(doc, "{{ '1.'|d }} ความเป็นมาของการประเมิน", 2)
    tag(doc, "{%p for p in background %}")
    para(doc, "{{ p }}")
    tag(doc, "{%p endfor %}")

    heading(doc, "{{ '2.'|d }} ผลการประเมินประจำ{{ fiscal_year_text }}", 2)
    para(doc, "{{ result_text }}")
    tag(doc, "{%p if gap_text %}")
    para(doc, "{{ gap_text }}")
    tag(doc, "{%p endif %}")
    para(doc, "คะแนนตามแบบวัด", style="Caption Thai")
    loop_table(
        doc,
        ["แบบวัด", "น้ำหนัก", "คะแนน", "เทียบเกณฑ์ {{ pass_mark }}"],
        [Cell.of("{{ i.label }}"), Cell.of(("{{ i.weight }}", "Table Centre")),
         Cell.of(("{{ i.score }}", "Table Centre")), Cell.of(("{{ i.result }}", "Table Centre"))],
        [8.6, 2.4, 2.4, 2.6],
        "i in instruments",
    )
    chart(doc, "chart_instruments", "แผนภูมิคะแนนตามแบบวัด (เส้นประคือเกณฑ์ {{ pass_mark }} คะแนน)")
    tag(doc, "{%p if notes %}")
    para(doc, "หมายเหตุ", style="Body Bold")
    points(doc, "notes", "n")
    tag(doc, "{%p endif %}")

    heading(doc, "{{ '3.'|d }} การวิเคราะห์ผลการประเมินรายตัวชี้วัด", 2)
    ranking(doc)

    heading(doc, "{{ '3.1'|d }} จุดแข็ง (ตัวชี้วัดที่ได้คะแนนตั้งแต่ {{ strength_mark }} คะแนนขึ้นไป)", 3)
    tag(doc, "{%p for s in strengths %}")
    para(doc, "({{ loop.index|d }}) {{ s.label }} ได้ {{ s.score }} คะแนน {{ s.about_text }}")
    tag(doc, "{%p else %}")
    para(doc, "ไม่มีตัวชี้วัดที่ได้คะแนนถึง {{ strength_mark }} คะแนน")
    tag(doc, "{%p endfor %}")

    heading(doc, "{{ '3.2'|d }} จุดอ่อนที่ต้องพัฒนา (ตัวชี้วัดที่ได้คะแนนต่ำกว่า {{ pass_mark }} คะแนน)", 3)
    tag(doc, "{%p for w in weaknesses %}")
    para(doc, "({{ loop.index|d }}) {{ w.label }} ได้ {{ w.score }} คะแนน ต่ำกว่าเกณฑ์ {{ w.gap }} คะแนน "
              "{{ w.about_text }}")
    points(doc, "w.item_lines", "i")
    tag(doc, "{%p else %}")
    para(doc, "ไม่มีตัวชี้วัดที่ได้คะแนนต่ำกว่า {{ pass_mark }} คะแนน")
    tag(doc, "{%p endfor %}")

    heading(doc, "{{ '3.3'|d }} ตัวชี้วัดที่ได้คะแนนต่ำสุดของแต่ละแบบวัด", 3)
    tag(doc, "{%p for l in lowest %}")
    para(doc, "({{ loop.index|d }}) ด้าน {{ l.code }} ({{ l.instrument_name }}) ตัวชี้วัดที่ได้คะแนนต่ำสุด คือ "
              "{{ l.label }} ได้ {{ l.score }} คะแนน")
    points(doc, "l.item_lines", "i")
    tag(doc, "{%p endfor %}")

    heading(doc, "{{ '3.4'|d }} ข้อมูลที่ต้องเปิดเผยบนเว็บไซต์ (OIT) ที่ไม่ได้คะแนน", 3)
    tag(doc, "{%p if failed_oit %}")
    para(doc, "ผู้ตรวจประเมินให้ {{ '0'|d }} คะแนนแก่ข้อต่อไปนี้ ด้วยเหตุผลตามตาราง", style="Body Keep")
    loop_table(
        doc,
        ["ตัวชี้วัดย่อย", "ข้อ", "รายการ", "เหตุผลของผู้ตรวจประเมิน"],
        [Cell.of("{{ o.sub }}"), Cell.of(("{{ o.code }}", "Table Centre")), Cell.of("{{ o.label }}"),
         Cell.of("{{ o.reason }}")],
        [3.0, 1.5, 4.7, 6.8],
        "o in failed_oit",
    )
    tag(doc, "{%p else %}")
    para(doc, "ไม่มีข้อ OIT ที่ได้ {{ '0'|d }} คะแนน หรือข้อมูลที่ใช้ไม่มีผลรายข้อของแบบ OIT")
    tag(doc, "{%p endif %}")

    heading(doc, "{{ '4.'|d }} ข้อเสนอแนะจากการวิเคราะห์ผลการประเมิน", 2)
    tag(doc, "{%p for g in recommendations %}")
    heading(doc, "{{ '4.'|d }}{{ loop.index|d }} {{ g.title }}", 3)
    tag(doc, "{%p for e in g.entries %}")
    para(doc, "{{ e.heading }}", style="Body Bold")
    points(doc, "e.points")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")

    heading(doc, "{{ '5.'|d }} การนำผลการประเมินไปปรับปรุงและพัฒนาในปีงบประมาณ พ.ศ.\u00a0{{ plan_year }}", 2)
    para(doc, "{{ agency }}นำผลการวิเคราะห์ข้างต้นไปกำหนดการปรับปรุงแยกตามแบบวัด โดยใช้มาตรการจากแผนมาตรการ"
              "ส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ.\u00a0{{ plan_year }} ดังนี้")
    tag(doc, "{%p for t in improvement %}")
    heading(doc, "{{ '5.'|d }}{{ loop.index|d }} ด้าน {{ t.code }} ({{ t.name }})", 3)
    tag(doc, "{%p if t.intro %}")
    para(doc, "{{ t.intro }}", style="Body Keep")
    tag(doc, "{%p endif %}")
    para(doc, "{{ t.title }}", style="Caption Thai")
    loop_table(
        doc,
        ["ประเด็นที่เป็นข้อบกพร่อง/จุดอ่อน", "ขั้นตอนหรือวิธีการ/มาตรการ", "ผู้รับผิดชอบ",
         "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ"],
        [[Cell.of("{{ r.issue_head }}"), Cell.of(("{{ r.measure }}", "Table Bold"), ("{{ r.steps_head }}", "Table List")),
          Cell.of("{{ r.responsible_head }}"), Cell.of("{{ r.follow_up_head }}")],
         [Cell.of("{{ r.issue_tail }}"), Cell.of(("{{ r.steps_tail }}", "Table List")),
          Cell.of("{{ r.responsible_tail }}"), Cell.of("{{ r.follow_up_tail }}")]],
        IMPROVEMENT_WIDTHS,
        "r in t.rows",
        joined=True,
    )
    tag(doc, "{%p endfor %}")

    tag(doc, "{%p if history %}")
    heading(doc, "{{ '6.'|d }} เปรียบเทียบผลการประเมินกับปีที่ผ่านมา", 2)
    para(doc, "{{ history_text }}")
    loop_table(
        doc,
        ["ปีงบประมาณ", "คะแนนรวม", "ระดับ", "IIT", "EIT", "OIT"],
        [Cell.of(("{{ h.year }}", "Table Centre")), Cell.of(("{{ h.total }}", "Table Centre")),
         Cell.of(("{{ h.level }}", "Table Centre")), Cell.of(("{{ h.IIT }}", "Table Centre")),
         Cell.of(("{{ h.EIT }}", "Table Centre")), Cell.of(("{{ h.OIT }}", "Table Centre"))],
        [2.8, 2.6, 3.4, 2.4, 2.4, 2.4],
        "h in history",
    )
    tag(doc, "{%p if history_indicators %}")
    para(doc, "คะแนนรายตัวชี้วัดเทียบกับปีก่อน", style="Caption Thai")
    loop_table(
        doc,
        ["ตัวชี้วัด", "ปี {{ history[-2].year }}", "ปี {{ history[-1].year }}", "เปลี่ยนแปลง"],
        [Cell.of("{{ c.label }}"), Cell.of(("{{ c.before }}", "Table Centre")),
         Cell.of(("{{ c.now }}", "Table Centre")), Cell.of(("{{ c.change }}", "Table Centre"))],
        [8.5, 2.5, 2.5, 2.5],
        "c in history_indicators",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")

    signature(doc, "ผู้จัดทำ", "{{ prepared_by or blank }}")
    return doc


def plan_template():
    doc = base_document("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")
    title_block(doc, [
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "ประจำปีงบประมาณ พ.ศ.\u00a0{{ plan_year }}",
        "{{ agency }}",
        "{%p if location %}",
        "{{ location }}",
        "{%p endif %}",
    ])

    heading(doc, "{{ '1.'|d }} การวิเคราะห์ผลการประเมิน ITA ประจำ{{ fiscal_year_text }}", 2)
    para(doc, "{{ result_text }}")
    tag(doc, "{%p if gap_text %}")
    para(doc, "{{ gap_text }}")
    tag(doc, "{%p endif %}")
    ranking(doc)
    tag(doc, "{%p if weak_rows %}")
    para(doc, "ตัวชี้วัดที่ต่ำกว่าเกณฑ์ ประเด็นที่ต้องแก้ไข และมาตรการที่ใช้แก้ไข", style="Caption Thai")
    loop_table(
        doc,
        ["ตัวชี้วัด", "คะแนน", "ประเด็นที่ต้องแก้ไข/ปรับปรุง", "วิธีการแก้ไข"],
        [Cell.of("{{ w.label }}"), Cell.of(("{{ w.score }}", "Table Centre")), Cell.of("{{ w.issues }}"),
         Cell.of("{{ w.fixes }}")],
        [3.4, 1.6, 6.2, 4.8],
        "w in weak_rows",
    )
    tag(doc, "{%p else %}")
    para(doc, "ทุกตัวชี้วัดได้คะแนนถึงเกณฑ์ {{ pass_mark }} คะแนน มาตรการในปีนี้จึงมุ่งรักษามาตรฐานและยกระดับ"
              "ตัวชี้วัดที่ได้คะแนนต่ำสุด")
    tag(doc, "{%p endif %}")

    heading(doc, "{{ '2.'|d }} มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ "
                 "พ.ศ.\u00a0{{ plan_year }}", 2)
    para(doc, "{{ meeting_text }}")
    tag(doc, "{%p if meeting_missing %}")
    para(doc, "หมายเหตุถึงผู้จัดทำ: ข้อมูลการประชุมยังไม่ครบ ให้กรอกชื่อการประชุม วันที่ สถานที่ และผู้เข้าร่วมประชุม"
              "ในช่องที่เว้นไว้ แล้วลบหมายเหตุนี้ก่อนเผยแพร่", style="Note", highlight=True)
    tag(doc, "{%p endif %}")
    para(doc, "ผู้เข้าร่วมประชุม", style="Body Bold")
    tag(doc, "{%p for a in attendees %}")
    para(doc, "{{ loop.index|d }}.\t{{ a }}", style="Point")
    tag(doc, "{%p endfor %}")
    para(doc, "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ({{ measure_count }} มาตรการ)",
         style="Caption Thai")
    loop_table(
        doc,
        ["มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "การติดตามผล"],
        [[Cell.of(("{{ m.heading }}", "Table Bold")), Cell.of(("{{ m.steps_head }}", "Table List")),
          Cell.of("{{ m.responsible_head }}"), Cell.of(("{{ m.period }}", "Table Centre")),
          Cell.of("{{ m.follow_up_head }}")],
         [Cell.of(""), Cell.of(("{{ m.steps_tail }}", "Table List")), Cell.of("{{ m.responsible_tail }}"),
          Cell.of(""), Cell.of("{{ m.follow_up_tail }}")]],
        PLAN_WIDTHS,
        "m in measures",
        joined=True,
    )

    heading(doc, "{{ '3.'|d }} การกำกับติดตามและรายงานผล", 2)
    para(doc, "{{ reporting_text }}")

    heading(doc, "{{ '4.'|d }} ข้อจำกัดของหน่วยงานในการดำเนินการตามมาตรการ", 2)
    tag(doc, "{%p for l in limitations %}")
    para(doc, "{{ '4.'|d }}{{ loop.index|d }}\t{{ l }}", style="Point")
    tag(doc, "{%p endfor %}")

    signature(doc, "ผู้จัดทำ", "{{ prepared_by or blank }}", last=False)
    signature(doc, "ผู้อนุมัติ", "{{ blank }}", "{{ executive_title }}")
    return doc


def implementation_template():
    doc = base_document("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส")
    landscape(doc.sections[0])
    title_block(doc, [
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "ประจำปีงบประมาณ พ.ศ.\u00a0{{ plan_year }} {{ period_label }}",
        "{{ agency }}",
        "{%p if location %}",
        "{{ location }}",
        "{%p endif %}",
    ])
    spacer(doc)
    para(doc, "{{ intro_text }}")
    para(doc, "สรุปสถานะการดำเนินการ {{ period_label }} ({{ period_text }})", style="Caption Thai")
    loop_table(
        doc,
        ["สถานะ", "จำนวนมาตรการ"],
        [Cell.of("{{ s.status }}"), Cell.of(("{{ s.count }}", "Table Centre"))],
        [7.0, 3.5],
        "s in status_rows",
    )
    para(doc, "ผลการดำเนินการรายมาตรการ", style="Caption Thai")
    loop_table(
        doc,
        ["มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา", "ผลการดำเนินการ",
         "ผลลัพธ์หรือความสำเร็จ"],
        [[Cell.of(("{{ m.heading }}", "Table Bold")), Cell.of(("{{ m.steps_head }}", "Table List")),
          Cell.of("{{ m.responsible_head }}"), Cell.of(("{{ m.period }}", "Table Centre")),
          Cell.of("{{ m.progress_head }}"), Cell.of("{{ m.outcome_head }}")],
         [Cell.of(""), Cell.of(("{{ m.steps_tail }}", "Table List")), Cell.of("{{ m.responsible_tail }}"),
          Cell.of(""), Cell.of("{{ m.progress_tail }}"), Cell.of("{{ m.outcome_tail }}")]],
        IMPLEMENTATION_WIDTHS,
        "m in measures",
        joined=True,
    )
    heading(doc, "ปัญหา อุปสรรค และข้อเสนอแนะ", 2)
    points(doc, "problems")
    signature(doc, "ผู้รายงาน", "{{ prepared_by or blank }}", last=False)
    signature(doc, "ผู้บริหาร", "{{ blank }}", "{{ executive_title }}")
    return doc


BUILDERS = {"analysis": analysis_template, "plan": plan_template, "implementation": implementation_template}


# --------------------------------------------------------------------------- docs/examples


def example_inputs():
    """The documents shown in docs/examples: seed 003's analysis (อบต.ไค้งยาง FY2565), seed 004's
    plan with the meeting the seed names (อบต.ลาดหญ้า, 24 Jan 2565), and a 6-month implementation
    report of that plan with a few progress entries (made up for the example)."""
    from dataclasses import replace
    from datetime import date

    from prongsai.ita.analysis import analyse
    from prongsai.ita.library import get_framework
    from prongsai.ita.results import Meeting
    from prongsai.planning.draft import draft_plan
    from prongsai.results_io import read_results

    def load(name: str):
        results = read_results(ROOT / "examples" / name)
        analysis = analyse(results, get_framework)
        return results, analysis

    khongyang, k_analysis = load("khongyang-2565.yaml")
    ladya, l_analysis = load("ladya-2564.yaml")
    ladya = replace(
        ladya,
        prepared_by="นิติกร สำนักปลัด",
        meeting=Meeting(
            date=date(2022, 1, 24),
            title="ผู้บริหารและเจ้าหน้าที่องค์การบริหารส่วนตำบลลาดหญ้า",
            place="ห้องประชุมองค์การบริหารส่วนตำบลลาดหญ้า",
            attendees=("นายกองค์การบริหารส่วนตำบลลาดหญ้า", "ปลัดองค์การบริหารส่วนตำบล",
                       "หัวหน้าสำนักปลัด ผู้อำนวยการกองคลัง และผู้อำนวยการกองช่าง",
                       "พนักงานส่วนตำบลและพนักงานจ้าง"),
        ),
    )
    plan = draft_plan(ladya, l_analysis)
    progress = ladya_progress(plan)
    return {
        "analysis-khongyang-2565": ("analysis", khongyang, k_analysis, draft_plan(khongyang, k_analysis), "year-end"),
        "plan-ladya-2565": ("plan", ladya, l_analysis, plan, "year-end"),
        "implementation-ladya-2565-6-month": ("implementation", replace(ladya, progress=progress), l_analysis,
                                              plan, "6-month"),
    }


def ladya_progress(plan):
    """A few progress entries: by number and by title, one late, one after the 6-month cut-off."""
    from datetime import date

    from prongsai.ita.results import ProgressEntry

    second = plan.measures[1].title
    return (
        ProgressEntry(measure="1", status="เสร็จสิ้น", as_of=date(2022, 3, 31),
                      done="ประชุมชี้แจงแนวปฏิบัติให้บุคลากรทุกกองเมื่อวันที่ 15 ธันวาคม 2564 มีผู้เข้าร่วม 42 คน",
                      result="บุคลากรรับทราบแนวปฏิบัติครบทุกกอง",
                      outcome="ไม่มีเรื่องร้องเรียนเกี่ยวกับการปฏิบัติหน้าที่ในรอบ 6 เดือน"),
        ProgressEntry(measure=second, status="กำลังดำเนินการ", as_of=date(2022, 3, 25),
                      done="เผยแพร่แผนการใช้จ่ายงบประมาณและสรุปผลการจัดซื้อจัดจ้างเดือนตุลาคม–กุมภาพันธ์บนเว็บไซต์",
                      result="ลงข้อมูลแล้ว 5 จาก 6 เดือน"),
        ProgressEntry(measure="3", status="ล่าช้า", as_of=date(2022, 3, 30),
                      done="แต่งตั้งคณะทำงานแล้ว ยังไม่ได้จัดประชุมทบทวนมาตรการ เนื่องจากผู้รับผิดชอบย้ายตำแหน่ง"),
        ProgressEntry(measure="3", status="เสร็จสิ้น", as_of=date(2022, 6, 30),
                      done="จัดประชุมทบทวนมาตรการแล้ว (หลังรอบ 6 เดือน: ไม่นับในรายงานรอบนี้)"),
    )


def write_examples(out: Path, dpi: int = 70) -> None:
    import subprocess

    from prongsai.documents.reports import ReportJob, write_reports

    out.mkdir(parents=True, exist_ok=True)
    jobs = [
        ReportJob(kind, "pdf", out / f"{name}.pdf", results, analysis, plan, period)
        for name, (kind, results, analysis, plan, period) in example_inputs().items()
    ]
    for path in write_reports(jobs):
        for old in out.glob(f"{path.stem}-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(out / path.stem)], check=True)
        print(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--examples", type=Path, default=None, metavar="DIR",
                        help="also write the example PDFs and their PNG pages (pdftoppm -r 70) to DIR")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for kind, build in BUILDERS.items():
        path = args.out / f"{kind}.docx"
        build().save(path)
        print(path)
    if args.examples is not None:
        write_examples(args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
