"""The report for the OIT item as DOCX (built here) and PDF (the document writer, mocked: the
real conversion is tested once in tests/documents/test_survey_report.py); every member reads it,
every download is logged."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from unittest import mock

from docx import Document

from prongsai.documents.wordbreak import strip_marks
from prongsai.web.audit.models import AuditEntry
from tests.web.test_survey_world import SurveyTestCase, answer

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return strip_marks("\n".join(parts)).replace("\xa0", " ")


class SurveyReportTestCase(SurveyTestCase):
    def url(self, fmt: str = "docx", survey=None, agency=None, query: str = "") -> str:
        return self.s_url(f"report.{fmt}", survey, agency) + query

    def test_it_works(self):
        answer(self.survey, 5, comment="เจ้าหน้าที่ใจดี")
        answer(self.survey, 4, service=self.registry)
        self.login(self.viewer)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], DOCX)
        self.assertIn("attachment", response["Content-Disposition"])
        self.assertIn("private", response["Cache-Control"])
        text = docx_text(response.content)
        self.assertIn("รายงานผลการสำรวจความพึงพอใจการให้บริการ", text)
        self.assertIn(self.agency.name, text)
        self.assertIn("ทั้งสิ้น ๒ คน", text)
        self.assertIn("๔.๕๐", text)  # (5 + 4) / 2
        self.assertIn("เจ้าหน้าที่ใจดี", text)
        self.assertIn("งานทะเบียนพาณิชย์", text)
        entry = AuditEntry.objects.get(agency=self.agency, action=AuditEntry.DOWNLOAD)
        self.assertEqual(entry.user, self.viewer)
        self.assertIn("รายงานผลการสำรวจความพึงพอใจ", entry.summary)

    def test_the_pdf_comes_from_the_document_writer(self):
        answer(self.survey, 3)
        calls = []

        def fake(fmt, out, summary, **kwargs):
            calls.append((fmt, summary.respondents, kwargs["agency_name"], kwargs["survey_title"]))
            Path(out).write_bytes(b"%PDF-1.4 survey")
            return Path(out)

        self.login(self.supervisor)
        with mock.patch("prongsai.documents.survey_report.write_report", fake):
            response = self.client.get(self.url("pdf"))
        self.assertEqual(response.content, b"%PDF-1.4 survey")
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(calls, [("pdf", 1, self.agency.name, self.survey.title)])

    def test_a_period(self):
        answer(self.survey, 2, day=date(2024, 3, 1))
        self.login(self.owner)
        text = docx_text(self.client.get(self.url(query="?period=2567-h1")).content)
        self.assertIn("วันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๖ ถึงวันที่ ๓๑ มีนาคม พ.ศ. ๒๕๖๗", text)
        self.assertIn("ทั้งสิ้น ๑ คน", text)

    def test_no_answers_yet(self):
        self.login(self.owner)
        text = docx_text(self.client.get(self.url()).content)
        self.assertIn("ไม่มีผู้ตอบแบบสำรวจ", text)

    def test_a_failing_writer_is_a_thai_page(self):
        self.login(self.owner)
        with mock.patch("prongsai.documents.survey_report.write_report", side_effect=OSError("soffice")):
            response = self.client.get(self.url("pdf"))
        self.assertContains(response, "จัดทำไฟล์ไม่สำเร็จ", status_code=500)
        self.assertFalse(AuditEntry.objects.filter(action=AuditEntry.DOWNLOAD).exists())

    def test_bad_format_or_period_is_404(self):
        self.login(self.owner)
        self.assertEqual(self.client.get(self.url("xlsx")).status_code, 404)
        self.assertEqual(self.client.get(self.url(query="?period=abc")).status_code, 404)
        self.assertEqual(self.client.post(self.url()).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.get(self.url(agency=self.other)).status_code, 404)
        self.assertFalse(AuditEntry.objects.filter(action=AuditEntry.DOWNLOAD).exists())
