from tests.web.base import BaseTestCase


class SuperviseTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.supervisor)
        r = self.client.get("/supervise/")
        self.assertContains(r, "ภาพรวมการกำกับดูแล")
        self.assertContains(r, self.agency.name)  # 75.36 is below the pass mark
        self.assertContains(r, "O13")  # a commonly failed OIT item
        self.assertNotContains(r, self.other.name)

    def test_it_takes_a_year_and_a_filter(self):
        self.login(self.admin)
        r = self.client.get("/supervise/", {"year": 2565, "show": "all"})
        self.assertContains(r, self.other.name)
        self.assertEqual(self.client.get("/supervise/", {"year": "abc"}).status_code, 404)
        self.assertEqual(self.client.get("/supervise/", {"year": 2500}).status_code, 404)

    def test_it_rejects_post(self):
        self.login(self.supervisor)
        self.assertEqual(self.client.post("/supervise/").status_code, 405)

    def test_it_checks_ownership(self):
        for user in (self.owner, self.member):
            self.login(user)
            self.assertEqual(self.client.get("/supervise/").status_code, 404)

    def test_a_draft_revision_does_not_hide_the_approved_plan(self):
        """Like the agency's tracking page, the overview follows the approved version while a
        revision of it is being drafted."""
        from prongsai.web.plans import services
        from prongsai.web.plans.models import Plan
        from tests.web.test_plan_approve import MEETING

        self.login(self.owner)
        self.client.post(self.a_url(f"plans/{self.plan.pk}/approve/"), MEETING)
        services.new_version(self.owner, Plan.objects.get(pk=self.plan.pk))
        self.login(self.supervisor)
        r = self.client.get("/supervise/", {"year": self.plan.based_on_year})
        self.assertEqual(r.context["plan_status"], {"approved": 1, "draft": 0, "total": 1})
        row = next(row for row in r.context["page"].object_list if row["agency_id"] == self.agency.pk)
        self.assertEqual((row["plan"].pk, row["plan"].status), (self.plan.pk, "approved"))

    def test_a_page_reads_the_supervisors_scopes_once(self):
        """The menu, the access check and the page all ask whether the user supervises; the scopes
        are read once per request (they were read three times on the home page)."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.login(self.supervisor)
        for url in ("/", self.a_url(""), "/supervise/"):
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            scope_reads = [q for q in queries.captured_queries
                           if "agencies_supervisorscope" in q["sql"] and "auth_user" not in q["sql"]]
            self.assertEqual(len(scope_reads), 1, url)

    def test_a_members_page_spends_no_query_on_scopes(self):
        """Reading the signed-in account also tells that it supervises nothing (account_backend)."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.login(self.member)
        for url in (self.a_url(""), self.a_url("results/")):
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            scope_reads = [q for q in queries.captured_queries
                           if "agencies_supervisorscope" in q["sql"] and "auth_user" not in q["sql"]]
            self.assertEqual(scope_reads, [], url)
