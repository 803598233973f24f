import io

import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from prongsai.web.assessments.models import Result
from tests.web.base import EXAMPLES, BaseTestCase


def upload(name, content):
    return SimpleUploadedFile(name, content)


class ResultUploadTestCase(BaseTestCase):
    def test_it_works_with_a_yaml_file_of_several_years(self):
        self.login(self.member)
        data = yaml.safe_load((EXAMPLES / "ladya-2564.yaml").read_text(encoding="utf-8"))
        data["fiscal_year"] = 2565
        data["previous"] = [{"fiscal_year": 2563, "total": 70.12}]
        content = yaml.safe_dump(data, allow_unicode=True).encode()
        r = self.client.post(self.a_url("results/upload/"), {"file": upload("ladya.yaml", content)})
        self.assertRedirects(r, self.a_url("analysis/2565/"), fetch_redirect_response=False)
        self.assertEqual(set(Result.objects.filter(agency=self.agency).values_list("fiscal_year", flat=True)),
                         {2563, 2564, 2565})

    def test_it_reads_the_xlsx_template(self):
        from openpyxl import load_workbook

        self.login(self.member)
        blank = self.client.get(self.a_url("results/template/"), {"year": 2565}).content
        book = load_workbook(io.BytesIO(blank))
        sheet = book.active
        values = dict(zip(range(1, 11), [99.33, 97.41, 98.0, 98.75, 98.66, 91.79, 89.43, 81.13, 92.14, 100.0],
                          strict=True))
        for row in sheet.iter_rows(min_row=2):
            key = row[0].value
            if key == "agency":
                row[2].value = self.agency.name
            elif isinstance(key, int) and key in values:
                row[2].value = values[key]
        buffer = io.BytesIO()
        book.save(buffer)
        r = self.client.post(self.a_url("results/upload/"), {"file": upload("form.xlsx", buffer.getvalue())})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(Result.objects.get(agency=self.agency, fiscal_year=2565).total, 94.19)

    def test_it_rejects_bad_input_and_saves_nothing(self):
        self.login(self.member)
        before = Result.objects.count()
        bad = (EXAMPLES / "ladya-2564.yaml").read_text(encoding="utf-8").replace("๘๔.๐๕", "๑๘๔.๐๕")
        cases = [
            (upload("x.yaml", bad.encode()), "อยู่นอกช่วง"),
            (upload("x.yaml", b"agency: [unclosed"), "x.yaml"),
            (upload("x.pdf", b"%PDF-1.4"), "ไม่รองรับไฟล์ชนิด"),
            (upload("x.xlsx", b"not a zip"), "Excel"),
            (upload("x.csv", "agency,fiscal_year,1\nก,2564,abc\n".encode()), "ไม่ใช่ตัวเลข"),
        ]
        for file, message in cases:
            r = self.client.post(self.a_url("results/upload/"), {"file": file})
            self.assertEqual(r.status_code, 200)
            self.assertContains(r, 'id="id_file_error"')
            self.assertContains(r, message)
        r = self.client.post(self.a_url("results/upload/"), {})
        self.assertContains(r, 'id="id_file_error"')
        self.assertEqual(Result.objects.count(), before)

    def test_a_file_with_an_existing_year_needs_replace(self):
        self.login(self.member)
        content = (EXAMPLES / "ladya-2564.yaml").read_bytes()
        r = self.client.post(self.a_url("results/upload/"), {"file": upload("ladya-2564.yaml", content)})
        self.assertContains(r, 'id="id_replace_error"')
        r = self.client.post(self.a_url("results/upload/"), {"file": upload("ladya-2564.yaml", content),
                                                             "replace": "on"})
        self.assertEqual(r.status_code, 302)

    @override_settings(UPLOAD_MAX_BYTES=100)
    def test_it_limits_the_size(self):
        self.login(self.member)
        r = self.client.post(self.a_url("results/upload/"), {"file": upload("big.yaml", b"#" * 200)})
        self.assertContains(r, "ไฟล์ใหญ่เกิน")

    def test_it_warns_about_another_agencys_file(self):
        self.login(self.member)
        content = (EXAMPLES / "khongyang-2565.yaml").read_bytes()
        r = self.client.post(self.a_url("results/upload/"), {"file": upload("k.yaml", content)}, follow=True)
        self.assertContains(r, "ต่างจากชื่อในระบบ")

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        content = (EXAMPLES / "khongyang-2565.yaml").read_bytes()
        r = self.client.post(self.a_url("results/upload/"), {"file": upload("k.yaml", content)})
        self.assertEqual(r.status_code, 404)
        self.assertFalse(Result.objects.filter(agency=self.agency, fiscal_year=2565).exists())
