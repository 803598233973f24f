"""Building a short official document directly with python-docx (no template), and writing it
as DOCX or PDF. Used by the complaint guideline and the channel statistics report.

- Text goes in through :func:`text_runs`: Thai word boundaries marked for line breaking
  (:func:`prongsai.documents.wordbreak.mark_breaks`, digits of a Thai number joined), web and
  e-mail addresses in their own en-US run so that LibreOffice's "Context" numerals (which turn
  the digits of th-TH runs into Thai digits, and give the page numbers their Thai digits)
  leave their digits as written. Lines never break inside a number, between a number and the
  word that names it ("ข้อ ๔", "พ.ศ. ๒๕๖๒") or its unit ("๕ วันทำการ"), inside the compounds of
  KEEP_TOGETHER that the segmenter cuts in context ("ขั้น|ตอน", "เจ้า|หน้าที่"), or inside the
  names passed to :func:`glue` (the agency's place name, its unit).
- Page numbers as official letters have them: top centre ``- ๒ -`` from the second page on.
- :func:`write_document` writes atomically (a temporary file renamed over the target; nothing
  left on failure); a PDF is the same DOCX converted by LibreOffice (prongsai.documents.pdf).
"""

from __future__ import annotations

import os
import re
import tempfile
import uuid
from collections.abc import Callable, Sequence
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Any

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from pythainlp.util.date import thai_full_months

from prongsai.documents import docx_thai
from prongsai.documents.wordbreak import KEEP_AS_WRITTEN, WORD_JOINER, ZWSP, mark_breaks, strip_marks
from prongsai.errors import InputError
from prongsai.thai import check_printable, to_arabic_digits, to_thai_digits

FORMATS: tuple[str, ...] = ("docx", "pdf")
NBSP = "\u00a0"
INDENT_CM = 2.5  # first-line indent of body paragraphs (ย่อหน้า)
ITEM_NUMBER_CM = 1.25  # sub-items: number at 1.25 cm, text at 2.5 cm
HEADER_FILL = "D9D9D9"
_DIGIT_SPACE = re.compile(r"(?<=[0-9๐-๙]) (?=[0-9๐-๙])")
# A number stays on the line of the word that names it ("ข้อ ๔", "ขั้นตอนที่ ๕", "พ.ศ. ๒๕๖๒") and
# of its unit after it ("๕ วันทำการ", "๓ เรื่อง"); a break before "๕ วันทำการ" stays possible.
_BEFORE_NUMBER = re.compile(r"(ข้อ|ที่|พ\.ศ\.|หมู่) (?=[0-9๐-๙])")
_NUMBER_UNIT = re.compile(r"(?<=[0-9๐-๙]) (?=(?:วัน|เรื่อง|เดือน|ปี)(?![ก-ฮ]))|(?<=[0-9๐-๙]) (?=วันทำการ)")
# Compounds these documents use often that the segmenter cuts in context ("ขั้น|ตอนที่",
# "ร้อง|เรียนต่อ", "ประพฤติมิ|ชอบ"): the marked syllables are joined with WORD JOINER, so a line
# never breaks inside them (a break before or after the compound stays possible).
KEEP_TOGETHER: tuple[str, ...] = (
    "มิ|ชอบ", "ฝ่า|ฝืน", "ขั้น|ตอน", "ร้อง|เรียน", "ร้อง|ทุกข์", "ช่อง|ทาง", "ดำเนิน|การ", "ตั้ง|แต่",
    "แสวง|หา", "แนว|ปฏิบัติ", "ส่วน|ร่วม", "วัน|ทำการ", "ข้อ|เท็จ|จริง", "ป้อง|กัน", "เจ้า|หน้าที่",
    "ตรวจ|สอบ", "ผู้|ร้อง|เรียน", "ผู้|ถูก|ร้อง|เรียน", "คณะ|กรรมการ", "กระ|ทำ", "หรือ|ไม่",
)
_KEEP = sorted(((w.replace("|", ""), w.replace("|", WORD_JOINER)) for w in KEEP_TOGETHER),
               key=lambda pair: len(pair[0]), reverse=True)
GLUE_MAX = 20  # a longer name may break between its words


class Digits:
    """The document's digits: Thai (``๑๒``) or Arabic, web and e-mail addresses as written."""

    def __init__(self, thai: bool) -> None:
        self.thai = thai

    def n(self, value: object) -> str:
        text = str(value)
        return to_thai_digits(text) if self.thai else to_arabic_digits(text)

    def t(self, text: object) -> str:
        parts = KEEP_AS_WRITTEN.split(str(text))
        return "".join(p if i % 2 else self.n(p) for i, p in enumerate(parts))

    def date(self, day: date) -> str:
        """``๑๕ ตุลาคม พ.ศ. ๒๕๖๗``, on one line."""
        check_printable(day)
        return NBSP.join((self.n(day.day), thai_full_months[day.month - 1], "พ.ศ.", self.n(day.year + 543)))

    def month(self, day: date) -> str:
        """``ตุลาคม ๒๕๖๗``, on one line."""
        return f"{thai_full_months[day.month - 1]}{NBSP}{self.n(day.year + 543)}"


def _keep_compounds(text: str) -> str:
    text = _NUMBER_UNIT.sub(NBSP, _BEFORE_NUMBER.sub(r"\1" + NBSP, text))
    for plain, joined in _KEEP:
        if plain in text:
            text = text.replace(plain, joined)
    return text


def glue(text: str, words: Sequence[str]) -> str:
    """`text` with each of `words` (a place name, a unit: at most GLUE_MAX characters) kept on
    one line: its word boundaries joined with WORD JOINER."""
    for word in sorted({w for w in words if w and len(w) <= GLUE_MAX}, key=len, reverse=True):
        if word in text:
            text = text.replace(word, mark_breaks(word).replace(ZWSP, WORD_JOINER))
    return text


def place_name(agency: str, agency_type: str | None = None) -> str:
    """The agency's place name ("ลาดหญ้า" of องค์การบริหารส่วนตำบลลาดหญ้า, from the terms book), to
    keep on one line with :func:`glue`; "" for an agency of unknown type."""
    from prongsai.planning.terms import load_terms

    book = load_terms()
    kind = book.kind(agency, agency_type)
    return book.place(agency, kind) if kind else ""


def keep_numbers_together(text: str) -> str:
    """A telephone number such as ``0 3451 2345`` is not split across lines."""
    return _DIGIT_SPACE.sub(NBSP, text)


# --------------------------------------------------------------------------- runs and paragraphs


def text_runs(paragraph, text: str, *, bold: bool = False, size: float | None = None) -> None:
    """Append `text` as Thai runs with word breaks marked; addresses in en-US runs."""
    for index, part in enumerate(KEEP_AS_WRITTEN.split(text)):
        if not part:
            continue
        if index % 2:
            run = docx_thai.thai_run(paragraph, part, bold=bold, size=size)
            docx_thai.set_lang(run._r.get_or_add_rPr(), "en-US")
        else:
            docx_thai.thai_run(paragraph, mark_breaks(_keep_compounds(part)), bold=bold, size=size)


def paragraph(container, text: str = "", *, bold: bool = False, size: float | None = None,
              align: WD_ALIGN_PARAGRAPH | None = None, indent: bool = False, before: float = 0,
              after: float = 0, keep_next: bool = False, style: str | None = None):
    """One paragraph; `indent`: the official first-line indent and Thai distributed justification."""
    p = container.add_paragraph(style=style)
    if text:
        text_runs(p, text, bold=bold, size=size)
    fmt = p.paragraph_format
    if indent:
        fmt.first_line_indent = Cm(INDENT_CM)
        docx_thai.thai_distribute(p)
    if align is not None:
        p.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if keep_next:
        fmt.keep_with_next = True
    return p


def heading(doc, text: str, *, before: float = 6):
    """A section heading (Word's Heading 2: in the navigation pane and the PDF outline)."""
    p = doc.add_paragraph(style="Heading 2")
    text_runs(p, text, bold=True)
    p.paragraph_format.space_before = Pt(before)
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.keep_with_next = True
    return p


def item(doc, number: str, text: str, *, level: int = 1):
    """``๑.๑<tab>ข้อความ`` with a hanging indent: the number at 1.25 cm, the text at 2.5 cm
    (level 2: the number at 2.5 cm, the text at 3.5 cm)."""
    left = INDENT_CM if level == 1 else INDENT_CM + 1.0
    start = ITEM_NUMBER_CM if level == 1 else INDENT_CM
    p = doc.add_paragraph()
    docx_thai.thai_run(p, f"{number}\t")
    text_runs(p, text)
    fmt = p.paragraph_format
    fmt.left_indent = Cm(left)
    fmt.first_line_indent = Cm(start - left)
    fmt.tab_stops.add_tab_stop(Cm(left))
    docx_thai.thai_distribute(p)
    return p


def cell_text(cell, lines: str | Sequence[str], *, bold: bool = False,
              align: WD_ALIGN_PARAGRAPH | None = None) -> None:
    """Replace the text of `cell` with one paragraph per line."""
    lines = [lines] if isinstance(lines, str) else list(lines)
    docx_thai.set_cell_text(cell, "")
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        p = first if index == 0 else cell.add_paragraph()
        text_runs(p, line, bold=bold)
        if align is not None:
            p.alignment = align


def table(doc, header: Sequence[str], rows: Sequence[Sequence[str | Sequence[str]]], widths_cm: Sequence[float],
          *, aligns: Sequence[WD_ALIGN_PARAGRAPH | None] | None = None, bold_rows: Sequence[int] = ()):
    """A grid table: shaded bold header repeated on every page, rows kept whole, fixed widths."""
    t = doc.add_table(rows=1 + len(rows), cols=len(header))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(t.rows[0].cells, header, strict=True):
        cell_text(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        docx_thai.set_cell_shading(cell, HEADER_FILL)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    docx_thai.repeat_header(t.rows[0])
    docx_thai.keep_row_together(t.rows[0])
    for index, (row, values) in enumerate(zip(t.rows[1:], rows, strict=True)):
        docx_thai.keep_row_together(row)
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            align = aligns[column] if aligns else None
            cell_text(cell, value, bold=index in bold_rows, align=align)
    docx_thai.set_column_widths(t, widths_cm)
    return t


def page_numbers_from_second_page(section) -> None:
    """``- ๒ -`` centred at the top of every page but the first (the official letter style).

    The PAGE field's digits follow the run's language under LibreOffice's Context numerals:
    th-TH (the document default) prints ๒, so :func:`write_document` converts with Context
    numerals exactly when the document uses Thai digits."""
    section.different_first_page_header_footer = True
    header = section.header
    header.is_linked_to_previous = False
    p = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    docx_thai.thai_run(p, "- ")
    _page_field(p)
    docx_thai.thai_run(p, " -")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    section.header_distance = Cm(1.25)


def _page_field(p) -> None:
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("result", "2"), ("end", None)):
        run = docx_thai.thai_run(p, "")
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "result":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def set_properties(doc, *, title: str, author: str) -> None:
    """Title, author (the agency), language and time: what Word shows in File › Info."""
    from datetime import UTC, datetime

    props = doc.core_properties
    now = datetime.now(UTC).replace(microsecond=0)
    props.title = strip_marks(title)
    props.author = strip_marks(author)
    props.last_modified_by = "Prongsai"
    props.language = "th-TH"
    props.created = now
    props.modified = now
    props.revision = 1


def new_document():
    doc = docx_thai.new_document()
    section = doc.sections[0]
    section.footer_distance = Cm(1.0)
    return doc


def to_bytes(doc) -> bytes:
    import io

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# --------------------------------------------------------------------------- writing files


def check_target(fmt: str, out: Path) -> Path:
    if fmt not in FORMATS:
        raise InputError(f"ไม่รู้จักรูปแบบไฟล์ '{fmt}'", where="format", expected="docx หรือ pdf")
    out = Path(out)
    if out.is_dir():
        raise InputError("ปลายทางเป็นโฟลเดอร์", file=str(out), expected="ชื่อไฟล์ เช่น เอกสาร.pdf")
    if not out.parent.is_dir():
        raise InputError(f"ไม่พบโฟลเดอร์ {out.parent}", file=str(out), expected="โฟลเดอร์ที่มีอยู่แล้ว")
    return out.resolve()


def write_atomic(data: bytes, out: Path) -> Path:
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, out)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise
    return out


def write_document(fmt: str, out: str | os.PathLike[str], build: Callable[[], bytes], *, thai_digits: bool,
                   office: Any = None, timeout: float | None = None) -> Path:
    """Build the DOCX (`build`) and write it to `out` as DOCX or PDF, atomically.

    For a PDF, LibreOffice starts before the DOCX is built (its start-up overlaps Python's work)
    unless `office` is one started by :func:`prongsai.documents.pdf.start_office` with
    ``context_numerals`` equal to `thai_digits`."""
    from prongsai.documents import pdf

    target = check_target(fmt, Path(out))
    if fmt == "docx":
        return write_atomic(build(), target)
    if office is not None:
        if office.context_numerals != thai_digits:
            raise ValueError("office must be started with context_numerals=thai_digits")
        return _convert(build(), target, office, timeout)
    with pdf.start_office(context_numerals=thai_digits) as started:
        return _convert(build(), target, started, timeout)


def _convert(data: bytes, target: Path, office: Any, timeout: float | None) -> Path:
    from prongsai.documents import pdf

    with tempfile.TemporaryDirectory(prefix="prongsai-doc-") as work:
        source = Path(work) / "document.docx"
        source.write_bytes(data)
        pdf.convert_many([(source, target)], timeout=timeout, context_numerals=office.context_numerals,
                         office=office)
    return target
