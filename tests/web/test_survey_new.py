"""Creating a survey from the standard template: editors and admins; the items come from the
template, the services from the form; it starts closed; the change is in the audit log."""

from __future__ import annotations

from prongsai.services.surveys import template
from prongsai.web.audit.models import AuditEntry
from prongsai.web.surveys.models import Item, Service, Survey
from tests.web.test_survey_world import SurveyTestCase

DATA = {"title": "  แบบสำรวจความพึงพอใจ   งานทะเบียนราษฎร ", "services": "งานทะเบียนราษฎร\r\n\r\n  งานบัตรประจำตัวประชาชน \n",
        "intro": "", "ask_profile": "on"}


class SurveyNewTestCase(SurveyTestCase):
    url = property(lambda self: self.a_url("surveys/new/"))

    def test_it_works(self):
        self.login(self.member)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "ข้อคำถามของแบบสำรวจมาตรฐาน")
        self.assertContains(response, "ด้านสิ่งอำนวยความสะดวก")
        self.assertContains(response, 'value="แบบสำรวจความพึงพอใจการให้บริการ"')  # the title proposed
        response = self.client.post(self.url, DATA)
        survey = Survey.objects.get(agency=self.agency, title="แบบสำรวจความพึงพอใจ งานทะเบียนราษฎร")
        self.assertRedirects(response, self.s_url(survey=survey), fetch_redirect_response=False)
        self.assertFalse(survey.is_open)
        self.assertTrue(survey.ask_profile)
        self.assertEqual(survey.created_by, self.member)
        self.assertEqual(survey.service_names(), ["งานทะเบียนราษฎร", "งานบัตรประจำตัวประชาชน"])
        tpl = template()
        expected = [(s.key, text) for s in tpl.sections for text in s.items]
        self.assertEqual(list(survey.items.order_by("order").values_list("section", "text")), expected)
        entry = AuditEntry.objects.get(agency=self.agency, object_type="แบบสำรวจความพึงพอใจ", object_id=str(survey.pk))
        self.assertEqual(entry.action, AuditEntry.CREATE)
        self.assertEqual(entry.user, self.member)
        self.assertIn("18 ข้อ", entry.summary)
        self.assertEqual(entry.changes["งานบริการ"], ["", "งานทะเบียนราษฎร, งานบัตรประจำตัวประชาชน"])

    def test_an_admin_creates_one_without_profile_questions(self):
        self.login(self.owner)
        self.client.post(self.url, {**DATA, "ask_profile": ""})
        self.assertFalse(Survey.objects.get(title="แบบสำรวจความพึงพอใจ งานทะเบียนราษฎร").ask_profile)

    def test_bad_input(self):
        self.login(self.member)
        before = (Survey.objects.count(), Item.objects.count(), Service.objects.count(), AuditEntry.objects.count())
        cases = [
            ({**DATA, "title": ""}, "กรุณากรอกชื่อแบบสำรวจ"),
            ({**DATA, "title": "   "}, "กรุณากรอกชื่อแบบสำรวจ"),
            ({**DATA, "title": "ก" * 201}, "ชื่อแบบสำรวจยาวได้ไม่เกิน 200 ตัวอักษร"),
            ({**DATA, "services": ""}, "กรุณาระบุงานบริการอย่างน้อยหนึ่งงาน"),
            ({**DATA, "services": " \n \n"}, "กรุณาระบุงานบริการอย่างน้อยหนึ่งงาน"),
            ({**DATA, "services": "งานเดียวกัน\nงานเดียวกัน"}, "ชื่องานบริการซ้ำกัน: “งานเดียวกัน”"),
            ({**DATA, "services": "ข" * 151}, "ชื่องานบริการยาวได้ไม่เกิน 150 ตัวอักษร"),
            ({**DATA, "services": "\n".join(f"งานที่ {n}" for n in range(21))}, "ระบุงานบริการได้ไม่เกิน 20 งาน"),
            ({**DATA, "intro": "ค" * 1001}, "คำชี้แจงยาวได้ไม่เกิน 1,000 ตัวอักษร"),
            ({**DATA, "title": "ชื่อ\x00"}, "อักขระควบคุม"),
        ]
        for data, message in cases:
            response = self.client.post(self.url, data)
            self.assertEqual(response.status_code, 400, data)
            self.assertContains(response, message, status_code=400)
        self.assertEqual((Survey.objects.count(), Item.objects.count(), Service.objects.count(),
                          AuditEntry.objects.count()), before)

    def test_viewers_and_supervisors_cannot(self):
        for user in (self.viewer, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 403)
            self.assertEqual(self.client.post(self.url, DATA).status_code, 403)
        self.assertFalse(Survey.objects.filter(title__contains="ทะเบียนราษฎร").exists())

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.post(self.url, DATA).status_code, 404)
        self.assertFalse(Survey.objects.filter(agency=self.agency, title__contains="ทะเบียนราษฎร").exists())
        self.client.post(f"/a/{self.other.pk}/surveys/new/", DATA)
        self.assertEqual(Survey.objects.get(title__contains="ทะเบียนราษฎร").agency, self.other)
