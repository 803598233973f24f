from tests.web.base import BaseTestCase


class SuperviseTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.supervisor)
        r = self.client.get("/supervise/")
        self.assertContains(r, "ภาพรวมการกำกับดูแล")
        self.assertContains(r, self.agency.name)  # 75.36 is below the pass mark
        self.assertContains(r, "O13")  # a commonly failed OIT item
        self.assertNotContains(r, self.other.name)

    def test_it_takes_a_year_and_a_filter(self):
        self.login(self.admin)
        r = self.client.get("/supervise/", {"year": 2565, "show": "all"})
        self.assertContains(r, self.other.name)
        self.assertEqual(self.client.get("/supervise/", {"year": "abc"}).status_code, 404)
        self.assertEqual(self.client.get("/supervise/", {"year": 2500}).status_code, 404)

    def test_it_rejects_post(self):
        self.login(self.supervisor)
        self.assertEqual(self.client.post("/supervise/").status_code, 405)

    def test_it_checks_ownership(self):
        for user in (self.owner, self.member):
            self.login(user)
            self.assertEqual(self.client.get("/supervise/").status_code, 404)

    def test_a_draft_revision_does_not_hide_the_approved_plan(self):
        """Like the agency's tracking page, the overview follows the approved version while a
        revision of it is being drafted."""
        from prongsai.web.plans import services
        from prongsai.web.plans.models import Plan
        from tests.web.test_plan_approve import MEETING

        self.login(self.owner)
        self.client.post(self.a_url(f"plans/{self.plan.pk}/approve/"), MEETING)
        services.new_version(self.owner, Plan.objects.get(pk=self.plan.pk))
        self.login(self.supervisor)
        r = self.client.get("/supervise/", {"year": self.plan.based_on_year})
        self.assertEqual({key: n for key, _, n, _ in r.context["plans"]}, {"approved": 1, "draft": 0, "none": 0})
        row = next(row for row in r.context["rows"] if row["agency_id"] == self.agency.pk)
        self.assertEqual((row["plan_id"], row["plan_status"]), (self.plan.pk, "approved"))

    def test_a_page_reads_the_supervisors_scopes_once(self):
        """The menu, the access check and the page all ask whether the user supervises; the scopes
        are read once per request (they were read three times on the home page)."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.login(self.supervisor)
        for url in ("/", self.a_url(""), "/supervise/"):
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            scope_reads = [q for q in queries.captured_queries
                           if "agencies_supervisorscope" in q["sql"] and "auth_user" not in q["sql"]]
            self.assertEqual(len(scope_reads), 1, url)

    def test_a_members_page_spends_no_query_on_scopes(self):
        """Reading the signed-in account also tells that it supervises nothing (account_backend)."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.login(self.member)
        for url in (self.a_url(""), self.a_url("results/")):
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200)
            scope_reads = [q for q in queries.captured_queries
                           if "agencies_supervisorscope" in q["sql"] and "auth_user" not in q["sql"]]
            self.assertEqual(scope_reads, [], url)


class FiguresWorld(BaseTestCase):
    """A world of a few agencies with results of one year."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        from prongsai.ita.results import ItemResult, YearResult
        from prongsai.web.agencies.models import Agency
        from prongsai.web.assessments.models import Result

        cls.extra = []
        for n, (province, district, kind, base) in enumerate([
                ("กาญจนบุรี", "ท่าม่วง", "อบต.", 70.0), ("กาญจนบุรี", "ท่าม่วง", "เทศบาลตำบล", 90.0),
                ("กาญจนบุรี", "เมืองกาญจนบุรี", "อบต.", 96.0), ("ราชบุรี", "บ้านโป่ง", "อบต.", 80.0)]):
            agency = Agency.objects.create(name=f"หน่วยงานทดสอบ{n}", province=province, district=district,
                                           agency_type=kind)
            indicators = {no: base + (5 if no == 1 else 0) for no in range(1, 11)}
            items = {"O12": ItemResult("O12", 0.0, "ขาดองค์ประกอบ"), "I3": ItemResult("I3", 70.0)} if base < 95 else {}
            row = Result(agency=agency, fiscal_year=2564, source=Result.FILE)
            row.set_year_result(YearResult(2564, indicators=indicators, items=items))
            row.save()
            cls.extra.append(agency)

    def setUp(self) -> None:
        super().setUp()
        from django.core.cache import cache
        from django.db import connection

        cache.clear()
        # The world's writes left a version bump waiting for a commit that never comes in a
        # TestCase: forget it, so the test's own writes (with captureOnCommitCallbacks) bump.
        connection._supervision_bump = None

    def get(self, **params):
        self.login(self.admin)
        r = self.client.get("/supervise/", {"year": 2564, **params})
        self.assertEqual(r.status_code, 200)
        return r


class SuperviseFiguresTestCase(FiguresWorld):
    """The pictures, the filters, the drill-down links and the exports."""

    def test_the_pictures_are_inline_svg_with_links(self):
        r = self.get()
        html = r.content.decode()
        self.assertGreaterEqual(html.count("<svg"), 4)
        self.assertIn('role="img"', html)
        self.assertIn("เกณฑ์ 85", html)  # the pass-mark line of the indicator chart
        self.assertIn("level=B", html)  # a level's bar links to the agencies of that level
        self.assertIn("indicator=10", html)
        self.assertIn("item=O12", html)
        self.assertIn("item=I3", html)
        means = {s["no"]: s["mean"] for s in r.context["indicators"]}
        self.assertAlmostEqual(means[10], (37.50 + 70 + 90 + 96 + 80) / 5, places=2)
        weak = {code: n for code, _, n, _ in r.context["weak_items"]}
        failed = {code: n for code, _, n, _ in r.context["failed_items"]}
        self.assertEqual(weak, {"I3": 3})
        self.assertEqual(failed["O12"], 3)
        self.assertEqual(failed["O13"], 1)  # ลาดหญ้า's own failed items

    def test_the_filters_narrow_the_figures(self):
        r = self.get(province="กาญจนบุรี", show="all")
        names = {row["name"] for row in r.context["rows"]}
        self.assertEqual(names, {self.agency.name, "หน่วยงานทดสอบ0", "หน่วยงานทดสอบ1", "หน่วยงานทดสอบ2"})
        self.assertEqual(r.context["districts"], ["ท่าม่วง", "เมืองกาญจนบุรี"])
        r = self.get(province="กาญจนบุรี", district="ท่าม่วง", type="อบต.", show="all")
        self.assertEqual([row["name"] for row in r.context["rows"]], ["หน่วยงานทดสอบ0"])
        self.assertEqual(r.context["with_result"], 1)
        # a district of another province (the province was changed): the whole province
        r = self.get(province="ราชบุรี", district="ท่าม่วง", show="all")
        self.assertEqual([row["name"] for row in r.context["rows"]], ["หน่วยงานทดสอบ3"])
        self.assertEqual(r.context["notes"], [])

    def test_an_unknown_filter_value_is_said_in_thai(self):
        r = self.get(province="ไม่มีจังหวัดนี้", level="Z", indicator="99", item="X1", plan="maybe", show="x")
        notes = " ".join(r.context["notes"])
        for text in ("ไม่มีจังหวัด", "ไม่มีระดับ", "ไม่มีตัวชี้วัดที่", "ไม่มีข้อ", "สถานะแผน", "การแสดง"):
            self.assertIn(text, notes)
        self.assertEqual(r.context["province"], "")

    def test_the_drill_down_lists(self):
        r = self.get(level="B")
        self.assertEqual({row["name"] for row in r.context["rows"]}, {self.agency.name, "หน่วยงานทดสอบ3"})
        r = self.get(indicator="10")  # below 85 on indicator 10
        self.assertEqual({row["name"] for row in r.context["rows"]},
                         {self.agency.name, "หน่วยงานทดสอบ0", "หน่วยงานทดสอบ3"})
        r = self.get(item="O12")
        self.assertEqual({row["name"] for row in r.context["rows"]},
                         {"หน่วยงานทดสอบ0", "หน่วยงานทดสอบ1", "หน่วยงานทดสอบ3"})
        r = self.get(plan="none")
        self.assertNotIn(self.agency.name, {row["name"] for row in r.context["rows"]})  # it has a draft
        r = self.get(plan="draft")
        self.assertEqual([row["name"] for row in r.context["rows"]], [self.agency.name])

    def test_the_table_is_sorted_by_total_and_drills_down_to_the_analysis(self):
        r = self.get(show="all")
        totals = [row["total"] for row in r.context["rows"]]
        self.assertEqual(totals, sorted(totals))
        self.assertContains(r, f"/a/{self.extra[0].pk}/analysis/2564/")
        self.assertContains(r, 'name="id"')
        self.assertContains(r, "csrfmiddlewaretoken")

    def test_the_exports_give_every_filtered_row(self):
        import io

        import openpyxl

        from prongsai.web.supervision import views

        self.login(self.admin)
        with self.settings():
            old = views.PAGE_SIZE
            views.PAGE_SIZE = 2
            try:
                r = self.client.get("/supervise/", {"year": 2564, "show": "all", "format": "csv"})
            finally:
                views.PAGE_SIZE = old
        self.assertEqual(r.status_code, 200)
        text = r.content.decode("utf-8-sig")
        self.assertIn("หน่วยงาน,ประเภทหน่วยงาน", text.splitlines()[0])
        self.assertEqual(len(text.strip().splitlines()), 1 + 5)  # all 5 agencies, not one page of 2
        self.assertIn("หน่วยงานทดสอบ3", text)
        r = self.client.get("/supervise/", {"year": 2564, "province": "ราชบุรี", "show": "all", "format": "xlsx"})
        sheet = openpyxl.load_workbook(io.BytesIO(r.content)).active
        values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
        self.assertIn("หน่วยงานทดสอบ3", values)
        self.assertNotIn("หน่วยงานทดสอบ0", values)
        from prongsai.web.audit.models import AuditEntry

        self.assertTrue(AuditEntry.objects.filter(agency=None, action=AuditEntry.DOWNLOAD).exists())

    def test_a_change_shows_at_once(self):
        """The figures are cached under a data version read from the database: a new result, an
        edited one and a renamed agency all show on the next request."""
        from prongsai.web.assessments.models import Result

        r = self.get(show="all")
        self.assertEqual(r.context["with_result"], 6 - 1)  # ไค้งยาง's result is of 2565
        result = Result.objects.get(agency=self.extra[3])
        result.total, result.level = 99.0, "AA"
        with self.captureOnCommitCallbacks(execute=True):  # the version is bumped once committed
            result.save()
        r = self.get(show="all")
        self.assertEqual(next(x for x in r.context["rows"] if x["agency_id"] == self.extra[3].pk)["total"], 99.0)
        self.extra[2].name = "ชื่อใหม่ของหน่วยงาน"
        with self.captureOnCommitCallbacks(execute=True):
            self.extra[2].save()
        self.assertContains(self.get(show="all"), "ชื่อใหม่ของหน่วยงาน")
        with self.captureOnCommitCallbacks(execute=True):
            result.delete()
        self.assertEqual(self.get(show="all").context["with_result"], 4)

    def test_oit_readiness_and_plan_progress(self):
        from django.utils import timezone

        from prongsai.web.oit.models import OitCheck, OitRun
        from prongsai.web.plans.models import ProgressEntry

        OitCheck.objects.create(agency=self.agency, fiscal_year=2565, code="O1", status=OitCheck.DONE)
        OitCheck.objects.create(agency=self.agency, fiscal_year=2565, code="O2", status=OitCheck.MISSING)
        OitRun.objects.create(agency=self.agency, fiscal_year=2565, state=OitRun.DONE, finished_at=timezone.now(),
                              report={"summary": {"ok": 3, "stale": 1, "missing": 2}})
        r = self.get(show="all")
        self.assertEqual(r.context["oit_year"], 2565)
        self.assertEqual(r.context["oit"]["checklist_agencies"], 1)
        self.assertEqual(r.context["oit"]["runs"]["ok"], 3)
        row = next(x for x in r.context["rows"] if x["agency_id"] == self.agency.pk)
        self.assertEqual((row["oit_done"], row["run_ok"], row["run_total"]), (1, 3, 6))
        self.assertIn("ตรวจอัตโนมัติผ่าน 3/6 ข้อ", row["readiness"])
        self.assertEqual(row["measures"], self.plan.measures.count())
        self.assertEqual(row["done"], 0)
        ProgressEntry.objects.create(agency=self.agency, measure=self.measure, lineage=self.measure.lineage,
                                     status="done")
        r = self.get(show="all")
        row = next(x for x in r.context["rows"] if x["agency_id"] == self.agency.pk)
        self.assertEqual(row["done"], 1)

    def test_a_supervisor_sees_only_the_scope(self):
        self.login(self.supervisor)
        r = self.client.get("/supervise/", {"year": 2564, "show": "all"})
        names = {row["name"] for row in r.context["rows"]}
        self.assertNotIn("หน่วยงานทดสอบ3", names)  # ราชบุรี
        self.assertEqual(r.context["options"]["provinces"], ["กาญจนบุรี"])
        r = self.client.get("/supervise/", {"year": 2564, "province": "ราชบุรี", "show": "all"})
        self.assertNotIn("หน่วยงานทดสอบ3", {row["name"] for row in r.context["rows"]})
        self.assertIn("ไม่มีจังหวัด", " ".join(r.context["notes"]))
        r = self.client.get("/supervise/", {"year": 2564, "show": "all", "format": "csv"})
        self.assertNotIn("หน่วยงานทดสอบ3", r.content.decode("utf-8-sig"))


class SuperviseUsabilityTestCase(FiguresWorld):
    """What a usability test of the overview found: the OIT card and the table's column count the
    same agencies the same way as the checklist; agencies without a result can be listed; the
    export carries the indicators; the wording is true for the user."""

    def test_the_oit_card_counts_unsaved_items_and_agrees_with_the_table(self):
        from prongsai.web.oit.models import OitCheck
        from prongsai.web.supervision import overview

        codes = overview.oit_codes(2565)
        OitCheck.objects.create(agency=self.agency, fiscal_year=2565, code=codes[0], status=OitCheck.DONE)
        OitCheck.objects.create(agency=self.agency, fiscal_year=2565, code=codes[1], status=OitCheck.PARTIAL)
        OitCheck.objects.create(agency=self.agency, fiscal_year=2565, code=codes[2], status=OitCheck.TODO)
        # ไค้งยาง has no result of 2564: outside the overview's agencies, its checks are not counted
        OitCheck.objects.create(agency=self.other, fiscal_year=2565, code=codes[0], status=OitCheck.DONE)
        r = self.get(show="all")
        oit = r.context["oit"]
        items, agencies = len(codes), r.context["with_result"]
        self.assertEqual((oit["agencies"], oit["items"], oit["checklist_agencies"]), (agencies, items, 1))
        self.assertEqual(oit["checks"], {"done": 1, "partial": 1, "todo": agencies * items - 2})
        self.assertEqual(sum(oit["checks"].values()), r.context["oit_slots"])
        rows = r.context["rows"]
        self.assertEqual(sum(x["oit_todo"] for x in rows), oit["checks"]["todo"])  # the card = the column
        self.assertEqual(sum(x["oit_done"] for x in rows), oit["checks"]["done"])
        mine = next(x for x in rows if x["agency_id"] == self.agency.pk)
        self.assertEqual((mine["oit_done"], mine["oit_todo"]), (1, items - 2))
        self.assertEqual(mine["readiness"], f"รายการตรวจครบ 1/{items} ข้อ (ยังไม่ตรวจ {items - 2} ข้อ)")
        untouched = next(x for x in rows if x["agency_id"] == self.extra[0].pk)
        self.assertIn(f"ยังไม่ตรวจ {items} ข้อ", untouched["readiness"])  # no saved check: every item
        self.assertContains(r, "ความพร้อม OIT ปี 2565")
        self.assertContains(r, "รายการตรวจ OIT ปี 2565 (ปีที่หน่วยงานเตรียมต่อจากผลการประเมินปี 2564)")

    def test_the_agencies_without_a_result_of_the_year(self):
        import csv
        import io

        r = self.get()
        self.assertEqual((r.context["missing"], r.context["in_filter"]), (1, 6))  # ไค้งยาง: only 2565
        self.assertContains(r, "ยังไม่บันทึกผลปี 2564: 1 แห่ง")
        self.assertContains(r, "show=missing")
        r = self.get(show="missing", indicator="3")  # a result's filter does not apply to this list
        self.assertEqual([x["name"] for x in r.context["missing_rows"]], [self.other.name])
        self.assertEqual(r.context["missing_rows"][0]["latest"], 2565)
        self.assertContains(r, f"/a/{self.other.pk}/analysis/2565/")
        self.assertContains(r, f'href="/a/{self.other.pk}/"')
        self.assertEqual(r.context["notes"], [])
        r = self.get(show="missing", province="กาญจนบุรี")  # the place filter applies
        self.assertEqual(r.context["missing_rows"], [])
        self.assertContains(r, "ทุกหน่วยงานในรายการนี้บันทึกผลปี 2564 แล้ว")
        r = self.get(show="missing", format="csv")
        rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
        self.assertEqual(rows[0], ["หน่วยงาน", "ประเภทหน่วยงาน", "อำเภอ", "จังหวัด", "ปีล่าสุดที่บันทึกผลการประเมิน"])
        self.assertEqual([row[0] for row in rows[1:]], [self.other.name])
        self.assertEqual(rows[1][-1], "2565")
        r = self.get(show="missing", format="xlsx")
        self.assertTrue(r.content.startswith(b"PK"))
        # a supervisor lists only the scope's (ไค้งยาง is of another province)
        self.login(self.supervisor)
        r = self.client.get("/supervise/", {"year": 2564, "show": "missing"})
        self.assertNotIn(self.other.name, [x["name"] for x in r.context["missing_rows"]])
        r = self.client.get("/supervise/", {"year": 2564, "show": "missing", "format": "csv"})
        self.assertNotIn(self.other.name, r.content.decode("utf-8-sig"))

    def test_the_export_has_the_indicators_one_title_and_a_whole_sheet_name(self):
        import csv
        import io

        import openpyxl

        r = self.get(show="all", format="csv")
        rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
        self.assertEqual(rows[0][-10], "ตัวชี้วัดที่ 1 การปฏิบัติหน้าที่")
        self.assertTrue(rows[0][-1].startswith("ตัวชี้วัดที่ 10 "))
        test0 = next(row for row in rows if row[0] == "หน่วยงานทดสอบ0")
        self.assertEqual(test0[-10:], ["75.00", *["70.00"] * 9])  # 2 decimals, as the page
        book = openpyxl.load_workbook(io.BytesIO(self.get(show="all", format="xlsx").content))
        self.assertEqual(book.active.title, "ภาพรวม 2564")
        values = [c for row in book.active.iter_rows(values_only=True) for c in row if isinstance(c, str)]
        self.assertEqual(sum("ผลการประเมินปี 2564" in v for v in values), 1)
        self.assertIn("ตัวชี้วัดที่ 10 การป้องกันการทุจริต", values)

    def test_one_rounding_on_the_chart_and_in_the_table(self):
        from prongsai.web.ui.template_filters import score

        r = self.get()
        html = r.content.decode()
        for s in r.context["indicators"]:
            self.assertIn(f">{score(s['mean'])}</text>", html)  # as the table next to it writes it

    def test_the_wording_is_true_for_the_user(self):
        r = self.get()  # the system administrator
        self.assertNotContains(r, "ดูข้อมูลได้อย่างเดียว")
        self.login(self.supervisor)
        r = self.client.get("/supervise/", {"year": 2564})
        self.assertContains(r, "ดูข้อมูลได้อย่างเดียว ยกเว้นการนำเข้าผลการประเมินของหน่วยงานในขอบเขต")
        self.assertContains(r, "นำเข้าผลหลายหน่วยงาน")

    def test_a_wrong_choice_goes_back_with_the_ticks(self):
        from urllib.parse import parse_qs, urlsplit

        from prongsai.web.supervision import batch

        self.login(self.admin)
        back = "year=2564&show=all&province=%E0%B8%81%E0%B8%B2%E0%B8%8D%E0%B8%88%E0%B8%99%E0%B8%9A%E0%B8%B8%E0%B8%A3%E0%B8%B5"
        ids = [a.pk for a in self.extra[:3]] + [self.agency.pk, 10**6, 10**6 + 1, 10**6 + 2]
        for sent, problem in (([], "none"), (ids, "compare_many")):
            r = self.client.post("/supervise/compare/", {"id": sent, "year": 2564, "back": back})
            self.assertEqual(r.status_code, 302)
            url = urlsplit(r["Location"])
            query = parse_qs(url.query)
            self.assertEqual(url.path, "/supervise/")
            self.assertEqual(query["problem"], [problem])
            self.assertEqual(query.get("pick", []), [str(i) for i in sent])
            self.assertEqual((query["show"], query["province"]), (["all"], ["กาญจนบุรี"]))
        r = self.client.get(r["Location"])
        self.assertContains(r, "เปรียบเทียบได้ครั้งละไม่เกิน 6 แห่ง (เลือกไว้ 7 แห่ง)")
        for agency in self.extra[:3]:
            self.assertContains(r, f'id="pick-{agency.pk}" aria-label="เลือก {agency.name}" checked')
        self.assertNotIn("pick=", r.context["back"])  # the next wrong choice does not add to these
        many = [str(n) for n in range(1, batch.MAX_AGENCIES + 2)]
        r = self.client.post("/supervise/documents/", {"id": many, "year": 2564, "kind": "analysis", "back": back})
        self.assertEqual(parse_qs(urlsplit(r["Location"]).query)["problem"], ["documents_many"])
        r = self.client.get("/supervise/", {"year": 2564, "pick": "1", "problem": "nonsense"})
        self.assertEqual(r.context["compare_problem"], "")


class DistrictScopeCacheTestCase(BaseTestCase):
    """The overview's cached figures are keyed by everything a scope matches on: a district
    office must not be shown the figures its province's office was computed."""

    def test_a_district_scope_does_not_get_the_province_figures(self):
        from prongsai.web.agencies.models import Agency, SupervisorScope
        from prongsai.web.assessments.models import Result
        from tests.web.base import make_user

        near = Agency.objects.create(name="องค์การบริหารส่วนตำบลอีกอำเภอ", province=self.agency.province,
                                     district="อำเภออื่น", agency_type=self.agency.agency_type)
        result = Result.objects.filter(agency=self.agency).order_by("-fiscal_year").first()
        result.pk, result.agency = None, near
        result.save()
        province_office, district_office = make_user("province.office"), make_user("district.office")
        SupervisorScope.objects.create(user=province_office, province=self.agency.province)
        SupervisorScope.objects.create(user=district_office, province=self.agency.province, district="อำเภออื่น")
        self.login(province_office)
        wide = self.client.get("/supervise/", {"show": "all"})
        self.login(district_office)
        narrow = self.client.get("/supervise/", {"show": "all"})
        self.assertEqual(narrow.status_code, 200)
        self.assertLess(narrow.context["scope_count"], wide.context["scope_count"])
        self.assertEqual(narrow.context["listed"], 1)
        self.assertContains(narrow, near.name)
        self.assertNotContains(narrow, self.agency.name)
