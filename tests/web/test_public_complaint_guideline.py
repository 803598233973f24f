"""The public link to the complaints guideline: what the OIT item's URL points at."""

from __future__ import annotations

from prongsai.web.complaints.models import ChannelSettings
from tests.web.complaints_world import ComplaintsTestCase
from tests.web.test_complaint_guideline import docx_text


class PublicComplaintGuidelineTestCase(ComplaintsTestCase):
    def test_it_works(self):
        response = self.client.get(self.p_url("complaints/guideline.docx"))
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Set-Cookie", response.headers)
        self.assertIn(self.agency.name, docx_text(response.content))

    def test_not_set_up_is_404_with_a_thai_page(self):
        ChannelSettings.objects.filter(agency=self.agency).update(handling_unit=None, is_open=False)
        response = self.client.get(self.p_url("complaints/guideline.pdf"))
        self.assertContains(response, "ยังไม่ได้เผยแพร่แนวปฏิบัติ", status_code=404)

    def test_builds_are_throttled(self):
        for _ in range(20):
            self.client.get(self.p_url("complaints/guideline.docx"))
        self.assertEqual(self.client.get(self.p_url("complaints/guideline.docx")).status_code, 429)

    def test_it_checks_ownership(self):
        response = self.client.get(self.p_url("complaints/guideline.docx", self.other))
        self.assertNotIn(self.agency.name, docx_text(response.content))
        self.assertEqual(self.client.get("/p/999999/complaints/guideline.docx").status_code, 404)
