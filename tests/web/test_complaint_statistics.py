"""The public statistics: counted from the cases, by month, the first six months and the year,
"ไม่มีเรื่องร้องเรียน" when there are none, and small counts by category hidden."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from prongsai.thai import fiscal_year_of
from prongsai.web.complaints import cases
from prongsai.web.complaints.models import Complaint
from tests.web.complaints_world import ComplaintsTestCase


class ComplaintStatisticsTestCase(ComplaintsTestCase):
    def test_it_works(self):
        today = timezone.localdate()
        year = fiscal_year_of(today)
        response = self.client.get(self.p_url("complaints/statistics/"))
        self.assertContains(response, "ไม่มีเรื่องร้องเรียน")
        self.assertNotIn("Set-Cookie", response.headers)
        first, _ = self.file_report()
        for category in ["bribery"] * 5 + ["conduct"] * 3:
            cases.file_report(self.agency, {"category": category, "concerned": "x", "what": "y" * 30})
        Complaint.objects.filter(pk=first.pk).update(status=Complaint.CLOSED, outcome="unsubstantiated", closed_on=today)
        response = self.client.get(self.p_url("complaints/statistics/"))
        stats = response.context["stats"]
        self.assertEqual((stats.year.received, stats.year.finished, stats.year.in_progress), (9, 1, 8))
        self.assertEqual(stats.fiscal_year, year)
        self.assertNotContains(response, "ไม่มีเรื่องร้องเรียน</strong>")
        shares = {s.category: s.count for s in stats.by_category}
        self.assertEqual(shares, {"bribery": 5, "conduct": 3})
        self.assertEqual(stats.grouped, 1)  # procurement's one report, in a row that names no category
        self.assertContains(response, "ประเภทอื่นที่มีน้อยกว่า 3 เรื่อง (รวมกัน)")
        self.assertNotContains(response, "การจัดซื้อจัดจ้าง")

    def test_a_past_year_counts_to_its_end(self):
        complaint, _ = self.file_report()
        last_year = complaint.fiscal_year - 1
        Complaint.objects.filter(pk=complaint.pk).update(fiscal_year=last_year,
                                                         received_on=complaint.received_on - timedelta(days=366))
        response = self.client.get(self.p_url(f"complaints/statistics/?year={last_year}"))
        stats = response.context["stats"]
        self.assertEqual(stats.year.received, 1)
        self.assertEqual(stats.as_of, date(last_year - 543, 9, 30))
        self.assertEqual(len(response.context["months"]), 12)

    def test_a_bad_year_is_404(self):
        for year in ("abc", "2400", "99999"):
            self.assertEqual(self.client.get(self.p_url(f"complaints/statistics/?year={year}")).status_code, 404)

    def test_it_checks_ownership(self):
        self.file_report()
        stats = self.client.get(self.p_url("complaints/statistics/", self.other)).context["stats"]
        self.assertEqual(stats.year.received, 0)
        self.assertEqual(self.client.get("/p/999999/complaints/statistics/").status_code, 404)
