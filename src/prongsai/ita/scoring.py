"""Scoring: items → sub-indicators → indicators → instruments → total → level.

Rules (design §6, reference/ita): OIT items are pass/fail; an OIT sub-indicator is the share
of its items passed and an OIT indicator the mean of its sub-indicators; an IIT/EIT indicator
is the mean of its items; an instrument is the weighted mean of its indicators; the total is
the weighted sum. Values the input gives are kept and compared with what can be computed;
a difference beyond ±0.01 is reported, never silently replaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import fmean

from prongsai.ita.model import INSTRUMENTS, Confidence, Framework, LevelScheme
from prongsai.ita.results import YearResult

TOLERANCE = 0.01 + 1e-9  # published figures are rounded to 2 decimals


@dataclass(frozen=True)
class Check:
    """A published figure that does not match what its parts give."""

    subject: str  # "total", "level", "indicator 9", "IIT", ...
    given: float | str
    computed: float | str
    message: str


@dataclass(frozen=True)
class LevelOutcome:
    scheme: str | None
    level: str | None  # None when the input does not determine it
    possible: tuple[str, ...]  # every level the input allows, best first
    confidence: Confidence
    from_published: bool = False  # the level is the published one, consistent with the input

    @property
    def determined(self) -> bool:
        return self.level is not None


@dataclass(frozen=True)
class Score:
    fiscal_year: int
    indicators: dict[int, float]
    indicator_origin: dict[int, str]  # "given", "items", or "estimate" (items in an inferred grouping)
    sub_indicators: dict[str, float]
    instruments: dict[str, float]
    instrument_origin: dict[str, str]  # "indicators" or "given"
    total: float | None  # unrounded when computed
    total_origin: str  # "indicators", "instruments", "given" or "none"
    level: LevelOutcome
    checks: tuple[Check, ...]
    notes: tuple[str, ...]
    weight_confidence: Confidence

    @property
    def total_rounded(self) -> float | None:
        return None if self.total is None else round(self.total + 1e-9, 2)


def _mean_of_items(codes: list[str], given: dict[str, float]) -> float | None:
    if not codes or any(c not in given for c in codes):
        return None
    return fmean(given[c] for c in codes)


def _inferred_grouping(framework: Framework, indicator: int) -> bool:
    """Whether an OIT indicator computed from items rests on a grouping no source confirms."""
    if framework.oit_rollup_confidence not in ("C1", "C2"):
        return True
    return any(framework.item_by_code[code].grouping_confidence not in ("C1", "C2")
               for sub in framework.sub_indicator_codes_by_indicator[indicator]
               for code in framework.item_codes_by_sub_indicator[sub])


def score(framework: Framework, result: YearResult) -> Score:
    notes: list[str] = [framework.notice] if framework.notice else []
    checks: list[Check] = []
    item_scores = {code: r.score for code, r in result.items.items()}

    # items → OIT sub-indicators → indicators; IIT/EIT items → indicators
    sub_scores: dict[str, float] = {}
    from_items: dict[int, float] = {}
    estimated: set[int] = set()
    if framework.oit_rollup == "mean_of_sub_indicators":
        for sub_code, codes in framework.item_codes_by_sub_indicator.items():
            value = _mean_of_items(codes, item_scores)
            if value is not None:
                sub_scores[sub_code] = value
        for ind in framework.indicators_of("OIT"):
            subs = framework.sub_indicator_codes_by_indicator[ind.no]
            if subs and all(s in sub_scores for s in subs):
                from_items[ind.no] = fmean(sub_scores[s] for s in subs)
                if _inferred_grouping(framework, ind.no):
                    estimated.add(ind.no)
        if estimated:
            listed = " และ ".join(str(n) for n in sorted(estimated))
            notes.append(f"ตัวชี้วัดที่ {listed} เป็นค่าประมาณการ เนื่องจากคำนวณจากคะแนนรายข้อ ซึ่งการจัดกลุ่มข้อเป็นตัวชี้วัดย่อย"
                         f"ของกรอบ{framework.label} ยังไม่มีแหล่งยืนยัน ผลที่ประกาศจริงอาจแตกต่างจากนี้")
    elif any(framework.item_by_code[c].instrument == "OIT" for c in item_scores if c in framework.item_by_code):
        notes.append(f"กรอบปี {framework.fiscal_year} ยังไม่มีข้อมูลการจัดกลุ่มข้อ OIT เป็นตัวชี้วัดย่อย "
                     "จึงไม่คำนวณตัวชี้วัด OIT จากรายข้อ")
    for ind in framework.indicators:
        if ind.instrument == "OIT":
            continue
        value = _mean_of_items(framework.item_codes_by_indicator[ind.no], item_scores)
        if value is not None:
            from_items[ind.no] = value

    indicators: dict[int, float] = {}
    origin: dict[int, str] = {}
    for no in sorted(framework.indicator_numbers):
        if no in result.indicators:
            indicators[no], origin[no] = result.indicators[no], "given"
            computed = from_items.get(no)
            if computed is not None and abs(computed - result.indicators[no]) > TOLERANCE:
                checks.append(Check(f"indicator {no}", result.indicators[no], round(computed, 2),
                                    f"ตัวชี้วัดที่ {no} ระบุไว้ {result.indicators[no]:.2f} "
                                    f"แต่คำนวณจากรายข้อได้ {computed:.2f}"))
        elif no in from_items:
            indicators[no], origin[no] = from_items[no], "estimate" if no in estimated else "items"

    # indicators → instruments
    instruments: dict[str, float] = {}
    inst_origin: dict[str, str] = {}
    for code in INSTRUMENTS:
        members = framework.indicators_of(code)
        computed = None
        if members and all(m.no in indicators for m in members):
            weights = [m.weight for m in members]
            if all(w is not None for w in weights) and sum(weights) > 0:  # type: ignore[arg-type]
                computed = sum(indicators[m.no] * m.weight for m in members) / sum(weights)  # type: ignore[operator,arg-type]
            else:
                computed = fmean(indicators[m.no] for m in members)
        given = result.instruments.get(code)
        if computed is not None:
            instruments[code], inst_origin[code] = computed, "indicators"
            if given is not None and abs(round(computed, 2) - given) > TOLERANCE:
                checks.append(Check(code, given, round(computed, 2),
                                    f"คะแนน {code} ระบุไว้ {given:.2f} แต่คำนวณจากตัวชี้วัดได้ {computed:.2f}"))
        elif given is not None:
            instruments[code], inst_origin[code] = given, "given"

    # instruments → total
    total: float | None = None
    total_origin = "none"
    inst_weights = {i.code: i.weight for i in framework.instruments}
    if all(c in instruments for c in INSTRUMENTS):
        if all(inst_weights[c] is not None for c in INSTRUMENTS):
            total = sum(instruments[c] * inst_weights[c] for c in INSTRUMENTS) / 100  # type: ignore[operator]
            total_origin = "indicators" if all(inst_origin[c] == "indicators" for c in INSTRUMENTS) else "instruments"
        else:
            notes.append(f"กรอบปี {framework.fiscal_year} ไม่มีข้อมูลน้ำหนักของแบบวัด จึงคำนวณคะแนนรวมไม่ได้")
    if result.total is not None:
        if total is None:
            total, total_origin = result.total, "given"
        elif abs(round(total + 1e-9, 2) - result.total) > TOLERANCE:
            checks.append(Check("total", result.total, round(total, 2),
                                f"คะแนนรวมที่ประกาศ {result.total:.2f} ไม่ตรงกับที่คำนวณได้ {total:.2f}"))
    if total is None:
        notes.append("ข้อมูลไม่พอคำนวณคะแนนรวม: ต้องมีคะแนนครบทั้ง ๑๐ ตัวชี้วัด หรือครบ ๓ แบบวัด หรือคะแนนรวม")

    level = determine_level(framework.levels, total, instruments, result.level)
    if result.level is not None and level.level != result.level and not level.from_published:
        checks.append(Check("level", result.level, level.level or " / ".join(level.possible),
                            f"ระดับที่ประกาศ '{result.level}' ไม่สอดคล้องกับคะแนน "
                            f"(ที่เป็นไปได้: {' / '.join(level.possible) or 'ไม่ทราบ'})"))
    if framework.weight_confidence in ("INF", "UNK") and total_origin in ("indicators", "instruments"):
        notes.append(f"น้ำหนักตัวชี้วัดของปี {framework.fiscal_year} ยังไม่ได้รับการยืนยันจากคู่มือ "
                     "(ใช้น้ำหนักเดียวกับปี ๒๕๖๔)")

    return Score(
        fiscal_year=framework.fiscal_year,
        indicators=indicators,
        indicator_origin=origin,
        sub_indicators=sub_scores,
        instruments=instruments,
        instrument_origin=inst_origin,
        total=total,
        total_origin=total_origin,
        level=level,
        checks=tuple(checks),
        notes=tuple(notes),
        weight_confidence=framework.weight_confidence,
    )


def determine_level(scheme: LevelScheme | None, total: float | None, instruments: dict[str, float],
                    published: str | None = None) -> LevelOutcome:
    """The level the total (and, where the rules need them, the instrument scores) give.

    When the input leaves more than one level open — e.g. FY2567 with a total only, where
    ผ่านดี also needs every instrument ≥ 85 — `level` is None and `possible` lists them; a
    published level among them is adopted and marked as such.
    """
    if scheme is None:
        return LevelOutcome(None, None, (), "UNK")
    if total is None:
        return _adopt(scheme, tuple(r.level for r in scheme.rules), published, "UNK")
    rounded = round(total + 1e-9, 2)
    rounded_inst = {c: round(v + 1e-9, 2) for c, v in instruments.items()}
    possible: list[str] = []
    for rule in scheme.rules:
        if rounded < rule.min_total:
            continue
        if rule.min_each_instrument is None:
            sure = possible_here = True
        else:
            known = [rounded_inst[c] for c in INSTRUMENTS if c in rounded_inst]
            possible_here = all(v >= rule.min_each_instrument for v in known)
            sure = possible_here and len(known) == len(INSTRUMENTS)
        if possible_here:
            possible.append(rule.level)
        if sure:
            break
    if len(possible) == 1:
        rule = next(r for r in scheme.rules if r.level == possible[0])
        return LevelOutcome(scheme.scheme, possible[0], tuple(possible), rule.confidence)
    return _adopt(scheme, tuple(possible), published, "UNK")


def _adopt(scheme: LevelScheme, possible: tuple[str, ...], published: str | None,
           confidence: Confidence) -> LevelOutcome:
    if published is not None and published in possible:
        return LevelOutcome(scheme.scheme, published, possible, confidence, from_published=True)
    return LevelOutcome(scheme.scheme, None, possible, confidence)
