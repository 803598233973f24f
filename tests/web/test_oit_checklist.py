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
        self.assertContains(r, "ผลการประเมินปี 2564 ข้อ O")

    def test_last_years_failures_follow_the_item_when_it_is_renumbered(self):
        """2564's O42 is 2566's O42 by the crosswalk, while 2566's O1 is not 2564's O1 (its name differs)."""
        from prongsai.ita.library import library

        self.result.items = {**(self.result.items or {}), "O42": {"score": 0, "reason": "ขาดรายงาน"}}
        self.result.save()
        here = library().counterpart(2564, "O42", 2566)
        self.login(self.viewer)
        page = self.client.get(self.a_url("oit/2566/")).content.decode()
        if here:
            row = page.split(f'id="oit-{here}"', 1)[1].split("</tr>", 1)[0]
            self.assertIn("ผลการประเมินปี 2564 ข้อ O42 ไม่ผ่าน เหตุผล: ขาดรายงาน", row)
        for code in (self.result.items or {}):
            other = library().counterpart(2564, code, 2566)
            if other is None:
                self.assertNotIn(f"ผลการประเมินปี 2564 ข้อ {code} ไม่ผ่าน", page)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("oit/2567/")).status_code, 404)
