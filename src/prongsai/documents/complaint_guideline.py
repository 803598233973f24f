"""แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ: the OIT item every agency publishes,
as an announcement (ประกาศ) of the agency signed by its head, in DOCX or PDF.

What it says is our writing, kept as data (``data/complaint_guideline.yaml``) and checked on
load: the purpose, scope and definitions, the unit in charge, the channels, the steps table
(ขั้นตอน · ผู้รับผิดชอบ · ระยะเวลา), forwarding to the bodies with power, protection of the
reporter, reporting. The agency's facts come from :class:`Guideline`. Sections are numbered
in order and the text refers to them by number (``{no.channels}`` → ๔), so every fact is
stated once.

API::

    write_guideline("docx" | "pdf", out, guide, thai_digits=True) -> Path   # atomic
    build_guideline(guide, thai_digits=True) -> bytes                        # the DOCX
    load_wording() / parse_wording(text) -> Wording                          # the checked data

Bad data raises :class:`prongsai.errors.InputError` with a Thai message: a Guideline with a
blank name or unit, no channel, a day count below one, an answer due before the
acknowledgement; a wording file with an unknown or missing placeholder or a broken structure.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from pydantic import Field, model_validator

from prongsai.documents import docx_build as build
from prongsai.documents.wording import Section, Step, Strict, check_announcement, parse_model
from prongsai.documents.wording import collapse as _text
from prongsai.documents.wording import slots as _slots
from prongsai.errors import InputError
from prongsai.thai import BE_YEAR_MAX, BE_YEAR_MIN, check_printable, normalise_text

DATA_FILE = "complaint_guideline.yaml"
DEFAULT_HEAD = "หัวหน้าหน่วยงาน"
BLANK_NAME = "……………………………………"
STEPS_WIDTHS_CM = (8.6, 3.7, 3.7)
CHANNELS_WIDTHS_CM = (5.2, 10.8)
SIGNATURE_INDENT_CM = 6.0

# Placeholder -> what it is (for the messages). REQUIRED: the document is wrong without them.
PLACEHOLDERS: dict[str, str] = {
    "agency": "ชื่อหน่วยงาน",
    "unit": "หน่วยงานที่รับผิดชอบ",
    "head": "ตำแหน่งหัวหน้าหน่วยงาน",
    "staff": "คำเรียกบุคลากรของหน่วยงาน",
    "province": "จังหวัด",
    "district": "อำเภอ",
    "acknowledge_days": "จำนวนวันที่แจ้งการรับเรื่อง",
    "answer_days": "จำนวนวันที่แจ้งผลการดำเนินการ",
    "fiscal_year": "ปีงบประมาณ",
    "issued_on": "วันที่ประกาศ",
}
REQUIRED: tuple[str, ...] = ("agency", "unit", "head", "acknowledge_days", "answer_days")
INSERTS: tuple[str, ...] = ("channels", "forward_to", "steps")
_SLOT = re.compile(r"\{([^{}]*)\}")


# --------------------------------------------------------------------------- the wording (YAML)


class Wording(Strict):
    id: str
    version: str
    locale: str
    title: str = Field(min_length=1)
    heading: str = Field(min_length=1)
    subject: str = Field(min_length=1)
    preamble: tuple[str, ...] = Field(min_length=1)
    sections: tuple[Section, ...] = Field(min_length=1)
    steps: tuple[Step, ...] = Field(min_length=1)
    steps_header: tuple[str, str, str]
    channels_header: tuple[str, str]
    default_forward_to: tuple[str, ...] = Field(min_length=1)
    closing: tuple[str, ...] = Field(min_length=1)
    issued: str = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Wording:
        check_announcement(self, INSERTS, PLACEHOLDERS, REQUIRED)
        if "issued_on" not in _slots(self.issued, "issued"):
            raise ValueError("issued: ต้องมีช่องข้อมูล {issued_on} (วันที่ประกาศ)")
        return self

    def texts(self) -> Iterator[tuple[str, str]]:
        """Every text the document prints, with where it is in the file."""
        for name in ("title", "heading", "subject", "issued"):
            yield name, getattr(self, name)
        for key in ("preamble", "steps_header", "channels_header", "default_forward_to", "closing"):
            for n, text in enumerate(getattr(self, key)):
                yield f"{key}[{n}]", text
        for s in self.sections:
            yield f"sections.{s.id}.title", s.title
            for b, block in enumerate(s.blocks):
                if block.text is not None:
                    yield f"sections.{s.id}.blocks[{b}].text", block.text
                for n, text in enumerate(block.items or ()):
                    yield f"sections.{s.id}.blocks[{b}].items[{n}]", text
        for st in self.steps:
            for n, text in enumerate(st.step):
                yield f"steps.{st.id}.step[{n}]", text
            yield f"steps.{st.id}.responsible", st.responsible
            yield f"steps.{st.id}.time", st.time


def parse_wording(text: str, *, file: str = DATA_FILE) -> Wording:
    """The wording from YAML text; InputError (Thai, naming the file and the part) when wrong."""
    return parse_model(text, Wording, file=file, what="ข้อความของแนวปฏิบัติ",
                       expected="โครงสร้างตามคำอธิบายที่ต้นไฟล์ complaint_guideline.yaml",
                       messages={"string_pattern_mismatch": "ต้องเป็นรหัสภาษาอังกฤษตัวเล็ก เช่น channels",
                                 "literal_error": "ต้องเป็น channels, forward_to หรือ steps"})


@cache
def load_wording() -> Wording:
    """The shipped wording (checked once per process)."""
    text = resources.files("prongsai.documents").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return parse_wording(text)


# --------------------------------------------------------------------------- the agency's facts


@dataclass(frozen=True)
class Guideline:
    """What the agency fills in. `channels`: (label, detail) pairs such as ("โทรศัพท์",
    "0 3451 2345"); `forward_to`: the bodies reports outside the agency's power go to (empty:
    the national bodies and the province's, from the wording file); `head_title` blank: the
    agency type's title from the terms book (นายกองค์การบริหารส่วนตำบล…), else หัวหน้าหน่วยงาน;
    `head_name` blank: a dotted line to sign over."""

    agency_name: str
    agency_type: str | None
    province: str
    district: str
    handling_unit: str
    head_title: str
    channels: Sequence[tuple[str, str]]
    acknowledge_days: int
    answer_days: int
    forward_to: Sequence[str]
    issued_on: date
    fiscal_year: int
    head_name: str = field(default="")

    def __post_init__(self) -> None:
        def put(name: str, value: Any) -> None:
            object.__setattr__(self, name, value)

        for name in ("agency_name", "province", "district", "handling_unit", "head_title", "head_name"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise InputError(f"{name} ต้องเป็นข้อความ", where=name)
            put(name, normalise_text(value or ""))
        put("agency_type", normalise_text(self.agency_type) if self.agency_type else None)
        if not self.agency_name:
            raise InputError("ไม่ได้ระบุชื่อหน่วยงาน", where="agency_name",
                             expected="ชื่อเต็มของหน่วยงาน เช่น องค์การบริหารส่วนตำบลลาดหญ้า")
        if not self.handling_unit:
            raise InputError("ไม่ได้ระบุหน่วยงานที่รับและจัดการเรื่องร้องเรียน", where="handling_unit",
                             expected="ชื่อกองหรือสำนักที่รับผิดชอบ เช่น สำนักปลัด")
        put("channels", _channels(self.channels))
        put("forward_to", _forward_to(self.forward_to))
        for name, what in (("acknowledge_days", "ระยะเวลาแจ้งการรับเรื่องให้ผู้ร้องเรียนทราบ"),
                           ("answer_days", "ระยะเวลาแจ้งผลการดำเนินการให้ผู้ร้องเรียนทราบ")):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise InputError(f"{what} ต้องเป็นจำนวนวันเต็ม แต่ระบุไว้ '{value}'", where=name,
                                 expected="จำนวนเต็มตั้งแต่ 1 ขึ้นไป เช่น 15")
            if value < 1:
                raise InputError(f"{what} ต้องไม่น้อยกว่า 1 วันทำการ แต่ระบุไว้ {value} วัน", where=name,
                                 expected="จำนวนเต็มตั้งแต่ 1 ขึ้นไป เช่น 15")
            if value > 365:
                raise InputError(f"{what} ระบุไว้ {value} วัน ซึ่งเกิน 1 ปี", where=name,
                                 expected="จำนวนวันทำการไม่เกิน 365 วัน")
        if self.answer_days < self.acknowledge_days:
            raise InputError(
                f"ระยะเวลาแจ้งผลการดำเนินการ ({self.answer_days} วัน) สั้นกว่าระยะเวลาแจ้งการรับเรื่อง "
                f"({self.acknowledge_days} วัน)", where="answer_days",
                expected="ระยะเวลาแจ้งผลไม่น้อยกว่าระยะเวลาแจ้งการรับเรื่อง")
        if not isinstance(self.issued_on, date):
            raise InputError("ไม่ได้ระบุวันที่ประกาศ", where="issued_on", expected="วันที่ เช่น 1 ตุลาคม 2567")
        try:
            check_printable(self.issued_on)
        except ValueError as exc:
            raise InputError(str(exc), where="issued_on") from None
        if isinstance(self.fiscal_year, bool) or not isinstance(self.fiscal_year, int) \
                or not BE_YEAR_MIN <= self.fiscal_year <= BE_YEAR_MAX:
            raise InputError(f"ปีงบประมาณ '{self.fiscal_year}' ไม่ใช่ปี พ.ศ.", where="fiscal_year",
                             expected="ปี พ.ศ. เช่น 2568")


def _channels(value: Any) -> tuple[tuple[str, str], ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InputError("ช่องทางแจ้งเรื่องร้องเรียนต้องเป็นรายการของ (ชื่อช่องทาง, รายละเอียด)", where="channels")
    out = []
    for n, entry in enumerate(value, start=1):
        if isinstance(entry, str) or not isinstance(entry, Sequence) or len(entry) != 2:
            raise InputError(f"ช่องทางที่ {n} ต้องมีชื่อช่องทางและรายละเอียด", where=f"channels[{n}]",
                             expected='เช่น ("โทรศัพท์", "0 3451 2345")')
        label, detail = (normalise_text(str(x or "")) for x in entry)
        if not label or not detail:
            raise InputError(f"ช่องทางที่ {n} ไม่ได้ระบุ{'ชื่อช่องทาง' if not label else 'รายละเอียด'}",
                             where=f"channels[{n}]", expected='เช่น ("โทรศัพท์", "0 3451 2345")')
        out.append((label, detail))
    if not out:
        raise InputError("ไม่ได้ระบุช่องทางแจ้งเรื่องร้องเรียน", where="channels",
                         expected="อย่างน้อยหนึ่งช่องทาง เช่น เว็บไซต์ โทรศัพท์ ไปรษณีย์ หรือยื่นด้วยตนเอง")
    return tuple(out)


def _forward_to(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InputError("หน่วยงานที่ส่งเรื่องต่อต้องเป็นรายการชื่อหน่วยงาน", where="forward_to")
    return tuple(t for t in (normalise_text(str(x or "")) for x in value) if t)


def _place(value: str, prefix: str, others: tuple[str, ...] = ()) -> str:
    if not value or value.startswith((prefix, *others)):
        return value
    return prefix + value


def head_title(guide: Guideline) -> str:
    """The head's title as printed: as given, else the terms book's for a known agency type."""
    if guide.head_title:
        return guide.head_title
    from prongsai.planning.terms import load_terms

    book = load_terms()
    if book.kind(guide.agency_name, guide.agency_type):
        return book.terms_for(guide.agency_name, guide.agency_type).executive
    return DEFAULT_HEAD


def _staff(guide: Guideline) -> str:
    from prongsai.planning.terms import terms_for

    return terms_for(guide.agency_name, guide.agency_type).staff


# --------------------------------------------------------------------------- the document


class _Filler:
    def __init__(self, guide: Guideline, wording: Wording, digits: build.Digits) -> None:
        self.d = digits
        self.values = {
            "agency": guide.agency_name,
            "unit": guide.handling_unit,
            "head": head_title(guide),
            "staff": _staff(guide),
            "province": _place(guide.province, "จังหวัด", ("กรุงเทพ",)),
            "district": _place(guide.district, "อำเภอ", ("เขต",)),
            "acknowledge_days": str(guide.acknowledge_days),
            "answer_days": str(guide.answer_days),
            "fiscal_year": str(guide.fiscal_year),
            "issued_on": digits.date(guide.issued_on),
        }
        for s, section in enumerate(wording.sections, start=1):
            self.values[f"no.{section.id}"] = str(s)
        for s, step in enumerate(wording.steps, start=1):
            self.values[f"step.{step.id}"] = str(s)
        self.names = [build.place_name(guide.agency_name, guide.agency_type), guide.handling_unit, guide.province.removeprefix("จังหวัด"),
                      guide.district.removeprefix("อำเภอ")]

    def __call__(self, text: str) -> str:
        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.values:
                raise InputError(f"ไม่รู้จักช่องข้อมูล {{{name}}}", file=DATA_FILE)
            return self.values[name]

        return build.glue(self.d.t(_text(_SLOT.sub(value, text))), self.names)


def forward_bodies(guide: Guideline, wording: Wording | None = None) -> tuple[str, ...]:
    """The bodies reports are forwarded to: the agency's, or the wording file's defaults."""
    if guide.forward_to:
        return tuple(guide.forward_to)
    wording = wording or load_wording()
    if any("{province}" in t for t in wording.default_forward_to) and not guide.province:
        raise InputError("ไม่ได้ระบุหน่วยงานที่ส่งเรื่องร้องเรียนต่อ และไม่ได้ระบุจังหวัด", where="forward_to",
                         expected="รายชื่อหน่วยงาน เช่น สำนักงาน ป.ป.ช. ประจำจังหวัด… หรือระบุจังหวัด")
    return wording.default_forward_to


def build_guideline(guide: Guideline, *, thai_digits: bool = True, wording: Wording | None = None) -> bytes:
    """The guideline as DOCX bytes."""
    wording = wording or load_wording()
    d = build.Digits(thai_digits)
    fill = _Filler(guide, wording, d)
    forward = [fill(t) for t in forward_bodies(guide, wording)]

    doc = build.new_document()
    build.page_numbers_from_second_page(doc.sections[0])
    center = WD_ALIGN_PARAGRAPH.CENTER
    build.paragraph(doc, fill(wording.heading), bold=True, align=center, keep_next=True)
    build.paragraph(doc, fill(wording.subject), bold=True, align=center, keep_next=True)
    build.paragraph(doc, "-" * 24, align=center, after=6, keep_next=True)
    for text in wording.preamble:
        build.paragraph(doc, fill(text), indent=True)

    for s, section in enumerate(wording.sections, start=1):
        build.heading(doc, f"{d.n(s)}. {fill(section.title)}")
        sub = 0
        for b, block in enumerate(section.blocks):
            if block.text is not None:
                # a paragraph that introduces a table stays with it
                before_table = b + 1 < len(section.blocks) and section.blocks[b + 1].insert in ("channels", "steps")
                build.paragraph(doc, fill(block.text), indent=True, keep_next=before_table,
                                after=6 if before_table else 0)
            elif block.items is not None or block.insert == "forward_to":
                texts = [fill(t) for t in block.items] if block.items is not None else forward
                for text in texts:
                    sub += 1
                    build.item(doc, f"{d.n(s)}.{d.n(sub)}", text)
            elif block.insert == "channels":
                _channels_table(doc, guide, wording, fill)
            elif block.insert == "steps":
                _steps_table(doc, wording, fill, d)

    for text in wording.closing:
        build.paragraph(doc, fill(text), indent=True, keep_next=True)
    _signature(doc, fill(wording.issued), guide, fill)
    build.set_properties(doc, title=f"{wording.title} {guide.agency_name}", author=guide.agency_name)
    return build.to_bytes(doc)


def _gap(doc) -> None:
    """A small gap after a table (an empty paragraph 6 pt high)."""
    p = build.paragraph(doc, "")
    p.paragraph_format.line_spacing = Pt(6)


def _channels_table(doc, guide: Guideline, wording: Wording, fill: _Filler) -> None:
    rows = [[fill(label), build.keep_numbers_together(fill(detail))] for label, detail in guide.channels]
    build.table(doc, [fill(h) for h in wording.channels_header], rows, CHANNELS_WIDTHS_CM)
    _gap(doc)


def _steps_table(doc, wording: Wording, fill: _Filler, d: build.Digits) -> None:
    rows = []
    for n, step in enumerate(wording.steps, start=1):
        lines = [f"{d.n(n)}. {fill(step.step[0])}", *(fill(line) for line in step.step[1:])]
        rows.append([lines, fill(step.responsible), fill(step.time)])
    build.table(doc, [fill(h) for h in wording.steps_header], rows, STEPS_WIDTHS_CM,
                aligns=(None, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.CENTER))
    _gap(doc)


def _signature(doc, issued: str, guide: Guideline, fill: _Filler) -> None:
    """The date, room to sign, the name in brackets and the title, kept with the closing."""
    indent = Cm(SIGNATURE_INDENT_CM)
    center = WD_ALIGN_PARAGRAPH.CENTER
    lines = [("", 6), (issued, 0), ("", 0), ("", 0), ("", 0),
             (f"({fill(guide.head_name) if guide.head_name else BLANK_NAME})", 0), (fill(head_title(guide)), 0)]
    for n, (text, after) in enumerate(lines):
        p = build.paragraph(doc, text, align=center, after=after, keep_next=n < len(lines) - 1)
        p.paragraph_format.left_indent = indent
        p.paragraph_format.keep_together = True


def write_guideline(fmt: Literal["docx", "pdf"], out: str | os.PathLike[str], guide: Guideline, *,
                    thai_digits: bool = True, wording: Wording | None = None, office: Any = None,
                    timeout: float | None = None) -> Path:
    """Write the guideline to `out` as DOCX or PDF (replaced atomically; untouched on failure).

    `office`: a LibreOffice started ahead with ``pdf.start_office(context_numerals=thai_digits)``
    (otherwise one is started here, before the DOCX is built)."""
    wording = wording or load_wording()
    return build.write_document(fmt, out, lambda: build_guideline(guide, thai_digits=thai_digits, wording=wording),
                                thai_digits=thai_digits, office=office, timeout=timeout)


def guideline_filename(guide: Guideline, fmt: str) -> str:
    """``แนวปฏิบัติการจัดการเรื่องร้องเรียน-องค์การบริหารส่วนตำบลลาดหญ้า-2568.pdf``."""
    agency = re.sub(r"[\\/:*?\"<>|\s]+", "", guide.agency_name)
    return f"แนวปฏิบัติการจัดการเรื่องร้องเรียน-{agency}-{guide.fiscal_year}.{fmt}"


__all__ = [
    "DATA_FILE",
    "PLACEHOLDERS",
    "Guideline",
    "Wording",
    "build_guideline",
    "forward_bodies",
    "guideline_filename",
    "head_title",
    "load_wording",
    "parse_wording",
    "write_guideline",
]
