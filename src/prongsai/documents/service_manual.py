"""คู่มือการให้บริการ: the service manual an agency publishes for each service it gives (the OIT
item คู่มือหรือมาตรฐานการให้บริการ, from FY2568 คู่มือหรือแนวทางการขอรับบริการสำหรับผู้รับบริการหรือ
ผู้มาติดต่อ), in DOCX or PDF.

It states what the OIT item asks for, none left blank: the name of the service, the unit that
gives it, the channels with their places and hours, the criteria, the steps with their time and
the unit responsible, the total time, the documents ("ไม่มีรายการเอกสาร…" when there are none),
the fee ("ไม่มีค่าธรรมเนียม" when there is none) and where to complain. The wording is data
(``data/service_manual.yaml``), checked on load; the service's facts come from
:class:`ServiceManual`.

API::

    write_manual("docx" | "pdf", out, manual, thai_digits=True) -> Path   # atomic
    build_manual(manual, thai_digits=True) -> bytes                        # the DOCX
    load_wording() / parse_wording(text) -> Wording
    default_steps(unit) -> list of (text, responsible, time)               # a new type's steps

Bad data raises :class:`prongsai.errors.InputError` with a Thai message.
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
from docx.shared import Pt
from pydantic import BaseModel, ConfigDict, Field, model_validator

from prongsai.documents import docx_build as build
from prongsai.documents.wordbreak import WORD_JOINER
from prongsai.documents.wording import parse_model
from prongsai.documents.wording import slots as _slots
from prongsai.errors import InputError
from prongsai.thai import check_printable, normalise_text

DATA_FILE = "service_manual.yaml"
SECTION_IDS: tuple[str, ...] = ("name", "unit", "channels", "criteria", "steps", "total_time", "documents", "fee",
                                "complaints")
PLACEHOLDERS: dict[str, str] = {
    "agency": "ชื่อหน่วยงาน",
    "unit": "ส่วนงานที่ให้บริการ",
    "service": "ชื่อบริการ",
    "days": "ระยะเวลาดำเนินการรวม (วันทำการ)",
    "province": "จังหวัด",
    "url": "ที่อยู่ของแบบคำขอบนเว็บไซต์",
    "hours": "เวลาเปิดให้บริการ",
    "issued_on": "วันที่เผยแพร่คู่มือ",
}
CHANNELS_WIDTHS_CM = (4.6, 11.4)
STEPS_WIDTHS_CM = (1.1, 7.7, 3.4, 3.8)
COMPLAINTS_WIDTHS_CM = (6.0, 10.0)
_SLOT = re.compile(r"\{([^{}]*)\}")
# A number stays with the unit after it ("๒๔ ชั่วโมง", "๑๐ บาท", "๑๖.๓๐ น.") and a range of
# numbers stays whole ("๐๘.๓๐–๑๖.๓๐"): docx_build keeps only days, months and years so.
_UNIT_AFTER = re.compile(r"(?<=[0-9๐-๙]) (?=(?:ชั่วโมง|นาที|บาท|ครั้ง|ลิตร|ฉบับ|คำขอ|ราย|คน)(?![ก-ฮ])|น\.)")
_RANGE = re.compile(r"(?<=[0-9๐-๙])\s*([–-])\s*(?=[0-9๐-๙])")
# Compounds of these documents the segmenter cuts in context ("แล้ว|เสร็จ"), kept on one line as
# docx_build.KEEP_TOGETHER keeps its own.
KEEP_TOGETHER: tuple[str, ...] = ("แล้ว|เสร็จ", "ผู้|ยื่น|คำ|ขอ", "คำ|ขอ", "ค่า|ธรรมเนียม", "เอกสาร|หลักฐาน",
                                  "ผู้|พิการ", "อยู่|ระหว่าง|ดำเนิน|การ")
_KEEP = sorted(((w.replace("|", ""), w.replace("|", WORD_JOINER)) for w in KEEP_TOGETHER),
               key=lambda pair: len(pair[0]), reverse=True)


# --------------------------------------------------------------------------- the wording (YAML)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Section(_Model):
    id: Literal["name", "unit", "channels", "criteria", "steps", "total_time", "documents", "fee", "complaints"]
    title: str = Field(min_length=1)


class DefaultStep(_Model):
    text: str = Field(min_length=1)
    responsible: str = Field(min_length=1)
    time: str = Field(min_length=1)


class Wording(_Model):
    id: str
    version: str
    locale: str
    title: str = Field(min_length=1)
    subtitle: str = Field(min_length=1)
    issuer: str = Field(min_length=1)
    sections: tuple[Section, ...] = Field(min_length=1)
    unit_line: str = Field(min_length=1)
    channels_header: tuple[str, str]
    walk_in_label: str = Field(min_length=1)
    walk_in_default: str = Field(min_length=1)
    web_label: str = Field(min_length=1)
    web_detail: str = Field(min_length=1)
    default_hours: str = Field(min_length=1)
    criteria_after: str = Field(min_length=1)
    steps_header: tuple[str, str, str, str]
    total_time: str = Field(min_length=1)
    none_documents: str = Field(min_length=1)
    none_fee: str = Field(min_length=1)
    complaints_intro: str = Field(min_length=1)
    complaints_header: tuple[str, str]
    complaints_agency_label: str = Field(min_length=1)
    complaints_always: tuple[tuple[str, str], ...] = ()
    issued: str = Field(min_length=1)
    default_steps: tuple[DefaultStep, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Wording:
        ids = [s.id for s in self.sections]
        for section_id in SECTION_IDS:
            if ids.count(section_id) != 1:
                raise ValueError(f"sections: ต้องมีหัวข้อ {section_id} หนึ่งครั้งพอดี แต่พบ {ids.count(section_id)} ครั้ง")
        for where, text in self.texts():
            for name in _slots(text, where):
                kind, _, ref = name.partition(".")
                if kind == "no" and ref in SECTION_IDS:
                    continue
                if name not in PLACEHOLDERS:
                    known = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
                    raise ValueError(f"{where}: ไม่รู้จักช่องข้อมูล {{{name}}} (ช่องข้อมูลที่ใช้ได้: {known} "
                                     "และ {no.รหัสหัวข้อ})")
        for where, text, needed in (("total_time", self.total_time, "days"), ("issued", self.issued, "issued_on"),
                                    ("web_detail", self.web_detail, "url"), ("subtitle", self.subtitle, "service")):
            if needed not in _slots(text, where):
                raise ValueError(f"{where}: ต้องมีช่องข้อมูล {{{needed}}} ({PLACEHOLDERS[needed]})")
        if "ไม่มี" not in self.none_documents:
            raise ValueError("none_documents: ต้องระบุว่าไม่มีรายการเอกสาร (มีคำว่า “ไม่มี”)")
        if "ไม่มี" not in self.none_fee:
            raise ValueError("none_fee: ต้องระบุว่าไม่มีค่าธรรมเนียม (มีคำว่า “ไม่มี”)")
        return self

    def texts(self) -> Iterator[tuple[str, str]]:
        for name in ("title", "subtitle", "issuer", "unit_line", "walk_in_label", "walk_in_default", "web_label",
                     "web_detail", "default_hours", "criteria_after", "total_time", "none_documents", "none_fee",
                     "complaints_intro", "complaints_agency_label", "issued"):
            yield name, getattr(self, name)
        for key in ("channels_header", "steps_header", "complaints_header"):
            for n, text in enumerate(getattr(self, key)):
                yield f"{key}[{n}]", text
        for s in self.sections:
            yield f"sections.{s.id}.title", s.title
        for n, pair in enumerate(self.complaints_always):
            for m, text in enumerate(pair):
                yield f"complaints_always[{n}][{m}]", text
        for n, step in enumerate(self.default_steps):
            for key in ("text", "responsible", "time"):
                yield f"default_steps[{n}].{key}", getattr(step, key)


def parse_wording(text: str, *, file: str = DATA_FILE) -> Wording:
    """The wording from YAML text; InputError (Thai, naming the file and the part) when wrong."""
    return parse_model(text, Wording, file=file, what="ข้อความของคู่มือการให้บริการ",
                       expected=f"โครงสร้างตามคำอธิบายที่ต้นไฟล์ {DATA_FILE}",
                       messages={"literal_error": "ต้องเป็นรหัสหัวข้อที่รู้จัก: " + ", ".join(SECTION_IDS)})


@cache
def load_wording() -> Wording:
    """The shipped wording (checked once per process)."""
    text = resources.files("prongsai.documents").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return parse_wording(text)


def keep_units_together(text: str) -> str:
    """`text` with no line break between a number and its unit, inside a range of numbers, or
    inside the compounds of KEEP_TOGETHER."""
    text = _RANGE.sub(lambda m: f"{WORD_JOINER}{m.group(1)}{WORD_JOINER}", _UNIT_AFTER.sub(build.NBSP, text))
    for plain, joined in _KEEP:
        if plain in text and WORD_JOINER not in plain:
            text = re.sub(f"(?<!{WORD_JOINER}){re.escape(plain)}", joined, text)
    return text


def default_steps(unit: str, wording: Wording | None = None) -> list[tuple[str, str, str]]:
    """The steps a new request type starts with, its unit filled in."""
    wording = wording or load_wording()
    return [(s.text, s.responsible.replace("{unit}", unit), s.time) for s in wording.default_steps]


# --------------------------------------------------------------------------- the service's facts


@dataclass(frozen=True)
class ServiceManual:
    """What the agency fills in. `steps`: (step, responsible, time) — a blank responsible is the
    unit; `channels`: extra (channel, detail) rows after walk-in and the web; `walk_in`: where
    and when to apply in person (blank: the unit, the agency and the office hours); `url`: the
    request form's address when the service takes requests online (blank: it does not);
    `contacts`: the agency's own (label, detail) lines for complaints and advice."""

    agency_name: str
    service: str
    unit: str
    criteria: str
    steps: Sequence[tuple[str, str, str]]
    working_days: int
    documents: Sequence[str]
    fee: str
    issued_on: date
    province: str = ""
    walk_in: str = ""
    office_hours: str = ""
    url: str = ""
    contacts: Sequence[tuple[str, str]] = ()
    agency_type: str | None = None
    channels: Sequence[tuple[str, str]] = field(default=())

    def __post_init__(self) -> None:
        def put(name: str, value: Any) -> None:
            object.__setattr__(self, name, value)

        for name in ("agency_name", "service", "unit", "fee", "province", "walk_in", "office_hours", "url"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise InputError(f"{name} ต้องเป็นข้อความ", where=name)
            put(name, normalise_text(value or ""))
        if not isinstance(self.criteria, str):
            raise InputError("หลักเกณฑ์ต้องเป็นข้อความ", where="criteria")
        put("criteria", "\n".join(normalise_text(p) for p in self.criteria.splitlines() if p.strip()))
        if not self.agency_name:
            raise InputError("ไม่ได้ระบุชื่อหน่วยงาน", where="agency_name",
                             expected="ชื่อเต็มของหน่วยงาน เช่น องค์การบริหารส่วนตำบลลาดหญ้า")
        if not self.service:
            raise InputError("ไม่ได้ระบุชื่อบริการ", where="service", expected="เช่น ขอรับการสนับสนุนน้ำอุปโภคบริโภค")
        if not self.criteria:
            raise InputError(f"บริการ “{self.service}” ไม่ได้ระบุหลักเกณฑ์ วิธีการ และเงื่อนไข", where="criteria",
                             expected="คำอธิบายว่าใครยื่นคำขอได้ และยื่นอย่างไร")
        if isinstance(self.working_days, bool) or not isinstance(self.working_days, int) or not 1 <= self.working_days <= 365:
            raise InputError(f"ระยะเวลาดำเนินการรวมต้องเป็นจำนวนวันทำการ 1–365 วัน แต่ระบุไว้ '{self.working_days}'",
                             where="working_days", expected="จำนวนเต็ม เช่น 3")
        steps = []
        for n, step in enumerate(self.steps or (), start=1):
            if isinstance(step, str) or not isinstance(step, Sequence) or len(step) != 3:
                raise InputError(f"ขั้นตอนที่ {n} ต้องมีรายละเอียด ผู้รับผิดชอบ และระยะเวลา", where=f"steps[{n}]")
            text, responsible, time = (normalise_text(str(x or "")) for x in step)
            if not text or not time:
                raise InputError(f"ขั้นตอนที่ {n} ไม่ได้ระบุ{'รายละเอียด' if not text else 'ระยะเวลา'}", where=f"steps[{n}]")
            steps.append((text, responsible, time))
        if not steps:
            raise InputError(f"บริการ “{self.service}” ไม่มีขั้นตอนการให้บริการ", where="steps",
                             expected="อย่างน้อยหนึ่งขั้นตอน พร้อมระยะเวลา")
        put("steps", tuple(steps))
        put("documents", tuple(t for t in (normalise_text(str(d or "")) for d in (self.documents or ())) if t))
        for name in ("contacts", "channels"):
            pairs = []
            for n, pair in enumerate(getattr(self, name) or (), start=1):
                if isinstance(pair, str) or not isinstance(pair, Sequence) or len(pair) != 2:
                    raise InputError(f"{name}[{n}] ต้องเป็น (ชื่อ, รายละเอียด)", where=name)
                label, detail = (normalise_text(str(x or "")) for x in pair)
                if label and detail:
                    pairs.append((label, detail))
            put(name, tuple(pairs))
        if not isinstance(self.issued_on, date):
            raise InputError("ไม่ได้ระบุวันที่เผยแพร่คู่มือ", where="issued_on")
        try:
            check_printable(self.issued_on)
        except ValueError as exc:
            raise InputError(str(exc), where="issued_on") from None


# --------------------------------------------------------------------------- the document


class _Filler:
    def __init__(self, manual: ServiceManual, wording: Wording, digits: build.Digits) -> None:
        self.d = digits
        unit = manual.unit or manual.agency_name
        province = manual.province
        if not province.startswith(("จังหวัด", "กรุงเทพ")):
            province = "จังหวัด" + province  # "จังหวัด" alone for an agency without a province
        self.values = {
            "agency": manual.agency_name, "unit": unit, "service": manual.service,
            "days": str(manual.working_days), "province": province, "url": manual.url,
            "hours": manual.office_hours or wording.default_hours, "issued_on": digits.date(manual.issued_on),
        }
        for n, section in enumerate(wording.sections, start=1):
            self.values[f"no.{section.id}"] = str(n)
        self.names = [build.place_name(manual.agency_name, manual.agency_type), unit]

    def __call__(self, text: str) -> str:
        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.values:
                raise InputError(f"ไม่รู้จักช่องข้อมูล {{{name}}}", file=DATA_FILE)
            return self.values[name]

        filled = " ".join(_SLOT.sub(value, text).split())
        # The unit sits twice when the unit is the agency itself ("องค์การ… องค์การ…").
        agency = self.values["agency"]
        filled = filled.replace(f"{agency} {agency}", agency)
        return build.glue(keep_units_together(self.d.t(filled)), self.names)

    def plain(self, text: str) -> str:
        """The agency's own text (never a template: a brace in it is just a brace)."""
        return build.glue(keep_units_together(self.d.t(" ".join(text.split()))), self.names)


def build_manual(manual: ServiceManual, *, thai_digits: bool = True, wording: Wording | None = None) -> bytes:
    """The manual as DOCX bytes."""
    wording = wording or load_wording()
    d = build.Digits(thai_digits)
    fill = _Filler(manual, wording, d)
    doc = build.new_document()
    build.page_numbers_from_second_page(doc.sections[0])
    center = WD_ALIGN_PARAGRAPH.CENTER
    build.paragraph(doc, fill(wording.title), bold=True, size=18, align=center, keep_next=True)
    build.paragraph(doc, fill(wording.subtitle), bold=True, align=center, keep_next=True)
    build.paragraph(doc, fill(wording.issuer), align=center, keep_next=True)
    build.paragraph(doc, "-" * 24, align=center, after=6, keep_next=True)

    for n, section in enumerate(wording.sections, start=1):
        heading = f"{d.n(n)}. {fill(section.title)}"
        if section.id in ("name", "unit", "total_time", "fee"):
            if section.id == "name":
                text = fill.plain(manual.service)
            elif section.id == "fee":
                text = fill.plain(manual.fee) if manual.fee else fill(wording.none_fee)
            else:
                text = fill(wording.unit_line if section.id == "unit" else wording.total_time)
            _labelled(doc, heading, text)
        elif section.id == "channels":
            build.heading(doc, heading)
            walk_in = fill.plain(manual.walk_in) if manual.walk_in else fill(wording.walk_in_default)
            rows = [[fill(wording.walk_in_label), walk_in]]
            if manual.url:
                rows.append([fill(wording.web_label), fill(wording.web_detail)])
            rows += [[fill.plain(label), fill.plain(detail)] for label, detail in manual.channels]
            _gap(doc, 3)
            build.table(doc, [fill(h) for h in wording.channels_header], rows, CHANNELS_WIDTHS_CM)
            _gap(doc)
        elif section.id == "criteria":
            build.heading(doc, heading)
            for line in manual.criteria.splitlines():
                build.paragraph(doc, fill.plain(line), indent=True)
            build.paragraph(doc, fill(wording.criteria_after), indent=True)
        elif section.id == "steps":
            build.heading(doc, heading)
            rows = [[d.n(k), fill.plain(text), fill.plain(time), fill.plain(responsible) if responsible else fill("{unit}")]
                    for k, (text, responsible, time) in enumerate(manual.steps, start=1)]
            _gap(doc, 3)
            build.table(doc, [fill(h) for h in wording.steps_header], rows, STEPS_WIDTHS_CM,
                        aligns=(center, None, center, center))
            _gap(doc)
        elif section.id == "documents":
            build.heading(doc, heading)
            if manual.documents:
                for k, document in enumerate(manual.documents, start=1):
                    build.item(doc, f"{d.n(n)}.{d.n(k)}", fill.plain(document))
            else:
                build.paragraph(doc, fill(wording.none_documents), indent=True)
        elif section.id == "complaints":
            build.heading(doc, heading)
            build.paragraph(doc, fill(wording.complaints_intro), indent=True, keep_next=True, after=3)
            rows = [[fill.plain(label), build.keep_numbers_together(fill.plain(detail))]
                    for label, detail in manual.contacts]
            rows += [[fill(label), fill(detail)] for label, detail in wording.complaints_always]
            build.table(doc, [fill(h) for h in wording.complaints_header], rows, COMPLAINTS_WIDTHS_CM)
    build.paragraph(doc, fill(wording.issued), align=WD_ALIGN_PARAGRAPH.RIGHT, before=12)
    build.set_properties(doc, title=f"{wording.title} {manual.service} {manual.agency_name}",
                         author=manual.agency_name)
    return build.to_bytes(doc)


def _labelled(doc, heading: str, text: str) -> None:
    """``๑. ชื่อกระบวนงาน`` (a heading in the outline) with its short text on the next line."""
    build.heading(doc, heading)
    build.paragraph(doc, text, indent=True)


def _gap(doc, height: float = 6) -> None:
    p = build.paragraph(doc, "")
    p.paragraph_format.line_spacing = Pt(height)


def write_manual(fmt: Literal["docx", "pdf"], out: str | os.PathLike[str], manual: ServiceManual, *,
                 thai_digits: bool = True, wording: Wording | None = None, office: Any = None,
                 timeout: float | None = None) -> Path:
    """Write the manual to `out` as DOCX or PDF (replaced atomically; untouched on failure)."""
    wording = wording or load_wording()
    return build.write_document(fmt, out, lambda: build_manual(manual, thai_digits=thai_digits, wording=wording),
                                thai_digits=thai_digits, office=office, timeout=timeout)


def manual_filename(manual: ServiceManual, fmt: str) -> str:
    """``คู่มือการให้บริการ-ขอรับการสนับสนุนน้ำอุปโภคบริโภค-องค์การบริหารส่วนตำบลลาดหญ้า.pdf``."""
    clean = re.compile(r"[\\/:*?\"<>|\s]+")
    return f"คู่มือการให้บริการ-{clean.sub('', manual.service)[:80]}-{clean.sub('', manual.agency_name)}.{fmt}"


__all__ = [
    "DATA_FILE",
    "PLACEHOLDERS",
    "ServiceManual",
    "Wording",
    "build_manual",
    "default_steps",
    "load_wording",
    "manual_filename",
    "parse_wording",
    "write_manual",
]
