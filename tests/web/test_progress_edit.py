from prongsai.web.audit.models import AuditEntry
from prongsai.web.plans.models import ProgressEntry
from tests.web.base import BaseTestCase, pdf_upload
from tests.web.test_measure_progress import entry_data


class ProgressEditTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.member)
        url = self.a_url(f"progress/{self.entry.pk}/edit/")
        self.assertContains(self.client.get(url), "แก้ไขผลการดำเนินการ")
        r = self.client.post(url, entry_data(status="late", done="เลื่อนการอบรม"))
        self.assertEqual(r.status_code, 302)
        self.assertEqual(ProgressEntry.objects.get(pk=self.entry.pk).status, "late")
        audit = AuditEntry.objects.filter(agency=self.agency, action="update", object_type="ผลการดำเนินการ").first()
        self.assertEqual(audit.changes["สถานะ"], ["กำลังดำเนินการ", "ล่าช้า"])

    def test_it_rejects_bad_input(self):
        self.login(self.member)
        r = self.client.post(self.a_url(f"progress/{self.entry.pk}/edit/"), entry_data(as_of=""))
        self.assertContains(r, 'id="id_as_of_error"')

    def test_it_adds_evidence(self):
        self.login(self.member)
        self.client.post(self.a_url(f"progress/{self.entry.pk}/edit/"), {**entry_data(), "files": [pdf_upload("more.pdf")]})
        self.assertTrue(self.entry.evidence.filter(name="more.pdf").exists())

    def test_unit_staff_cannot_edit_other_units_entries(self):
        foreign = next(m for m in self.plan.measures.all() if not m.involves_unit(self.finance.pk))
        entry = ProgressEntry.objects.create(agency=self.agency, measure=foreign, lineage=foreign.lineage,
                                             status="in_progress", done="x")
        self.login(self.unit_editor)
        self.assertEqual(self.client.post(self.a_url(f"progress/{entry.pk}/edit/"), entry_data()).status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url(f"progress/{self.entry.pk}/edit/")).status_code, 404)
        r = self.client.post(f"/a/{self.other.pk}/progress/{self.entry.pk}/edit/", entry_data(done="แก้โดยคนนอก"))
        self.assertEqual(r.status_code, 404)
        self.assertNotEqual(ProgressEntry.objects.get(pk=self.entry.pk).done, "แก้โดยคนนอก")
