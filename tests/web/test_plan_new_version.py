from prongsai.web.plans import services
from prongsai.web.plans.models import Plan, ProgressEntry
from tests.web.base import BaseTestCase
from tests.web.test_plan_approve import MEETING


class PlanNewVersionTestCase(BaseTestCase):
    def approve(self):
        self.login(self.owner)
        self.client.post(self.a_url(f"plans/{self.plan.pk}/approve/"), MEETING)

    def test_it_works(self):
        self.approve()
        self.login(self.member)
        r = self.client.post(self.a_url(f"plans/{self.plan.pk}/new-version/"))
        copy = Plan.objects.get(agency=self.agency, fiscal_year=2565, version=2)
        self.assertRedirects(r, self.a_url(f"plans/{copy.pk}/"), fetch_redirect_response=False)
        old = Plan.objects.get(pk=self.plan.pk)
        self.assertEqual((copy.status, copy.previous_version), ("draft", old))
        self.assertEqual(old.status, "approved")
        self.assertEqual(copy.measures.count(), old.measures.count())
        self.assertEqual(list(copy.measures.values_list("lineage", "title")),
                         list(old.measures.values_list("lineage", "title")))
        self.assertEqual(copy.measures.first().steps.count(), old.measures.first().steps.count())
        # progress recorded on version 1 belongs to the same measure in version 2
        self.assertEqual(services.statuses(copy)[0].latest, ProgressEntry.objects.get(agency=self.agency))
        # the old version is kept, read-only
        r = self.client.get(self.a_url(f"plans/{old.pk}/"))
        self.assertContains(r, "นี่ไม่ใช่ฉบับล่าสุด")
        self.assertNotContains(r, "+ เพิ่มขั้นตอน")
        # only the latest version makes a new one
        r = self.client.post(self.a_url(f"plans/{old.pk}/new-version/"), follow=True)
        self.assertContains(r, "มีฉบับที่ใหม่กว่านี้แล้ว")

    def test_a_draft_needs_no_new_version(self):
        self.login(self.member)
        r = self.client.post(self.a_url(f"plans/{self.plan.pk}/new-version/"), follow=True)
        self.assertContains(r, "ยังเป็นร่าง")
        self.assertEqual(Plan.objects.filter(agency=self.agency).count(), 1)

    def test_it_rejects_get(self):
        self.login(self.member)
        self.assertEqual(self.client.get(self.a_url(f"plans/{self.plan.pk}/new-version/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.approve()
        self.login(self.stranger)
        self.assertEqual(self.client.post(self.a_url(f"plans/{self.plan.pk}/new-version/")).status_code, 404)
        self.assertEqual(self.client.post(f"/a/{self.other.pk}/plans/{self.plan.pk}/new-version/").status_code, 404)
        self.assertEqual(Plan.objects.filter(agency=self.agency).count(), 1)
