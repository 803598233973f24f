from datetime import date

from prongsai.web.plans import services
from prongsai.web.plans.models import Measure, ProgressEntry
from tests.web.base import BaseTestCase


class TrackingTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.viewer)
        r = self.client.get(self.a_url("tracking/"))
        self.assertContains(r, "ติดตามผลการดำเนินการ")
        self.assertContains(r, self.measure.title)
        self.assertContains(r, "กำลังดำเนินการ")

    def test_overdue_measures_stand_out(self):
        rows = services.statuses(self.plan, today=date(2022, 10, 15))  # after the plan year
        self.assertTrue(all(r.overdue for r in rows))
        rows = services.statuses(self.plan, today=date(2021, 11, 1))
        self.assertFalse(any(r.overdue for r in rows))
        ProgressEntry.objects.create(agency=self.agency, measure=self.measure, lineage=self.measure.lineage,
                                     as_of=date(2022, 4, 2), status="late", done="เลื่อน")
        rows = services.statuses(self.plan, today=date(2022, 4, 3))
        self.assertTrue(next(r for r in rows if r.measure == self.measure).overdue)
        self.login(self.viewer)
        self.assertContains(self.client.get(self.a_url("tracking/")), "is-overdue")

    def test_each_unit_sees_its_own_measures(self):
        self.login(self.unit_editor)  # กองคลัง: the filter defaults to the user's unit
        r = self.client.get(self.a_url("tracking/"))
        mine = [m for m in self.plan.measures.all() if m.involves_unit(self.finance.pk)]
        others = [m for m in self.plan.measures.all() if not m.involves_unit(self.finance.pk)]
        self.assertTrue(mine and others)
        for m in mine:
            self.assertContains(r, m.title)
        for m in others:
            self.assertNotContains(r, f">{m.title}<")
        r = self.client.get(self.a_url("tracking/"), {"unit": ""})  # every unit
        for m in others:
            self.assertContains(r, m.title)

    def test_filters_reject_unknown_values(self):
        self.login(self.viewer)
        self.assertEqual(self.client.get(self.a_url("tracking/"), {"unit": self.other.units.first().pk}).status_code, 404)
        self.assertEqual(self.client.get(self.a_url("tracking/"), {"year": "x"}).status_code, 404)

    def test_without_a_plan(self):
        self.login(self.stranger)
        ProgressEntry.objects.filter(agency=self.other).delete()
        Measure.objects.filter(plan__agency=self.other).delete()
        self.other.plans.all().delete()
        self.assertContains(self.client.get(f"/a/{self.other.pk}/tracking/"), "ยังไม่มีแผนมาตรการ")

    def test_it_rejects_post(self):
        self.login(self.member)
        self.assertEqual(self.client.post(self.a_url("tracking/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("tracking/")).status_code, 404)
