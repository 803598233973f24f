from prongsai.web.agencies.models import Unit
from prongsai.web.audit.models import AuditEntry
from tests.web.base import BaseTestCase


class UnitsTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.owner)
        self.assertContains(self.client.get(self.a_url("units/")), "กองคลัง")
        r = self.client.post(self.a_url("units/"), {"name": " กองสวัสดิการ สังคม "})
        self.assertRedirects(r, self.a_url("units/"), fetch_redirect_response=False)
        self.assertTrue(Unit.objects.filter(agency=self.agency, name="กองสวัสดิการ สังคม").exists())
        self.assertTrue(AuditEntry.objects.filter(agency=self.agency, summary__contains="เพิ่มกอง/สำนัก").exists())

    def test_it_rejects_bad_input(self):
        self.login(self.owner)
        for name in ("", "กองคลัง"):
            r = self.client.post(self.a_url("units/"), {"name": name})
            self.assertEqual(r.status_code, 200)
            self.assertContains(r, 'id="id_name_error"')

    def test_it_needs_the_admin_role(self):
        self.login(self.member)
        self.assertEqual(self.client.post(self.a_url("units/"), {"name": "x"}).status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("units/")).status_code, 404)
        self.assertEqual(self.client.post(self.a_url("units/"), {"name": "กองแปลกปลอม"}).status_code, 404)
        self.assertFalse(Unit.objects.filter(name="กองแปลกปลอม").exists())
