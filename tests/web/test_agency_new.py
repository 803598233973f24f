from prongsai.web.agencies.models import Agency, Membership
from prongsai.web.audit.models import AuditEntry
from tests.web.base import BaseTestCase


class AgencyNewTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.admin)
        r = self.client.post("/agencies/new/", {"name": "องค์การบริหารส่วนตำบลทดสอบ", "agency_type": "",
                                                "district": "เมือง", "province": "ขอนแก่น", "website": ""})
        agency = Agency.objects.get(name="องค์การบริหารส่วนตำบลทดสอบ")
        self.assertRedirects(r, f"/a/{agency.pk}/results/", fetch_redirect_response=False)
        self.assertEqual(agency.agency_type, "อบต.")  # read from the name
        self.assertIn("กองคลัง", [u.name for u in agency.units.all()])  # the standard units of its type
        self.assertTrue(Membership.objects.filter(agency=agency, user=self.admin, role="admin").exists())
        self.assertTrue(AuditEntry.objects.filter(agency=agency, action="create", object_type="หน่วยงาน").exists())

    def test_it_takes_own_units(self):
        self.login(self.admin)
        self.client.post("/agencies/new/", {"name": "เทศบาลตำบลหนึ่ง", "agency_type": "เทศบาลตำบล",
                                            "units": "สำนักปลัดเทศบาล\nกองคลัง\n\n"})
        agency = Agency.objects.get(name="เทศบาลตำบลหนึ่ง")
        self.assertEqual([u.name for u in agency.units.all()], ["สำนักปลัดเทศบาล", "กองคลัง"])

    def test_it_rejects_bad_input(self):
        self.login(self.admin)
        count = Agency.objects.count()
        r = self.client.post("/agencies/new/", {"name": "", "agency_type": "สหกรณ์", "website": "not a url",
                                                "units": "กองคลัง\nกองคลัง"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_name_error"')
        self.assertContains(r, 'id="id_units_error"')
        self.assertContains(r, 'id="id_agency_type_error"')
        self.assertEqual(Agency.objects.count(), count)

    def test_it_checks_ownership(self):
        for user in (self.owner, self.stranger, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.get("/agencies/new/").status_code, 404)
            self.assertEqual(self.client.post("/agencies/new/", {"name": "x"}).status_code, 404)
