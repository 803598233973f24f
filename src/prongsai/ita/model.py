"""The schema of an ITA framework file (one fiscal year) and of the crosswalk between years.

Every fact carries a confidence tag and the ids of its sources, as in
shared/reference/ita/frameworks.md: C2 (two sources or exact arithmetic), C1 (one source),
INF (inferred), UNK (not found; the value stays empty).
"""

from __future__ import annotations

from functools import cached_property
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Confidence = Literal["C2", "C1", "INF", "UNK"]
InstrumentCode = Literal["IIT", "EIT", "OIT"]
INSTRUMENTS: tuple[InstrumentCode, ...] = ("IIT", "EIT", "OIT")
ITEM_PREFIX = {"IIT": "I", "EIT": "E", "OIT": "O"}

CONFIDENCE_TH = {
    "C2": "ยืนยันจากอย่างน้อย ๒ แหล่ง",
    "C1": "มีแหล่งอ้างอิงเดียว",
    "INF": "อนุมานจากข้อมูลที่มี",
    "UNK": "ไม่มีข้อมูล",
}


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

    @property
    def number(self) -> int:
        return int(self.code[1:])

    @property
    def label(self) -> str:
        """What to show a user: the name or question, or that it is not known."""
        return self.name or self.text or "ไม่มีข้อมูลข้อคำถาม"


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
    id: str = Field(pattern=r"^ita-\d{4}$")
    fiscal_year: int = Field(ge=2500, le=2700)
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
        if self.id != f"ita-{self.fiscal_year}":
            raise ValueError(f"id must be ita-{self.fiscal_year}")
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
        for fact in (*self.instruments, *self.indicators, *self.sub_indicators, *self.items,
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
        order = ["UNK", "INF", "C1", "C2"]
        if not self.has_weights:
            return "UNK"
        return min((i.confidence for i in self.indicators), key=order.index)


class CrosswalkLink(Provenance):
    concept: str
    ids: tuple[str, ...] = Field(min_length=2)  # stable ids such as ita-2564:O42

    @field_validator("ids")
    @classmethod
    def _id_form(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        import re

        bad = [v for v in value if not re.fullmatch(r"ita-\d{4}:[IEO]\d+", v)]
        if bad:
            raise ValueError(f"crosswalk ids must look like ita-2564:O42, not {', '.join(bad)}")
        return value


class Crosswalk(Strict):
    id: str
    version: str
    description: str | None = None
    sources: tuple[Source, ...] = ()
    links: tuple[CrosswalkLink, ...]
