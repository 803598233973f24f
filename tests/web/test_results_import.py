"""The bulk import of many agencies' results: the page `/import/` (results_import) and the service
under it — a good file, bad rows, re-importing changes nothing, supervisors' scopes, 40,000 rows."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.results_table import read_table, write_rows
from prongsai.web.agencies.models import Agency, SupervisorScope, Unit
from prongsai.web.assessments.models import Result
from prongsai.web.audit.models import AuditEntry
from prongsai.web.audit.verify import verify_log
from prongsai.web.imports import services
from tests.web.base import BaseTestCase, make_user

HEADER = ["ชื่อหน่วยงาน", "ประเภทหน่วยงาน", "จังหวัด", "อำเภอ", "ปีงบประมาณ", *(f"ตัวชี้วัดที่ {n}" for n in range(1, 11))]
SCORES = [93.57, 84.05, 89.76, 84.87, 87.64, 80.93, 84.6, 81.0, 84.06, 37.5]
LADYA = "องค์การบริหารส่วนตำบลลาดหญ้า"


def row(name: str, year: int, province: str = "กาญจนบุรี", agency_type: str = "อบต.", district: str = "",
        scores: list[object] | None = None) -> list[object]:
    return [name, agency_type, province, district, year, *(scores or SCORES)]


def table_bytes(rows: list[list[object]], suffix: str = ".csv", header: list[str] = HEADER) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        return write_rows(Path(tmp) / f"t{suffix}", header, rows).read_bytes()


def upload(rows: list[list[object]], name: str = "ผลทั้งจังหวัด.csv", header: list[str] = HEADER) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, table_bytes(rows, Path(name).suffix, header), content_type="text/csv")


GOOD = [
    row("องค์การบริหารส่วนตำบลหนองบัว", 2566, district="ท่าม่วง"),
    row("องค์การบริหารส่วนตำบลหนองบัว", 2567, district="ท่าม่วง", scores=[90] * 10),
    row("เทศบาลตำบลท่าล้อ", 2567, agency_type="ทต."),
    row(LADYA, 2565),  # the world's agency A (กาญจนบุรี): a year it does not have yet
]


def import_table(user, rows, name="t.csv", apply=True):
    with tempfile.TemporaryDirectory() as tmp:
        table = read_table(write_rows(Path(tmp) / name, HEADER, rows))
    return services.run(table, user, name, apply=apply)


class ResultsImportTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.admin)
        r = self.client.get("/import/")
        self.assertContains(r, "นำเข้าผลการประเมินหลายหน่วยงาน")
        self.assertContains(r, "/import/template.xlsx")
        r = self.client.post("/import/", {"file": upload(GOOD)})
        self.assertContains(r, "ตรวจก่อนนำเข้า")
        self.assertContains(r, "องค์การบริหารส่วนตำบลหนองบัว")
        self.assertFalse(Agency.objects.filter(name="องค์การบริหารส่วนตำบลหนองบัว").exists())  # a preview
        token = r.context["kept"].token
        outcome = r.context["outcome"]
        self.assertEqual((outcome.agencies_created, outcome.results_added, outcome.results_changed), (2, 4, 0))
        r = self.client.post("/import/", {"pending": token, "action": "confirm"})
        self.assertContains(r, "ผลการนำเข้า")
        self.assertContains(r, "นำเข้าแล้ว")
        nongbua = Agency.objects.get(name="องค์การบริหารส่วนตำบลหนองบัว")
        self.assertEqual((nongbua.province, nongbua.district, nongbua.agency_type), ("กาญจนบุรี", "ท่าม่วง", "อบต."))
        self.assertEqual(sorted(nongbua.results.values_list("fiscal_year", flat=True)), [2566, 2567])
        self.assertTrue(Unit.objects.filter(agency=nongbua).exists())  # the type's standard units
        self.assertEqual(Agency.objects.get(name="เทศบาลตำบลท่าล้อ").agency_type, "เทศบาลตำบล")
        ladya = Result.objects.get(agency=self.agency, fiscal_year=2565)
        self.assertEqual((ladya.source, ladya.source_name, ladya.updated_by), (Result.FILE, "ผลทั้งจังหวัด.csv", self.admin))
        # the token is spent: a second click imports nothing more
        r = self.client.post("/import/", {"pending": token, "action": "confirm"})
        self.assertContains(r, "หมดอายุหรือถูกใช้ไปแล้ว")

    def test_it_checks_ownership(self):
        for user in (self.owner, self.member, self.stranger):
            self.login(user)
            self.assertEqual(self.client.get("/import/").status_code, 404)
            self.assertEqual(self.client.post("/import/", {"file": upload(GOOD)}).status_code, 404)
        self.assertFalse(Agency.objects.filter(name="องค์การบริหารส่วนตำบลหนองบัว").exists())
        # a token kept for one user is nobody else's
        self.login(self.admin)
        token = self.client.post("/import/", {"file": upload(GOOD)}).context["kept"].token
        other = make_user("province2")
        SupervisorScope.objects.create(user=other, province="กาญจนบุรี")
        self.login(other)
        r = self.client.post("/import/", {"pending": token, "action": "confirm"})
        self.assertContains(r, "หมดอายุหรือถูกใช้ไปแล้ว")
        self.assertFalse(Agency.objects.filter(name="องค์การบริหารส่วนตำบลหนองบัว").exists())

    def test_a_supervisor_imports_only_inside_their_scopes(self):
        self.login(self.supervisor)  # province กาญจนบุรี
        rows = [*GOOD, row("องค์การบริหารส่วนตำบลไค้งยาง", 2566, "นครราชสีมา")]
        r = self.client.post("/import/", {"file": upload(rows)})
        outcome = r.context["outcome"]
        self.assertEqual([x.row for x in outcome.refused], [6])
        self.assertIn("นอกขอบเขตการกำกับดูแลของท่าน", outcome.refused[0].message)
        self.assertContains(r, "นอกขอบเขตการกำกับดูแลของท่าน")
        r = self.client.post("/import/", {"pending": r.context["kept"].token, "action": "confirm"})
        self.assertEqual(r.context["outcome"].results_added, 4)
        self.assertFalse(Result.objects.filter(agency=self.other, fiscal_year=2566).exists())
        # a scope by agency type: a เทศบาลตำบล row of the same province is outside it
        typed = make_user("dla.obt")
        SupervisorScope.objects.create(user=typed, province="กาญจนบุรี", agency_type="อบต.")
        outcome = import_table(typed, [row("เทศบาลตำบลใหม่", 2567, agency_type="เทศบาลตำบล"),
                                       row("องค์การบริหารส่วนตำบลใหม่", 2567)])
        self.assertEqual([x.row for x in outcome.refused], [2])
        self.assertEqual(outcome.agencies_created, 1)
        # a district office: a row of another district is outside it ("อำเภอ" written or not)
        district = make_user("district.tm")
        SupervisorScope.objects.create(user=district, province="กาญจนบุรี", district="ท่าม่วง")
        outcome = import_table(district, [row("องค์การบริหารส่วนตำบลในอำเภอ", 2567, district="อำเภอท่าม่วง"),
                                          row("องค์การบริหารส่วนตำบลนอกอำเภอ", 2567, district="ท่ามะกา")])
        self.assertEqual([x.row for x in outcome.refused], [3])
        self.assertIn("อำเภอท่ามะกา", outcome.refused[0].message)
        self.assertEqual(Agency.objects.get(name="องค์การบริหารส่วนตำบลในอำเภอ").district, "ท่าม่วง")

    def test_bad_rows_are_refused_and_the_good_ones_imported(self):
        rows = [row("อบต.ดี", 2567), row("อบต.เกิน", 2567, scores=[101, *SCORES[1:]]), row("", 2567),
                row("อบต.ปีผิด", 2400), row("อบต.ซ้ำ", 2566), row("อบต.ซ้ำ", 2566)]
        self.login(self.admin)
        r = self.client.post("/import/", {"file": upload(rows)})
        self.assertContains(r, "แถวที่ไม่นำเข้า")
        self.assertContains(r, "คอลัมน์ &#39;ตัวชี้วัดที่ 1&#39;: คะแนน 101 อยู่นอกช่วง")
        outcome = r.context["outcome"]
        self.assertEqual([x.row for x in outcome.refused], [3, 4, 5, 6, 7])
        r = self.client.post("/import/", {"pending": r.context["kept"].token, "action": "confirm"})
        self.assertEqual(r.context["outcome"].results_added, 1)
        self.assertTrue(Agency.objects.filter(name="อบต.ดี").exists())
        self.assertFalse(Agency.objects.filter(name__in=["อบต.เกิน", "อบต.ปีผิด", "อบต.ซ้ำ"]).exists())

    def test_a_bad_file_is_one_thai_line_and_nothing_is_kept(self):
        self.login(self.admin)
        cases = [
            (upload(GOOD, header=[*HEADER[:-1], "หมายเหตุ"]), "ไม่รู้จักคอลัมน์ 'หมายเหตุ'"),
            (upload(GOOD, header=["ชื่อหน่วยงาน", "ปีงบประมาณ", "1"]), "ไม่พบคอลัมน์จังหวัด"),
            (SimpleUploadedFile("x.yaml", b"agency: x"), "ไม่รองรับไฟล์ชนิด '.yaml'"),
            (SimpleUploadedFile("x.csv", b""), "ไฟล์ว่าง"),
            (SimpleUploadedFile("x.xlsx", b"PK\x03\x04 broken"), "อ่านเป็นไฟล์ Excel (.xlsx) ไม่ได้"),
        ]
        for file, problem in cases:
            r = self.client.post("/import/", {"file": file})
            self.assertEqual(r.status_code, 200)
            self.assertIn(problem, " ".join(r.context["form"].errors["file"]))
        self.assertIn("เลือกไฟล์", " ".join(self.client.post("/import/", {}).context["form"].errors["file"]))
        with self.settings(UPLOAD_MAX_BYTES=100):
            r = self.client.post("/import/", {"file": upload(GOOD)})
            self.assertIn("ไฟล์ใหญ่เกิน", " ".join(r.context["form"].errors["file"]))

    def test_cancel_and_a_forged_token_write_nothing(self):
        self.login(self.admin)
        token = self.client.post("/import/", {"file": upload(GOOD)}).context["kept"].token
        r = self.client.post("/import/", {"pending": token, "action": "cancel"})
        self.assertRedirects(r, "/import/", fetch_redirect_response=False)
        r = self.client.post("/import/", {"pending": token, "action": "confirm"})
        self.assertContains(r, "หมดอายุหรือถูกใช้ไปแล้ว")
        r = self.client.post("/import/", {"pending": "../../etc/passwd", "action": "confirm"})
        self.assertContains(r, "หมดอายุหรือถูกใช้ไปแล้ว")
        self.assertFalse(Agency.objects.filter(name="องค์การบริหารส่วนตำบลหนองบัว").exists())

    def test_reimporting_changes_nothing_and_logs_nothing(self):
        first = import_table(self.admin, GOOD)
        self.assertEqual((first.agencies_created, first.results_added), (2, 4))
        entries = AuditEntry.objects.count()
        stamps = list(Result.objects.order_by("pk").values_list("pk", "updated_at"))
        again = import_table(self.admin, GOOD)
        self.assertEqual((again.agencies_created, again.results_added, again.results_changed, again.results_unchanged),
                         (0, 0, 0, 4))
        self.assertEqual(AuditEntry.objects.count(), entries)
        self.assertEqual(list(Result.objects.order_by("pk").values_list("pk", "updated_at")), stamps)
        # written differently (Thai digits, "จังหวัด", spaces) it is still the same
        same = [[f"  {r[0]} ", r[1], "จังหวัด" + r[2], r[3], str(r[4]), *r[5:]] for r in GOOD]
        self.assertEqual(import_table(self.admin, same).results_unchanged, 4)

    def test_a_changed_result_is_updated_and_its_old_values_kept_in_the_log(self):
        import_table(self.admin, GOOD)
        changed = [row("องค์การบริหารส่วนตำบลหนองบัว", 2567, district="ท่าม่วง", scores=[95] * 10)]
        outcome = import_table(self.admin, changed, name="แก้ไข.csv")
        self.assertEqual((outcome.results_changed, outcome.results_unchanged), (1, 0))
        nongbua = Agency.objects.get(name="องค์การบริหารส่วนตำบลหนองบัว")
        result = nongbua.results.get(fiscal_year=2567)
        self.assertEqual(result.indicators["1"], 95)
        entry = AuditEntry.objects.filter(agency=nongbua, action=AuditEntry.UPDATE).latest("seq")
        self.assertIn("แก้ไขผลปี 2567", entry.summary)
        self.assertEqual(entry.changes["ปี 2567 › ตัวชี้วัดที่ 1"], ["90.00", "95.00"])
        system = AuditEntry.objects.filter(agency=None, object_type="นำเข้าผลการประเมิน").latest("seq")
        self.assertIn("แก้ไข.csv", system.summary)
        self.assertIn("แก้ไข 1 รายการ", system.summary)

    def test_the_audit_log_has_one_entry_per_agency_created_or_changed_and_one_for_the_import(self):
        before = AuditEntry.objects.count()
        import_table(self.admin, GOOD)
        entries = list(AuditEntry.objects.order_by("seq")[before:])
        self.assertEqual({(e.agency.name if e.agency else "", e.action) for e in entries},
                         {("", "create"), (LADYA, "update"), ("องค์การบริหารส่วนตำบลหนองบัว", "create"),
                          ("เทศบาลตำบลท่าล้อ", "create")})
        self.assertEqual(len(entries), 4)
        ladya = next(e for e in entries if e.agency and e.agency.name == LADYA)
        self.assertIn("เพิ่มผลปี 2565", ladya.summary)
        self.assertIn("ผลการประเมินปี 2565", ladya.changes)
        system = next(e for e in entries if not e.agency)
        self.assertIn("องค์การบริหารส่วนตำบลหนองบัว (จ.กาญจนบุรี)", system.changes["หน่วยงานที่เพิ่มจากไฟล์นี้"][1])
        self.assertEqual(system.changes["หน่วยงานที่เพิ่ม"], ["", "2"])

    def test_each_new_agency_has_its_own_entry_and_the_chain_verifies(self):
        import_table(self.admin, GOOD)
        report = verify_log()
        self.assertTrue(report.intact, report.message())
        self.assertEqual(report.entries, AuditEntry.objects.count())
        nongbua = Agency.objects.get(name="องค์การบริหารส่วนตำบลหนองบัว")
        entry = AuditEntry.objects.get(agency=nongbua)
        self.assertIn("เพิ่มหน่วยงาน", entry.summary)
        self.assertIn("ผลการประเมินปี 2567", entry.changes)

    def test_two_agencies_of_one_name_in_one_province_are_not_guessed(self):
        Agency.objects.create(name=LADYA, province="กาญจนบุรี", agency_type="อบต.")
        outcome = import_table(self.admin, [row(LADYA, 2565), row(LADYA, 2565, province="ราชบุรี")])
        self.assertEqual([x.row for x in outcome.refused], [2])
        self.assertIn("มากกว่าหนึ่งแห่ง", outcome.refused[0].message)
        self.assertEqual(outcome.agencies_created, 1)  # the same name in another province is another agency

    def test_a_small_xlsx_imports(self):
        self.login(self.admin)
        file = SimpleUploadedFile("ผล.xlsx", table_bytes(GOOD, ".xlsx"))
        token = self.client.post("/import/", {"file": file}).context["kept"].token
        r = self.client.post("/import/", {"pending": token, "action": "confirm"})
        self.assertEqual(r.context["outcome"].results_added, 4)

    def test_40000_rows_import(self):
        """8,000 agencies × 5 years, the country's table, in one go (its time is benchmarks/web.py's
        to report; re-importing is tested on small files: it reads the same way and writes nothing)."""
        rng = random.Random(5)
        years = (2563, 2564, 2565, 2566, 2567)
        rows = [row(f"องค์การบริหารส่วนตำบลทดสอบ{n:05d}", y, f"จังหวัดทดสอบ{n % 77:02d}", district=f"อำเภอ{n % 900:03d}",
                    scores=[round(rng.uniform(40, 100), 2) for _ in range(10)])
                for n in range(8000) for y in years]
        with tempfile.TemporaryDirectory() as tmp:
            path = write_rows(Path(tmp) / "country.csv", HEADER, rows)
            outcome = services.run(read_table(path), None, "country.csv", apply=True)
        self.assertEqual((outcome.rows, outcome.agencies_created, outcome.results_added, len(outcome.refused)),
                         (40_000, 8000, 40_000, 0))
        self.assertEqual(Result.objects.filter(agency__name__startswith="องค์การบริหารส่วนตำบลทดสอบ").count(), 40_000)
        self.assertEqual(AuditEntry.objects.filter(agency__name__startswith="องค์การบริหารส่วนตำบลทดสอบ").count(), 8000)


class ImportNeverDeletesAStoredScoreTestCase(BaseTestCase):
    """An import may change a stored result's scores, never blank them (a partial row for a full
    result used to replace it: the other indicators and the total vanished)."""

    def test_a_partial_row_for_a_stored_result_is_refused_and_the_result_kept(self):
        stored = Result.objects.get(agency=self.agency, fiscal_year=2564)  # 10 indicators, 17 items, total
        before = (dict(stored.indicators), dict(stored.items), stored.published_total, stored.total, stored.level)
        entries = AuditEntry.objects.filter(agency=self.agency).count()
        partial = row(LADYA, 2564, scores=[95, *[""] * 9])
        outcome = import_table(self.admin, [partial, row("อบต.ใหม่", 2569, scores=[95, *[""] * 9])])
        self.assertEqual([x.row for x in outcome.refused], [2])
        message = outcome.refused[0].message
        self.assertIn(f"ผลการประเมินปี 2564 ของ{LADYA} จังหวัดกาญจนบุรี ที่บันทึกไว้มีคะแนนตัวชี้วัดที่ 2–10", message)
        self.assertIn("ข้อ O1–O2, O13, O15–O19, O23, O29–O31, O33, O38, O41–O43 และคะแนนรวม แต่แถวนี้เว้นว่าง", message)
        self.assertIn("ระบบจะไม่ลบคะแนนที่บันทึกไว้ (ที่ถูกต้อง: กรอกคะแนนให้ครบทุกคอลัมน์ที่มีอยู่เดิม "
                      "หรือแก้ไขผลที่หน้าผลการประเมินของหน่วยงาน)", message)
        stored.refresh_from_db()
        self.assertEqual((stored.indicators, stored.items, stored.published_total, stored.total, stored.level), before)
        self.assertEqual(AuditEntry.objects.filter(agency=self.agency).count(), entries)
        # a new result may be as incomplete as the file has it
        self.assertEqual(outcome.results_added, 1)
        self.assertEqual(Result.objects.get(agency__name="อบต.ใหม่").indicators, {"1": 95.0})

    def test_changing_values_and_filling_blanks_is_allowed_blanking_any_one_is_not(self):
        header = [*HEADER, "IIT", "EIT", "OIT"]
        full = [*row("อบต.เดิม", 2568, scores=[80] * 10), 70, 75, 60]
        with tempfile.TemporaryDirectory() as tmp:
            def run(rows):
                return services.run(read_table(write_rows(Path(tmp) / "t.csv", header, rows)), self.admin, "t.csv",
                                    apply=True)

            self.assertEqual(run([full]).results_added, 1)
            no_eit = [*full[:-3], 70, "", 60]
            no_3_5_6 = [*full[:7], "", full[8], "", "", *full[11:]]
            outcome = run([no_eit])
            self.assertEqual(outcome.results_changed, 0)
            self.assertIn("ที่บันทึกไว้มีคะแนนEIT แต่แถวนี้เว้นว่าง", outcome.refused[0].message)
            outcome = run([no_3_5_6])
            self.assertIn("มีคะแนนตัวชี้วัดที่ 3, 5–6 แต่แถวนี้เว้นว่าง", outcome.refused[0].message)
            stored = Result.objects.get(agency__name="อบต.เดิม")
            self.assertEqual((len(stored.indicators), stored.instruments["EIT"]), (10, 75))
            changed = [*row("อบต.เดิม", 2568, scores=[85] * 10), 70, 75, 65]
            outcome = run([changed])
            self.assertEqual((outcome.refused, outcome.results_changed), ([], 1))
            stored.refresh_from_db()
            self.assertEqual((stored.indicators["1"], stored.instruments["OIT"]), (85, 65))
            # a score the stored result lacks may be filled in: nothing is blanked
            self.assertEqual(import_table(self.admin, [row("อบต.เดิม", 2567, scores=[80] * 10)]).results_added, 1)
            outcome = run([[*row("อบต.เดิม", 2567, scores=[80] * 10), 70, 75, 60]])
            self.assertEqual((outcome.refused, outcome.results_changed), ([], 1))
            self.assertEqual(outcome.changes[0].differences,
                             (("IIT", "–", "70.00"), ("EIT", "–", "75.00"), ("OIT", "–", "60.00")))


class ImportPreviewTestCase(BaseTestCase):
    def test_the_preview_shows_the_totals_to_add_and_what_changes(self):
        import_table(self.admin, GOOD)
        rows = [row("องค์การบริหารส่วนตำบลหนองบัว", 2567, district="ท่าม่วง", scores=[95, 90, 90, 80, *[90] * 6]),
                row("อบต.ใหม่", 2569, scores=[90] * 10)]
        self.login(self.admin)
        r = self.client.post("/import/", {"file": upload(rows)})
        outcome = r.context["outcome"]
        [added] = outcome.additions
        self.assertEqual((added.row, added.agency, added.fiscal_year, added.before, added.after, added.agency_pk),
                         (3, "อบต.ใหม่", 2569, None, 90.0, None))
        self.assertEqual(added.filled, "ตัวชี้วัด 10 ตัว")
        [change] = outcome.changes
        self.assertEqual((change.row, change.before), (2, 90.0))
        self.assertEqual(change.differences, (("ตัวชี้วัดที่ 1", "90.00", "95.00"), ("ตัวชี้วัดที่ 4", "90.00", "80.00")))
        nongbua = Agency.objects.get(name="องค์การบริหารส่วนตำบลหนองบัว")
        self.assertEqual(change.agency_pk, nongbua.pk)
        html = r.content.decode()
        self.assertIn("ผลการประเมินที่จะเพิ่ม", html)
        self.assertIn("ผลการประเมินที่จะแก้ไข", html)
        self.assertIn("ตัวชี้วัดที่ 1: 90.00 → <strong>95.00</strong>", html)
        self.assertIn(f"{change.before:.2f} → <strong>{change.after:.2f}</strong>", html)
        self.assertEqual(html.count('value="confirm"'), 2)  # above and below the lists
        # the summary links each new or changed agency to its dashboard
        r = self.client.post("/import/", {"pending": r.context["kept"].token, "action": "confirm"})
        new = Agency.objects.get(name="อบต.ใหม่")
        self.assertEqual(r.context["outcome"].additions[0].agency_pk, new.pk)
        self.assertContains(r, f'href="/a/{new.pk}/"')
        self.assertContains(r, f'href="/a/{nongbua.pk}/"')

    def test_the_preview_lists_the_first_rows_in_file_order(self):
        rows = [row(f"อบต.ทดสอบ{n:03d}", 2567, scores=[50 + n % 50] * 10) for n in range(services.SHOWN + 20)]
        outcome = import_table(self.admin, [row(LADYA, 2565), *rows], apply=False)
        self.assertEqual(len(outcome.additions), services.SHOWN)
        self.assertEqual([a.row for a in outcome.additions], list(range(2, services.SHOWN + 2)))
        self.assertEqual(outcome.additions[0].agency, LADYA)  # an existing agency's new year, in its row's place
        self.assertEqual(outcome.additions[1].after, 50.0)
