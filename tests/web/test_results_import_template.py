"""The bulk import's XLSX template (results_import_template): the Thai header row and one example
row, which the import reads back."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from prongsai.results_table import TEMPLATE_HEADER
from tests.web.base import BaseTestCase


class ResultsImportTemplateTestCase(BaseTestCase):
    def test_it_works(self):
        for user in (self.admin, self.supervisor):
            self.login(user)
            r = self.client.get("/import/template.xlsx")
            self.assertEqual(r.status_code, 200)
            self.assertIn("attachment", r["Content-Disposition"])
            sheet = load_workbook(io.BytesIO(r.content)).active
            rows = list(sheet.iter_rows(values_only=True))
            self.assertEqual(rows[0], TEMPLATE_HEADER)
            self.assertEqual(len(rows), 2)
        from django.core.files.uploadedfile import SimpleUploadedFile

        r = self.client.post("/import/", {"file": SimpleUploadedFile("template.xlsx", r.content)})
        self.assertEqual(r.context["outcome"].refused, [])

    def test_it_checks_ownership(self):
        for user in (self.owner, self.member, self.viewer, self.stranger):
            self.login(user)
            self.assertEqual(self.client.get("/import/template.xlsx").status_code, 404)
        self.client.logout()
        self.assertIn(self.client.get("/import/template.xlsx").status_code, (302, 404))

    def test_it_rejects_post(self):
        self.login(self.admin)
        self.assertEqual(self.client.post("/import/template.xlsx").status_code, 405)
