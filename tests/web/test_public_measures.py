from datetime import date

from prongsai.web.plans import services
from prongsai.web.plans.models import Plan, ProgressEntry
from tests.web.base import BaseTestCase
from tests.web.public_helpers import approve, assert_private


class PublicMeasuresTestCase(BaseTestCase):
    def url(self, agency=None, query=""):
        return f"/p/{(agency or self.agency).pk}/measures/{query}"

    def record(self, **fields):
        values = {"as_of": date(2022, 6, 30), "status": "done", "result": "จัดอบรมแล้ว 2 ครั้ง ผู้เข้าร่วม 45 คน",
                  "outcome": "บุคลากรเข้าใจแนวทางมากขึ้น", **fields}
        return ProgressEntry.objects.create(agency=self.agency, measure=self.measure, lineage=self.measure.lineage,
                                            created_by=self.owner, **values)

    def test_it_works(self):
        approve(self.owner, self.plan)
        self.record()
        r = self.client.get(self.url())
        self.assertEqual(r.status_code, 200)
        assert_private(self, r)
        self.assertContains(r, f"ปีงบประมาณ {self.plan.fiscal_year}")
        for measure in self.plan.measures.all():
            self.assertContains(r, measure.title)
        self.assertContains(r, self.measure.responsible_text)
        self.assertContains(r, "จัดอบรมแล้ว 2 ครั้ง ผู้เข้าร่วม 45 คน")  # the latest result, not the older one
        self.assertContains(r, "เสร็จสิ้น")
        self.assertNotContains(r, "หลักฐาน.pdf")  # evidence files are not public
        self.assertNotContains(r, "/evidence/")
        self.assertContains(r, "/documents/plan.pdf?year=")

    def test_without_an_approved_plan_it_shows_nothing_of_the_draft(self):
        r = self.client.get(self.url())
        self.assertContains(r, "ยังไม่มีมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานที่ได้รับอนุมัติ")
        for measure in self.plan.measures.all():
            self.assertNotContains(r, measure.title)
        self.assertNotContains(r, "ประชุมชี้แจงแล้ว")
        self.assertNotContains(r, "/documents/")

    def test_a_newer_draft_version_stays_hidden(self):
        approve(self.owner, self.plan)
        draft = services.new_version(self.owner, self.plan)
        changed = draft.measures.get(lineage=self.measure.lineage)
        changed.title = "ชื่อมาตรการที่แก้ในร่างฉบับที่สอง"
        changed.save()
        dropped = draft.measures.exclude(pk=changed.pk).last()
        dropped.delete()
        extra = draft.measures.create(title="มาตรการใหม่ที่ยังเป็นร่าง", order=99)
        r = self.client.get(self.url())
        self.assertContains(r, self.measure.title)  # version 1, as approved
        self.assertContains(r, Plan.objects.get(pk=self.plan.pk).measures.get(lineage=dropped.lineage).title)
        self.assertNotContains(r, "ชื่อมาตรการที่แก้ในร่างฉบับที่สอง")
        self.assertNotContains(r, extra.title)

    def test_earlier_years_can_be_chosen(self):
        approve(self.owner, self.plan)
        later = services.create_empty(self.owner, self.agency, self.plan.fiscal_year + 1, self.plan.based_on_year)
        later.measures.create(title="มาตรการปีถัดไป", order=1)
        approve(self.owner, later)
        r = self.client.get(self.url())
        self.assertContains(r, "มาตรการปีถัดไป")
        self.assertContains(r, f'?year={self.plan.fiscal_year}"')
        r = self.client.get(self.url(query=f"?year={self.plan.fiscal_year}"))
        self.assertContains(r, self.measure.title)
        self.assertNotContains(r, "มาตรการปีถัดไป")

    def test_a_year_without_an_approved_plan_is_not_found(self):
        self.assertEqual(self.client.get(self.url(query=f"?year={self.plan.fiscal_year}")).status_code, 404)
        approve(self.owner, self.plan)
        self.assertEqual(self.client.get(self.url(query="?year=2599")).status_code, 404)
        self.assertEqual(self.client.get(self.url(query="?year=abc")).status_code, 404)

    def test_it_rejects_post(self):
        self.assertEqual(self.client.post(self.url()).status_code, 405)

    def test_it_checks_ownership(self):
        approve(self.owner, self.plan)
        self.record()
        r = self.client.get(self.url(self.other))
        self.assertEqual(r.status_code, 200)
        assert_private(self, r)
        self.assertContains(r, "ยังไม่มีมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานที่ได้รับอนุมัติ")  # B's own plan is a draft
        for measure in self.plan.measures.all():
            self.assertNotContains(r, measure.title)
        self.assertNotContains(r, "จัดอบรมแล้ว 2 ครั้ง")
        # A's plan year through B's address: B has no approved plan of that year
        self.assertEqual(self.client.get(self.url(self.other, f"?year={self.plan.fiscal_year}")).status_code, 404)
        self.assertEqual(self.client.get("/p/999999/measures/").status_code, 404)

    def test_an_approved_plan_of_another_agency_shows_only_its_own_measures(self):
        self.measure.title = "มาตรการเฉพาะของลาดหญ้า"
        self.measure.save()
        approve(self.owner, self.plan)
        self.record()
        approve(self.stranger, self.b["plan"])
        r = self.client.get(self.url(self.other))
        self.assertContains(r, self.b["measure"].title)
        self.assertNotContains(r, "มาตรการเฉพาะของลาดหญ้า")
        self.assertNotContains(r, "จัดอบรมแล้ว 2 ครั้ง")
