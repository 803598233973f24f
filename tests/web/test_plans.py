from tests.web.base import BaseTestCase


class PlansTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.member)
        r = self.client.get(self.a_url("plans/"), {"based_on": 2564})
        self.assertContains(r, "มาตรการปี 2565")
        self.assertContains(r, "สร้างแผนมาตรการ</button>")

    def test_viewers_get_no_create_form(self):
        self.login(self.viewer)
        self.assertNotContains(self.client.get(self.a_url("plans/")), "สร้างแผนมาตรการ</button>")

    def test_it_rejects_post(self):
        self.login(self.member)
        self.assertEqual(self.client.post(self.a_url("plans/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("plans/")).status_code, 404)
