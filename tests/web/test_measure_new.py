from prongsai.web.plans.models import Measure
from tests.web.base import BaseTestCase


def measure_data(**changes):
    data = {"title": "จัดอบรมเรื่องผลประโยชน์ทับซ้อน", "purpose": "ให้บุคลากรเข้าใจ", "responsible": "",
            "responsible_detail": "", "start": "1/10/2564", "end": "30/9/2565", "follow_up": "รายงานรอบ 6 เดือน",
            "evidence": "รายงานการอบรม\n\nภาพถ่าย", "indicators": ["1", "5"], "items_text": "i17, ๐๑๒",
            "oit_text": "O42", "steps_text": "ขออนุมัติโครงการ\nจัดอบรม\n"}
    data.update(changes)
    return data


class MeasureNewTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.member)
        url = self.a_url(f"plans/{self.plan.pk}/measures/new/")
        self.assertContains(self.client.get(url), "เพิ่มมาตรการ")
        r = self.client.post(url, measure_data(responsible=str(self.finance.pk)))
        m = Measure.objects.get(plan=self.plan, title="จัดอบรมเรื่องผลประโยชน์ทับซ้อน")
        self.assertRedirects(r, self.a_url(f"plans/{self.plan.pk}/#measure-{m.pk}"), fetch_redirect_response=False)
        self.assertEqual(m.addresses_items, ["I17", "O12"])
        self.assertEqual(m.addresses_indicators, [1, 5])
        self.assertEqual(m.evidence, "รายงานการอบรม\nภาพถ่าย")
        self.assertEqual([s.text for s in m.steps.all()], ["ขออนุมัติโครงการ", "จัดอบรม"])
        self.assertEqual(m.order, self.plan.measures.count())

    def test_it_rejects_bad_input(self):
        self.login(self.member)
        url = self.a_url(f"plans/{self.plan.pk}/measures/new/")
        count = Measure.objects.count()
        r = self.client.post(url, measure_data(title=" ", start="1/10/2570", end="31/9/2565", items_text="X9, O999",
                                               responsible=str(self.other.units.first().pk)))
        self.assertEqual(r.status_code, 200)
        for field in ("title", "start", "end", "items_text", "responsible"):
            self.assertContains(r, f'id="id_{field}_error"')
        r = self.client.post(url, measure_data(start="1/5/2565", end="1/4/2565"))
        self.assertContains(r, "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม")
        self.assertEqual(Measure.objects.count(), count)

    def test_it_works_without_a_plan_of_this_agency(self):
        self.login(self.member)
        self.assertEqual(self.client.get(self.a_url("plans/999999/measures/new/")).status_code, 404)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        r = self.client.post(self.a_url(f"plans/{self.plan.pk}/measures/new/"), measure_data())
        self.assertEqual(r.status_code, 404)
        b_plan = self.b["plan"]
        r = self.client.post(self.a_url(f"plans/{b_plan.pk}/measures/new/"), measure_data())
        self.assertEqual(r.status_code, 404)
