"""Analysis of an agency's result: ranking, strengths and weaknesses, the lowest indicator of
each instrument, weak items, failed OIT items, points to the pass mark and to the next level,
and the change against earlier years."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from prongsai.ita.model import INSTRUMENTS, Framework
from prongsai.ita.results import AgencyResults, YearResult
from prongsai.ita.scoring import Score, score

STATUS_TH = {"strong": "จุดแข็ง", "pass": "ผ่านเกณฑ์", "weak": "ต่ำกว่าเกณฑ์"}


@dataclass(frozen=True)
class Thresholds:
    """The marks an analysis uses; both are settings (the seeds use 85 and 95)."""

    pass_mark: float = 85.0
    strength_mark: float = 95.0

    def __post_init__(self) -> None:
        if not 0 <= self.pass_mark <= self.strength_mark <= 100:
            raise ValueError("ต้องเป็น 0 ≤ เกณฑ์ผ่าน ≤ เกณฑ์จุดแข็ง ≤ 100")

    def status(self, value: float) -> str:
        if value >= self.strength_mark:
            return "strong"
        return "pass" if value >= self.pass_mark else "weak"


@dataclass(frozen=True)
class IndicatorRow:
    no: int
    name: str
    instrument: str
    score: float
    weight: float | None
    status: str
    rank: int
    origin: str
    about: str | None

    @property
    def status_th(self) -> str:
        return STATUS_TH[self.status]


@dataclass(frozen=True)
class ItemRow:
    code: str
    instrument: str
    indicator: int | None
    label: str
    score: float
    reason: str | None
    known: bool  # the framework has a name or text for it


@dataclass(frozen=True)
class NextLevel:
    level: str
    points_total: float  # points the total still needs (0 when only instruments hold it back)
    instruments: dict[str, float]  # points each instrument still needs


@dataclass(frozen=True)
class YearSummary:
    fiscal_year: int
    total: float | None
    level: str | None
    instruments: dict[str, float]
    indicators: dict[int, float]


@dataclass(frozen=True)
class Analysis:
    agency: str
    agency_type: str | None
    province: str | None
    district: str | None
    framework: Framework
    score: Score
    thresholds: Thresholds
    indicators: list[IndicatorRow]  # by number
    ranking: list[IndicatorRow]  # best first
    strengths: list[int]
    weaknesses: list[int]
    lowest_by_instrument: dict[str, int | None]
    items_below_pass: list[ItemRow]
    failed_oit_items: list[ItemRow]
    points_to_pass: float | None
    next_level: NextLevel | None
    history: list[YearSummary] = field(default_factory=list)  # earlier years, oldest first

    @property
    def fiscal_year(self) -> int:
        return self.framework.fiscal_year

    @property
    def total(self) -> float | None:
        return self.score.total_rounded

    @property
    def level(self) -> str | None:
        return self.score.level.level

    def indicator(self, no: int) -> IndicatorRow | None:
        return next((r for r in self.indicators if r.no == no), None)

    @property
    def previous(self) -> YearSummary | None:
        return self.history[-1] if self.history else None

    def change_since_previous(self) -> dict[str, Any] | None:
        prev = self.previous
        if prev is None:
            return None
        return {
            "fiscal_year": prev.fiscal_year,
            "total": _delta(self.total, prev.total),
            "indicators": {r.no: _delta(r.score, prev.indicators.get(r.no)) for r in self.indicators},
        }

    def to_json(self) -> dict[str, Any]:
        """The object `prongsai analyze --json` prints (design §5.2, plus more detail)."""
        level = self.score.level
        return {
            "agency": self.agency,
            "agency_type": self.agency_type,
            "province": self.province,
            "fiscal_year": self.fiscal_year,
            "total": self.total,
            "total_origin": self.score.total_origin,
            "level": level.level,
            "level_possible": list(level.possible),
            "level_scheme": level.scheme,
            "level_from_published": level.from_published,
            "instruments": {c: _r2(self.score.instruments.get(c)) for c in INSTRUMENTS},
            "indicators": [
                {"no": r.no, "name": r.name, "instrument": r.instrument, "score": _r2(r.score),
                 "weight": r.weight, "status": r.status, "rank": r.rank, "origin": r.origin}
                for r in self.indicators
            ],
            "sub_indicators": {k: _r2(v) for k, v in sorted(self.score.sub_indicators.items())},
            "strengths": self.strengths,
            "weaknesses": self.weaknesses,
            "lowest_by_instrument": self.lowest_by_instrument,
            "items_below_pass": [_item_json(i) for i in self.items_below_pass],
            "failed_oit_items": [_item_json(i) for i in self.failed_oit_items],
            "points_to_pass": self.points_to_pass,
            "next_level": None if self.next_level is None else {
                "level": self.next_level.level,
                "points_total": self.next_level.points_total,
                "instruments": self.next_level.instruments,
            },
            "thresholds": {"pass_mark": self.thresholds.pass_mark,
                           "strength_mark": self.thresholds.strength_mark},
            "history": [
                {"fiscal_year": h.fiscal_year, "total": _r2(h.total), "level": h.level,
                 "instruments": {c: _r2(v) for c, v in h.instruments.items()},
                 "indicators": {str(k): _r2(v) for k, v in h.indicators.items()}}
                for h in self.history
            ],
            "change_since_previous": _json_keys(self.change_since_previous()),
            "checks": [{"subject": c.subject, "given": c.given, "computed": c.computed, "message": c.message}
                       for c in self.score.checks],
            "notes": list(self.score.notes),
            "weight_confidence": self.score.weight_confidence,
        }


def _r2(value: float | None) -> float | None:
    return None if value is None else round(value + 1e-9, 2)


def _delta(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else round(now - before, 2)


def _json_keys(change: dict[str, Any] | None) -> dict[str, Any] | None:
    if change is None:
        return None
    return {**change, "indicators": {str(k): v for k, v in change["indicators"].items()}}


def _item_json(item: ItemRow) -> dict[str, Any]:
    return {"code": item.code, "instrument": item.instrument, "indicator": item.indicator,
            "label": item.label, "score": _r2(item.score), "reason": item.reason}


def analyse(results: AgencyResults, get_framework: Callable[..., Framework],
            thresholds: Thresholds | None = None) -> Analysis:
    thresholds = thresholds or Thresholds()
    if results.variant or results.reading:
        get_framework = _as_the_agency_reads(get_framework, results.variant, results.reading)
    framework = get_framework(results.fiscal_year)
    sc = score(framework, results.current)

    rows_by_no: dict[int, IndicatorRow] = {}
    ranked = sorted(sc.indicators.items(), key=lambda kv: (-round(kv[1], 6), kv[0]))
    for rank, (no, value) in enumerate(ranked, start=1):
        ind = framework.indicator_by_no[no]
        rows_by_no[no] = IndicatorRow(no, ind.name, ind.instrument, value, ind.weight,
                                      thresholds.status(round(value + 1e-9, 2)), rank,
                                      sc.indicator_origin[no], ind.about)
    rows = [rows_by_no[n] for n in sorted(rows_by_no)]

    lowest: dict[str, int | None] = {}
    for code in INSTRUMENTS:
        members = [r for r in rows if r.instrument == code]
        lowest[code] = min(members, key=lambda r: (r.score, r.no)).no if members else None

    items = [_item_row(framework, it.code, it.score, it.reason) for it in results.current.items.values()]
    order = {"IIT": 0, "EIT": 1, "OIT": 2}
    items.sort(key=lambda i: (order[i.instrument], int(i.code[1:])))
    failed_oit = [i for i in items if i.instrument == "OIT" and i.score < 100]
    below = [i for i in items if i.score < thresholds.pass_mark]

    total = sc.total_rounded
    return Analysis(
        agency=results.agency,
        agency_type=results.agency_type,
        province=results.province,
        district=results.district,
        framework=framework,
        score=sc,
        thresholds=thresholds,
        indicators=rows,
        ranking=sorted(rows, key=lambda r: r.rank),
        strengths=[r.no for r in rows if r.status == "strong"],
        weaknesses=[r.no for r in rows if r.status == "weak"],
        lowest_by_instrument=lowest,
        items_below_pass=below,
        failed_oit_items=failed_oit,
        points_to_pass=None if total is None else round(max(0.0, thresholds.pass_mark - total), 2),
        next_level=_next_level(framework, sc),
        history=[_summary(get_framework, y) for y in results.previous],
    )


def _as_the_agency_reads(get_framework: Callable[..., Framework], variant: str | None,
                         reading: str | None) -> Callable[[int], Framework]:
    """Year by year, the variant's file (where it has one), its disagreeing items as `reading` has them."""
    from prongsai.ita.library import library

    def framework(year: int) -> Framework:
        found = get_framework(year, variant) if variant else get_framework(year)
        return library().as_read(found, reading)

    return framework


def _item_row(framework: Framework, code: str, value: float, reason: str | None) -> ItemRow:
    item = framework.item_by_code.get(code)
    if item is None:  # results_io refuses unknown codes; kept total for direct callers
        return ItemRow(code, {"I": "IIT", "E": "EIT", "O": "OIT"}[code[0]], None, "ไม่มีข้อมูลข้อคำถาม",
                       value, reason, False)
    return ItemRow(code, item.instrument, item.indicator, item.label, value, reason,
                   bool(item.name or item.text))


def _next_level(framework: Framework, sc: Score) -> NextLevel | None:
    """How far the result is from the next better level (None at the top or when unknown)."""
    scheme = framework.levels
    total = sc.total_rounded
    if scheme is None or total is None or sc.level.level is None:
        return None
    rules = list(scheme.rules)
    index = next(i for i, r in enumerate(rules) if r.level == sc.level.level)
    if index == 0:
        return None
    better = rules[index - 1]
    need_total = round(max(0.0, better.min_total - total), 2)
    need_inst: dict[str, float] = {}
    if better.min_each_instrument is not None:
        for code in INSTRUMENTS:
            value = sc.instruments.get(code)
            if value is not None and round(value + 1e-9, 2) < better.min_each_instrument:
                need_inst[code] = round(better.min_each_instrument - round(value + 1e-9, 2), 2)
    return NextLevel(better.level, need_total, need_inst)


def _summary(get_framework: Callable[[int], Framework], year: YearResult) -> YearSummary:
    sc = score(get_framework(year.fiscal_year), year)
    return YearSummary(year.fiscal_year, sc.total_rounded, sc.level.level, dict(sc.instruments),
                       dict(sc.indicators))
