"""Every date typed in the workspace accepts the Thai forms of design §5.3 and refuses an
impossible date with a Thai form error next to the field (never a server error)."""

from __future__ import annotations

from datetime import date

from django.test import SimpleTestCase

from prongsai.web.oit.models import OitCheck
from prongsai.web.plans.models import Measure, Plan, ProgressEntry
from prongsai.web.ui.forms import ThaiDateField, ThaiDateInput
from tests.web.base import BaseTestCase
from tests.web.test_measure_new import measure_data
from tests.web.test_measure_progress import entry_data
from tests.web.test_plan_approve import MEETING

HX = {"HTTP_HX_REQUEST": "true"}
FORMS_OF_8_DEC_2021 = ["8 ธันวาคม 2564", "๘ ธันวาคม ๒๕๖๔", "8 ธ.ค. 64", "๘ ธ.ค. ๖๔", "8 ธ.ค.64", "8/12/2564",
                       "8/12/64", "08-12-2564", "2564-12-08", "2021-12-08", "วันที่ 8 ธันวาคม พ.ศ. 2564",
                       " 8/12/2564 "]
IMPOSSIBLE = {"31 ก.พ. 2565": "ไม่มีวันที่ 31", "30/2/2565": "ไม่มีวันที่ 30", "1/13/2565": "ไม่มีเดือนที่ 13",
              "8/12/2800": "พ.ศ. 2800", "2565-02-30": "ไม่มีวันที่ 30", "เมื่อวาน": "ไม่ใช่รูปแบบวันที่",
              "8 December 2021": "ไม่ใช่รูปแบบวันที่", "x" * 5000: "ไม่ใช่รูปแบบวันที่"}


class ThaiDateFieldTestCase(SimpleTestCase):
    def test_it_reads_every_thai_form(self):
        field = ThaiDateField()
        for text in FORMS_OF_8_DEC_2021:
            self.assertEqual(field.clean(text), date(2021, 12, 8), text)
        self.assertEqual(field.clean(date(2021, 12, 8)), date(2021, 12, 8))
        self.assertIsNone(ThaiDateField(required=False).clean(""))
        self.assertIsNone(ThaiDateField(required=False).clean("   "))

    def test_it_says_what_is_wrong_in_thai(self):
        from django import forms

        field = ThaiDateField()
        for text, fragment in IMPOSSIBLE.items():
            with self.assertRaises(forms.ValidationError) as err:
                field.clean(text)
            message = err.exception.messages[0]
            self.assertIn("วันที่ไม่ถูกต้อง", message)
            self.assertIn(fragment, message)
            self.assertIn("31 มีนาคม 2567", message)  # the accepted forms
            self.assertNotIn("Error", message)
            self.assertLess(len(message), 300)  # a 5,000-character input is not echoed back
        with self.assertRaises(forms.ValidationError):
            field.clean("")  # required

    def test_the_box_shows_a_buddhist_date_and_allows_thai_letters(self):
        html = ThaiDateInput().render("d", date(2021, 12, 8))
        self.assertIn('value="8/12/2564"', html)
        self.assertNotIn('inputmode="numeric"', html)  # the month may be typed in Thai letters
        self.assertIn("31 มี.ค. 2567", html)


class DateFieldsInTheWorkspaceTestCase(BaseTestCase):
    def test_plan_approval_meeting_date(self):
        self.login(self.owner)
        url = self.a_url(f"plans/{self.plan.pk}/approve/")
        for text, fragment in IMPOSSIBLE.items():
            r = self.client.post(url, {**MEETING, "meeting_date": text})
            self.assertEqual(r.status_code, 200)
            self.assertContains(r, 'id="id_meeting_date_error"')
            self.assertContains(r, fragment)
        self.assertFalse(Plan.objects.get(pk=self.plan.pk).is_locked)
        r = self.client.post(url, {**MEETING, "meeting_date": "๘ ธ.ค. ๖๔"})
        self.assertEqual(r.status_code, 302)
        self.assertEqual(Plan.objects.get(pk=self.plan.pk).meeting_date, date(2021, 12, 8))

    def test_progress_as_of(self):
        self.login(self.member)
        url = self.a_url(f"tracking/{self.measure.pk}/")
        before = ProgressEntry.objects.count()
        r = self.client.post(url, entry_data(as_of="31 เม.ย. 2565", links=""))
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_as_of_error"')
        self.assertContains(r, "ไม่มีวันที่ 31")
        self.assertEqual(ProgressEntry.objects.count(), before)
        r = self.client.post(url, entry_data(as_of="31 มีนาคม 2565", links=""))
        self.assertEqual(r.status_code, 302)
        entry = ProgressEntry.objects.filter(agency=self.agency).order_by("-id").first()
        self.assertEqual(entry.as_of, date(2022, 3, 31))
        r = self.client.post(self.a_url(f"progress/{entry.pk}/edit/"), entry_data(as_of="๑๕ มี.ค. ๖๕", links=""))
        self.assertEqual(r.status_code, 302)
        entry.refresh_from_db()
        self.assertEqual(entry.as_of, date(2022, 3, 15))

    def test_measure_start_and_end(self):
        self.login(self.member)
        url = self.a_url(f"measures/{self.measure.pk}/edit/")
        r = self.client.post(url, measure_data(start="1 ก.พ. 2565", end="๓๑ ส.ค. ๖๕"), **HX)
        self.assertEqual(r.status_code, 200)
        self.assertNotContains(r, 'id="id_start_error"')
        m = Measure.objects.get(pk=self.measure.pk)
        self.assertEqual((m.start, m.end), (date(2022, 2, 1), date(2022, 8, 31)))
        r = self.client.post(url, measure_data(start="29 ก.พ. 2565"), **HX)  # 2022 is no leap year
        self.assertContains(r, 'id="id_start_error"')
        self.assertContains(r, "ไม่มีวันที่ 29")
        self.assertEqual(Measure.objects.get(pk=self.measure.pk).start, date(2022, 2, 1))

    def test_oit_checked_on(self):
        self.login(self.member)
        url = self.a_url("oit/2567/O1/")
        data = {"owner": self.finance.pk, "url": "https://www.ladya.go.th/structure", "status": "partial",
                "components": ["0"], "note": ""}
        r = self.client.post(url, {**data, "checked_on": "31 พ.ย. 2567"}, **HX)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, 'id="id_checked_on_error"')
        self.assertContains(r, "ไม่มีวันที่ 31")
        r = self.client.post(url, {**data, "checked_on": "1 พฤศจิกายน 2567"}, **HX)
        self.assertContains(r, "บันทึกแล้ว")
        self.assertEqual(OitCheck.objects.get(agency=self.agency, fiscal_year=2567, code="O1").checked_on,
                         date(2024, 11, 1))
