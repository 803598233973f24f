"""One request as staff handle it: status (with its finish day), handing it to another unit,
messages to the applicant, internal notes, reading out a lost code — each change audited in the
same transaction; refusal needs a reason; viewers and supervisors read only; unit staff act only
on their unit's requests."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from prongsai.web.audit.models import AuditEntry
from prongsai.web.eservice.models import Message, Note, ServiceRequest
from tests.web.test_eservice_world import EserviceTestCase


class EserviceRequestTestCase(EserviceTestCase):
    def test_it_works(self):
        service_request, code = self.apply()
        self.login(self.member)
        url = self.e_url(f"requests/{service_request.pk}/")
        response = self.client.get(url)
        self.assertContains(response, "นางสมใจ รักษ์น้ำ")
        self.assertContains(response, "081 234 5678")
        self.assertContains(response, "จำนวนสมาชิกในครัวเรือน")
        self.assertNotContains(response, code)  # the code stays hidden until asked for
        response = self.client.post(url, {"action": "status", "status": "in_progress", "unit": self.water.unit.pk,
                                          "tell_applicant": "กำลังจัดรถบรรทุกน้ำ"})
        self.assertRedirects(response, url, fetch_redirect_response=False)
        service_request.refresh_from_db()
        self.assertEqual(service_request.status, ServiceRequest.IN_PROGRESS)
        self.assertIsNone(service_request.finished_on)
        self.assertEqual(Message.objects.get(request=service_request).text, "กำลังจัดรถบรรทุกน้ำ")
        change = AuditEntry.objects.get(agency=self.agency, action=AuditEntry.UPDATE, object_type="คำขอรับบริการ")
        self.assertEqual(change.changes["สถานะ"], ["ได้รับคำขอแล้ว", "อยู่ระหว่างดำเนินการ"])
        self.assertEqual(change.username, "bob")
        # done: finished today, shown to the applicant with the result
        self.client.post(url, {"action": "status", "status": "done", "unit": self.water.unit.pk,
                               "result": "จัดส่งน้ำ 2,000 ลิตรแล้ว"})
        service_request.refresh_from_db()
        self.assertEqual(service_request.finished_on, timezone.localdate())
        self.assertEqual(service_request.timeliness(), "on_time")
        self.client.post(url, {"action": "note", "note": "ใช้รถคันที่ 2"})
        self.assertEqual(Note.objects.get(request=service_request).text, "ใช้รถคันที่ 2")
        self.assertTrue(AuditEntry.objects.filter(object_type="บันทึกภายในคำขอรับบริการ").exists())
        self.client.logout()
        response = self.client.post(self.p_url("status/"), {"code": code})
        self.assertContains(response, "จัดส่งน้ำ 2,000 ลิตรแล้ว")
        self.assertNotContains(response, "ใช้รถคันที่ 2")

    def test_a_lost_code_is_read_out_and_that_is_logged(self):
        service_request, code = self.apply()
        self.login(self.member)
        response = self.client.post(self.e_url(f"requests/{service_request.pk}/"), {"action": "code"})
        self.assertContains(response, service_request.code_grouped)
        read = AuditEntry.objects.get(action=AuditEntry.READ, object_type="รหัสติดตามคำขอ")
        self.assertNotIn(code, read.summary)

    def test_bad_input_is_a_thai_error_and_changes_nothing(self):
        service_request, _ = self.apply()
        self.login(self.owner)
        url = self.e_url(f"requests/{service_request.pk}/")
        today = timezone.localdate()
        cases = [
            ({"status": "refused"}, "result", "กรุณาระบุเหตุผลที่ไม่อาจให้บริการได้"),
            ({"status": "done", "finished_on": (today + timedelta(days=2)).strftime("%d/%m/") + str(today.year + 543)},
             "finished_on", "ต้องไม่เลยวันนี้"),
            ({"status": "done", "finished_on": "1/1/2500"}, "finished_on", "ต้องไม่ก่อนวันที่รับคำขอ"),
            ({"status": "done", "finished_on": "31/2/2569"}, "finished_on", "วันที่ไม่ถูกต้อง"),
            ({"status": "lost"}, "status", ""),
            ({"status": "done", "unit": self.other.units.first().pk}, "unit", ""),  # B's unit
        ]
        for change, field, message in cases:
            response = self.client.post(url, {"action": "status", **change})
            self.assertEqual(response.status_code, 400, change)
            errors = response.context["status_form"].errors
            self.assertIn(field, errors, change)
            self.assertIn(message, " ".join(errors[field]), change)
        for action, form, field in (("message", "message_form", "message"), ("note", "note_form", "note")):
            response = self.client.post(url, {"action": action, field: "  "})
            self.assertEqual(response.status_code, 400)
            self.assertIn(field, response.context[form].errors)
        response = self.client.post(url, {"action": "nothing"})
        self.assertEqual(response.status_code, 302)
        service_request.refresh_from_db()
        self.assertEqual(service_request.status, ServiceRequest.RECEIVED)
        self.assertFalse(Message.objects.exists() or Note.objects.exists())
        self.assertFalse(AuditEntry.objects.filter(action=AuditEntry.UPDATE).exists())

    def test_a_refusal_keeps_its_reason_and_a_late_finish_is_marked(self):
        service_request, _ = self.apply()
        ServiceRequest.objects.filter(pk=service_request.pk).update(
            received_on=timezone.localdate() - timedelta(days=30), due_on=timezone.localdate() - timedelta(days=25))
        self.login(self.owner)
        url = self.e_url(f"requests/{service_request.pk}/")
        self.assertContains(self.client.get(url), "เกินกำหนด 25 วัน")
        self.client.post(url, {"action": "status", "status": "refused", "result": "อยู่นอกเขตพื้นที่"})
        service_request.refresh_from_db()
        self.assertEqual((service_request.result, service_request.timeliness()), ("อยู่นอกเขตพื้นที่", "late"))
        self.assertContains(self.client.get(url), "แล้วเสร็จเกินกำหนด 25 วัน")
        # reopened: no longer finished
        self.client.post(url, {"action": "status", "status": "in_progress"})
        service_request.refresh_from_db()
        self.assertIsNone(service_request.finished_on)

    def test_an_applicants_message_is_marked_until_staff_open_it(self):
        service_request, code = self.apply()
        self.client.post(self.p_url("status/"), {"code": code, "message": "สะดวกรับน้ำช่วงเช้า"})
        self.login(self.viewer)  # a viewer reading does not clear the mark
        self.client.get(self.e_url(f"requests/{service_request.pk}/"))
        service_request.refresh_from_db()
        self.assertTrue(service_request.applicant_waiting)
        self.login(self.member)
        self.client.get(self.e_url(f"requests/{service_request.pk}/"))
        service_request.refresh_from_db()
        self.assertFalse(service_request.applicant_waiting)

    def test_readers_read_only(self):
        service_request, _ = self.apply()
        url = self.e_url(f"requests/{service_request.pk}/")
        for user in (self.viewer, self.supervisor):
            self.login(user)
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, user.username)
            self.assertNotContains(response, "บันทึกสถานะ")
            for action in ({"action": "note", "note": "x"}, {"action": "code"},
                           {"action": "status", "status": "done"}):
                self.assertEqual(self.client.post(url, action).status_code, 403, (user.username, action))
        self.assertFalse(Note.objects.exists())
        self.assertFalse(AuditEntry.objects.filter(action=AuditEntry.READ).exists())

    def test_unit_staff_act_on_their_units_requests_only(self):
        water, _ = self.apply()
        finance, _ = self.apply(self.finance_type)
        self.login(self.unit_editor)
        response = self.client.get(self.e_url(f"requests/{water.pk}/"))
        self.assertContains(response, "ท่านดูได้แต่ดำเนินการไม่ได้")
        self.assertEqual(self.client.post(self.e_url(f"requests/{water.pk}/"),
                                          {"action": "note", "note": "x"}).status_code, 403)
        response = self.client.post(self.e_url(f"requests/{finance.pk}/"),
                                    {"action": "status", "status": "in_progress", "unit": self.water.unit.pk})
        self.assertEqual(response.status_code, 302)  # handed over to สำนักปลัด
        finance.refresh_from_db()
        self.assertEqual(finance.unit, self.water.unit)
        self.assertEqual(self.client.post(self.e_url(f"requests/{finance.pk}/"),
                                          {"action": "note", "note": "x"}).status_code, 403)

    def test_it_checks_ownership(self):
        service_request, _ = self.apply()
        self.login(self.stranger)
        for url in (self.e_url(f"requests/{service_request.pk}/"),
                    self.e_url(f"requests/{service_request.pk}/", agency=self.other)):
            self.assertEqual(self.client.get(url).status_code, 404, url)
            self.assertEqual(self.client.post(url, {"action": "note", "note": "x"}).status_code, 404, url)
            self.assertEqual(self.client.post(url, {"action": "code"}).status_code, 404, url)
        self.assertFalse(Note.objects.exists())
        self.assertFalse(AuditEntry.objects.filter(action=AuditEntry.READ).exists())
