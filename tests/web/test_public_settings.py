from prongsai.web.audit.models import AuditEntry
from prongsai.web.public.models import PublicProfile
from tests.web.base import BaseTestCase
from tests.web.public_helpers import approve, profile

FORM = {"intro": "บริการประชาชนด้วยความโปร่งใส", "address": "หมู่ 1 ตำบลลาดหญ้า", "phone": "0 3451 2345",
        "email": "saraban@ladya.go.th", "office_hours": "วันจันทร์–วันศุกร์ 08.30–16.30 น.",
        "map_url": "https://maps.example.com/ladya", "social_links": "www.facebook.com/ladya\n",
        "head_title": "นายกองค์การบริหารส่วนตำบลลาดหญ้า"}


class PublicSettingsTestCase(BaseTestCase):
    def url(self, agency=None):
        return f"/a/{(agency or self.agency).pk}/public/"

    def test_it_works(self):
        self.login(self.viewer)
        r = self.client.get(self.url())
        self.assertEqual(r.status_code, 200)
        for path in ("", "measures/", "complaint/", "complaint/status/", "complaints/statistics/", "qa/",
                     "complaints/guideline.pdf"):
            self.assertContains(r, f'value="http://testserver/p/{self.agency.pk}/{path}"')
        self.assertContains(r, "ยังไม่มีแผนมาตรการที่อนุมัติแล้ว")
        self.assertNotContains(r, "<form method=\"post\" novalidate")  # read-only for a viewer
        self.assertContains(r, f'href="/a/{self.agency.pk}/public/" aria-current="page"')
        self.assertContains(r, "ผู้ดูแลของหน่วยงานแก้ไขข้อมูลนี้ได้")

    def test_the_documents_of_the_approved_plan_are_listed(self):
        approve(self.owner, self.plan)
        self.login(self.member)
        r = self.client.get(self.url())
        year = self.plan.fiscal_year
        for kind in ("analysis", "plan"):
            self.assertContains(r, f"http://testserver/p/{self.agency.pk}/documents/{kind}.pdf?year={year}")
        self.assertContains(r, f"documents/implementation.pdf?year={year}&amp;period=6-month")

    def test_an_admin_creates_the_profile_and_it_is_logged(self):
        self.login(self.owner)
        r = self.client.post(self.url(), FORM)
        self.assertRedirects(r, self.url(), fetch_redirect_response=False)
        saved = PublicProfile.objects.get(agency=self.agency)
        self.assertEqual(saved.phone, "0 3451 2345")
        self.assertEqual(saved.social_links, "https://www.facebook.com/ladya")
        entry = AuditEntry.objects.filter(agency=self.agency, object_type="ข้อมูลหน้าสาธารณะ").get()
        self.assertEqual(entry.action, AuditEntry.CREATE)
        self.assertEqual(entry.changes["อีเมล"], ["", "saraban@ladya.go.th"])
        # and the public home shows it
        self.assertContains(self.client.get(f"/p/{self.agency.pk}/"), "saraban@ladya.go.th")

    def test_an_admin_updates_the_profile(self):
        profile(self.agency)
        self.login(self.owner)
        self.client.post(self.url(), {**FORM, "phone": "0 3400 0000"})
        self.assertEqual(PublicProfile.objects.get(agency=self.agency).phone, "0 3400 0000")
        self.assertEqual(PublicProfile.objects.filter(agency=self.agency).count(), 1)
        entry = AuditEntry.objects.filter(agency=self.agency, object_type="ข้อมูลหน้าสาธารณะ").get()
        self.assertEqual(entry.action, AuditEntry.UPDATE)
        self.assertEqual(entry.changes["หมายเลขโทรศัพท์"], ["0 3451 2345 ต่อ 12, 0 3451 2346", "0 3400 0000"])

    def test_it_rejects_bad_input(self):
        self.login(self.owner)
        r = self.client.post(self.url(), {**FORM, "email": "not-an-email", "social_links": "ไม่ใช่ลิงก์ เลย"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "ไม่ใช่ลิงก์ที่ถูกต้อง")
        self.assertFalse(PublicProfile.objects.filter(agency=self.agency).exists())
        self.assertFalse(AuditEntry.objects.filter(object_type="ข้อมูลหน้าสาธารณะ").exists())

    def test_only_admins_change_it(self):
        for user in (self.member, self.viewer, self.unit_editor, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.post(self.url(), FORM).status_code, 403, user.username)
        self.assertFalse(PublicProfile.objects.filter(agency=self.agency).exists())

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.post(self.url(), FORM).status_code, 404)
        self.assertFalse(PublicProfile.objects.filter(agency=self.agency).exists())
        r = self.client.get(self.url(self.other))
        self.assertEqual(r.status_code, 200)
        self.assertNotContains(r, f"/p/{self.agency.pk}/")
