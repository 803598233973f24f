"""The terms book (data/terms.yaml): the words an agency type uses for its own law, its budget
act, its executive, chief officer and council (with the place name), its short name and its
staff. Drafting and the documents take every such word from here, so a เทศบาล's documents say
เทศบัญญัติ and "นายกเทศมนตรีตำบลบางพระ", never ข้อบัญญัติ or a bare "นายกเทศมนตรีตำบล".

Besides those fields the book keeps phrases: other wording of the measure catalogue that differs
between local government and other agencies ("ประชุมประชาคม" or a hearing of stakeholders,
"พนักงานจ้าง" or "ลูกจ้าง"). A text names a field or a phrase alike as ``{term:NAME}``.

A phrase may itself name a field or another phrase as ``{term:NAME}``, and a unit of the units
book as ``{unit:ROLE}`` ("ทุกส่วนงาน" is the units book's name for all the units of a university):
the measure catalogue puts in the unit when it renders a text (prongsai.planning.catalogue), so
the agency's own unit names win there too."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import InitVar, dataclass, fields
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from prongsai.yamlio import loads_yaml

TERMS_FILE = "terms.yaml"
_SLOT = re.compile(r"\{([^{}]*)\}")
_ALLOWED_SLOTS = {"place", "agency"}
_TERM_SLOT = re.compile(r"\{term:([^{}]*)\}")
_UNIT_SLOT = re.compile(r"\{unit:([a-z][a-z0-9_]*)\}")
_PHRASE_NAME = re.compile(r"^[a-z][a-z_]*$")
# The wording of a phrase for every local government type, and for every other agency.
LOCAL, OTHER = "local", "other"
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
    # The agency's phrases (name → text with its fields filled in); not a field, so equality,
    # hashing and the agreed fields stay those above.
    phrases: InitVar[Mapping[str, str] | None] = None

    def __post_init__(self, phrases: Mapping[str, str] | None) -> None:
        object.__setattr__(self, "_phrases", MappingProxyType(dict(phrases or {})))

    def word(self, name: str) -> str:
        """The text of ``{term:NAME}``: a field, or a phrase (for Terms made without phrases,
        the book's wording for agencies other than local government)."""
        if name in TERM_NAMES:
            return str(getattr(self, name))
        phrases: Mapping[str, str] = self.__dict__["_phrases"]
        if name in phrases:
            return phrases[name]
        return load_terms().phrase(name, None, self)


TERM_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Terms))


def _check_slots(name: str, text: str) -> None:
    if text != text.strip():
        raise ValueError(f"{name}: ข้อความมีช่องว่างหัวหรือท้าย")
    unknown = {s for s in _SLOT.findall(text) if s not in _ALLOWED_SLOTS}
    if unknown:
        raise ValueError(f"{name}: ไม่รู้จักตัวแทน {', '.join(sorted(unknown))} (ที่มี: {{place}}, {{agency}})")


def _check_unit_roles(where: str, text: str) -> None:
    """Every {unit:ROLE} of a phrase names a role of the units book."""
    roles = _UNIT_SLOT.findall(text)
    if not roles:
        return
    from prongsai.planning.catalogue import load_units

    known = load_units().roles
    unknown = [r for r in roles if r not in known]
    if unknown:
        raise ValueError(f"{where}: ไม่รู้จักบทบาท '{unknown[0]}' ของหน่วยงาน (ที่มี: {', '.join(known)})")


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
            _check_slots(name, getattr(self, name))
        return self

    def render(self, place: str, agency: str) -> dict[str, str]:
        return {n: getattr(self, n).replace("{place}", place).replace("{agency}", agency) for n in TERM_NAMES}


class _Otherwise(BaseModel):
    """Fields that replace the type's own for an agency whose name starts with none of its
    prefixes (a department-level agency called สำนักงาน… has no อธิบดี)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    local_law: str | None = Field(default=None, min_length=1)
    budget_law: str | None = Field(default=None, min_length=1)
    executive: str | None = Field(default=None, min_length=1)
    chief_officer: str | None = Field(default=None, min_length=1)
    council: str | None = Field(default=None, min_length=1)
    short_name: str | None = Field(default=None, min_length=1)
    staff: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _slots(self) -> _Otherwise:
        given = [n for n in TERM_NAMES if getattr(self, n) is not None]
        if not given:
            raise ValueError("otherwise ต้องระบุคำอย่างน้อยหนึ่งคำ")
        for name in given:
            _check_slots(name, getattr(self, name))
        return self


class _TypeWording(_Wording):
    prefixes: tuple[str, ...] = ()
    local: bool = False  # an องค์กรปกครองส่วนท้องถิ่น: takes the phrases' local wording
    guess: bool = True  # a name that starts with a prefix is enough to tell the type
    otherwise: _Otherwise | None = None

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
            if "{place}" not in text and "{agency}" not in text and not any(p in text for p in self.prefixes):
                raise ValueError(f"{name}: ตำแหน่งหรือชื่อต้องมีชื่อสถานที่ ({{place}}) หรือชื่อหน่วยงาน")
        if self.otherwise is not None and not self.prefixes:
            raise ValueError("otherwise ใช้กับชื่อที่ไม่ขึ้นต้นด้วย prefixes จึงต้องระบุ prefixes")
        return self

    def wording_for(self, agency: str) -> _Wording:
        """The wording of this type for `agency`: its own, or with `otherwise` when the name
        starts with none of the prefixes."""
        if self.otherwise is None or any(agency.startswith(p) for p in self.prefixes):
            return self
        values = {n: getattr(self.otherwise, n) or getattr(self, n) for n in TERM_NAMES}
        return _Wording(**values)


class TermsBook(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    version: str
    locale: str = "th"
    types: dict[str, _TypeWording] = Field(min_length=1)
    aliases: dict[str, str] = {}
    generic: _Wording
    phrases: dict[str, dict[str, str]] = {}

    @model_validator(mode="after")
    def _aliases(self) -> TermsBook:
        for alias, target in self.aliases.items():
            if target not in self.types:
                raise ValueError(f"ชื่อเรียกอื่น '{alias}' ชี้ไปที่ประเภท '{target}' ซึ่งไม่มีใน types")
        return self

    @model_validator(mode="after")
    def _phrases(self) -> TermsBook:
        for name, wordings in self.phrases.items():
            if not _PHRASE_NAME.match(name) or name in TERM_NAMES:
                raise ValueError(f"phrases: ชื่อวลี '{name}' ต้องเป็นอักษร a–z และ _ และไม่ซ้ำกับคำในสมุดคำ")
            missing = [k for k in (LOCAL, OTHER) if k not in wordings]
            if missing:
                raise ValueError(f"phrases.{name}: ต้องมีคำของ {' และ '.join(missing)}")
            for key, text in wordings.items():
                if key not in (LOCAL, OTHER) and key not in self.types:
                    raise ValueError(f"phrases.{name}: ไม่รู้จักประเภท '{key}' (ที่มี: {LOCAL}, {OTHER}, "
                                     f"{', '.join(self.types)})")
                if not text or text != text.strip():
                    raise ValueError(f"phrases.{name}.{key}: ข้อความต้องไม่ว่างและไม่มีช่องว่างหัวหรือท้าย")
                rest = _UNIT_SLOT.sub("", _TERM_SLOT.sub("", text))
                bad = [t for t in _TERM_SLOT.findall(text) if t not in TERM_NAMES and t not in self.phrases]
                if bad or "{" in rest or "}" in rest:
                    raise ValueError(f"phrases.{name}.{key}: ใช้ได้เฉพาะตัวแทน {{term:…}} ของคำหรือวลีในสมุดคำ "
                                     f"({', '.join(TERM_NAMES)} หรือวลีอื่น) และ {{unit:บทบาท}} ของหน่วยงาน")
                _check_unit_roles(f"phrases.{name}.{key}", text)
        for name in self.phrases:
            self._no_cycle(name, ())
        return self

    def _no_cycle(self, name: str, path: tuple[str, ...]) -> None:
        if name in path:
            raise ValueError(f"phrases: วลีอ้างถึงกันเป็นวง ({' → '.join((*path, name))})")
        for text in self.phrases[name].values():
            for used in _TERM_SLOT.findall(text):
                if used in self.phrases:
                    self._no_cycle(used, (*path, name))

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
        matches = [(p, k) for k, t in self.types.items() if t.guess for p in t.prefixes if name.startswith(p)]
        if matches:
            return max(matches, key=lambda m: len(m[0]))[1]
        return None

    def place(self, agency: str, kind: str | None = None) -> str:
        """The place name of an agency: its name without the type and without the district or
        province that may follow ("องค์การบริหารส่วนตำบลลาดหญ้า อำเภอเมือง" → "ลาดหญ้า"). The
        prefixes that do not tell a type (`guess: false`, such as การ…) are taken off only for
        an agency of their own type, so that a place called การ้อง keeps its name."""
        name = " ".join(str(agency or "").split())
        prefixes = sorted({p for k, t in self.types.items() if t.guess or k == kind for p in t.prefixes},
                          key=len, reverse=True)
        for prefix in prefixes:
            if name.startswith(prefix):
                name = name[len(prefix):].strip()
                break
        return _PLACE_END.split(name, maxsplit=1)[0].strip()

    def phrase(self, name: str, kind: str | None, terms: Terms) -> str:
        """Phrase `name` for an agency of type `kind` (None: not a known type), with the fields
        it names taken from `terms` and the phrases it names in the same type's wording; its
        {unit:ROLE} stay for the catalogue to fill in."""
        wordings = self.phrases[name]
        local = kind is not None and self.types[kind].local
        text = wordings.get(kind or "") or wordings[LOCAL if local else OTHER]

        def word(match: re.Match[str]) -> str:
            used = match.group(1)
            return str(getattr(terms, used)) if used in TERM_NAMES else self.phrase(used, kind, terms)

        return _TERM_SLOT.sub(word, text)

    def terms_for(self, agency: str, agency_type: str | None) -> Terms:
        kind = self.kind(agency, agency_type)
        agency_name = " ".join(str(agency or "").split())
        if kind:
            values = self.types[kind].wording_for(agency_name).render(self.place(agency_name, kind), agency_name)
        else:
            values = self.generic.render(agency_name, agency_name)
        plain = Terms(**values)
        return Terms(**values, phrases={n: self.phrase(n, kind, plain) for n in self.phrases})


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


def term_names() -> tuple[str, ...]:
    """Every NAME a text may use as ``{term:NAME}``: the fields, then the book's phrases."""
    return TERM_NAMES + tuple(load_terms().phrases)
