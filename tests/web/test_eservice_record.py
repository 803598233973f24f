"""A request received at the counter, by phone or post, recorded by an officer with its channel and
day, so that the statistics count every channel; the applicant gets a code to follow it online."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from prongsai.channels.deadlines import add_working_days
from prongsai.web.audit.models import AuditEntry
from prongsai.web.eservice.models import ServiceRequest
from tests.web.test_eservice_world import FORM, EserviceTestCase


def thai(day) -> str:
    return f"{day.day}/{day.month}/{day.year + 543}"


class EserviceRecordTestCase(EserviceTestCase):
    def test_it_works(self):
        self.login(self.member)
        url = self.e_url(f"types/{self.water.pk}/record/")
        response = self.client.get(url)
        self.assertContains(response, "ช่องทางที่รับคำขอ")
        self.assertContains(response, "จำนวนสมาชิกในครัวเรือน")
        received = timezone.localdate() - timedelta(days=3)
        response = self.client.post(url, {**FORM, "channel": "walk_in", "received_on": thai(received)})
        self.assertEqual(response.status_code, 200)
        service_request = ServiceRequest.objects.get()
        self.assertContains(response, service_request.code_grouped)
        self.assertEqual(response["Cache-Control"], "private, no-store")
        self.assertEqual((service_request.channel, service_request.received_on), ("walk_in", received))
        self.assertEqual(service_request.due_on, add_working_days(received, 3))
        entry = AuditEntry.objects.get(object_type="คำขอรับบริการ", action=AuditEntry.CREATE)
        self.assertEqual(entry.username, "bob")
        self.assertIn("(ช่องทาง: ยื่นด้วยตนเอง)", entry.summary)
        # the applicant follows it online with the code
        self.client.logout()
        self.assertContains(self.client.post(self.p_url("status/"), {"code": service_request.code}), "ได้รับคำขอแล้ว")

    def test_a_closed_type_still_takes_counter_requests(self):
        self.login(self.owner)
        response = self.client.post(self.e_url(f"types/{self.closed.pk}/record/"),
                                    {"applicant_name": "นายมา ด้วยตนเอง", "contact": "0812345678", "channel": "phone",
                                     "received_on": thai(timezone.localdate())})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(ServiceRequest.objects.get().request_type, self.closed)

    def test_bad_input_names_the_field_and_saves_nothing(self):
        self.login(self.owner)
        url = self.e_url(f"types/{self.water.pk}/record/")
        today = timezone.localdate()
        good = {**FORM, "channel": "phone", "received_on": thai(today)}
        cases = [
            ({"channel": "web"}, "channel", ""),  # the web has its own form
            ({"channel": ""}, "channel", ""),
            ({"received_on": ""}, "received_on", "กรุณากรอกวันที่รับคำขอ"),
            ({"received_on": thai(today + timedelta(days=1))}, "received_on", "ต้องไม่เลยวันนี้"),
            ({"received_on": thai(today - timedelta(days=400))}, "received_on", "ไม่เกินหนึ่งปี"),
            ({"received_on": "พรุ่งนี้"}, "received_on", "วันที่ไม่ถูกต้อง"),
            ({"f2": "ห้า"}, "f2", "ต้องเป็นตัวเลข"),
            ({"applicant_name": ""}, "applicant_name", "กรุณากรอกชื่อ"),
        ]
        for change, field, message in cases:
            response = self.client.post(url, {**good, **change})
            self.assertEqual(response.status_code, 400, change)
            self.assertIn(field, response.context["form"].errors, change)
            self.assertIn(message, " ".join(response.context["form"].errors[field]), change)
            self.assertContains(response, "ยังไม่มีข้อมูลใดถูกบันทึก", status_code=400)
        self.assertFalse(ServiceRequest.objects.exists())
        self.assertFalse(AuditEntry.objects.filter(object_type="คำขอรับบริการ").exists())

    def test_who_may_record(self):
        good = {**FORM, "channel": "phone", "received_on": thai(timezone.localdate())}
        for user in (self.viewer, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.get(self.e_url(f"types/{self.water.pk}/record/")).status_code, 403)
            self.assertEqual(self.client.post(self.e_url(f"types/{self.water.pk}/record/"), good).status_code, 403)
        self.login(self.unit_editor)  # กองคลัง: its own service only
        self.assertEqual(self.client.post(self.e_url(f"types/{self.water.pk}/record/"), good).status_code, 403)
        response = self.client.post(self.e_url(f"types/{self.finance_type.pk}/record/"),
                                    {"applicant_name": "นายภาษี ดี", "contact": "0812345678", "f1": "2568",
                                     "channel": "walk_in", "received_on": thai(timezone.localdate())})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(ServiceRequest.objects.get().request_type, self.finance_type)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        good = {**FORM, "channel": "phone", "received_on": thai(timezone.localdate())}
        for url in (self.e_url(f"types/{self.water.pk}/record/"),
                    self.e_url(f"types/{self.water.pk}/record/", agency=self.other)):
            self.assertEqual(self.client.get(url).status_code, 404, url)
            self.assertEqual(self.client.post(url, good).status_code, 404, url)
        self.assertFalse(ServiceRequest.objects.exists())
