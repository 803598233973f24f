from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from prongsai.web.audit.models import AuditEntry
from prongsai.web.plans.models import Evidence, ProgressEntry
from tests.web.base import PDF_BYTES, PNG_BYTES, BaseTestCase, docx_bytes, pdf_upload


def entry_data(**changes):
    data = {"as_of": "31/3/2565", "status": "done", "done": "จัดอบรมแล้ว 2 รุ่น", "result": "ผู้เข้าร่วม 45 คน",
            "outcome": "บุคลากรเข้าใจ", "links": "https://www.ladya.go.th/news/12\n"}
    data.update(changes)
    return data


class MeasureProgressTestCase(BaseTestCase):
    def url(self, measure=None):
        return self.a_url(f"tracking/{(measure or self.measure).pk}/")

    def test_it_works(self):
        self.login(self.member)
        self.assertContains(self.client.get(self.url()), "บันทึกความก้าวหน้า")
        files = [pdf_upload("รายงาน.pdf"), SimpleUploadedFile("photo.png", PNG_BYTES),
                 SimpleUploadedFile("minutes.docx", docx_bytes())]
        r = self.client.post(self.url(), {**entry_data(), "files": files})
        self.assertRedirects(r, self.url(), fetch_redirect_response=False)
        entry = ProgressEntry.objects.filter(agency=self.agency).order_by("-id").first()
        self.assertEqual((entry.status, str(entry.as_of)), ("done", "2022-03-31"))
        names = sorted(entry.evidence.values_list("name", flat=True))
        self.assertEqual(names, ["https://www.ladya.go.th/news/12", "minutes.docx", "photo.png", "รายงาน.pdf"])
        stored = entry.evidence.get(name="รายงาน.pdf")
        self.assertNotIn("รายงาน", stored.file.name)  # stored under a random name
        audit = AuditEntry.objects.filter(agency=self.agency, object_type="ผลการดำเนินการ").first()
        self.assertIn("รายงาน.pdf", audit.changes["หลักฐาน"][1])
        page = self.client.get(self.url())
        self.assertContains(page, "จัดอบรมแล้ว 2 รุ่น")
        self.assertContains(page, f"/evidence/{stored.pk}/")

    def test_it_rejects_bad_files(self):
        self.login(self.member)
        before = (ProgressEntry.objects.count(), Evidence.objects.count())
        cases = [
            (SimpleUploadedFile("virus.exe", b"MZ...."), "ชนิดที่ไม่รองรับ"),
            (SimpleUploadedFile("fake.pdf", b"<html>not a pdf"), "ไม่ใช่ PDF"),
            (SimpleUploadedFile("fake.docx", b"PK\x03\x04garbage"), "ไม่ใช่ DOCX"),
            (SimpleUploadedFile("empty.png", b""), "ว่างเปล่า"),
        ]
        for upload, message in cases:
            r = self.client.post(self.url(), {**entry_data(), "files": [upload]})
            self.assertEqual(r.status_code, 200)
            self.assertContains(r, 'id="id_files_error"')
            self.assertContains(r, message)
        self.assertEqual((ProgressEntry.objects.count(), Evidence.objects.count()), before)

    @override_settings(UPLOAD_MAX_BYTES=20)
    def test_it_limits_the_size(self):
        self.login(self.member)
        r = self.client.post(self.url(), {**entry_data(), "files": [pdf_upload(content=PDF_BYTES)]})
        self.assertContains(r, "ใหญ่เกิน")

    def test_it_rejects_bad_input(self):
        self.login(self.member)
        count = ProgressEntry.objects.count()
        r = self.client.post(self.url(), entry_data(as_of="31/13/2565", status="finished", done="",
                                                    links="javascript:alert(1)"))
        for field in ("as_of", "status", "links"):
            self.assertContains(r, f'id="id_{field}_error"')
        r = self.client.post(self.url(), entry_data(done=""))
        self.assertContains(r, 'id="id_done_error"')
        self.assertEqual(ProgressEntry.objects.count(), count)

    def test_the_form_shows_the_saved_status(self):
        self.login(self.member)
        r = self.client.post(self.url(), entry_data(status="done"))
        self.assertEqual(r.status_code, 302)
        form = self.client.get(self.url()).context["form"]
        self.assertEqual(form["status"].value(), "done")
        page = self.client.get(self.url()).content.decode()
        self.assertRegex(page, r'<input[^>]*value="done"[^>]*checked')
        self.assertNotRegex(page, r'<input[^>]*value="in_progress"[^>]*checked')
        # a measure without a report starts at "in progress"
        fresh = self.plan.measures.filter(progress_entries__isnull=True).first()
        self.assertEqual(self.client.get(self.url(fresh)).context["form"]["status"].value(), "in_progress")

    def test_unit_staff_record_only_their_units_measures(self):
        self.login(self.unit_editor)
        foreign = next(m for m in self.plan.measures.all() if not m.involves_unit(self.finance.pk))
        mine = next(m for m in self.plan.measures.all() if m.involves_unit(self.finance.pk))
        self.assertContains(self.client.get(self.url(foreign)), "ดูได้อย่างเดียว")
        self.assertEqual(self.client.post(self.url(foreign), entry_data()).status_code, 403)
        self.assertEqual(self.client.post(self.url(mine), entry_data()).status_code, 302)

    def test_viewers_and_supervisors_only_read(self):
        for user in (self.viewer, self.supervisor):
            self.login(user)
            r = self.client.get(self.url())
            self.assertNotContains(r, "บันทึกความก้าวหน้า")
            self.assertEqual(self.client.post(self.url(), entry_data()).status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        count = ProgressEntry.objects.count()
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.post(self.url(), entry_data()).status_code, 404)
        self.assertEqual(self.client.post(f"/a/{self.other.pk}/tracking/{self.measure.pk}/", entry_data()).status_code,
                         404)
        self.assertEqual(ProgressEntry.objects.count(), count)
