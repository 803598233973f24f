"""A citizen sends a request on the public form built from the type's fields: a tracking code shown,
the answers kept as sent, files checked by content, nothing half-saved, nothing kept about the
connection, and the form refuses bad input field by field in Thai."""

from __future__ import annotations

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from prongsai.channels.deadlines import add_working_days
from prongsai.services.requests import ALPHABET
from prongsai.web.audit.models import AuditEntry
from prongsai.web.eservice.models import Attachment, ServiceRequest
from tests.web.test_eservice_world import FORM, PDF, EserviceTestCase


def jpeg_with_gps() -> bytes:
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "LeakyCameraMaker"
    exif[0x8825] = {2: (13.0, 45.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


class PublicEserviceApplyTestCase(EserviceTestCase):
    def test_it_works(self):
        response = self.client.get(self.p_url(f"{self.water.pk}/"))
        self.assertContains(response, "ยื่นคำขอรับการสนับสนุนน้ำอุปโภคบริโภค")
        self.assertContains(response, "สำเนาบัตรประจำตัวประชาชน")
        self.assertContains(response, "ไม่มีค่าธรรมเนียม")
        self.assertContains(response, "จำนวนสมาชิกในครัวเรือน")
        self.assertContains(response, "eservice.css")
        self.assertNotIn("Set-Cookie", response.headers)
        service_request, code = self.apply()
        self.assertEqual(len(code), 10)
        self.assertTrue(set(code) <= set(ALPHABET))
        self.assertEqual(service_request.status, ServiceRequest.RECEIVED)
        self.assertEqual(service_request.agency, self.agency)
        self.assertEqual(service_request.unit, self.water.unit)
        self.assertEqual(service_request.channel, ServiceRequest.WEB)
        self.assertEqual(service_request.applicant_name, FORM["applicant_name"])
        today = timezone.localdate()
        self.assertEqual(service_request.received_on, today)
        self.assertEqual(service_request.due_on, add_working_days(today, 3))
        self.assertEqual(service_request.number, f"1/{service_request.fiscal_year}")
        answers = {a["label"]: a["value"] for a in service_request.answers}
        self.assertEqual(answers, {"บ้านเลขที่และหมู่ที่": "45 หมู่ 3", "จำนวนสมาชิกในครัวเรือน": "4",
                                   "ใช้น้ำเพื่อ": "บริโภค", "วันที่ต้องการรับน้ำ": "15 ธันวาคม 2569",
                                   "จุดสังเกต": "บ้านหลังที่สองถัดจากศาลาประชาคม"})
        # logged as received, without the applicant's name
        entry = AuditEntry.objects.get(agency=self.agency, object_type="คำขอรับบริการ")
        self.assertIn(service_request.number, entry.summary)
        self.assertNotIn("สมใจ", entry.summary + str(entry.changes))
        self.assertEqual(entry.address, "")

    def test_the_code_page_says_what_comes_next(self):
        response = self.client.post(self.p_url(f"{self.water.pk}/"), FORM)
        self.assertContains(response, "รหัสติดตามคำขอของท่าน")
        self.assertContains(response, "กำหนดแล้วเสร็จ")
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        self.assertNotIn("Set-Cookie", response.headers)

    def test_no_cookie_is_set_even_for_a_signed_in_member(self):
        self.login(self.member)
        response = self.client.post(self.p_url(f"{self.water.pk}/"), FORM)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Set-Cookie", response.headers)
        self.assertEqual(response.headers["Referrer-Policy"], "no-referrer")

    def test_bad_input_names_the_field_in_thai_and_saves_nothing(self):
        cases = [
            ({"applicant_name": ""}, "applicant_name", "กรุณากรอกชื่อ-นามสกุลผู้ยื่นคำขอ"),
            ({"contact": ""}, "contact", "กรุณากรอกเบอร์โทรศัพท์หรืออีเมล"),
            ({"contact": "บ้านเลขที่ 4"}, "contact", "กรอกเบอร์โทรศัพท์"),
            ({"contact": "somchai@"}, "contact", "อีเมลไม่ถูกต้อง"),
            ({"f1": ""}, "f1", "กรุณากรอก “บ้านเลขที่และหมู่ที่”"),
            ({"f1": "ก" * 501}, "f1", "500"),
            ({"f2": "สี่คน"}, "f2", "“จำนวนสมาชิกในครัวเรือน” ต้องเป็นตัวเลข"),
            ({"f3": ""}, "f3", "กรุณาเลือก “ใช้น้ำเพื่อ”"),
            ({"f3": "รดน้ำต้นไม้"}, "f3", ""),  # not one of the choices
            ({"f4": "32/13/2569"}, "f4", "วันที่ไม่ถูกต้อง"),
            ({"f5": "ก" * 5001}, "f5", "5000"),
        ]
        for change, field, message in cases:
            response = self.client.post(self.p_url(f"{self.water.pk}/"), {**FORM, **change})
            self.assertEqual(response.status_code, 400, change)
            errors = response.context["form"].errors
            self.assertIn(field, errors, change)
            self.assertIn(message, " ".join(errors[field]), change)
            self.assertContains(response, "กรุณาแก้ไขช่องที่มีข้อความสีแดง", status_code=400)
        self.assertFalse(ServiceRequest.objects.exists())
        self.assertFalse(AuditEntry.objects.filter(object_type="คำขอรับบริการ").exists())

    def test_optional_fields_may_stay_empty(self):
        service_request, _code = self.apply(f4="", f5="")
        answers = {a["label"]: a["value"] for a in service_request.answers}
        self.assertEqual((answers["วันที่ต้องการรับน้ำ"], answers["จุดสังเกต"]), ("", ""))

    def test_attachments_are_checked_by_content_and_pictures_lose_their_metadata(self):
        fake = SimpleUploadedFile("บัตร.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
        response = self.client.post(self.p_url(f"{self.water.pk}/"), {**FORM, "files": [fake]})
        self.assertContains(response, "PDF, JPG หรือ PNG", status_code=400)
        too_many = [SimpleUploadedFile(f"{i}.pdf", PDF) for i in range(6)]
        response = self.client.post(self.p_url(f"{self.water.pk}/"), {**FORM, "files": too_many})
        self.assertContains(response, "ไม่เกิน 5 ไฟล์", status_code=400)
        self.assertFalse(ServiceRequest.objects.exists())
        self.assertFalse(Attachment.objects.exists())
        photo = SimpleUploadedFile("สำเนาบัตรประชาชน.jpg", jpeg_with_gps(), content_type="image/jpeg")
        paper = SimpleUploadedFile("../../ทะเบียนบ้าน<script>.pdf", PDF, content_type="application/pdf")
        service_request, _code = self.apply(files=[photo, paper])
        names = list(Attachment.objects.filter(request=service_request).values_list("name", flat=True))
        self.assertEqual(names, ["สำเนาบัตรประชาชน.jpg", "ทะเบียนบ้านscript.pdf"])
        data = bytes(Attachment.objects.get(name="สำเนาบัตรประชาชน.jpg").data)
        self.assertTrue(data.startswith(b"\xff\xd8\xff"))
        self.assertNotIn(b"LeakyCameraMaker", data)

    def test_a_bot_filling_the_hidden_field_gets_a_page_but_no_request(self):
        response = self.client.post(self.p_url(f"{self.water.pk}/"), {**FORM, "website": "http://spam.example"})
        self.assertContains(response, "ได้รับคำขอของท่านแล้ว")
        self.assertFalse(ServiceRequest.objects.exists())

    def test_requests_from_one_client_are_throttled(self):
        for _ in range(10):
            self.apply()
        response = self.client.post(self.p_url(f"{self.water.pk}/"), FORM)
        self.assertContains(response, "ถี่เกินไป", status_code=429)
        self.assertContains(response, FORM["f5"], status_code=429)  # what was typed stays in the form
        self.assertEqual(ServiceRequest.objects.count(), 10)
        response = self.client.post(self.p_url(f"{self.water.pk}/"), FORM, REMOTE_ADDR="192.0.2.44")
        self.assertEqual(response.status_code, 200)

    def test_a_form_posted_from_another_site_is_refused(self):
        response = self.client.post(self.p_url(f"{self.water.pk}/"), FORM, HTTP_ORIGIN="https://evil.example")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ServiceRequest.objects.exists())

    def test_a_closed_type_takes_no_request(self):
        response = self.client.post(self.p_url(f"{self.closed.pk}/"), FORM)
        self.assertContains(response, "ปิดรับคำขอทางเว็บไซต์แล้ว", status_code=404)
        self.assertFalse(ServiceRequest.objects.exists())

    def test_numbers_count_per_agency_and_year_and_codes_differ(self):
        first, first_code = self.apply()
        second, second_code = self.apply(self.finance_type)
        theirs, _ = self.apply(self.theirs, agency=self.other)
        self.assertEqual((first.seq, second.seq, theirs.seq), (1, 2, 1))
        self.assertNotEqual(first_code, second_code)
        self.assertEqual(second.unit, self.finance)
        self.assertEqual(second.due_on, add_working_days(second.received_on, 5))

    def test_a_later_change_of_the_type_leaves_the_request_as_sent(self):
        service_request, _ = self.apply()
        self.water.fields = [{"label": "อื่น ๆ", "kind": "text", "required": False, "choices": [], "help": ""}]
        self.water.save()
        service_request.refresh_from_db()
        self.assertEqual(service_request.answer_rows()[0], ("บ้านเลขที่และหมู่ที่", "45 หมู่ 3"))
        self.assertGreater(date.today().year, 2000)

    def test_it_checks_ownership(self):
        # agency B's type by agency A's address (and the reverse) does not exist
        self.assertEqual(self.client.get(self.p_url(f"{self.theirs.pk}/")).status_code, 404)
        self.assertEqual(self.client.post(self.p_url(f"{self.water.pk}/", self.other), FORM).status_code, 404)
        self.assertEqual(self.client.get("/p/999999/eservice/1/").status_code, 404)
        self.assertFalse(ServiceRequest.objects.exists())
