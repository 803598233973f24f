"""Agency A with its complaint channel open: an officer (a viewer given the duty), and one report
filed anonymously through the public form. Shared by the complaint tests."""

from __future__ import annotations

from django.core.cache import cache

from prongsai.channels.receipts import normalised
from prongsai.web.agencies.models import Membership
from prongsai.web.complaints.models import ChannelSettings, Complaint
from tests.web.base import BaseTestCase, make_user

REPORT = {
    "category": "procurement", "concerned": "กองช่าง นายสมมุติ ตัวอย่าง",
    "what": "มีการแบ่งซื้อแบ่งจ้างงานซ่อมถนนหมู่ 4 เป็นหลายสัญญาเพื่อเลี่ยงการประกวดราคา โดยผู้รับจ้างเป็นญาติของเจ้าหน้าที่",
    "when": "มีนาคม 2570", "where": "หมู่ 4", "identity": "anonymous", "name": "", "contact": "",
}


class ComplaintsTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.officer = make_user("olive")
        Membership.objects.create(user=cls.officer, agency=cls.agency, role=Membership.VIEWER, complaint_officer=True)
        cls.other_officer = make_user("oscar")
        Membership.objects.create(user=cls.other_officer, agency=cls.other, role=Membership.VIEWER,
                                  complaint_officer=True)
        for agency in (cls.agency, cls.other):
            ChannelSettings.objects.create(agency=agency, is_open=True, handling_unit=agency.units.first())

    def setUp(self) -> None:
        super().setUp()
        cache.clear()  # the throttles' counts

    def p_url(self, suffix: str = "", agency=None) -> str:
        return f"/p/{(agency or self.agency).pk}/{suffix}"

    def file_report(self, agency=None, **changes) -> tuple[Complaint, str]:
        response = self.client.post(self.p_url("complaint/", agency), {**REPORT, **changes})
        self.assertEqual(response.status_code, 200, response.content.decode()[:3000])
        text = response.content.decode()
        start = text.index("data-receipt>") + len("data-receipt>")
        receipt = normalised(text[start:text.index("<", start)])
        self.assertIsNotNone(receipt)
        return Complaint.objects.filter(agency=agency or self.agency).order_by("-pk").first(), receipt
