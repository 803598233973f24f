"""The dashboard's E-Service figures: open requests, overdue ones (bad when any), and this month's
finished requests on time; unit staff see their unit's; nothing for an agency without services."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from prongsai.web.agencies.access import access_for
from prongsai.web.eservice.models import RequestType, ServiceRequest
from prongsai.web.eservice.summary import for_dashboard
from tests.web.test_eservice_world import EserviceTestCase


class EserviceSummaryTestCase(EserviceTestCase):
    def test_it_works(self):
        late, _ = self.apply()
        self.apply(self.finance_type)
        done, _ = self.apply()
        today = timezone.localdate()
        ServiceRequest.objects.filter(pk=late.pk).update(due_on=today - timedelta(days=2),
                                                         received_on=today - timedelta(days=6))
        ServiceRequest.objects.filter(pk=done.pk).update(status=ServiceRequest.DONE, finished_on=today)
        cards = for_dashboard(access_for(self.owner, self.agency.pk))
        self.assertEqual([c["title"] for c in cards], ["คำขอรับบริการที่ยังไม่แล้วเสร็จ", "คำขอที่เกินกำหนด",
                                                       "แล้วเสร็จตามกำหนดในเดือนนี้"])
        self.assertEqual([c["value"] for c in cards], [2, 1, 1])
        self.assertEqual([c["bad"] for c in cards], [False, True, False])
        self.assertTrue(all(set(c) == {"title", "value", "note", "href", "bad"} for c in cards))
        self.assertEqual(cards[1]["href"], f"/a/{self.agency.pk}/eservice/?show=overdue")
        self.assertIn("ร้อยละ 100", cards[2]["note"])
        unit_cards = for_dashboard(access_for(self.unit_editor, self.agency.pk))
        self.assertEqual([c["value"] for c in unit_cards], [1, 0, 0])
        self.assertIn(f"unit={self.finance.pk}", unit_cards[0]["href"])
        self.assertEqual(unit_cards[0]["note"], "กองคลัง")

    def test_it_checks_ownership(self):
        self.apply()
        cards = for_dashboard(access_for(self.stranger, self.other.pk))
        self.assertEqual(cards[0]["value"], 0)
        RequestType.objects.filter(agency=self.other).delete()
        self.assertEqual(for_dashboard(access_for(self.stranger, self.other.pk)), [])
