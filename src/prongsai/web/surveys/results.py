"""A survey's answers, read from the database into the core's terms (prongsai.services.surveys),
and the summary of a period."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpRequest
from django.utils import timezone

from prongsai.errors import InputError
from prongsai.services.surveys import (
    Answer,
    Period,
    Question,
    Summary,
    fiscal_year_period,
    parse_period,
    periods_of,
    summarise,
    template,
)
from prongsai.thai import fiscal_year_of
from prongsai.web.surveys.models import Item, Rating, Response, Survey
from prongsai.web.ui.template_filters import thdate


def years_of(surveys: list[Survey] | Survey, today: date | None = None) -> list[int]:
    """Fiscal years with answers, and the current one, newest first."""
    today = today or timezone.localdate()
    many = surveys if isinstance(surveys, list) else [surveys]
    days = Response.objects.filter(survey__in=many).values_list("answered_on", flat=True).distinct()
    found = {fiscal_year_of(d) for d in days}
    found.add(fiscal_year_of(today))
    return sorted(found, reverse=True)


def period_from(request: HttpRequest, years: list[int], name: str = "period") -> Period:
    """The period the page asks for (``?period=2569-h1``; the newest year by default); 404 for one
    that is not a period of `years` (a typed address, not a form)."""
    raw = request.GET.get(name)
    if not raw:
        return fiscal_year_period(years[0])
    try:
        period = parse_period(raw)
    except InputError:
        raise Http404 from None
    if period.fiscal_year not in years:
        raise Http404
    return period


def period_choices(years: list[int]) -> list[Period]:
    return [p for year in years for p in periods_of(year)]


def questions_for(survey: Survey, period: Period | None) -> list[Question]:
    """The items asked now, and the retired ones with answers in `period` (each just before the
    item that replaced it), section by section in the template's order."""
    tpl = template()
    items = list(Item.objects.filter(survey=survey))
    answered: set[int] = set()
    retired = [i for i in items if not i.active]
    if retired:
        ratings = Rating.objects.filter(item__in=retired)
        if period is not None:
            ratings = ratings.filter(response__answered_on__range=(period.start, period.end))
        answered = set(ratings.values_list("item_id", flat=True).distinct())
    shown = [i for i in items if i.active or i.pk in answered]
    rank = {key: n for n, key in enumerate(tpl.section_keys)}
    shown.sort(key=lambda i: (rank.get(i.section, len(rank)), i.order, i.active, i.pk))
    return [Question(str(i.pk), i.section, i.text,
                     "" if i.active else f"ข้อคำถามเดิม เลิกใช้เมื่อ {thdate(i.retired_on)}")
            for i in shown if i.section in rank]


def answers_for(survey: Survey, period: Period | None) -> list[Answer]:
    responses = Response.objects.filter(survey=survey).select_related("service")
    if period is not None:
        responses = responses.filter(answered_on__range=(period.start, period.end))
    ratings: dict[int, dict[str, int | None]] = {}
    rows = Rating.objects.filter(response__in=responses.values("pk")).values_list("response_id", "item_id", "value")
    for response_id, item_id, value in rows:
        ratings.setdefault(response_id, {})[str(item_id)] = value
    return [Answer(r.answered_on, r.service.name, ratings.get(r.pk, {}),
                   {"gender": r.gender, "age_band": r.age_band, "respondent_type": r.respondent_type}, r.comment)
            for r in responses.order_by("answered_on", "pk")]


def summary(survey: Survey, period: Period | None) -> Summary:
    return summarise(answers_for(survey, period), questions_for(survey, period), survey.service_names(),
                     period=period)
