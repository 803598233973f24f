from prongsai.web.plans.models import Measure
from tests.web.base import BaseTestCase

HX = {"HTTP_HX_REQUEST": "true"}


class MeasureDeleteTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.member)
        victim = self.plan.measures.last()
        r = self.client.post(self.a_url(f"measures/{victim.pk}/delete/"), **HX)
        self.assertEqual(r.status_code, 200)
        self.assertNotContains(r, f'id="measure-{victim.pk}"')
        self.assertFalse(Measure.objects.filter(pk=victim.pk).exists())
        self.assertEqual(list(self.plan.measures.values_list("order", flat=True)),
                         list(range(1, self.plan.measures.count() + 1)))

    def test_a_measure_with_progress_is_kept(self):
        self.login(self.member)
        r = self.client.post(self.a_url(f"measures/{self.measure.pk}/delete/"), follow=True)
        self.assertContains(r, "มีการบันทึกผลการดำเนินการไว้แล้ว")
        self.assertTrue(Measure.objects.filter(pk=self.measure.pk).exists())

    def test_it_rejects_get(self):
        self.login(self.member)
        self.assertEqual(self.client.get(self.a_url(f"measures/{self.measure.pk}/delete/")).status_code, 405)

    def test_viewers_cannot_delete(self):
        self.login(self.viewer)
        last = self.plan.measures.last()
        self.assertEqual(self.client.post(self.a_url(f"measures/{last.pk}/delete/")).status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        last = self.plan.measures.last()
        self.assertEqual(self.client.post(self.a_url(f"measures/{last.pk}/delete/")).status_code, 404)
        self.assertEqual(self.client.post(f"/a/{self.other.pk}/measures/{last.pk}/delete/").status_code, 404)
        self.assertTrue(Measure.objects.filter(pk=last.pk).exists())
