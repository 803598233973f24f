"""prongsai.web.borrowing.summary.for_dashboard(access): the tiles the agency's dashboard shows."""

from __future__ import annotations

from prongsai.web.agencies.access import access_for
from prongsai.web.borrowing.models import Asset, Loan
from prongsai.web.borrowing.summary import for_dashboard
from tests.web.test_borrowing_world import BorrowingTestCase


class DashboardTilesTestCase(BorrowingTestCase):
    def test_it_works(self):
        access = access_for(self.viewer, self.agency.pk)
        tiles = for_dashboard(access)
        self.assertEqual([t["value"] for t in tiles], [0, 0, 0])
        self.assertEqual(set(tiles[0]), {"title", "value", "note", "href", "bad"})
        self.assertFalse(any(t["bad"] for t in tiles))
        waiting, _ = self.public_loan({self.tent: 1})
        late = self.lend(self.staff_loan(start=0, days=1))
        Loan.objects.filter(pk=late.pk).update(start_on=self.day(-3), end_on=self.day(-2), requested_on=self.day(-4))
        Loan.objects.filter(pk=waiting.pk).update(start_on=self.today)
        tiles = for_dashboard(access)
        self.assertEqual([(t["value"], t["bad"]) for t in tiles], [(1, True), (1, False), (1, True)])
        self.assertEqual(tiles[2]["href"], f"/a/{self.agency.pk}/loans/?year=all&status=overdue")
        for tile in tiles:
            self.login(self.viewer)
            self.assertEqual(self.client.get(tile["href"]).status_code, 200)

    def test_nothing_for_an_agency_that_lends_nothing(self):
        Asset.objects.filter(agency=self.other).delete()
        self.assertEqual(for_dashboard(access_for(self.stranger, self.other.pk)), [])

    def test_it_checks_ownership(self):
        self.public_loan({self.tent: 1})
        tiles = for_dashboard(access_for(self.stranger, self.other.pk))
        self.assertEqual([t["value"] for t in tiles], [0, 0, 0])
