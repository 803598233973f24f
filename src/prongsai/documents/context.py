"""The data a report template receives (see prongsai.documents.reports for the list).

Everything here is plain Python (dicts, lists, strings) already formatted for print: Thai or
Arabic digits, Buddhist-era dates, fiscal-year periods, the agency type's own terms and titles.
Charts are :class:`ChartImage` (PNG bytes and a width); the renderer turns them into docxtpl
``InlineImage``. Keeping this free of docxtpl lets the web app show the same texts.

Multi-paragraph cell texts are joined with ``\\a`` (docxtpl turns it into a new paragraph with
the same paragraph and run formatting).

What the documents say, and how (design §7, "publishable as is"):
- every fact once: the analysis report prints each measure in full in one improvement table
  only and refers to it by number elsewhere; weak items are listed in the per-instrument tables
  and referred to by code in the improvement tables;
- findings are statements about the agency (data/findings.yaml), never indicator definitions;
- nothing addressed to the preparer: missing facts (a meeting date, a name) are dotted lines to
  fill in, as on a printed form.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from prongsai import tracking
from prongsai.documents import recommendations as rec
from prongsai.documents.findings import finding
from prongsai.documents.wordbreak import KEEP_AS_WRITTEN
from prongsai.errors import InputError
from prongsai.ita.analysis import Analysis, IndicatorRow, ItemRow
from prongsai.ita.model import INSTRUMENTS
from prongsai.ita.results import AgencyResults, ProgressEntry
from prongsai.planning.draft import Measure, MeasurePlan
from prongsai.planning.terms import Terms, terms_for
from prongsai.thai import (
    fiscal_month_end,
    fiscal_year_bounds,
    format_date,
    normalise_text,
    to_arabic_digits,
    to_thai_digits,
)

Kind = Literal["analysis", "plan", "implementation"]
Period = Literal["6-month", "year-end"]
KINDS: tuple[str, ...] = ("analysis", "plan", "implementation")
PERIODS: tuple[str, ...] = ("6-month", "year-end")

PARAGRAPH = "\a"  # docxtpl: new paragraph, same formatting
NBSP = "\u00a0"  # keeps a date or "พ.ศ. ๒๕๖๗" on one line
PROGRESS_STATUSES = tracking.STATES
# How a state is printed in an official report (the states themselves are the tracking page's)
STATE_TH = {
    tracking.DONE: "ดำเนินการแล้วเสร็จ",
    tracking.IN_PROGRESS: "อยู่ระหว่างดำเนินการ",
    tracking.LATE: "ดำเนินการล่าช้ากว่าแผน",
    tracking.NOT_STARTED: "ยังไม่ได้ดำเนินการ",
}
BLANK = "……………………………………"
INDICATOR_CHART_MM = 135
INSTRUMENT_CHART_MM = 72
IMPLEMENTATION_STEPS = 4  # seed 002 gives each measure 2–4 short lines of what is done
ADVICE_POINTS = 2  # points of advice per indicator in the analysis report's section ๔



@dataclass(frozen=True)
class ChartImage:
    """A chart for the document: PNG bytes and the printed width in millimetres."""

    png: bytes
    width_mm: float


class Fmt:
    """Number, date and text formatting for one document (Thai digits on or off)."""

    def __init__(self, thai_digits: bool) -> None:
        self.thai = thai_digits

    def n(self, value: object) -> str:
        """Any number or code with the document's digits: 12 → ๑๒, O12 → O๑๒."""
        text = str(value)
        return to_thai_digits(text) if self.thai else to_arabic_digits(text)

    def t(self, text: object | None) -> str:
        """Free text (names, reasons, progress) with the document's digits; web and e-mail
        addresses are kept exactly as written."""
        if text is None:
            return ""
        parts = KEEP_AS_WRITTEN.split(str(text))
        return "".join(p if i % 2 else self.n(p) for i, p in enumerate(parts))

    def score(self, value: float | None, decimals: int = 2) -> str:
        if value is None:
            return "—"
        return self.n(f"{round(value + 1e-9, decimals):.{decimals}f}")

    def signed(self, value: float | None) -> str:
        if value is None:
            return "—"
        sign = "+" if value > 0.004 else ("-" if value < -0.004 else "")
        return sign + self.score(abs(value))

    def mark(self, value: float) -> str:
        """A threshold such as 85 (no decimals when whole)."""
        return self.n(f"{value:g}")

    def date(self, day: date | None) -> str:
        """`๑ ต.ค. ๖๖`, kept on one line (no-break spaces)."""
        return format_date(day, self.thai).replace(" ", NBSP) if day else BLANK

    def longdate(self, day: date | None) -> str:
        return format_date(day, self.thai, long=True).replace(" ", NBSP) if day else BLANK

    def period(self, start: date, end: date) -> str:
        """`๑ ต.ค. ๖๖ – ๓๐ ก.ย. ๖๗`: each date on one line, a break allowed after the dash."""
        return f"{self.date(start)}{NBSP}– {self.date(end)}"

    def year(self, fiscal_year: int) -> str:
        """`ปีงบประมาณ พ.ศ. ๒๕๖๗` with the year kept next to พ.ศ."""
        return f"ปีงบประมาณ พ.ศ.{NBSP}{self.n(fiscal_year)}"

    def month_year(self, day: date) -> str:
        from pythainlp.util import thai_strftime

        return thai_strftime(day, "%B %Y", thaidigit=self.thai).replace(" ", NBSP)

    def codes(self, codes: Iterable[str]) -> str:
        return ", ".join(item_code(c, self) for c in codes)


def join_paragraphs(lines: Iterable[str]) -> str:
    return PARAGRAPH.join(line for line in lines if line)


# --------------------------------------------------------------------------- common


def _place(value: str | None, prefix: str) -> str | None:
    if not value:
        return None
    value = value.strip()
    if value.startswith(prefix) or value.startswith(("เขต", "กรุงเทพ")):
        return value
    return prefix + value


def executive_title(agency: str, agency_type: str | None = None) -> str:
    """Who approves the plan, with the place name: นายกเทศมนตรีตำบลบ้านธาตุ, นายกองค์การบริหาร
    ส่วนตำบลสว่าง, or the head of another kind of agency (from the terms book)."""
    return terms_for(agency, agency_type).executive


def _level_sentence(analysis: Analysis) -> tuple[str | None, str]:
    outcome = analysis.score.level
    if outcome.level:
        return outcome.level, f"อยู่ในระดับ {outcome.level}"
    if outcome.possible:
        return None, "ซึ่งอยู่ในระดับ " + " หรือ ".join(outcome.possible) + " ตามคะแนนรายแบบวัดที่ประกาศ"
    return None, ""


def _passes(score: float, analysis: Analysis) -> bool:
    return round(score + 1e-9, 2) >= analysis.thresholds.pass_mark


def _indicator(row: IndicatorRow, analysis: Analysis, f: Fmt) -> dict[str, Any]:
    return {
        "no": f.n(row.no),
        "name": row.name,
        "label": f"ตัวชี้วัดที่ {f.n(row.no)} {row.name}",
        "instrument": row.instrument,
        "score": f.score(row.score),
        "weight": "—" if row.weight is None else f.mark(row.weight),
        "rank": f.n(row.rank),
        "result": "ผ่านเกณฑ์" if _passes(row.score, analysis) else "ไม่ผ่านเกณฑ์",
    }


def item_code(code: str, f: Fmt) -> str:
    return code[0] + f.n(code[1:])


def _item_text(item: ItemRow, f: Fmt) -> str:
    """`I๗ ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณ… (๘๒.๕๐)` — the item as NACC words it, with its score."""
    label = f.t(item.label) if item.known else "ไม่มีข้อมูลข้อคำถาม"
    score = "" if item.instrument == "OIT" else f" ({f.score(item.score)})"
    return f"{item_code(item.code, f)} {label}{score}"


def _sub_indicator(analysis: Analysis, item: ItemRow, f: Fmt) -> str:
    fw_item = analysis.framework.item_by_code.get(item.code)
    if fw_item is None or fw_item.sub_indicator is None:
        return f"ตัวชี้วัดที่ {f.n(item.indicator)}" if item.indicator else ""
    sub = analysis.framework.sub_indicator_by_code.get(fw_item.sub_indicator)
    name = f" {sub.name}" if sub is not None and sub.name else ""
    return f"{f.n(fw_item.sub_indicator)}{name}"


def _charts(analysis: Analysis, f: Fmt, instruments: bool) -> dict[str, ChartImage | None]:
    from prongsai.documents import charts

    pass_mark = analysis.thresholds.pass_mark
    out: dict[str, ChartImage | None] = {"chart_indicators": None, "chart_instruments": None}
    if analysis.indicators:
        rows = [(f"{r.no}. {r.name}", round(r.score + 1e-9, 2)) for r in analysis.indicators]
        png = charts.indicator_chart(rows, pass_mark=pass_mark, thai_digits=f.thai)
        out["chart_indicators"] = ChartImage(png, INDICATOR_CHART_MM)
    scores = {c: analysis.score.instruments.get(c) for c in INSTRUMENTS}
    if instruments and any(v is not None for v in scores.values()):
        png = charts.instrument_chart(
            {c: (None if v is None else round(v + 1e-9, 2)) for c, v in scores.items()},
            pass_mark=pass_mark,
            thai_digits=f.thai,
        )
        out["chart_instruments"] = ChartImage(png, INSTRUMENT_CHART_MM)
    return out


def _gap_text(analysis: Analysis, f: Fmt) -> str:
    """What the next result needs, each figure once: the points to the pass mark, then what the
    next level needs beyond it (only when it says something more)."""
    t = analysis.thresholds
    parts = []
    to_pass = analysis.points_to_pass
    if to_pass:
        text = f"คะแนนรวมต่ำกว่าเกณฑ์ {f.mark(t.pass_mark)} คะแนน จำนวน {f.score(to_pass)} คะแนน"
        known = {c: v for c, v in analysis.score.instruments.items() if v is not None}
        if known:
            low = min(known, key=lambda c: known[c])
            text += (f" สาเหตุหลักมาจาก{analysis.framework.instrument(low).name} ({low}) "
                     f"ซึ่งได้ {f.score(known[low])} คะแนน")
        parts.append(text)
    nxt = analysis.next_level
    if nxt is not None:
        needs = []
        if nxt.points_total > 0 and not (to_pass and abs(nxt.points_total - to_pass) < 0.005):
            needs.append(f"คะแนนรวมอีก {f.score(nxt.points_total)} คะแนน")
        needs.extend(f"คะแนน {c} อีก {f.score(v)} คะแนน" for c, v in nxt.instruments.items())
        if needs:
            parts.append(f"ทั้งนี้ การยกระดับผลการประเมินเป็นระดับ {nxt.level} ต้องเพิ่ม" + " และ".join(needs))
        elif to_pass:
            parts[-1] += f" ซึ่งเป็นคะแนนที่ต้องเพิ่มเพื่อยกระดับผลการประเมินเป็นระดับ {nxt.level} ด้วย"
    return " ".join(parts)


def common_context(results: AgencyResults, analysis: Analysis, f: Fmt) -> dict[str, Any]:
    from prongsai.planning import catalogue

    t = analysis.thresholds
    terms: Terms = terms_for(results.agency, results.agency_type)
    level, level_sentence = _level_sentence(analysis)
    total = analysis.total
    agency = f.t(results.agency)
    fy = f.n(analysis.fiscal_year)
    district = _place(results.district, "อำเภอ")
    province = _place(results.province, "จังหวัด")
    location = " ".join(f.t(p) for p in (district, province) if p)

    subject = (f"ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ของ{agency} "
               f"ประจำปีงบประมาณ พ.ศ.{NBSP}{fy}")
    if total is None:
        result_text = f"{subject} ได้คะแนนรายแบบวัดตามตารางต่อไปนี้ {level_sentence}".strip()
    else:
        result_text = f"{subject} มีคะแนนรวม {f.score(total)} คะแนน {level_sentence}".strip()
    passed = [r for r in analysis.indicators if _passes(r.score, analysis)]
    count_text = ""
    if analysis.indicators:
        below = len(analysis.indicators) - len(passed)
        if not passed:
            count_text = (f"ไม่มีตัวชี้วัดใดได้คะแนนถึงเกณฑ์ {f.mark(t.pass_mark)} คะแนน โดยทั้ง "
                          f"{f.n(below)} ตัวชี้วัดได้คะแนนต่ำกว่าเกณฑ์")
        elif not below:
            count_text = (f"ทุกตัวชี้วัด จำนวน {f.n(len(passed))} ตัวชี้วัด ได้คะแนนตั้งแต่เกณฑ์ "
                          f"{f.mark(t.pass_mark)} คะแนนขึ้นไป")
        else:
            count_text = (
                f"จากตัวชี้วัดทั้งหมด {f.n(len(analysis.indicators))} ตัวชี้วัด มีตัวชี้วัดที่ได้คะแนนตั้งแต่ "
                f"{f.mark(t.pass_mark)} คะแนนขึ้นไป {f.n(len(passed))} ตัวชี้วัด และต่ำกว่า "
                f"{f.mark(t.pass_mark)} คะแนน {f.n(below)} ตัวชี้วัด"
            )
    instruments = []
    for code in INSTRUMENTS:
        value = analysis.score.instruments.get(code)
        inst = analysis.framework.instrument(code)
        instruments.append({
            "code": code,
            "name": inst.name,
            "label": f"{inst.name} ({code})",
            "score": f.score(value),
            "weight": "—" if inst.weight is None else f"ร้อยละ {f.mark(inst.weight)}",
            "result": "—" if value is None else ("ผ่านเกณฑ์" if _passes(value, analysis) else "ไม่ผ่านเกณฑ์"),
        })
    try:
        responsible_unit = catalogue.resolve_unit("admin", results.agency_type, results.units)
    except catalogue.CatalogueError:  # an agency type without a units book still gets a cover
        responsible_unit = "สำนักปลัด"
    prepared_by, prepared_position = _prepared_by(results)
    meeting = results.meeting
    return {
        "agency": agency,
        "agency_type": f.t(results.agency_type or ""),
        "district": f.t(district or ""),
        "province": f.t(province or ""),
        "location": location,
        "prepared_by": f.t(prepared_by),
        "prepared_position": f.t(prepared_position),
        "approver": _approver(meeting, terms, f),
        "executive_title": f.t(terms.executive),
        "chief_officer_title": f.t(terms.chief_officer),
        "responsible_unit": f.t(responsible_unit),
        "thai_digits": f.thai,
        "fiscal_year": fy,
        "fiscal_year_text": f.year(analysis.fiscal_year),
        "pass_mark": f.mark(t.pass_mark),
        "strength_mark": f.mark(t.strength_mark),
        "total": f.score(total),
        "level": level or "",
        "level_text": level_sentence,
        "result_text": result_text,
        "count_text": count_text,
        "gap_text": _gap_text(analysis, f),
        "instruments": instruments,
        "indicators": [_indicator(r, analysis, f) for r in analysis.indicators],
        "ranking": [_indicator(r, analysis, f) for r in analysis.ranking],
        "today": f.longdate(date.today()),
        "blank": BLANK,
    }


def _approver(meeting: Any, terms: Terms, f: Fmt) -> str:
    """The approver's name; a position written there (the executive's title) is printed once,
    under the dotted line, not also as the name."""
    name = (meeting.approver or "").strip() if meeting is not None else ""
    if normalise_text(name) in (normalise_text(terms.executive), normalise_text(terms.chief_officer)):
        return ""
    return f.t(name)


def _prepared_by(results: AgencyResults) -> tuple[str, str]:
    """(name, position) of the preparer: `prepared_by` may give both as "ชื่อ, ตำแหน่ง"."""
    text = (results.prepared_by or "").strip()
    if "," in text:
        name, position = (p.strip() for p in text.split(",", 1))
        return name, position
    return text, ""


def _weak_items(analysis: Analysis) -> dict[str, ItemRow]:
    out = {i.code: i for i in analysis.items_below_pass}
    out.update({i.code: i for i in analysis.failed_oit_items})
    return out


def _instrument_of(no: int, analysis: Analysis) -> str | None:
    row = analysis.indicator(no)
    return row.instrument if row is not None else None


# --------------------------------------------------------------------------- analysis


def _foreword(agency: str, fy: str, plan_year: str, result: str) -> list[str]:
    return [
        f"รายงานฉบับนี้จัดทำขึ้นเพื่อวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
        f"(ITA) ของ{agency} ประจำปีงบประมาณ พ.ศ.{NBSP}{fy}{result} โดยวิเคราะห์จุดแข็งและจุดอ่อนรายตัวชี้วัด "
        "ข้อที่ได้คะแนนต่ำ และข้อมูลที่ต้องเปิดเผยบนเว็บไซต์ที่ยังไม่ได้คะแนน",
        f"ผลการวิเคราะห์นำไปสู่มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ.{NBSP}{plan_year} "
        "ซึ่งระบุขั้นตอน ผู้รับผิดชอบ ระยะเวลา และการติดตามผลไว้ในรายงานนี้ หวังเป็นอย่างยิ่งว่ารายงานฉบับนี้จะเป็น"
        "ประโยชน์ต่อผู้บริหาร บุคลากร และผู้เกี่ยวข้องในการยกระดับคุณธรรมและความโปร่งใสของหน่วยงานต่อไป",
    ]


def _instrument_lines(analysis: Analysis, f: Fmt) -> list[str]:
    lines = []
    for index, code in enumerate(INSTRUMENTS, start=1):
        value = analysis.score.instruments.get(code)
        if value is None:
            continue
        inst = analysis.framework.instrument(code)
        text = f"({f.n(index)}) {inst.name} ({code}) ได้ {f.score(value)} คะแนน"
        no = analysis.lowest_by_instrument.get(code)
        row = analysis.indicator(no) if no is not None else None
        if row is not None:
            text += f" ตัวชี้วัดที่ได้คะแนนต่ำสุด คือ ตัวชี้วัดที่ {f.n(row.no)} {row.name} ได้ {f.score(row.score)} คะแนน"
        lines.append(text)
    return lines


def _given_items(analysis: Analysis, results: AgencyResults, no: int, limit: int = 3) -> list[ItemRow]:
    """The item scores the result gives for indicator `no`, lowest first (at most `limit`)."""
    rows = []
    for code, given in results.current.items.items():
        item = analysis.framework.item_by_code.get(code)
        if item is None or item.indicator != no:
            continue
        rows.append(ItemRow(code=code, instrument=item.instrument, indicator=no, label=item.label,
                            score=given.score, reason=given.reason, known=bool(item.name or item.text)))
    rows.sort(key=lambda i: (i.score, _key(i.code)))
    return rows[:limit]


def _advice_rows(analysis: Analysis, results: AgencyResults, code: str, f: Fmt) -> list[dict[str, str]]:
    """Section ๔'s table of one instrument: its weak indicators (or its lowest one), the items
    with the lowest scores, and how to improve."""
    weak_items = _weak_items(analysis)
    numbers = [n for n in analysis.weaknesses if _instrument_of(n, analysis) == code]
    lowest = analysis.lowest_by_instrument.get(code)
    if not numbers and lowest is not None:
        numbers = [lowest]
    rows = []
    for no in numbers:
        row = analysis.indicator(no)
        if row is None:
            continue
        items = sorted((i for i in weak_items.values() if i.indicator == no), key=lambda i: (i.score, _key(i.code)))
        if not items and code != "OIT":
            items = _given_items(analysis, results, no)
        if code == "OIT":
            issues = [f"{item_code(i.code, f)} {f.t(i.label) if i.known else 'ไม่มีข้อมูลข้อคำถาม'}" for i in items]
            if items:
                issues.append("(เหตุผลของผู้ตรวจประเมินตามตารางในข้อ " + f.n("3.3") + ")")
        else:
            issues = [_item_text(i, f) for i in items]
        if not issues:
            found = finding(row.name)
            issues = [f.t(found.weakness if no in analysis.weaknesses else found.focus).removeprefix("แสดงว่า")
                      if found else ""]
        methods = _methods(row, items, f)
        rows.append({
            "indicator": f"ตัวชี้วัดที่ {f.n(no)} {row.name} ({f.score(row.score)})",
            "issues": join_paragraphs(issues),
            "methods": join_paragraphs(methods),
        })
    return rows


def _methods(row: IndicatorRow, items: Sequence[ItemRow], f: Fmt) -> list[str]:
    """How to improve: the indicator's advice (its first points), then for failed OIT items one
    line per distinct advice with the items it applies to."""
    methods = [f.t(p) for p in rec.indicator_advice(row.name)[:ADVICE_POINTS]]
    if row.instrument == "OIT":
        grouped: dict[str, list[str]] = {}
        for item in items:
            for text in rec.reason_advice(item.reason) or rec.oit_theme(item.label).advice[:1]:
                grouped.setdefault(text, []).append(item.code)
        for text, codes in grouped.items():
            methods.append(f"{f.codes(codes)}: {f.t(text)}")
    if not methods:
        found = finding(row.name)
        methods = [f"หน่วยงานควร{f.t(found.focus)}"] if found else [f.t(p) for p in rec.keep_advice()]
    return [f"– {m}" for m in methods]


def _key(code: str) -> tuple[int, int]:
    return ("IEO".index(code[0]), int(code[1:]))


def _advice(analysis: Analysis, results: AgencyResults, f: Fmt) -> list[dict[str, Any]]:
    out = []
    for code in INSTRUMENTS:
        rows = _advice_rows(analysis, results, code, f)
        if not rows:
            continue
        inst = analysis.framework.instrument(code)
        no = analysis.lowest_by_instrument.get(code)
        row = analysis.indicator(no) if no is not None else None
        intro = f"ด้าน {code} "
        if row is not None:
            found = finding(row.name)
            intro += (f"ตัวชี้วัดที่ {f.n(row.no)} {row.name} ได้คะแนนต่ำสุด เท่ากับ {f.score(row.score)} คะแนน "
                      + (f"หน่วยงานควร{f.t(found.focus)} ดังนี้" if found else "หน่วยงานควรปรับปรุง ดังนี้"))
        header = "ข้อที่ไม่ได้คะแนน" if code == "OIT" else "ประเด็นที่มีคะแนนต่ำสุด (คะแนน)"
        out.append({"code": code, "name": inst.name, "intro": intro, "rows": rows, "issue_header": header})
    return out


def _first_instrument(measure: Measure, analysis: Analysis) -> str:
    """The instrument whose table prints a measure in full: that of the first weakness it answers."""
    weak = set(analysis.weaknesses)
    for no in measure.addresses_indicators:
        if no in weak and (code := _instrument_of(no, analysis)):
            return code
    items = [analysis.framework.item_by_code[c] for c in measure.addresses_items if c in analysis.framework.item_by_code]
    if items:
        return items[0].instrument
    for no in measure.addresses_indicators:
        if code := _instrument_of(no, analysis):
            return code
    return "OIT"


def _measure_cells(measure: Measure, f: Fmt, step_limit: int | None = None) -> dict[str, str]:
    steps = [f.t(s) for s in measure.steps]
    if step_limit is not None:
        steps = steps[:step_limit]
    responsible = [f.t(measure.responsible) or BLANK]
    if measure.supporting:
        responsible.append("ร่วมกับ " + " ".join(f.t(s) for s in measure.supporting))
    return {
        "title": f.t(measure.title),
        "steps": join_paragraphs(steps),
        "responsible": f.t(measure.responsible),
        "responsible_text": join_paragraphs(responsible),
        "period": f.period(measure.start, measure.end),
        "start": f.date(measure.start),
        "end": f.date(measure.end),
        "end_long": f.longdate(measure.end),
        "follow_up": f.t(measure.follow_up),
    }


def _addressed_indicators(measure: Measure, analysis: Analysis) -> list[int]:
    """The indicators a measure answers, with those of the items it answers."""
    numbers = set(measure.addresses_indicators)
    for code in measure.addresses_items:
        item = analysis.framework.item_by_code.get(code)
        if item is not None and item.indicator is not None:
            numbers.add(item.indicator)
    return sorted(numbers)


def _addresses(measure: Measure, analysis: Analysis, f: Fmt) -> str:
    parts = []
    numbers = _addressed_indicators(measure, analysis)
    if numbers:
        parts.append("ตัวชี้วัดที่ " + ", ".join(f.n(n) for n in numbers))
    if measure.addresses_items:
        parts.append("ข้อ " + f.codes(measure.addresses_items))
    return f"(ตัวชี้วัดที่เกี่ยวข้อง: {' '.join(parts).removeprefix('ตัวชี้วัดที่ ')})" if parts else ""


def _improvement(analysis: Analysis, plan: MeasurePlan, f: Fmt) -> list[dict[str, Any]]:
    """Section ๕: a table per instrument. Each measure is printed in full once, in the table of
    the first weakness it answers; one closing row of the other tables refers to it by number."""
    weak = set(analysis.weaknesses)
    weak_items = _weak_items(analysis)
    fy, plan_year = f.n(analysis.fiscal_year), f.n(plan.fiscal_year)
    home = {i: _first_instrument(m, analysis) for i, m in enumerate(plan.measures)}
    tables = []
    for code in INSTRUMENTS:
        inst = analysis.framework.instrument(code)
        rows = []
        referred: list[tuple[int, list[int], list[str]]] = []
        for index, measure in enumerate(plan.measures):
            inds = [n for n in measure.addresses_indicators if n in weak and _instrument_of(n, analysis) == code]
            items = [c for c in measure.addresses_items if c in weak_items and c[0] == code[0]]
            if home[index] != code:
                if inds or items:
                    referred.append((index, inds, items))
                continue
            issue = [f"ตัวชี้วัดที่ {f.n(n)} {r.name} ({f.score(r.score)})"
                     for n in inds if (r := analysis.indicator(n)) is not None]
            if items:
                issue.append("ข้อ " + f.codes(items))
            if not issue:
                issue = ["รักษามาตรฐานตัวชี้วัดที่ได้คะแนนต่ำสุดของแบบวัด"]
            cells = _measure_cells(measure, f)
            rows.append({
                "issue": join_paragraphs(issue),
                "measure": f"มาตรการที่ {f.n(index + 1)} {cells['title']}",
                "steps": cells["steps"],
                "steps_ref": "",
                "responsible": cells["responsible_text"],
                "follow_up": join_paragraphs([f"ดำเนินการให้แล้วเสร็จภายใน {cells['end_long']}", cells["follow_up"]]),
            })
        if not rows and not referred:
            rows.append(_keep_standard_row(analysis, plan, code, f))
        if referred:
            numbers = [f.n(i + 1) for i, _, _ in referred]
            indicators = sorted({n for _, inds, _ in referred for n in inds})
            codes = sorted({c for _, _, its in referred for c in its}, key=_key)
            issue = [f"ตัวชี้วัดที่ {f.n(n)}" for n in indicators]
            if codes:
                issue.append("ข้อ " + f.codes(codes))
            tables_of = sorted({home[i] for i, _, _ in referred}, key=INSTRUMENTS.index)
            rows.append({
                "issue": join_paragraphs(issue),
                "measure": "มาตรการที่ " + _and_list(numbers),
                "steps": "",
                "steps_ref": "ดำเนินการตามมาตรการที่ " + _and_list(numbers) + " ในตารางด้าน " + _and_list(tables_of),
                "responsible": "ตามมาตรการนั้น",
                "follow_up": "ตามมาตรการนั้น",
            })
        if not rows:
            continue
        tables.append({
            "code": code,
            "name": inst.name,
            "title": (f"ตารางการปรับปรุงตามผล{inst.name} ({code}) ประจำปีงบประมาณ พ.ศ.{NBSP}{fy} "
                      f"เพื่อพัฒนาในปีงบประมาณ พ.ศ.{NBSP}{plan_year}"),
            "rows": rows,
        })
    return tables


def _keep_standard_row(analysis: Analysis, plan: MeasurePlan, code: str, f: Fmt) -> dict[str, str]:
    """An instrument with nothing below the mark and no measure: keep the standard and lift its
    lowest indicator, as seed 003 does for its IIT."""
    no = analysis.lowest_by_instrument.get(code)
    row = analysis.indicator(no) if no is not None else None
    _, end = fiscal_year_bounds(plan.fiscal_year)
    issue = (f"ตัวชี้วัดที่ {f.n(row.no)} {row.name} ({f.score(row.score)}) ได้คะแนนต่ำสุดของแบบวัด {code}"
             if row is not None else f"ไม่มีตัวชี้วัดของแบบวัด {code} ที่ต่ำกว่าเกณฑ์")
    advice = [f.t(a) for a in (rec.indicator_advice(row.name)[:ADVICE_POINTS] if row is not None else ())]
    return {
        "issue": issue,
        "measure": "รักษามาตรฐานและยกระดับตัวชี้วัดที่ได้คะแนนต่ำสุดของแบบวัด",
        "steps": join_paragraphs(advice or [f.t(a) for a in rec.keep_advice()]),
        "steps_ref": "",
        "responsible": "ส่วนราชการที่เกี่ยวข้อง",
        "follow_up": join_paragraphs([f"ดำเนินการตลอดปีงบประมาณ ถึง {f.longdate(end)}",
                                      f"รายงานผลพร้อมมาตรการรอบ {f.n(6)} เดือน และรอบ {f.n(12)} เดือน"]),
    }


def _and_list(values: Sequence[str]) -> str:
    values = list(values)
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " และ " + values[-1]


def _history(analysis: Analysis, f: Fmt) -> tuple[list[dict[str, Any]], str]:
    if not analysis.history:
        return [], ""
    years = [{
        "year": f.n(h.fiscal_year),
        "total": f.score(h.total),
        "level": h.level or "—",
        **{c: f.score(h.instruments.get(c)) for c in INSTRUMENTS},
    } for h in analysis.history]
    years.append({
        "year": f.n(analysis.fiscal_year),
        "total": f.score(analysis.total),
        "level": analysis.level or "—",
        **{c: f.score(analysis.score.instruments.get(c)) for c in INSTRUMENTS},
    })
    prev = analysis.history[-1]
    change = analysis.change_since_previous() or {"indicators": {}, "total": None}
    text = f"เมื่อเทียบกับปีงบประมาณ พ.ศ.{NBSP}{f.n(prev.fiscal_year)}"
    delta = change.get("total")
    if delta is not None:
        direction = "เพิ่มขึ้น" if delta > 0 else ("ลดลง" if delta < 0 else "เท่าเดิม")
        text += f" คะแนนรวม{direction}" + (f" {f.score(abs(delta))} คะแนน" if delta else "")
    moved = sorted(((v, n) for n, v in change["indicators"].items() if v is not None and abs(v) >= 0.005),
                   key=lambda p: p[0])
    if moved:
        down = [f"ตัวชี้วัดที่ {f.n(n)} ({f.signed(v)})" for v, n in moved if v < 0][:3]
        up = [f"ตัวชี้วัดที่ {f.n(n)} ({f.signed(v)})" for v, n in reversed(moved) if v > 0][:3]
        if up:
            text += " ตัวชี้วัดที่เพิ่มขึ้นมากที่สุด ได้แก่ " + " ".join(up)
        if down:
            text += " ตัวชี้วัดที่ลดลงมากที่สุด ได้แก่ " + " ".join(down)
    return years, text


def _findings(analysis: Analysis, numbers: Sequence[int], kind: str, f: Fmt) -> list[dict[str, Any]]:
    """Indicator rows with what their score says about the agency (`kind`: strength or weakness)."""
    rows = []
    for no in numbers:
        row = analysis.indicator(no)
        if row is None:
            continue
        entry = _indicator(row, analysis, f)
        found = finding(row.name)
        entry["finding"] = f.t(getattr(found, kind)) if found else ""
        rows.append(entry)
    return rows


def analysis_context(results: AgencyResults, analysis: Analysis, plan: MeasurePlan, f: Fmt,
                     charts: bool = True) -> dict[str, Any]:
    ctx = common_context(results, analysis, f)
    t = analysis.thresholds
    strengths = _findings(analysis, analysis.strengths, "strength", f)
    weaknesses = _findings(analysis, analysis.weaknesses, "weakness", f)
    for entry, no in zip(weaknesses, (n for n in analysis.weaknesses if analysis.indicator(n)), strict=True):
        entry["gap"] = f.score(t.pass_mark - round(analysis.indicator(no).score + 1e-9, 2))  # type: ignore[union-attr]
    failed = [
        {
            "code": item_code(i.code, f),
            "label": f.t(i.label) if i.known else "ไม่มีข้อมูลข้อคำถาม",
            "sub": _sub_indicator(analysis, i, f),
            "reason": f.t(i.reason) if i.reason else "ไม่ได้ระบุเหตุผล",
        }
        for i in sorted(analysis.failed_oit_items, key=lambda i: _key(i.code))
    ]
    oit_score = analysis.score.instruments.get("OIT")
    has_oit_items = any(code.startswith("O") for code in results.current.items)
    if failed:
        oit_text = ""
    elif has_oit_items:
        oit_text = "ทุกข้อของแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ได้คะแนน"
    elif oit_score is not None:
        oit_text = (f"แบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ได้ {f.score(oit_score)} คะแนน "
                    "ผลการประเมินที่หน่วยงานได้รับไม่แสดงผลรายข้อ หน่วยงานจึงควรตรวจสอบข้อมูลบนเว็บไซต์"
                    "ทุกข้อให้ครบตามองค์ประกอบที่กำหนดในคู่มือการประเมินของปีถัดไป")
    else:
        oit_text = "ผลการประเมินที่หน่วยงานได้รับไม่แสดงคะแนนของแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT)"
    years, history_text = _history(analysis, f)
    plan_year = f.n(plan.fiscal_year)
    ctx.update({
        "doc_title": (
            "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
            f"ประจำปีงบประมาณ พ.ศ.{NBSP}{ctx['fiscal_year']}"
        ),
        "plan_year": plan_year,
        "foreword": _foreword(ctx["agency"], ctx["fiscal_year"], plan_year,
                              (f" ซึ่งได้คะแนนรวม {ctx['total']} คะแนน" + (f" ระดับ {ctx['level']}" if ctx["level"] else ""))
                              if analysis.total is not None else ""),
        "background": [f.t(p) for p in rec.background()],
        "instrument_lines": _instrument_lines(analysis, f),
        "strengths": strengths,
        "no_strength_text": (f"ไม่มีตัวชี้วัดใดได้คะแนนถึง {f.mark(t.strength_mark)} คะแนน ตัวชี้วัดที่ได้คะแนนสูงสุด คือ "
                             + (f"ตัวชี้วัดที่ {f.n(analysis.ranking[0].no)} {analysis.ranking[0].name} "
                                f"({f.score(analysis.ranking[0].score)})" if analysis.ranking else "—")),
        "weaknesses": weaknesses,
        "no_weakness_text": (f"ทุกตัวชี้วัดได้คะแนนตั้งแต่ {f.mark(t.pass_mark)} คะแนนขึ้นไป หน่วยงานควรรักษามาตรฐาน"
                             "และยกระดับตัวชี้วัดที่ได้คะแนนต่ำสุดของแต่ละแบบวัดตามข้อ " + f.n("4")),
        "failed_oit": failed,
        "failed_oit_text": (f"ผลการตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) มีข้อที่ไม่ได้คะแนน จำนวน {f.n(len(failed))} ข้อ "
                            "โดยผู้ตรวจประเมินมีข้อสังเกต ดังนี้"),
        "oit_text": oit_text,
        "advice": _advice(analysis, results, f),
        "improvement": _improvement(analysis, plan, f),
        "improvement_text": (
            f"{ctx['agency']}นำผลการวิเคราะห์ข้างต้นไปกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำปีงบประมาณ พ.ศ.{NBSP}{plan_year} จำนวน {f.n(len(plan.measures))} มาตรการ "
            "โดยแสดงแยกตามแบบวัด ดังนี้"
        ),
        "history": years,
        "history_text": history_text,
        "closing_text": (f"เสนอ{ctx['executive_title']}เพื่อโปรดพิจารณาอนุมัติแนวทางการปรับปรุงและพัฒนา"
                         "ตามรายงานฉบับนี้"),
        "approval_text": f"ความเห็นของ{ctx['executive_title']}   (   ) อนุมัติ   (   ) ไม่อนุมัติ",
        "date_blank": f"วันที่ {BLANK}",
    })
    ctx.update(_charts(analysis, f, instruments=True) if charts else
               {"chart_indicators": None, "chart_instruments": None})
    return ctx


# --------------------------------------------------------------------------- plan


def _reporting_text(plan: MeasurePlan, f: Fmt, executive: str, common: str = "") -> str:
    start, end = fiscal_year_bounds(plan.fiscal_year)
    half = fiscal_month_end(plan.fiscal_year, 6)
    after_half = date(half.year, half.month % 12 + 1, 1)
    after_end = date(end.year + (end.month // 12), end.month % 12 + 1, 1)
    text = (
        f"ผู้รับผิดชอบแต่ละมาตรการรายงานผลการดำเนินการต่อ{executive} {f.n(2)} รอบ"
        f" ได้แก่ รอบ {f.n(6)} เดือน ({f.period(start, half)}) ภายในเดือน{f.month_year(after_half)} "
        f"และรอบสิ้นปีงบประมาณ ({f.period(start, end)}) ภายในเดือน{f.month_year(after_end)} "
        "แล้วเผยแพร่รายงานผลการดำเนินการบนเว็บไซต์ของหน่วยงาน"
    )
    return text


def _meeting(results: AgencyResults, plan: MeasurePlan, agency: str, f: Fmt) -> dict[str, Any]:
    meeting = results.meeting
    tail = (
        f"ได้ร่วมกันพิจารณาผลการวิเคราะห์การประเมิน และกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของ{agency} "
        f"ประจำปีงบประมาณ พ.ศ.{NBSP}{f.n(plan.fiscal_year)} ดังนี้"
    )
    if meeting is None:
        return {"meeting_text": f"จากการประชุม{BLANK} เมื่อวันที่ {BLANK} ผู้บริหารและเจ้าหน้าที่{tail}"}
    title = f.t(meeting.title).strip() if meeting.title else ""
    if title.startswith("การประชุม"):
        title = title[len("การประชุม"):].strip()
    text = f"จากการประชุม{title or BLANK} เมื่อวันที่ {f.longdate(meeting.date)}"
    if meeting.place:
        text += f" ณ {f.t(meeting.place)}"
    attendees = [f.t(a) for a in meeting.attendees]
    who = ("โดยมีผู้เข้าร่วมประชุม ได้แก่ " + _and_list(attendees) + " ") if attendees else ""
    return {"meeting_text": f"{text} {who}ผู้บริหารและเจ้าหน้าที่{tail}"}


def _low_counts(analysis: Analysis, results: AgencyResults, f: Fmt) -> str:
    """Seed 004's count of low items per instrument, for the instruments whose items are known."""
    t = analysis.thresholds
    parts = []
    for code in ("IIT", "EIT"):
        if any(c.startswith(code[0]) for c in results.current.items):
            count = sum(1 for i in analysis.items_below_pass if i.instrument == code)
            parts.append(f"{code} {f.n(count)} ข้อ")
    low = ""
    if parts:
        low = f"ข้อคำถามที่ได้คะแนนต่ำกว่า {f.mark(t.pass_mark)} คะแนน ได้แก่ แบบวัด " + " แบบวัด ".join(parts)
    if any(c.startswith("O") for c in results.current.items):
        oit = f"ข้อของแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) ที่ต้องปรับปรุง จำนวน {f.n(len(analysis.failed_oit_items))} ข้อ"
        low = f"{low} และมี{oit}" if low else f"มี{oit}"
    return low


def plan_context(results: AgencyResults, analysis: Analysis, plan: MeasurePlan, f: Fmt,
                 charts: bool = True) -> dict[str, Any]:
    ctx = common_context(results, analysis, f)
    weak_items = _weak_items(analysis)
    by_indicator: dict[int, list[int]] = {}
    for number, m in enumerate(plan.measures, start=1):
        for no in _addressed_indicators(m, analysis):
            by_indicator.setdefault(no, []).append(number)
    measures = []
    shared_follow_up = len(plan.measures) > 1 and len({m.follow_up for m in plan.measures}) == 1
    for number, m in enumerate(plan.measures, start=1):
        cells = _measure_cells(m, f)
        if shared_follow_up:
            cells["follow_up"] = f"ตามข้อ {f.n(3)}"
        cells["no"] = f.n(number)
        cells["heading"] = f"{f.n(number)}. {cells['title']}"
        cells["addresses"] = _addresses(m, analysis, f)
        measures.append(cells)
    weak_rows = []
    for no in analysis.weaknesses:
        row = analysis.indicator(no)
        if row is None:
            continue
        items = sorted((i for i in weak_items.values() if i.indicator == no), key=lambda i: _key(i.code))
        issues = [_item_text(i, f) for i in items]
        if not issues:
            found = finding(row.name)
            issues = [f.t(found.weakness).removeprefix("แสดงว่า")] if found else []
        numbers = [f.n(n) for n in by_indicator.get(no, [])]
        fixes = [f"มาตรการที่ {_and_list(numbers)}"] if numbers else []
        weak_rows.append({
            "label": f"ตัวชี้วัดที่ {f.n(no)} {row.name} ({row.instrument})",
            "score": f.score(row.score),
            "issues": join_paragraphs(issues),
            "fixes": join_paragraphs(fixes),
        })
    ranked = analysis.ranking
    highest = {"label": ranked[0].name, "score": f.score(ranked[0].score)} if ranked else {"label": "", "score": ""}
    lowest = {"label": ranked[-1].name, "score": f.score(ranked[-1].score)} if ranked else {"label": "", "score": ""}
    ctx.update({
        "doc_title": (
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำปีงบประมาณ พ.ศ.{NBSP}{f.n(plan.fiscal_year)}"
        ),
        "plan_year": f.n(plan.fiscal_year),
        "based_on_year": f.n(plan.based_on_year),
        "highest": highest,
        "lowest": lowest,
        "low_counts_text": _low_counts(analysis, results, f),
        "measures": measures,
        "measure_count": f.n(len(measures)),
        "weak_rows": weak_rows,
        "all_pass_text": (f"ทุกตัวชี้วัดได้คะแนนตั้งแต่ {f.mark(analysis.thresholds.pass_mark)} คะแนนขึ้นไป "
                          "มาตรการในปีนี้จึงมุ่งรักษามาตรฐานและยกระดับตัวชี้วัดที่ได้คะแนนต่ำสุด"),
        "limitations": [f.t(x) for x in rec.limitations(())],
        "reporting_text": _reporting_text(plan, f, ctx["executive_title"],
                                          f.t(plan.measures[0].follow_up) if shared_follow_up else ""),
        "closing_text": "จึงประกาศให้ทราบและถือปฏิบัติโดยทั่วกัน",
        "announce_text": f"ประกาศ ณ วันที่ {BLANK}",
        **_meeting(results, plan, ctx["agency"], f),
    })
    return ctx


# --------------------------------------------------------------------------- implementation


def _number_of(text: str) -> int | None:
    digits = to_arabic_digits(text).strip().rstrip(".")
    for prefix in ("มาตรการที่", "ข้อ"):
        if digits.startswith(prefix):
            digits = digits[len(prefix):].strip()
    return int(digits) if digits.isdigit() else None


def match_progress(plan: MeasurePlan, entries: Sequence[ProgressEntry], until: date | None,
                   source: str | None = None) -> dict[int, ProgressEntry]:
    """The latest progress entry of each measure (0-based index), up to `until`.

    An entry names its measure by title or by its 1-based number; an entry that names no
    measure of the plan is an error (never silently dropped).
    """
    titles = {normalise_text(m.title): i for i, m in enumerate(plan.measures)}
    chosen: dict[int, tuple[tuple[date, int], ProgressEntry]] = {}
    for order, entry in enumerate(entries):
        number = _number_of(entry.measure)
        if number is not None:
            if not 1 <= number <= len(plan.measures):
                raise InputError(
                    f"ผลการดำเนินการรายการที่ {order + 1} อ้างถึงมาตรการที่ {number} ซึ่งไม่มีในแผน",
                    file=source, where=f"progress[{order + 1}] › measure",
                    expected=f"เลขลำดับ 1–{len(plan.measures)} หรือชื่อมาตรการตามแผน",
                )
            index = number - 1
        else:
            found = titles.get(normalise_text(entry.measure))
            if found is None:
                raise InputError(
                    f"ผลการดำเนินการรายการที่ {order + 1} อ้างถึงมาตรการ '{entry.measure}' ซึ่งไม่มีในแผน",
                    file=source, where=f"progress[{order + 1}] › measure",
                    expected="ชื่อมาตรการตรงตามแผน หรือเลขลำดับมาตรการ",
                )
            index = found
        if until is not None and entry.as_of is not None and entry.as_of > until:
            continue
        key = (entry.as_of or date.min, order)
        if index not in chosen or key >= chosen[index][0]:
            chosen[index] = (key, entry)
    return {index: entry for index, (_, entry) in chosen.items()}


def report_period(plan: MeasurePlan, period: Period) -> tuple[date, date]:
    start, end = fiscal_year_bounds(plan.fiscal_year)
    if period == "6-month":
        return start, fiscal_month_end(plan.fiscal_year, 6)
    return start, end


def report_day(plan: MeasurePlan, period: Period, today: date | None = None) -> date:
    """The day the report's states are taken on: the period's end, or today if earlier."""
    _, end = report_period(plan, period)
    today = today or date.today()
    return min(end, today) if today >= fiscal_year_bounds(plan.fiscal_year)[0] else end


def _evidence_lines(entry: ProgressEntry, f: Fmt) -> list[str]:
    if not entry.evidence:
        return []
    return ["หลักฐาน: " + "; ".join(f.t(e) for e in entry.evidence)]


def implementation_context(results: AgencyResults, analysis: Analysis, plan: MeasurePlan, period: Period,
                           f: Fmt, *, allow_empty: bool = False, today: date | None = None) -> dict[str, Any]:
    ctx = common_context(results, analysis, f)
    start, end = report_period(plan, period)
    progress = match_progress(plan, results.progress, end if period == "6-month" else None, results.source)
    if not progress and not allow_empty:
        raise InputError(
            "ยังไม่มีผลการดำเนินการของมาตรการใดในรอบรายงานนี้ จึงจัดทำรายงานผลการดำเนินการไม่ได้",
            file=results.source, where="progress",
            expected="รายการ progress: ของแต่ละมาตรการ (measure, status, done, result, outcome, as_of, evidence) "
                     "หรือใช้ --allow-empty เพื่อพิมพ์แบบฟอร์มเปล่า",
        )
    on = report_day(plan, period, today)
    starts = min((m.start for m in plan.measures), default=start)
    label = f"รอบ {f.n(6)} เดือน" if period == "6-month" else "รอบสิ้นปีงบประมาณ"
    counts = dict.fromkeys(tracking.STATES, 0)
    measures = []
    problems = []
    for index, m in enumerate(plan.measures):
        cells = _measure_cells(m, f, step_limit=IMPLEMENTATION_STEPS)
        number = f.n(index + 1)
        cells.update({"no": number, "heading": f"{number}. {cells['title']}"})
        entry = progress.get(index)
        if entry is None and not progress:  # the blank form
            cells.update({"state": "", "progress_text": BLANK, "outcome_text": BLANK})
            measures.append(cells)
            continue
        state = tracking.measure_state(entry.status if entry else None, m.end, on)
        counts[state] += 1
        lines = []
        if entry is not None:
            lines = [f.t(entry.done), f.t(entry.result), *_evidence_lines(entry, f)]
        as_of = (f" (ข้อมูล ณ {f.date(entry.as_of)})"
                 if entry is not None and entry.as_of and entry.as_of != on else "")
        lines.append(f"สถานะ: {STATE_TH[state]}{as_of}")
        cells.update({
            "state": state,
            "progress_text": join_paragraphs(lines),
            "outcome_text": f.t(entry.outcome) if entry is not None and entry.outcome else "–",
        })
        if state in (tracking.LATE, tracking.NOT_STARTED) and m.start <= on:
            text = f"มาตรการที่ {number} {cells['title']} {STATE_TH[state]}"
            if entry is not None and entry.outcome and state == tracking.LATE:
                text += f" ({f.t(entry.outcome)})"
            text += f" แนวทางแก้ไข: {cells['responsible'] or 'ผู้รับผิดชอบ'}เร่งดำเนินการให้แล้วเสร็จภายใน {cells['end_long']}"
            problems.append(text)
        measures.append(cells)
    plan_year = f.n(plan.fiscal_year)
    total = analysis.total
    level = analysis.level
    score_text = ""
    if total is not None:
        score_text = f" ซึ่งมีคะแนนรวม {f.score(total)} คะแนน" + (f" อยู่ในระดับ {level}" if level else "")
    intro = (
        f"ตามที่{ctx['agency']}ได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
        f"ประจำปีงบประมาณ พ.ศ.{NBSP}{ctx['fiscal_year']}{score_text} และนำผลการวิเคราะห์มากำหนดมาตรการส่งเสริม"
        f"คุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ.{NBSP}{plan_year} จำนวน {f.n(len(plan.measures))} "
        f"มาตรการ บัดนี้ได้ติดตามผลการดำเนินการตามมาตรการ{label} ระหว่างวันที่ {f.period(start, end)} "
        + (f"ซึ่งมาตรการเริ่มดำเนินการตั้งแต่วันที่ {f.longdate(starts)} " if starts > start else "")
        + "แล้ว จึงสรุปผลการดำเนินการ ดังนี้"
    )
    status_text = ""
    if progress:
        parts = [f"{STATE_TH[s]} {f.n(c)} มาตรการ" for s, c in counts.items() if c]
        status_text = f"ณ วันที่ {f.longdate(on)} มีมาตรการที่" + _and_list(parts)
    ctx.update({
        "doc_title": (
            "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำปีงบประมาณ พ.ศ.{NBSP}{plan_year} {label}"
        ),
        "plan_year": plan_year,
        "report_date_text": f"รายงาน ณ วันที่ {f.longdate(on) if progress else BLANK}",
        "period": period,
        "period_label": label,
        "period_text": f.period(start, end),
        "intro_text": intro,
        "status_text": status_text,
        "status_rows": [{"status": s, "count": f.n(c)} for s, c in counts.items()],
        "measures": measures,
        "measure_count": f.n(len(measures)),
        "problems": problems or (["ไม่มี"] if progress else [BLANK]),
        "closing_text": "",
    })
    return ctx
