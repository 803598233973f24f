from prongsai.web.audit.models import AuditEntry
from prongsai.web.oit.models import OitCheck
from tests.web.base import BaseTestCase

HX = {"HTTP_HX_REQUEST": "true"}


class OitItemTestCase(BaseTestCase):
    def url(self, code="O1", year=2567):
        return self.a_url(f"oit/{year}/{code}/")

    def test_it_works_with_htmx(self):
        self.login(self.member)
        r = self.client.get(self.url(), **HX)
        self.assertContains(r, "แสดงแผนผังโครงสร้าง")  # a component of O1
        self.assertNotContains(r, "<html")
        r = self.client.post(self.url(), {"owner": self.finance.pk, "url": "www.ladya.go.th/structure",
                                          "status": "done", "components": ["0", "1", "2"], "note": "ครบ",
                                          "checked_on": "1/11/2567"}, **HX)
        self.assertContains(r, "บันทึกแล้ว")
        check = OitCheck.objects.get(agency=self.agency, fiscal_year=2567, code="O1")
        self.assertEqual((check.status, check.components_done, check.url), ("done", [0, 1, 2],
                                                                           "https://www.ladya.go.th/structure"))
        self.assertTrue(AuditEntry.objects.filter(agency=self.agency, object_type="รายการตรวจ OIT").exists())

    def test_a_new_item_without_javascript(self):
        self.login(self.member)
        self.assertContains(self.client.get(self.url("O2")), "<html")
        r = self.client.post(self.url("O2"), {"status": "missing", "note": "ยังไม่มี"})
        self.assertRedirects(r, self.a_url("oit/2567/#oit-O2"), fetch_redirect_response=False)
        self.assertTrue(OitCheck.objects.filter(agency=self.agency, code="O2", status="missing").exists())

    def test_it_rejects_bad_input(self):
        self.login(self.member)
        r = self.client.post(self.url(), {"status": "done", "components": ["0"], "url": ""})
        self.assertContains(r, 'id="id_status_error"')  # components missing: not complete
        self.assertContains(r, 'id="id_url_error"')
        r = self.client.post(self.url(), {"status": "bogus", "owner": self.other.units.first().pk,
                                          "checked_on": "x", "components": ["99"]})
        for field in ("status", "owner", "checked_on", "components"):
            self.assertContains(r, f'id="id_{field}_error"')
        self.assertEqual(OitCheck.objects.get(agency=self.agency, code="O1").status, "partial")

    def test_unknown_items(self):
        self.login(self.member)
        self.assertEqual(self.client.get(self.url("O99")).status_code, 404)
        self.assertEqual(self.client.get(self.a_url("oit/2567/I1/")).status_code, 404)

    def test_viewers_read_only(self):
        self.login(self.viewer)
        self.assertContains(self.client.get(self.url()), "องค์ประกอบที่หน้าเว็บต้องแสดง")
        self.assertEqual(self.client.post(self.url(), {"status": "done"}).status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.post(self.url(), {"status": "missing"}).status_code, 404)
        self.assertEqual(OitCheck.objects.get(agency=self.agency, code="O1").status, "partial")
