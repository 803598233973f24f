"""The shared world of the survey tests: agency A's survey from the standard template for two
services (open), agency B's survey, and a helper that records answers as the public form would."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.cache import cache
from django.utils import timezone

from prongsai.web.audit.models import AuditEntry
from prongsai.web.surveys import actions
from prongsai.web.surveys.models import Item, Rating, Response, Service, Survey
from tests.web.base import BaseTestCase

SERVICES = ["งานจัดเก็บภาษี", "งานทะเบียนพาณิชย์"]
SURVEY_TITLE = "แบบสำรวจความพึงพอใจการให้บริการ กองคลัง"


def make_survey(agency, user, title: str = SURVEY_TITLE, services: list[str] | None = None,
                is_open: bool = True) -> Survey:
    survey = actions.create_survey(user, agency, {"title": title, "intro": "", "services": services or SERVICES,
                                                  "ask_profile": True})
    if is_open:
        actions.set_open(user, survey, True)
        survey.refresh_from_db()
    return survey


def answer(survey: Survey, value: int | None | dict[str, Any] = 4, *, service: Service | None = None,
           day: date | None = None, comment: str = "", **profile: str) -> Response:
    """One answer: `value` for every item, or {section key or item pk: value} (others 4)."""
    response = Response.objects.create(survey=survey, service=service or survey.services.first(),
                                       answered_on=day or timezone.localdate(), comment=comment,
                                       gender=profile.get("gender", ""), age_band=profile.get("age_band", ""),
                                       respondent_type=profile.get("respondent_type", ""))
    for item in survey.active_items():
        v = value.get(item.pk, value.get(item.section, 4)) if isinstance(value, dict) else value
        Rating.objects.create(response=response, item=item, value=v)
    return response


def form_data(survey: Survey, value: str = "4", **extra: str) -> dict[str, str]:
    """What the public form posts: `value` for every item, the first service."""
    data = {f"item_{i.pk}": value for i in survey.active_items()}
    services = list(survey.services.all())
    if len(services) > 1:
        data["service"] = str(services[0].pk)
    data.update(extra)
    return data


class SurveyTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.survey = make_survey(cls.agency, cls.owner)
        cls.tax, cls.registry = list(cls.survey.services.all())
        cls.item = cls.survey.active_items().order_by("order").first()
        cls.b_survey = make_survey(cls.other, cls.stranger, title="แบบสำรวจของหน่วยงานบี", services=["งานของบี"])
        cls.b_item = cls.b_survey.active_items().first()

    def setUp(self) -> None:
        super().setUp()
        cache.clear()  # the throttle's counts

    def s_url(self, suffix: str = "", survey: Survey | None = None, agency=None) -> str:
        agency = agency or self.agency
        return f"/a/{agency.pk}/surveys/{(survey or self.survey).pk}/{suffix}"

    def p_url(self, suffix: str = "", agency=None) -> str:
        return f"/p/{(agency or self.agency).pk}/survey/{suffix}"

    def entries(self, object_type: str = actions.SURVEY):
        return AuditEntry.objects.filter(agency=self.agency, object_type=object_type)

    @staticmethod
    def days_ago(n: int) -> date:
        return timezone.localdate() - timedelta(days=n)


__all__ = ["SERVICES", "SURVEY_TITLE", "Item", "SurveyTestCase", "answer", "form_data", "make_survey"]
