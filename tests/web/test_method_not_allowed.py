"""Opening an action's address (a bookmark, a refresh after pressing a button) answers 405 with
the Thai error page saying what to do, not Django's empty page."""

from __future__ import annotations

from tests.web.base import BaseTestCase


class MethodNotAllowedPageTestCase(BaseTestCase):
    def test_an_action_opened_directly_says_what_to_do(self):
        self.login(self.member)
        r = self.client.get(self.a_url(f"plans/{self.plan.pk}/carry-forward/"))
        self.assertEqual(r.status_code, 405)
        self.assertEqual(r["Allow"], "POST")
        self.assertContains(r, "เปิดหน้านี้โดยตรงไม่ได้", status_code=405)
        self.assertContains(r, "กรุณากลับไปที่หน้าก่อนหน้าแล้วกดปุ่มนั้นอีกครั้ง", status_code=405)

    def test_a_page_with_its_own_405_body_and_other_methods_are_left_alone(self):
        self.login(self.member)
        r = self.client.delete(self.a_url("plans/"))
        self.assertEqual((r.status_code, r.content), (405, b""))
        self.assertEqual(self.client.get("/line/webhook/").content, b"")  # LINE's, not a person's
