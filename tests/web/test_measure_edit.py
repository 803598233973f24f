from prongsai.web.audit.models import AuditEntry
from prongsai.web.plans.models import Measure
from tests.web.base import BaseTestCase
from tests.web.test_measure_new import measure_data

HX = {"HTTP_HX_REQUEST": "true"}


class MeasureEditTestCase(BaseTestCase):
    def test_it_works_with_htmx(self):
        self.login(self.member)
        url = self.a_url(f"measures/{self.measure.pk}/edit/")
        r = self.client.get(url, **HX)
        self.assertContains(r, "แก้ไขมาตรการ")
        self.assertNotContains(r, "<html")
        r = self.client.post(url, measure_data(title="ชื่อใหม่", responsible="all", steps_text=""), **HX)
        self.assertContains(r, "ชื่อใหม่")
        self.assertContains(r, "บันทึกแล้ว")
        m = Measure.objects.get(pk=self.measure.pk)
        self.assertTrue(m.responsible_all)
        self.assertEqual(m.responsible_text, "ทุกกอง/สำนัก")
        self.assertGreater(m.steps.count(), 0)  # steps are edited separately
        entry = AuditEntry.objects.filter(agency=self.agency, object_type="มาตรการ", action="update").first()
        self.assertEqual(entry.changes["มาตรการ/แนวทาง"][1], "ชื่อใหม่")

    def test_it_works_without_javascript(self):
        self.login(self.member)
        url = self.a_url(f"measures/{self.measure.pk}/edit/")
        self.assertContains(self.client.get(url), "<html")
        r = self.client.post(url, measure_data(title="ชื่อใหม่"))
        self.assertEqual(r.status_code, 302)

    def test_it_rejects_bad_input(self):
        self.login(self.member)
        r = self.client.post(self.a_url(f"measures/{self.measure.pk}/edit/"), measure_data(title="", end="x"), **HX)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_title_error"')
        self.assertContains(r, 'id="id_end_error"')
        self.assertEqual(Measure.objects.get(pk=self.measure.pk).title, self.measure.title)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url(f"measures/{self.measure.pk}/edit/")).status_code, 404)
        r = self.client.post(f"/a/{self.other.pk}/measures/{self.measure.pk}/edit/", measure_data(title="x"))
        self.assertEqual(r.status_code, 404)
        self.assertNotEqual(Measure.objects.get(pk=self.measure.pk).title, "x")
