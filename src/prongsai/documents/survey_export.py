"""A survey's answers as a spreadsheet, with Thai headers and Buddhist-era dates: one row per
answer (the day, the service, the profile, a column per item: 1–5 or "ไม่เกี่ยวข้อง", the
comment), and in the workbook a second sheet with the counts, mean, S.D. and share of each item.

What respondents typed cannot run as a formula: a cell that would start with = + - @ (or a tab
or carriage return) is written as text in the workbook and prefixed with an apostrophe in CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date

from prongsai.services.surveys import Answer, Question, Summary, Template, section_numbers, template

SHEET_ANSWERS = "คำตอบ"
SHEET_ITEMS = "สรุปผลรายข้อ"
NOT_APPLICABLE = "ไม่เกี่ยวข้อง"
NOT_GIVEN = "ไม่ระบุ"
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def be_date(day: date) -> str:
    """``15/01/2569``."""
    return f"{day.day:02d}/{day.month:02d}/{day.year + 543}"


def numbered(questions: Sequence[Question], tpl: Template) -> list[tuple[str, Question]]:
    """(number, question) as the summary numbers them: section number, then the item's place in it."""
    section_no = section_numbers(questions, tpl)
    counts: dict[str, int] = {}
    out = []
    for q in sorted(questions, key=lambda q: section_no.get(q.section, 99)):
        counts[q.section] = counts.get(q.section, 0) + 1
        out.append((f"{section_no.get(q.section, 0)}.{counts[q.section]}", q))
    return out


def _header(questions: list[tuple[str, Question]], tpl: Template) -> list[str]:
    profile = [q.label for q in tpl.profile]
    items = [f"ข้อ {n} {q.text}" + (f" ({q.note})" if q.note else "") for n, q in questions]
    return ["ลำดับ", "วันที่ตอบ", "งานบริการ", *profile, *items, "ข้อเสนอแนะ"]


def _rows(answers: Sequence[Answer], questions: list[tuple[str, Question]], tpl: Template) -> list[list]:
    rows = []
    for n, a in enumerate(answers, start=1):
        profile = []
        for q in tpl.profile:
            label = q.label_of(a.profile.get(q.key, ""))
            profile.append(label or NOT_GIVEN)
        ratings = []
        for _, q in questions:
            if q.key not in a.ratings:
                ratings.append("")
            else:
                value = a.ratings[q.key]
                ratings.append(NOT_APPLICABLE if value is None else value)
        rows.append([n, be_date(a.answered_on), a.service, *profile, *ratings, a.comment])
    return rows


def _safe_csv(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def answers_csv(answers: Sequence[Answer], questions: Sequence[Question], *, tpl: Template | None = None) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens the Thai correctly."""
    tpl = tpl or template()
    ordered = numbered(questions, tpl)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_header(ordered, tpl))
    for row in _rows(answers, ordered, tpl):
        writer.writerow([_safe_csv(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def answers_xlsx(answers: Sequence[Answer], questions: Sequence[Question], summary: Summary, *, agency_name: str,
                 survey_title: str, as_of: date, tpl: Template | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from prongsai.documents.fonts import FONT_FAMILY

    tpl = tpl or template()
    ordered = numbered(questions, tpl)
    font, bold = Font(name=FONT_FAMILY, size=14), Font(name=FONT_FAMILY, size=14, bold=True)
    fill = PatternFill("solid", fgColor="D9D9D9")
    wb = Workbook()

    def put(ws, row: int, column: int, value: object, f: Font = font):
        cell = ws.cell(row=row, column=column, value=value)
        if isinstance(value, str) and value.startswith(_FORMULA):
            cell.data_type = "s"  # respondents' text is never a formula
        cell.font = f
        return cell

    def heading(ws, lines: list[str]) -> int:
        for r, text in enumerate(lines, start=1):
            put(ws, r, 1, text, bold if r == 1 else font)
        return len(lines) + 2

    period = summary.period
    lines = [f"{survey_title}", agency_name,
             f"คำตอบตั้งแต่วันที่ {be_date(period.start)} ถึงวันที่ {be_date(period.until(as_of))}" if period else "",
             f"ผู้ตอบ {summary.respondents} คน"]
    ws = wb.active
    ws.title = SHEET_ANSWERS
    top = heading(ws, lines)
    for c, text in enumerate(_header(ordered, tpl), start=1):
        cell = put(ws, top, c, text, bold)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for r, values in enumerate(_rows(answers, ordered, tpl), start=top + 1):
        for c, value in enumerate(values, start=1):
            put(ws, r, c, value)
    ws.freeze_panes = ws.cell(row=top + 1, column=4)
    ws.column_dimensions["A"].width = 8
    ws.column_dimensions["B"].width = 13
    ws.column_dimensions["C"].width = 26

    ws = wb.create_sheet(SHEET_ITEMS)
    top = heading(ws, lines)
    header = ["ข้อ", "รายการประเมิน", "ผู้ให้คะแนน", NOT_APPLICABLE, *(f"{p.value} {p.label}" for p in tpl.scale),
              "ค่าเฉลี่ย", "ส่วนเบี่ยงเบนมาตรฐาน", "ร้อยละที่พึงพอใจ", "ระดับ"]
    for c, text in enumerate(header, start=1):
        cell = put(ws, top, c, text, bold)
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    r = top
    for sec in summary.overall.sections:
        rows = [(f"{sec.number}.", sec.title, sec.tally, sec.level, bold)]
        rows += [(i.number, i.question.text + (f" ({i.question.note})" if i.question.note else ""), i.tally, i.level,
                  font) for i in sec.items]
        for number, text, t, level, f in rows:
            r += 1
            values = [number, text, t.n, t.not_applicable, *reversed(t.counts),
                      None if t.mean is None else float(t.mean), None if t.sd is None else float(t.sd),
                      None if t.share is None else float(t.share), level or "–"]
            for c, value in enumerate(values, start=1):
                put(ws, r, c, value, f)
    t = summary.overall.tally
    r += 1
    for c, value in enumerate(["", "ภาพรวมทุกด้าน", t.n, t.not_applicable, *reversed(t.counts),
                               None if t.mean is None else float(t.mean), None if t.sd is None else float(t.sd),
                               None if t.share is None else float(t.share), summary.overall.level or "–"], start=1):
        put(ws, r, c, value, bold)
    ws.column_dimensions["B"].width = 60
    wb.properties.title = survey_title
    wb.properties.creator = agency_name
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
