from tests.web.base import BaseTestCase


class AuditLogViewTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.owner)
        self.client.post(self.a_url("units/"), {"name": "กองใหม่ทดสอบ"})
        r = self.client.get(self.a_url("audit/"))
        self.assertContains(r, "เพิ่มกอง/สำนัก กองใหม่ทดสอบ")
        self.assertContains(r, "alice")
        r = self.client.get(self.a_url("audit/"), {"q": "กองใหม่", "action": "create"})
        self.assertContains(r, "กองใหม่ทดสอบ")
        r = self.client.get(self.a_url("audit/"), {"action": "delete"})
        self.assertNotContains(r, "กองใหม่ทดสอบ")

    def test_only_admins_see_it(self):
        for user in (self.member, self.viewer, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.get(self.a_url("audit/")).status_code, 403)

    def test_it_rejects_post(self):
        self.login(self.owner)
        self.assertEqual(self.client.post(self.a_url("audit/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("audit/")).status_code, 404)
        r = self.client.get(f"/a/{self.other.pk}/audit/")
        self.assertNotContains(r, self.agency.name)

    def test_it_filters_by_kind_and_offers_no_sign_in_filter(self):
        from django.test import RequestFactory

        from prongsai.web.audit import log

        request = RequestFactory().get("/")
        request.user = self.viewer
        log.downloaded(request, self.agency, "หลักฐาน", None, "ไฟล์ทดสอบ.pdf")
        self.login(self.owner)
        r = self.client.get(self.a_url("audit/"), {"kind": "download"})
        self.assertContains(r, "ไฟล์ทดสอบ.pdf")
        self.assertNotContains(r, "บันทึกผลการประเมิน")
        r = self.client.get(self.a_url("audit/"), {"kind": "change"})
        self.assertContains(r, "บันทึกผลการประเมิน")
        self.assertNotContains(r, "ไฟล์ทดสอบ.pdf")
        self.assertNotContains(r, 'value="signin"')
        self.assertNotContains(r, 'value="login_failed"')
        self.assertEqual(self.client.get(self.a_url("audit/"), {"kind": "signin"}).status_code, 200)
