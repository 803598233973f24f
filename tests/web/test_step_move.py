from tests.web.base import BaseTestCase

HX = {"HTTP_HX_REQUEST": "true"}


class StepMoveTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.member)
        first, second = list(self.measure.steps.all()[:2])
        self.client.post(self.a_url(f"steps/{first.pk}/move/down/"), **HX)
        self.assertEqual(list(self.measure.steps.all()[:2]), [second, first])
        r = self.client.post(self.a_url(f"steps/{first.pk}/move/up/"))
        self.assertEqual(r.status_code, 302)
        self.assertEqual(list(self.measure.steps.all()[:2]), [first, second])

    def test_it_rejects_get(self):
        self.login(self.member)
        self.assertEqual(self.client.get(self.a_url(f"steps/{self.step.pk}/move/down/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        order = list(self.measure.steps.values_list("pk", flat=True))
        self.assertEqual(self.client.post(self.a_url(f"steps/{self.step.pk}/move/down/")).status_code, 404)
        self.assertEqual(self.client.post(f"/a/{self.other.pk}/steps/{self.step.pk}/move/down/").status_code, 404)
        self.assertEqual(list(self.measure.steps.values_list("pk", flat=True)), order)
