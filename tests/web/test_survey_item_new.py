"""Adding an item to a survey: a section of the template and a one-line wording; editors and
admins; audited; refused in Thai when empty, too long, a repeat, or past the limit."""

from __future__ import annotations

from prongsai.web.audit.models import AuditEntry
from prongsai.web.surveys.models import ITEMS_MAX, Item
from tests.web.test_survey_world import SurveyTestCase

TEXT = "มีที่จอดรถเพียงพอสำหรับผู้มาติดต่อ"


class SurveyItemNewTestCase(SurveyTestCase):
    url = property(lambda self: self.s_url("items/new/"))

    def test_it_works(self):
        self.login(self.member)
        response = self.client.get(self.url + "?section=facilities")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<option value="facilities" selected>')
        response = self.client.post(self.url, {"section": "facilities", "text": f"  {TEXT}  "})
        self.assertRedirects(response, self.s_url() + "#items", fetch_redirect_response=False)
        item = Item.objects.get(survey=self.survey, text=TEXT)
        self.assertEqual(item.section, "facilities")
        facilities = list(self.survey.active_items().filter(section="facilities").order_by("order"))
        self.assertEqual(facilities[-1], item)  # last of its section
        entry = AuditEntry.objects.get(agency=self.agency, object_type="ข้อคำถามแบบสำรวจ", object_id=str(item.pk))
        self.assertEqual((entry.action, entry.user), (AuditEntry.CREATE, self.member))
        self.assertEqual(entry.changes["ข้อคำถาม"], ["", TEXT])
        self.assertEqual(entry.changes["ด้าน"], ["", "ด้านสิ่งอำนวยความสะดวก"])
        public = self.client.get(self.p_url(f"{self.survey.pk}/"))
        self.assertContains(public, TEXT)
        self.assertContains(public, "3.5")  # numbered after the section's four items

    def test_bad_input(self):
        self.login(self.member)
        existing = self.item.text
        cases = [
            ({"section": "facilities", "text": ""}, "กรุณากรอกข้อคำถาม"),
            ({"section": "facilities", "text": "  \n "}, "กรุณากรอกข้อคำถาม"),
            ({"section": "", "text": TEXT}, "กรุณาเลือกด้านของข้อคำถาม"),
            ({"section": "parking", "text": TEXT}, "ด้านที่เลือกไม่มีในแบบสำรวจ"),
            ({"section": "facilities", "text": "ก" * 301}, "ข้อคำถามยาวได้ไม่เกิน 300 ตัวอักษร"),
            ({"section": "process", "text": existing}, "มีข้อคำถามนี้ในแบบสำรวจแล้ว"),
            ({"section": "process", "text": "ข้อ\x00"}, "อักขระควบคุม"),
        ]
        before = Item.objects.count()
        for data, message in cases:
            response = self.client.post(self.url, data)
            self.assertEqual(response.status_code, 400, data)
            self.assertContains(response, message, status_code=400)
        for n in range(ITEMS_MAX - 18):
            Item.objects.create(survey=self.survey, section="staff", text=f"ข้อเพิ่ม {n}", order=100 + n)
        response = self.client.post(self.url, {"section": "staff", "text": TEXT})
        self.assertContains(response, f"ไม่เกิน {ITEMS_MAX} ข้อ", status_code=400)
        self.assertEqual(Item.objects.count(), before + ITEMS_MAX - 18)
        self.assertFalse(AuditEntry.objects.filter(object_type="ข้อคำถามแบบสำรวจ").exists())

    def test_viewers_and_supervisors_cannot(self):
        for user in (self.viewer, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 403)
            self.assertEqual(self.client.post(self.url, {"section": "staff", "text": TEXT}).status_code, 403)
        self.assertFalse(Item.objects.filter(text=TEXT).exists())

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        for url in (self.url, self.s_url("items/new/", agency=self.other)):
            self.assertEqual(self.client.get(url).status_code, 404)
            self.assertEqual(self.client.post(url, {"section": "staff", "text": TEXT}).status_code, 404)
        self.assertFalse(Item.objects.filter(text=TEXT).exists())
