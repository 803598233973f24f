from prongsai.web.assessments.models import Result
from prongsai.web.audit.models import AuditEntry
from tests.web.base import BaseTestCase

SEED_004 = ["93.57", "84.05", "89.76", "84.87", "87.64", "80.93", "84.60", "81.00", "84.06", "37.50"]


class ResultFormTestCase(BaseTestCase):
    def url(self, year=2565):
        return self.a_url(f"results/form/?year={year}")

    def test_it_shows_that_years_indicator_names(self):
        self.login(self.member)
        r = self.client.get(self.url(2567))
        self.assertContains(r, "การปฏิบัติหน้าที่")
        self.assertContains(r, "O1 ")
        self.assertContains(r, "ผ่านดีเยี่ยม")  # the level choices of FY2567

    def test_it_works(self):
        self.login(self.member)
        data = {f"ind_{n}": v for n, v in enumerate(SEED_004, start=1)}
        data.update({"ind_1": "๙๓.๕๗", "published_total": "75.36", "published_level": "B",
                     "item_O12": "0", "reason_O12": "ขาดองค์ประกอบ", "item_I7": "97"})
        r = self.client.post(self.url(2565), data)
        self.assertRedirects(r, self.a_url("analysis/2565/"), fetch_redirect_response=False)
        row = Result.objects.get(agency=self.agency, fiscal_year=2565)
        self.assertEqual(row.total, 75.36)
        self.assertEqual(row.level, "B")
        self.assertEqual(row.items["O12"], {"score": 0.0, "reason": "ขาดองค์ประกอบ"})
        self.assertEqual(row.items["I7"], {"score": 97.0})
        self.assertTrue(Result.objects.filter(agency=self.agency, fiscal_year=2564).exists())  # earlier year kept
        self.assertTrue(AuditEntry.objects.filter(agency=self.agency, summary="บันทึกผลการประเมินปี 2565").exists())

    def test_editing_prefills_and_updates(self):
        self.login(self.member)
        r = self.client.get(self.url(2564))
        self.assertContains(r, 'value="93.57"')
        self.assertContains(r, "มีผลของปี 2564 อยู่แล้ว")
        data = {f"ind_{n}": v for n, v in enumerate(SEED_004, start=1)}
        data["ind_10"] = "50"
        self.client.post(self.url(2564), data)
        row = Result.objects.get(agency=self.agency, fiscal_year=2564)
        self.assertEqual(row.indicators["10"], 50.0)
        entry = AuditEntry.objects.filter(agency=self.agency, action="update").first()
        self.assertEqual(entry.changes["ตัวชี้วัดที่ 10"], ["37.50", "50.00"])

    def test_it_rejects_bad_input_next_to_the_field(self):
        self.login(self.member)
        before = list(Result.objects.values_list("pk", "indicators"))
        data = {f"ind_{n}": v for n, v in enumerate(SEED_004, start=1)}
        data.update({"ind_3": "abc", "ind_4": "101", "reason_O5": "เหตุผลแต่ไม่ได้เลือกผล", "item_I1": "-1"})
        r = self.client.post(self.url(2565), data)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_ind_3_error"')
        self.assertContains(r, "ไม่ใช่ตัวเลข")
        self.assertContains(r, 'id="id_ind_4_error"')
        self.assertContains(r, "อยู่นอกช่วง")
        self.assertContains(r, 'id="id_item_O5_error"')
        self.assertContains(r, 'id="id_item_I1_error"')
        self.assertEqual(list(Result.objects.values_list("pk", "indicators")), before)

    def test_it_rejects_an_empty_form(self):
        self.login(self.member)
        r = self.client.post(self.url(2565), {})
        self.assertContains(r, "ยังไม่ได้กรอกคะแนน")
        self.assertFalse(Result.objects.filter(fiscal_year=2565, agency=self.agency).exists())

    def test_unknown_years(self):
        self.login(self.member)
        self.assertEqual(self.client.get(self.url(2400)).status_code, 404)
        self.assertEqual(self.client.get(self.a_url("results/form/?year=x")).status_code, 404)

    def test_viewers_cannot_enter_results(self):
        self.login(self.viewer)
        self.assertEqual(self.client.get(self.url()).status_code, 403)
        self.assertEqual(self.client.post(self.url(), {"ind_1": "90"}).status_code, 403)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.post(self.url(2565), {f"ind_{n}": "90" for n in range(1, 11)}).status_code, 404)
        self.assertFalse(Result.objects.filter(agency=self.agency, fiscal_year=2565).exists())
