"""tests/web/test_isolation.py's walk over the survey URLs, with the values its owner adds to
`params_for` (survey_id: agency A's survey; item_id: one of its items): a stranger gets 404 for
A's objects by A's URLs and by B's URLs carrying A's ids; a supervisor in scope gets 403/405 for
every POST and changes nothing; public pages show nothing of A's private data and set no cookie."""

from __future__ import annotations

import re

from django.urls import get_resolver

from prongsai.web.audit.models import AuditEntry
from prongsai.web.surveys.models import Item, Rating, Response, Service, Survey
from tests.web.test_isolation import walk
from tests.web.test_survey_world import SurveyTestCase, answer

OBJECT_IDS = ("survey_id", "item_id")


def counts() -> dict[str, object]:
    return {"surveys": hash(tuple(Survey.objects.order_by("pk").values_list("title", "is_open", "ask_profile"))),
            "items": hash(tuple(Item.objects.order_by("pk").values_list("text", "order", "retired_on"))),
            "services": hash(tuple(Service.objects.order_by("pk").values_list("name"))),
            "responses": Response.objects.count(), "ratings": Rating.objects.count()}


class SurveyIsolationTestCase(SurveyTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        answer(cls.survey, 4, comment="ข้อเสนอแนะลับของหน่วยงานเอ")

    def params(self, agency) -> dict[str, object]:
        return {"agency_id": agency.pk, "survey_id": self.survey.pk, "item_id": self.item.pk, "fmt": "docx"}

    def url(self, route: str, agency) -> str:
        values = self.params(agency)
        return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: str(values[m.group(2)]), route)

    def routes(self, prefix: str):
        return [(r, p) for r, p in walk(get_resolver().url_patterns)
                if r.startswith(prefix) and p.callback.__module__.startswith("prongsai.web.surveys")]

    def test_a_stranger_gets_404(self):
        self.login(self.stranger)
        before, audit = counts(), AuditEntry.objects.filter(agency=self.agency).count()
        checked = 0
        for route, p in self.routes("a/"):
            for agency in (self.agency, self.other):
                if agency == self.other and not any(f"<int:{k}>" in route for k in OBJECT_IDS):
                    continue
                methods = ("get", "post") if agency == self.agency else tuple(
                    m for m in ("get", "post") if m.upper() in p.callback.methods)
                for method in methods:
                    response = getattr(self.client, method)(self.url(route, agency))
                    self.assertEqual(response.status_code, 404, f"{method} {route} ({agency.name})")
                    checked += 1
        self.assertGreater(checked, 30)
        self.assertEqual(counts(), before)
        self.assertEqual(AuditEntry.objects.filter(agency=self.agency).count(), audit)

    def test_a_supervisor_posts_nothing(self):
        self.login(self.supervisor)
        before = counts()
        for route, _p in self.routes("a/"):
            status = self.client.post(self.url(route, self.agency)).status_code
            self.assertIn(status, (403, 405), route)
            expected = (403 if route.endswith(("new/", "edit/", "items/<int:item_id>/")) else
                        405 if route.endswith("status/") else
                        404 if "answers.<slug:fmt>" in route else 200)  # answers come as xlsx or csv, not docx
            self.assertEqual(self.client.get(self.url(route, self.agency)).status_code, expected, route)
        self.assertEqual(counts(), before)

    def test_public_pages(self):
        for route, _p in self.routes("p/"):
            for agency in (self.agency, self.other):
                for method in ("get", "post"):
                    response = getattr(self.client, method)(self.url(route, agency))
                    self.assertLess(response.status_code, 500, route)
                    self.assertNotIn("Set-Cookie", response.headers)
                    self.assertNotIn("ข้อเสนอแนะลับของหน่วยงานเอ", response.content.decode())
                    if agency == self.other and "<int:survey_id>" in route and method == "get":
                        self.assertEqual(response.status_code, 404, f"{method} {route}")
        self.assertEqual(Response.objects.count(), 1)
