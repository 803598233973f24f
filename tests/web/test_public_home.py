from django.urls import reverse

from tests.web.base import BaseTestCase
from tests.web.public_helpers import approve, assert_private, profile


class PublicHomeTestCase(BaseTestCase):
    def url(self, agency=None):
        return f"/p/{(agency or self.agency).pk}/"

    def test_it_works(self):
        profile(self.agency)
        r = self.client.get(self.url())
        self.assertEqual(r.status_code, 200)
        assert_private(self, r)
        self.assertContains(r, self.agency.name)
        self.assertContains(r, "หน่วยงานบริการประชาชนตำบลลาดหญ้า")
        for name, label in (("complaint_new", "แจ้งเรื่องร้องเรียนการทุจริตและ<span class=\"nowrap\">ประพฤติมิชอบ</span>"),
                            ("complaint_status", "ติดตามเรื่องร้องเรียน"),
                            ("complaint_statistics", "สถิติเรื่องร้องเรียน"), ("public_qa", "ถาม–ตอบ (Q&amp;A)"),
                            ("public_measures", "ผลการดำเนินการตามมาตรการ")):
            self.assertContains(r, f'href="{reverse(name, args=[self.agency.pk])}"')
            self.assertContains(r, label)
        # contact: the phone dials, the e-mail writes
        self.assertContains(r, 'href="tel:034512345"')
        self.assertContains(r, 'href="tel:034512346"')
        self.assertContains(r, 'href="mailto:saraban@ladya.go.th"')
        self.assertContains(r, "วันจันทร์–วันศุกร์ 08.30–16.30 น.")
        self.assertContains(r, "https://maps.example.com/ladya")
        # a page of its own: no script, no third-party asset, nothing of the workspace
        html = r.content.decode()
        self.assertNotIn("<script", html)
        self.assertNotIn("csrfmiddlewaretoken", html)
        self.assertNotIn("//cdn", html)
        self.assertNotIn('href="/a/', html)

    def test_without_a_profile_it_shows_the_agency(self):
        r = self.client.get(self.url())
        self.assertContains(r, "ช่องทางติดต่อและบริการสำหรับประชาชนของ" + self.agency.name)
        self.assertContains(r, "ติดต่อหน่วยงาน")

    def test_documents_appear_only_once_a_plan_is_approved(self):
        r = self.client.get(self.url())
        self.assertNotContains(r, "/documents/")  # the plan is a draft
        approve(self.owner, self.plan)
        r = self.client.get(self.url())
        self.assertContains(r, f"เอกสารเผยแพร่ ประจำปีงบประมาณ พ.ศ. {self.plan.fiscal_year}")
        for kind in ("analysis", "plan", "implementation"):
            self.assertContains(r, reverse("public_document", args=[self.agency.pk, kind, "pdf"]))

    def test_a_signed_in_member_gets_the_same_page_and_no_cookie(self):
        self.login(self.member)
        r = self.client.get(self.url())
        self.assertEqual(r.status_code, 200)
        assert_private(self, r)
        self.assertNotContains(r, self.member.username)

    def test_it_rejects_post(self):
        self.assertEqual(self.client.post(self.url()).status_code, 405)

    def test_it_checks_ownership(self):
        profile(self.agency)
        approve(self.owner, self.plan)
        r = self.client.get(self.url(self.other))
        self.assertEqual(r.status_code, 200)
        assert_private(self, r)
        self.assertContains(r, self.other.name)
        for text in (self.agency.name, "saraban@ladya.go.th", "หน่วยงานบริการประชาชนตำบลลาดหญ้า", "034512345"):
            self.assertNotContains(r, text)
        self.assertNotContains(r, f"/p/{self.agency.pk}/")
        self.assertNotContains(r, "/documents/")  # B's plan is a draft
        self.assertEqual(self.client.get("/p/999999/").status_code, 404)
