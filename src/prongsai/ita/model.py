"""The schema of an ITA framework file (one fiscal year) and of the crosswalk between years.

Every fact carries a confidence tag and the ids of its sources, as in
shared/reference/ita/frameworks.md and fy2568-2570.md: C2 (two sources or exact arithmetic),
C1 (one source), INF (inferred), UNK (not found; the value stays empty), CONFLICT (sources
disagree: the item carries every reading, and the agency picks one).

A year's framework may have sector variants (`variant: ovec`, vocational colleges), each its
own file (ita-2569-ovec.yaml). A year whose own texts are not published yet may carry an
earlier year's content (`carried_from: 2569`), tagged INF, and says so wherever it is used.
"""

from __future__ import annotations

from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Confidence = Literal["C2", "C1", "INF", "UNK", "CONFLICT"]
InstrumentCode = Literal["IIT", "EIT", "OIT"]
INSTRUMENTS: tuple[InstrumentCode, ...] = ("IIT", "EIT", "OIT")
ITEM_PREFIX = {"IIT": "I", "EIT": "E", "OIT": "O"}

CONFIDENCE_TH = {
    "C2": "ยืนยันจากอย่างน้อย ๒ แหล่ง",
    "C1": "มีแหล่งอ้างอิงเดียว",
    "INF": "อนุมานจากข้อมูลที่มี",
    "UNK": "ไม่มีข้อมูล",
    "CONFLICT": "แหล่งข้อมูลระบุไม่ตรงกัน",
}
# From the weakest: what a fact built from several facts can claim at most.
CONFIDENCE_ORDER: tuple[Confidence, ...] = ("UNK", "CONFLICT", "INF", "C1", "C2")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Provenance(Strict):
    confidence: Confidence
    sources: tuple[str, ...] = ()
    note: str | None = None


class Source(Strict):
    id: str
    title: str
    ref: str | None = None


class Instrument(Provenance):
    code: InstrumentCode
    name: str
    weight: float | None = Field(default=None, ge=0, le=100)


class Indicator(Provenance):
    no: int = Field(ge=1, le=20)
    name: str
    aliases: tuple[str, ...] = ()
    instrument: InstrumentCode
    weight: float | None = Field(default=None, ge=0, le=100)
    about: str | None = None  # what the indicator looks at, in our own words (not official text)


class SubIndicator(Provenance):
    code: str = Field(pattern=r"^\d+\.\d+$")
    name: str | None = None
    indicator: int


class Reading(Strict):
    """One reading of items the sources disagree on (a CONFLICT), for the agency to pick."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: str  # in Thai, naming whose wording it is
    note: str | None = None


class Alternative(Provenance):
    """An item as another reading has it: its name and components instead of the item's own."""

    reading: str
    name: str | None = None
    components: tuple[str, ...] = ()


class SubItem(Strict):
    text: str
    scale: str | None = None
    reversed: bool = False


class Item(Provenance):
    code: str = Field(pattern=r"^[IEO]\d+$")
    instrument: InstrumentCode
    indicator: int | None = None
    sub_indicator: str | None = None
    name: str | None = None  # OIT: the item's title; IIT/EIT: None
    text: str | None = None  # IIT/EIT: the official question; None when not found
    sub_items: tuple[SubItem, ...] = ()
    scale: str | None = None
    reversed: bool | None = None
    components: tuple[str, ...] = ()  # OIT: what the page must show, as found in sources
    # How sure the item's indicator/sub-indicator membership is, when it differs from the
    # confidence of its code and name (e.g. a C2 name in an INF group).
    grouping: Confidence | None = None
    alternatives: tuple[Alternative, ...] = ()  # other readings' names and components (CONFLICT)

    @property
    def grouping_confidence(self) -> Confidence:
        return self.grouping or self.confidence

    @property
    def number(self) -> int:
        return int(self.code[1:])

    @property
    def known(self) -> bool:
        return bool(self.name or self.text)

    @property
    def label(self) -> str:
        """What to show a user: the name or question; without one, the code's place (its
        indicator), so a list says "ไม่มีข้อมูลข้อคำถาม" once (UNKNOWN_TEXT) rather than per item."""
        if self.known:
            return self.name or self.text or ""
        return f"(ตัวชี้วัดที่ {self.indicator})" if self.indicator is not None else "–"


UNKNOWN_TEXT = "ไม่มีข้อมูลข้อคำถาม"


def unknown_note(items: list[Item] | tuple[Item, ...]) -> str | None:
    """The one line a list of items carries when some have no known text, or None."""
    missing = [i.code for i in items if not i.known]
    if not missing:
        return None
    # An OIT item is a disclosure item with a name; IIT/EIT items are questions.
    what = "ยังไม่ทราบชื่อรายการ" if all(i.instrument == "OIT" for i in items) else UNKNOWN_TEXT
    if len(missing) == len(items):
        return f"{what}ของทุกข้อในรายการนี้ ({missing[0]}–{missing[-1]}) จึงแสดงเพียงรหัสข้อและตัวชี้วัด"
    listed = " ".join(missing[:-1]) + f" และ {missing[-1]}" if len(missing) > 1 else missing[0]
    return f"{what}ของข้อ {listed} จึงแสดงเพียงรหัสข้อและตัวชี้วัด"


class LevelRule(Provenance):
    level: str
    min_total: float = Field(ge=0, le=100)
    min_each_instrument: float | None = Field(default=None, ge=0, le=100)


class LevelScheme(Provenance):
    scheme: Literal["letter", "pass"]
    rules: tuple[LevelRule, ...]  # best level first

    @model_validator(mode="after")
    def _ordered(self) -> LevelScheme:
        mins = [r.min_total for r in self.rules]
        if not self.rules or mins[-1] != 0:
            raise ValueError("the last level rule must start at 0 so that every total has a level")
        if any(a < b for a, b in zip(mins, mins[1:], strict=False)):
            raise ValueError("level rules must be ordered from the best (highest) to the lowest")
        return self


class Framework(Strict):
    id: str = Field(pattern=r"^ita-\d{4}(-[a-z][a-z0-9]*)?$")
    fiscal_year: int = Field(ge=2500, le=2700)
    variant: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9]*$")
    variant_name: str | None = None  # in Thai: which agencies the variant is for
    carried_from: int | None = None  # the year whose content this file carries until its own is known
    readings: tuple[Reading, ...] = ()  # the readings of CONFLICT items; the first is the items' own
    version: str
    title: str
    provider: str
    locale: Literal["th"] = "th"
    status: Literal["draft", "reviewed", "official"]
    description: str | None = None
    oit_rollup: Literal["mean_of_sub_indicators", "unknown"] = "unknown"
    oit_rollup_confidence: Confidence = "UNK"
    sources: tuple[Source, ...]
    instruments: tuple[Instrument, ...]
    indicators: tuple[Indicator, ...]
    sub_indicators: tuple[SubIndicator, ...] = ()
    items: tuple[Item, ...] = ()
    levels: LevelScheme | None = None

    @field_validator("instruments")
    @classmethod
    def _three_instruments(cls, value: tuple[Instrument, ...]) -> tuple[Instrument, ...]:
        codes = [i.code for i in value]
        if sorted(codes) != sorted(INSTRUMENTS):
            raise ValueError("a framework has exactly the instruments IIT, EIT and OIT, once each")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Framework:
        if self.id != self.key_id(self.fiscal_year, self.variant):
            raise ValueError(f"id must be {self.key_id(self.fiscal_year, self.variant)}")
        if self.variant and not self.variant_name:
            raise ValueError("a variant needs variant_name: which agencies it is for, in Thai")
        if self.carried_from is not None and self.carried_from >= self.fiscal_year:
            raise ValueError("carried_from must be an earlier fiscal year")
        reading_ids = [r.id for r in self.readings]
        if len(set(reading_ids)) != len(reading_ids):
            raise ValueError("reading ids must be unique")
        source_ids = {s.id for s in self.sources}
        if len(source_ids) != len(self.sources):
            raise ValueError("source ids must be unique")
        nos = [i.no for i in self.indicators]
        if len(set(nos)) != len(nos):
            raise ValueError("indicator numbers must be unique")
        by_no = {i.no: i for i in self.indicators}
        codes = [s.code for s in self.sub_indicators]
        if len(set(codes)) != len(codes):
            raise ValueError("sub-indicator codes must be unique")
        for sub in self.sub_indicators:
            if sub.indicator not in by_no:
                raise ValueError(f"sub-indicator {sub.code} names unknown indicator {sub.indicator}")
            if not sub.code.startswith(f"{sub.indicator}."):
                raise ValueError(f"sub-indicator {sub.code} does not belong to indicator {sub.indicator}")
        subs = {s.code: s for s in self.sub_indicators}
        item_codes = [i.code for i in self.items]
        if len(set(item_codes)) != len(item_codes):
            dupes = sorted({c for c in item_codes if item_codes.count(c) > 1})
            raise ValueError(f"item codes must be unique: {', '.join(dupes)}")
        for item in self.items:
            if item.code[0] != ITEM_PREFIX[item.instrument]:
                raise ValueError(f"item {item.code} does not belong to instrument {item.instrument}")
            if item.indicator is not None:
                ind = by_no.get(item.indicator)
                if ind is None:
                    raise ValueError(f"item {item.code} names unknown indicator {item.indicator}")
                if ind.instrument != item.instrument:
                    raise ValueError(f"item {item.code} is {item.instrument} but indicator {ind.no} is {ind.instrument}")
            if item.sub_indicator is not None:
                sub = subs.get(item.sub_indicator)
                if sub is None:
                    raise ValueError(f"item {item.code} names unknown sub-indicator {item.sub_indicator}")
                if item.indicator is not None and sub.indicator != item.indicator:
                    raise ValueError(f"item {item.code}: sub-indicator {sub.code} is not under indicator {item.indicator}")
            for alt in item.alternatives:
                if alt.reading not in reading_ids[1:]:
                    raise ValueError(f"item {item.code}: reading '{alt.reading}' is not one of this file's "
                                     "readings after the first (the first is the item's own)")
            if item.alternatives and item.confidence != "CONFLICT":
                raise ValueError(f"item {item.code} carries other readings, so its confidence is CONFLICT")
        for fact in (*self.instruments, *self.indicators, *self.sub_indicators, *self.items,
                     *(a for i in self.items for a in i.alternatives),
                     *((self.levels, *self.levels.rules) if self.levels else ())):
            unknown = [s for s in fact.sources if s not in source_ids]
            if unknown:
                raise ValueError(f"unknown source id(s) {', '.join(unknown)}")
        weights = [i.weight for i in self.indicators]
        if all(w is not None for w in weights) and self.indicators:
            total = sum(weights)  # type: ignore[arg-type]
            if abs(total - 100) > 1e-6:
                raise ValueError(f"indicator weights must sum to 100, not {total:g}")
            for inst in self.instruments:
                part = sum(i.weight for i in self.indicators if i.instrument == inst.code)  # type: ignore[misc]
                if inst.weight is not None and abs(part - inst.weight) > 1e-6:
                    raise ValueError(f"{inst.code} weight {inst.weight:g} differs from its indicators' {part:g}")
        return self

    @staticmethod
    def key_id(fiscal_year: int, variant: str | None = None) -> str:
        return f"ita-{fiscal_year}" + (f"-{variant}" if variant else "")

    @property
    def label(self) -> str:
        """The year, and the variant when there is one, as a user reads it."""
        return f"ปี {self.fiscal_year}" + (f" {self.variant_name}" if self.variant_name else "")

    @property
    def notice(self) -> str | None:
        """What every page and report that uses this file must say about it, or None."""
        if self.carried_from is None:
            return None
        return (f"ยังไม่มีการเผยแพร่รายละเอียดกรอบการประเมินปี {self.fiscal_year} ระบบจึงใช้รายการและข้อความของปี "
                f"{self.carried_from} ไปพลางก่อน และจะปรับปรุงเมื่อมีประกาศของปี {self.fiscal_year}")

    def with_reading(self, reading: str | None) -> Framework:
        """This framework with the items of CONFLICT taken as `reading` has them (the first reading
        when None or unknown)."""
        if not reading or not self.readings or reading == self.readings[0].id:
            return self
        if reading not in {r.id for r in self.readings}:
            return self
        items = []
        for item in self.items:
            alt = next((a for a in item.alternatives if a.reading == reading), None)
            if alt is not None:
                item = item.model_copy(update={"name": alt.name or item.name,
                                               "components": alt.components or item.components})
            items.append(item)
        # validated anew rather than copied: a copy would keep this object's cached look-ups
        return Framework.model_validate({**self.model_dump(), "items": [i.model_dump() for i in items]})

    # --- look-ups used by scoring, analysis and planning -------------------------------

    @cached_property
    def indicator_by_no(self) -> dict[int, Indicator]:
        return {i.no: i for i in self.indicators}

    @cached_property
    def item_by_code(self) -> dict[str, Item]:
        return {i.code: i for i in self.items}

    @cached_property
    def sub_indicator_by_code(self) -> dict[str, SubIndicator]:
        return {s.code: s for s in self.sub_indicators}

    @cached_property
    def item_codes_by_sub_indicator(self) -> dict[str, list[str]]:
        grouped: dict[str, list[str]] = {s.code: [] for s in self.sub_indicators}
        for item in self.items:
            if item.sub_indicator is not None:
                grouped[item.sub_indicator].append(item.code)
        return grouped

    @cached_property
    def item_codes_by_indicator(self) -> dict[int, list[str]]:
        grouped: dict[int, list[str]] = {i.no: [] for i in self.indicators}
        for item in self.items:
            if item.indicator is not None:
                grouped[item.indicator].append(item.code)
        return grouped

    @cached_property
    def sub_indicator_codes_by_indicator(self) -> dict[int, list[str]]:
        grouped: dict[int, list[str]] = {i.no: [] for i in self.indicators}
        for sub in self.sub_indicators:
            grouped[sub.indicator].append(sub.code)
        return grouped

    @property
    def indicator_numbers(self) -> set[int]:
        return set(self.indicator_by_no)

    @property
    def item_codes(self) -> set[str]:
        return set(self.item_by_code)

    def instrument(self, code: str) -> Instrument:
        return next(i for i in self.instruments if i.code == code)

    def indicators_of(self, instrument: str) -> list[Indicator]:
        return self._indicators_by_instrument[instrument]

    @cached_property
    def _indicators_by_instrument(self) -> dict[str, list[Indicator]]:
        return {code: [i for i in self.indicators if i.instrument == code] for code in INSTRUMENTS}

    def items_of(self, instrument: str) -> list[Item]:
        return [i for i in self.items if i.instrument == instrument]

    @property
    def has_weights(self) -> bool:
        return bool(self.indicators) and all(i.weight is not None for i in self.indicators)

    @property
    def weight_confidence(self) -> Confidence:
        if not self.has_weights:
            return "UNK"
        return min((i.confidence for i in self.indicators), key=CONFIDENCE_ORDER.index)


class CrosswalkLink(Provenance):
    concept: str
    ids: tuple[str, ...] = Field(min_length=2)  # stable ids such as ita-2564:O42

    @field_validator("ids")
    @classmethod
    def _id_form(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        import re

        bad = [v for v in value if not re.fullmatch(r"ita-\d{4}(-[a-z][a-z0-9]*)?:[IEO]\d+", v)]
        if bad:
            raise ValueError(f"crosswalk ids must look like ita-2564:O42 or ita-2569-ovec:O3, not {', '.join(bad)}")
        return value


class Crosswalk(Strict):
    id: str
    version: str
    description: str | None = None
    sources: tuple[Source, ...] = ()
    links: tuple[CrosswalkLink, ...]
