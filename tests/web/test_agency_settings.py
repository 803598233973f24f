from prongsai.web.audit.models import AuditEntry
from tests.web.base import BaseTestCase


class AgencySettingsTestCase(BaseTestCase):
    def url(self, agency=None):
        return f"/a/{(agency or self.agency).pk}/settings/"

    def test_it_works(self):
        self.login(self.owner)
        self.assertContains(self.client.get(self.url()), "ตั้งค่าหน่วยงาน")
        r = self.client.post(self.url(), {"name": self.agency.name, "agency_type": "อบต.", "district": "เมือง",
                                          "province": "กาญจนบุรี", "website": "www.ladya.go.th"})
        self.assertRedirects(r, self.url(), fetch_redirect_response=False)
        self.agency.refresh_from_db()
        self.assertEqual(self.agency.website, "https://www.ladya.go.th")
        entry = AuditEntry.objects.filter(agency=self.agency, object_type="หน่วยงาน", action="update").first()
        self.assertEqual(entry.changes["อำเภอ"], ["เมืองกาญจนบุรี", "เมือง"])

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
