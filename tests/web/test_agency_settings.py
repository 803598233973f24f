from prongsai.web.agencies.models import Agency
from prongsai.web.audit.models import AuditEntry
from tests.web.base import BaseTestCase


class AgencySettingsTestCase(BaseTestCase):
    def url(self, agency=None):
        return f"/a/{(agency or self.agency).pk}/settings/"

    def test_it_works(self):
        self.login(self.owner)
        self.assertContains(self.client.get(self.url()), "ตั้งค่าหน่วยงาน")
        r = self.client.post(self.url(), {"name": self.agency.name, "website": "www.ladya.go.th"})
        self.assertRedirects(r, self.url(), fetch_redirect_response=False)
        self.agency.refresh_from_db()
        self.assertEqual(self.agency.website, "https://www.ladya.go.th")
        entry = AuditEntry.objects.filter(agency=self.agency, object_type="หน่วยงาน", action="update").first()
        self.assertEqual(entry.changes["เว็บไซต์ของหน่วยงาน"], ["", "https://www.ladya.go.th"])
        # the system administrator moves it to another district; a typed "อำเภอ" is not kept
        self.login(self.admin)
        r = self.client.post(self.url(), {"name": self.agency.name, "district": "อำเภอท่าม่วง",
                                          "province": self.agency.province, "agency_type": self.agency.agency_type})
        self.assertEqual(r.status_code, 302)
        self.agency.refresh_from_db()
        self.assertEqual(self.agency.district, "ท่าม่วง")

    def test_an_agency_admin_sees_the_supervision_fields_read_only(self):
        self.login(self.owner)
        r = self.client.get(self.url())
        self.assertContains(r, "แก้ไขได้เฉพาะผู้ดูแลระบบ")
        self.assertContains(r, f"จังหวัด: {self.agency.province}")
        self.assertContains(r, f"ประเภทหน่วยงาน: {self.agency.agency_type}")
        self.assertNotContains(r, 'name="province"')
        self.assertNotContains(r, 'name="agency_type"')
        self.assertNotContains(r, 'name="district"')
        self.assertContains(r, f"อำเภอ: {self.agency.district}")

    def test_a_forged_post_cannot_move_the_agency_out_of_its_supervisors_scope(self):
        """Supervisor scopes match on province, district and agency type: an agency admin changes none."""
        before = Agency.objects.values("province", "district", "agency_type").get(pk=self.agency.pk)
        self.login(self.owner)
        r = self.client.post(self.url(), {"name": self.agency.name, "agency_type": "เทศบาลตำบล",
                                          "district": "เมือง", "province": "เชียงใหม่"})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(Agency.objects.values("province", "district", "agency_type").get(pk=self.agency.pk), before)
        # nothing else was changed, so nothing is logged either
        self.assertFalse(AuditEntry.objects.filter(agency=self.agency, object_type="หน่วยงาน", action="update").exists())
        self.login(self.supervisor)
        self.assertEqual(self.client.get(self.a_url()).status_code, 200)

    def test_an_agency_without_a_type_does_not_get_one_from_its_name(self):
        Agency.objects.filter(pk=self.agency.pk).update(agency_type="")
        self.login(self.owner)
        self.client.post(self.url(), {"name": "เทศบาลตำบลลาดหญ้า", "district": "เมือง"})
        self.assertEqual(Agency.objects.get(pk=self.agency.pk).agency_type, "")

    def test_the_system_administrator_changes_the_supervision_fields(self):
        self.login(self.admin)
        r = self.client.get(self.url())
        self.assertRegex(r.content.decode(), r'<input[^>]*name="province"')
        self.assertNotContains(r, "แก้ไขได้เฉพาะผู้ดูแลระบบ")
        r = self.client.post(self.url(), {"name": self.agency.name, "agency_type": "เทศบาลตำบล",
                                          "district": "เมือง", "province": "เชียงใหม่"})
        self.assertRedirects(r, self.url(), fetch_redirect_response=False)
        agency = Agency.objects.get(pk=self.agency.pk)
        self.assertEqual((agency.province, agency.agency_type), ("เชียงใหม่", "เทศบาลตำบล"))
        entry = AuditEntry.objects.filter(agency=self.agency, object_type="หน่วยงาน", action="update").first()
        self.assertEqual(entry.user, self.admin)
        self.assertEqual(entry.changes["จังหวัด"], ["กาญจนบุรี", "เชียงใหม่"])
        self.assertEqual(entry.changes["ประเภทหน่วยงาน"][1], "เทศบาลตำบล")
        # the province's supervisor no longer reads it: that was the system administrator's decision
        self.login(self.supervisor)
        self.assertEqual(self.client.get(self.a_url()).status_code, 404)

    def test_it_rejects_bad_input(self):
        self.login(self.owner)
        r = self.client.post(self.url(), {"name": "", "website": "ftp://x"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_name_error"')

    def test_it_needs_the_admin_role(self):
        for user in (self.member, self.viewer, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.get(self.url()).status_code, 403)
            self.assertEqual(self.client.post(self.url(), {"name": "x"}).status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
