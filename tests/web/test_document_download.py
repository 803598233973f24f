import io
import zipfile
from unittest import mock

from prongsai.documents.wordbreak import strip_marks
from prongsai.web.plans import documents
from prongsai.web.plans.models import Plan
from tests.web.base import BaseTestCase

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return strip_marks(archive.read("word/document.xml").decode("utf-8"))


class DocumentDownloadTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.viewer)
        self.measure.title = "มาตรการที่แก้ไขในระบบเว็บ"
        self.measure.save()
        for kind in ("analysis", "plan", "implementation"):
            r = self.client.get(self.a_url(f"documents/{kind}.docx"))
            self.assertEqual(r.status_code, 200, kind)
            self.assertEqual(r["Content-Type"], DOCX)
            self.assertIn("attachment", r["Content-Disposition"])
            text = docx_text(r.content)
            if kind != "analysis":
                self.assertIn("มาตรการที่แก้ไขในระบบเว็บ", text)
        text = docx_text(self.client.get(self.a_url("documents/implementation.docx")).content)
        self.assertIn("ประชุมชี้แจงแล้ว", text)  # the recorded progress

    def test_the_meeting_appears_in_the_plan(self):
        self.login(self.owner)
        Plan.objects.filter(pk=self.plan.pk).update(meeting_title="การประชุมสภาทดสอบ", meeting_place="ห้องประชุมใหญ่")
        text = docx_text(self.client.get(self.a_url(f"documents/plan.docx?plan={self.plan.pk}")).content)
        self.assertIn("ห้องประชุมใหญ่", text)

    def test_it_rejects_bad_input(self):
        self.login(self.viewer)
        self.assertEqual(self.client.get(self.a_url("documents/report.docx")).status_code, 404)
        self.assertEqual(self.client.get(self.a_url("documents/plan.exe")).status_code, 404)
        self.assertEqual(self.client.get(self.a_url("documents/plan.docx?period=weekly")).status_code, 404)
        self.assertEqual(self.client.get(self.a_url("documents/plan.docx?year=2570")).status_code, 404)
        b_plan = self.b["plan"]
        self.assertEqual(self.client.get(self.a_url(f"documents/plan.docx?plan={b_plan.pk}")).status_code, 404)

    def test_without_a_plan_it_explains(self):
        self.login(self.stranger)
        from prongsai.web.plans.models import ProgressEntry

        ProgressEntry.objects.filter(agency=self.other).delete()
        self.other.plans.all().delete()
        r = self.client.get(f"/a/{self.other.pk}/documents/plan.docx")
        self.assertContains(r, "ยังไม่มีแผนมาตรการ", status_code=409)
        self.assertEqual(self.client.get(f"/a/{self.other.pk}/documents/analysis.docx").status_code, 200)

    def test_when_the_documents_package_is_missing(self):
        self.login(self.viewer)
        with mock.patch.object(documents, "writer", return_value=None):
            r = self.client.get(self.a_url("documents/plan.docx"))
        self.assertEqual(r.status_code, 503)

    def test_it_rejects_post(self):
        self.login(self.viewer)
        self.assertEqual(self.client.post(self.a_url("documents/plan.docx")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("documents/plan.docx")).status_code, 404)
        self.assertEqual(self.client.get(f"/a/{self.other.pk}/documents/plan.docx?plan={self.plan.pk}").status_code, 404)
