"""The OIT checklist suggests the agency's public pages for the items they fit."""

from prongsai.web.oit.models import OitCheck
from prongsai.web.plans import services
from tests.web.base import BaseTestCase
from tests.web.public_helpers import approve, profile

HINT = "ใช้หน้าในระบบ “โปร่งใส” ได้: "


class OitPublicHintsTestCase(BaseTestCase):
    def p(self, suffix="", agency=None):
        return f"http://testserver/p/{(agency or self.agency).pk}/{suffix}"

    def test_the_checklist_suggests_the_pages(self):
        self.login(self.member)
        r = self.client.get(self.a_url("oit/2567/"))
        self.assertContains(r, HINT + f'<a href="{self.p()}"')  # O5 ข้อมูลการติดต่อ
        self.assertContains(r, f'href="{self.p("complaint/")}"')  # O28
        self.assertContains(r, f'href="{self.p("complaints/statistics/")}"')  # O29
        self.assertContains(r, f'href="{self.p("complaints/guideline.pdf")}"')  # O27
        self.assertContains(r, f'href="{self.p("qa/")}"')  # O8
        self.assertContains(r, f'href="{self.p("measures/?year=2567")}"')  # O43
        self.assertContains(r, f'href="{self.p("documents/plan.pdf?year=2567")}"')  # O42
        self.assertContains(r, self.p("documents/implementation.pdf?year=2567&amp;period=6-month"))
        # the button opens the item's form with the page in its URL field
        self.assertContains(r, f'hx-get="/a/{self.agency.pk}/oit/2567/O28/?suggest=0"')
        # what is still missing for the page to show what the item asks
        self.assertContains(r, "ยังไม่มีแผนมาตรการปีงบประมาณ 2567 ที่ได้รับอนุมัติ")
        self.assertContains(r, "ยังไม่ได้กรอกที่อยู่")
        self.assertContains(r, "ยังไม่เปิดรับเรื่องร้องเรียนทางเว็บไซต์")

    def test_an_item_with_its_own_page_gets_no_suggestion(self):
        OitCheck.objects.create(agency=self.agency, fiscal_year=2567, code="O28", status=OitCheck.DONE,
                                url="https://www.ladya.go.th/complaints")
        self.login(self.member)
        r = self.client.get(self.a_url("oit/2567/"))
        self.assertNotContains(r, f'href="{self.p("complaint/")}"')
        page = self.client.get(self.a_url("oit/2567/O28/"))
        self.assertContains(page, HINT)  # still said beside the field, without the button
        self.assertNotContains(page, "data-fill-url")

    def test_the_item_form_offers_to_fill_its_empty_url_field(self):
        self.login(self.member)
        r = self.client.get(self.a_url("oit/2567/O28/"))
        self.assertContains(r, f'data-fill-url="{self.p("complaint/")}"')
        self.assertContains(r, f'data-fill-url="{self.p("complaint/status/")}"')
        self.assertContains(r, 'href="?suggest=0"'.replace('href="', f'href="/a/{self.agency.pk}/oit/2567/O28/'))
        # without JavaScript the link opens the form with the page filled in
        r = self.client.get(self.a_url("oit/2567/O28/?suggest=1"))
        self.assertEqual(r.context["form"]["url"].value(), self.p("complaint/status/"))
        self.assertNotContains(r, "data-fill-url")
        # a bad choice is ignored
        r = self.client.get(self.a_url("oit/2567/O28/?suggest=9"))
        self.assertFalse(r.context["form"]["url"].value())
        # and it saves as any other link (served under the agency's public host name)
        with self.settings(ALLOWED_HOSTS=["ita.ladya.go.th"]):
            r = self.client.get(self.a_url("oit/2567/O28/?suggest=0"), HTTP_HOST="ita.ladya.go.th")
            url = r.context["form"]["url"].value()
            self.assertEqual(url, f"http://ita.ladya.go.th/p/{self.agency.pk}/complaint/")
            r = self.client.post(self.a_url("oit/2567/O28/"), {"status": "done", "url": url},
                                 HTTP_HX_REQUEST="true", HTTP_HOST="ita.ladya.go.th")
        self.assertContains(r, "บันทึกแล้ว")
        self.assertEqual(OitCheck.objects.get(agency=self.agency, fiscal_year=2567, code="O28").url, url)

    def test_a_viewer_sees_the_suggestion_without_a_button(self):
        self.login(self.viewer)
        r = self.client.get(self.a_url("oit/2567/"))
        self.assertContains(r, HINT)
        self.assertNotContains(r, "?suggest=")
        r = self.client.get(self.a_url("oit/2567/O28/"))
        self.assertContains(r, HINT)

    def test_the_notes_go_once_the_page_is_ready(self):
        from prongsai.web.complaints.models import ChannelSettings

        profile(self.agency)
        ChannelSettings.objects.create(agency=self.agency, is_open=True, handling_unit=self.agency.units.first())
        plan = services.create_empty(self.owner, self.agency, 2567, 2564)
        plan.measures.create(title="มาตรการปี 2567", order=1)
        approve(self.owner, plan)
        self.login(self.member)
        r = self.client.get(self.a_url("oit/2567/"))
        self.assertNotContains(r, "ยังไม่มีแผนมาตรการปีงบประมาณ 2567")
        self.assertNotContains(r, "ยังไม่ได้กรอกที่อยู่")
        self.assertNotContains(r, "ยังไม่เปิดรับเรื่องร้องเรียนทางเว็บไซต์")

    def test_the_current_years_suggestions_follow_the_library(self):
        self.login(self.member)
        r = self.client.get(self.a_url("oit/2570/"))
        self.assertContains(r, f'href="{self.p("complaint/")}"')  # O17
        self.assertContains(r, f'href="{self.p("measures/?year=2569")}"')  # O26: the year before
        self.assertContains(r, f'href="{self.p("documents/plan.pdf?year=2570")}"')  # O25

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("oit/2567/O28/?suggest=0")).status_code, 404)
        r = self.client.get(f"/a/{self.other.pk}/oit/2567/")
        self.assertContains(r, f'href="{self.p("complaint/", self.other)}"')
        self.assertNotContains(r, self.p("", self.agency))
