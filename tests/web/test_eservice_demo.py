"""The demo services: three typical services of an อบต. with requests in every state (some late),
every text marked as an example, and adding them twice adds nothing."""

from __future__ import annotations

from prongsai.web.eservice.demo import NOTE, add_demo_eservice
from prongsai.web.eservice.models import RequestType, ServiceRequest
from prongsai.web.eservice.statistics_views import agency_statistics
from tests.web.base import BaseTestCase


class EserviceDemoTestCase(BaseTestCase):
    def test_it_works(self):
        add_demo_eservice(self.agency, self.owner)
        add_demo_eservice(self.agency, self.owner)  # idempotent
        types = list(RequestType.objects.filter(agency=self.agency))
        self.assertEqual([t.name for t in types], ["ขอรับการสนับสนุนน้ำอุปโภคบริโภค",
                                                   "ขอความอนุเคราะห์ตัดกิ่งไม้และซ่อมไฟฟ้าส่องสว่างสาธารณะ",
                                                   "ขอข้อมูลข่าวสารของราชการ"])
        self.assertEqual(types[1].unit.name, "กองช่าง")
        for t in types:
            self.assertIn(NOTE, t.description)
            t.check_definitions()
        requests = list(ServiceRequest.objects.filter(agency=self.agency))
        self.assertEqual(len(requests), 9)
        self.assertEqual({r.status for r in requests}, {s for s, _ in ServiceRequest.STATUSES})
        self.assertTrue(all(NOTE in r.applicant_name for r in requests))
        self.assertTrue(any(r.overdue_mark and not r.finished_on for r in requests))  # open and late
        self.assertTrue(any(r.timeliness() == "late" for r in requests if r.finished_on))
        self.assertTrue(any(r.timeliness() == "on_time" for r in requests if r.finished_on))
        self.assertTrue(any(r.applicant_waiting for r in requests))
        for r in requests:
            self.assertEqual(len(r.answers), len(r.request_type.fields))
        from django.utils import timezone

        from prongsai.thai import fiscal_year_of

        stats = agency_statistics(self.agency, fiscal_year_of(timezone.localdate()), timezone.localdate())
        self.assertGreater(stats.year.received, 0)

    def test_it_checks_ownership(self):
        add_demo_eservice(self.agency, self.owner)
        self.assertFalse(RequestType.objects.filter(agency=self.other).exists())
        self.assertFalse(ServiceRequest.objects.filter(agency=self.other).exists())
