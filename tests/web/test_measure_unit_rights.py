"""An editor tied to one unit (ผู้บันทึก of กองคลัง) handles that unit's measures only, as the
members page says; forged requests for anything else are refused and change nothing."""

from prongsai.web.agencies.models import Membership
from prongsai.web.plans.models import Evidence, Measure, Plan, ProgressEntry, Step
from tests.web.base import BaseTestCase, make_user
from tests.web.test_measure_new import measure_data
from tests.web.test_measure_progress import entry_data
from tests.web.test_plan_approve import MEETING

HX = {"HTTP_HX_REQUEST": "true"}


class UnitStaffTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        measures = list(cls.plan.measures.all())
        cls.mine = next(m for m in measures if m.responsible_unit_id == cls.finance.pk)
        cls.foreign = next(m for m in measures if m.responsible_unit_id not in (None, cls.finance.pk))
        # supporting a measure is not leading it
        cls.foreign.supporting_units.add(cls.finance)
        cls.foreign_step = cls.foreign.steps.first()
        cls.foreign_entry = ProgressEntry.objects.create(agency=cls.agency, measure=cls.foreign,
                                                         lineage=cls.foreign.lineage, status="in_progress",
                                                         done="ของกองอื่น", created_by=cls.owner)
        cls.foreign_evidence = Evidence.objects.create(agency=cls.agency, entry=cls.foreign_entry,
                                                       url="https://example.go.th/x", name="ลิงก์ของกองอื่น")

    def snapshot(self):
        return (
            list(Measure.objects.order_by("pk").values_list("pk", "title", "order", "responsible_unit_id")),
            list(Step.objects.order_by("pk").values_list("pk", "text", "order")),
            list(ProgressEntry.objects.order_by("pk").values_list("pk", "status", "done")),
            list(Evidence.objects.order_by("pk").values_list("pk")),
            list(Plan.objects.order_by("pk").values_list("pk", "status", "version")),
        )

    def test_forged_requests_for_other_units_are_refused(self):
        self.login(self.unit_editor)
        before = self.snapshot()
        f, s = self.foreign, self.foreign_step
        requests = [
            ("get", f"measures/{f.pk}/edit/", {}),
            ("post", f"measures/{f.pk}/edit/", measure_data(title="แก้โดยกองคลัง")),
            ("post", f"measures/{f.pk}/delete/", {}),
            ("post", f"measures/{f.pk}/move/up/", {}),
            ("post", f"measures/{f.pk}/steps/add/", {"text": "ขั้นตอนจากกองคลัง"}),
            ("get", f"steps/{s.pk}/edit/", {}),
            ("post", f"steps/{s.pk}/edit/", {f"step{s.pk}-text": "แก้โดยกองคลัง"}),
            ("post", f"steps/{s.pk}/delete/", {}),
            ("post", f"steps/{s.pk}/move/down/", {}),
            ("post", f"tracking/{f.pk}/", entry_data()),
            ("get", f"progress/{self.foreign_entry.pk}/edit/", {}),
            ("post", f"progress/{self.foreign_entry.pk}/edit/", entry_data(done="แก้โดยกองคลัง")),
            ("post", f"progress/{self.foreign_entry.pk}/delete/", {}),
            ("post", f"evidence/{self.foreign_evidence.pk}/delete/", {}),
            ("post", "plans/new/", {"based_on_year": "2564", "fiscal_year": "2566", "start_from": "empty"}),
            ("get", f"plans/{self.plan.pk}/approve/", {}),
            ("post", f"plans/{self.plan.pk}/approve/", MEETING),
            ("post", f"plans/{self.plan.pk}/delete/", {}),
        ]
        for method, suffix, data in requests:
            for extra in ({}, HX):
                r = getattr(self.client, method)(self.a_url(suffix), data, **extra)
                self.assertIn(r.status_code, (403, 404), f"{method} {suffix} {extra}")
        self.assertEqual(self.snapshot(), before)

    def test_they_cannot_make_a_new_version(self):
        self.login(self.owner)
        self.client.post(self.a_url(f"plans/{self.plan.pk}/approve/"), MEETING)
        self.login(self.unit_editor)
        r = self.client.post(self.a_url(f"plans/{self.plan.pk}/new-version/"))
        self.assertEqual(r.status_code, 403)
        self.assertEqual(Plan.objects.filter(agency=self.agency).count(), 1)
        self.assertNotContains(self.client.get(self.a_url(f"plans/{self.plan.pk}/")), "แก้ไขเป็นฉบับใหม่")
        # an editor of the whole agency still can
        self.login(self.member)
        self.assertContains(self.client.get(self.a_url(f"plans/{self.plan.pk}/")), "แก้ไขเป็นฉบับใหม่")
        self.assertEqual(self.client.post(self.a_url(f"plans/{self.plan.pk}/new-version/")).status_code, 302)
        self.assertEqual(Plan.objects.filter(agency=self.agency).count(), 2)

    def test_they_handle_their_own_units_measures(self):
        self.login(self.unit_editor)
        m = self.mine
        r = self.client.post(self.a_url(f"measures/{m.pk}/edit/"),
                             measure_data(title="แก้โดยกองคลัง", responsible=str(self.finance.pk)), **HX)
        self.assertEqual(r.status_code, 200)
        self.assertEqual(Measure.objects.get(pk=m.pk).title, "แก้โดยกองคลัง")
        self.client.post(self.a_url(f"measures/{m.pk}/steps/add/"), {"text": "ขั้นตอนของกองคลัง"}, **HX)
        step = m.steps.get(text="ขั้นตอนของกองคลัง")
        self.client.post(self.a_url(f"steps/{step.pk}/edit/"), {f"step{step.pk}-text": "แก้ขั้นตอน"}, **HX)
        self.assertEqual(Step.objects.get(pk=step.pk).text, "แก้ขั้นตอน")
        self.client.post(self.a_url(f"steps/{step.pk}/delete/"), **HX)
        self.assertFalse(Step.objects.filter(pk=step.pk).exists())
        self.assertEqual(self.client.post(self.a_url(f"tracking/{m.pk}/"), entry_data()).status_code, 302)
        # a new measure is their unit's: another unit is not among the choices
        url = self.a_url(f"plans/{self.plan.pk}/measures/new/")
        r = self.client.post(url, measure_data(title="ของกองช่าง", responsible=str(self.foreign.responsible_unit_id)))
        self.assertContains(r, 'id="id_responsible_error"')
        self.assertFalse(Measure.objects.filter(title="ของกองช่าง").exists())
        r = self.client.post(url, measure_data(title="ของกองคลังเอง", responsible=str(self.finance.pk)))
        self.assertEqual(r.status_code, 302)
        new = Measure.objects.get(title="ของกองคลังเอง")
        self.assertEqual(new.responsible_unit, self.finance)
        # and they cannot hand their measure over to another unit
        r = self.client.post(self.a_url(f"measures/{new.pk}/edit/"),
                             measure_data(responsible=str(self.foreign.responsible_unit_id)))
        self.assertContains(r, 'id="id_responsible_error"')
        self.assertEqual(Measure.objects.get(pk=new.pk).responsible_unit, self.finance)
        self.client.post(self.a_url(f"measures/{new.pk}/delete/"))
        self.assertFalse(Measure.objects.filter(pk=new.pk).exists())

    def test_the_buttons_they_cannot_use_are_hidden(self):
        self.login(self.unit_editor)
        page = self.client.get(self.a_url(f"plans/{self.plan.pk}/")).content.decode()
        self.assertTrue(f'/measures/{self.mine.pk}/edit/' in page, f'/measures/{self.mine.pk}/edit/')
        self.assertTrue(f'/measures/{self.mine.pk}/delete/' in page, f'/measures/{self.mine.pk}/delete/')
        self.assertFalse(f'/measures/{self.foreign.pk}/edit/' in page, f'/measures/{self.foreign.pk}/edit/')
        self.assertFalse(f'/measures/{self.foreign.pk}/delete/' in page, f'/measures/{self.foreign.pk}/delete/')
        self.assertFalse(f'/steps/{self.foreign_step.pk}/' in page, f'/steps/{self.foreign_step.pk}/')
        self.assertFalse("ลบร่างนี้" in page, "ลบร่างนี้")
        self.assertFalse(f"/plans/{self.plan.pk}/approve/" in page, "approve")
        self.assertFalse(f"/plans/{self.plan.pk}/delete/" in page, "delete")
        page = self.client.get(self.a_url(f"tracking/{self.foreign.pk}/")).content.decode()
        self.assertTrue("ดูได้อย่างเดียว" in page, "ดูได้อย่างเดียว")
        self.assertFalse(f"/progress/{self.foreign_entry.pk}/edit/" in page, f"/progress/{self.foreign_entry.pk}/edit/")
        self.assertFalse(f"/evidence/{self.foreign_evidence.pk}/delete/" in page, f"/evidence/{self.foreign_evidence.pk}/delete/")
        r = self.client.get(self.a_url("plans/"))
        self.assertNotContains(r, "สร้างแผนมาตรการ</button>")
        r = self.client.get(self.a_url("tracking/"), {"unit": ""})
        self.assertContains(r, f'href="/a/{self.agency.pk}/tracking/{self.mine.pk}/">บันทึกผล</a>')
        self.assertContains(r, f'href="/a/{self.agency.pk}/tracking/{self.foreign.pk}/">ดู</a>')

    def test_an_editor_without_a_unit_keeps_every_right(self):
        self.login(self.member)
        r = self.client.post(self.a_url(f"measures/{self.foreign.pk}/edit/"), measure_data(title="แก้โดยผู้บันทึก"))
        self.assertEqual(r.status_code, 302)
        self.assertEqual(Measure.objects.get(pk=self.foreign.pk).title, "แก้โดยผู้บันทึก")
        r = self.client.post(self.a_url(f"progress/{self.foreign_entry.pk}/edit/"), entry_data(done="แก้แล้ว"))
        self.assertEqual(r.status_code, 302)
        page = self.client.get(self.a_url(f"plans/{self.plan.pk}/")).content.decode()
        self.assertTrue(f'/measures/{self.foreign.pk}/delete/' in page, f'/measures/{self.foreign.pk}/delete/')
        self.assertFalse("ลบร่างนี้" in page, "ลบร่างนี้")  # deleting a plan stays with ผู้ดูแล

    def test_a_measure_of_every_unit(self):
        everyone = self.foreign
        Measure.objects.filter(pk=everyone.pk).update(responsible_unit=None, responsible_all=True)
        self.login(self.unit_editor)
        # every unit reports on it, but it belongs to the agency: no unit edits or deletes it alone
        self.assertEqual(self.client.post(self.a_url(f"tracking/{everyone.pk}/"), entry_data()).status_code, 302)
        self.assertEqual(self.client.post(self.a_url(f"measures/{everyone.pk}/delete/")).status_code, 403)
        self.assertTrue(Measure.objects.filter(pk=everyone.pk).exists())

    def test_a_unit_staff_admin_is_still_an_admin(self):
        boss = make_user("boss")
        Membership.objects.create(user=boss, agency=self.agency, role=Membership.ADMIN, unit=self.finance)
        self.login(boss)
        r = self.client.post(self.a_url(f"measures/{self.foreign.pk}/edit/"), measure_data(title="แก้โดยผู้ดูแล"))
        self.assertEqual(r.status_code, 302)

    def test_the_plan_page_says_what_they_may_change(self):
        self.login(self.unit_editor)
        self.assertContains(self.client.get(self.a_url(f"plans/{self.plan.pk}/")),
                            "เฉพาะมาตรการที่กองคลังเป็นผู้รับผิดชอบหลัก")
        self.login(self.member)
        self.assertNotContains(self.client.get(self.a_url(f"plans/{self.plan.pk}/")), "เฉพาะมาตรการที่")
