"""The public service statistics against a fixture counted by hand: by month, the first six months
and the year, finished on time or late or still in progress as of the day the figures are for;
by type for the latest month, the first six months and the year."""

from __future__ import annotations

from datetime import date
from itertools import count

from prongsai.services.requests import Counts, new_code
from prongsai.web.eservice.models import ServiceRequest
from tests.web.test_eservice_world import EserviceTestCase

_seq = count(1)


def make(rtype, received: date, due: date, finished: date | None) -> ServiceRequest:
    from prongsai.thai import fiscal_year_of

    return ServiceRequest.objects.create(
        agency=rtype.agency, request_type=rtype, unit=rtype.unit, fiscal_year=fiscal_year_of(received),
        seq=next(_seq), code=new_code(), applicant_name="ผู้ยื่น", contact="0812345678", received_on=received,
        due_on=due, finished_on=finished, status=ServiceRequest.DONE if finished else ServiceRequest.IN_PROGRESS)


# By hand, FY2569 (1 Oct 2025 – 30 Sep 2026), as of 30 Sep 2026:
#   Oct 3 received: on time 1, late 1, in progress 1 · Nov 1: on time · Dec 1: late · Mar 1: on time
#   first half 6 = 3 on time + 2 late + 1 in progress
#   Apr 1: on time · May 1: on time (the closed type) · Sep 1: finished 2 Oct, after the as-of day: in progress
#   year 9 = 5 on time + 2 late + 2 in progress
MONTHS = {1: (3, 1, 1), 2: (1, 1, 0), 3: (1, 0, 1), 6: (1, 1, 0), 7: (1, 1, 0), 8: (1, 1, 0), 12: (1, 0, 0)}


def hand_counted(case: EserviceTestCase) -> None:
    """The requests counted by hand above (and three that must not count)."""
    w, f, s = case.water, case.finance_type, case.closed
    make(w, date(2025, 10, 6), date(2025, 10, 9), date(2025, 10, 8))
    make(w, date(2025, 10, 20), date(2025, 10, 23), date(2025, 10, 27))
    make(f, date(2025, 10, 31), date(2025, 11, 7), None)
    make(w, date(2025, 11, 3), date(2025, 11, 6), date(2025, 11, 6))  # on the due day: on time
    make(f, date(2025, 12, 15), date(2025, 12, 22), date(2025, 12, 23))
    make(w, date(2026, 3, 31), date(2026, 4, 3), date(2026, 4, 2))
    make(f, date(2026, 4, 1), date(2026, 4, 8), date(2026, 4, 8))
    make(s, date(2026, 5, 5), date(2026, 5, 7), date(2026, 5, 6))
    make(w, date(2026, 9, 30), date(2026, 10, 5), date(2026, 10, 2))
    make(w, date(2025, 9, 30), date(2025, 10, 3), None)  # FY2568
    make(f, date(2026, 10, 1), date(2026, 10, 8), None)  # FY2570
    make(case.theirs, date(2025, 10, 6), date(2025, 10, 9), None)  # agency B's


class PublicEserviceStatisticsTestCase(EserviceTestCase):
    def fixture(self) -> None:
        hand_counted(self)

    def test_it_works(self):
        response = self.client.get(self.p_url("statistics/"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "ไม่มีคำขอรับบริการ")
        self.assertNotIn("Set-Cookie", response.headers)
        self.fixture()
        response = self.client.get(self.p_url("statistics/?year=2569"))
        stats = response.context["stats"]
        self.assertEqual(stats.as_of, date(2026, 9, 30))
        for month in stats.months:
            c = month.counts
            expected = MONTHS.get(month.fiscal_month, (0, 0, 0))
            received, on_time, late = expected
            self.assertEqual((c.received, c.on_time, c.late), (received, on_time, late), month.start)
        self.assertEqual(stats.first_half, Counts(6, 3, 2))
        self.assertEqual(stats.first_half.in_progress, 1)
        self.assertEqual(stats.year, Counts(9, 5, 2))
        self.assertEqual(stats.year.in_progress, 2)
        by_type = {t.label: t for t in stats.types}
        self.assertEqual(list(by_type), ["ขอรับการสนับสนุนน้ำอุปโภคบริโภค", "ขอสำเนาใบเสร็จรับเงินค่าภาษี",
                                         "ขออนุญาตใช้สนามกีฬา"])  # the closed type shows: it had requests
        water, finance, sports = by_type.values()
        self.assertEqual((water.year, water.first_half), (Counts(5, 3, 1), Counts(4, 3, 1)))
        self.assertEqual((finance.year, finance.first_half), (Counts(3, 1, 1), Counts(2, 0, 1)))
        self.assertEqual((sports.year, sports.first_half), (Counts(1, 1, 0), Counts()))
        self.assertEqual(water.months[11], Counts(1, 0, 0))  # September
        # the page: the year's figures and the type tables for September, six months and the year
        self.assertContains(response, "ข้อมูล ณ วันที่ 30 กันยายน 2569")
        self.assertContains(response, "รวมทั้งปีงบประมาณ")
        self.assertContains(response, "รวม 6 เดือนแรก")
        self.assertContains(response, "กันยายน 2569")
        self.assertContains(response, "ร้อยละ 71 ของคำขอที่แล้วเสร็จ")  # 5 of 7
        self.assertEqual(response.headers["Cache-Control"], "public, max-age=300")

    def test_the_current_year_counts_to_today(self):
        self.fixture()
        stats = self.client.get(self.p_url("statistics/")).context["stats"]
        self.assertEqual(stats.fiscal_year, 2570)
        self.assertEqual(stats.year, Counts(1, 0, 0))
        self.assertEqual(self.client.get(self.p_url("statistics/")).context["years"], [2570, 2569, 2568])

    def test_the_figures_are_made_by_the_database_in_few_queries(self):
        self.fixture()
        with self.assertNumQueries(4):  # the agency, the first request's day, the counts, the types
            self.client.get(self.p_url("statistics/?year=2569"))

    def test_a_bad_year_is_404(self):
        for year in ("abc", "2400", "99999", "2560"):
            self.assertEqual(self.client.get(self.p_url(f"statistics/?year={year}")).status_code, 404, year)

    def test_it_checks_ownership(self):
        self.fixture()
        stats = self.client.get(self.p_url("statistics/?year=2569", self.other)).context["stats"]
        self.assertEqual(stats.year, Counts(1, 0, 0))  # only B's own
        self.assertEqual([t.label for t in stats.types], ["ขอรับการสนับสนุนน้ำอุปโภคบริโภค", "ขอสำเนาใบเสร็จรับเงินค่าภาษี"])
        self.assertEqual(self.client.get("/p/999999/eservice/statistics/").status_code, 404)
