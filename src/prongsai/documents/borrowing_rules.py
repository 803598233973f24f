"""หลักเกณฑ์และแนวปฏิบัติการยืม-คืนพัสดุ: the announcement (ประกาศ) of an agency's borrowing rules,
signed by its head, in DOCX or PDF — what the integrity measures on the use of official property
(ITA indicator การใช้ทรัพย์สินของราชการ) ask agencies to issue.

What it says is our writing, kept as data (``data/borrowing_rules.yaml``) and checked on load:
scope, principles (official benefit only; who may borrow), who approves, how long, how to ask
(channels, documents, fee), the steps table (ขั้นตอน · ผู้รับผิดชอบ · ระยะเวลา), the check at hand-over
and return, the borrower's liability, follow-up and the yearly report, and the table of assets
the public may borrow. The agency's facts come from :class:`RulesDocument`; its own texts for the
return check and the liability replace the defaults of the wording file. Sections are numbered in
order and referred to by number, so every fact is stated once.

API::

    write_rules("docx" | "pdf", out, facts, thai_digits=True) -> Path   # atomic
    build_rules(facts, thai_digits=True) -> bytes                       # the DOCX
    load_wording() / parse_wording(text) -> Wording                     # the checked data
    rules_filename(facts, fmt) -> str

Bad data raises :class:`prongsai.errors.InputError` with a Thai message naming the field.
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
from prongsai.documents.wordbreak import WORD_JOINER
from prongsai.documents.wording import Section, Step, Strict, check_announcement, parse_model
from prongsai.documents.wording import collapse as _text
from prongsai.documents.wording import slots as _slots
from prongsai.errors import InputError
from prongsai.thai import BE_YEAR_MAX, BE_YEAR_MIN, check_printable, normalise_text

DATA_FILE = "borrowing_rules.yaml"
DEFAULT_HEAD = "หัวหน้าหน่วยงาน"
BLANK_NAME = "……………………………………"
STEPS_WIDTHS_CM = (8.6, 3.7, 3.7)
ASSETS_WIDTHS_CM = (1.3, 4.4, 5.7, 2.3, 2.3)
SIGNATURE_INDENT_CM = 6.0
MAX_DAYS, MAX_LEAD = 90, 60
MAX_ASSETS = 200

PLACEHOLDERS: dict[str, str] = {
    "agency": "ชื่อหน่วยงาน",
    "head": "ตำแหน่งหัวหน้าหน่วยงาน",
    "approver": "ตำแหน่งผู้มีอำนาจอนุมัติให้ยืม",
    "unit": "กอง/สำนักที่รับคำขอและควบคุมการยืม-คืน",
    "staff": "คำเรียกบุคลากรของหน่วยงาน",
    "max_days": "ระยะเวลายืมสูงสุด",
    "lead_days": "จำนวนวันที่ต้องยื่นคำขอล่วงหน้า",
    "documents": "เอกสารประกอบคำขอ",
    "fee": "ค่าธรรมเนียม",
    "province": "จังหวัด",
    "district": "อำเภอ",
    "fiscal_year": "ปีงบประมาณ",
    "issued_on": "วันที่ประกาศ",
}
CHANNEL_PLACEHOLDERS: dict[str, str] = {"url": "ที่อยู่หน้าขอยืมพัสดุบนเว็บไซต์", "place": "สถานที่รับและส่งคืนพัสดุ",
                                        "phone": "หมายเลขโทรศัพท์"}
REQUIRED: tuple[str, ...] = ("agency", "head", "approver", "unit", "max_days", "lead_days", "documents", "fee")
INSERTS: tuple[str, ...] = ("channels", "steps", "return_check", "liability")
# Compounds these rules use that the segmenter cuts in context ("เสียค่า|ใช้จ่าย", "ส่ง|มอบ"): the
# marked syllables are joined with WORD JOINER, so a line never breaks inside them (as
# prongsai.documents.docx_build.KEEP_TOGETHER does for the words all documents share).
KEEP_TOGETHER: tuple[str, ...] = (
    "มอบ|หมาย", "ส่ง|มอบ", "ส่ง|คืน", "ค่า|ใช้|จ่าย", "ระยะ|เวลา", "ลาย|มือ|ชื่อ", "ครบ|กำหนด", "หลัก|เกณฑ์",
    "ทะเบียน|คุม", "ซ่อม|แซม", "ชด|ใช้", "ตรวจ|นับ", "ตรวจ|สภาพ", "ผู้|มี|อำนาจ", "สา|ธาร|ณ|ประโยชน์",
    "ค่า|ธรรม|เนียม", "อย่าง|เดียว|กัน", "คำ|ขอ", "ลาย|ลักษณ์|อักษร", "ชำรุด|เสีย|หาย", "ทวง|ถาม", "คง|รูป",
    "สิ้น|เปลือง", "ประจำ|ตัว", "ผู้|ยืม",
)
_KEEP = sorted(((w.replace("|", ""), w.replace("|", WORD_JOINER)) for w in KEEP_TOGETHER ),
               key=lambda pair: len(pair[0]), reverse=True)


def keep_compounds(text: str) -> str:
    for plain, joined in _KEEP:
        if plain in text:
            text = text.replace(plain, joined)
    return text


_SLOT = re.compile(r"\{([^{}]*)\}")
_STRAY_BRACE = re.compile(r"[{}]")


# --------------------------------------------------------------------------- the wording (YAML)


class ChannelTexts(Strict):
    web: str = Field(min_length=1)
    walk_in: str = Field(min_length=1)
    phone: str = Field(min_length=1)


class Annex(Strict):
    heading: str = Field(min_length=1)
    subject: str = Field(min_length=1)
    title: str = Field(min_length=1)
    header: tuple[str, str, str, str, str]
    note: str = Field(min_length=1)


class Defaults(Strict):
    documents: str = Field(min_length=1)
    fee: str = Field(min_length=1)
    return_check: tuple[str, ...] = Field(min_length=1)
    liability: tuple[str, ...] = Field(min_length=1)


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
    annex: Annex
    channel_texts: ChannelTexts
    defaults: Defaults
    closing: tuple[str, ...] = Field(min_length=1)
    issued: str = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Wording:
        check_announcement(self, INSERTS, PLACEHOLDERS, REQUIRED)
        for key in ("web", "walk_in", "phone"):
            text = getattr(self.channel_texts, key)
            names = _slots(text, f"channel_texts.{key}")
            wanted = {"web": "url", "walk_in": "place", "phone": "phone"}[key]
            if names != [wanted]:
                raise ValueError(f"channel_texts.{key}: ต้องมีช่องข้อมูล {{{wanted}}} "
                                 f"({CHANNEL_PLACEHOLDERS[wanted]}) เพียงช่องเดียว")
        for where, text in self.default_texts():
            if _STRAY_BRACE.search(text):
                raise ValueError(f"{where}: ข้อความมาตรฐานต้องไม่มีช่องข้อมูลหรือวงเล็บปีกกา "
                                 "(หน่วยงานแก้ไขข้อความนี้เป็นข้อความธรรมดา)")
        if "issued_on" not in _slots(self.issued, "issued"):
            raise ValueError("issued: ต้องมีช่องข้อมูล {issued_on} (วันที่ประกาศ)")
        return self

    def texts(self) -> Iterator[tuple[str, str]]:
        """Every text with placeholders the document prints, with where it is in the file."""
        for name in ("title", "heading", "subject", "issued"):
            yield name, getattr(self, name)
        for key in ("preamble", "steps_header", "closing"):
            for n, text in enumerate(getattr(self, key)):
                yield f"{key}[{n}]", text
        for key in ("heading", "subject", "title", "note"):
            yield f"annex.{key}", getattr(self.annex, key)
        for n, text in enumerate(self.annex.header):
            yield f"annex.header[{n}]", text
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

    def default_texts(self) -> Iterator[tuple[str, str]]:
        yield "defaults.documents", self.defaults.documents
        yield "defaults.fee", self.defaults.fee
        for key in ("return_check", "liability"):
            for n, text in enumerate(getattr(self.defaults, key)):
                yield f"defaults.{key}[{n}]", text


def parse_wording(text: str, *, file: str = DATA_FILE) -> Wording:
    """The wording from YAML text; InputError (Thai, naming the file and the part) when wrong."""
    return parse_model(text, Wording, file=file, what="ข้อความของหลักเกณฑ์การยืม-คืนพัสดุ",
                       expected=f"โครงสร้างตามคำอธิบายที่ต้นไฟล์ {DATA_FILE}",
                       messages={"string_pattern_mismatch": "ต้องเป็นรหัสภาษาอังกฤษตัวเล็ก เช่น steps",
                                 "literal_error": "ต้องเป็น channels, steps, return_check หรือ liability"})


@cache
def load_wording() -> Wording:
    """The shipped wording (checked once per process)."""
    text = resources.files("prongsai.documents").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return parse_wording(text)


# --------------------------------------------------------------------------- the agency's facts


@dataclass(frozen=True)
class AssetRow:
    """One asset the public may borrow: its register code, name, quantity, count unit and its
    own longest loan (None: the agency's)."""

    code: str
    name: str
    quantity: int
    count_unit: str
    max_days: int | None = None


@dataclass(frozen=True)
class RulesDocument:
    """What the agency fills in. `approver_title` blank: the agency type's chief officer (ปลัด…)
    from the terms book, else its head; `head_title` blank: the type's executive, else
    หัวหน้าหน่วยงาน. `web_url` blank: no request page on the web (the public page is not open).
    `documents`, `fee`, `return_check`, `liability` blank: the wording file's defaults."""

    agency_name: str
    agency_type: str | None
    province: str
    district: str
    custodian_unit: str
    head_title: str
    approver_title: str
    max_days: int
    lead_days: int
    place: str
    phone: str
    web_url: str
    issued_on: date
    fiscal_year: int
    documents: str = ""
    fee: str = ""
    return_check: Sequence[str] = ()
    liability: Sequence[str] = ()
    assets: Sequence[AssetRow] = ()
    head_name: str = field(default="")

    def __post_init__(self) -> None:
        def put(name: str, value: Any) -> None:
            object.__setattr__(self, name, value)

        for name in ("agency_name", "province", "district", "custodian_unit", "head_title", "approver_title", "place",
                     "phone", "web_url", "documents", "fee", "head_name"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise InputError(f"{name} ต้องเป็นข้อความ", where=name)
            put(name, normalise_text(value or ""))
        put("agency_type", normalise_text(self.agency_type) if self.agency_type else None)
        if not self.agency_name:
            raise InputError("ไม่ได้ระบุชื่อหน่วยงาน", where="agency_name",
                             expected="ชื่อเต็มของหน่วยงาน เช่น องค์การบริหารส่วนตำบลลาดหญ้า")
        if not self.custodian_unit:
            raise InputError("ไม่ได้ระบุกอง/สำนักที่รับคำขอและควบคุมการยืม-คืนพัสดุ", where="custodian_unit",
                             expected="ชื่อกองหรือสำนัก เช่น กองคลัง")
        for name, what, low, high in (("max_days", "ระยะเวลายืมสูงสุด", 1, MAX_DAYS),
                                      ("lead_days", "จำนวนวันที่ต้องยื่นคำขอล่วงหน้า", 1, MAX_LEAD)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise InputError(f"{what}ต้องเป็นจำนวนวันเต็ม แต่ระบุไว้ '{value}'", where=name,
                                 expected=f"จำนวนเต็ม {low}–{high}")
            if not low <= value <= high:
                raise InputError(f"{what}ระบุไว้ {value} วัน", where=name, expected=f"จำนวนเต็ม {low}–{high} วัน")
        for name in ("return_check", "liability"):
            value = getattr(self, name)
            if isinstance(value, str) or not isinstance(value, Sequence):
                raise InputError(f"{name} ต้องเป็นรายการข้อความ", where=name)
            put(name, tuple(t for t in (normalise_text(str(x or "")) for x in value) if t))
        put("assets", _assets(self.assets))
        if not isinstance(self.issued_on, date):
            raise InputError("ไม่ได้ระบุวันที่ประกาศ", where="issued_on", expected="วันที่ เช่น 1 ตุลาคม 2569")
        try:
            check_printable(self.issued_on)
        except ValueError as exc:
            raise InputError(str(exc), where="issued_on") from None
        if isinstance(self.fiscal_year, bool) or not isinstance(self.fiscal_year, int) \
                or not BE_YEAR_MIN <= self.fiscal_year <= BE_YEAR_MAX:
            raise InputError(f"ปีงบประมาณ '{self.fiscal_year}' ไม่ใช่ปี พ.ศ.", where="fiscal_year",
                             expected="ปี พ.ศ. เช่น 2570")


def _assets(value: Any) -> tuple[AssetRow, ...]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise InputError("รายการพัสดุต้องเป็นรายการของ AssetRow", where="assets")
    if len(value) > MAX_ASSETS:
        raise InputError(f"รายการพัสดุมีเกิน {MAX_ASSETS} รายการ", where="assets",
                         expected=f"ไม่เกิน {MAX_ASSETS} รายการ")
    out = []
    for n, row in enumerate(value, start=1):
        if not isinstance(row, AssetRow):
            raise InputError(f"พัสดุรายการที่ {n} ไม่ใช่ AssetRow", where=f"assets[{n}]")
        name, code, unit = (normalise_text(row.name or ""), normalise_text(row.code or ""),
                            normalise_text(row.count_unit or ""))
        if not name or not code or not unit:
            missing = "ชื่อพัสดุ" if not name else ("หมายเลขพัสดุ" if not code else "หน่วยนับ")
            raise InputError(f"พัสดุรายการที่ {n} ไม่ได้ระบุ{missing}", where=f"assets[{n}]")
        if isinstance(row.quantity, bool) or not isinstance(row.quantity, int) or row.quantity < 1:
            raise InputError(f"จำนวนของ{name}ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป", where=f"assets[{n}].quantity")
        if row.max_days is not None and (isinstance(row.max_days, bool) or not isinstance(row.max_days, int)
                                         or not 1 <= row.max_days <= MAX_DAYS):
            raise InputError(f"ระยะเวลายืมของ{name}ต้องเป็นจำนวนเต็ม 1–{MAX_DAYS} วัน", where=f"assets[{n}].max_days")
        out.append(AssetRow(code, name, row.quantity, unit, row.max_days))
    return tuple(out)


def _terms(facts: RulesDocument) -> Any:
    from prongsai.planning.terms import load_terms

    book = load_terms()
    return book.terms_for(facts.agency_name, facts.agency_type) if book.kind(facts.agency_name, facts.agency_type) \
        else None


def head_title(facts: RulesDocument) -> str:
    if facts.head_title:
        return facts.head_title
    terms = _terms(facts)
    return terms.executive if terms else DEFAULT_HEAD


def approver_title(facts: RulesDocument) -> str:
    if facts.approver_title:
        return facts.approver_title
    terms = _terms(facts)
    return terms.chief_officer if terms else head_title(facts)


def _staff(facts: RulesDocument) -> str:
    from prongsai.planning.terms import terms_for

    return terms_for(facts.agency_name, facts.agency_type).staff


def _place(value: str, prefix: str, others: tuple[str, ...] = ()) -> str:
    if not value or value.startswith((prefix, *others)):
        return value
    return prefix + value


# --------------------------------------------------------------------------- the document


class _Filler:
    def __init__(self, facts: RulesDocument, wording: Wording, digits: build.Digits) -> None:
        self.d = digits
        self.values = {
            "agency": facts.agency_name,
            "head": head_title(facts),
            "approver": approver_title(facts),
            "unit": facts.custodian_unit,
            "staff": _staff(facts),
            "max_days": str(facts.max_days),
            "lead_days": str(facts.lead_days),
            "documents": facts.documents or wording.defaults.documents,
            "fee": facts.fee or wording.defaults.fee,
            "province": _place(facts.province, "จังหวัด", ("กรุงเทพ",)),
            "district": _place(facts.district, "อำเภอ", ("เขต",)),
            "fiscal_year": str(facts.fiscal_year),
            "issued_on": digits.date(facts.issued_on),
        }
        for s, section in enumerate(wording.sections, start=1):
            self.values[f"no.{section.id}"] = str(s)
        for s, step in enumerate(wording.steps, start=1):
            self.values[f"step.{step.id}"] = str(s)
        self.names = [build.place_name(facts.agency_name, facts.agency_type), facts.custodian_unit]

    def __call__(self, text: str, extra: dict[str, str] | None = None) -> str:
        values = {**self.values, **(extra or {})}

        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in values:
                raise InputError(f"ไม่รู้จักช่องข้อมูล {{{name}}}", file=DATA_FILE)
            return values[name]

        return build.glue(keep_compounds(self.d.t(_text(_SLOT.sub(value, text)))), self.names)

    def plain(self, text: str) -> str:
        """The agency's own text: printed as written (no placeholders)."""
        return build.glue(keep_compounds(self.d.t(_text(text))), self.names)


def channels(facts: RulesDocument, wording: Wording) -> list[tuple[str, dict[str, str]]]:
    """The ways to ask, as (wording text, its values): the web page when open, the walk-in
    place, the telephone."""
    out: list[tuple[str, dict[str, str]]] = []
    if facts.web_url:
        out.append((wording.channel_texts.web, {"url": facts.web_url}))
    out.append((wording.channel_texts.walk_in, {"place": facts.place or facts.custodian_unit}))
    if facts.phone:
        out.append((wording.channel_texts.phone, {"phone": build.keep_numbers_together(facts.phone)}))
    return out


def build_rules(facts: RulesDocument, *, thai_digits: bool = True, wording: Wording | None = None) -> bytes:
    """The announcement as DOCX bytes."""
    wording = wording or load_wording()
    d = build.Digits(thai_digits)
    fill = _Filler(facts, wording, d)

    doc = build.new_document()
    build.page_numbers_from_second_page(doc.sections[0])
    center = WD_ALIGN_PARAGRAPH.CENTER
    build.paragraph(doc, fill(wording.heading), bold=True, align=center, keep_next=True)
    build.paragraph(doc, fill(wording.subject), bold=True, align=center, keep_next=True)
    build.paragraph(doc, "-" * 24, align=center, after=6, keep_next=True)
    for text in wording.preamble:
        build.paragraph(doc, fill(text), indent=True)

    inserted = {
        "channels": lambda: [fill(text, values) for text, values in channels(facts, wording)],
        "return_check": lambda: [fill.plain(t) for t in (facts.return_check or wording.defaults.return_check)],
        "liability": lambda: [fill.plain(t) for t in (facts.liability or wording.defaults.liability)],
    }
    last = len(wording.sections)
    for s, section in enumerate(wording.sections, start=1):
        build.heading(doc, f"{d.n(s)}. {fill(section.title)}")
        sub = 0
        for b, block in enumerate(section.blocks):
            # the last paragraph of the last section stays with the closing and the signature
            ending = s == last and b == len(section.blocks) - 1
            if block.text is not None:
                before_table = b + 1 < len(section.blocks) and section.blocks[b + 1].insert == "steps"
                build.paragraph(doc, fill(block.text), indent=True, keep_next=before_table or ending,
                                after=6 if before_table else 0)
            elif block.items is not None or block.insert in inserted:
                texts = [fill(t) for t in block.items] if block.items is not None else inserted[block.insert]()
                for n, text in enumerate(texts, start=1):
                    sub += 1
                    p = build.item(doc, f"{d.n(s)}.{d.n(sub)}", text)
                    if ending and n == len(texts):
                        p.paragraph_format.keep_with_next = True
            elif block.insert == "steps":
                _steps_table(doc, wording, fill, d)

    for text in wording.closing:
        build.paragraph(doc, fill(text), indent=True, keep_next=True)
    _signature(doc, fill(wording.issued), facts, fill)
    if facts.assets:
        _annex(doc, facts, wording, fill, d)
    build.set_properties(doc, title=f"{wording.title} {facts.agency_name}", author=facts.agency_name)
    return build.to_bytes(doc)


def _gap(doc) -> None:
    p = build.paragraph(doc, "")
    p.paragraph_format.line_spacing = Pt(6)


def _steps_table(doc, wording: Wording, fill: _Filler, d: build.Digits) -> None:
    rows = []
    for n, step in enumerate(wording.steps, start=1):
        lines = [f"{d.n(n)}. {fill(step.step[0])}", *(fill(line) for line in step.step[1:])]
        rows.append([lines, fill(step.responsible), fill(step.time)])
    build.table(doc, [fill(h) for h in wording.steps_header], rows, STEPS_WIDTHS_CM,
                aligns=(None, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.CENTER))
    _gap(doc)


def _annex(doc, facts: RulesDocument, wording: Wording, fill: _Filler, d: build.Digits) -> None:
    """The table of the assets the public may borrow, on a page of its own after the signature."""
    annex = wording.annex
    center = WD_ALIGN_PARAGRAPH.CENTER
    first = build.paragraph(doc, fill(annex.heading), bold=True, align=center, keep_next=True)
    first.paragraph_format.page_break_before = True
    build.paragraph(doc, fill(annex.subject), bold=True, align=center, keep_next=True)
    build.paragraph(doc, "-" * 24, align=center, after=6, keep_next=True)
    build.paragraph(doc, fill(annex.title), bold=True, keep_next=True, after=6)
    rows = []
    for n, asset in enumerate(facts.assets, start=1):
        days = asset.max_days or facts.max_days
        rows.append([d.n(n), d.t(asset.code), fill.plain(asset.name),
                     f"{d.n(asset.quantity)}{build.NBSP}{asset.count_unit}", f"{d.n(days)}{build.NBSP}วัน"])
    build.table(doc, [fill(h) for h in annex.header], rows, ASSETS_WIDTHS_CM,
                aligns=(center, center, None, center, center))
    _gap(doc)
    build.paragraph(doc, fill(annex.note), indent=True)


def _signature(doc, issued: str, facts: RulesDocument, fill: _Filler) -> None:
    indent = Cm(SIGNATURE_INDENT_CM)
    center = WD_ALIGN_PARAGRAPH.CENTER
    name = fill.plain(facts.head_name) if facts.head_name else BLANK_NAME
    lines = [("", 6), (issued, 0), ("", 0), ("", 0), ("", 0), (f"({name})", 0), (fill.plain(head_title(facts)), 0)]
    for n, (text, after) in enumerate(lines):
        p = build.paragraph(doc, text, align=center, after=after, keep_next=n < len(lines) - 1)
        p.paragraph_format.left_indent = indent
        p.paragraph_format.keep_together = True


def write_rules(fmt: Literal["docx", "pdf"], out: str | os.PathLike[str], facts: RulesDocument, *,
                thai_digits: bool = True, wording: Wording | None = None, office: Any = None,
                timeout: float | None = None) -> Path:
    """Write the announcement to `out` as DOCX or PDF (replaced atomically; untouched on failure)."""
    wording = wording or load_wording()
    return build.write_document(fmt, out, lambda: build_rules(facts, thai_digits=thai_digits, wording=wording),
                                thai_digits=thai_digits, office=office, timeout=timeout)


def rules_filename(facts: RulesDocument, fmt: str) -> str:
    """``หลักเกณฑ์การยืม-คืนพัสดุ-องค์การบริหารส่วนตำบลลาดหญ้า-2570.pdf``."""
    agency = re.sub(r"[\\/:*?\"<>|\s]+", "", facts.agency_name)
    return f"หลักเกณฑ์การยืม-คืนพัสดุ-{agency}-{facts.fiscal_year}.{fmt}"


__all__ = [
    "DATA_FILE",
    "PLACEHOLDERS",
    "AssetRow",
    "RulesDocument",
    "Wording",
    "approver_title",
    "build_rules",
    "channels",
    "head_title",
    "load_wording",
    "parse_wording",
    "rules_filename",
    "write_rules",
]
