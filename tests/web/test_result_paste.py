from prongsai.web.assessments.forms import parse_column
from prongsai.web.assessments.models import Result
from tests.web.base import BaseTestCase

COLUMN = "93.57\n84.05\n89.76\n84.87\n87.64\n80.93\n84.60\n81.00\n84.06\n37.50\n"


class ResultPasteTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.member)
        thai = "๙๓.๕๗\r\n๘๔.๐๕\r\n๘๙.๗๖\r\n๘๔.๘๗\r\n๘๗.๖๔\r\n๘๐.๙๓\r\n๘๔.๖๐\r\n๘๑.๐๐\r\n๘๔.๐๖\r\n๓๗.๕๐\r\n"
        r = self.client.post(self.a_url("results/paste/"), {"fiscal_year": 2565, "column": thai})
        self.assertRedirects(r, self.a_url("analysis/2565/"), fetch_redirect_response=False)
        self.assertEqual(Result.objects.get(agency=self.agency, fiscal_year=2565).total, 75.36)

    def test_two_columns_and_a_row_are_understood(self):
        self.assertEqual(parse_column("การปฏิบัติหน้าที่\t93.57\nการใช้งบประมาณ\t84.05", 2), [93.57, 84.05])
        self.assertEqual(parse_column("93.57\t84.05\t89.76", 3), [93.57, 84.05, 89.76])

    def test_it_rejects_bad_input(self):
        self.login(self.member)
        cases = [("93.57\n84.05", "วางมา 2 ค่า"), ("93.57\nabc\n" + COLUMN, "บรรทัดที่ 2"),
                 (COLUMN.replace("37.50", "137.5"), "อยู่นอกช่วง"), ("", "")]
        for column, message in cases:
            r = self.client.post(self.a_url("results/paste/"), {"fiscal_year": 2565, "column": column})
            self.assertEqual(r.status_code, 200)
            self.assertContains(r, 'id="id_column_error"')
            self.assertContains(r, message)
        r = self.client.post(self.a_url("results/paste/"), {"fiscal_year": 2400, "column": COLUMN})
        self.assertContains(r, 'id="id_fiscal_year_error"')
        self.assertFalse(Result.objects.filter(agency=self.agency, fiscal_year=2565).exists())

    def test_an_existing_year_needs_replace(self):
        self.login(self.member)
        changed = COLUMN.replace("37.50", "50")
        r = self.client.post(self.a_url("results/paste/"), {"fiscal_year": 2564, "column": changed})
        self.assertContains(r, 'id="id_replace_error"')
        self.assertEqual(Result.objects.get(agency=self.agency, fiscal_year=2564).indicators["10"], 37.5)
        self.client.post(self.a_url("results/paste/"), {"fiscal_year": 2564, "column": changed, "replace": "on"})
        self.assertEqual(Result.objects.get(agency=self.agency, fiscal_year=2564).indicators["10"], 50.0)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        r = self.client.post(self.a_url("results/paste/"), {"fiscal_year": 2565, "column": COLUMN})
        self.assertEqual(r.status_code, 404)
