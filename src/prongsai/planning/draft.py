"""Drafting next year's measures plan (มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน) from an
analysis: every weakness gets a measure, units resolve to the agency's own, titles and legal
terms are the agency type's own (terms.py), dates start after the approving meeting and fall
inside the plan's fiscal year. Deterministic for a given `today`.

Two levels of detail:
- "concise" (the default, like the seeds): at most 8 measures, one per plan group of the
  catalogue (themes gathered, e.g. communication + website), 2–6 short steps each.
- "full": one measure per theme with the templates' long steps, evidence and follow-up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from prongsai.errors import InputError
from prongsai.ita.analysis import Analysis
from prongsai.ita.results import AgencyResults
from prongsai.planning import catalogue as cat
from prongsai.planning.terms import Terms, terms_for
from prongsai.thai import fiscal_month_start, fiscal_year_bounds

# In the full form a theme's templates merge into one measure: the first template brings all
# its steps, each further one its first few (its evidence and OIT items are kept in full).
SECONDARY_STEPS = 3
DETAILS = ("concise", "full")
MAX_SUPPORTING = 3
# Roles that approve or command rather than do the work: never the lead nor a co-unit.
_OVERSEERS = ("executive", "chief_officer")
_ALL = "all"


@dataclass(frozen=True)
class Measure:
    title: str
    purpose: str
    theme: str
    addresses_indicators: tuple[int, ...]
    addresses_items: tuple[str, ...]
    steps: tuple[str, ...]
    responsible: str  # the one lead unit
    supporting: tuple[str, ...]  # co-units (≤ 3), or just ("ทุกกอง/สำนัก",)
    start: date
    end: date
    follow_up: str
    evidence: tuple[str, ...]
    oit_items: tuple[str, ...]
    templates: tuple[str, ...] = ()
    recurring: bool = False  # runs to the end of the year (else a one-off task of a quarter)

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
            "recurring": self.recurring,
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
    detail: str = "concise"
    start: date | None = None  # when the measures start: after the approving meeting

    def to_json(self) -> dict[str, Any]:
        return {
            "agency": self.agency,
            "agency_type": self.agency_type,
            "fiscal_year": self.fiscal_year,
            "based_on_year": self.based_on_year,
            "weaknesses": list(self.weaknesses),
            "weak_items": list(self.weak_items),
            "detail": self.detail,
            "start": self.start.isoformat() if self.start else None,
            "measures": [m.to_json() for m in self.measures],
        }


# --- dates ------------------------------------------------------------------------------------


def _add_months(day: date, months: int) -> date:
    """The first day of the month `months` after `day`'s month."""
    month0 = day.month - 1 + months
    return date(day.year + month0 // 12, month0 % 12 + 1, 1)


def plan_start(plan_year: int, meeting: date | None = None, today: date | None = None) -> date:
    """When the measures of `plan_year` start. After the approving meeting: the first day of
    the month after it, kept inside the fiscal year (the meeting's own day when it is held in
    September of the plan year). Without a meeting date: the month after
    the analysis, taken as done in October (→ 1 November), or the month after `today` when
    today lies inside the plan year, at the latest 1 July so that three months remain."""
    first, last = fiscal_year_bounds(plan_year)
    if meeting is not None:
        if fiscal_month_start(plan_year, 12) <= meeting <= last:
            return meeting  # a meeting in the last month: the work starts on its day
        return min(max(_add_months(meeting, 1), first), fiscal_month_start(plan_year, 12))
    start = fiscal_month_start(plan_year, 2)
    today = today or date.today()
    if first <= today <= last:
        start = max(start, _add_months(today, 1))
    return min(start, fiscal_month_start(plan_year, 10))


def _period(start: date, plan_year: int, recurring: bool) -> tuple[date, date]:
    """A recurring task runs from the start to 30 September; a one-off task takes a quarter."""
    last = fiscal_year_bounds(plan_year)[1]
    if recurring:
        return start, last
    return start, min(_add_months(start, 3) - timedelta(days=1), last)


# --- checks and look-ups ----------------------------------------------------------------------


def _item_key(code: str) -> tuple[int, int]:
    return ("IEO".index(code[0]), int(code[1:]))


def _check_units(results: AgencyResults) -> None:
    roles = cat.load_units().roles
    for role in results.units:
        if role not in roles:
            raise InputError(f"ไม่รู้จักบทบาท '{role}'", file=results.source, where=f"units › {role}",
                             expected="บทบาทที่ใช้ได้: " + ", ".join(sorted(roles)))


def _check_detail(detail: str) -> None:
    if detail not in DETAILS:
        raise InputError(f"ระดับรายละเอียดของร่างมาตรการ '{detail}' ไม่ถูกต้อง", where="--detail",
                         expected="concise (กระชับ ตามแบบของหน่วยงาน) หรือ full (ละเอียดทุกขั้นตอน)")


def _entry_for(template: cat.Measure, year: int) -> cat.Addresses | None:
    return next((a for a in template.addresses if year in a.years), None)


def _oit_for(template: cat.Measure, year: int, fallback: int, variant: str | None = None) -> tuple[str, ...]:
    if variant:
        return ()  # the catalogue names the general framework's OIT codes; a variant numbers its own
    for group in template.oit_items:
        if year in group.years:
            return tuple(group.items)
    for group in template.oit_items:
        if fallback in group.years:
            return _in_year(group.items, fallback, year)
    return ()


def _in_year(codes: Iterable[str], source: int, target: int) -> tuple[str, ...]:
    """The codes of `source` year's items as the `target` year numbers them (the plan shows
    the OIT items of its own year; an item that year does not have is left out)."""
    from prongsai.ita.library import library

    lib = library()
    if not lib.has(target):
        return ()
    found = (lib.counterpart(source, code, target) for code in codes)
    return tuple(dict.fromkeys(c for c in found if c))


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


Coverage = dict[str, tuple[set[int], set[str]]]


class _Agency:
    """Rendering in one agency's words: its units, its terms, its titles."""

    def __init__(self, results: AgencyResults) -> None:
        self.results = results
        self.terms: Terms = terms_for(results.agency, results.agency_type)

    def text(self, text: str) -> str:
        return cat.load_units().render(text, self.results.agency_type, self.results.units, self.terms)

    def unit(self, role: str) -> str:
        if role in _OVERSEERS and role not in self.results.units:
            return getattr(self.terms, role)
        return cat.resolve_unit(role, self.results.agency_type, self.results.units)

    def lead_and_supporting(self, templates: list[cat.Measure]) -> tuple[str, tuple[str, ...]]:
        """One lead unit and at most three co-units; "all units" stands alone."""
        lead_role = next((t.responsible for t in templates if t.responsible not in (*_OVERSEERS, _ALL)), "admin")
        lead = self.unit(lead_role)
        roles = _unique(r for t in templates for r in (t.responsible, *t.supporting))
        all_meant = _ALL in (templates[0].responsible, *templates[0].supporting)
        named = []
        for role in roles:
            if role in (*_OVERSEERS, _ALL, lead_role):
                continue
            name = self.unit(role)
            # a section of the lead unit ("สำนักปลัด (งานนิติการ)") is the lead's own work
            if name == lead or name.startswith(lead + " (") or name in named:
                continue
            named.append(name)
        if _ALL in roles and (all_meant or len(named) > MAX_SUPPORTING):
            return lead, (self.unit(_ALL),)
        return lead, tuple(named[:MAX_SUPPORTING])


# --- drafting ---------------------------------------------------------------------------------


def draft_plan(results: AgencyResults, analysis: Analysis, fiscal_year: int | None = None, *,
               detail: str = "concise", today: date | None = None) -> MeasurePlan:
    """The draft plan for `fiscal_year` (default: the year after the result). `detail` is
    "concise" (the default: ≤ 8 measures of 2–6 short steps) or "full" (the long form);
    `today` (default: the real date) places the start when the meeting date is not given."""
    _check_detail(detail)
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
        # A sector variant's OIT codes are not the general framework's the catalogue names: its
        # OIT weaknesses are met through indicators 9 and 10 alone.
        codes = [c for c in entry.items if not (framework.variant and c.startswith("O"))]
        indicators = set(entry.indicators) & weak_indicators
        items = set(codes) & weak_items
        for code in codes:
            item = framework.item_by_code.get(code)
            if (item is not None and code[0] not in instruments_with_items
                    and item.indicator in weak_indicators):
                items.add(code)
                indicators.add(item.indicator)
        return indicators, items

    covered_by: Coverage = {t.id: coverage(t) for t in catalogue.measures}
    # merge keys: the plan groups (concise) or the themes (full), in catalogue order
    if detail == "concise":
        keys = {g: group.themes for g, group in catalogue.groups.items()}
    else:
        keys = {t: (t,) for t in catalogue.themes}
    chosen: dict[str, list[cat.Measure]] = {}
    for key, themes in keys.items():
        if cat.KEEP_STANDARD_THEME in themes:
            continue
        candidates = [t for t in catalogue.measures if t.theme in themes and any(covered_by[t.id])]
        chosen_here = _cover(candidates, covered_by)
        if chosen_here:
            chosen[key] = chosen_here
    if detail == "concise":
        chosen = _prune(chosen, covered_by)
    if not chosen or not weak_indicators and not weak_items:
        keep = [t for t in catalogue.measures if t.theme == cat.KEEP_STANDARD_THEME and _entry_for(t, year)]
        if keep:
            key = catalogue.group_of(cat.KEEP_STANDARD_THEME) if detail == "concise" else cat.KEEP_STANDARD_THEME
            chosen[key] = keep

    agency = _Agency(results)
    start = plan_start(plan_year, results.meeting.date if results.meeting else None, today)
    build = _concise if detail == "concise" else _full
    measures = [build(key, templates, covered_by, catalogue, agency, plan_year, year, start)
                for key, templates in chosen.items()]
    measures.sort(key=lambda m: (min(m.addresses_indicators, default=99), list(keys).index(m.theme)))
    return MeasurePlan(
        agency=results.agency,
        agency_type=results.agency_type,
        fiscal_year=plan_year,
        based_on_year=year,
        measures=tuple(measures),
        weaknesses=tuple(sorted(weak_indicators)),
        weak_items=tuple(sorted(weak_items, key=_item_key)),
        detail=detail,
        start=start,
    )


def _cover(candidates: list[cat.Measure], covered_by: Coverage) -> list[cat.Measure]:
    """Greedy set cover: the fewest templates that address all the weaknesses they can, in
    catalogue order among equals."""
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


def _keys(covered: tuple[set[int], set[str]]) -> set[tuple[str, Any]]:
    return {("i", n) for n in covered[0]} | {("c", c) for c in covered[1]}


def _prune(chosen: dict[str, list[cat.Measure]], covered_by: Coverage) -> dict[str, list[cat.Measure]]:
    """Drop the templates whose weaknesses other chosen templates already answer (those that
    answer the fewest first, later ones first among equals), so the concise plan keeps only
    what is needed; groups left empty disappear."""
    picked = [t for templates in chosen.values() for t in templates]
    order = sorted(range(len(picked)), key=lambda i: (len(_keys(covered_by[picked[i].id])), -i))
    dropped: set[str] = set()
    for i in order:
        template = picked[i]
        others = set().union(*(_keys(covered_by[t.id]) for t in picked
                               if t.id != template.id and t.id not in dropped))
        if _keys(covered_by[template.id]) <= others:
            dropped.add(template.id)
    pruned = {k: [t for t in ts if t.id not in dropped] for k, ts in chosen.items()}
    return {k: ts for k, ts in pruned.items() if ts}


def _addressed(templates: list[cat.Measure], covered_by: Coverage, year: int,
               keep: bool) -> tuple[tuple[int, ...], tuple[str, ...]]:
    indicators: set[int] = set()
    items: set[str] = set()
    for t in templates:
        inds, its = covered_by[t.id]
        indicators |= inds
        items |= its
    if keep:
        entry = _entry_for(templates[0], year)
        indicators = set(entry.indicators) if entry else set()
    return tuple(sorted(indicators)), tuple(sorted(items, key=_item_key))


def _concise(key: str, templates: list[cat.Measure], covered_by: Coverage, catalogue: cat.Catalogue,
             agency: _Agency, plan_year: int, year: int, start: date) -> Measure:
    group = catalogue.groups[key]
    ids = {t.id for t in templates}
    steps = [agency.text(s.text) for s in group.steps if ids & set(s.for_)]
    if len(steps) < 2:
        steps.append(agency.text(group.closing))
    indicators, items = _addressed(templates, covered_by, year, cat.KEEP_STANDARD_THEME in group.themes)
    recurring = any(t.timing.frequency != "once" for t in templates)
    begin, end = _period(start, plan_year, recurring)
    lead, supporting = agency.lead_and_supporting(templates)
    return Measure(
        title=agency.text(group.title),
        purpose=agency.text(group.purpose),
        theme=key,
        addresses_indicators=indicators,
        addresses_items=items,
        steps=_unique(steps),
        responsible=lead,
        supporting=supporting,
        start=begin,
        end=end,
        follow_up=agency.text(group.follow_up),
        evidence=_unique(agency.text(t.evidence[0]) for t in templates),
        oit_items=tuple(sorted(set().union(*(_oit_for(t, plan_year, year, agency.results.variant)
                                             for t in templates)), key=_item_key)),
        templates=tuple(t.id for t in templates),
        recurring=recurring,
    )


def _full(theme: str, templates: list[cat.Measure], covered_by: Coverage, catalogue: cat.Catalogue,
          agency: _Agency, plan_year: int, year: int, start: date) -> Measure:
    primary = templates[0]
    indicators, items = _addressed(templates, covered_by, year, theme == cat.KEEP_STANDARD_THEME)
    steps = _unique(agency.text(s) for i, t in enumerate(templates)
                    for s in (t.steps if i == 0 else t.steps[:SECONDARY_STEPS]))
    recurring = any(t.timing.frequency != "once" for t in templates)
    begin, end = _period(start, plan_year, recurring)
    lead, supporting = agency.lead_and_supporting(templates)
    title = primary.title if len(templates) == 1 else catalogue.themes[theme].title
    return Measure(
        title=agency.text(title),
        purpose=agency.text(primary.purpose),
        theme=theme,
        addresses_indicators=indicators,
        addresses_items=items,
        steps=steps,
        responsible=lead,
        supporting=supporting,
        start=begin,
        end=end,
        follow_up=agency.text(primary.follow_up),
        evidence=_unique(agency.text(e) for t in templates for e in t.evidence),
        oit_items=tuple(sorted(set().union(*(_oit_for(t, plan_year, year, agency.results.variant)
                                             for t in templates)), key=_item_key)),
        templates=tuple(t.id for t in templates),
        recurring=recurring,
    )
