import io
import zipfile
from pathlib import Path
from unittest import mock

from prongsai.web.audit.models import AuditEntry
from tests.documents.needs import needs_soffice
from tests.web.base import PDF_BYTES, BaseTestCase


def fake_write_reports(jobs, timeout=None, office=None):
    """write_reports without LibreOffice: a small PDF per job, and the calls counted."""
    jobs = list(jobs)
    fake_write_reports.calls.append(len(jobs))
    for job in jobs:
        Path(job.out).write_bytes(PDF_BYTES)
    return [Path(j.out) for j in jobs]


fake_write_reports.calls = []


class SuperviseDocumentsTestCase(BaseTestCase):
    url = "/supervise/documents/"

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from prongsai.web.agencies.models import Agency

        cls.empty = Agency.objects.create(name="องค์การบริหารส่วนตำบลยังไม่มีผล", province=cls.agency.province)

    def setUp(self) -> None:
        super().setUp()
        fake_write_reports.calls = []

    def post(self, ids, **extra):
        with mock.patch("prongsai.documents.reports.write_reports", fake_write_reports):
            return self.client.post(self.url, {"id": ids, "year": 2564, "kind": "analysis", **extra})

    def names(self, response):
        return zipfile.ZipFile(io.BytesIO(response.content)).namelist()

    def test_it_works(self):
        self.login(self.supervisor)
        r = self.post([self.agency.pk, self.empty.pk])
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r["Content-Type"], "application/zip")
        self.assertIn(".zip", r["Content-Disposition"])
        names = self.names(r)
        self.assertIn("องค์การบริหารส่วนตำบลลาดหญ้า-รายงานการวิเคราะห์-2564.pdf", names)
        self.assertIn("อ่านก่อน.txt", names)  # the agency without a result is listed, not an error
        readme = zipfile.ZipFile(io.BytesIO(r.content)).read("อ่านก่อน.txt").decode("utf-8")
        self.assertIn(self.empty.name, readme)
        self.assertIn("ยังไม่มีผลการประเมินปี 2564", readme)
        self.assertEqual(fake_write_reports.calls, [1])  # every PDF of the batch in one call
        entry = AuditEntry.objects.filter(action=AuditEntry.DOWNLOAD, agency=None).latest("pk")
        self.assertIn("2 หน่วยงาน", entry.object_type)
        self.assertEqual(entry.user, self.supervisor)

    def test_the_plans_of_many_agencies(self):
        self.login(self.admin)
        with mock.patch("prongsai.documents.reports.write_reports", fake_write_reports):
            r = self.client.get(self.url, {"id": [self.agency.pk, self.other.pk], "year": 2564, "kind": "plan"})
        names = self.names(r)
        self.assertIn("องค์การบริหารส่วนตำบลลาดหญ้า-มาตรการส่งเสริมคุณธรรม-2565.pdf", names)
        readme = zipfile.ZipFile(io.BytesIO(r.content)).read("อ่านก่อน.txt").decode("utf-8")
        self.assertIn("ยังไม่มีแผนมาตรการ", readme)  # ไค้งยาง's plan is built on 2565
        self.assertIn("ยังเป็นร่าง", readme)  # ลาดหญ้า's plan is not approved
        self.assertEqual(fake_write_reports.calls, [1])

    def test_the_page_explains_the_limit(self):
        self.login(self.supervisor)
        r = self.client.get(self.url)
        self.assertContains(r, "ไม่เกิน 30 หน่วยงาน")
        from prongsai.web.agencies.models import Agency

        many = [Agency.objects.create(name=f"หน่วยงาน{n}", province=self.agency.province).pk for n in range(31)]
        r = self.post(many)
        self.assertContains(r, "ไม่เกิน 30 หน่วยงานต่อครั้ง", status_code=400)
        self.assertEqual(fake_write_reports.calls, [])

    def test_bad_parameters_get_a_thai_message(self):
        self.login(self.supervisor)
        self.assertContains(self.post([self.agency.pk], kind="docx"), "ชนิดเอกสาร", status_code=400)
        self.assertContains(self.post(["abc"]), "ต้องเป็นตัวเลข", status_code=400)
        self.assertContains(self.post([self.agency.pk], year="2400"), "ปีของผลการประเมิน", status_code=400)

    def test_a_missing_converter_is_a_thai_message(self):
        from prongsai.documents.pdf import ConverterMissingError

        self.login(self.supervisor)
        with mock.patch("prongsai.documents.reports.write_reports", side_effect=ConverterMissingError("x")):
            r = self.client.post(self.url, {"id": [self.agency.pk], "year": 2564, "kind": "analysis"})
        self.assertContains(r, "LibreOffice", status_code=503)
        self.assertContains(r, "โปรดแจ้งผู้ดูแลระบบ", status_code=503)
        self.assertFalse(AuditEntry.objects.filter(action=AuditEntry.DOWNLOAD, agency=None).exists())

    def test_it_checks_ownership(self):
        self.login(self.supervisor)
        self.assertEqual(self.post([self.agency.pk, self.other.pk]).status_code, 404)
        self.assertEqual(self.post([999999]).status_code, 404)
        for user in (self.owner, self.member, self.stranger):
            self.login(user)
            self.assertEqual(self.post([self.agency.pk]).status_code, 404)
        self.assertEqual(fake_write_reports.calls, [])

    def test_it_needs_the_csrf_token(self):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(self.supervisor)
        r = client.post(self.url, {"id": [self.agency.pk], "year": 2564, "kind": "analysis"})
        self.assertEqual(r.status_code, 403)

    @needs_soffice
    def test_real_pdfs_in_one_libreoffice(self):
        self.login(self.admin)
        r = self.client.post(self.url, {"id": [self.agency.pk, self.other.pk], "year": 2565, "kind": "analysis"})
        self.assertEqual(r.status_code, 200, r.content[:500])
        archive = zipfile.ZipFile(io.BytesIO(r.content))
        pdfs = [n for n in archive.namelist() if n.endswith(".pdf")]
        self.assertEqual(pdfs, ["องค์การบริหารส่วนตำบลไค้งยาง-รายงานการวิเคราะห์-2565.pdf"])
        self.assertTrue(archive.read(pdfs[0]).startswith(b"%PDF"))
        self.assertIn(self.agency.name, archive.read("อ่านก่อน.txt").decode("utf-8"))  # its result is of 2564
