"""Per-agency isolation for EVERY URL: each pattern of prongsai.web.urls is requested by users who
must not reach agency A's data, with GET and POST, by agency A's URL and by their own agency's URL
carrying A's object ids. A new URL fails here until it is listed (with how to fill its parameters),
so no view can ship without this check."""

from __future__ import annotations

from datetime import date

from django.urls import URLPattern, URLResolver, get_resolver

from prongsai.web.agencies.models import Agency, Invitation, Membership, SupervisorScope
from prongsai.web.assessments.models import Result
from prongsai.web.audit.models import AuditEntry
from prongsai.web.oit.models import OitCheck
from prongsai.web.plans.models import Evidence, Measure, Plan, ProgressEntry, Step
from tests.web.base import BaseTestCase, make_user

# URLs outside any agency: what a logged-in user who is neither superuser nor supervisor gets.
GLOBAL = {
    "home": 200,
    "login": 302,  # already logged in: sent on
    "logout": None,  # POST logs out; not a data view
    "password_change": 200,
    "agency_new": 404,
    "supervisors": 404,
    "supervisor_delete": 404,
    "supervise": 404,
    "supervise_compare": 404,
    "supervise_documents": 404,
    "system_audit_log": 404,  # the system administrator's only
    "invitations": 200,  # lists only the user's own invitations (none for alice)
    "frameworks": 200,  # the framework library: public reference data, no agency's
    "invitation_accept": 404,  # another account's invitation: as if it did not exist
    "invitation_decline": 404,
    "results_import": 404,  # the system administrator's and supervisors' only
    "results_import_template": 404,
    "reminder_preferences": 200,  # one's own preferences only
    "reminder_settings": 404,  # the system administrator's only
    "line_webhook": None,  # LINE's signed POST; no login, no agency's data; GET gives 405
}
OBJECT_IDS = ("unit_id", "member_id", "plan_id", "measure_id", "step_id", "entry_id", "evidence_id",
              "invitation_id", "complaint_id", "attachment_id", "question_id", "asset_id", "loan_id", "survey_id",
              "item_id", "type_id", "request_id", "file_id")


def public_channel_objects(agency: Agency) -> tuple:
    """Agency A's report of corruption (with a file) and a question waiting for its answer."""
    from prongsai.channels.attachments import clean
    from prongsai.web.complaints import cases
    from prongsai.web.complaints.models import ChannelSettings
    from prongsai.web.qa.models import Question

    ChannelSettings.objects.create(agency=agency, is_open=True, handling_unit=agency.units.first())
    complaint, _receipt = cases.file_report(agency, {
        "category": "bribery", "concerned": "ผู้ถูกร้องลับเฉพาะ", "what": "เนื้อหาเรื่องร้องเรียนลับเฉพาะของหน่วยงานเอ",
        "name": "ชื่อผู้ร้องลับเฉพาะ", "contact": "0800000000"}, [clean("a.pdf", b"%PDF-1.4\n%%EOF\n", 1, 10 ** 6)])
    question = Question.objects.create(agency=agency, asked_on=complaint.received_on, text="คำถามที่ยังรอคำตอบลับเฉพาะ")
    return complaint, complaint.attachments.get(), question


def service_objects(agency: Agency, owner) -> dict[str, object]:
    """Agency A's asset (not public) with a loan to a member of the public, and a survey."""
    from prongsai.web.borrowing.models import Asset, Loan, LoanLine
    from prongsai.web.surveys import actions

    day = date(2026, 11, 20)
    asset = Asset.objects.create(agency=agency, code="ISO-1", name="พัสดุลับเฉพาะ", unit=agency.units.first())
    loan = Loan.objects.create(agency=agency, fiscal_year=2570, seq=1, borrower_kind="public",
                               borrower_name="ผู้ยืมลับเฉพาะ", phone="0800000001", address="ที่อยู่ลับเฉพาะ",
                               purpose_kind="community", purpose="งาน", place="ที่", start_on=day, end_on=day,
                               requested_on=day)
    LoanLine.objects.create(loan=loan, asset=asset, quantity=1)
    survey = actions.create_survey(owner, agency, {"title": "แบบสำรวจทดสอบ", "intro": "", "services": ["งานจัดเก็บภาษี"],
                                                   "ask_profile": True})
    actions.set_open(owner, survey, True)
    from tests.web.test_eservice_world import eservice_objects

    request_type, service_request, request_file = eservice_objects(agency)
    return {"asset": asset, "loan": loan, "survey": survey, "item": survey.items.first(), "type": request_type,
            "request": service_request, "file": request_file}


def walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def snapshot() -> dict[str, int]:
    """Counts and a checksum of agency A's data, to prove nothing changed."""
    return {
        "results": Result.objects.count(), "plans": Plan.objects.count(), "measures": Measure.objects.count(),
        "steps": Step.objects.count(), "entries": ProgressEntry.objects.count(), "evidence": Evidence.objects.count(),
        "oit": OitCheck.objects.count(), "members": Membership.objects.count(), "agencies": Agency.objects.count(),
        "scopes": SupervisorScope.objects.count(),
        "titles": hash(tuple(Measure.objects.order_by("pk").values_list("title", "order"))),
        "steps_text": hash(tuple(Step.objects.order_by("pk").values_list("text", "order"))),
        "plan_status": hash(tuple(Plan.objects.order_by("pk").values_list("status", "version"))),
        "units": hash(tuple(Membership.objects.order_by("pk").values_list("role", "unit_id"))),
        "names": hash(tuple(Agency.objects.order_by("pk").values_list("name", "website"))),
        "invitations": hash(tuple(Invitation.objects.order_by("pk").values_list("status", "role"))),
    }


class IsolationTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from prongsai.web.agencies import invitations

        # agency A's open invitation of an account that belongs to no agency
        cls.invitation = invitations.send(cls.owner, cls.agency, make_user("ivan"), "editor", None)
        cls.complaint, cls.attachment, cls.question = public_channel_objects(cls.agency)
        cls.services = service_objects(cls.agency, cls.owner)

    def params_for(self, agency: Agency) -> dict[str, object]:
        """Values for every URL parameter, taken from agency A's objects (whatever `agency` the URL names)."""
        a = self.agency
        return {
            "agency_id": agency.pk,
            "unit_id": a.units.first().pk,
            "member_id": Membership.objects.filter(agency=a).first().pk,
            "year": 2564,
            "plan_id": self.plan.pk,
            "measure_id": self.measure.pk,
            "step_id": self.step.pk,
            "entry_id": self.entry.pk,
            "evidence_id": self.evidence.pk,
            "code": "O1",
            "direction": "down",
            "kind": "plan",
            "fmt": "docx",
            "scope_id": SupervisorScope.objects.first().pk,
            "invitation_id": self.invitation.pk,
            "complaint_id": self.complaint.pk,
            "attachment_id": self.attachment.pk,
            "question_id": self.question.pk,
            "asset_id": self.services["asset"].pk,
            "loan_id": self.services["loan"].pk,
            "survey_id": self.services["survey"].pk,
            "item_id": self.services["item"].pk,
            "type_id": self.services["type"].pk,
            "request_id": self.services["request"].pk,
            "file_id": self.services["file"].pk,
        }

    def url_for(self, pattern: str, params: dict[str, object]) -> str:
        import re

        def fill(match):
            name = match.group(2)
            self.assertIn(name, params, f"{pattern}: no test value for parameter <{name}> — add it to params_for")
            return str(params[name])

        return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, pattern)

    def patterns(self):
        return list(walk(get_resolver().url_patterns))

    def test_every_agency_view_goes_through_the_access_check(self):
        for route, p in self.patterns():
            if route.startswith("a/<int:agency_id>/"):
                self.assertTrue(getattr(p.callback, "agency_scoped", False),
                                f"{route}: view {p.callback.__name__} is not decorated with @agency_view")
            elif route.startswith("p/<int:agency_id>/"):
                self.assertTrue(getattr(p.callback, "public_page", False),
                                f"{route}: view {p.callback.__name__} is not decorated with @public_view")
            else:
                self.assertIn(p.name, GLOBAL, f"{route}: a URL outside /a/<agency>/ needs an entry in GLOBAL")

    def test_every_view_has_its_own_test_module(self):
        """healthchecks' convention: tests/web/test_<url name>.py with test_it_works and an ownership test."""
        from pathlib import Path

        here = Path(__file__).parent
        for _route, p in self.patterns():
            module = here / f"test_{p.name}.py"
            self.assertTrue(module.exists(), f"no test module {module.name} for the view {p.name}")
            text = module.read_text(encoding="utf-8")
            self.assertIn("def test_it_works", text, module.name)
            if p.name not in ("login", "logout", "password_change"):
                self.assertIn("def test_it_checks_ownership", text, module.name)

    def test_a_stranger_gets_404_for_every_agency_url(self):
        """The stranger (admin of agency B) asks for A's data by A's URLs and by B's URLs with A's ids."""
        self.login(self.stranger)
        before = snapshot()
        audit_before = AuditEntry.objects.filter(agency=self.agency).count()
        checked = 0
        for route, p in self.patterns():
            if not route.startswith("a/<int:agency_id>/"):
                continue
            for agency in (self.agency, self.other):
                url = self.url_for(route, self.params_for(agency))
                if agency == self.other and not any(f"<int:{k}>" in route for k in OBJECT_IDS):
                    continue  # B's own page: allowed, and carries no id of A's objects
                methods = ("get", "post")
                if agency == self.other:
                    # B's own URL: the agency check passes, so only the methods the view accepts reach
                    # the object look-up (others get 405 whatever the id, revealing nothing).
                    methods = tuple(m for m in methods if m.upper() in p.callback.methods)
                for method in methods:
                    response = getattr(self.client, method)(url)
                    self.assertEqual(response.status_code, 404, f"{method.upper()} {url} ({p.name})")
                    checked += 1
        self.assertGreater(checked, 100)
        self.assertEqual(snapshot(), before)
        self.assertEqual(AuditEntry.objects.filter(agency=self.agency).count(), audit_before)

    def test_a_supervisor_of_another_province_gets_404(self):
        SupervisorScope.objects.filter(user=self.supervisor).update(province="เชียงใหม่")
        self.login(self.supervisor)
        before = snapshot()
        for route, _p in self.patterns():
            if route.startswith("a/<int:agency_id>/"):
                url = self.url_for(route, self.params_for(self.agency))
                self.assertEqual(self.client.get(url).status_code, 404, url)
                self.assertEqual(self.client.post(url).status_code, 404, url)
        self.assertEqual(snapshot(), before)

    def test_a_supervisor_in_scope_reads_but_writes_nothing(self):
        self.login(self.supervisor)
        before = snapshot()
        for route, p in self.patterns():
            if route.startswith("a/<int:agency_id>/"):
                url = self.url_for(route, self.params_for(self.agency))
                status = self.client.post(url).status_code
                # Reports of corruption do not exist for a supervisor (prongsai.web.complaints.officer).
                allowed = (404, 405) if getattr(p.callback, "officer_only", False) else (403, 405)
                self.assertIn(status, allowed, f"POST {url} ({p.name}) gave {status}")
        self.assertEqual(snapshot(), before)

    def test_global_urls(self):
        self.login(self.owner)
        for route, p in self.patterns():
            if route.startswith(("a/", "p/")) or GLOBAL.get(p.name) is None:
                continue
            url = self.url_for(route, self.params_for(self.agency))
            expected = GLOBAL[p.name]
            if p.name == "home":
                expected = 302  # alice has one agency: sent to its dashboard
            self.assertEqual(self.client.get(url).status_code, expected, url)
            if expected == 404:
                self.assertEqual(self.client.post(url).status_code, 404, url)

    def test_anonymous_users_are_sent_to_login(self):
        for route, _p in self.patterns():
            if not route.startswith("a/"):
                continue
            url = self.url_for(route, self.params_for(self.agency))
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertTrue(response["Location"].startswith("/login/"), url)


class PublicPagesTestCase(BaseTestCase):
    """Every public page (/p/<agency>/…) of agency A and of agency B, asked by anyone with A's object
    ids: it answers without login, sets no cookie, and shows nothing of A's that is not public —
    not the report of corruption, not the draft plan, not a question still waiting for its answer."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from prongsai.web.agencies import invitations

        cls.invitation = invitations.send(cls.owner, cls.agency, make_user("ivan"), "editor", None)
        cls.complaint, cls.attachment, cls.question = public_channel_objects(cls.agency)
        cls.services = service_objects(cls.agency, cls.owner)
        cls.secrets = ["เนื้อหาเรื่องร้องเรียนลับเฉพาะ", "ผู้ถูกร้องลับเฉพาะ", "ชื่อผู้ร้องลับเฉพาะ", "คำถามที่ยังรอคำตอบลับเฉพาะ",
                       "พัสดุลับเฉพาะ", "ผู้ยืมลับเฉพาะ", "ที่อยู่ลับเฉพาะ", "ชื่อผู้ยื่นคำขอลับเฉพาะ",
                       *Measure.objects.filter(plan__agency=cls.agency).values_list("title", flat=True)]

    def public_patterns(self):
        return [(route, p) for route, p in walk(get_resolver().url_patterns) if route.startswith("p/")]

    def test_public_pages_show_nothing_private_and_set_no_cookie(self):
        checked = 0
        for user in (None, self.stranger, self.owner):
            if user is not None:
                self.client.force_login(user)
            for route, _p in self.public_patterns():
                for agency in (self.agency, self.other):
                    url = IsolationTestCase.url_for(self, route, IsolationTestCase.params_for(self, agency))
                    for method in ("get", "post"):
                        response = getattr(self.client, method)(url)
                        self.assertLess(response.status_code, 500, f"{method} {url}")
                        self.assertNotIn("Set-Cookie", response.headers, f"{method} {url}")
                        body = response.content.decode("utf-8", "replace") if response.get(
                            "Content-Type", "").startswith("text/") else ""
                        for secret in self.secrets:
                            self.assertNotIn(secret, body, f"{method} {url} shows {secret[:30]}")
                        checked += 1
        self.assertGreater(checked, 40)

    def test_an_unknown_agency_is_404(self):
        for route, _p in self.public_patterns():
            url = IsolationTestCase.url_for(self, route, {**IsolationTestCase.params_for(self, self.agency),
                                                          "agency_id": 987654})
            self.assertEqual(self.client.get(url).status_code, 404, url)
