from tests.web.base import BaseTestCase


class PlanDetailTestCase(BaseTestCase):
    def url(self, plan=None):
        return self.a_url(f"plans/{(plan or self.plan).pk}/")

    def test_it_works(self):
        self.login(self.member)
        r = self.client.get(self.url())
        self.assertContains(r, "มาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ 2565")
        self.assertContains(r, self.measure.title)
        self.assertContains(r, "+ เพิ่มขั้นตอน")  # a draft: editable
        self.assertContains(r, "1 ต.ค. 2564 – 30 ก.ย. 2565")

    def test_viewers_get_no_editing_tools(self):
        self.login(self.viewer)
        r = self.client.get(self.url())
        self.assertContains(r, self.measure.title)
        self.assertNotContains(r, "+ เพิ่มขั้นตอน")

    def test_it_rejects_post(self):
        self.login(self.member)
        self.assertEqual(self.client.post(self.url()).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.url()).status_code, 404)
        self.assertEqual(self.client.get(f"/a/{self.other.pk}/plans/{self.plan.pk}/").status_code, 404)
