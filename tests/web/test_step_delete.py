from prongsai.web.plans.models import Step
from tests.web.base import BaseTestCase

HX = {"HTTP_HX_REQUEST": "true"}


class StepDeleteTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.member)
        r = self.client.post(self.a_url(f"steps/{self.step.pk}/delete/"), **HX)
        self.assertEqual(r.status_code, 200)
        self.assertFalse(Step.objects.filter(pk=self.step.pk).exists())
        self.assertEqual(list(self.measure.steps.values_list("order", flat=True)),
                         list(range(1, self.measure.steps.count() + 1)))

    def test_it_rejects_get(self):
        self.login(self.member)
        self.assertEqual(self.client.get(self.a_url(f"steps/{self.step.pk}/delete/")).status_code, 405)

    def test_viewers_cannot_delete(self):
        self.login(self.viewer)
        self.assertEqual(self.client.post(self.a_url(f"steps/{self.step.pk}/delete/")).status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.post(self.a_url(f"steps/{self.step.pk}/delete/")).status_code, 404)
        self.assertEqual(self.client.post(f"/a/{self.other.pk}/steps/{self.step.pk}/delete/").status_code, 404)
        self.assertTrue(Step.objects.filter(pk=self.step.pk).exists())
