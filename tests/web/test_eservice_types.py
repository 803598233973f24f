"""The list of request types with their manuals and the public addresses for the OIT items; only
admins and agency-wide editors see the buttons that change them."""

from __future__ import annotations

from tests.web.test_eservice_world import EserviceTestCase


class EserviceTypesTestCase(EserviceTestCase):
    def test_it_works(self):
        self.apply()
        self.login(self.owner)
        response = self.client.get(self.e_url("types/"))
        self.assertContains(response, "ขอรับการสนับสนุนน้ำอุปโภคบริโภค")
        self.assertContains(response, "ปิดรับคำขอทางเว็บไซต์")  # the closed one is listed, marked
        self.assertContains(response, f"/a/{self.agency.pk}/eservice/types/{self.water.pk}/manual.pdf")
        self.assertContains(response, f"/p/{self.agency.pk}/eservice/statistics/")
        self.assertContains(response, "+ เพิ่มประเภทบริการ")
        counts = {t.pk: t.requests_count for t in response.context["types"]}
        self.assertEqual(counts[self.water.pk], 1)
        # a type with requests cannot be deleted: no delete button for it
        self.assertNotContains(response, f"types/{self.water.pk}/delete/")
        self.assertContains(response, f"types/{self.finance_type.pk}/delete/")

    def test_readers_and_unit_staff_see_no_change_buttons(self):
        for user in (self.viewer, self.supervisor, self.unit_editor):
            self.login(user)
            response = self.client.get(self.e_url("types/"))
            self.assertEqual(response.status_code, 200, user.username)
            self.assertNotContains(response, "+ เพิ่มประเภทบริการ")
            self.assertNotContains(response, "/edit/")
            self.assertEqual(self.client.post(self.e_url("types/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.e_url("types/")).status_code, 404)
        response = self.client.get(self.e_url("types/", agency=self.other))
        self.assertNotIn(self.water.pk, [t.pk for t in response.context["types"]])
