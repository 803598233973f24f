"""Members download the complaints guideline written from the channel's settings."""

from __future__ import annotations

import io

from prongsai.web.complaints.models import ChannelSettings
from tests.web.complaints_world import ComplaintsTestCase


def docx_text(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    # Documents join Thai words with zero-width spaces and digits with WORD JOINER, in Thai digits.
    text = "\n".join(parts).replace("\u200b", "").replace("\u2060", "").replace("\xa0", " ")
    return text.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))


class ComplaintGuidelineTestCase(ComplaintsTestCase):
    def test_it_works(self):
        ChannelSettings.objects.filter(agency=self.agency).update(phone="0 3451 2345", answer_days=15,
                                                                  walk_in="สำนักปลัด ชั้น 1")
        self.login(self.viewer)
        response = self.client.get(self.a_url("complaints/guideline.docx"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        text = docx_text(response.content)
        for expected in (self.agency.name, self.agency.units.first().name, "0 3451 2345", "สำนักปลัด ชั้น 1",
                         f"/p/{self.agency.pk}/complaint/"):
            self.assertIn(expected, text)

    def test_it_needs_a_handling_unit(self):
        ChannelSettings.objects.filter(agency=self.agency).update(handling_unit=None, is_open=False)
        self.login(self.owner)
        response = self.client.get(self.a_url("complaints/guideline.docx"))
        self.assertContains(response, "ยังไม่ได้กำหนดกอง/สำนัก", status_code=409)

    def test_an_unknown_format_is_404(self):
        self.login(self.owner)
        self.assertEqual(self.client.get(self.a_url("complaints/guideline.exe")).status_code, 404)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("complaints/guideline.docx")).status_code, 404)
        response = self.client.get(f"/a/{self.other.pk}/complaints/guideline.docx")
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(self.agency.name, docx_text(response.content))
