"""The measure catalogue and the agency units: schema, loading, checks and unit names.

The catalogue (data/measures.yaml) holds measure templates: what weakness triggers each one
(indicators and items per framework year group), its ordered steps, the responsible and
supporting roles, its timing in fiscal months, its follow-up, the evidence it produces and the
OIT items that evidence serves. Texts may name a unit as ``{unit:ROLE}``; the units book
(data/units.yaml) says which unit plays each role in each agency type, and an agency can name
its own units (role → unit name) which win over the book. ``{term:NAME}`` names a word of the
terms book (data/terms.yaml, prongsai.planning.terms): one of the agency's terms or a phrase that
local government and other agencies word differently.

Every problem found in either file raises ``CatalogueError`` (a ``ValueError``) with a message
that names the file, the measure and the bad value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache, cached_property
from importlib import resources
from typing import Annotated, Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from prongsai.planning.terms import Terms, term_names, terms_for
from prongsai.yamlio import loads_yaml

MEASURES_FILE = "measures.yaml"
UNITS_FILE = "units.yaml"
KEEP_STANDARD_THEME = "keep-standard"

FISCAL_MONTHS_TH = (
    "ตุลาคม", "พฤศจิกายน", "ธันวาคม", "มกราคม", "กุมภาพันธ์", "มีนาคม",
    "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
)
FREQUENCY_TH = {
    "once": "ครั้งเดียว",
    "monthly": "ทุกเดือน",
    "quarterly": "ทุกไตรมาส",
    "semiannual": "ทุก 6 เดือน",
    "all_year": "ตลอดปีงบประมาณ",
}

_KEBAB = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ROLE = r"^[a-z][a-z0-9_]*$"
_PLACEHOLDER = re.compile(r"\{unit:([^{}]*)\}")
_TERM = re.compile(r"\{term:([^{}]*)\}")
# A short step of the concise draft: one line of the plan's table.
BRIEF_STEP_MAX = 120
MAX_PLAN_STEPS = 6
MAX_PLAN_MEASURES = 8
_ROLE_RE = re.compile(_ROLE)

Frequency = Literal["once", "monthly", "quarterly", "semiannual", "all_year"]
FiscalYear = Annotated[int, Field(ge=2500, le=2700)]
FiscalMonth = Annotated[int, Field(ge=1, le=12)]
IndicatorNo = Annotated[int, Field(ge=1, le=20)]
ItemCode = Annotated[str, Field(pattern=r"^[IEO][1-9]\d*$")]
OitCode = Annotated[str, Field(pattern=r"^O[1-9]\d*$")]
RoleId = Annotated[str, Field(pattern=_ROLE)]
Text = Annotated[str, Field(min_length=1)]


class CatalogueError(ValueError):
    """A problem in the measure catalogue or the units book, located by file and measure."""


class FrameworkLike(Protocol):
    """What the checks need from a framework: prongsai.ita.model.Framework has it."""

    @property
    def indicator_numbers(self) -> set[int]: ...

    @property
    def item_codes(self) -> set[str]: ...


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _no_duplicates(values: Iterable[Any], what: str) -> None:
    seen: set[Any] = set()
    dupes = []
    for value in values:
        if value in seen:
            dupes.append(value)
        seen.add(value)
    if dupes:
        raise ValueError(f"{what}ซ้ำกัน: {', '.join(str(d) for d in dupes)}")


def _blank_check(value: str) -> str:
    if not value.strip():
        raise ValueError("ข้อความต้องไม่ว่าง")
    if value != value.strip():
        raise ValueError(f"ข้อความมีช่องว่างหัวหรือท้าย: '{value}'")
    return value


# --- the catalogue ------------------------------------------------------------------------


class _YearGroup(_Strict):
    years: tuple[FiscalYear, ...] = Field(min_length=1)

    @field_validator("years")
    @classmethod
    def _unique_years(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        _no_duplicates(value, "ปีงบประมาณ")
        return value


class Addresses(_YearGroup):
    """The weaknesses (indicators, items) that call for the measure in the given years."""

    indicators: tuple[IndicatorNo, ...] = ()
    items: tuple[ItemCode, ...] = ()

    @model_validator(mode="after")
    def _something(self) -> Addresses:
        if not self.indicators and not self.items:
            raise ValueError("ต้องระบุตัวชี้วัด (indicators) หรือข้อ (items) อย่างน้อยหนึ่งรายการ")
        _no_duplicates(self.indicators, "ตัวชี้วัด")
        _no_duplicates(self.items, "ข้อ")
        return self


class OitItems(_YearGroup):
    """The OIT items that the measure's evidence serves in the given years."""

    items: tuple[OitCode, ...] = Field(min_length=1)

    @field_validator("items")
    @classmethod
    def _unique_items(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        _no_duplicates(value, "ข้อ")
        return value


class Timing(_Strict):
    """When the measure runs, in fiscal months (1 = ตุลาคม … 12 = กันยายน)."""

    from_month: FiscalMonth
    to_month: FiscalMonth
    frequency: Frequency

    @model_validator(mode="after")
    def _ordered(self) -> Timing:
        if self.from_month > self.to_month:
            raise ValueError(
                f"เดือนเริ่ม ({self.from_month}) ต้องไม่อยู่หลังเดือนสิ้นสุด ({self.to_month}) "
                "ในปีงบประมาณเดียวกัน (1 = ตุลาคม … 12 = กันยายน)")
        return self

    @property
    def months(self) -> range:
        return range(self.from_month, self.to_month + 1)

    def describe(self) -> str:
        """Thai text such as "ตุลาคม – มีนาคม (ทุกเดือน)"."""
        start = FISCAL_MONTHS_TH[self.from_month - 1]
        end = FISCAL_MONTHS_TH[self.to_month - 1]
        span = start if self.from_month == self.to_month else f"{start} – {end}"
        return f"{span} ({FREQUENCY_TH[self.frequency]})"


class Measure(_Strict):
    """One measure template of the catalogue."""

    id: str = Field(pattern=_KEBAB)
    theme: str = Field(pattern=_KEBAB)
    title: Text
    purpose: Text
    addresses: tuple[Addresses, ...] = Field(min_length=1)
    steps: tuple[Text, ...] = Field(min_length=3, max_length=7)
    responsible: RoleId
    supporting: tuple[RoleId, ...] = ()
    timing: Timing
    follow_up: Text
    evidence: tuple[Text, ...] = Field(min_length=1)
    oit_items: tuple[OitItems, ...] = ()

    @field_validator("title", "purpose", "follow_up")
    @classmethod
    def _trimmed(cls, value: str) -> str:
        return _blank_check(value)

    @field_validator("steps", "evidence")
    @classmethod
    def _trimmed_list(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for text in value:
            _blank_check(text)
        _no_duplicates(value, "ข้อความ")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Measure:
        for field, groups in (("addresses", self.addresses), ("oit_items", self.oit_items)):
            years = [y for g in groups for y in g.years]
            if len(set(years)) != len(years):
                dupes = sorted({y for y in years if years.count(y) > 1})
                raise ValueError(f"{field}: ปี {', '.join(map(str, dupes))} อยู่ในมากกว่าหนึ่งกลุ่ม "
                                 "(แต่ละปีต้องอยู่ในกลุ่มเดียว)")
        _no_duplicates(self.supporting, "บทบาทผู้สนับสนุน")
        if self.responsible in self.supporting:
            raise ValueError(f"บทบาท '{self.responsible}' เป็นทั้งผู้รับผิดชอบและผู้สนับสนุน")
        for field, text in self.texts():
            placeholders(text, where=field)
        for year in self.years:
            missing = sorted(
                (c for c in self.items_for(year) if c.startswith("O") and c not in self.oit_items_for(year)),
                key=_item_sort_key)
            if missing:
                raise ValueError(
                    f"ปี {year}: ข้อ {', '.join(missing)} เป็นเหตุให้ใช้มาตรการนี้ แต่ไม่ได้ระบุใน oit_items "
                    "ว่าหลักฐานของมาตรการใช้ตอบข้อนั้น")
        return self

    # --- look-ups used by the drafter -----------------------------------------------------

    @cached_property
    def years(self) -> tuple[int, ...]:
        """Every fiscal year the measure refers to (in addresses or oit_items)."""
        return tuple(sorted({y for g in (*self.addresses, *self.oit_items) for y in g.years}))

    def addresses_for(self, year: int) -> Addresses | None:
        """The one addresses group that holds `year`, if any."""
        return next((g for g in self.addresses if year in g.years), None)

    def indicators_for(self, year: int) -> frozenset[int]:
        group = self.addresses_for(year)
        return frozenset(group.indicators) if group else frozenset()

    def items_for(self, year: int) -> frozenset[str]:
        group = self.addresses_for(year)
        return frozenset(group.items) if group else frozenset()

    def oit_items_for(self, year: int) -> frozenset[str]:
        group = next((g for g in self.oit_items if year in g.years), None)
        return frozenset(group.items) if group else frozenset()

    def matches(self, year: int, indicators: Iterable[int] = (), items: Iterable[str] = ()) -> bool:
        """Whether any of the weak indicators or items of `year` calls for this measure."""
        return bool(self.indicators_for(year) & set(indicators)) or bool(self.items_for(year) & set(items))

    @property
    def keeps_standard(self) -> bool:
        return self.theme == KEEP_STANDARD_THEME

    @property
    def roles(self) -> frozenset[str]:
        """Every role the measure uses: responsible, supporting and those named in its texts."""
        named = {role for _, text in self.texts() for role in placeholders(text)}
        return frozenset({self.responsible, *self.supporting, *named})

    def texts(self) -> Iterator[tuple[str, str]]:
        """(field, text) for every text that may carry {unit:ROLE} placeholders."""
        yield "title", self.title
        yield "purpose", self.purpose
        for n, step in enumerate(self.steps, 1):
            yield f"steps[{n}]", step
        yield "follow_up", self.follow_up
        for n, item in enumerate(self.evidence, 1):
            yield f"evidence[{n}]", item


class Theme(_Strict):
    """A merge key: the drafter merges the measures of one theme into one plan measure."""

    title: Text
    description: str | None = None


def _brief_length(text: str) -> int:
    """The length of a short step without its placeholders (the names they stand for vary)."""
    return len(_TERM.sub("", _PLACEHOLDER.sub("", text)))


class BriefStep(_Strict):
    """One short step of a plan group, used when any of the templates `for` is chosen."""

    text: Text
    for_: tuple[Annotated[str, Field(pattern=_KEBAB)], ...] = Field(alias="for", min_length=1)

    @field_validator("text")
    @classmethod
    def _short(cls, value: str) -> str:
        _blank_check(value)
        placeholders(value, where="text")
        if _brief_length(value) > BRIEF_STEP_MAX:
            raise ValueError(f"ขั้นตอนย่อยยาวเกิน {BRIEF_STEP_MAX} ตัวอักษร: '{value}'")
        return value


class PlanGroup(_Strict):
    """A measure of the concise draft: the themes it gathers and its few short steps."""

    title: Text
    purpose: Text
    themes: tuple[Annotated[str, Field(pattern=_KEBAB)], ...] = Field(min_length=1)
    steps: tuple[BriefStep, ...] = Field(min_length=1, max_length=MAX_PLAN_STEPS)
    closing: Text  # added when fewer than two steps apply
    follow_up: Text

    @model_validator(mode="after")
    def _texts(self) -> PlanGroup:
        for field in ("title", "purpose", "closing", "follow_up"):
            text = getattr(self, field)
            _blank_check(text)
            placeholders(text, where=field)
        if _brief_length(self.closing) > BRIEF_STEP_MAX:
            raise ValueError(f"closing ยาวเกิน {BRIEF_STEP_MAX} ตัวอักษร")
        _no_duplicates((s.text for s in self.steps), "ขั้นตอนย่อย")
        return self

    def texts(self) -> Iterator[tuple[str, str]]:
        yield "title", self.title
        yield "purpose", self.purpose
        for n, step in enumerate(self.steps, 1):
            yield f"steps[{n}]", step.text
        yield "closing", self.closing
        yield "follow_up", self.follow_up


class Catalogue(_Strict):
    id: str = Field(pattern=_KEBAB)
    version: Text
    locale: Literal["th"]
    title: str | None = None
    description: str | None = None
    themes: dict[Annotated[str, Field(pattern=_KEBAB)], Theme]
    groups: dict[Annotated[str, Field(pattern=_KEBAB)], PlanGroup] = Field(min_length=1)
    measures: tuple[Measure, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Catalogue:
        _no_duplicates((m.id for m in self.measures), "รหัสมาตรการ (id) ")
        for m in self.measures:
            if m.theme not in self.themes:
                raise ValueError(f"มาตรการ {m.id}: หมวด (theme) '{m.theme}' ไม่ได้ประกาศไว้ใน themes "
                                 f"(ที่มี: {', '.join(self.themes)})")
        unused = [t for t in self.themes if not any(m.theme == t for m in self.measures)]
        if unused:
            raise ValueError(f"หมวด {', '.join(unused)} ประกาศไว้แต่ไม่มีมาตรการใดใช้")
        grouped = [t for g in self.groups.values() for t in g.themes]
        _no_duplicates(grouped, "หมวดในกลุ่มมาตรการ (groups) ")
        missing = [t for t in self.themes if t not in grouped]
        unknown = [t for t in grouped if t not in self.themes]
        if missing or unknown:
            raise ValueError("groups: " + "; ".join(
                ([f"หมวด {', '.join(missing)} ไม่อยู่ในกลุ่มใด"] if missing else [])
                + ([f"หมวด {', '.join(unknown)} ไม่ได้ประกาศไว้ใน themes"] if unknown else [])))
        if sum(1 for g in self.groups.values() if KEEP_STANDARD_THEME not in g.themes) > MAX_PLAN_MEASURES:
            raise ValueError(f"groups: มีกลุ่มมาตรการเกิน {MAX_PLAN_MEASURES} กลุ่ม")
        for key, group in self.groups.items():
            if KEEP_STANDARD_THEME in group.themes and len(group.themes) > 1:
                raise ValueError(f"กลุ่ม {key}: หมวด {KEEP_STANDARD_THEME} ต้องอยู่ในกลุ่มของตนเอง")
            members = {m.id for m in self.measures if m.theme in group.themes}
            for step in group.steps:
                stray = [i for i in step.for_ if i not in members]
                if stray:
                    raise ValueError(f"กลุ่ม {key}: ขั้นตอน '{step.text}' อ้างถึงมาตรการ {', '.join(stray)} "
                                     "ซึ่งไม่อยู่ในหมวดของกลุ่มนี้")
            uncovered = sorted(members - {i for s in group.steps for i in s.for_})
            if uncovered:
                raise ValueError(f"กลุ่ม {key}: มาตรการ {', '.join(uncovered)} ไม่มีขั้นตอนย่อยในกลุ่ม")
        return self

    def group_of(self, theme: str) -> str:
        return next(k for k, g in self.groups.items() if theme in g.themes)

    @cached_property
    def by_id(self) -> dict[str, Measure]:
        return {m.id: m for m in self.measures}

    def measure(self, measure_id: str) -> Measure:
        try:
            return self.by_id[measure_id]
        except KeyError:
            raise CatalogueError(f"{MEASURES_FILE}: ไม่มีมาตรการรหัส '{measure_id}'") from None

    def by_theme(self) -> dict[str, tuple[Measure, ...]]:
        """Measures grouped by theme, themes in the order they are declared."""
        return {t: tuple(m for m in self.measures if m.theme == t) for t in self.themes}

    def matching(self, year: int, indicators: Iterable[int] = (), items: Iterable[str] = ()) -> tuple[Measure, ...]:
        """The measures that the weak indicators/items of `year` call for, in catalogue order."""
        indicators, items = set(indicators), set(items)
        return tuple(m for m in self.measures if not m.keeps_standard and m.matches(year, indicators, items))

    def keep_standard(self, year: int | None = None) -> tuple[Measure, ...]:
        """The measures for an agency with no weakness (all of them, or those that refer to `year`)."""
        return tuple(m for m in self.measures if m.keeps_standard and (year is None or year in m.years))

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({y for m in self.measures for y in m.years}))

    @property
    def roles(self) -> frozenset[str]:
        named = {r for g in self.groups.values() for _, text in g.texts() for r in placeholders(text)}
        return frozenset(r for m in self.measures for r in m.roles) | named


# --- the units book -----------------------------------------------------------------------


class Role(_Strict):
    name: Text  # the unit name used when the agency type is not known
    description: Text


class AgencyType(_Strict):
    name: Text
    units: tuple[Text, ...] = Field(min_length=1)
    roles: dict[RoleId, Text]

    @field_validator("units")
    @classmethod
    def _unique_units(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        _no_duplicates(value, "หน่วยงาน")
        return value


class UnitsBook(_Strict):
    id: str | None = None
    version: str | None = None
    locale: Literal["th"] = "th"
    roles: dict[RoleId, Role] = Field(min_length=1)
    agency_types: dict[Text, AgencyType] = Field(min_length=1)
    aliases: dict[Text, Text] = {}

    @model_validator(mode="after")
    def _complete(self) -> UnitsBook:
        for key, kind in self.agency_types.items():
            missing = [r for r in self.roles if r not in kind.roles]
            if missing:
                raise ValueError(f"ประเภท {key}: ไม่ได้ระบุหน่วยงานของบทบาท {', '.join(missing)}")
            unknown = [r for r in kind.roles if r not in self.roles]
            if unknown:
                raise ValueError(f"ประเภท {key}: บทบาท {', '.join(unknown)} ไม่ได้ประกาศไว้ใน roles")
        for alias, target in self.aliases.items():
            if target not in self.agency_types:
                raise ValueError(f"ชื่อเรียกอื่น '{alias}' ชี้ไปที่ประเภท '{target}' ซึ่งไม่มีใน agency_types")
            if alias in self.agency_types:
                raise ValueError(f"ชื่อเรียกอื่น '{alias}' ซ้ำกับชื่อประเภทหลัก")
        return self

    def agency_type(self, name: str) -> str:
        """The canonical agency type (a key of agency_types) for a type, an alias, or an agency
        name that starts with one ("อบต.ลาดหญ้า"); CatalogueError when there is none."""
        key = " ".join(str(name).split())
        if key in self.agency_types:
            return key
        if key in self.aliases:
            return self.aliases[key]
        for canonical, kind in self.agency_types.items():
            if key == kind.name:
                return canonical
        guessed = self.guess_agency_type(key)
        if guessed:
            return guessed
        known = ", ".join(self.agency_types)
        raise CatalogueError(f"{UNITS_FILE}: ไม่รู้จักประเภทหน่วยงาน '{name}' (ที่รู้จัก: {known})")

    def guess_agency_type(self, agency_name: str) -> str | None:
        """The agency type read from the start of an agency's name, e.g. "องค์การบริหารส่วนตำบลลาดหญ้า"
        or "อบต.ลาดหญ้า" → "อบต."; None when the name does not start with a known type."""
        text = " ".join(str(agency_name).split())
        names: list[tuple[str, str]] = [(kind.name, k) for k, kind in self.agency_types.items()]
        names += [(k, k) for k in self.agency_types]
        names += [(a, t) for a, t in self.aliases.items() if a.endswith(".") or len(a) > 4]
        for prefix, canonical in sorted(names, key=lambda p: -len(p[0])):
            if text.startswith(prefix):
                return canonical
        return None

    def check_role(self, role: str) -> None:
        if role not in self.roles:
            raise CatalogueError(f"{UNITS_FILE}: ไม่รู้จักบทบาท '{role}' (ที่มี: {', '.join(self.roles)})")

    def check_overrides(self, overrides: Mapping[str, str] | None) -> None:
        for role, unit in (overrides or {}).items():
            self.check_role(role)
            if not isinstance(unit, str) or not unit.strip():
                raise CatalogueError(f"หน่วยงานของบทบาท '{role}' ต้องเป็นชื่อหน่วยงานที่ไม่ว่าง")

    def resolve(self, role: str, agency_type: str | None = None,
                overrides: Mapping[str, str] | None = None) -> str:
        """The unit that plays `role`: the agency's own name first, then its type's, then the
        generic name of the role."""
        self.check_role(role)
        self.check_overrides(overrides)
        if overrides and role in overrides:
            return overrides[role].strip()
        if agency_type:
            return self.agency_types[self.agency_type(agency_type)].roles[role]
        return self.roles[role].name

    def render(self, text: str, agency_type: str | None = None,
               overrides: Mapping[str, str] | None = None, terms: Terms | None = None) -> str:
        """`text` with every {unit:ROLE} replaced by the unit's name and every {term:NAME} by
        the agency's term (`terms`, else the generic terms of its type). The terms go in first,
        so a phrase that names a unit ("{unit:all}", every unit) gets the agency's unit too. With
        `terms`, the executive and the chief officer are named by their titles with the place name."""
        for role in placeholders(text):
            self.check_role(role)
        words = terms or terms_for("", agency_type)
        text = _TERM.sub(lambda m: words.word(m.group(1)), text)

        def unit(match: re.Match[str]) -> str:
            role = match.group(1)
            if terms is not None and role in ("executive", "chief_officer") and not (overrides and role in overrides):
                return getattr(terms, role)
            name = self.resolve(role, agency_type, overrides)
            following = text[match.end():match.end() + 1]
            # "สำนักปลัด (งานพัสดุ)" must not run into the next word
            if name.endswith(")") and following and not following.isspace() and following not in ",.;:)":
                name += " "
            return name

        return _PLACEHOLDER.sub(unit, text)


def placeholders(text: str, where: str | None = None) -> tuple[str, ...]:
    """The roles named by {unit:ROLE} in `text`; ValueError for a malformed placeholder or a
    brace that is not part of one."""
    roles = []
    for match in _PLACEHOLDER.finditer(text):
        role = match.group(1)
        if not _ROLE_RE.match(role):
            raise ValueError(f"{where + ': ' if where else ''}ตัวแทนหน่วยงาน '{match.group(0)}' ไม่ถูกรูปแบบ "
                             "(ที่ถูกต้อง: {unit:ชื่อบทบาท} เช่น {unit:finance})")
        roles.append(role)
    known = term_names()
    for match in _TERM.finditer(text):
        if match.group(1) not in known:
            raise ValueError(f"{where + ': ' if where else ''}คำเฉพาะ '{match.group(0)}' ไม่มีในสมุดคำ "
                             f"(ที่มี: {', '.join('{term:' + n + '}' for n in known)})")
    rest = _TERM.sub("", _PLACEHOLDER.sub("", text))
    if "{" in rest or "}" in rest:
        raise ValueError(f"{where + ': ' if where else ''}มีวงเล็บปีกกาที่ไม่ใช่ตัวแทนหน่วยงาน "
                         "(ที่ถูกต้อง: {unit:ชื่อบทบาท} เช่น {unit:finance})")
    return tuple(roles)


# --- parsing, with errors that name the file and the measure -------------------------------


def _item_sort_key(code: str) -> tuple[str, int]:
    return code[0], int(code[1:])


def _measure_label(data: Any, index: Any) -> str:
    try:
        measure_id = data["measures"][index].get("id")
    except (KeyError, IndexError, TypeError, AttributeError):
        measure_id = None
    return f"มาตรการ {measure_id}" if measure_id else f"มาตรการลำดับที่ {int(index) + 1}"


def _describe(error: ValidationError, data: Any, file: str) -> str:
    first = error.errors()[0]
    loc = list(first["loc"])
    parts = []
    if len(loc) >= 2 and loc[0] == "measures" and isinstance(loc[1], int):
        parts.append(_measure_label(data, loc[1]))
        loc = loc[2:]
    path = ""
    for part in loc:
        path += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    if path:
        parts.append(path)
    kind = first["type"]
    value = first.get("input")
    if kind == "extra_forbidden":
        what = f"ช่องข้อมูลที่ไม่รู้จัก '{loc[-1] if loc else ''}'"
    elif kind == "missing":
        what = "ขาดช่องข้อมูลที่จำเป็น"
    elif kind == "string_pattern_mismatch":
        what = f"ค่า '{value}' ไม่ถูกรูปแบบ"
    elif kind in ("greater_than_equal", "less_than_equal"):
        what = f"ค่า {value} อยู่นอกช่วงที่ยอมรับ ({first['msg']})"
    elif kind == "literal_error":
        what = f"ค่า '{value}' ไม่อยู่ในค่าที่ยอมรับ ({first['msg']})"
    elif kind in ("too_short", "too_long"):
        what = f"จำนวนรายการไม่อยู่ในช่วงที่กำหนด ({first['msg']})"
    else:
        what = str(first["msg"]).removeprefix("Value error, ")
    return ": ".join([file, *parts, what])


def _read(data: Mapping[str, Any] | str, file: str) -> Any:
    if isinstance(data, str):
        try:
            data = loads_yaml(data)
        except ValueError as exc:
            raise CatalogueError(f"{file}: {exc}") from None
    if not isinstance(data, Mapping):
        raise CatalogueError(f"{file}: ต้องเป็นชุดข้อมูลแบบ key: value")
    return data


def parse_units(data: Mapping[str, Any] | str, *, file: str = UNITS_FILE) -> UnitsBook:
    """A units book from YAML text or already-read data."""
    data = _read(data, file)
    try:
        return UnitsBook.model_validate(data)
    except ValidationError as exc:
        raise CatalogueError(_describe(exc, data, file)) from None


def parse_catalogue(data: Mapping[str, Any] | str, *, file: str = MEASURES_FILE,
                    units: UnitsBook | None = None) -> Catalogue:
    """A catalogue from YAML text or already-read data, with every role checked against
    `units` (the built-in units book when None)."""
    data = _read(data, file)
    try:
        catalogue = Catalogue.model_validate(data)
    except ValidationError as exc:
        raise CatalogueError(_describe(exc, data, file)) from None
    check_roles(catalogue, units if units is not None else load_units(), file=file)
    return catalogue


def check_roles(catalogue: Catalogue, units: UnitsBook, *, file: str = MEASURES_FILE) -> None:
    """Every responsible/supporting role and every {unit:ROLE} is defined in the units book."""
    known = ", ".join(units.roles)
    for m in catalogue.measures:
        uses = [("responsible", m.responsible), *(("supporting", r) for r in m.supporting)]
        uses += [(field, role) for field, text in m.texts() for role in placeholders(text)]
        for field, role in uses:
            if role not in units.roles:
                raise CatalogueError(f"{file}: มาตรการ {m.id}: {field}: บทบาท '{role}' ไม่มีใน {UNITS_FILE} "
                                     f"(ที่มี: {known})")
    for key, group in catalogue.groups.items():
        for field, text in group.texts():
            for role in placeholders(text):
                if role not in units.roles:
                    raise CatalogueError(f"{file}: กลุ่ม {key}: {field}: บทบาท '{role}' ไม่มีใน {UNITS_FILE} "
                                         f"(ที่มี: {known})")


def validate_against_frameworks(catalogue: Catalogue, get_framework: Callable[[int], FrameworkLike], *,
                                skip_missing_years: bool = False, file: str = MEASURES_FILE) -> tuple[int, ...]:
    """Check that every indicator and item the catalogue refers to exists in that fiscal year's
    framework. `get_framework(year)` raises KeyError for a year the library does not have: that
    is an error unless `skip_missing_years`. Returns the years that were checked."""
    frameworks: dict[int, FrameworkLike | None] = {}

    def framework(year: int, measure: Measure) -> FrameworkLike | None:
        if year not in frameworks:
            try:
                frameworks[year] = get_framework(year)
            except KeyError:
                if not skip_missing_years:
                    raise CatalogueError(f"{file}: มาตรการ {measure.id}: ปีงบประมาณ {year} "
                                         "ไม่มีในคลังกรอบการประเมิน") from None
                frameworks[year] = None
        return frameworks[year]

    for m in catalogue.measures:
        groups: list[tuple[str, tuple[int, ...], tuple[int, ...], tuple[str, ...]]] = [
            ("addresses", g.years, g.indicators, g.items) for g in m.addresses]
        groups += [("oit_items", g.years, (), g.items) for g in m.oit_items]
        for field, years, indicators, items in groups:
            for year in years:
                fw = framework(year, m)
                if fw is None:
                    continue
                bad_ind = [n for n in indicators if n not in fw.indicator_numbers]
                if bad_ind:
                    raise CatalogueError(f"{file}: มาตรการ {m.id}: {field}: ตัวชี้วัดที่ {bad_ind[0]} "
                                         f"ไม่มีในกรอบการประเมินปี {year}")
                bad_items = [c for c in items if c not in fw.item_codes]
                if bad_items:
                    raise CatalogueError(f"{file}: มาตรการ {m.id}: {field}: ข้อ {bad_items[0]} "
                                         f"ไม่มีในกรอบการประเมินปี {year}")
    return tuple(sorted(y for y, fw in frameworks.items() if fw is not None))


# --- the built-in files ---------------------------------------------------------------------


def _data_text(name: str) -> str:
    return resources.files("prongsai.planning").joinpath("data", name).read_text(encoding="utf-8")


@cache
def load_units() -> UnitsBook:
    """The built-in units book (data/units.yaml)."""
    return parse_units(_data_text(UNITS_FILE))


@cache
def load_catalogue() -> Catalogue:
    """The built-in measure catalogue (data/measures.yaml), roles checked against the units book."""
    return parse_catalogue(_data_text(MEASURES_FILE), units=load_units())


def all_units_name(agency_type: str | None) -> str:
    """What an agency of this type calls all its units together ("ทุกกอง/สำนัก", "ทุกส่วนงาน", …)."""
    try:
        return load_units().resolve("all", agency_type or None)
    except ValueError:
        return load_units().roles["all"].name


@cache
def all_units_names() -> frozenset[str]:
    """Every type's name for all its units: a drafted responsibility naming one is every unit."""
    book = load_units()
    return frozenset({book.roles["all"].name, *(kind.roles["all"] for kind in book.agency_types.values())})


def canonical_agency_type(name: str) -> str:
    """The agency type of the units book for a type, alias or agency name, e.g. "ทต." →
    "เทศบาลตำบล"; CatalogueError (a ValueError) naming the known types when there is none."""
    return load_units().agency_type(name)


def resolve_unit(role: str, agency_type: str | None = None, overrides: dict[str, str] | None = None) -> str:
    """The unit name for `role` in an agency: `overrides` (the agency's own `units:`), then the
    units of its type (name or alias, e.g. "ทต."), then the role's generic name."""
    return load_units().resolve(role, agency_type, overrides)


def render_text(text: str, agency_type: str | None = None, overrides: dict[str, str] | None = None,
                agency: str | None = None) -> str:
    """`text` with every {unit:ROLE} replaced by the agency's unit name and every {term:NAME}
    by its term; with `agency`, titles carry its place name ("นายกเทศมนตรีตำบลบางพระ")."""
    terms = terms_for(agency, agency_type) if agency else None
    return load_units().render(text, agency_type, overrides, terms)
