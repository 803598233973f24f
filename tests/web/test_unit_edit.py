from prongsai.web.agencies.models import Unit
from prongsai.web.audit.models import AuditEntry
from tests.web.base import BaseTestCase


class UnitEditTestCase(BaseTestCase):
    def url(self, unit=None, agency=None):
        unit = unit or self.agency.units.get(name="กองช่าง")
        return f"/a/{(agency or self.agency).pk}/units/{unit.pk}/edit/"

    def test_it_works(self):
        self.login(self.owner)
        unit = self.agency.units.get(name="กองช่าง")
        self.assertContains(self.client.get(self.url(unit)), "เปลี่ยนชื่อ")
        r = self.client.post(self.url(unit), {"name": "กองช่างและโยธา"})
        self.assertRedirects(r, self.a_url("units/"), fetch_redirect_response=False)
        self.assertEqual(Unit.objects.get(pk=unit.pk).name, "กองช่างและโยธา")
        entry = AuditEntry.objects.filter(agency=self.agency, action="update", object_type="กอง/สำนัก").first()
        self.assertEqual(entry.changes["ชื่อกอง/สำนัก"], ["กองช่าง", "กองช่างและโยธา"])

    def test_it_rejects_bad_input(self):
        self.login(self.owner)
        for name in ("กองคลัง", "  "):
            r = self.client.post(self.url(), {"name": name})
            self.assertContains(r, 'id="id_name_error"')
        self.assertTrue(Unit.objects.filter(agency=self.agency, name="กองช่าง").exists())

    def test_it_needs_the_admin_role(self):
        self.login(self.member)
        self.assertEqual(self.client.post(self.url(), {"name": "x"}).status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.post(self.url(agency=self.other), {"name": "x"}).status_code, 404)
        self.assertTrue(Unit.objects.filter(agency=self.agency, name="กองช่าง").exists())
