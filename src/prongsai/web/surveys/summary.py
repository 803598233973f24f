"""The figures the agency's dashboard shows about its satisfaction surveys (the dashboard
calls :func:`for_dashboard`): respondents this fiscal year and the overall satisfaction."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone

from prongsai.services.surveys import Answer, Question, decimal_text, fiscal_year_period, summarise, template
from prongsai.thai import fiscal_year_of
from prongsai.web.surveys import results
from prongsai.web.surveys.models import Survey

SATISFIED_FROM = Decimal("3.51")  # below the level มาก the overall figure is flagged


def for_dashboard(access: Any) -> list[dict[str, Any]]:
    """[{title, value, note, href, bad}]: respondents this fiscal year, and the overall
    satisfaction over every survey of the agency (every rating pooled, as in one survey)."""
    agency = access.agency
    href = reverse("surveys", args=[agency.pk])
    surveys = list(Survey.objects.filter(agency=agency).prefetch_related("services"))
    year = fiscal_year_of(timezone.localdate())
    if not surveys:
        return [{"title": "การสำรวจความพึงพอใจ", "value": "ยังไม่มี",
                 "note": "สร้างแบบสำรวจจากแบบสำรวจมาตรฐาน แล้วพิมพ์โปสเตอร์คิวอาร์โค้ดติดที่จุดให้บริการ",
                 "href": href, "bad": True}]
    period = fiscal_year_period(year)
    answers: list[Answer] = []
    questions: list[Question] = []
    for survey in surveys:
        answers += results.answers_for(survey, period)
        questions += results.questions_for(survey, period)
    figures = summarise(answers, questions, period=period)
    open_count = sum(1 for s in surveys if s.is_open)
    tpl = template()
    respondents = {
        "title": f"ผู้ตอบแบบสำรวจความพึงพอใจ ปีงบประมาณ {year}", "value": f"{figures.respondents} คน",
        "note": (f"เปิดรับคำตอบ {open_count} จาก {len(surveys)} แบบสำรวจ" if open_count
                 else "ไม่มีแบบสำรวจที่เปิดรับคำตอบ")
                + (f" · น้อยกว่า {tpl.small_sample} คน ผลอาจคลาดเคลื่อน" if figures.small_sample else ""),
        "href": href, "bad": not open_count or figures.respondents == 0,
    }
    mean = figures.overall.tally.mean
    overall = {
        "title": "ความพึงพอใจภาพรวมทุกด้าน (เต็ม 5)",
        "value": decimal_text(mean) + (f" {figures.overall.level}" if figures.overall.level else ""),
        "note": (f"ร้อยละที่พึงพอใจ {decimal_text(figures.overall.tally.share)}" if mean is not None
                 else "ยังไม่มีผู้ให้คะแนนในปีงบประมาณนี้"),
        "href": href, "bad": mean is None or mean < SATISFIED_FROM,
    }
    return [respondents, overall]
