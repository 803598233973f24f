"""python-docx helpers that make a Document Thai-correct (reference/thai-documents.md §3).

Thai is a "complex script" in OOXML: its font comes from ``w:rFonts/@w:cs``, its size from
``w:szCs``, bold/italic from ``w:bCs``/``w:iCs``, its language from ``w:lang/@w:bidi``.
python-docx's ``font.name``/``font.size``/``bold`` only set the Latin attributes, so Thai
text falls back to another font at 11 pt. Everything here sets both sides.

Typical use::

    doc = new_document()              # or make_thai(Document(template))
    doc.add_heading("รายงานผลการประเมิน", level=1)
    p = doc.add_paragraph()
    thai_run(p, "ข้อความ", bold=True)
    thai_distribute(p)
"""

from __future__ import annotations

from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from prongsai.documents.fonts import FONT_FAMILY

BODY_SIZE_PT = 16.0
LANG = "th-TH"

A4_WIDTH = Cm(21.0)
A4_HEIGHT = Cm(29.7)
MARGINS_CM = {"top": 2.5, "bottom": 2.0, "left": 3.0, "right": 2.0}

# Style id -> (size in pt, bold). Black text, no theme colours, no title underline.
HEADING_STYLES: dict[str, tuple[float, bool]] = {
    "Title": (20.0, True),
    "Subtitle": (18.0, False),
    "Heading1": (18.0, True),
    "Heading2": (16.0, True),
    "Heading3": (16.0, True),
    "Heading4": (16.0, True),
    "Heading5": (16.0, True),
    "Heading6": (16.0, True),
    "Heading7": (16.0, True),
    "Heading8": (16.0, True),
    "Heading9": (16.0, True),
}

_FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# Schema order of w:rPr children (CT_RPr in ECMA-376; python-docx does not declare szCs or lang).
_RPR_ORDER = (
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)


# --------------------------------------------------------------------------- run properties


def _rpr_child(rPr, tag: str):
    """The `tag` child of `rPr`, created in schema order when absent."""
    child = rPr.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        successors = _RPR_ORDER[_RPR_ORDER.index(tag) + 1 :]
        rPr.insert_element_before(child, *successors)
    return child


def _remove(rPr, tag: str) -> None:
    for el in rPr.findall(qn(tag)):
        rPr.remove(el)


def set_thai_font(rPr, family: str = FONT_FAMILY) -> None:
    """All four rFonts attributes = `family`; theme attributes (which win over them) removed."""
    rFonts = _rpr_child(rPr, "w:rFonts")
    for attr in _THEME_ATTRS:
        rFonts.attrib.pop(qn(attr), None)
    for attr in _FONT_ATTRS:
        rFonts.set(qn(attr), family)


def set_size(rPr, size_pt: float) -> None:
    """Size on both ``w:sz`` (Latin) and ``w:szCs`` (Thai), in half-points."""
    half_points = str(round(size_pt * 2))
    _rpr_child(rPr, "w:sz").set(qn("w:val"), half_points)
    _rpr_child(rPr, "w:szCs").set(qn("w:val"), half_points)


def set_bold(rPr, bold: bool) -> None:
    """``w:b`` and ``w:bCs`` (without bCs, Thai text is not bold)."""
    for tag in ("w:b", "w:bCs"):
        _remove(rPr, tag)
        if bold:
            _rpr_child(rPr, tag)
        else:
            _rpr_child(rPr, tag).set(qn("w:val"), "0")


def set_italic(rPr, italic: bool) -> None:
    for tag in ("w:i", "w:iCs"):
        _remove(rPr, tag)
        if italic:
            _rpr_child(rPr, tag)
        else:
            _rpr_child(rPr, tag).set(qn("w:val"), "0")


def set_lang(rPr, lang: str = LANG) -> None:
    """``w:lang w:val="th-TH" w:bidi="th-TH"`` (bidi = the complex-script language; no w:rtl)."""
    el = _rpr_child(rPr, "w:lang")
    el.set(qn("w:val"), lang)
    el.set(qn("w:bidi"), lang)


def _on(rPr, tag: str) -> bool | None:
    el = rPr.find(qn(tag))
    if el is None:
        return None
    return el.get(qn("w:val"), "true") not in ("0", "false", "off")


def _mirror_complex_script(rPr) -> None:
    """Give every b/i/sz its complex-script twin so Thai text follows Latin text."""
    for latin, cs in (("w:b", "w:bCs"), ("w:i", "w:iCs")):
        state = _on(rPr, latin)
        if state is not None and rPr.find(qn(cs)) is None:
            el = _rpr_child(rPr, cs)
            if not state:
                el.set(qn("w:val"), "0")
    sz = rPr.find(qn("w:sz"))
    if sz is not None and rPr.find(qn("w:szCs")) is None:
        _rpr_child(rPr, "w:szCs").set(qn("w:val"), sz.get(qn("w:val")))


# --------------------------------------------------------------------------- document set-up


def _style_rpr(style_el):
    rPr = style_el.find(qn("w:rPr"))
    if rPr is None:
        rPr = OxmlElement("w:rPr")
        # w:rPr comes after w:pPr and before w:tblPr/w:trPr/w:tcPr/w:tblStylePr in a style.
        anchor = None
        for tag in ("w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr"):
            anchor = style_el.find(qn(tag))
            if anchor is not None:
                break
        if anchor is not None:
            anchor.addprevious(rPr)
        else:
            style_el.append(rPr)
    return rPr


def _style_ppr(style_el):
    pPr = style_el.find(qn("w:pPr"))
    if pPr is None:
        pPr = OxmlElement("w:pPr")
        rPr = style_el.find(qn("w:rPr"))
        if rPr is not None:
            rPr.addprevious(pPr)
        else:
            _style_rpr(style_el).addprevious(pPr)
    return pPr


def _set_spacing(
    pPr, before_pt: float | None = None, after_pt: float | None = None, single: bool = False
) -> None:
    spacing = pPr.get_or_add_spacing()
    if before_pt is not None:
        spacing.set(qn("w:before"), str(round(before_pt * 20)))
    if after_pt is not None:
        spacing.set(qn("w:after"), str(round(after_pt * 20)))
    if single:
        spacing.set(qn("w:line"), "240")
        spacing.set(qn("w:lineRule"), "auto")


def _doc_defaults(styles_el):
    defaults = styles_el.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_el.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rPr = rpr_default.find(qn("w:rPr"))
    if rPr is None:
        rPr = OxmlElement("w:rPr")
        rpr_default.append(rPr)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = OxmlElement("w:pPrDefault")
        rpr_default.addnext(ppr_default)
    pPr = ppr_default.find(qn("w:pPr"))
    if pPr is None:
        pPr = OxmlElement("w:pPr")
        ppr_default.append(pPr)
    return rPr, pPr


def _add_font_table_entry(doc: DocumentObject, family: str) -> None:
    """Declare the font in fontTable.xml (Thai charset; TH SarabunPSK as altName, unverified in Word)."""
    try:
        part = doc.part.part_related_by(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
        )
    except KeyError:
        return
    from lxml import etree

    root = etree.fromstring(part.blob)
    for font in root.findall(qn("w:font")):
        if font.get(qn("w:name")) == family:
            return
    font = etree.SubElement(root, qn("w:font"))
    font.set(qn("w:name"), family)
    for tag, value in (
        ("w:altName", "TH SarabunPSK"),
        ("w:charset", "DE"),
        ("w:family", "swiss"),
        ("w:pitch", "variable"),
    ):
        etree.SubElement(font, qn(tag)).set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_page_a4(section, margins_cm: dict[str, float] | None = None) -> None:
    """A4 portrait with the official margins (top 2.5, bottom 2, left 3, right 2 cm)."""
    m = {**MARGINS_CM, **(margins_cm or {})}
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = A4_WIDTH
    section.page_height = A4_HEIGHT
    section.top_margin = Cm(m["top"])
    section.bottom_margin = Cm(m["bottom"])
    section.left_margin = Cm(m["left"])
    section.right_margin = Cm(m["right"])


def text_width(section) -> Emu:
    """Usable width between the margins of `section`."""
    return Emu(section.page_width - section.left_margin - section.right_margin)


def make_thai(
    doc: DocumentObject, size_pt: float = BODY_SIZE_PT, family: str = FONT_FAMILY
) -> DocumentObject:
    """Make `doc` Thai-correct in place (and return it).

    - every ``w:rFonts`` in styles.xml: the four attributes = `family`, theme attributes removed
      (python-docx's default template maps the Thai script to Angsana/Cordia through the theme);
    - document defaults and Normal: `size_pt` on sz and szCs, lang th-TH (bidi th-TH), spacing
      after 0, single line spacing;
    - Title/Heading styles: black, bold on b and bCs, sizes from HEADING_STYLES;
    - every style's b/i/sz gets its bCs/iCs/szCs twin;
    - every section: A4 with the official margins.
    """
    styles_el = doc.styles.element

    rPr, pPr = _doc_defaults(styles_el)
    set_thai_font(rPr, family)
    set_size(rPr, size_pt)
    set_lang(rPr)
    _set_spacing(pPr, before_pt=0, after_pt=0, single=True)

    for rFonts in styles_el.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            rFonts.attrib.pop(qn(attr), None)
        for attr in _FONT_ATTRS:
            rFonts.set(qn(attr), family)

    for style_el in styles_el.findall(qn("w:style")):
        style_id = style_el.get(qn("w:styleId"))
        style_type = style_el.get(qn("w:type"))
        if style_id == "Normal" and style_type == "paragraph":
            s_rPr = _style_rpr(style_el)
            set_thai_font(s_rPr, family)
            set_size(s_rPr, size_pt)
            set_lang(s_rPr)
            _set_spacing(_style_ppr(style_el), after_pt=0, single=True)
        base_id = style_id[:-4] if style_id and style_id.endswith("Char") else style_id
        if base_id in HEADING_STYLES:
            size, bold = HEADING_STYLES[base_id]
            s_rPr = _style_rpr(style_el)
            set_thai_font(s_rPr, family)
            set_size(s_rPr, size)
            set_bold(s_rPr, bold)
            for tag in ("w:color", "w:spacing", "w:kern"):
                _remove(s_rPr, tag)
            if style_type == "paragraph":
                s_pPr = _style_ppr(style_el)
                for pBdr in s_pPr.findall(qn("w:pBdr")):
                    s_pPr.remove(pBdr)
                if base_id == "Title":
                    _set_spacing(s_pPr, before_pt=0, after_pt=12, single=True)
                    s_pPr.get_or_add_jc().set(qn("w:val"), "center")
                elif base_id == "Heading1":
                    _set_spacing(s_pPr, before_pt=12, after_pt=6)
                else:
                    _set_spacing(s_pPr, before_pt=6, after_pt=0)
        for any_rPr in style_el.iter(qn("w:rPr")):
            _mirror_complex_script(any_rPr)

    for section in doc.sections:
        set_page_a4(section)
    _add_font_table_entry(doc, family)
    return doc


def new_document(template=None, size_pt: float = BODY_SIZE_PT) -> DocumentObject:
    """A new Thai-correct Document (python-docx default template, or `template`)."""
    return make_thai(Document(template), size_pt=size_pt)


# --------------------------------------------------------------------------- runs and paragraphs


def thai_run(
    paragraph: Paragraph,
    text: str,
    bold: bool = False,
    size: float | None = None,
    italic: bool = False,
    underline: bool = False,
) -> Run:
    """Append a run with Thai-correct font, bold (b + bCs), italic (i + iCs) and size (sz + szCs)."""
    run = paragraph.add_run(text)
    rPr = run._r.get_or_add_rPr()
    set_thai_font(rPr)
    if bold:
        set_bold(rPr, True)
    if italic:
        set_italic(rPr, True)
    if size is not None:
        set_size(rPr, size)
    if underline:
        run.underline = True
    return run


def thai_distribute(paragraph: Paragraph) -> Paragraph:
    """Thai distributed justification (``w:jc="thaiDistribute"``) for body paragraphs."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.THAI_JUSTIFY
    return paragraph


def add_paragraph(
    container,
    text: str = "",
    bold: bool = False,
    size: float | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    style: str | None = None,
) -> Paragraph:
    """A paragraph with one Thai run in `container` (document, cell, header, footer)."""
    paragraph = container.add_paragraph(style=style)
    if text:
        thai_run(paragraph, text, bold=bold, size=size)
    if align is not None:
        paragraph.alignment = align
    return paragraph


# --------------------------------------------------------------------------- tables


def set_column_widths(table: Table, widths_cm: Sequence[float]) -> None:
    """Fixed column widths: ``w:gridCol`` (read by LibreOffice) and every ``w:tcW`` (Word).

    With only cell widths LibreOffice makes all columns equal. Autofit is turned off and the
    table width set to the sum. Merged cells (gridSpan) get the sum of their columns.
    """
    if len(widths_cm) != len(table.columns):
        raise ValueError(f"{len(widths_cm)} widths for {len(table.columns)} columns")
    widths = [Cm(w) for w in widths_cm]
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for tr in table._tbl.tr_lst:
        grid_index = 0
        for tc in tr.tc_lst:
            span = tc.grid_span
            tc.width = Emu(sum(widths[grid_index : grid_index + span]))
            grid_index += span
    tblPr = table._tbl.tblPr
    tblW = tblPr.find(qn("w:tblW"))
    if tblW is None:
        tblW = OxmlElement("w:tblW")
        tblPr.insert_element_before(
            tblW,
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
            "w:tblPrChange",
        )
    tblW.set(qn("w:w"), str(round(sum(widths) / 635)))  # EMU -> twips (dxa)
    tblW.set(qn("w:type"), "dxa")


def repeat_header(row: _Row) -> _Row:
    """Repeat `row` at the top of every page the table spans (``w:trPr/w:tblHeader``)."""
    trPr = row._tr.get_or_add_trPr()
    if trPr.find(qn("w:tblHeader")) is None:
        header = OxmlElement("w:tblHeader")
        trPr.append(header)
    return row


def keep_row_together(row: _Row) -> _Row:
    """Do not split `row` across pages (``w:cantSplit``)."""
    trPr = row._tr.get_or_add_trPr()
    if trPr.find(qn("w:cantSplit")) is None:
        trPr.insert(0, OxmlElement("w:cantSplit"))
    return row


def set_cell_text(
    cell: _Cell,
    text: str,
    bold: bool = False,
    size: float | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
) -> _Cell:
    """Replace the text of `cell` with one Thai run in its first paragraph."""
    paragraph = cell.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    if text:
        thai_run(paragraph, text, bold=bold, size=size)
    if align is not None:
        paragraph.alignment = align
    return cell


def set_cell_shading(cell: _Cell, fill_hex: str) -> _Cell:
    """Background colour of `cell`, e.g. "D9D9D9" for a grey header row."""
    tcPr = cell._tc.get_or_add_tcPr()
    for shd in tcPr.findall(qn("w:shd")):
        tcPr.remove(shd)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill_hex)
    tcPr.append(shd)
    return cell


def add_table(
    container,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_cm: Sequence[float],
    style: str | None = "Table Grid",
    header_fill: str | None = "D9D9D9",
) -> Table:
    """A table with a bold, repeated, shaded header row and fixed column widths."""
    table = container.add_table(rows=1 + len(rows), cols=len(header))
    if style:
        table.style = style
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        set_cell_text(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        if header_fill:
            set_cell_shading(cell, header_fill)
    repeat_header(table.rows[0])
    for row, values in zip(table.rows[1:], rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            set_cell_text(cell, str(text))
    set_column_widths(table, widths_cm)
    return table


# --------------------------------------------------------------------------- page numbers


def _field_runs(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A complex field (begin / instrText / separate / cached result / end) in Thai-correct runs."""

    def run_with(child) -> None:
        run = thai_run(paragraph, "")
        run._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    thai_run(paragraph, placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def set_page_number_format(section, fmt: str = "thaiNumbers", start: int | None = None) -> None:
    """``<w:pgNumType w:fmt="thaiNumbers"/>`` on the section (Word should show ๑ ๒ ๓, unverified; LibreOffice 7.4 shows 1 2 3)."""
    sectPr = section._sectPr
    pg = sectPr.find(qn("w:pgNumType"))
    if pg is None:
        pg = OxmlElement("w:pgNumType")
        # pgNumType precedes cols/formProt/vAlign/noEndnote/titlePg/textDirection/bidi/rtlGutter/docGrid
        successors = (
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        )
        sectPr.insert_element_before(pg, *successors)
    pg.set(qn("w:fmt"), fmt)
    if start is not None:
        pg.set(qn("w:start"), str(start))


def add_page_number_footer(
    section,
    prefix: str = "",
    suffix: str = "",
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    size: float | None = None,
    thai_digits: bool = True,
) -> Paragraph:
    """A footer paragraph ``prefix PAGE suffix`` (e.g. prefix "หน้า ", or "- " and " -").

    With `thai_digits` the section gets ``pgNumType w:fmt="thaiNumbers"`` and a plain PAGE field;
    field switches such as ``\\* ThaiArabic`` render as Thai letters in LibreOffice, so none is used.
    """
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    if prefix:
        thai_run(paragraph, prefix, size=size)
    _field_runs(paragraph, "PAGE", placeholder="๑" if thai_digits else "1")
    if suffix:
        thai_run(paragraph, suffix, size=size)
    paragraph.alignment = align
    if thai_digits:
        set_page_number_format(section, "thaiNumbers")
    return paragraph


__all__ = [
    "A4_HEIGHT",
    "A4_WIDTH",
    "BODY_SIZE_PT",
    "HEADING_STYLES",
    "MARGINS_CM",
    "add_page_number_footer",
    "add_paragraph",
    "add_table",
    "keep_row_together",
    "make_thai",
    "new_document",
    "repeat_header",
    "set_bold",
    "set_cell_shading",
    "set_cell_text",
    "set_column_widths",
    "set_italic",
    "set_lang",
    "set_page_a4",
    "set_page_number_format",
    "set_size",
    "set_thai_font",
    "text_width",
    "thai_distribute",
    "thai_run",
]
