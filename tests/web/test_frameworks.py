"""/frameworks/: the framework library and what changed in the OIT list between two frameworks."""

from __future__ import annotations

from tests.web.base import BaseTestCase


class FrameworksTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.viewer)
        page = self.client.get("/frameworks/?from=2567&to=2568")
        self.assertEqual(page.status_code, 200)
        text = page.content.decode()
        self.assertIn("กรอบที่มีในระบบ", text)
        self.assertIn("ita-2569", text)
        self.assertIn("รายการ OIT ที่เปลี่ยนระหว่างสองกรอบ", text)
        self.assertIn("ข้อที่", text)  # at least one group of changes between 2567 and 2568

    def test_it_opens_on_the_newest_change_with_content(self):
        self.login(self.viewer)
        from prongsai.ita.library import available_years, library

        years = [y for y in available_years() if library().get(y).carried_from is None]
        text = self.client.get("/frameworks/").content.decode()
        self.assertIn(f'<option value="{years[-1]}" selected', text)
        self.assertIn(f'<option value="{years[-2]}" selected', text)

    def test_a_year_not_in_the_library_is_said_in_thai(self):
        self.login(self.viewer)
        page = self.client.get("/frameworks/?from=2500&to=2569")
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "ไม่มีกรอบการประเมิน &#39;2500&#39; ในระบบ")

    def test_it_checks_ownership(self):
        """Reference data only: no agency's name or result is on the page; anonymous users sign in first."""
        self.assertEqual(self.client.get("/frameworks/").status_code, 302)
        self.login(self.stranger)
        text = self.client.get("/frameworks/").content.decode()
        self.assertNotIn(self.agency.name, text)
