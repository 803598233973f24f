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


class TrackingCardsTestCase(BaseTestCase):
    """The four cards are the four states of prongsai.tracking.measure_state: each measure in one."""

    def cards(self, response):
        import re

        html = response.content.decode()
        found = re.findall(r'data-state="([^"]+)".*?<div class="kpi-value">(\d+)</div>', html, flags=re.S)
        return {state: int(count) for state, count in found}

    def test_each_measure_is_counted_once(self):
        from prongsai import tracking

        measures = list(self.plan.measures.all())
        # past the end of the plan year, one done, one reported in progress, the rest not reported:
        # before the fix 1 + 1 + 6 + 5 cards for 7 measures
        Measure.objects.filter(plan=self.plan).update(end=date(2022, 3, 1))
        ProgressEntry.objects.create(agency=self.agency, measure=measures[1], lineage=measures[1].lineage,
                                     as_of=date(2022, 2, 1), status="done", done="เสร็จ")
        self.login(self.viewer)
        cards = self.cards(self.client.get(self.a_url("tracking/")))
        self.assertEqual(set(cards), set(tracking.STATES))
        self.assertEqual(sum(cards.values()), len(measures))
        self.assertEqual(cards[tracking.DONE], 1)
        self.assertEqual(cards[tracking.LATE], len(measures) - 1)  # the one in progress is late too
        self.assertEqual(cards[tracking.IN_PROGRESS], 0)

    def test_the_cards_follow_the_shared_rule(self):
        from prongsai import tracking

        self.login(self.viewer)
        rows = services.statuses(self.plan)
        cards = self.cards(self.client.get(self.a_url("tracking/")))
        for state in tracking.STATES:
            self.assertEqual(cards[state], sum(1 for r in rows if r.state == state), state)
        self.assertEqual(sum(cards.values()), self.plan.measures.count())


class TrackingVersionsTestCase(BaseTestCase):
    """Tracking follows the latest approved version until a newer one is approved."""

    def approve(self, plan):
        from tests.web.test_plan_approve import MEETING

        self.login(self.owner)
        r = self.client.post(self.a_url(f"plans/{plan.pk}/approve/"), MEETING)
        self.assertEqual(r.status_code, 302)

    def new_draft(self):
        self.approve(self.plan)
        self.client.post(self.a_url(f"plans/{self.plan.pk}/new-version/"))
        return self.agency.plans.get(version=2)

    def test_a_new_draft_does_not_change_tracking(self):
        draft = self.new_draft()
        gone = draft.measures.get(lineage=self.measure.lineage)
        victim = draft.measures.last()
        r = self.client.post(self.a_url(f"measures/{victim.pk}/delete/"))
        self.assertEqual(r.status_code, 302)
        self.assertFalse(Measure.objects.filter(pk=victim.pk).exists())
        r = self.client.get(self.a_url("tracking/"), {"unit": ""})
        self.assertEqual(r.context["plan"], self.plan)
        self.assertContains(r, self.plan.measures.last().title)  # deleted only in the draft
        self.assertContains(r, "ฉบับที่ 2")  # the page says a newer draft exists
        self.assertEqual(len(r.context["rows"]), self.plan.measures.count())
        self.assertEqual(services.tracked_plan(self.agency), self.plan)
        # the draft's copy of a measure sends progress to the approved version's measure
        r = self.client.get(self.a_url(f"tracking/{gone.pk}/"))
        self.assertRedirects(r, self.a_url(f"tracking/{self.measure.pk}/"), fetch_redirect_response=False)

    def test_after_approval_progress_carries_over(self):
        draft = self.new_draft()
        removed = draft.measures.last()
        self.client.post(self.a_url(f"measures/{removed.pk}/delete/"))
        self.approve(draft)
        self.assertEqual(services.tracked_plan(self.agency), draft)
        rows = services.statuses(services.tracked_plan(self.agency))
        self.assertEqual(len(rows), self.plan.measures.count() - 1)
        carried = next(r for r in rows if r.measure.lineage == self.measure.lineage)
        self.assertEqual(carried.latest, self.entry)  # recorded on version 1, with its evidence
        self.assertEqual(carried.latest.evidence.count(), 2)
        # the old version's measure now sends progress to version 2
        copy = draft.measures.get(lineage=self.measure.lineage)
        r = self.client.get(self.a_url(f"tracking/{self.measure.pk}/"))
        self.assertRedirects(r, self.a_url(f"tracking/{copy.pk}/"), fetch_redirect_response=False)

    def test_a_measure_only_in_the_draft_takes_no_progress_yet(self):
        draft = self.new_draft()
        self.client.post(self.a_url(f"plans/{draft.pk}/measures/new/"), {"title": "มาตรการใหม่ในร่าง"})
        new = draft.measures.get(title="มาตรการใหม่ในร่าง")
        self.login(self.member)
        r = self.client.get(self.a_url(f"tracking/{new.pk}/"))
        self.assertContains(r, "ยังไม่อนุมัติ")
        self.assertNotContains(r, "บันทึกความก้าวหน้า")
        from tests.web.test_measure_progress import entry_data

        count = ProgressEntry.objects.count()
        self.assertEqual(self.client.post(self.a_url(f"tracking/{new.pk}/"), entry_data()).status_code, 403)
        self.assertEqual(ProgressEntry.objects.count(), count)
        # so the draft's new measure can still be deleted
        self.client.post(self.a_url(f"measures/{new.pk}/delete/"))
        self.assertFalse(Measure.objects.filter(pk=new.pk).exists())

    def test_recording_on_a_draft_copy_goes_to_the_approved_measure(self):
        from tests.web.test_measure_progress import entry_data

        draft = self.new_draft()
        copy = draft.measures.get(lineage=self.measure.lineage)
        self.login(self.member)
        r = self.client.post(self.a_url(f"tracking/{copy.pk}/"), entry_data())
        self.assertRedirects(r, self.a_url(f"tracking/{self.measure.pk}/"), fetch_redirect_response=False)
        entry = ProgressEntry.objects.order_by("-id").first()
        self.assertEqual(entry.measure, self.measure)
        # and the draft copy stays deletable
        self.login(self.owner)
        self.client.post(self.a_url(f"measures/{copy.pk}/delete/"))
        self.assertFalse(Measure.objects.filter(pk=copy.pk).exists())
