from prongsai.web.plans.models import Step
from tests.web.base import BaseTestCase

HX = {"HTTP_HX_REQUEST": "true"}


class StepEditTestCase(BaseTestCase):
    def url(self):
        return self.a_url(f"steps/{self.step.pk}/edit/")

    def test_it_works(self):
        self.login(self.member)
        self.assertContains(self.client.get(self.url()), "แก้ไขขั้นตอน")
        r = self.client.post(self.url(), {f"step{self.step.pk}-text": "แก้แล้ว"}, **HX)
        self.assertContains(r, "แก้แล้ว")
        self.assertEqual(Step.objects.get(pk=self.step.pk).text, "แก้แล้ว")
        r = self.client.post(self.url(), {f"step{self.step.pk}-text": "แก้อีกครั้ง"})
        self.assertEqual(r.status_code, 302)

    def test_it_rejects_bad_input(self):
        self.login(self.member)
        r = self.client.post(self.url(), {f"step{self.step.pk}-text": ""})
        self.assertContains(r, "ต้องระบุขั้นตอน")
        self.assertEqual(Step.objects.get(pk=self.step.pk).text, self.step.text)

    def test_viewers_cannot_edit(self):
        self.login(self.viewer)
        self.assertEqual(self.client.post(self.url(), {f"step{self.step.pk}-text": "x"}).status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        data = {f"step{self.step.pk}-text": "x"}
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.post(self.url(), data).status_code, 404)
        self.assertEqual(self.client.post(f"/a/{self.other.pk}/steps/{self.step.pk}/edit/", data).status_code, 404)
        self.assertEqual(Step.objects.get(pk=self.step.pk).text, self.step.text)
