from prongsai.web.plans.models import Step
from tests.web.base import BaseTestCase

HX = {"HTTP_HX_REQUEST": "true"}


class StepAddTestCase(BaseTestCase):
    def url(self):
        return self.a_url(f"measures/{self.measure.pk}/steps/add/")

    def test_it_works(self):
        self.login(self.member)
        count = self.measure.steps.count()
        r = self.client.post(self.url(), {"text": "ขั้นตอนใหม่"}, **HX)
        self.assertContains(r, "ขั้นตอนใหม่")
        self.assertEqual(self.measure.steps.count(), count + 1)
        self.assertEqual(self.measure.steps.last().text, "ขั้นตอนใหม่")

    def test_it_rejects_bad_input(self):
        self.login(self.member)
        count = self.measure.steps.count()
        r = self.client.post(self.url(), {"text": "   "}, **HX)
        self.assertContains(r, "ต้องระบุขั้นตอน")
        r = self.client.post(self.url(), {"text": ""}, follow=True)
        self.assertContains(r, "ยังไม่ได้เพิ่มขั้นตอน")
        self.assertEqual(self.measure.steps.count(), count)

    def test_it_rejects_get(self):
        self.login(self.member)
        self.assertEqual(self.client.get(self.url()).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        count = Step.objects.count()
        self.assertEqual(self.client.post(self.url(), {"text": "x"}).status_code, 404)
        self.assertEqual(self.client.post(f"/a/{self.other.pk}/measures/{self.measure.pk}/steps/add/",
                                          {"text": "x"}).status_code, 404)
        self.assertEqual(Step.objects.count(), count)
