"""The announcement of the borrowing rules for members (DOCX here; the PDF's text layer is
checked in tests/documents/test_borrowing_rules.py): built from the rules and the public assets."""

from __future__ import annotations

import io
import re
from urllib.parse import unquote

import pytest
from docx import Document

from prongsai.documents.wordbreak import strip_marks
from prongsai.web.borrowing.models import Asset, BorrowingRules
from tests.documents.needs import needs_soffice
from tests.web.test_borrowing_world import BorrowingTestCase


def text_of(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return re.sub(r"\s+", "", strip_marks("\n".join(parts)))


class LoanRulesDocumentTestCase(BorrowingTestCase):
    def test_it_works(self):
        BorrowingRules.objects.filter(agency=self.agency).update(approver_title="ปลัดองค์การบริหารส่วนตำบลลาดหญ้า",
                                                                 max_days=5)
        Asset.objects.filter(pk=self.chair.pk).update(max_days=2)
        for user in (self.viewer, self.supervisor):
            self.login(user)
            response = self.client.get(self.a_url("loans/rules.docx"))
            self.assertEqual(response.status_code, 200)
            self.assertIn("หลักเกณฑ์การยืม-คืนพัสดุ", unquote(response["Content-Disposition"]))
        text = text_of(response.content)
        for fact in ("ประกาศองค์การบริหารส่วนตำบลลาดหญ้า", "กองคลัง", "ไม่เกิน๕วัน", "ไม่น้อยกว่า๓วัน",
                     "ปลัดองค์การบริหารส่วนตำบลลาดหญ้า", f"/p/{self.agency.pk}/borrow/", "เต็นท์ผ้าใบ", "เก้าอี้พลาสติก",
                     "๒วัน", "๐๓๔๕๑๒๓๔๕ต่อ๑๔"):
            self.assertIn(fact, text, fact)
        self.assertNotIn("รถบรรทุกน้ำ", text)  # official use only: not in the public list

    def test_not_set_up_and_bad_formats(self):
        BorrowingRules.objects.filter(agency=self.agency).update(custodian_unit=None)
        self.login(self.viewer)
        response = self.client.get(self.a_url("loans/rules.pdf"))
        self.assertContains(response, "ยังไม่ได้กำหนดกอง/สำนักที่รับคำขอ", status_code=409)
        self.assertEqual(self.client.get(self.a_url("loans/rules.odt")).status_code, 404)
        self.assertEqual(self.client.post(self.a_url("loans/rules.docx")).status_code, 405)

    @pytest.mark.slow
    @needs_soffice
    def test_pdf(self):
        self.login(self.viewer)
        response = self.client.get(self.a_url("loans/rules.pdf"))
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("loans/rules.docx")).status_code, 404)
        response = self.client.get(f"/a/{self.other.pk}/loans/rules.docx")
        self.assertNotIn("เต็นท์ผ้าใบ", text_of(response.content))
