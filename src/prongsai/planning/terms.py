"""The terms book (data/terms.yaml): the words an agency type uses for its own law, its budget
act, its executive, chief officer and council (with the place name), its short name and its
staff. Drafting and the documents take every such word from here, so a เทศบาล's documents say
เทศบัญญัติ and "นายกเทศมนตรีตำบลบางพระ", never ข้อบัญญัติ or a bare "นายกเทศมนตรีตำบล"."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from prongsai.yamlio import loads_yaml

TERMS_FILE = "terms.yaml"
_SLOT = re.compile(r"\{([^{}]*)\}")
_ALLOWED_SLOTS = {"place", "agency"}
# Where an agency's name goes on after its place name ("… อำเภอเมือง จังหวัดกาญจนบุรี").
_PLACE_END = re.compile(r"\s+(?:อำเภอ|จังหวัด|อ\.|จ\.)")


@dataclass(frozen=True)
class Terms:
    local_law: str  # เทศบัญญัติ / ข้อบัญญัติ / ข้อบัญญัติกรุงเทพมหานคร / ระเบียบ
    budget_law: str  # เทศบัญญัติงบประมาณรายจ่ายประจำปี / ข้อบัญญัติงบประมาณรายจ่ายประจำปี / …
    executive: str  # with the place name: นายกเทศมนตรีตำบลบางพระ
    chief_officer: str  # ปลัดเทศบาลตำบลบางพระ
    council: str  # สภาเทศบาลตำบลบางพระ
    short_name: str  # ทต.บางพระ
    staff: str  # พนักงานเทศบาล / พนักงานส่วนตำบล / บุคลากร


TERM_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Terms))


class _Wording(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    local_law: str = Field(min_length=1)
    budget_law: str = Field(min_length=1)
    executive: str = Field(min_length=1)
    chief_officer: str = Field(min_length=1)
    council: str = Field(min_length=1)
    short_name: str = Field(min_length=1)
    staff: str = Field(min_length=1)

    @model_validator(mode="after")
    def _slots(self) -> _Wording:
        for name in TERM_NAMES:
            text = getattr(self, name)
            if text != text.strip():
                raise ValueError(f"{name}: ข้อความมีช่องว่างหัวหรือท้าย")
            unknown = {s for s in _SLOT.findall(text) if s not in _ALLOWED_SLOTS}
            if unknown:
                raise ValueError(f"{name}: ไม่รู้จักตัวแทน {', '.join(sorted(unknown))} (ที่มี: {{place}}, {{agency}})")
        return self

    def render(self, place: str, agency: str) -> Terms:
        values = {n: getattr(self, n).replace("{place}", place).replace("{agency}", agency) for n in TERM_NAMES}
        return Terms(**values)


class _TypeWording(_Wording):
    prefixes: tuple[str, ...] = Field(min_length=1)

    @field_validator("prefixes")
    @classmethod
    def _filled(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(not p.strip() for p in value):
            raise ValueError("prefixes ต้องไม่ว่าง")
        return value

    @model_validator(mode="after")
    def _titles_carry_the_place(self) -> _TypeWording:
        for name in ("executive", "chief_officer", "council", "short_name"):
            text = getattr(self, name)
            if "{place}" not in text and not any(p in text for p in self.prefixes):
                raise ValueError(f"{name}: ตำแหน่งหรือชื่อต้องมีชื่อสถานที่ ({{place}}) หรือชื่อหน่วยงาน")
        return self


class TermsBook(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    version: str
    locale: str = "th"
    types: dict[str, _TypeWording] = Field(min_length=1)
    aliases: dict[str, str] = {}
    generic: _Wording

    @model_validator(mode="after")
    def _aliases(self) -> TermsBook:
        for alias, target in self.aliases.items():
            if target not in self.types:
                raise ValueError(f"ชื่อเรียกอื่น '{alias}' ชี้ไปที่ประเภท '{target}' ซึ่งไม่มีใน types")
        return self

    def kind(self, agency: str, agency_type: str | None) -> str | None:
        """The type key for an agency: its stated type (a key, an alias here or in the units
        book), else the type its name starts with; None for any other agency."""
        if agency_type:
            key = " ".join(str(agency_type).split())
            if key in self.types:
                return key
            if key in self.aliases:
                return self.aliases[key]
            from prongsai.planning.catalogue import CatalogueError, load_units

            try:
                canonical = load_units().agency_type(key)
            except CatalogueError:
                canonical = None
            if canonical in self.types:
                return canonical
        name = " ".join(str(agency or "").split())
        matches = [(p, k) for k, t in self.types.items() for p in t.prefixes if name.startswith(p)]
        if matches:
            return max(matches, key=lambda m: len(m[0]))[1]
        return None

    def place(self, agency: str) -> str:
        """The place name of an agency: its name without the type and without the district or
        province that may follow ("องค์การบริหารส่วนตำบลลาดหญ้า อำเภอเมือง" → "ลาดหญ้า")."""
        name = " ".join(str(agency or "").split())
        prefixes = sorted({p for t in self.types.values() for p in t.prefixes}, key=len, reverse=True)
        for prefix in prefixes:
            if name.startswith(prefix):
                name = name[len(prefix):].strip()
                break
        return _PLACE_END.split(name, maxsplit=1)[0].strip()

    def terms_for(self, agency: str, agency_type: str | None) -> Terms:
        kind = self.kind(agency, agency_type)
        agency_name = " ".join(str(agency or "").split())
        wording: _Wording = self.types[kind] if kind else self.generic
        return wording.render(self.place(agency_name) if kind else agency_name, agency_name)


def parse_terms(data: dict[str, Any] | str, *, file: str = TERMS_FILE) -> TermsBook:
    """A terms book from YAML text or data; ValueError naming the file and the part."""
    if isinstance(data, str):
        data = loads_yaml(data)
    try:
        return TermsBook.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"{file}: {where}: {str(first['msg']).removeprefix('Value error, ')}") from None


@cache
def load_terms() -> TermsBook:
    text = resources.files("prongsai.planning").joinpath("data", TERMS_FILE).read_text(encoding="utf-8")
    return parse_terms(text)


@cache
def terms_for(agency: str, agency_type: str | None) -> Terms:
    """The terms of `agency` (its type given, or read from the start of its name)."""
    return load_terms().terms_for(agency, agency_type)
