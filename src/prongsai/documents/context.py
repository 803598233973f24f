"""The data a report template receives (see prongsai.documents.reports for the list).

Everything here is plain Python (dicts, lists, strings) already formatted for print: Thai or
Arabic digits, Buddhist-era dates, fiscal-year periods. Charts are :class:`ChartImage` (PNG
bytes and a width); the renderer turns them into docxtpl ``InlineImage``. Keeping this free of
docxtpl lets the web app show the same figures and texts as the documents.

Multi-paragraph cell texts are joined with ``\\a`` (docxtpl turns it into a new paragraph with
the same paragraph and run formatting) and line breaks within a paragraph are ``\\n``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from prongsai.documents import recommendations as rec
from prongsai.documents.layout import LIST_HANGING_CM, split_row, text_lines
from prongsai.errors import InputError
from prongsai.ita.analysis import Analysis, IndicatorRow, ItemRow
from prongsai.ita.model import INSTRUMENTS
from prongsai.ita.results import AgencyResults, ProgressEntry
from prongsai.planning.draft import Measure, MeasurePlan
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
NO_PROGRESS = "ยังไม่มีการรายงานผล"
PROGRESS_STATUSES = ("เสร็จสิ้น", "กำลังดำเนินการ", "ล่าช้า", "ยังไม่เริ่ม")
BLANK = "……………………………………"
INDICATOR_CHART_MM = 150
INSTRUMENT_CHART_MM = 95

_KEEP_AS_WRITTEN = re.compile(r"(https?://\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)")


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
        parts = _KEEP_AS_WRITTEN.split(str(text))
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

        return thai_strftime(day, "%B %Y", thaidigit=self.thai)


def join_paragraphs(lines: Iterable[str]) -> str:
    return PARAGRAPH.join(line for line in lines if line)


# Column widths (cm) of the shipped templates' measure tables; tools/make_report_templates.py uses
# them too. They only steer how much text goes into the unsplittable first row (see split_row).
PLAN_WIDTHS = (3.0, 5.4, 2.4, 2.2, 3.0)
IMPLEMENTATION_WIDTHS = (3.6, 8.6, 2.8, 2.2, 4.4, 3.1)
IMPROVEMENT_WIDTHS = (3.7, 6.3, 2.6, 3.4)
def numbered(lines: Sequence[str], f: Fmt) -> list[str]:
    """`๑.<tab>…` lines (the list styles hang the text at the tab)."""
    return [f"{f.n(i)}.\t{line}" for i, line in enumerate(lines, start=1)]


# --------------------------------------------------------------------------- common


def _place(value: str | None, prefix: str) -> str | None:
    if not value:
        return None
    value = value.strip()
    if value.startswith(prefix) or value.startswith(("เขต", "กรุงเทพ")):
        return value
    return prefix + value


def executive_title(agency: str) -> str:
    """Who approves the plan: นายก อบต./อบจ., นายกเทศมนตรี…, or the head of the agency."""
    if agency.startswith("เทศบาล"):
        return "นายกเทศมนตรี" + agency[len("เทศบาล"):]
    if agency.startswith(("องค์การบริหารส่วน", "เมืองพัทยา")):
        return "นายก" + agency
    return "หัวหน้า" + agency


def _level_sentence(analysis: Analysis) -> tuple[str | None, str]:
    outcome = analysis.score.level
    if outcome.level:
        return outcome.level, f"อยู่ในระดับ {outcome.level}"
    if outcome.possible:
        return None, "ข้อมูลที่มียังระบุระดับผลการประเมินไม่ได้ อาจอยู่ในระดับ " + " หรือ ".join(outcome.possible)
    return None, "ยังไม่มีเกณฑ์ระดับผลการประเมินของปีนี้ จึงไม่ได้ระบุระดับ"


def _indicator(row: IndicatorRow, analysis: Analysis, f: Fmt) -> dict[str, Any]:
    passed = round(row.score + 1e-9, 2) >= analysis.thresholds.pass_mark
    return {
        "no": f.n(row.no),
        "name": row.name,
        "label": f"ตัวชี้วัดที่ {f.n(row.no)} {row.name}",
        "instrument": row.instrument,
        "score": f.score(row.score),
        "weight": "—" if row.weight is None else f.mark(row.weight),
        "rank": f.n(row.rank),
        "result": "ผ่าน" if passed else "ไม่ผ่าน",
        "status": row.status_th,
        "about": f.t(row.about) if row.about else "",
        "about_text": f"ตัวชี้วัดนี้สะท้อนว่า{f.t(row.about)}" if row.about else "",
    }


def _item_code(code: str, f: Fmt) -> str:
    return code[0] + f.n(code[1:])


def _item_line(item: ItemRow, f: Fmt, with_reason: bool = True) -> str:
    text = f"{_item_code(item.code, f)} {f.t(item.label)} ได้ {f.score(item.score)} คะแนน"
    if with_reason and item.reason:
        text += f" สาเหตุ: {f.t(item.reason)}"
    return text


def _sub_indicator(analysis: Analysis, item: ItemRow, f: Fmt) -> str:
    fw_item = analysis.framework.item_by_code.get(item.code)
    if fw_item is None or fw_item.sub_indicator is None:
        return ""
    sub = analysis.framework.sub_indicator_by_code.get(fw_item.sub_indicator)
    name = f" {sub.name}" if sub is not None and sub.name else ""
    return f"{f.n(fw_item.sub_indicator)}{name}"


def _chart_rows(analysis: Analysis) -> list[tuple[str, float]]:
    return [(f"{r.no}. {r.name}", round(r.score + 1e-9, 2)) for r in analysis.indicators]


def _charts(analysis: Analysis, f: Fmt, instruments: bool) -> dict[str, ChartImage | None]:
    from prongsai.documents import charts

    pass_mark = analysis.thresholds.pass_mark
    out: dict[str, ChartImage | None] = {"chart_indicators": None, "chart_instruments": None}
    if analysis.indicators:
        png = charts.indicator_chart(_chart_rows(analysis), pass_mark=pass_mark, thai_digits=f.thai)
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


def common_context(results: AgencyResults, analysis: Analysis, f: Fmt) -> dict[str, Any]:
    fw = analysis.framework
    t = analysis.thresholds
    level, level_sentence = _level_sentence(analysis)
    total = analysis.total
    agency = f.t(results.agency)
    fy = f.n(analysis.fiscal_year)
    district = _place(results.district, "อำเภอ")
    province = _place(results.province, "จังหวัด")
    location = " ".join(f.t(p) for p in (district, province) if p)

    if total is None:
        result_text = (
            f"ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ของ{agency} "
            f"ประจำปีงบประมาณ พ.ศ.{NBSP}{fy} ยังคำนวณคะแนนรวมไม่ได้จากข้อมูลที่มี {level_sentence}"
        )
    else:
        result_text = (
            f"ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ของ{agency} "
            f"ประจำปีงบประมาณ พ.ศ.{NBSP}{fy} มีคะแนนรวม {f.score(total)} คะแนน {level_sentence}"
        )
    passed = [r for r in analysis.indicators if round(r.score + 1e-9, 2) >= t.pass_mark]
    below = [r for r in analysis.indicators if round(r.score + 1e-9, 2) < t.pass_mark]
    count_text = ""
    if analysis.indicators:
        count_text = (
            f"จากตัวชี้วัดทั้งหมด {f.n(len(analysis.indicators))} ตัวชี้วัด มีตัวชี้วัดที่ได้คะแนนตั้งแต่ "
            f"{f.mark(t.pass_mark)} คะแนนขึ้นไป {f.n(len(passed))} ตัวชี้วัด และต่ำกว่า {f.mark(t.pass_mark)} คะแนน "
            f"{f.n(len(below))} ตัวชี้วัด"
        )
    gap_parts = []
    if analysis.points_to_pass:
        gap_parts.append(
            f"คะแนนรวมยังขาดอีก {f.score(analysis.points_to_pass)} คะแนนจึงถึงเกณฑ์ {f.mark(t.pass_mark)} คะแนน"
        )
    nxt = analysis.next_level
    if nxt is not None:
        needs = []
        if nxt.points_total > 0:
            needs.append(f"คะแนนรวมอีก {f.score(nxt.points_total)} คะแนน")
        needs.extend(f"คะแนน {c} อีก {f.score(v)} คะแนน" for c, v in nxt.instruments.items())
        if needs:
            gap_parts.append(f"หากจะขึ้นไปอยู่ในระดับ {nxt.level} ต้องเพิ่ม" + " และ".join(needs))
    instruments = []
    for code in INSTRUMENTS:
        value = analysis.score.instruments.get(code)
        inst = fw.instrument(code)
        instruments.append({
            "code": code,
            "name": inst.name,
            "label": f"{inst.name} ({code})",
            "score": f.score(value),
            "weight": "—" if inst.weight is None else f"ร้อยละ {f.mark(inst.weight)}",
            "result": "ไม่มีข้อมูล" if value is None
            else ("ผ่าน" if round(value + 1e-9, 2) >= t.pass_mark else "ไม่ผ่าน"),
        })

    return {
        "agency": agency,
        "agency_type": f.t(results.agency_type or ""),
        "district": f.t(district or ""),
        "province": f.t(province or ""),
        "location": location,
        "prepared_by": f.t(results.prepared_by or ""),
        "executive_title": f.t(executive_title(results.agency)),
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
        "gap_text": " ".join(gap_parts),
        "instruments": instruments,
        "indicators": [_indicator(r, analysis, f) for r in analysis.indicators],
        "ranking": [_indicator(r, analysis, f) for r in analysis.ranking],
        "notes": [f.t(c.message) for c in analysis.score.checks] + [f.t(n) for n in analysis.score.notes],
        "today": f.longdate(date.today()),
        "blank": BLANK,
    }


# --------------------------------------------------------------------------- analysis


def _items_of(analysis: Analysis, results: AgencyResults, no: int, f: Fmt, limit: int = 5) -> list[str]:
    """The given item scores of indicator `no`, lowest first."""
    rows = []
    for code, item in results.current.items.items():
        fw_item = analysis.framework.item_by_code.get(code)
        if fw_item is not None and fw_item.indicator == no:
            rows.append((item.score, code, fw_item.label, item.reason))
    rows.sort(key=lambda r: (r[0], r[1][0], int(r[1][1:])))
    return [
        f"{_item_code(code, f)} {f.t(label)} ได้ {f.score(score)} คะแนน" + (f" สาเหตุ: {f.t(reason)}" if reason else "")
        for score, code, label, reason in rows[:limit]
    ]


def _recommendations(analysis: Analysis, f: Fmt) -> list[dict[str, Any]]:
    t = analysis.thresholds
    groups: list[dict[str, Any]] = []
    weak_entries = []
    for no in analysis.weaknesses:
        row = analysis.indicator(no)
        if row is None:
            continue
        points = list(rec.indicator_advice(row.name))
        items = [
            _item_line(i, f, with_reason=False)
            for i in analysis.items_below_pass
            if i.indicator == no and i.instrument != "OIT"
        ]
        if items:
            points.append("ข้อคำถามที่ควรดูเป็นพิเศษ: " + "; ".join(items))
        weak_entries.append({
            "heading": f"ตัวชี้วัดที่ {f.n(no)} {row.name} ({row.instrument}) ได้ {f.score(row.score)} คะแนน",
            "points": [f.t(p) for p in points],
        })
    if weak_entries:
        groups.append({"title": f"ตัวชี้วัดที่ได้คะแนนต่ำกว่า {f.mark(t.pass_mark)} คะแนน", "entries": weak_entries})

    lowest_entries = []
    for code, no in analysis.lowest_by_instrument.items():
        if no is None or no in analysis.weaknesses:
            continue
        row = analysis.indicator(no)
        if row is None:
            continue
        points = list(rec.indicator_advice(row.name)) or list(rec.keep_advice())
        lowest_entries.append({
            "heading": f"ด้าน {code}: ตัวชี้วัดที่ {f.n(no)} {row.name} ได้คะแนนต่ำสุดของแบบวัด ({f.score(row.score)})",
            "points": [f.t(p) for p in points],
        })
    if lowest_entries:
        groups.append({"title": "ตัวชี้วัดที่ได้คะแนนต่ำสุดของแต่ละแบบวัด", "entries": lowest_entries})

    themes: dict[str, tuple[rec.OitTheme, list[ItemRow]]] = {}
    for item in analysis.failed_oit_items:
        theme = rec.oit_theme(item.label)
        themes.setdefault(theme.id, (theme, []))[1].append(item)
    oit_entries = []
    order = {theme.id: i for i, theme in enumerate(rec.load_wording().oit_themes)}
    for theme, items in sorted(themes.values(), key=lambda v: order[v[0].id]):
        points = ["ข้อที่ไม่ได้คะแนน: " + ", ".join(f"{_item_code(i.code, f)} {f.t(i.label)}" for i in items)]
        points.extend(f.t(a) for a in theme.advice)
        for item in items:
            for advice in rec.reason_advice(item.reason):
                if f.t(advice) not in points:
                    points.append(f.t(advice))
        oit_entries.append({"heading": theme.title, "points": points})
    if oit_entries:
        groups.append({"title": "ข้อมูลที่ต้องเปิดเผยบนเว็บไซต์ (OIT) ที่ไม่ได้คะแนน", "entries": oit_entries})

    if not groups:
        groups.append({
            "title": "การรักษามาตรฐาน",
            "entries": [{"heading": "ทุกตัวชี้วัดผ่านเกณฑ์", "points": [f.t(p) for p in rec.keep_advice()]}],
        })
    return groups


def _weak_items(analysis: Analysis) -> dict[str, ItemRow]:
    out = {i.code: i for i in analysis.items_below_pass}
    out.update({i.code: i for i in analysis.failed_oit_items})
    return out


def _measure_cells(measure: Measure, f: Fmt) -> dict[str, str]:
    responsible = [f.t(measure.responsible)]
    if measure.supporting:
        responsible.append("ร่วมกับ")
        responsible.extend(f.t(s) for s in measure.supporting)
    return {
        "title": f.t(measure.title),
        "purpose": f.t(measure.purpose),
        "steps": [f.t(s) for s in measure.steps],
        "steps_numbered": numbered([f.t(s) for s in measure.steps], f),
        "steps_text": join_paragraphs(numbered([f.t(s) for s in measure.steps], f)),
        "responsible": f.t(measure.responsible),
        "supporting": ", ".join(f.t(s) for s in measure.supporting),
        "responsible_text": join_paragraphs(responsible),
        "period": f.period(measure.start, measure.end),
        "start": f.date(measure.start),
        "end": f.date(measure.end),
        "end_long": f.longdate(measure.end),
        "follow_up": f.t(measure.follow_up),
        "evidence": ", ".join(f.t(e) for e in measure.evidence),
        "follow_up_text": f.t(measure.follow_up),
    }


def _improvement_row(issue: str, measure: str, steps: Sequence[str], responsible: str,
                     follow_up: str) -> dict[str, str]:
    w = IMPROVEMENT_WIDTHS
    row = {"issue": issue, "measure": measure, "steps": join_paragraphs(steps), "responsible": responsible,
           "follow_up": follow_up}
    title_lines = text_lines(measure, w[1], bold=True)
    split = split_row(
        [],
        {"issue": (issue, w[0], 0.0, True), "steps": (join_paragraphs(steps), w[1], LIST_HANGING_CM, True),
         "responsible": (responsible, w[2], 0.0, True), "follow_up": (follow_up, w[3], 0.0, True)},
        min_lines=title_lines + 3,
        above={"steps": title_lines},
    )
    row.update(split)
    return row


def _improvement(analysis: Analysis, plan: MeasurePlan, results: AgencyResults, f: Fmt) -> list[dict[str, Any]]:
    weak = set(analysis.weaknesses)
    weak_items = _weak_items(analysis)
    fy, plan_year = f.n(analysis.fiscal_year), f.n(plan.fiscal_year)
    tables = []
    for code in INSTRUMENTS:
        inst = analysis.framework.instrument(code)
        lowest_no = analysis.lowest_by_instrument.get(code)
        lowest = analysis.indicator(lowest_no) if lowest_no is not None else None
        weak_here = [n for n in sorted(weak) if (r := analysis.indicator(n)) is not None and r.instrument == code]
        rows = []
        for number, measure in enumerate(plan.measures, start=1):
            inds = [n for n in measure.addresses_indicators if n in weak_here]
            items = [weak_items[c] for c in measure.addresses_items if c in weak_items and c[0] == code[0]]
            if not inds and not items:
                continue
            issue = [
                f"ตัวชี้วัดที่ {f.n(n)} {r.name} ได้ {f.score(r.score)} คะแนน"
                for n in inds
                if (r := analysis.indicator(n)) is not None
            ]
            issue.extend(_item_line(i, f) for i in items)
            cells = _measure_cells(measure, f)
            rows.append(_improvement_row(
                join_paragraphs(issue), f"มาตรการที่ {f.n(number)} {cells['title']}", cells["steps_numbered"],
                cells["responsible_text"],
                join_paragraphs([cells["follow_up"], f"กำหนดแล้วเสร็จ {cells['end_long']}"]),
            ))
        if not rows and lowest is not None:
            # Nothing below the mark in this instrument: keep it there and lift its lowest indicator.
            from prongsai.planning import catalogue

            try:
                unit = catalogue.resolve_unit("admin", results.agency_type, results.units)
            except Exception:  # the units book is optional for this fallback row
                unit = "สำนักปลัด"
            _, end = fiscal_year_bounds(plan.fiscal_year)
            rows.append(_improvement_row(
                join_paragraphs([
                    f"ไม่มีตัวชี้วัดหรือข้อที่ต่ำกว่าเกณฑ์ {f.mark(analysis.thresholds.pass_mark)} คะแนน",
                    f"ตัวชี้วัดที่ได้คะแนนต่ำสุด: ตัวชี้วัดที่ {f.n(lowest.no)} {lowest.name} "
                    f"({f.score(lowest.score)})",
                ]),
                "รักษามาตรฐานและยกระดับตัวชี้วัดที่ได้คะแนนต่ำสุด",
                numbered([f.t(p) for p in (rec.indicator_advice(lowest.name) or rec.keep_advice())], f),
                f.t(unit),
                join_paragraphs([
                    f"รายงานผลต่อผู้บริหารรอบ {f.n(6)} เดือน และรอบสิ้นปีงบประมาณ พ.ศ.{NBSP}{plan_year}",
                    f"กำหนดแล้วเสร็จ {f.longdate(end)}",
                ]),
            ))
        intro = ""
        if lowest is not None:
            intro = (
                f"ด้าน {code} ตัวชี้วัดที่ได้คะแนนต่ำสุด คือ ตัวชี้วัดที่ {f.n(lowest.no)} {lowest.name} "
                f"ได้ {f.score(lowest.score)} คะแนน"
            )
            if weak_here:
                intro += " และมีตัวชี้วัดที่ต่ำกว่าเกณฑ์ " + ", ".join(
                    f"ตัวชี้วัดที่ {f.n(n)}" for n in weak_here
                )
        tables.append({
            "code": code,
            "name": inst.name,
            "title": (
                f"ตารางการปรับปรุงตามผลการประเมิน{inst.name} ({code}) ประจำปีงบประมาณ พ.ศ.{NBSP}{fy} "
                f"เพื่อพัฒนาในปีงบประมาณ พ.ศ.{NBSP}{plan_year}"
            ),
            "intro": intro,
            "rows": rows,
        })
    return tables


def _history(analysis: Analysis, f: Fmt) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str]:
    if not analysis.history:
        return [], [], ""
    years = []
    for h in analysis.history:
        years.append({
            "year": f.n(h.fiscal_year),
            "total": f.score(h.total),
            "level": h.level or "—",
            **{c: f.score(h.instruments.get(c)) for c in INSTRUMENTS},
        })
    years.append({
        "year": f.n(analysis.fiscal_year),
        "total": f.score(analysis.total),
        "level": analysis.level or "—",
        **{c: f.score(analysis.score.instruments.get(c)) for c in INSTRUMENTS},
    })
    prev = analysis.history[-1]
    change = analysis.change_since_previous() or {"indicators": {}, "total": None}
    rows = [
        {
            "label": f"ตัวชี้วัดที่ {f.n(r.no)} {r.name}",
            "before": f.score(prev.indicators.get(r.no)),
            "now": f.score(r.score),
            "change": f.signed(change["indicators"].get(r.no)),
        }
        for r in analysis.indicators
    ]
    text = f"เทียบกับปีงบประมาณ พ.ศ.{NBSP}{f.n(prev.fiscal_year)}"
    if change.get("total") is not None:
        delta = change["total"]
        direction = "เพิ่มขึ้น" if delta > 0 else ("ลดลง" if delta < 0 else "เท่าเดิม")
        text += f" คะแนนรวม{direction}" + (f" {f.score(abs(delta))} คะแนน" if delta else "")
    return years, rows, text


def analysis_context(results: AgencyResults, analysis: Analysis, plan: MeasurePlan, f: Fmt,
                     charts: bool = True) -> dict[str, Any]:
    ctx = common_context(results, analysis, f)
    t = analysis.thresholds
    strengths = [_indicator(analysis.indicator(n), analysis, f) for n in analysis.strengths]  # type: ignore[arg-type]
    weaknesses = []
    for no in analysis.weaknesses:
        row = analysis.indicator(no)
        if row is None:
            continue
        entry = _indicator(row, analysis, f)
        entry["gap"] = f.score(t.pass_mark - round(row.score + 1e-9, 2))
        entry["item_lines"] = _items_of(analysis, results, no, f)
        weaknesses.append(entry)
    lowest = []
    for code, no in analysis.lowest_by_instrument.items():
        row = analysis.indicator(no) if no is not None else None
        if row is None:
            continue
        entry = _indicator(row, analysis, f)
        entry.update({
            "code": code,
            "instrument_name": analysis.framework.instrument(code).name,
            "item_lines": _items_of(analysis, results, row.no, f),
        })
        lowest.append(entry)
    failed = [
        {
            "code": _item_code(i.code, f),
            "label": f.t(i.label),
            "sub": _sub_indicator(analysis, i, f),
            "indicator": f"ตัวชี้วัดที่ {f.n(i.indicator)}" if i.indicator else "",
            "reason": f.t(i.reason) if i.reason else "ไม่ได้ระบุเหตุผล",
        }
        for i in analysis.failed_oit_items
    ]
    years, history_rows, history_text = _history(analysis, f)
    ctx.update({
        "doc_title": (
            "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
            f"ประจำปีงบประมาณ พ.ศ.{NBSP}{ctx['fiscal_year']}"
        ),
        "plan_year": f.n(plan.fiscal_year),
        "background": [f.t(p) for p in rec.background()],
        "strengths": strengths,
        "weaknesses": weaknesses,
        "lowest": lowest,
        "failed_oit": failed,
        "recommendations": _recommendations(analysis, f),
        "improvement": _improvement(analysis, plan, results, f),
        "history": years,
        "history_indicators": history_rows,
        "history_text": history_text,
    })
    ctx.update(_charts(analysis, f, instruments=True) if charts else
               {"chart_indicators": None, "chart_instruments": None})
    return ctx


# --------------------------------------------------------------------------- plan


def _measure_numbers(plan: MeasurePlan) -> dict[int, list[int]]:
    by_indicator: dict[int, list[int]] = {}
    for number, m in enumerate(plan.measures, start=1):
        for no in m.addresses_indicators:
            by_indicator.setdefault(no, []).append(number)
    return by_indicator


def _reporting_text(plan: MeasurePlan, f: Fmt) -> str:
    start, end = fiscal_year_bounds(plan.fiscal_year)
    half = fiscal_month_end(plan.fiscal_year, 6)
    after_half = date(half.year, half.month % 12 + 1, 1)
    after_end = date(end.year + (end.month // 12), end.month % 12 + 1, 1)
    return (
        f"ผู้รับผิดชอบแต่ละมาตรการรายงานผลการดำเนินการต่อผู้บริหาร {f.n(2)} รอบ"
        f" ได้แก่ รอบ {f.n(6)} เดือน ({f.period(start, half)}) ภายในเดือน{f.month_year(after_half)} "
        f"และรอบสิ้นปีงบประมาณ ({f.period(start, end)}) ภายในเดือน{f.month_year(after_end)} "
        "แล้วเผยแพร่รายงานผลการดำเนินการบนเว็บไซต์ของหน่วยงาน"
    )


def _meeting(results: AgencyResults, plan: MeasurePlan, agency: str, f: Fmt) -> dict[str, Any]:
    meeting = results.meeting
    plan_year = f.n(plan.fiscal_year)
    tail = (
        f"ได้ร่วมกันพิจารณาผลการวิเคราะห์การประเมิน และกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานของ{agency} "
        f"ประจำปีงบประมาณ พ.ศ.{NBSP}{plan_year} ดังนี้"
    )
    if meeting is None:
        return {
            "meeting": None,
            "meeting_missing": True,
            "meeting_text": f"จากการประชุม {BLANK} เมื่อวันที่ {BLANK} ณ {BLANK} ผู้บริหารและเจ้าหน้าที่ {tail}",
            "attendees": [BLANK] * 3,
        }
    title = f.t(meeting.title) if meeting.title else "ผู้บริหารและเจ้าหน้าที่"
    parts = [f"จากการประชุม{title}"]
    parts.append(f"เมื่อวันที่ {f.longdate(meeting.date)}")
    parts.append(f"ณ {f.t(meeting.place)}" if meeting.place else f"ณ {BLANK}")
    missing = meeting.date is None or not meeting.place or not meeting.attendees
    return {
        "meeting": {
            "date": f.longdate(meeting.date),
            "title": title,
            "place": f.t(meeting.place) if meeting.place else BLANK,
            "attendees": [f.t(a) for a in meeting.attendees],
        },
        "meeting_missing": missing,
        "meeting_text": " ".join(parts) + " ที่ประชุม" + tail,
        "attendees": [f.t(a) for a in meeting.attendees] or [BLANK] * 3,
    }


def plan_context(results: AgencyResults, analysis: Analysis, plan: MeasurePlan, f: Fmt,
                 charts: bool = True) -> dict[str, Any]:
    ctx = common_context(results, analysis, f)
    weak_items = _weak_items(analysis)
    numbers = _measure_numbers(plan)
    measures = []
    for number, m in enumerate(plan.measures, start=1):
        cells = _measure_cells(m, f)
        cells["no"] = f.n(number)
        cells["heading"] = f"{f.n(number)}. {cells['title']}"
        w = PLAN_WIDTHS
        cells.update(split_row(
            [(cells["heading"], w[0], True), (cells["period"], w[3], False)],
            {"steps": (cells["steps_text"], w[1], LIST_HANGING_CM, True),
             "responsible": (cells["responsible_text"], w[2], 0.0, True),
             "follow_up": (cells["follow_up_text"], w[4], 0.0, True)},
        ))
        measures.append(cells)
    weak_rows = []
    for no in analysis.weaknesses:
        row = analysis.indicator(no)
        if row is None:
            continue
        issues = [
            f"{_item_code(i.code, f)} {f.t(i.label)}" + ("" if i.instrument == "OIT" else f" ({f.score(i.score)})")
            for i in weak_items.values()
            if i.indicator == no
        ]
        if not issues and row.about:
            issues = [f.t(row.about)]
        fixes = [f"มาตรการที่ {f.n(n)} {f.t(plan.measures[n - 1].title)}" for n in numbers.get(no, [])]
        weak_rows.append({
            "label": f"ตัวชี้วัดที่ {f.n(no)} {row.name} ({row.instrument})",
            "score": f.score(row.score),
            "issues": join_paragraphs(issues),
            "fixes": join_paragraphs(fixes) or "ยังไม่มีมาตรการในแผนที่ตอบตัวชี้วัดนี้",
        })
    situations = []
    without_items = [c for c in ("IIT", "EIT") if not any(code[0] == c[0] for code in results.current.items)]
    if without_items and analysis.indicators:
        situations.append("no_item_scores")
    ctx.update({
        "doc_title": (
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำปีงบประมาณ พ.ศ.{NBSP}{f.n(plan.fiscal_year)}"
        ),
        "plan_year": f.n(plan.fiscal_year),
        "based_on_year": f.n(plan.based_on_year),
        "measures": measures,
        "measure_count": f.n(len(measures)),
        "weak_rows": weak_rows,
        "limitations": [f.t(x) for x in rec.limitations(situations, instruments=" และ ".join(without_items))],
        "reporting_text": _reporting_text(plan, f),
        **_meeting(results, plan, ctx["agency"], f),
    })
    chart = _charts(analysis, f, instruments=False) if charts else {"chart_indicators": None}
    ctx["chart_indicators"] = chart["chart_indicators"]
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


def implementation_context(results: AgencyResults, analysis: Analysis, plan: MeasurePlan, period: Period,
                           f: Fmt) -> dict[str, Any]:
    ctx = common_context(results, analysis, f)
    start, end = report_period(plan, period)
    progress = match_progress(plan, results.progress, end if period == "6-month" else None, results.source)
    label = f"รอบ {f.n(6)} เดือน" if period == "6-month" else "รอบสิ้นปีงบประมาณ"
    counts = dict.fromkeys((*PROGRESS_STATUSES, NO_PROGRESS), 0)
    measures = []
    problems = []
    for index, m in enumerate(plan.measures):
        cells = _measure_cells(m, f)
        number = f.n(index + 1)
        cells.update({"no": number, "heading": f"{number}. {cells['title']}"})
        entry = progress.get(index)
        if entry is None:
            counts[NO_PROGRESS] += 1
            cells.update({
                "has_progress": False,
                "status": NO_PROGRESS,
                "progress_text": NO_PROGRESS,
                "outcome_text": "—",
            })
            problems.append(f"มาตรการที่ {number} {cells['title']}: {NO_PROGRESS}")
        else:
            counts[entry.status] = counts.get(entry.status, 0) + 1
            status = f"สถานะ: {entry.status}"
            if entry.as_of:
                status += f" (ข้อมูล ณ {f.date(entry.as_of)})"
            cells.update({
                "has_progress": True,
                "status": entry.status,
                "progress_text": join_paragraphs([status, f.t(entry.done), f.t(entry.result)]),
                "outcome_text": f.t(entry.outcome) if entry.outcome else "ยังไม่ได้ระบุผลลัพธ์",
            })
            if entry.status in ("ล่าช้า", "ยังไม่เริ่ม"):
                problems.append(f"มาตรการที่ {number} {cells['title']}: {entry.status}")
        w = IMPLEMENTATION_WIDTHS
        cells.update(split_row(
            [(cells["heading"], w[0], True), (cells["period"], w[3], False)],
            {"steps": (cells["steps_text"], w[1], LIST_HANGING_CM, True),
             "responsible": (cells["responsible_text"], w[2], 0.0, True),
             "progress": (cells["progress_text"], w[4], 0.0, True),
             "outcome": (cells["outcome_text"], w[5], 0.0, True)},
        ))
        measures.append(cells)
    plan_year = f.n(plan.fiscal_year)
    total = analysis.total
    intro = (
        f"ตามที่{ctx['agency']}ได้วิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
        f"ประจำปีงบประมาณ พ.ศ.{NBSP}{ctx['fiscal_year']}"
        + (f" ซึ่งได้คะแนนรวม {f.score(total)} คะแนน" if total is not None else "")
        + f" และได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ.{NBSP}{plan_year} "
        f"จำนวน {f.n(len(plan.measures))} มาตรการ บัดนี้ได้ติดตามผลการดำเนินการตามมาตรการ{label} "
        f"ระหว่างวันที่ {f.period(start, end)} แล้ว จึงสรุปผลการดำเนินการ ดังนี้"
    )
    ctx.update({
        "doc_title": (
            "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
            f"ประจำปีงบประมาณ พ.ศ.{NBSP}{plan_year} {label}"
        ),
        "plan_year": plan_year,
        "period": period,
        "period_label": label,
        "period_text": f.period(start, end),
        "intro_text": intro,
        "measures": measures,
        "measure_count": f.n(len(measures)),
        "status_rows": [{"status": s, "count": f.n(c)} for s, c in counts.items()],
        "problems": problems or ["ไม่มี"],
    })
    return ctx
