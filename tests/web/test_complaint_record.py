"""Officers record reports that came by phone, post, e-mail or in person, so the statistics count
every channel; the reporter gets a receipt to follow the case online."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from prongsai.channels.receipts import normalised
from prongsai.web.audit.models import AuditEntry
from prongsai.web.complaints.models import Complaint
from tests.web.complaints_world import REPORT, ComplaintsTestCase


class ComplaintRecordTestCase(ComplaintsTestCase):
    def form(self, **changes):
        day = timezone.localdate() - timedelta(days=3)
        return {**REPORT, "channel": "phone", "received_on": f"{day.day}/{day.month}/{day.year + 543}", **changes}

    def test_it_works(self):
        self.login(self.officer)
        self.assertContains(self.client.get(self.a_url("complaints/record/")), "ช่องทางที่รับเรื่อง")
        response = self.client.post(self.a_url("complaints/record/"), self.form())
        self.assertEqual(response.status_code, 200)
        complaint = Complaint.objects.get(agency=self.agency)
        self.assertEqual(complaint.channel, "phone")
        self.assertEqual(complaint.received_on, timezone.localdate() - timedelta(days=3))
        text = response.content.decode()
        start = text.index("data-receipt")
        receipt = normalised(text[text.index(">", start) + 1:text.index("<", start + 20)])
        self.assertIsNotNone(receipt)
        self.assertTrue(AuditEntry.objects.filter(agency=self.agency, object_type="เรื่องร้องเรียน",
                                                  action=AuditEntry.CREATE).exists())
        # the reporter follows it with that receipt
        self.client.logout()
        self.assertContains(self.client.post(self.p_url("complaint/status/"), {"receipt": receipt}), "แบ่งซื้อแบ่งจ้าง")
        # and it is counted
        stats = self.client.get(self.p_url("complaints/statistics/")).context["stats"]
        self.assertEqual(stats.year.received, 1)

    def test_bad_input(self):
        self.login(self.officer)
        tomorrow = timezone.localdate() + timedelta(days=1)
        for change, field in (({"channel": "web"}, "channel"), ({"received_on": "31/2/2569"}, "received_on"),
                              ({"received_on": f"{tomorrow.day}/{tomorrow.month}/{tomorrow.year + 543}"}, "received_on"),
                              ({"received_on": "1/1/2560"}, "received_on"), ({"category": ""}, "category")):
            response = self.client.post(self.a_url("complaints/record/"), self.form(**change))
            self.assertEqual(response.status_code, 400, change)
            self.assertIn(field, response.context["form"].errors, change)
        self.assertFalse(Complaint.objects.exists())

    def test_it_checks_ownership(self):
        for user in (self.owner, self.member, self.supervisor, self.stranger, self.admin):
            self.login(user)
            self.assertEqual(self.client.post(self.a_url("complaints/record/"), self.form()).status_code, 404)
        self.login(self.other_officer)
        self.client.post(f"/a/{self.other.pk}/complaints/record/", self.form())
        self.assertFalse(Complaint.objects.filter(agency=self.agency).exists())
