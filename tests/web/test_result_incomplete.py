"""A result with only some of the indicators (issue 9 item 16): a warning and an explicit
confirmation before saving; afterwards its page says what is missing and does not offer a
draft of measures that would ignore the missing indicators."""

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.ita.library import get_framework
from prongsai.web.assessments.models import Result
from prongsai.web.audit.models import AuditEntry
from tests.web.base import BaseTestCase

HALF = {f"ind_{n}": "90" for n in range(1, 6)}


class IncompleteResultTestCase(BaseTestCase):
    url = "results/form/?year=2565"

    def test_it_warns_and_saves_nothing_without_confirmation(self):
        self.login(self.member)
        audit = AuditEntry.objects.filter(object_type="ผลการประเมิน").count()
        r = self.client.post(self.a_url(self.url), HALF)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "ยังไม่ได้บันทึก")
        self.assertContains(r, "5 จาก 10 ตัวชี้วัด")
        for ind in get_framework(2565).indicators[5:]:
            self.assertContains(r, f"{ind.no}. {ind.name}")
        self.assertContains(r, "การวิเคราะห์")
        self.assertContains(r, 'name="confirm_missing" value="6,7,8,9,10"')
        self.assertFalse(Result.objects.filter(agency=self.agency, fiscal_year=2565).exists())
        self.assertEqual(AuditEntry.objects.filter(object_type="ผลการประเมิน").count(), audit)

    def test_confirmation_must_name_what_is_missing_now(self):
        self.login(self.member)
        r = self.client.post(self.a_url(self.url), {**HALF, "confirm_missing": "10"})
        self.assertContains(r, "ยังไม่ได้บันทึก")
        self.assertFalse(Result.objects.filter(agency=self.agency, fiscal_year=2565).exists())

    def test_confirmed_it_is_saved_and_its_page_says_what_is_missing(self):
        self.login(self.member)
        r = self.client.post(self.a_url(self.url), {**HALF, "confirm_missing": "6,7,8,9,10"})
        self.assertRedirects(r, self.a_url("analysis/2565/"), fetch_redirect_response=False)
        self.assertEqual(Result.objects.get(agency=self.agency, fiscal_year=2565).indicators,
                         {str(n): 90.0 for n in range(1, 6)})
        page = self.client.get(self.a_url("analysis/2565/"))
        self.assertContains(page, "ผลการประเมินปี 2565 ยังไม่ครบ")
        self.assertContains(page, get_framework(2565).indicators[9].name)
        # no draft of measures from half an assessment: the next step is to complete it
        self.assertNotContains(page, f"/a/{self.agency.pk}/plans/?based_on=2565")
        self.assertContains(page, "ยังสร้างร่างมาตรการจากผลปีนี้ไม่ได้")
        self.assertContains(page, f"/a/{self.agency.pk}/results/form/?year=2565")
        listing = self.client.get(self.a_url("results/"))
        self.assertContains(listing, "ยังไม่ครบ 5/10")

    def test_a_complete_result_offers_the_draft(self):
        self.login(self.member)
        self.client.post(self.a_url(self.url), {f"ind_{n}": "90" for n in range(1, 11)})
        page = self.client.get(self.a_url("analysis/2565/"))
        self.assertContains(page, f"/a/{self.agency.pk}/plans/?based_on=2565")
        self.assertNotContains(page, "ยังไม่ครบ")

    def test_indicators_worked_out_from_items_count(self):
        """OIT items roll up into indicators 9 and 10: all OIT items is as good as typing them."""
        self.login(self.member)
        data = {f"ind_{n}": "90" for n in range(1, 9)}
        data.update({f"item_{item.code}": "100" for item in get_framework(2565).items if item.instrument == "OIT"})
        r = self.client.post(self.a_url(self.url), data)
        self.assertEqual(r.status_code, 302)

    def test_an_upload_with_half_the_indicators_asks_first(self):
        self.login(self.member)
        content = (f"agency: {self.agency.name}\nfiscal_year: 2565\n"
                   "indicators: {1: 90, 2: 90, 3: 90, 4: 90, 5: 90}\n").encode()
        r = self.client.post(self.a_url("results/upload/"), {"file": SimpleUploadedFile("half.yaml", content)})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "5 จาก 10 ตัวชี้วัด")
        self.assertContains(r, 'name="pending"')
        self.assertFalse(Result.objects.filter(agency=self.agency, fiscal_year=2565).exists())

    def test_viewers_see_it_too_without_the_edit_link(self):
        self.login(self.member)
        self.client.post(self.a_url(self.url), {**HALF, "confirm_missing": "6,7,8,9,10"})
        self.login(self.viewer)
        page = self.client.get(self.a_url("analysis/2565/"))
        self.assertContains(page, "ยังไม่ครบ")
        self.assertNotContains(page, f"/a/{self.agency.pk}/results/form/?year=2565")

    def test_the_plans_page_refuses_a_draft_from_an_incomplete_result(self):
        """The plans page's own "สร้างแผนมาตรการ" form must not draft from half an assessment either."""
        from prongsai.web.plans.models import Plan

        self.login(self.member)
        self.client.post(self.a_url(self.url), {**HALF, "confirm_missing": "6,7,8,9,10"})
        plans = Plan.objects.filter(agency=self.agency).count()
        r = self.client.post(self.a_url("plans/new/"), {"based_on_year": 2565, "fiscal_year": 2566,
                                                        "start_from": "draft"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "ยังขาดคะแนนตัวชี้วัดที่ 6, 7, 8, 9, 10")
        self.assertEqual(Plan.objects.filter(agency=self.agency).count(), plans)
