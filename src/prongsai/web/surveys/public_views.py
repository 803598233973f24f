"""The public side (design §5.5): /p/<agency>/survey/ lists the open surveys (and goes straight to
the only one), /p/<agency>/survey/<survey>/ is the answer form made for a phone, then a thank-you
page; /p/<agency>/survey/results/ summarises the fiscal year's answers. Anonymous: no login, no
cookie, nothing about the respondent's connection kept (prongsai.web.public.anonymity)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from prongsai.services.surveys import decimal_text, fiscal_year_period, template
from prongsai.thai import fiscal_year_of
from prongsai.web.agencies.models import Agency
from prongsai.web.public.anonymity import Throttle, public_view
from prongsai.web.surveys import actions, results
from prongsai.web.surveys.forms import AnswerForm
from prongsai.web.surveys.models import Survey

# Answers per client address and hour (setting SURVEY_ANSWERS_PER_HOUR, 10 by default): phones on
# an agency's own Wi-Fi share one address, so an agency with a busy counter may raise it.
ANSWERS = Throttle("survey-answer", limit=max(1, int(getattr(settings, "SURVEY_ANSWERS_PER_HOUR", 10))),
                   window=60 * 60)
THROTTLED = ("ส่งแบบสำรวจจากเครื่องนี้ครบจำนวนที่รับได้ในหนึ่งชั่วโมงแล้ว ขอบคุณที่ร่วมตอบ "
             "หากต้องการส่งเพิ่ม กรุณาลองใหม่ในภายหลัง")
CRUMB = "ประเมินความพึงพอใจ"


def _open_surveys(agency: Agency) -> list[Survey]:
    return list(Survey.objects.filter(agency=agency, is_open=True).order_by("created_at", "pk")
                .prefetch_related("services"))


@public_view()
def public_surveys(request: HttpRequest, agency: Agency) -> HttpResponse:
    found = _open_surveys(agency)
    if len(found) == 1:
        return redirect("public_survey", agency.pk, found[0].pk)
    return render(request, "surveys/public_list.html", {
        "agency": agency, "title": "ประเมินความพึงพอใจการให้บริการ", "crumbs": [(CRUMB, None)], "surveys": found,
    })


@public_view(methods=("GET", "HEAD", "POST"))
def public_survey(request: HttpRequest, agency: Agency, survey_id: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=survey_id, agency=agency)
    tpl = template()
    context = {"agency": agency, "survey": survey, "title": survey.title, "tpl": tpl,
               "crumbs": [(CRUMB, reverse("public_surveys", args=[agency.pk])), (survey.title, None)]}
    if not survey.is_open:
        return render(request, "surveys/public_closed.html", context)
    items = list(survey.active_items().order_by("order", "pk"))
    rank = {key: n for n, key in enumerate(tpl.section_keys)}
    items = [i for i in items if i.section in rank]
    items.sort(key=lambda i: (rank[i.section], i.order, i.pk))
    services = list(survey.services.all())
    if not items or not services:
        return render(request, "surveys/public_closed.html", context)
    status = 200
    if request.method == "POST":
        form = AnswerForm(request.POST, survey=survey, items=items, services=services, tpl=tpl)
        if ANSWERS.exceeded(request):
            form.is_valid()
            form.add_error(None, THROTTLED)
            status = 429
        elif form.is_bot:
            # Looks sent; keeps nothing. Counted, so a robot is slowed as a person would be.
            ANSWERS.count(request)
            return redirect("public_survey_thanks", agency.pk, survey.pk)
        elif form.is_valid():
            ANSWERS.count(request)
            service, ratings, profile, comment = form.answer()
            actions.record_answer(survey, service, ratings, profile, comment)
            return redirect("public_survey_thanks", agency.pk, survey.pk)
        else:
            status = 400
    else:
        form = AnswerForm(survey=survey, items=items, services=services, tpl=tpl)
    return render(request, "surveys/public_form.html", {**context, "form": form, "count": len(items)}, status=status)


@public_view()
def public_survey_thanks(request: HttpRequest, agency: Agency, survey_id: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=survey_id, agency=agency)
    return render(request, "surveys/public_thanks.html", {
        "agency": agency, "survey": survey, "title": "ขอบคุณที่ร่วมตอบแบบสำรวจ",
        "crumbs": [(CRUMB, reverse("public_surveys", args=[agency.pk])), ("ส่งแบบสำรวจแล้ว", None)],
    })


@public_view()
def public_survey_results(request: HttpRequest, agency: Agency) -> HttpResponse:
    today = timezone.localdate()
    every = list(Survey.objects.filter(agency=agency).order_by("-is_open", "created_at", "pk"))
    years = results.years_of(every, today) if every else [fiscal_year_of(today)]
    raw = request.GET.get("year")
    if raw:
        if not raw.isdigit() or int(raw) not in years:
            raise Http404
        year = int(raw)
    else:
        year = years[0]
    period = fiscal_year_period(year)
    counted = {s.pk: s.n for s in Survey.objects.filter(agency=agency).annotate(
        n=Count("responses", filter=Q(responses__answered_on__range=(period.start, period.end))))}
    shown = [s for s in every if counted.get(s.pk) or s.is_open]
    summaries = [(s, results.summary(s, period)) for s in shown]
    response = render(request, "surveys/public_results.html", {
        "agency": agency, "title": "ผลการสำรวจความพึงพอใจการให้บริการ", "crumbs": [("ผลการสำรวจความพึงพอใจ", None)],
        "summaries": summaries, "year": year, "years": years, "period": period, "as_of": period.until(today),
        "tpl": template(), "dec": decimal_text, "any_open": any(s.is_open for s in every),
    })
    return response
