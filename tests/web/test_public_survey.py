"""Answering a survey on the public page: anonymous (no login, no cookie, nothing about the
connection kept), the service asked when the survey covers several, every item answered with a
point of the scale or "not applicable", the profile and comment optional; bad input is refused
in Thai with nothing saved; repeat sending and robots are held back."""

from __future__ import annotations

from prongsai.web.audit.models import AuditEntry
from prongsai.web.surveys import actions
from prongsai.web.surveys.models import Rating, Response
from prongsai.web.surveys.public_views import ANSWERS
from tests.web.public_helpers import assert_private
from tests.web.test_survey_world import SurveyTestCase, form_data, make_survey


class PublicSurveyTestCase(SurveyTestCase):
    def url(self, survey=None, agency=None) -> str:
        return self.p_url(f"{(survey or self.survey).pk}/", agency)

    def test_it_works(self):
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        assert_private(self, response)
        self.assertNotContains(response, "csrfmiddlewaretoken")
        self.assertContains(response, "งานบริการที่ท่านมาใช้บริการ")
        self.assertContains(response, "1. ด้านกระบวนการ/ขั้นตอนการให้บริการ")
        self.assertContains(response, "ขั้นตอนการให้บริการเข้าใจง่าย")
        self.assertContains(response, "ไม่เกี่ยวข้อง/ไม่ได้ใช้บริการส่วนนี้", count=18 + 1)  # and the how-to line
        self.assertContains(response, "มากที่สุด")
        self.assertContains(response, "ไม่ต้องระบุชื่อ")
        self.assertContains(response, "ข้อมูลทั่วไปของผู้ตอบ (ไม่บังคับ)")
        self.assertContains(response, 'class="honeypot"')
        self.assertContains(response, 'href="/static/prongsai/css/surveys.css"')

        items = list(self.survey.active_items())
        data = form_data(self.survey, "5", service=str(self.registry.pk), gender="female", age_band="40-59",
                         respondent_type="resident", comment="  เจ้าหน้าที่บริการดี\r\n\r\n\r\nขอบคุณค่ะ ")
        data[f"item_{items[0].pk}"] = "na"
        data[f"item_{items[1].pk}"] = "2"
        response = self.client.post(self.url(), data)
        self.assertRedirects(response, self.url() + "thanks/", fetch_redirect_response=False)
        assert_private(self, response)
        saved = Response.objects.get(survey=self.survey)
        self.assertEqual(saved.service, self.registry)
        self.assertEqual((saved.gender, saved.age_band, saved.respondent_type), ("female", "40-59", "resident"))
        self.assertEqual(saved.comment, "เจ้าหน้าที่บริการดี\n\nขอบคุณค่ะ")
        values = dict(Rating.objects.filter(response=saved).values_list("item_id", "value"))
        self.assertEqual(len(values), 18)
        self.assertIsNone(values[items[0].pk])
        self.assertEqual(values[items[1].pk], 2)
        self.assertEqual(values[items[2].pk], 5)
        entry = AuditEntry.objects.get(agency=self.agency, object_type=actions.ANSWER)
        self.assertIsNone(entry.user)
        self.assertEqual(entry.address, "")
        self.assertNotIn("บริการดี", entry.summary + str(entry.changes))

    def test_one_service_is_not_asked(self):
        survey = make_survey(self.agency, self.owner, title="งานเดียว", services=["งานป้องกันและบรรเทาสาธารณภัย"])
        response = self.client.get(self.url(survey))
        self.assertNotContains(response, "งานบริการที่ท่านมาใช้บริการ")
        self.assertEqual(self.client.post(self.url(survey), form_data(survey, "4")).status_code, 302)
        self.assertEqual(Response.objects.get(survey=survey).service.name, "งานป้องกันและบรรเทาสาธารณภัย")

    def test_profile_questions_can_be_left_out(self):
        self.survey.ask_profile = False
        self.survey.save()
        response = self.client.get(self.url())
        self.assertNotContains(response, "ข้อมูลทั่วไปของผู้ตอบ")
        self.client.post(self.url(), form_data(self.survey, gender="male"))
        self.assertEqual(Response.objects.get(survey=self.survey).gender, "")  # not asked: not kept

    def test_bad_input(self):
        items = list(self.survey.active_items())
        first, second = items[0].pk, items[1].pk
        cases = [
            ({}, ["กรุณาเลือกงานบริการที่ท่านมาใช้บริการ", "ยังไม่ได้เลือกคำตอบ 18 ข้อ", "กรุณาเลือกคำตอบข้อ 1.1"]),
            ({**form_data(self.survey), "service": ""}, ["กรุณาเลือกงานบริการที่ท่านมาใช้บริการ"]),
            ({**form_data(self.survey), "service": str(self.b_survey.services.first().pk)},
             ["งานบริการที่เลือกไม่มีในแบบสำรวจนี้"]),
            ({k: v for k, v in form_data(self.survey).items() if k != f"item_{second}"},
             ["ยังไม่ได้เลือกคำตอบ 1 ข้อ", "กรุณาเลือกคำตอบข้อ 1.2"]),
            ({**form_data(self.survey), f"item_{first}": "6"}, ["คำตอบข้อ 1.1 ไม่ถูกต้อง"]),
            ({**form_data(self.survey), f"item_{first}": "0"}, ["คำตอบข้อ 1.1 ไม่ถูกต้อง"]),
            ({**form_data(self.survey), f"item_{first}": "๕"}, ["คำตอบข้อ 1.1 ไม่ถูกต้อง"]),
            (form_data(self.survey, "na"), ["ทุกข้อตอบว่า “ไม่เกี่ยวข้อง”"]),
            ({**form_data(self.survey), "comment": "ก" * 1001}, ["ข้อเสนอแนะยาวได้ไม่เกิน 1,000 ตัวอักษร"]),
            ({**form_data(self.survey), "comment": "ดี\x00"}, ["อักขระควบคุม"]),
            ({**form_data(self.survey), "gender": "unknown"}, ["เพศที่เลือกไม่ถูกต้อง"]),
            ({**form_data(self.survey), "age_band": "35"}, ["ช่วงอายุที่เลือกไม่ถูกต้อง"]),
        ]
        for data, messages in cases:
            response = self.client.post(self.url(), data)
            self.assertEqual(response.status_code, 400, data)
            self.assertContains(response, "ยังส่งแบบสำรวจไม่ได้", status_code=400)
            for message in messages:
                self.assertContains(response, message, status_code=400)
            assert_private(self, response)
        self.assertFalse(Response.objects.exists())
        self.assertFalse(Rating.objects.exists())
        self.assertFalse(AuditEntry.objects.filter(object_type=actions.ANSWER).exists())
        # what was chosen stays chosen
        data = {**form_data(self.survey, "3"), f"item_{first}": ""}
        response = self.client.post(self.url(), data)
        self.assertContains(response, f'name="item_{second}" value="3" checked', status_code=400)

    def test_nothing_identifying_is_stored(self):
        agent = "SurveyDistinctiveBrowser/9.1 (X11; test-7c2a)"
        address = "203.0.113.91"
        self.client.cookies["tracker"] = "cookie-value-4f1e"
        response = self.client.post(self.url(), form_data(self.survey, comment="ดี"), HTTP_USER_AGENT=agent,
                                    REMOTE_ADDR=address)
        self.assertEqual(response.status_code, 302)
        saved = Response.objects.filter(survey=self.survey).values().get()
        stored = " ".join(str(v) for v in saved.values())
        for secret in (agent, address, "cookie-value-4f1e"):
            self.assertNotIn(secret, stored)
        self.assertEqual(set(f.name for f in Response._meta.get_fields()),
                         {"id", "survey", "service", "answered_on", "gender", "age_band", "respondent_type", "comment",
                          "ratings"})
        for entry in AuditEntry.objects.filter(object_type=actions.ANSWER):
            self.assertEqual(entry.address, "")
            self.assertNotIn(address, str(entry.changes) + entry.summary)

    def test_no_cookie_even_for_a_signed_in_member(self):
        self.login(self.member)
        for response in (self.client.get(self.url()), self.client.post(self.url(), form_data(self.survey)),
                         self.client.post(self.url(), {})):
            assert_private(self, response)
            self.assertNotIn("Set-Cookie", response.headers)

    def test_a_filled_honeypot_is_dropped_silently(self):
        response = self.client.post(self.url(), form_data(self.survey, website="https://spam.example"))
        self.assertRedirects(response, self.url() + "thanks/", fetch_redirect_response=False)
        self.assertFalse(Response.objects.exists())

    def test_too_many_answers_from_one_client(self):
        for _ in range(ANSWERS.limit):
            self.assertEqual(self.client.post(self.url(), form_data(self.survey)).status_code, 302)
        response = self.client.post(self.url(), form_data(self.survey, comment="ข้อความที่พิมพ์ไว้"))
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "ครบจำนวนที่รับได้ในหนึ่งชั่วโมงแล้ว", status_code=429)
        self.assertContains(response, "ข้อความที่พิมพ์ไว้", status_code=429)  # what was typed stays
        self.assertEqual(Response.objects.count(), ANSWERS.limit)
        other = self.client.post(self.url(), form_data(self.survey), REMOTE_ADDR="198.51.100.20")
        self.assertEqual(other.status_code, 302)  # another client is not held back

    def test_a_form_from_another_site_is_refused(self):
        response = self.client.post(self.url(), form_data(self.survey), HTTP_ORIGIN="https://evil.example")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Response.objects.exists())

    def test_a_closed_survey_takes_no_answers(self):
        actions.set_open(self.owner, self.survey, False)
        response = self.client.get(self.url())
        self.assertContains(response, "แบบสำรวจนี้ปิดรับคำตอบแล้ว")
        response = self.client.post(self.url(), form_data(self.survey))
        self.assertContains(response, "แบบสำรวจนี้ปิดรับคำตอบแล้ว")
        self.assertFalse(Response.objects.exists())

    def test_a_retired_item_is_not_asked(self):
        actions.remove_item(self.owner, self.item)  # nobody answered it: deleted
        response = self.client.get(self.url())
        self.assertNotContains(response, f'name="item_{self.item.pk}"')
        self.assertContains(response, "ไม่เกี่ยวข้อง/ไม่ได้ใช้บริการส่วนนี้", count=17 + 1)
        self.assertEqual(self.client.post(self.url(), form_data(self.survey)).status_code, 302)

    def test_other_methods(self):
        self.assertEqual(self.client.put(self.url()).status_code, 405)
        self.assertEqual(self.client.head(self.url()).status_code, 200)

    def test_it_checks_ownership(self):
        # A's survey through B's public address, and B's through A's: as if it did not exist
        self.assertEqual(self.client.get(self.url(agency=self.other)).status_code, 404)
        self.assertEqual(self.client.post(self.url(agency=self.other), form_data(self.survey)).status_code, 404)
        self.assertEqual(self.client.get(self.url(survey=self.b_survey)).status_code, 404)
        self.assertFalse(Response.objects.exists())
        self.assertEqual(self.client.get(self.url(survey=self.b_survey, agency=self.other)).status_code, 200)
        self.assertEqual(self.client.get("/p/999999/survey/1/").status_code, 404)
        self.assertEqual(self.client.get(self.p_url("999999/")).status_code, 404)
