from tests.web.base import BaseTestCase


class OitChecklistTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.viewer)
        r = self.client.get(self.a_url("oit/2567/"))
        self.assertContains(r, "รายการตรวจ OIT ปีงบประมาณ 2567")
        self.assertContains(r, "โครงสร้าง")  # O1's label
        self.assertContains(r, "มีแต่ไม่ครบองค์ประกอบ")
        self.assertContains(r, "0 จาก 43 ข้อครบถ้วน")

    def test_an_unknown_year(self):
        self.login(self.viewer)
        self.assertEqual(self.client.get(self.a_url("oit/2400/")).status_code, 404)

    def test_it_filters_by_unit(self):
        self.login(self.viewer)
        owner = self.agency.units.first()
        r = self.client.get(self.a_url("oit/2567/"), {"unit": owner.pk})
        self.assertContains(r, 'id="oit-O1"')
        self.assertNotContains(r, 'id="oit-O2"')

    def test_it_rejects_post(self):
        self.login(self.member)
        self.assertEqual(self.client.post(self.a_url("oit/2567/")).status_code, 405)

    def test_it_shows_last_years_failures(self):
        self.login(self.viewer)
        r = self.client.get(self.a_url("oit/2565/"))
        self.assertContains(r, "ผลปีล่าสุด: ไม่ผ่าน")

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("oit/2567/")).status_code, 404)
