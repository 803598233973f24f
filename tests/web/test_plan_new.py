from unittest import mock

from prongsai.web.plans import services
from prongsai.web.plans.models import Plan, ProgressEntry
from tests.web.base import BaseTestCase


class PlanNewTestCase(BaseTestCase):
    def test_it_works(self):
        """From the draft the core writes for the result."""
        self.login(self.member)
        ProgressEntry.objects.filter(agency=self.agency).delete()
        Plan.objects.filter(agency=self.agency).delete()
        r = self.client.post(self.a_url("plans/new/"), {"based_on_year": 2564, "fiscal_year": 2565,
                                                        "start_from": "draft"})
        plan = Plan.objects.get(agency=self.agency)
        self.assertRedirects(r, self.a_url(f"plans/{plan.pk}/"), fetch_redirect_response=False)
        self.assertGreater(plan.measures.count(), 3)
        measure = plan.measures.first()
        self.assertGreater(measure.steps.count(), 0)
        self.assertIsNotNone(measure.responsible_unit)

    def test_the_officer_chooses_concise_or_full_detail(self):
        """Concise by default (at most 8 measures of at most 6 short steps); the long form on request."""
        self.login(self.member)
        ProgressEntry.objects.filter(agency=self.agency).delete()
        steps = {}
        for detail in ("concise", "full"):
            Plan.objects.filter(agency=self.agency).delete()
            data = {"based_on_year": 2564, "fiscal_year": 2565, "start_from": "draft", "detail": detail}
            self.client.post(self.a_url("plans/new/"), data)
            plan = Plan.objects.get(agency=self.agency)
            counts = [m.steps.count() for m in plan.measures.all()]
            steps[detail] = sum(counts)
            if detail == "concise":
                self.assertLessEqual(plan.measures.count(), 8)
                self.assertTrue(all(1 <= c <= 6 for c in counts), counts)
        self.assertGreater(steps["full"], steps["concise"])

    def test_create_from_a_hand_made_draft(self):
        from datetime import date

        from prongsai.planning.draft import Measure as CoreMeasure
        from prongsai.planning.draft import MeasurePlan

        core = CoreMeasure(
            title="จัดทำคู่มือการใช้ทรัพย์สิน", purpose="ให้ใช้ทรัพย์สินถูกต้อง", theme="assets",
            addresses_indicators=(4,), addresses_items=("I16",), steps=("ร่างคู่มือ", "ประกาศใช้"),
            responsible="สำนักปลัด (งานนิติการ)", supporting=("กองคลัง", "ทุกกอง/สำนัก", "นายก อบต."),
            start=date(2022, 10, 1), end=date(2023, 9, 30), follow_up="รายงานรอบ 6 เดือน",
            evidence=("คู่มือ",), oit_items=("O40",))
        draft = MeasurePlan(agency=self.agency.name, agency_type="อบต.", fiscal_year=2566, based_on_year=2564,
                            measures=(core,))
        with mock.patch.object(services, "draft_function", return_value=lambda *a, **k: draft):
            plan = services.create_from_draft(self.owner, self.agency, 2564, 2566)
        measure = plan.measures.get()
        self.assertEqual(measure.responsible_unit.name, "สำนักปลัด")
        self.assertEqual(measure.responsible_detail, "งานนิติการ")
        self.assertEqual(measure.responsible_text, "สำนักปลัด (งานนิติการ)")
        self.assertEqual([u.name for u in measure.supporting_units.all()], ["กองคลัง"])
        self.assertEqual(measure.supporting_note, "ทุกกอง/สำนัก, นายก อบต.")
        self.assertEqual([s.text for s in measure.steps.all()], ["ร่างคู่มือ", "ประกาศใช้"])

    def test_it_rejects_bad_input_and_makes_an_empty_plan(self):
        self.login(self.member)
        r = self.client.post(self.a_url("plans/new/"), {"based_on_year": 2564, "fiscal_year": 2565,
                                                        "start_from": "empty"})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "มีแผนมาตรการปี 2565 อยู่แล้ว")
        r = self.client.post(self.a_url("plans/new/"), {"based_on_year": 2599, "fiscal_year": 2566,
                                                        "start_from": "what"})
        self.assertContains(r, 'id="id_based_on_year_error"')
        self.assertContains(r, 'id="id_start_from_error"')
        r = self.client.post(self.a_url("plans/new/"), {"based_on_year": 2564, "fiscal_year": 2566,
                                                        "start_from": "empty"})
        plan = Plan.objects.get(agency=self.agency, fiscal_year=2566)
        self.assertEqual(plan.measures.count(), 0)

    def test_it_rejects_get(self):
        self.login(self.member)
        self.assertEqual(self.client.get(self.a_url("plans/new/")).status_code, 405)

    def test_viewers_cannot_create(self):
        self.login(self.viewer)
        r = self.client.post(self.a_url("plans/new/"), {"based_on_year": 2564, "fiscal_year": 2566,
                                                        "start_from": "empty"})
        self.assertEqual(r.status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        r = self.client.post(self.a_url("plans/new/"), {"based_on_year": 2564, "fiscal_year": 2566,
                                                        "start_from": "empty"})
        self.assertEqual(r.status_code, 404)
        self.assertFalse(Plan.objects.filter(agency=self.agency, fiscal_year=2566).exists())


class RunningYearTestCase(BaseTestCase):
    def test_the_plan_is_for_the_fiscal_year_under_way(self):
        """A 2564 result drafted during FY2566 plans for 2566; in FY2565 it plans for 2565."""
        from unittest import mock

        from prongsai.web.plans.forms import PlanCreateForm

        with mock.patch("prongsai.web.plans.forms.fiscal_year_of", return_value=2566):
            form = PlanCreateForm(agency=self.agency)
        self.assertEqual(form.fields["fiscal_year"].initial, 2566)
        self.assertIn(2566, [y for y, _ in form.fields["fiscal_year"].choices])
        with mock.patch("prongsai.web.plans.forms.fiscal_year_of", return_value=2565):
            self.assertEqual(PlanCreateForm(agency=self.agency).fields["fiscal_year"].initial, 2565)
        with mock.patch("prongsai.web.plans.forms.fiscal_year_of", return_value=2570):  # too far: the year after
            self.assertEqual(PlanCreateForm(agency=self.agency).fields["fiscal_year"].initial, 2565)
