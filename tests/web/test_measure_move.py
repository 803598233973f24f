from tests.web.base import BaseTestCase

HX = {"HTTP_HX_REQUEST": "true"}


class MeasureMoveTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.member)
        first, second = list(self.plan.measures.all()[:2])
        r = self.client.post(self.a_url(f"measures/{first.pk}/move/down/"), **HX)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="measures"')
        self.assertEqual(list(self.plan.measures.all()[:2]), [second, first])
        self.client.post(self.a_url(f"measures/{first.pk}/move/up/"))
        self.assertEqual(list(self.plan.measures.all()[:2]), [first, second])
        self.client.post(self.a_url(f"measures/{first.pk}/move/up/"))  # already first: nothing moves
        self.assertEqual(list(self.plan.measures.all()[:2]), [first, second])

    def test_it_rejects_bad_input(self):
        self.login(self.member)
        self.assertEqual(self.client.post(self.a_url(f"measures/{self.measure.pk}/move/left/")).status_code, 404)

    def test_it_rejects_get(self):
        self.login(self.member)
        self.assertEqual(self.client.get(self.a_url(f"measures/{self.measure.pk}/move/down/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        order = list(self.plan.measures.values_list("pk", flat=True))
        self.assertEqual(self.client.post(self.a_url(f"measures/{self.measure.pk}/move/down/")).status_code, 404)
        self.assertEqual(self.client.post(f"/a/{self.other.pk}/measures/{self.measure.pk}/move/down/").status_code, 404)
        self.assertEqual(list(self.plan.measures.values_list("pk", flat=True)), order)
