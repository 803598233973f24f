"""Generate the shipped report templates: src/prongsai/documents/templates/{analysis,plan,implementation}.docx.

The templates are ordinary Word documents with docxtpl (Jinja) tags, built with python-docx and
prongsai.documents.docx_thai so that every style is Thai-correct: TH Sarabun New on all four
w:rFonts attributes (w:cs for Thai) of the document defaults and the styles — runs carry no
font of their own, so an agency that changes the Normal style (e.g. to TH SarabunIT๙) changes
the whole document —, sizes on sz and szCs, bold on b and bCs, complex-script language th-TH,
A4 with margins top 2.5 / bottom 2 / left 3 / right 2 cm, table widths on gridCol and tcW,
repeated header rows, real Word numbering for steps, and a page-number footer.

Layout rules for a publishable document:
- One table row per measure. Rows may break across pages (the header row repeats), so a page
  never ends half empty because a long row did not fit.
- Headings and table captions keep with what follows; the signature block is a borderless
  table kept with the sentence before it, so it never stands alone on a page.
- The analysis report's สารบัญ uses PAGEREF fields to bookmarks on the headings: LibreOffice
  fills in the page numbers when it lays the document out, Word on F9 or print.
- The Latin-script language (w:lang/@w:val) is en-US and only page numbers and list labels carry
  th-TH. Reports are converted with LibreOffice's "Context" numerals (see documents/pdf.py), so
  exactly those print in Thai digits; every other digit prints as written.
- Paragraph loops use their own paragraphs ({%p … %}) and table-row loops their own rows
  ({%tr … %}), so an agency can move or restyle any part in Word without breaking a tag.

Usage: .venv/bin/python tools/make_report_templates.py [--out DIR] [--examples DIR]
An agency that wants its own letterhead copies a generated file, edits it in Word and points
PRONGSAI_TEMPLATES at its folder (see prongsai.documents.reports for the variables).
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from prongsai.documents import docx_thai
from prongsai.documents.numbering import STEPS_ABSTRACT_ID, STEPS_NUM_ID, STEPS_STYLE
from prongsai.documents.widths import IMPLEMENTATION_WIDTHS, IMPROVEMENT_WIDTHS, PLAN_WIDTHS

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "prongsai" / "documents" / "templates"

LATIN_LANG = "en-US"
THAI_LANG = "th-TH"
TABLE_SIZE = 14.0  # pt, table text (TH Sarabun New: 14 pt is the usual size in dense tables)
HEADER_FILL = "D9D9D9"
C = WD_ALIGN_PARAGRAPH.CENTER
PORTRAIT_TEXT_CM = 16.0
LANDSCAPE_TEXT_CM = 24.7

APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>Prongsai</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>1.0000</AppVersion></Properties>"
)


# --------------------------------------------------------------------------- styles


def _style(doc, name: str, *, size: float | None = None, bold: bool | None = None,
           align=None, first_line_cm: float | None = None, left_cm: float | None = None,
           hanging_cm: float | None = None, before_pt: float | None = None, after_pt: float | None = None,
           keep_next: bool = False, keep_together: bool = False, base: str = "Normal"):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    rPr = style.element.get_or_add_rPr()
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
    if keep_together:
        pf.keep_together = True
    pf.widow_control = True
    return style


def _steps_numbering(doc) -> None:
    """The numbering of steps: ๑. ๒. ๓. (Thai numbers in Word; in LibreOffice the th-TH label
    prints Thai digits through the Context numerals), hanging at 0.6 cm. Each cell's list restarts
    at ๑ (prongsai.documents.numbering gives every cell its own w:num when rendering)."""
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{STEPS_ABSTRACT_ID}">'
        '<w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="thaiNumbers"/><w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="340"/></w:tabs>'
        '<w:ind w:left="340" w:hanging="340"/></w:pPr>'
        '<w:rPr><w:lang w:val="th-TH" w:bidi="th-TH"/></w:rPr></w:lvl></w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{STEPS_NUM_ID}"><w:abstractNumId w:val="{STEPS_ABSTRACT_ID}"/></w:num>'
    ))


def base_document(title: str):
    """A Thai-correct document with the report styles and the page-number footer."""
    doc = docx_thai.new_document()
    styles_el = doc.styles.element
    for lang in styles_el.iter(qn("w:lang")):
        lang.set(qn("w:val"), LATIN_LANG)
        lang.set(qn("w:bidi"), THAI_LANG)

    for name in ("Heading 1", "Heading 2", "Heading 3"):
        pf = doc.styles[name].paragraph_format
        pf.keep_with_next = True
        pf.keep_together = True
    doc.styles["Heading 1"].paragraph_format.alignment = C
    doc.styles["Heading 1"].paragraph_format.space_after = Pt(6)
    doc.styles["Heading 2"].paragraph_format.space_before = Pt(10)
    doc.styles["Heading 2"].paragraph_format.space_after = Pt(2)
    doc.styles["Heading 3"].paragraph_format.space_before = Pt(6)
    doc.styles["Heading 3"].paragraph_format.space_after = Pt(0)
    doc.styles["Title"].paragraph_format.space_after = Pt(0)

    _style(doc, "Body", align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY, first_line_cm=1.25, after_pt=3)
    _style(doc, "Body Keep", align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY, first_line_cm=1.25, after_pt=3, keep_next=True)
    _style(doc, "Body Bold", bold=True, keep_next=True, before_pt=3)
    _style(doc, "Point", align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY, left_cm=1.25, hanging_cm=0.6)
    _style(doc, "Point Keep", align=WD_ALIGN_PARAGRAPH.THAI_JUSTIFY, left_cm=1.25, hanging_cm=0.6, keep_next=True)
    _style(doc, "Caption Thai", bold=True, align=C, keep_next=True, before_pt=6, after_pt=3)
    _style(doc, "Figure", align=C, keep_next=True, before_pt=3)
    _style(doc, "Figure Caption", align=C, after_pt=3, size=14)
    _style(doc, "Cover Title", size=22, bold=True, align=C)
    _style(doc, "Cover Line", size=20, bold=True, align=C)
    _style(doc, "Cover Text", size=18, align=C)
    _style(doc, "Title Line", size=18, bold=True, align=C)
    _style(doc, "Centre", align=C)
    _style(doc, "Signature", align=C, keep_next=True, keep_together=True)
    _style(doc, "TOC Line", after_pt=2).paragraph_format.tab_stops.add_tab_stop(
        Cm(PORTRAIT_TEXT_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    _style(doc, "Table Text", size=TABLE_SIZE)
    _style(doc, "Table Centre", size=TABLE_SIZE, align=C)
    _style(doc, "Table Bold", size=TABLE_SIZE, bold=True, keep_together=True)
    _style(doc, "Table Heading", size=TABLE_SIZE, bold=True, align=C)
    _style(doc, "Table Small", size=13)
    steps = _style(doc, STEPS_STYLE, size=TABLE_SIZE)
    _steps_numbering(doc)
    numPr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{STEPS_NUM_ID}"/></w:numPr>')
    ppr = steps.element.get_or_add_pPr()
    ppr.insert(0, numPr)

    props = doc.core_properties
    props.title = "{{ doc_title }}"
    props.subject = title
    props.author = "{{ agency }}"
    props.comments = "จัดทำด้วยโปรแกรมโปร่งใส (Prongsai)"
    props.language = "th-TH"
    props.keywords = "ITA"
    props.last_modified_by = "Prongsai"
    props.revision = 1
    return doc


def footer_page_numbers(section) -> None:
    footer = docx_thai.add_page_number_footer(section, prefix="- ", suffix=" -", thai_digits=True)
    for run in footer.runs:
        rPr = run._r.get_or_add_rPr()
        docx_thai.set_lang(rPr, THAI_LANG)
        fonts = rPr.find(qn("w:rFonts"))
        if fonts is not None:  # the footer follows the document's font too
            rPr.remove(fonts)


# --------------------------------------------------------------------------- building blocks


def _run(paragraph, text: str):
    """A run with no formatting of its own: font, size and weight come from the style."""
    return paragraph.add_run(text)


def para(container, text: str = "", style: str | None = "Body"):
    paragraph = container.add_paragraph(style=style)
    if text:
        _run(paragraph, text)
    return paragraph


def tag(container, text: str):
    """A paragraph holding only a docxtpl paragraph tag ({%p … %}); it disappears when rendered."""
    return para(container, text, style="Normal")


def _bookmark(paragraph, name: str, index: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(index))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(index))
    runs = paragraph._p.findall(qn("w:r"))
    runs[0].addprevious(start)
    runs[-1].addnext(end)


def heading(doc, text: str, level: int, bookmark: tuple[str, int] | None = None):
    paragraph = doc.add_paragraph(style=f"Heading {level}")
    _run(paragraph, text)
    if bookmark:
        _bookmark(paragraph, *bookmark)
    return paragraph


def page_break(doc):
    paragraph = doc.add_paragraph(style="Normal")
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    return paragraph


def spacer(doc, count: int = 1):
    for _ in range(count):
        doc.add_paragraph(style="Normal")


def _field(paragraph, instruction: str, cached: str) -> None:
    def run_with(child) -> None:
        run = OxmlElement("w:r")
        rPr = OxmlElement("w:rPr")
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), THAI_LANG)
        lang.set(qn("w:bidi"), THAI_LANG)
        rPr.append(lang)
        run.append(rPr)
        run.append(child)
        paragraph._p.append(run)

    for kind in ("begin", "instr", "separate", "text", "end"):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instruction} "
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = cached
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), "begin" if kind == "begin" else kind)
        run_with(el)


def toc_line(doc, text: str, bookmark: str, indent_cm: float = 0.0):
    paragraph = para(doc, text + "\t", style="TOC Line")
    if indent_cm:
        paragraph.paragraph_format.left_indent = Cm(indent_cm)
    _field(paragraph, f"PAGEREF {bookmark} \\h", "๑")
    return paragraph


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
            _run(paragraph, text)


def loop_table(doc, header: Sequence[str], cells: Sequence[Cell], widths_cm: Sequence[float], loop: str,
               align=WD_TABLE_ALIGNMENT.CENTER):
    """A table with a shaded header row repeated on every page and one template row repeated by
    {%tr for `loop` %}. Body rows may break across pages."""
    n = len(header)
    table = doc.add_table(rows=4, cols=n)
    table.style = "Table Grid"
    table.alignment = align
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _fill(cell, Cell([(text, "Table Heading")]))
        docx_thai.set_cell_shading(cell, HEADER_FILL)
    docx_thai.repeat_header(table.rows[0])
    docx_thai.keep_row_together(table.rows[0])
    _fill(table.rows[1].cells[0], Cell([(f"{{%tr for {loop} %}}", "Table Text")]))
    for cell, spec in zip(table.rows[2].cells, cells, strict=True):
        _fill(cell, spec)
    _fill(table.rows[3].cells[0], Cell([("{%tr endfor %}", "Table Text")]))
    docx_thai.set_column_widths(table, widths_cm)
    doc.add_paragraph(style="Normal")  # space after the table (and keeps two tables apart)
    return table


def steps_cell(expression: str) -> Cell:
    """Numbered steps, or a plain reference when the row only refers to another table."""
    return Cell([
        ("{%p if " + expression + "_ref %}", "Table Text"),
        ("{{ " + expression + "_ref }}", "Table Text"),
        ("{%p else %}", "Table Text"),
        ("{{ " + expression + " }}", STEPS_STYLE),
        ("{%p endif %}", "Table Text"),
    ])


def chart(doc, variable: str, caption: str):
    tag(doc, f"{{%p if {variable} %}}")
    para(doc, f"{{{{ {variable} }}}}", style="Figure")
    para(doc, caption, style="Figure Caption")
    tag(doc, "{%p endif %}")


def points(doc, expression: str, item: str = "p", marker: str = "–"):
    tag(doc, f"{{%p for {item} in {expression} %}}")
    para(doc, f"{marker}\t{{{{ {item} }}}}", style="Point")
    tag(doc, "{%p endfor %}")


def _no_borders(table) -> None:
    tblPr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblPr.append(borders)


def signatures(doc, blocks: Sequence[tuple[str, str, str]], width_cm: float = PORTRAIT_TEXT_CM,
               date_line: str | None = None):
    """Signature blocks side by side in a borderless table: (role, name, position) each, and an
    optional date line under every block. The sentence before it (style "Body Keep") keeps it
    on the same page."""
    table = doc.add_table(rows=1, cols=len(blocks))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    docx_thai.keep_row_together(table.rows[0])
    for cell, (role, name, position) in zip(table.rows[0].cells, blocks, strict=True):
        lines = [("", "Signature"), (f"(ลงชื่อ) ……………………………… {role}".rstrip(), "Signature"),
                 (f"({name})", "Signature")]
        if position:
            lines.append((position, "Signature"))
        if date_line:
            lines.append((date_line, "Signature"))
        _fill(cell, Cell(lines))
    docx_thai.set_column_widths(table, [width_cm / len(blocks)] * len(blocks))
    return table


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


def cover(doc, lines: Sequence[tuple[str, str]]):
    for text, style in lines:
        if text.startswith("{%p"):
            tag(doc, text)
        elif style == "space":
            spacer(doc, int(text))
        else:
            para(doc, text, style=style)


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
    para(doc, "คะแนนรายตัวชี้วัดเรียงจากมากไปน้อย เทียบกับเกณฑ์ {{ pass_mark }} คะแนน", style="Caption Thai")
    loop_table(doc, RANKING_HEADER, RANKING_CELLS, RANKING_WIDTHS, "r in ranking")


# --------------------------------------------------------------------------- the three templates

ANALYSIS_TOC = [
    ("{{ '1.'|d }} ความเป็นมาของการประเมิน", "_TocBackground", 0.0, None),
    ("{{ '2.'|d }} ผลการประเมิน {{ fiscal_year_text }}", "_TocResult", 0.0, None),
    ("{{ '3.'|d }} การวิเคราะห์ผลการประเมินรายตัวชี้วัด", "_TocAnalysis", 0.0, None),
    ("{{ '3.1'|d }} จุดแข็ง", "_TocStrengths", 0.8, None),
    ("{{ '3.2'|d }} จุดอ่อนที่ต้องพัฒนา", "_TocWeaknesses", 0.8, None),
    ("{{ '3.3'|d }} ข้อมูลที่เปิดเผยบนเว็บไซต์ (OIT) ที่ไม่ได้คะแนน", "_TocOit", 0.8, None),
    ("{{ '4.'|d }} ข้อเสนอแนะจากการวิเคราะห์ผลการประเมิน", "_TocAdvice", 0.0, None),
    ("{{ '5.'|d }} การนำผลการประเมินไปปรับปรุงและพัฒนาในปีงบประมาณ พ.ศ.\u00a0{{ plan_year }}",
     "_TocImprovement", 0.0, None),
    ("{{ '6.'|d }} เปรียบเทียบผลการประเมินกับปีที่ผ่านมา", "_TocHistory", 0.0, "history"),
]


def analysis_template():
    doc = base_document("รายงานการวิเคราะห์ผลการประเมิน ITA")
    front = doc.sections[0]

    cover(doc, [
        ("3", "space"),
        ("รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส", "Cover Title"),
        ("ในการดำเนินงานของหน่วยงานภาครัฐ (ITA)", "Cover Title"),
        ("{{ fiscal_year_text }}", "Cover Line"),
        ("6", "space"),
        ("{{ prepared_by or blank }}", "Cover Text"),
        ("{%p if prepared_position %}", ""),
        ("{{ prepared_position }}", "Cover Text"),
        ("{%p endif %}", ""),
        ("ผู้จัดทำ", "Cover Text"),
        ("6", "space"),
        ("{{ agency }}", "Cover Line"),
        ("{%p if location %}", ""),
        ("{{ location }}", "Cover Text"),
        ("{%p endif %}", ""),
    ])
    page_break(doc)

    para(doc, "คำนำ", style="Title")
    spacer(doc)
    tag(doc, "{%p for p in foreword %}")
    para(doc, "{{ p }}")
    tag(doc, "{%p endfor %}")
    spacer(doc)
    para(doc, "{{ prepared_by or blank }}", style="Signature").paragraph_format.left_indent = Cm(8)
    tag(doc, "{%p if prepared_position %}")
    para(doc, "ตำแหน่ง {{ prepared_position }}", style="Signature").paragraph_format.left_indent = Cm(8)
    tag(doc, "{%p endif %}")
    para(doc, "ผู้จัดทำ", style="Signature").paragraph_format.left_indent = Cm(8)
    page_break(doc)

    para(doc, "สารบัญ", style="Title")
    para(doc, "หน้า", style="Normal").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for text, mark, indent, condition in ANALYSIS_TOC:
        if condition:
            tag(doc, f"{{%p if {condition} %}}")
        toc_line(doc, text, mark, indent)
        if condition:
            tag(doc, "{%p endif %}")

    # The body is its own section: page numbers start at ๑ there, as in the seeds.
    body = doc.add_section(WD_SECTION.NEW_PAGE)
    body.footer.is_linked_to_previous = False
    footer_page_numbers(body)
    docx_thai.set_page_number_format(body, "thaiNumbers", start=1)
    front.footer.is_linked_to_previous = False

    heading(doc, "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส\nในการดำเนินงานของหน่วยงานภาครัฐ", 1)
    para(doc, "ของ{{ agency }} {{ fiscal_year_text }}", style="Title Line")

    heading(doc, "{{ '1.'|d }} ความเป็นมาของการประเมิน", 2, ("_TocBackground", 1))
    tag(doc, "{%p for p in background %}")
    para(doc, "{{ p }}")
    tag(doc, "{%p endfor %}")

    heading(doc, "{{ '2.'|d }} ผลการประเมิน {{ fiscal_year_text }}", 2, ("_TocResult", 2))
    para(doc, "{{ result_text }}")
    tag(doc, "{%p for l in instrument_lines %}")
    para(doc, "{{ l }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if gap_text %}")
    para(doc, "{{ gap_text }}")
    tag(doc, "{%p endif %}")
    chart(doc, "chart_instruments", "แผนภูมิคะแนนตามแบบวัด (เส้นประคือเกณฑ์ {{ pass_mark }} คะแนน)")

    heading(doc, "{{ '3.'|d }} การวิเคราะห์ผลการประเมินรายตัวชี้วัด", 2, ("_TocAnalysis", 3))
    tag(doc, "{%p if ranking %}")
    ranking(doc)
    para(doc, "{{ count_text }}")
    chart(doc, "chart_indicators", "แผนภูมิคะแนนรายตัวชี้วัด (เส้นประคือเกณฑ์ {{ pass_mark }} คะแนน)")
    tag(doc, "{%p endif %}")

    heading(doc, "{{ '3.1'|d }} จุดแข็ง (ตัวชี้วัดที่ได้คะแนนตั้งแต่ {{ strength_mark }} คะแนนขึ้นไป)", 3,
            ("_TocStrengths", 4))
    tag(doc, "{%p for s in strengths %}")
    para(doc, "({{ loop.index|d }}) {{ s.label }} ได้ {{ s.score }} คะแนน {{ s.finding }}")
    tag(doc, "{%p else %}")
    para(doc, "{{ no_strength_text }}")
    tag(doc, "{%p endfor %}")

    heading(doc, "{{ '3.2'|d }} จุดอ่อนที่ต้องพัฒนา (ตัวชี้วัดที่ได้คะแนนต่ำกว่า {{ pass_mark }} คะแนน)", 3,
            ("_TocWeaknesses", 5))
    tag(doc, "{%p for w in weaknesses %}")
    para(doc, "({{ loop.index|d }}) {{ w.label }} ได้ {{ w.score }} คะแนน ต่ำกว่าเกณฑ์ {{ w.gap }} คะแนน {{ w.finding }}")
    tag(doc, "{%p else %}")
    para(doc, "{{ no_weakness_text }}")
    tag(doc, "{%p endfor %}")

    heading(doc, "{{ '3.3'|d }} ข้อมูลที่เปิดเผยบนเว็บไซต์ (OIT) ที่ไม่ได้คะแนน", 3, ("_TocOit", 6))
    tag(doc, "{%p if failed_oit %}")
    para(doc, "{{ failed_oit_text }}", style="Body Keep")
    loop_table(
        doc,
        ["ตัวชี้วัดย่อย", "ข้อ", "รายการ", "ข้อสังเกตของผู้ตรวจประเมิน"],
        [Cell.of("{{ o.sub }}"), Cell.of(("{{ o.code }}", "Table Centre")), Cell.of("{{ o.label }}"),
         Cell.of("{{ o.reason }}")],
        [3.4, 1.4, 4.6, 6.6],
        "o in failed_oit",
    )
    tag(doc, "{%p else %}")
    para(doc, "{{ oit_text }}")
    tag(doc, "{%p endif %}")

    heading(doc, "{{ '4.'|d }} ข้อเสนอแนะจากการวิเคราะห์ผลการประเมิน", 2, ("_TocAdvice", 7))
    tag(doc, "{%p for a in advice %}")
    heading(doc, "{{ '4.'|d }}{{ loop.index|d }} ด้าน {{ a.code }} ({{ a.name }})", 3)
    para(doc, "{{ a.intro }}", style="Body Keep")
    loop_table(
        doc,
        ["ตัวชี้วัด", "{{ a.issue_header }}", "วิธีการพัฒนา"],
        [Cell.of("{{ r.indicator }}"), Cell.of("{{ r.issues }}"), Cell.of("{{ r.methods }}")],
        [3.6, 6.0, 6.4],
        "r in a.rows",
    )
    tag(doc, "{%p endfor %}")

    heading(doc, "{{ '5.'|d }} การนำผลการประเมินไปปรับปรุงและพัฒนาในปีงบประมาณ พ.ศ.\u00a0{{ plan_year }}", 2,
            ("_TocImprovement", 8))
    para(doc, "{{ improvement_text }}")
    tag(doc, "{%p for t in improvement %}")
    para(doc, "{{ t.title }}", style="Caption Thai")
    loop_table(
        doc,
        ["ประเด็นที่เป็นข้อบกพร่อง/จุดอ่อนจากการประเมิน", "ขั้นตอนหรือวิธีการ/มาตรการ", "ผู้รับผิดชอบ",
         "การรายงานผลและการกำกับติดตาม กำหนดเวลาแล้วเสร็จ"],
        [Cell.of("{{ r.issue }}"),
         Cell([("{{ r.measure }}", "Table Bold"), *steps_cell("r.steps").paragraphs]),
         Cell.of("{{ r.responsible }}"), Cell.of("{{ r.follow_up }}")],
        IMPROVEMENT_WIDTHS,
        "r in t.rows",
    )
    tag(doc, "{%p endfor %}")

    tag(doc, "{%p if history %}")
    heading(doc, "{{ '6.'|d }} เปรียบเทียบผลการประเมินกับปีที่ผ่านมา", 2, ("_TocHistory", 9))
    para(doc, "{{ history_text }}", style="Body Keep")
    loop_table(
        doc,
        ["ปีงบประมาณ", "คะแนนรวม", "ระดับ", "IIT", "EIT", "OIT"],
        [Cell.of(("{{ h.year }}", "Table Centre")), Cell.of(("{{ h.total }}", "Table Centre")),
         Cell.of(("{{ h.level }}", "Table Centre")), Cell.of(("{{ h.IIT }}", "Table Centre")),
         Cell.of(("{{ h.EIT }}", "Table Centre")), Cell.of(("{{ h.OIT }}", "Table Centre"))],
        [2.8, 2.6, 3.4, 2.4, 2.4, 2.4],
        "h in history",
    )
    tag(doc, "{%p endif %}")

    para(doc, "{{ closing_text }}", style="Body Keep")
    signatures(doc, [("ผู้จัดทำ", "{{ prepared_by or blank }}", "{{ prepared_position }}"),
                     ("ผู้เสนอ", "{{ blank }}", "{{ chief_officer_title }}")])
    para(doc, "{{ approval_text }}", style="Signature")
    signatures(doc, [("", "{{ approver or blank }}", "{{ executive_title }}")], width_cm=8.0,
               date_line="{{ date_blank }}")
    return doc


def plan_template():
    doc = base_document("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน")
    front = doc.sections[0]
    cover(doc, [
        ("5", "space"),
        ("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "Cover Title"),
        ("ประจำปีงบประมาณ พ.ศ.\u00a0{{ plan_year }}", "Cover Line"),
        ("10", "space"),
        ("{{ agency }}", "Cover Line"),
        ("{%p if location %}", ""),
        ("{{ location }}", "Cover Text"),
        ("{%p endif %}", ""),
        ("8", "space"),
        ("จัดทำโดย {{ responsible_unit }}", "Cover Text"),
        ("{{ agency }}", "Cover Text"),
    ])
    body = doc.add_section(WD_SECTION.NEW_PAGE)
    body.footer.is_linked_to_previous = False
    footer_page_numbers(body)
    docx_thai.set_page_number_format(body, "thaiNumbers", start=1)
    front.footer.is_linked_to_previous = False

    title_block(doc, [
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ.\u00a0{{ plan_year }}",
        "{{ agency }} {{ location }}",
    ])

    heading(doc, "{{ '1.'|d }} การวิเคราะห์ผลการประเมิน ITA ของ{{ agency }} {{ fiscal_year_text }}", 2)
    para(doc, "{{ result_text }}")
    tag(doc, "{%p if ranking %}")
    ranking(doc)
    score_box = doc.add_table(rows=2, cols=3)
    score_box.style = "Table Grid"
    score_box.alignment = WD_TABLE_ALIGNMENT.CENTER
    for row, (label, key) in zip(score_box.rows, (("คะแนนสูงสุด", "highest"), ("คะแนนต่ำสุด", "lowest")), strict=True):
        _fill(row.cells[0], Cell([(label, "Table Bold")]))
        _fill(row.cells[1], Cell([("{{ " + key + ".score }}", "Table Centre")]))
        _fill(row.cells[2], Cell([("{{ " + key + ".label }}", "Table Text")]))
        docx_thai.keep_row_together(row)
    docx_thai.set_column_widths(score_box, [3.0, 2.4, 10.6])
    doc.add_paragraph(style="Normal")
    para(doc, "{{ count_text }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if low_counts_text %}")
    para(doc, "{{ low_counts_text }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if weak_rows %}")
    para(doc, "ตัวชี้วัดที่ต่ำกว่าเกณฑ์ ประเด็นที่ต้องแก้ไข/ปรับปรุง และวิธีการแก้ไข", style="Caption Thai")
    loop_table(
        doc,
        ["ตัวชี้วัด", "คะแนน", "ประเด็นที่ต้องแก้ไข/ปรับปรุง", "วิธีการแก้ไข"],
        [Cell.of("{{ w.label }}"), Cell.of(("{{ w.score }}", "Table Centre")), Cell.of("{{ w.issues }}"),
         Cell.of("{{ w.fixes }}")],
        [3.4, 1.6, 6.6, 4.4],
        "w in weak_rows",
    )
    tag(doc, "{%p else %}")
    para(doc, "{{ all_pass_text }}")
    tag(doc, "{%p endif %}")

    heading(doc, "{{ '2.'|d }} มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ "
                 "พ.ศ.\u00a0{{ plan_year }}", 2)
    para(doc, "{{ meeting_text }}", style="Body Keep")
    loop_table(
        doc,
        ["มาตรการ/แนวทาง", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "การติดตามผล"],
        [Cell([("{{ m.heading }}", "Table Bold"), ("{{ m.addresses }}", "Table Small")]),
         Cell([("{{ m.steps }}", STEPS_STYLE)]), Cell.of("{{ m.responsible_text }}"),
         Cell.of(("{{ m.period }}", "Table Centre")), Cell.of("{{ m.follow_up }}")],
        PLAN_WIDTHS,
        "m in measures",
    )

    heading(doc, "{{ '3.'|d }} การกำกับติดตามและรายงานผล", 2)
    para(doc, "{{ reporting_text }}")

    heading(doc, "{{ '4.'|d }} ข้อจำกัดของหน่วยงานในการดำเนินการตามมาตรการ", 2)
    tag(doc, "{%p for l in limitations %}")
    para(doc, "{{ '4.'|d }}{{ loop.index|d }}\t{{ l }}", style="Point")
    tag(doc, "{%p endfor %}")

    para(doc, "{{ closing_text }}", style="Body Keep")
    para(doc, "{{ announce_text }}", style="Signature")
    signatures(doc, [("", "{{ approver or blank }}", "{{ executive_title }}")], width_cm=8.0)
    return doc


def implementation_template():
    doc = base_document("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส")
    section = doc.sections[0]
    landscape(section)
    footer_page_numbers(section)
    title_block(doc, [
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "{{ agency }} ประจำปีงบประมาณ พ.ศ.\u00a0{{ plan_year }} {{ period_label }}",
        "{%p if location %}",
        "{{ agency }} {{ location }}",
        "{%p endif %}",
    ])
    spacer(doc)
    para(doc, "{{ intro_text }}")
    para(doc, "{{ status_text }}")
    loop_table(
        doc,
        ["มาตรการ/กิจกรรม", "วิธีการดำเนินการ", "ผู้รับผิดชอบ", "ระยะเวลา", "ผลการดำเนินการ",
         "ผลลัพธ์หรือความสำเร็จ"],
        [Cell.of(("{{ m.heading }}", "Table Bold")), Cell([("{{ m.steps }}", STEPS_STYLE)]),
         Cell.of("{{ m.responsible_text }}"), Cell.of(("{{ m.period }}", "Table Centre")),
         Cell.of("{{ m.progress_text }}"), Cell.of("{{ m.outcome_text }}")],
        IMPLEMENTATION_WIDTHS,
        "m in measures",
    )
    heading(doc, "ปัญหา อุปสรรค และข้อเสนอแนะ", 2)
    # the last problem stays with the report date and the signatures
    tag(doc, "{%p for p in problems %}")
    tag(doc, "{%p if loop.last %}")
    para(doc, "–\t{{ p }}", style="Point Keep")
    tag(doc, "{%p else %}")
    para(doc, "–\t{{ p }}", style="Point")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    para(doc, "{{ report_date_text }}", style="Body Keep")
    signatures(doc, [("ผู้รายงาน", "{{ prepared_by or blank }}", "{{ prepared_position }}"),
                     ("ผู้ตรวจสอบ", "{{ blank }}", "{{ chief_officer_title }}"),
                     ("ผู้รับรองรายงาน", "{{ approver or blank }}", "{{ executive_title }}")],
               width_cm=LANDSCAPE_TEXT_CM)
    return doc


BUILDERS = {"analysis": analysis_template, "plan": plan_template, "implementation": implementation_template}


def save(doc, path: Path) -> None:
    """Save with our own docProps/app.xml (python-docx's default names another application)."""
    buffer = io.BytesIO()
    doc.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = APP_XML.encode() if info.filename == "docProps/app.xml" else source.read(info.filename)
            out.writestr(info, data)


# --------------------------------------------------------------------------- docs/examples


def example_inputs():
    """The documents shown in docs/examples, each from a file in examples/: seed 003's analysis
    (อบต.ไค้งยาง FY2565), seed 004's plan and 6-month implementation report with the meeting the
    seed names and progress made up for the example (อบต.ลาดหญ้า), a made-up เทศบาลตำบล at
    level E (analysis, plan and implementation report), and a province's plan (scores made up) to
    show the wording for an agency that is not local government."""
    from dataclasses import replace
    from datetime import date

    from prongsai.ita.analysis import analyse
    from prongsai.ita.library import get_framework
    from prongsai.ita.results import ProgressEntry
    from prongsai.planning.draft import draft_plan
    from prongsai.results_io import read_results

    def load(name: str):
        results = read_results(ROOT / "examples" / name)
        analysis = analyse(results, get_framework)
        # the examples stay the same whatever day they are rebuilt on
        return results, analysis, draft_plan(results, analysis, today=date(2021, 10, 1))

    khongyang = load("khongyang-2565.yaml")
    province = load("agency-types/kanchanaburi-province-2567.yaml")
    ladya = load("ladya-2564-progress.yaml")
    banmai = load("banmai-2564.yaml")
    results, analysis, plan = banmai
    banmai_progress = (
        ProgressEntry(measure="1", status="เสร็จสิ้น", as_of=date(2022, 3, 31),
                      done="กองคลังเผยแพร่แผนการใช้จ่ายงบประมาณและสรุปผลการจัดซื้อจัดจ้างรายเดือนบนเว็บไซต์ของเทศบาล",
                      result="เผยแพร่ครบทุกเดือนตั้งแต่เดือนมกราคมถึงเดือนมีนาคม 2565",
                      outcome="บุคลากรและประชาชนตรวจสอบการใช้จ่ายงบประมาณได้",
                      evidence=("แผนการใช้จ่ายงบประมาณ-2565.pdf", "https://www.banmai.go.th/procurement/2565")),
        ProgressEntry(measure="2", status="กำลังดำเนินการ", as_of=date(2022, 3, 25),
                      done="งานพัสดุยกร่างแนวปฏิบัติการยืมทรัพย์สินของราชการและแบบคำขอยืมแล้ว",
                      result="อยู่ระหว่างเสนอปลัดเทศบาลพิจารณา",
                      evidence=("ร่างแนวปฏิบัติการยืมทรัพย์สินของราชการ.docx",)),
    )
    return {
        "analysis-khongyang-2565": ("analysis", *khongyang, "year-end"),
        "plan-ladya-2565": ("plan", *ladya, "year-end"),
        "implementation-ladya-2565-6-month": ("implementation", *ladya, "6-month"),
        "analysis-banmai-2564": ("analysis", *banmai, "year-end"),
        "plan-kanchanaburi-province-2568": ("plan", *province, "year-end"),
        "plan-banmai-2565": ("plan", *banmai, "year-end"),
        "implementation-banmai-2565-6-month": ("implementation", replace(results, progress=banmai_progress),
                                               analysis, plan, "6-month"),
    }


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
        save(build(), path)
        print(path)
    if args.examples is not None:
        write_examples(args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
