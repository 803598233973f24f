"""รายงานผลการสำรวจความพึงพอใจการให้บริการ: the report an agency publishes for the OIT item on
its satisfaction survey (FY2567 O17 รายงานผลการสำรวจความพึงพอใจการให้บริการ), from a
:class:`prongsai.services.surveys.Summary`, as DOCX (python-docx) or PDF (the DOCX through
LibreOffice).

It states the period and the method, the respondents and their profile (table), the mean, the
standard deviation, the share satisfied and the level of every section and item (table), a bar
chart of the section means, the results per service (table), the comments (all of them, or the
most recent ones with the total), and a conclusion written from the figures. The wording is our
own, kept as data (``data/survey_report.yaml``) and checked when read.

API::

    build_report(summary, agency_name=…, survey_title=…, as_of=…) -> bytes     # the DOCX
    write_report("docx" | "pdf", out, summary, agency_name=…, …) -> Path       # atomic

Bad input raises :class:`prongsai.errors.InputError` with a Thai message.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from prongsai.documents import docx_build as build
from prongsai.documents.wordbreak import WORD_JOINER
from prongsai.errors import InputError
from prongsai.services.surveys import Summary, Template, full_date, template
from prongsai.thai import normalise_text

DATA_FILE = "survey_report.yaml"
COMMENTS_SHOWN = 30
PROFILE_WIDTHS_CM = (9.4, 3.3, 3.3)
RESULT_WIDTHS_CM = (1.2, 7.6, 1.6, 2.0, 1.9, 1.7)
RESULT_HEADER = ("ข้อ", "รายการประเมิน", "ค่าเฉลี่ย", "ส่วนเบี่ยงเบนมาตรฐาน", "ร้อยละที่พึงพอใจ", "ระดับ")
SERVICE_WIDTHS_CM = (6.4, 2.4, 2.4, 2.4, 2.4)
SERVICE_HEADER = ("งานบริการ", "ผู้ตอบ (คน)", "ค่าเฉลี่ย", "ร้อยละที่พึงพอใจ", "ระดับ")
CRITERIA_WIDTHS_CM = (4.0, 4.0)
CHART_WIDTH_CM = 14.0

PLACEHOLDERS = {
    "agency", "survey", "services", "period", "items", "sections", "respondents", "small_sample", "level", "mean",
    "share", "high", "high_mean", "low", "low_mean", "lowest", "best", "best_mean", "worst", "worst_mean", "shown",
    "comments", "table",
}
_SLOT = re.compile(r"\{([^{}]*)\}")
# Compounds this report uses often that the segmenter cuts in context ("ค่า|เฉลี่ย", "ทั้ง|สิ้น"):
# the marked syllables are joined with WORD JOINER, so a line never breaks inside them.
KEEP_WHOLE: tuple[str, ...] = ("ค่า|เฉลี่ย", "ทั้ง|สิ้น", "ผู้|รับ|บริการ", "พึง|พอ|ใจ", "แบบ|สำรวจ", "ร้อย|ละ",
                               "คิว|อาร์|โค้ด", "ไม่|เกี่ยว|ข้อง", "ผู้|ตอบ", "ส่วน|เบี่ยง|เบน",
                               "ภาพ|รวม", "ปรับ|ปรุง")
_WHOLE = sorted(((w.replace("|", ""), w.replace("|", WORD_JOINER)) for w in KEEP_WHOLE),
                key=lambda pair: len(pair[0]), reverse=True)


SERVICE_WHOLE_MAX = 24  # a service's name up to this length never breaks across lines


def unbreakable(name: str) -> str:
    """`name` with a WORD JOINER before every character but a combining mark, so that no line
    break falls inside it (LibreOffice's own Thai dictionary breaks "งานจัดเก็บ|ภาษี", which the
    segmenter keeps whole, so joining only the segmenter's boundaries is not enough)."""
    import unicodedata

    out = []
    for n, ch in enumerate(name):
        if n and not unicodedata.combining(ch) and unicodedata.category(ch) != "Mn" and name[n - 1] != WORD_JOINER \
                and ch != WORD_JOINER and not ch.isspace() and not name[n - 1].isspace():
            out.append(WORD_JOINER)
        out.append(ch)
    return "".join(out)


def keep_whole(text: str) -> str:
    for plain, joined in _WHOLE:
        if plain in text:
            text = text.replace(plain, joined)
    return text


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Headings(_Model):
    background: str
    respondents: str
    results: str
    services: str
    comments: str
    conclusion: str


class Wording(_Model):
    id: str
    version: str
    locale: Literal["th"] = "th"
    title: str = Field(min_length=1)
    headings: Headings
    background: str
    method: str
    criteria: str
    share_note: str
    respondents: str
    respondents_no_profile: str
    small_sample: str
    no_answers: str
    results: str
    services: str
    comments_all: str
    comments_sample: str
    comments_none: str
    comments_withheld: str
    conclusion_overall: str
    conclusion_sections: str
    conclusion_items: str
    conclusion_services: str
    closing: str

    @model_validator(mode="after")
    def _placeholders(self) -> Wording:
        for name, value in self.model_dump().items():
            texts = value.values() if isinstance(value, dict) else [value]
            for text in texts:
                if not isinstance(text, str):
                    continue
                unknown = set(_SLOT.findall(text)) - PLACEHOLDERS
                if unknown:
                    raise ValueError(f"{name}: ไม่รู้จักช่อง {{{sorted(unknown)[0]}}}")
                if re.sub(_SLOT, "", text).count("{") or re.sub(_SLOT, "", text).count("}"):
                    raise ValueError(f"{name}: วงเล็บปีกกาไม่ครบคู่")
        return self


def parse_wording(text: str, file: str = DATA_FILE) -> Wording:
    from prongsai.yamlio import YamlError, loads_yaml

    try:
        data = loads_yaml(text)
    except YamlError as exc:
        raise InputError(str(exc), file=file, expected="ไฟล์ YAML ตามสคีมา Wording") from None
    if not isinstance(data, dict):
        raise InputError("ไฟล์ถ้อยคำรายงานต้องเป็นชุดข้อมูลแบบ key: value", file=file)
    try:
        return Wording.model_validate(data)
    except ValidationError as exc:
        from prongsai.ita.library import describe_validation_error

        where, what = describe_validation_error(exc)
        raise InputError(f"ถ้อยคำรายงานผลการสำรวจไม่ถูกต้อง: {what}", file=file, where=where,
                         expected="ตามสคีมา Wording ใน prongsai.documents.survey_report") from None


@cache
def load_wording() -> Wording:
    text = resources.files("prongsai.documents").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return parse_wording(text)


# --------------------------------------------------------------------------- the document


def _joined(names: Sequence[str]) -> str:
    names = [n for n in names if n]
    if len(names) <= 1:
        return "".join(names)
    return " ".join(names[:-1]) + " และ" + names[-1]


def period_text(summary: Summary, as_of: date) -> str:
    """``วันที่ 1 ตุลาคม พ.ศ. 2568 ถึงวันที่ 31 มีนาคม พ.ศ. 2569`` (to `as_of` while the period runs)."""
    period = summary.period
    end = period.until(as_of)
    return f"วันที่ {full_date(period.start)} ถึงวันที่ {full_date(end)}"


def _check(summary: Any, agency_name: str, survey_title: str) -> tuple[str, str]:
    if not isinstance(summary, Summary) or summary.period is None:
        raise InputError("ไม่มีผลการสำรวจของช่วงเวลาที่กำหนด", where="summary",
                         expected="ผลจาก prongsai.services.surveys.summarise(…, period=…)")
    agency = normalise_text(agency_name or "")
    if not agency:
        raise InputError("ไม่ได้ระบุชื่อหน่วยงาน", where="agency_name",
                         expected="ชื่อเต็มของหน่วยงาน เช่น องค์การบริหารส่วนตำบลลาดหญ้า")
    title = normalise_text(survey_title or "")
    if not title:
        raise InputError("ไม่ได้ระบุชื่อแบบสำรวจ", where="survey_title", expected="เช่น แบบสำรวจความพึงพอใจการให้บริการ")
    return agency, title


class _Writer:
    def __init__(self, summary: Summary, agency: str, survey: str, as_of: date, thai_digits: bool, tpl: Template,
                 wording: Wording, agency_type: str | None, comments: bool) -> None:
        self.s, self.agency, self.survey, self.tpl, self.w = summary, agency, survey, tpl, wording
        self.d = build.Digits(thai_digits)
        self.as_of = as_of
        self.show_comments = comments
        services = [g.name for g in summary.by_service]
        self.names = [n for n in (build.place_name(agency, agency_type),) if n]
        self.service_names = sorted((n for n in services if len(n) <= SERVICE_WHOLE_MAX), key=len, reverse=True)
        self.doc = build.new_document()
        self.tables = 0
        self.heading_no = 0
        questions = [i for sec in summary.overall.sections for i in sec.items]
        self.values: dict[str, Any] = {
            "agency": agency, "survey": survey, "services": _joined(services),
            "period": period_text(summary, as_of), "items": len(questions),
            "sections": len(summary.overall.sections), "respondents": summary.respondents,
            "small_sample": tpl.small_sample,
        }

    # text helpers

    def fill(self, text: str, **more: Any) -> str:
        values = {**self.values, **more}
        text = keep_whole(build.glue(self.d.t(_SLOT.sub(lambda m: str(values[m.group(1)]), text)), self.names))
        for name in self.service_names:
            shown = self.d.t(name)
            if shown in text:
                text = text.replace(shown, unbreakable(shown))
        return text

    def para(self, text: str, values: dict[str, Any] | None = None, **layout: Any):
        layout.setdefault("indent", True)
        return build.paragraph(self.doc, self.fill(text, **(values or {})), **layout)

    def heading(self, text: str) -> None:
        self.heading_no += 1
        build.heading(self.doc, f"{self.d.n(self.heading_no)}. {text}", before=10)

    def caption(self, text: str, before: float = 6) -> None:
        self.tables += 1
        build.paragraph(self.doc, self.fill(f"ตารางที่ {self.tables} {text}"), bold=True, before=before,
                        keep_next=True)

    def dec(self, value: Any) -> str:
        return "–" if value is None else self.d.n(f"{value:.2f}")

    # parts

    def title(self) -> None:
        center = WD_ALIGN_PARAGRAPH.CENTER
        s = self.s
        build.paragraph(self.doc, self.w.title, bold=True, align=center, keep_next=True)
        build.paragraph(self.doc, build.glue(self.d.t(self.agency), self.names), bold=True, align=center,
                        keep_next=True)
        period = s.period
        if period.key == str(period.fiscal_year):
            line = f"ประจำปีงบประมาณ พ.ศ.{build.NBSP}{period.fiscal_year}"
        else:
            line = f"{period_text(s, self.as_of)}"
        build.paragraph(self.doc, self.d.t(line), bold=True, align=center, keep_next=True)
        build.paragraph(self.doc, f"ข้อมูล ณ วันที่ {self.d.date(period.until(self.as_of))}", align=center, after=6)

    def background(self) -> None:
        self.heading(self.w.headings.background)
        self.para(self.w.background)
        self.para(self.w.method, after=3)
        build.paragraph(self.doc, self.fill(self.w.criteria), indent=True, keep_next=True)
        rows = [[self.d.n(f"{low}–{high}"), label] for low, high, label in self.tpl.criteria()]
        build.table(self.doc, ("ค่าเฉลี่ย", "ระดับความพึงพอใจ"), rows, CRITERIA_WIDTHS_CM,
                    aligns=(WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.CENTER))
        self.para(self.w.share_note, before=6)

    def respondents(self) -> None:
        s = self.s
        self.heading(self.w.headings.respondents)
        if s.empty:
            self.para(self.w.no_answers)
            return
        profile = list(s.given_profile)
        if profile:
            self.para(self.w.respondents, {"table": self.d.n(self.tables + 1)})
        else:
            self.para(self.w.respondents_no_profile)
        if s.small_sample:
            self.para(self.w.small_sample)
        if not profile:
            return
        self.caption("ข้อมูลทั่วไปของผู้ตอบแบบสำรวจ")
        rows: list[list[str]] = []
        bold: list[int] = []
        for p in profile:
            bold.append(len(rows))
            rows.append([p.label, "", ""])
            for r in p.rows:
                if r.label == "ไม่ระบุ" and not r.count:
                    continue
                rows.append([f"{build.NBSP * 4}{r.label}", self.d.n(r.count), self.dec(r.share)])
        bold.append(len(rows))
        rows.append(["รวม", self.d.n(s.respondents), self.d.n("100.00")])
        center = WD_ALIGN_PARAGRAPH.CENTER
        build.table(self.doc, ("ข้อมูลทั่วไป", "จำนวน (คน)", "ร้อยละ"), [[self.d.t(c) for c in r] for r in rows],
                    PROFILE_WIDTHS_CM, aligns=(None, center, center), bold_rows=bold)

    def results(self) -> None:
        s = self.s
        if s.empty:
            return
        self.heading(self.w.headings.results)
        self.para(self.w.results, {"table": self.d.n(self.tables + 1)})
        # The chart (one block that cannot split) comes before the table (which flows over pages),
        # so a page never ends half empty waiting for room for the chart.
        self.chart()
        self.caption("ความพึงพอใจของผู้รับบริการ จำแนกรายด้านและรายข้อ")
        rows: list[list[str]] = []
        bold: list[int] = []
        for sec in s.overall.sections:
            bold.append(len(rows))
            t = sec.tally
            rows.append([self.d.n(sec.number + "."), sec.title, self.dec(t.mean), self.dec(t.sd), self.dec(t.share),
                         sec.level or "–"])
            for it in sec.items:
                t = it.tally
                text = it.question.text + (f" ({it.question.note})" if it.question.note else "")
                rows.append([self.d.n(it.number), self.d.t(text), self.dec(t.mean), self.dec(t.sd), self.dec(t.share),
                             it.level or "–"])
        bold.append(len(rows))
        t = s.overall.tally
        rows.append(["", "ภาพรวมทุกด้าน", self.dec(t.mean), self.dec(t.sd), self.dec(t.share), s.overall.level or "–"])
        center = WD_ALIGN_PARAGRAPH.CENTER
        build.table(self.doc, RESULT_HEADER, rows, RESULT_WIDTHS_CM,
                    aligns=(center, None, center, center, center, center), bold_rows=bold)

    def chart(self) -> None:
        from prongsai.documents.survey_chart import section_chart

        rows = [(f"{sec.number}. {sec.title}", sec.tally.mean, sec.level) for sec in self.s.overall.sections]
        png = section_chart(rows, thai_digits=self.d.thai)
        p = build.paragraph(self.doc, "", align=WD_ALIGN_PARAGRAPH.CENTER, before=6, keep_next=True)
        p.add_run().add_picture(io.BytesIO(png), width=Cm(CHART_WIDTH_CM))
        build.paragraph(self.doc, self.d.t("แผนภูมิที่ 1 ค่าเฉลี่ยความพึงพอใจรายด้าน (คะแนนเต็ม 5)"), bold=True,
                        align=WD_ALIGN_PARAGRAPH.CENTER, after=6)

    def services(self) -> None:
        s = self.s
        if s.empty or not s.by_service:
            return
        self.heading(self.w.headings.services)
        self.para(self.w.services, {"table": self.d.n(self.tables + 1)})
        self.caption("ความพึงพอใจของผู้รับบริการ จำแนกตามงานบริการ")
        rows = [[self.d.t(g.name), self.d.n(g.respondents), self.dec(g.tally.mean), self.dec(g.tally.share),
                 g.level or "–"] for g in s.by_service]
        t = s.overall.tally
        rows.append(["รวมทุกงานบริการ", self.d.n(s.respondents), self.dec(t.mean), self.dec(t.share),
                     s.overall.level or "–"])
        center = WD_ALIGN_PARAGRAPH.CENTER
        build.table(self.doc, SERVICE_HEADER, rows, SERVICE_WIDTHS_CM,
                    aligns=(None, center, center, center, center), bold_rows=[len(rows) - 1])

    def comments(self) -> None:
        s = self.s
        if s.empty:
            return
        self.heading(self.w.headings.comments)
        comments = list(s.comments)
        if not comments:
            self.para(self.w.comments_none)
            return
        if not self.show_comments:
            self.para(self.w.comments_withheld, {"comments": self.d.n(len(comments))})
            return
        shown = comments[-COMMENTS_SHOWN:] if len(comments) > COMMENTS_SHOWN else comments
        if len(shown) < len(comments):
            self.para(self.w.comments_sample, {"comments": self.d.n(len(comments)), "shown": self.d.n(len(shown))})
        else:
            self.para(self.w.comments_all, {"comments": self.d.n(len(comments))})
        many = len(s.by_service) > 1
        for n, c in enumerate(shown, start=1):
            text = c.text + (f" ({c.service})" if many and c.service else "")
            build.item(self.doc, f"{self.d.n(n)}.", self.d.t(text))

    def conclusion(self) -> None:
        s = self.s
        self.heading(self.w.headings.conclusion)
        if s.empty:
            self.para(self.w.no_answers)
            self.para(self.w.closing)
            return
        number = 0

        def point(text: str, **values: Any) -> None:
            nonlocal number
            number += 1
            build.item(self.doc, f"{self.d.n(self.heading_no)}.{self.d.n(number)}", self.fill(text, **values))

        t = s.overall.tally
        if t.n:
            point(self.w.conclusion_overall, level=s.overall.level, mean=self.dec(t.mean), share=self.dec(t.share))
        high, low = s.highest_section(), s.lowest_section()
        if high and low and high.key != low.key and high.tally.mean != low.tally.mean:
            point(self.w.conclusion_sections, high=high.title, high_mean=self.dec(high.tally.mean), low=low.title,
                  low_mean=self.dec(low.tally.mean))
        lowest = s.lowest_items(3)
        if lowest and len([i for sec in s.overall.sections for i in sec.items if i.tally.n]) > 3:
            listed = _joined([f"ข้อ {self.d.n(i.number)} {i.question.text} (ค่าเฉลี่ย {self.dec(i.tally.mean)})"
                              for i in lowest])
            point(self.w.conclusion_items, lowest=listed)
        rated = [g for g in s.by_service if g.tally.n]
        if len(rated) > 1:
            best = max(rated, key=lambda g: g.tally.mean)
            worst = min(rated, key=lambda g: g.tally.mean)
            if best.tally.mean != worst.tally.mean:
                point(self.w.conclusion_services, best=best.name, best_mean=self.dec(best.tally.mean),
                      worst=worst.name, worst_mean=self.dec(worst.tally.mean))
        if s.small_sample:
            point(self.w.small_sample)
        self.para(self.w.closing, before=6)

    def build(self) -> bytes:
        build.page_numbers_from_second_page(self.doc.sections[0])
        self.title()
        self.background()
        self.respondents()
        self.results()
        self.services()
        self.comments()
        self.conclusion()
        build.set_properties(self.doc, title=f"{self.w.title} {self.agency}", author=self.agency)
        return build.to_bytes(self.doc)


def build_report(summary: Summary, *, agency_name: str, survey_title: str, as_of: date,
                 agency_type: str | None = None, thai_digits: bool = True, comments: bool = True,
                 tpl: Template | None = None, wording: Wording | None = None) -> bytes:
    """The report as DOCX bytes. `comments`: print the respondents' comments (False: only their
    number, for a copy published without review)."""
    agency, title = _check(summary, agency_name, survey_title)
    return _Writer(summary, agency, title, as_of, thai_digits, tpl or template(), wording or load_wording(),
                   agency_type, comments).build()


def write_report(fmt: Literal["docx", "pdf"], out: str | os.PathLike[str], summary: Summary, *, agency_name: str,
                 survey_title: str, as_of: date, agency_type: str | None = None, thai_digits: bool = True,
                 comments: bool = True, office: Any = None, timeout: float | None = None) -> Path:
    """Write the report to `out` as DOCX or PDF (replaced atomically; untouched on failure)."""
    _check(summary, agency_name, survey_title)
    return build.write_document(
        fmt, out, lambda: build_report(summary, agency_name=agency_name, survey_title=survey_title, as_of=as_of,
                                       agency_type=agency_type, thai_digits=thai_digits, comments=comments),
        thai_digits=thai_digits, office=office, timeout=timeout)


def report_filename(agency_name: str, period_key: str, fmt: str) -> str:
    clean = re.compile(r"[\\/:*?\"<>|\s]+")
    return f"รายงานผลการสำรวจความพึงพอใจ-{clean.sub('', agency_name)}-{period_key}.{fmt}"
