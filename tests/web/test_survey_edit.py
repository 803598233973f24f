"""Editing a survey: title, note to respondents, profile questions and services (renamed, added,
removed while nobody chose them); editors and admins; audited; bad input saves nothing."""

from __future__ import annotations

from prongsai.web.audit.models import AuditEntry
from prongsai.web.surveys.models import Service, Survey
from tests.web.test_survey_world import SurveyTestCase, answer


class SurveyEditTestCase(SurveyTestCase):
    url = property(lambda self: self.s_url("edit/"))

    def data(self, **changes):
        base = {"title": self.survey.title, "intro": "", "ask_profile": "on",
                f"service_{self.tax.pk}": self.tax.name, f"service_{self.registry.pk}": self.registry.name,
                "new_services": ""}
        base.update(changes)
        return {k: v for k, v in base.items() if v is not None}

    def test_it_works(self):
        answer(self.survey, 4, service=self.tax)
        self.login(self.member)
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f'value="{self.tax.name}"')
        self.assertContains(response, "มีผู้ตอบแล้ว ลบไม่ได้ แต่เปลี่ยนชื่อได้")
        response = self.client.post(self.url, self.data(
            title="แบบสำรวจความพึงพอใจ กองคลัง", intro="ขอบคุณที่ช่วยประเมิน\r\n", ask_profile="",
            **{f"service_{self.tax.pk}": "งานจัดเก็บรายได้", f"remove_{self.registry.pk}": "on"},
            new_services="งานพัฒนารายได้\nงานผลประโยชน์"))
        self.assertRedirects(response, self.s_url(), fetch_redirect_response=False)
        survey = Survey.objects.get(pk=self.survey.pk)
        self.assertEqual((survey.title, survey.intro, survey.ask_profile),
                         ("แบบสำรวจความพึงพอใจ กองคลัง", "ขอบคุณที่ช่วยประเมิน", False))
        self.assertEqual(survey.service_names(), ["งานจัดเก็บรายได้", "งานพัฒนารายได้", "งานผลประโยชน์"])
        self.assertEqual(Service.objects.get(pk=self.tax.pk).name, "งานจัดเก็บรายได้")  # the same service, renamed
        entry = AuditEntry.objects.get(agency=self.agency, object_type="แบบสำรวจความพึงพอใจ", action=AuditEntry.UPDATE,
                                       user=self.member)
        self.assertEqual(entry.user, self.member)
        self.assertEqual(entry.changes["ชื่อแบบสำรวจ"], [self.survey.title, "แบบสำรวจความพึงพอใจ กองคลัง"])
        self.assertEqual(entry.changes["งานบริการ"][1], "งานจัดเก็บรายได้, งานพัฒนารายได้, งานผลประโยชน์")

    def test_two_services_may_swap_names(self):
        self.login(self.owner)
        response = self.client.post(self.url, self.data(**{f"service_{self.tax.pk}": self.registry.name,
                                                           f"service_{self.registry.pk}": self.tax.name}))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Service.objects.get(pk=self.tax.pk).name, self.registry.name)

    def test_an_answered_service_is_kept(self):
        answer(self.survey, 4, service=self.registry)
        self.login(self.owner)
        self.client.post(self.url, self.data(**{f"remove_{self.registry.pk}": "on"}))
        self.assertTrue(Service.objects.filter(pk=self.registry.pk).exists())

    def test_bad_input(self):
        self.login(self.member)
        cases = [
            (self.data(title=""), "กรุณากรอกชื่อแบบสำรวจ"),
            (self.data(**{f"service_{self.tax.pk}": ""}), "กรุณากรอกชื่องานบริการ"),
            (self.data(**{f"service_{self.tax.pk}": "  "}), "กรุณากรอกชื่องานบริการ"),
            (self.data(**{f"service_{self.tax.pk}": "ข" * 151}), "ชื่องานบริการที่ 1ยาวได้ไม่เกิน 150 ตัวอักษร"),
            (self.data(**{f"service_{self.tax.pk}": self.registry.name}), "ชื่องานบริการซ้ำกัน"),
            (self.data(new_services=self.tax.name), "ชื่องานบริการซ้ำกัน: “งานจัดเก็บภาษี”"),
            (self.data(new_services="ใหม่\nใหม่"), "ชื่องานบริการซ้ำกัน: “ใหม่”"),
            (self.data(**{f"remove_{self.tax.pk}": "on", f"remove_{self.registry.pk}": "on"}),
             "แบบสำรวจต้องมีงานบริการอย่างน้อยหนึ่งงาน"),
            (self.data(new_services="\n".join(f"งาน {n}" for n in range(19))), "ระบุงานบริการได้ไม่เกิน 20 งาน"),
            (self.data(intro="ค" * 1001), "คำชี้แจงยาวได้ไม่เกิน 1,000 ตัวอักษร"),
        ]
        for data, message in cases:
            response = self.client.post(self.url, data)
            self.assertEqual(response.status_code, 400, data)
            self.assertContains(response, message, status_code=400)
        survey = Survey.objects.get(pk=self.survey.pk)
        self.assertEqual(survey.title, self.survey.title)
        self.assertEqual(survey.service_names(), [self.tax.name, self.registry.name])
        self.assertFalse(AuditEntry.objects.filter(object_type="แบบสำรวจความพึงพอใจ", user=self.member).exists())

    def test_viewers_and_supervisors_cannot(self):
        for user in (self.viewer, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.get(self.url).status_code, 403)
            self.assertEqual(self.client.post(self.url, self.data(title="เปลี่ยน")).status_code, 403)
        self.assertEqual(Survey.objects.get(pk=self.survey.pk).title, self.survey.title)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        for url in (self.url, self.s_url("edit/", agency=self.other)):
            self.assertEqual(self.client.get(url).status_code, 404)
            self.assertEqual(self.client.post(url, self.data(title="ของบี")).status_code, 404)
        self.assertEqual(Survey.objects.get(pk=self.survey.pk).title, self.survey.title)
