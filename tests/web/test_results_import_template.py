"""The bulk import's XLSX template (results_import_template): the Thai header row and one example
row, which the import reads back."""

from __future__ import annotations

import io
from urllib.parse import quote

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from prongsai.ita.library import announced_year
from prongsai.results_table import TEMPLATE_EXAMPLE_NAME, TEMPLATE_HEADER
from tests.web.base import BaseTestCase


class ResultsImportTemplateTestCase(BaseTestCase):
    def test_it_works(self):
        for user in (self.admin, self.supervisor):
            self.login(user)
            r = self.client.get("/import/template.xlsx")
            self.assertEqual(r.status_code, 200)
            self.assertIn("attachment", r["Content-Disposition"])
            # a Thai file name (RFC 5987, which every current browser reads)
            self.assertIn("filename*=utf-8''" + quote("แบบฟอร์มนำเข้าผลการประเมิน.xlsx"), r["Content-Disposition"])
            sheet = load_workbook(io.BytesIO(r.content)).active
            rows = list(sheet.iter_rows(values_only=True))
            self.assertEqual(rows[0], TEMPLATE_HEADER)
            self.assertEqual(len(rows), 2)
            self.assertEqual(rows[1][0], TEMPLATE_EXAMPLE_NAME)
            self.assertEqual(rows[1][-2:], (None, None))  # no total or level to go stale when overwritten
        # uploaded unchanged, the example row is refused and nothing is created
        r = self.client.post("/import/", {"file": SimpleUploadedFile("แบบฟอร์ม.xlsx", r.content)})
        outcome = r.context["outcome"]
        self.assertEqual(([x.row for x in outcome.refused], outcome.writes), ([2], 0))
        self.assertContains(r, "แถวตัวอย่างของแบบฟอร์ม")
        # with a real agency written over the example name, the rest of the example imports as is
        book = load_workbook(io.BytesIO(self.client.get("/import/template.xlsx").content))
        book.active["A2"] = "องค์การบริหารส่วนตำบลหนองบัว"
        data = io.BytesIO()
        book.save(data)
        r = self.client.post("/import/", {"file": SimpleUploadedFile("แบบฟอร์ม.xlsx", data.getvalue())})
        outcome = r.context["outcome"]
        self.assertEqual((outcome.refused, outcome.agencies_created, outcome.results_added), ([], 1, 1))
        self.assertEqual(outcome.additions[0].fiscal_year, announced_year())

    def test_it_checks_ownership(self):
        for user in (self.owner, self.member, self.viewer, self.stranger):
            self.login(user)
            self.assertEqual(self.client.get("/import/template.xlsx").status_code, 404)
        self.client.logout()
        self.assertIn(self.client.get("/import/template.xlsx").status_code, (302, 404))

    def test_it_rejects_post(self):
        self.login(self.admin)
        self.assertEqual(self.client.post("/import/template.xlsx").status_code, 405)
