import io
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.web.assessments.models import Result
from tests.web.base import BaseTestCase
from tests.web.test_result_upload_malformed import error_text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ResultTemplateTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.viewer)
        r = self.client.get(self.a_url("results/template/"), {"year": 2567})
        self.assertEqual(r["Content-Type"], XLSX)
        self.assertIn("prongsai-ita-2567-form.xlsx", r["Content-Disposition"])
        self.assertTrue(r.content.startswith(b"PK"))

    def test_it_rejects_bad_input(self):
        self.login(self.viewer)
        self.assertEqual(self.client.get(self.a_url("results/template/"), {"year": 2400}).status_code, 404)
        self.assertEqual(self.client.get(self.a_url("results/template/"), {"year": "x"}).status_code, 404)

    def test_it_rejects_post(self):
        self.login(self.member)
        self.assertEqual(self.client.post(self.a_url("results/template/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("results/template/")).status_code, 404)


def _cells(content: bytes) -> dict:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).active
    return {row[0].value: row[2].value for row in sheet.iter_rows(min_row=2) if row[0].value is not None}


def _filled(content: bytes, scores: dict, **fields) -> bytes:
    """The downloaded form with scores typed into the คะแนน/ค่า column, as an officer would."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    for row in book.active.iter_rows(min_row=2):
        key = row[0].value
        if key in scores:
            row[2].value = scores[key]
        elif key in fields:
            row[2].value = fields[key]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


SCORES = dict(zip(range(1, 11), [99.33, 97.41, 98.0, 98.75, 98.66, 91.79, 89.43, 81.13, 92.14, 100.0], strict=True))


class AgencyTemplateTestCase(BaseTestCase):
    """Issue 9 item 12: the form from an agency's page carries that agency, and a file without an
    agency name uploaded on an agency's page is that agency's."""

    def test_the_form_from_an_agency_page_names_the_agency(self):
        self.login(self.viewer)
        cells = _cells(self.client.get(self.a_url("results/template/"), {"year": 2566}).content)
        self.assertEqual(cells["agency"], self.agency.name)
        self.assertEqual(cells["agency_type"], self.agency.agency_type)
        self.assertEqual(cells["province"], self.agency.province)
        self.assertEqual(cells["district"], self.agency.district)
        self.assertEqual(cells["fiscal_year"], 2566)

    def test_round_trip_download_fill_upload(self):
        self.login(self.member)
        blank = self.client.get(self.a_url("results/template/"), {"year": 2565}).content
        r = self.client.post(self.a_url("results/upload/"),
                             {"file": SimpleUploadedFile("ita-2565.xlsx", _filled(blank, SCORES))})
        self.assertRedirects(r, self.a_url("analysis/2565/"), fetch_redirect_response=False)
        row = Result.objects.get(agency=self.agency, fiscal_year=2565)
        self.assertEqual(row.indicators["8"], 81.13)
        self.assertEqual(row.source_name, "ita-2565.xlsx")

    def test_a_form_without_an_agency_name_is_taken_as_this_agencys(self):
        from prongsai.ita.library import get_framework
        from prongsai.results_template import write_template

        self.login(self.member)
        with tempfile.TemporaryDirectory() as tmp:  # the CLI's form: no agency in it
            blank = write_template(get_framework(2565), Path(tmp) / "t.xlsx").read_bytes()
        self.assertIsNone(_cells(blank)["agency"])
        r = self.client.post(self.a_url("results/upload/"),
                             {"file": SimpleUploadedFile("cli-form.xlsx", _filled(blank, SCORES))}, follow=True)
        self.assertRedirects(r, self.a_url("analysis/2565/"))
        self.assertContains(r, f"ไฟล์ไม่มีชื่อหน่วยงาน จึงนำเข้าเป็นผลของ{self.agency.name}")
        self.assertEqual(Result.objects.get(agency=self.agency, fiscal_year=2565).total, 94.19)

    def test_yaml_and_csv_without_an_agency_are_this_agencys(self):
        self.login(self.member)
        files = [
            ("no-agency.yaml", b"fiscal_year: 2566\nindicators: [90, 90, 90, 90, 90, 90, 90, 90, 90, 90]\n"),
            ("no-agency.csv", ("fiscal_year," + ",".join(map(str, range(1, 11))) + "\n2567," + ",".join(["80"] * 10)
                               + "\n").encode()),
        ]
        for name, content in files:
            r = self.client.post(self.a_url("results/upload/"), {"file": SimpleUploadedFile(name, content)})
            self.assertEqual(r.status_code, 302, name)
        self.assertEqual(Result.objects.get(agency=self.agency, fiscal_year=2566).total, 90.0)
        self.assertEqual(Result.objects.get(agency=self.agency, fiscal_year=2567).total, 80.0)

    def test_messages_name_fields_by_their_thai_labels(self):
        self.login(self.member)
        blank = self.client.get(self.a_url("results/template/"), {"year": 2565}).content
        cases = [
            (_filled(blank, {**SCORES, 3: "abc"}), "ตัวชี้วัดที่ 3"),
            (_filled(blank, SCORES, fiscal_year="สองห้าหก"), "ปีงบประมาณ"),
            (_filled(blank, SCORES, agency_type="บริษัท"), "ประเภทหน่วยงาน"),
        ]
        for content, label in cases:
            r = self.client.post(self.a_url("results/upload/"), {"file": SimpleUploadedFile("form.xlsx", content)})
            self.assertEqual(r.status_code, 200)
            text = error_text(r)
            self.assertIn(label, text)
            self.assertIn("form.xlsx", text)
            for key in ("indicators", "fiscal_year", "agency_type", "agency"):
                self.assertNotIn(key, text)
        self.assertFalse(Result.objects.filter(agency=self.agency, fiscal_year=2565).exists())
