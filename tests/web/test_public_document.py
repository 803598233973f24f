from unittest import mock

from prongsai.web.audit.models import AuditEntry
from prongsai.web.plans import documents, services
from tests.web.base import BaseTestCase
from tests.web.public_helpers import approve, assert_private
from tests.web.test_document_download import DOCX, docx_text


class PublicDocumentTestCase(BaseTestCase):
    def setUp(self):
        from django.core.cache import cache

        super().setUp()
        cache.clear()  # the per-visitor download count starts afresh

    def url(self, kind="plan", fmt="docx", agency=None, query=""):
        return f"/p/{(agency or self.agency).pk}/documents/{kind}.{fmt}{query}"

    def test_it_works(self):
        approve(self.owner, self.plan)
        audit = AuditEntry.objects.count()
        for kind in ("analysis", "plan", "implementation"):
            r = self.client.get(self.url(kind))
            self.assertEqual(r.status_code, 200, kind)
            assert_private(self, r)
            self.assertEqual(r["Content-Type"], DOCX)
            self.assertIn("attachment", r["Content-Disposition"])
            if kind != "analysis":
                self.assertIn(self.measure.title, docx_text(r.content))
        self.assertIn("ประชุมชี้แจงแล้ว", docx_text(self.client.get(self.url("implementation")).content))
        self.assertEqual(AuditEntry.objects.count(), audit)  # nobody to name: not logged per person

    def test_a_draft_plan_is_not_published(self):
        for kind in ("analysis", "plan", "implementation"):
            r = self.client.get(self.url(kind))
            self.assertContains(r, "ยังไม่มีมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานที่ได้รับอนุมัติ", status_code=404)
            assert_private(self, r)

    def test_it_follows_the_approved_version_not_a_newer_draft(self):
        approve(self.owner, self.plan)
        draft = services.new_version(self.owner, self.plan)
        draft.measures.filter(lineage=self.measure.lineage).update(title="ชื่อที่แก้ในร่างฉบับที่สอง")
        for kind in ("plan", "implementation"):
            text = docx_text(self.client.get(self.url(kind)).content)
            self.assertIn(self.measure.title, text, kind)
            self.assertNotIn("ชื่อที่แก้ในร่างฉบับที่สอง", text, kind)

    def test_it_takes_the_plan_year_and_the_round(self):
        approve(self.owner, self.plan)
        year = self.plan.fiscal_year
        ok = self.client.get(self.url("implementation", query=f"?year={year}&period=6-month"))
        self.assertEqual(ok.status_code, 200)
        self.assertIn("6", ok["Content-Disposition"])
        self.assertEqual(self.client.get(self.url(query=f"?year={year + 1}")).status_code, 404)
        self.assertEqual(self.client.get(self.url(query="?year=25x5")).status_code, 404)
        self.assertEqual(self.client.get(self.url(query="?period=weekly")).status_code, 404)
        self.assertEqual(self.client.get(self.url("report")).status_code, 404)
        self.assertEqual(self.client.get(self.url("plan", "exe")).status_code, 404)

    def test_when_the_documents_package_is_missing(self):
        approve(self.owner, self.plan)
        with mock.patch.object(documents, "writer", return_value=None):
            r = self.client.get(self.url())
        self.assertContains(r, "ขณะนี้ยังจัดทำเอกสารไม่ได้", status_code=503)
        self.assertNotContains(r, "LibreOffice", status_code=503)

    def test_downloads_are_throttled_per_visitor(self):
        from prongsai.web.public import views

        approve(self.owner, self.plan)
        with mock.patch.object(views, "DOCUMENT_BUILDS", views.Throttle("test-public-document", 2, 3600)):
            self.assertEqual(self.client.get(self.url()).status_code, 200)
            self.assertEqual(self.client.get(self.url()).status_code, 200)
            r = self.client.get(self.url())
        self.assertContains(r, "บ่อยเกินไป", status_code=429)
        assert_private(self, r)

    def test_it_rejects_post(self):
        approve(self.owner, self.plan)
        self.assertEqual(self.client.post(self.url()).status_code, 405)

    def test_it_checks_ownership(self):
        approve(self.owner, self.plan)
        self.measure.title = "มาตรการเฉพาะของลาดหญ้า"
        self.measure.save()
        # B's plan is a draft: nothing, and never A's plan through B's address
        r = self.client.get(self.url(agency=self.other, query=f"?year={self.plan.fiscal_year}"))
        self.assertEqual(r.status_code, 404)
        self.assertNotContains(r, "มาตรการเฉพาะของลาดหญ้า", status_code=404)
        approve(self.stranger, self.b["plan"])
        r = self.client.get(self.url(agency=self.other))
        self.assertEqual(r.status_code, 200)
        text = docx_text(r.content)
        self.assertIn(self.other.name, text)
        self.assertNotIn("มาตรการเฉพาะของลาดหญ้า", text)
        self.assertNotIn(self.agency.name, text)
        self.assertEqual(self.client.get("/p/999999/documents/plan.docx").status_code, 404)
