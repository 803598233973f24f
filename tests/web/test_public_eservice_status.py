"""The applicant comes back with the tracking code (field `code`): status, the officers' messages
(never the internal notes), a reply with files; wrong codes are throttled; a finished request
takes no more replies."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.services.requests import grouped
from prongsai.web.eservice import cases
from prongsai.web.eservice.models import Attachment, Message, ServiceRequest
from tests.web.test_eservice_world import PDF, EserviceTestCase


class PublicEserviceStatusTestCase(EserviceTestCase):
    def test_it_works(self):
        response = self.client.get(self.p_url("status/"))
        self.assertContains(response, "รหัสติดตามคำขอ")
        self.assertContains(response, 'name="code"')
        service_request, code = self.apply()
        response = self.client.post(self.p_url("status/"), {"code": code})
        self.assertContains(response, "ได้รับคำขอแล้ว")
        self.assertContains(response, service_request.number)
        self.assertContains(response, "45 หมู่ 3")
        self.assertNotIn("Set-Cookie", response.headers)
        self.assertEqual(response.headers["Cache-Control"], "no-store")

    def test_a_code_is_read_as_people_type_it(self):
        _service_request, code = self.apply()
        # typed with the Thai keyboard layout still on: the keys pressed, read back
        thai_layout = code.lower().translate(str.maketrans("abcdefghjkmnpqrstuvwxyz23456789",
                                                           "ฟิแกำดเ้่าทืยๆพหะีอไปัผ/-ภถุึคต"))
        for typed in (code, code.lower(), grouped(code), f" {code[:5]} {code[5:]} ", thai_layout):
            response = self.client.post(self.p_url("status/"), {"code": typed})
            self.assertEqual(response.status_code, 200, typed)

    def test_officers_messages_show_and_the_applicant_replies(self):
        service_request, code = self.apply()
        self.login(self.owner)
        self.client.post(self.e_url(f"requests/{service_request.pk}/"),
                         {"action": "message", "message": "ขอสำเนาทะเบียนบ้านเพิ่มเติม"})
        self.client.post(self.e_url(f"requests/{service_request.pk}/"), {"action": "note", "note": "บันทึกลับภายใน"})
        self.client.logout()
        response = self.client.post(self.p_url("status/"), {"code": code})
        self.assertContains(response, "ขอสำเนาทะเบียนบ้านเพิ่มเติม")
        self.assertNotContains(response, "บันทึกลับภายใน")
        upload = SimpleUploadedFile("ทะเบียนบ้าน.pdf", PDF, content_type="application/pdf")
        response = self.client.post(self.p_url("status/"), {"code": code, "message": "ส่งสำเนาทะเบียนบ้านแล้วค่ะ",
                                                            "files": [upload]})
        self.assertContains(response, "ส่งข้อความถึงเจ้าหน้าที่แล้ว")
        reply = Message.objects.get(request=service_request, from_applicant=True)
        self.assertEqual(reply.text, "ส่งสำเนาทะเบียนบ้านแล้วค่ะ")
        self.assertEqual(Attachment.objects.get(message=reply).name, "ทะเบียนบ้าน.pdf")
        service_request.refresh_from_db()
        self.assertTrue(service_request.applicant_waiting)

    def test_bad_replies_name_the_field_and_save_nothing(self):
        service_request, code = self.apply()
        response = self.client.post(self.p_url("status/"), {"code": code, "message": ""})
        self.assertEqual(response.status_code, 400)
        self.assertIn("กรุณาพิมพ์ข้อความถึงเจ้าหน้าที่", response.context["reply_form"].errors["message"][0])
        fake = SimpleUploadedFile("a.pdf", b"GIF89a not a pdf")
        response = self.client.post(self.p_url("status/"), {"code": code, "message": "แนบไฟล์", "files": [fake]})
        self.assertContains(response, "PDF, JPG หรือ PNG", status_code=400)
        response = self.client.post(self.p_url("status/"), {"code": code, "message": "ก" * 5001})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(Message.objects.filter(request=service_request).exists())
        self.assertEqual(Attachment.objects.filter(request=service_request).count(), 0)

    def test_a_bad_code_is_a_thai_error(self):
        for typed, message, status in (("", "กรุณากรอกรหัสติดตามคำขอ", 400),
                                       ("12345", "ตัวอักษรภาษาอังกฤษและตัวเลข 10 ตัว", 400),
                                       ("ABCDE-0OIL1", "ตัวอักษรภาษาอังกฤษและตัวเลข 10 ตัว", 400),
                                       ("ABCDE-23456", "ไม่พบคำขอที่ตรงกับรหัสติดตามนี้", 404)):
            response = self.client.post(self.p_url("status/"), {"code": typed})
            self.assertEqual(response.status_code, status, typed)
            self.assertIn(message, " ".join(response.context["form"].errors["code"]), typed)

    def test_wrong_codes_are_throttled(self):
        _service_request, code = self.apply()
        for n in range(10):
            self.assertEqual(self.client.post(self.p_url("status/"), {"code": f"ABCDE-2345{n + 2 if n < 8 else 'X'}"}
                                              ).status_code, 404)
        response = self.client.post(self.p_url("status/"), {"code": code})
        self.assertContains(response, "หลายครั้งเกินไป", status_code=429)
        # another client is not held back
        self.assertEqual(self.client.post(self.p_url("status/"), {"code": code}, REMOTE_ADDR="192.0.2.9").status_code,
                         200)

    def test_a_finished_request_shows_its_result_and_takes_no_reply(self):
        service_request, code = self.apply()
        ServiceRequest.objects.filter(pk=service_request.pk).update(
            status=ServiceRequest.REFUSED, result="อยู่นอกเขตพื้นที่ให้บริการ", finished_on=service_request.received_on)
        response = self.client.post(self.p_url("status/"), {"code": code, "message": "ขอให้พิจารณาใหม่"})
        self.assertContains(response, "ไม่อาจให้บริการได้")
        self.assertContains(response, "อยู่นอกเขตพื้นที่ให้บริการ")
        self.assertContains(response, "ยื่นคำขอใหม่")
        self.assertIsNone(response.context["reply_form"])
        self.assertFalse(Message.objects.exists())

    def test_a_bot_reply_is_dropped(self):
        service_request, code = self.apply()
        response = self.client.post(self.p_url("status/"), {"code": code, "message": "spam", "website": "x"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Message.objects.filter(request=service_request).exists())

    def test_it_checks_ownership(self):
        service_request, code = self.apply()
        # A's code on B's page finds nothing
        response = self.client.post(self.p_url("status/", self.other), {"code": code})
        self.assertEqual(response.status_code, 404)
        self.assertNotContains(response, "45 หมู่ 3", status_code=404)
        response = self.client.post(self.p_url("status/", self.other), {"code": code, "message": "แทรก"})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Message.objects.exists())
        self.assertEqual(cases.find(self.other, code), None)
        self.assertEqual(cases.find(self.agency, code), service_request)
        self.assertEqual(self.client.get("/p/999999/eservice/status/").status_code, 404)
