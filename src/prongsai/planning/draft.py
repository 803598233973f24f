"""Drafting next year's measures plan (มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน) from an
analysis: every weakness gets a measure, templates of one theme merge into one measure, units
resolve to the agency's own, dates fall inside the plan's fiscal year. Deterministic."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from prongsai.errors import InputError
from prongsai.ita.analysis import Analysis
from prongsai.ita.results import AgencyResults
from prongsai.planning import catalogue as cat
from prongsai.thai import fiscal_month_end, fiscal_month_start

# A theme's templates merge into one measure, as the seeds group their work by theme; the
# first template brings all its steps, each further one its first few, so a merged measure
# stays readable (its evidence and OIT items are kept in full).
SECONDARY_STEPS = 3


@dataclass(frozen=True)
class Measure:
    title: str
    purpose: str
    theme: str
    addresses_indicators: tuple[int, ...]
    addresses_items: tuple[str, ...]
    steps: tuple[str, ...]
    responsible: str
    supporting: tuple[str, ...]
    start: date
    end: date
    follow_up: str
    evidence: tuple[str, ...]
    oit_items: tuple[str, ...]
    templates: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "addresses": {"indicators": list(self.addresses_indicators), "items": list(self.addresses_items)},
            "steps": list(self.steps),
            "responsible": self.responsible,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "follow_up": self.follow_up,
            "purpose": self.purpose,
            "theme": self.theme,
            "supporting": list(self.supporting),
            "evidence": list(self.evidence),
            "oit_items": list(self.oit_items),
            "templates": list(self.templates),
        }


@dataclass(frozen=True)
class MeasurePlan:
    agency: str
    agency_type: str | None
    fiscal_year: int  # the year the measures run in
    based_on_year: int  # the ITA result they answer
    measures: tuple[Measure, ...]
    weaknesses: tuple[int, ...] = ()  # weak indicators of the analysis
    weak_items: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "agency_type": self.agency_type,
            "fiscal_year": self.fiscal_year,
            "based_on_year": self.based_on_year,
            "weaknesses": list(self.weaknesses),
            "weak_items": list(self.weak_items),
            "measures": [m.to_json() for m in self.measures],
        }


def _item_key(code: str) -> tuple[int, int]:
    return ("IEO".index(code[0]), int(code[1:]))


def _check_units(results: AgencyResults) -> None:
    roles = cat.load_units().roles
    for role in results.units:
        if role not in roles:
            raise InputError(f"ไม่รู้จักบทบาท '{role}'", file=results.source, where=f"units › {role}",
                             expected="บทบาทที่ใช้ได้: " + ", ".join(sorted(roles)))


def _entry_for(template: cat.Measure, year: int) -> cat.Addresses | None:
    return next((a for a in template.addresses if year in a.years), None)


def _oit_for(template: cat.Measure, year: int, fallback: int) -> tuple[str, ...]:
    for wanted in (year, fallback):
        for group in template.oit_items:
            if wanted in group.years:
                return tuple(group.items)
    return ()


def draft_plan(results: AgencyResults, analysis: Analysis, fiscal_year: int | None = None) -> MeasurePlan:
    """The draft plan for `fiscal_year` (default: the year after the result)."""
    _check_units(results)
    plan_year = fiscal_year or analysis.fiscal_year + 1
    if plan_year <= analysis.fiscal_year - 1 or plan_year > analysis.fiscal_year + 3:
        raise InputError(f"ปีของแผน {plan_year} ไม่สัมพันธ์กับผลการประเมินปี {analysis.fiscal_year}",
                         where="--year", expected=f"ปี {analysis.fiscal_year + 1} (ปีถัดจากผลการประเมิน)")
    catalogue = cat.load_catalogue()
    year = analysis.fiscal_year
    framework = analysis.framework

    weak_indicators = set(analysis.weaknesses)
    weak_items = {i.code for i in analysis.items_below_pass} | {i.code for i in analysis.failed_oit_items}
    # Where the result gives no item scores for an instrument, the items of its weak
    # indicators stand in for them (the officer knows the indicator is weak, not which item).
    instruments_with_items = {code[0] for code in results.current.items}

    def coverage(template: cat.Measure) -> tuple[set[int], set[str]]:
        entry = _entry_for(template, year)
        if entry is None:
            return set(), set()
        indicators = set(entry.indicators) & weak_indicators
        items = set(entry.items) & weak_items
        for code in entry.items:
            item = framework.item_by_code.get(code)
            if (item is not None and code[0] not in instruments_with_items
                    and item.indicator in weak_indicators):
                items.add(code)
                indicators.add(item.indicator)
        return indicators, items

    covered_by: dict[str, tuple[set[int], set[str]]] = {t.id: coverage(t) for t in catalogue.measures}
    chosen: dict[str, list[cat.Measure]] = {}
    for theme in sorted({t.theme for t in catalogue.measures}):
        if theme == cat.KEEP_STANDARD_THEME:
            continue
        candidates = [t for t in catalogue.measures if t.theme == theme and any(covered_by[t.id])]
        chosen_here = _cover(candidates, covered_by)
        if chosen_here:
            chosen[theme] = chosen_here
    if not chosen or not weak_indicators and not weak_items:
        keep = [t for t in catalogue.measures if t.theme == cat.KEEP_STANDARD_THEME and _entry_for(t, year)]
        if keep:
            chosen[cat.KEEP_STANDARD_THEME] = keep

    measures = [_merge(theme, templates, covered_by, catalogue, results, plan_year, year)
                for theme, templates in chosen.items()]
    measures.sort(key=lambda m: (min(m.addresses_indicators, default=99), m.theme))
    return MeasurePlan(
        agency=results.agency,
        agency_type=results.agency_type,
        fiscal_year=plan_year,
        based_on_year=year,
        measures=tuple(measures),
        weaknesses=tuple(sorted(weak_indicators)),
        weak_items=tuple(sorted(weak_items, key=_item_key)),
    )


def _cover(candidates: list[cat.Measure], covered_by: dict[str, tuple[set[int], set[str]]]) -> list[cat.Measure]:
    """Greedy set cover: the fewest templates of a theme that address all its weaknesses,
    in catalogue order among equals."""
    keys = {t.id: {("i", n) for n in covered_by[t.id][0]} | {("c", c) for c in covered_by[t.id][1]}
            for t in candidates}
    need = set().union(*keys.values()) if keys else set()
    picked: list[cat.Measure] = []
    while need:
        best = max(candidates, key=lambda t: (len(need & keys[t.id]), -candidates.index(t)))
        if not need & keys[best.id]:
            break
        picked.append(best)
        need -= keys[best.id]
    return sorted(picked, key=candidates.index)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def _merge(theme: str, templates: list[cat.Measure], covered_by: dict[str, tuple[set[int], set[str]]],
           catalogue: cat.Catalogue, results: AgencyResults, plan_year: int, year: int) -> Measure:
    def render(text: str) -> str:
        return cat.render_text(text, results.agency_type, results.units)

    def unit(role: str) -> str:
        return cat.resolve_unit(role, results.agency_type, results.units)

    primary = templates[0]
    indicators: set[int] = set()
    items: set[str] = set()
    for t in templates:
        inds, its = covered_by[t.id]
        indicators |= inds
        items |= its
    if theme == cat.KEEP_STANDARD_THEME:
        entry = _entry_for(primary, year)
        indicators = set(entry.indicators) if entry else set()
    steps = _unique(render(s) for i, t in enumerate(templates)
                    for s in (t.steps if i == 0 else t.steps[:SECONDARY_STEPS]))
    responsible = unit(primary.responsible)
    supporting = _unique(unit(r) for t in templates for r in (t.responsible, *t.supporting))
    title = primary.title if len(templates) == 1 else catalogue.themes[theme].title
    return Measure(
        title=title,
        purpose=render(primary.purpose),
        theme=theme,
        addresses_indicators=tuple(sorted(indicators)),
        addresses_items=tuple(sorted(items, key=_item_key)),
        steps=steps,
        responsible=responsible,
        supporting=tuple(s for s in supporting if s != responsible),
        start=min(fiscal_month_start(plan_year, t.timing.from_month) for t in templates),
        end=max(fiscal_month_end(plan_year, t.timing.to_month) for t in templates),
        follow_up=render(primary.follow_up),
        evidence=_unique(render(e) for t in templates for e in t.evidence),
        oit_items=tuple(sorted(set().union(*(_oit_for(t, plan_year, year) for t in templates)), key=_item_key)),
        templates=tuple(t.id for t in templates),
    )
