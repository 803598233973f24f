from prongsai.web.assessments.models import Result
from tests.web.base import BaseTestCase


class SuperviseCompareTestCase(BaseTestCase):
    url = "/supervise/compare/"

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from prongsai.ita.results import YearResult
        from prongsai.web.agencies.models import Agency

        # a second agency of ลาดหญ้า's province with a result of 2564, and ลาดหญ้า's 2565
        cls.near = Agency.objects.create(name="องค์การบริหารส่วนตำบลใกล้เคียง", province=cls.agency.province,
                                         agency_type="อบต.")
        for agency, year, base in ((cls.near, 2564, 90.0), (cls.agency, 2565, 80.0)):
            row = Result(agency=agency, fiscal_year=year, source=Result.FILE)
            row.set_year_result(YearResult(year, indicators={no: base for no in range(1, 11)}))
            row.save()

    def test_it_exports_what_it_shows(self):
        import csv
        import io

        self.login(self.supervisor)
        r = self.client.get(self.url, {"id": [self.agency.pk, self.near.pk], "year": 2564, "format": "csv"})
        self.assertEqual(r["Content-Type"], "text/csv; charset=utf-8")
        rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
        self.assertEqual(rows[0], ["ปี 2564", self.agency.name, self.near.name])
        self.assertEqual([row[0] for row in rows[1:3]], ["คะแนนรวม", "ระดับ"])
        self.assertEqual(rows[1][1], "75.36")
        self.assertTrue(rows[-1][0].startswith("ความพร้อม OIT ปี"))
        r = self.client.get(self.url, {"id": [self.agency.pk], "format": "xlsx"})
        self.assertEqual(r.status_code, 200)
        self.assertTrue(r.content.startswith(b"PK"))

    def test_it_works(self):
        self.login(self.supervisor)
        r = self.client.get(self.url, {"id": [self.agency.pk, self.near.pk], "year": 2564})
        self.assertEqual(r.status_code, 200)
        self.assertEqual(r.context["mode"], "agencies")
        self.assertContains(r, self.agency.name)
        self.assertContains(r, self.near.name)
        total = r.context["rows"][0]
        self.assertEqual([c.mark for c in total["cells"]], ["worst", "best"])  # 75.36 against 90
        self.assertContains(r, "การป้องกันการทุจริต")
        self.assertContains(r, "ร่าง")  # ลาดหญ้า's plan is a draft
        self.assertContains(r, 'class="num best"')

    def test_one_agency_across_its_years(self):
        self.login(self.supervisor)
        r = self.client.get(self.url, {"id": self.agency.pk})
        self.assertEqual(r.context["mode"], "years")
        self.assertEqual(r.context["columns"], [2564, 2565])
        total = r.context["rows"][0]["cells"]
        self.assertEqual(total[1].change, round(total[1].value - 75.36, 2))
        ten = next(row for row in r.context["rows"] if row["label"].startswith("10."))
        self.assertEqual(ten["cells"][1].change, 42.5)  # 37.50 → 80

    def test_the_year_defaults_to_the_latest_and_says_who_has_none(self):
        self.login(self.supervisor)
        r = self.client.get(self.url, {"id": [self.agency.pk, self.near.pk]})
        self.assertEqual(r.context["year"], 2565)
        self.assertEqual(r.context["missing"], [self.near.name])

    def test_the_tables_form_posts_then_redirects_to_a_link(self):
        self.login(self.supervisor)
        r = self.client.post(self.url, {"id": [self.agency.pk, self.near.pk], "year": 2564, "kind": "analysis"})
        self.assertEqual(r.status_code, 302)
        self.assertIn(f"id={self.agency.pk}", r["Location"])
        self.assertIn("year=2564", r["Location"])

    def test_bad_parameters_get_a_thai_message(self):
        self.login(self.supervisor)
        r = self.client.get(self.url)
        self.assertContains(r, "เลือกหน่วยงาน 2–6 แห่ง")
        r = self.client.get(self.url, {"id": "abc"})
        self.assertContains(r, "ต้องเป็นตัวเลข", status_code=400)
        r = self.client.get(self.url, {"id": [self.agency.pk, self.near.pk], "year": "2599"})
        self.assertContains(r, "ไม่มีผลการประเมินปี", status_code=400)
        r = self.client.get(self.url, {"id": [self.agency.pk, self.near.pk], "year": "๒๕๖๔x"})
        self.assertEqual(r.status_code, 400)
        from prongsai.web.agencies.models import Agency

        many = [Agency.objects.create(name=f"หน่วยงาน{n}", province=self.agency.province).pk for n in range(7)]
        r = self.client.get(self.url, {"id": many})
        self.assertContains(r, "ไม่เกิน 6 แห่ง", status_code=400)

    def test_the_pages_say_read_only_only_to_a_supervisor(self):
        self.login(self.supervisor)
        self.assertContains(self.client.get(self.url, {"id": self.agency.pk}), "ดูข้อมูลได้อย่างเดียว")
        self.login(self.admin)
        self.assertNotContains(self.client.get(self.url, {"id": self.agency.pk}), "ดูข้อมูลได้อย่างเดียว")

    def test_the_wide_table_scrolls_in_its_own_box(self):
        self.login(self.supervisor)
        r = self.client.get(self.url, {"id": [self.agency.pk, self.near.pk], "year": 2564})
        self.assertContains(r, '<div class="table-wrap cmp-wrap"')
        self.assertContains(r, ".cmp-wrap { position: relative; }")  # its hidden words stay inside it

    def test_it_checks_ownership(self):
        # an agency outside the supervisor's province: 404, as if it did not exist
        self.login(self.supervisor)
        self.assertEqual(self.client.get(self.url, {"id": [self.agency.pk, self.other.pk]}).status_code, 404)
        self.assertEqual(self.client.get(self.url, {"id": self.other.pk}).status_code, 404)
        self.assertEqual(self.client.get(self.url, {"id": 999999}).status_code, 404)
        self.assertEqual(self.client.post(self.url, {"id": self.other.pk}).status_code, 302)  # only a link
        for user in (self.owner, self.member, self.stranger):
            self.login(user)
            self.assertEqual(self.client.get(self.url, {"id": self.agency.pk}).status_code, 404)
        self.client.logout()
        self.assertNotEqual(self.client.get(self.url).status_code, 200)

    def test_the_system_administrator_compares_any(self):
        self.login(self.admin)
        r = self.client.get(self.url, {"id": [self.agency.pk, self.other.pk], "year": 2565})
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, self.other.name)
