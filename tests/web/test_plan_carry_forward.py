"""POST /a/<id>/plans/<plan_id>/carry-forward/ — "เริ่มจากมาตรการปีที่แล้ว"."""

from __future__ import annotations

from datetime import date

from prongsai.results_io import read_results
from prongsai.web.assessments.models import Result
from prongsai.web.assessments.services import save_years
from prongsai.web.audit.models import AuditEntry
from prongsai.web.plans import services
from prongsai.web.plans.models import Measure, Plan, ProgressEntry
from tests.web.base import EXAMPLES, BaseTestCase

MEETING = {"meeting_date": date(2021, 9, 15), "meeting_title": "การประชุมคณะผู้บริหาร ครั้งที่ 1/2565",
           "meeting_place": "ห้องประชุม", "meeting_attendees": "นายก\nปลัด", "approver": "นายก อบต."}


class PlanCarryForwardTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        services.approve(self.owner, self.plan, MEETING)
        self.plan.refresh_from_db()

    def url(self, plan: Plan | None = None, agency_id: int | None = None) -> str:
        return f"/a/{agency_id or self.agency.pk}/plans/{(plan or self.plan).pk}/carry-forward/"

    def add_result_2565(self) -> None:
        # the other seed's 2565 scores stand in for this agency's 2565 result
        years = [y for y in read_results(EXAMPLES / "khongyang-2565.yaml").years if y.fiscal_year == 2565]
        save_years(self.owner, self.agency, years, Result.FILE, "2565.yaml")

    def new_plan(self) -> Plan:
        return Plan.objects.get(agency=self.agency, fiscal_year=2566)

    def test_it_works(self):
        self.add_result_2565()
        self.login(self.member)
        r = self.client.post(self.url())
        plan = self.new_plan()
        self.assertRedirects(r, self.a_url(f"plans/{plan.pk}/"), fetch_redirect_response=False)
        self.assertEqual((plan.status, plan.version, plan.based_on_year, plan.carried_from_id),
                         ("draft", 1, 2565, self.plan.pk))
        old = list(self.plan.measures.prefetch_related("steps", "supporting_units"))
        new = list(plan.measures.prefetch_related("steps", "supporting_units"))
        self.assertEqual([m.title for m in new], [m.title for m in old])
        for a, b in zip(old, new, strict=True):
            self.assertEqual(b.carried_from_id, a.pk)
            self.assertNotEqual(b.lineage, a.lineage)  # this year's progress starts afresh
            self.assertEqual([s.text for s in b.steps.all()], [s.text for s in a.steps.all()])
            self.assertEqual((b.responsible_unit_id, b.responsible_all, b.follow_up),
                             (a.responsible_unit_id, a.responsible_all, a.follow_up))
            self.assertEqual(set(b.supporting_units.all()), set(a.supporting_units.all()))
            self.assertEqual((b.start.year, b.start.month, b.start.day), (a.start.year + 1, a.start.month, a.start.day))
            self.assertEqual(b.end.year, a.end.year + 1)
        # no progress of last year counts as this year's
        self.assertTrue(all(s.latest is None for s in services.statuses(plan)))
        self.assertEqual(ProgressEntry.objects.filter(agency=self.agency).count(), 1)
        # audited
        entry = AuditEntry.objects.filter(agency=self.agency, object_type="แผนมาตรการ").order_by("-id").first()
        self.assertIn("เริ่มแผนมาตรการปี 2566 จากแผนมาตรการปี 2565", entry.summary)
        # the new plan shows last year's result and the review note
        page = self.client.get(self.a_url(f"plans/{plan.pk}/"))
        self.assertContains(page, "ผลปีที่แล้ว (ปี 2565)")
        self.assertContains(page, "ประชุมชี้แจงแล้ว")  # last year's progress text
        self.assertContains(page, "หลักฐาน.pdf")
        self.assertContains(page, f"/a/{self.agency.pk}/evidence/{self.evidence.pk}/")
        self.assertContains(page, "แผนนี้เริ่มจากมาตรการปี 2565")
        self.assertContains(page, "ไม่เป็นจุดอ่อนแล้ว")

    def test_without_this_years_result_it_says_so_and_uses_the_latest(self):
        self.login(self.owner)
        r = self.client.post(self.url(), follow=True)
        plan = self.new_plan()
        self.assertEqual(plan.based_on_year, 2564)
        self.assertContains(r, "ยังไม่มีผลการประเมินปี 2565 แผนมาตรการปี 2566 จึงอ้างอิงผลการประเมินปี 2564")

    def test_the_plans_page_offers_it(self):
        self.login(self.member)
        r = self.client.get(self.a_url("plans/"))
        self.assertContains(r, "เริ่มจากมาตรการปีที่แล้ว")
        self.assertContains(r, self.url())
        self.assertContains(r, "ยังไม่มีผลการประเมินปี 2565")
        self.assertContains(self.client.get(self.a_url(f"plans/{self.plan.pk}/")), "เริ่มแผนมาตรการปี 2566 จากแผนนี้")
        self.client.post(self.url())
        r = self.client.get(self.a_url("plans/"))
        self.assertNotContains(r, self.url())  # made already: no offer
        # viewers are not offered it
        self.login(self.viewer)
        self.client.get(self.a_url("plans/"))
        self.assertNotContains(self.client.get(self.a_url("plans/")), "carry-forward")

    def test_twice_makes_one_plan(self):
        self.login(self.owner)
        self.client.post(self.url())
        r = self.client.post(self.url(), follow=True)
        self.assertContains(r, "มีแผนมาตรการปี 2566 อยู่แล้ว จึงไม่ได้สร้างซ้ำ")
        self.assertEqual(Plan.objects.filter(agency=self.agency, fiscal_year=2566).count(), 1)
        self.assertEqual(r.redirect_chain[-1][0], self.a_url(f"plans/{self.new_plan().pk}/"))

    def test_a_draft_cannot_be_carried(self):
        draft = services.new_version(self.owner, self.plan)  # v2 draft; v1 stays approved
        Plan.objects.filter(pk=self.plan.pk).update(status=Plan.DRAFT)  # no approved version at all
        self.login(self.owner)
        r = self.client.post(self.url(draft), follow=True)
        self.assertContains(r, "ยังไม่ได้รับอนุมัติ")
        self.assertFalse(Plan.objects.filter(agency=self.agency, fiscal_year=2566).exists())

    def test_it_carries_the_latest_approved_version(self):
        v2 = services.new_version(self.owner, self.plan)
        Measure.objects.filter(plan=v2).update(title="ฉบับที่สอง")
        services.approve(self.owner, v2, MEETING)
        self.login(self.owner)
        self.client.post(self.url())  # posted from version 1
        plan = self.new_plan()
        self.assertEqual(plan.carried_from_id, v2.pk)
        self.assertEqual(set(plan.measures.values_list("title", flat=True)), {"ฉบับที่สอง"})

    def test_the_review_lists_open_weaknesses(self):
        self.add_result_2565()
        self.login(self.owner)
        self.client.post(self.url())
        plan = self.new_plan()
        plan.measures.update(addresses_indicators=[], addresses_items=[])
        plan.measures.filter(pk=plan.measures.first().pk).update(addresses_indicators=[1])
        review = plan.carry_review()
        self.assertTrue(any("ยังไม่มีมาตรการรองรับ" in line for line in review.lines), review.lines)
        self.assertTrue(any("ไม่เป็นจุดอ่อนแล้ว" in line for line in review.lines), review.lines)
        page = self.client.get(self.a_url(f"plans/{plan.pk}/"))
        self.assertContains(page, "ยังไม่มีมาตรการรองรับ")

    def test_unit_staff_viewers_and_supervisors_may_not(self):
        for user in (self.viewer, self.supervisor, self.unit_editor):
            self.login(user)
            self.assertEqual(self.client.post(self.url()).status_code, 403, user.username)
        self.assertFalse(Plan.objects.filter(agency=self.agency, fiscal_year=2566).exists())

    def test_it_rejects_get(self):
        self.login(self.owner)
        self.assertEqual(self.client.get(self.url()).status_code, 405)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.post(self.url()).status_code, 404)
        # the stranger's own agency with agency A's plan id
        self.assertEqual(self.client.post(self.url(agency_id=self.other.pk)).status_code, 404)
        self.assertFalse(Plan.objects.filter(agency=self.agency, fiscal_year=2566).exists())
        self.assertEqual(Plan.objects.filter(agency=self.other).count(), 1)
