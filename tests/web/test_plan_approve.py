from prongsai.web.audit.models import AuditEntry
from prongsai.web.plans.models import Measure, Plan
from tests.web.base import BaseTestCase

MEETING = {"meeting_title": "การประชุมคณะผู้บริหาร ครั้งที่ 1/2565", "meeting_date": "๑๕/๙/๒๕๖๔",
           "meeting_place": "ห้องประชุม อบต.", "meeting_attendees": "นายก\nปลัด", "approver": "นายก อบต."}


class PlanApproveTestCase(BaseTestCase):
    def url(self):
        return self.a_url(f"plans/{self.plan.pk}/approve/")

    def test_it_works_and_locks_the_plan(self):
        self.login(self.owner)
        self.assertContains(self.client.get(self.url()), "วันที่ประชุม")
        r = self.client.post(self.url(), MEETING)
        self.assertRedirects(r, self.a_url(f"plans/{self.plan.pk}/"), fetch_redirect_response=False)
        plan = Plan.objects.get(pk=self.plan.pk)
        self.assertTrue(plan.is_locked)
        self.assertEqual(str(plan.meeting_date), "2021-09-15")
        self.assertEqual(plan.approved_by, self.owner)
        entry = AuditEntry.objects.filter(agency=self.agency, summary__startswith="อนุมัติแผน").get()
        self.assertEqual(entry.changes["สถานะ"], ["ร่าง (แก้ไขได้)", "อนุมัติแล้ว"])
        # locked: editing is refused, and the page says how to change it
        r = self.client.post(self.a_url(f"measures/{self.measure.pk}/delete/"), follow=True)
        self.assertContains(r, "แก้ไขเป็นฉบับใหม่")
        self.assertTrue(Measure.objects.filter(pk=self.measure.pk).exists())
        self.assertEqual(self.client.get(self.url()).status_code, 302)  # already approved

    def test_it_rejects_bad_input(self):
        self.login(self.owner)
        r = self.client.post(self.url(), {"meeting_title": "", "meeting_date": "31/2/2564", "approver": ""})
        self.assertEqual(r.status_code, 200)
        for field in ("meeting_title", "meeting_date", "approver"):
            self.assertContains(r, f'id="id_{field}_error"')
        r = self.client.post(self.url(), {**MEETING, "meeting_date": "1/10/2570"})
        self.assertContains(r, 'id="id_meeting_date_error"')
        self.assertFalse(Plan.objects.get(pk=self.plan.pk).is_locked)

    def test_it_needs_the_admin_role(self):
        self.login(self.member)
        self.assertEqual(self.client.get(self.url()).status_code, 403)
        self.assertEqual(self.client.post(self.url(), MEETING).status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.post(self.url(), MEETING).status_code, 404)
        self.assertEqual(self.client.post(f"/a/{self.other.pk}/plans/{self.plan.pk}/approve/", MEETING).status_code, 404)
        self.assertFalse(Plan.objects.get(pk=self.plan.pk).is_locked)
