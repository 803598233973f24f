from prongsai.web.plans import services
from prongsai.web.plans.models import Plan
from tests.web.base import BaseTestCase
from tests.web.test_plan_approve import MEETING


class PlanDeleteTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.owner)
        draft = services.create_empty(self.owner, self.agency, 2566, 2564)
        r = self.client.post(self.a_url(f"plans/{draft.pk}/delete/"))
        self.assertRedirects(r, self.a_url("plans/"), fetch_redirect_response=False)
        self.assertFalse(Plan.objects.filter(pk=draft.pk).exists())

    def test_a_plan_with_progress_is_kept(self):
        self.login(self.owner)
        r = self.client.post(self.a_url(f"plans/{self.plan.pk}/delete/"), follow=True)
        self.assertContains(r, "ลบไม่ได้")
        self.assertTrue(Plan.objects.filter(pk=self.plan.pk).exists())

    def test_an_approved_plan_is_kept(self):
        self.login(self.owner)
        self.client.post(self.a_url(f"plans/{self.plan.pk}/approve/"), MEETING)
        r = self.client.post(self.a_url(f"plans/{self.plan.pk}/delete/"), follow=True)
        self.assertContains(r, "แผนที่อนุมัติแล้วลบไม่ได้")

    def test_it_rejects_get(self):
        self.login(self.owner)
        self.assertEqual(self.client.get(self.a_url(f"plans/{self.plan.pk}/delete/")).status_code, 405)

    def test_it_needs_the_admin_role(self):
        self.login(self.member)
        self.assertEqual(self.client.post(self.a_url(f"plans/{self.plan.pk}/delete/")).status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.post(self.a_url(f"plans/{self.plan.pk}/delete/")).status_code, 404)
        self.assertEqual(self.client.post(f"/a/{self.other.pk}/plans/{self.plan.pk}/delete/").status_code, 404)
        self.assertTrue(Plan.objects.filter(pk=self.plan.pk).exists())
