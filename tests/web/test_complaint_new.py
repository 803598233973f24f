"""Filing a report of corruption on the public page: anonymous by default, a receipt shown once,
nothing half-saved, nothing kept about the reporter's connection."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.web.complaints.models import Attachment, ChannelSettings, Complaint
from tests.web.complaints_world import REPORT, ComplaintsTestCase


def jpeg_with_gps() -> bytes:
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "LeakyCameraMaker"
    exif[0x8825] = {2: (13.0, 45.0, 0.0)}  # GPSInfo: a latitude
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


class ComplaintNewTestCase(ComplaintsTestCase):
    def test_it_works(self):
        response = self.client.get(self.p_url("complaint/"))
        self.assertContains(response, "ไม่ต้องระบุชื่อ")
        self.assertNotIn("Set-Cookie", response.headers)
        complaint, receipt = self.file_report()
        self.assertEqual(len(receipt), 16)
        self.assertEqual(complaint.status, Complaint.RECEIVED)
        self.assertFalse(complaint.named)
        self.assertEqual(complaint.report()["what"], REPORT["what"])
        self.assertEqual(complaint.number, f"1/{complaint.fiscal_year}")
        # the receipt itself is not kept, only its keyed digest
        self.assertNotIn(receipt, complaint.receipt_digest)
        self.assertNotIn(REPORT["what"].encode(), bytes(complaint.sealed))

    def test_no_cookie_is_set_even_for_a_signed_in_member(self):
        self.login(self.member)
        response = self.client.post(self.p_url("complaint/"), REPORT)
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Set-Cookie", response.headers)
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        self.assertEqual(response.headers["Referrer-Policy"], "no-referrer")

    def test_a_named_report_needs_a_name_and_a_contact(self):
        response = self.client.post(self.p_url("complaint/"), {**REPORT, "identity": "named"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "กรุณากรอกชื่อ-นามสกุล", status_code=400)
        self.assertContains(response, "ช่องทางติดต่อกลับ", status_code=400)
        self.assertFalse(Complaint.objects.exists())
        complaint, _ = self.file_report(identity="named", name="นางสาวผู้แจ้ง ใจกล้า", contact="081-234-5678")
        self.assertTrue(complaint.named)
        self.assertEqual(complaint.report()["contact"], "081-234-5678")

    def test_an_anonymous_report_drops_a_name_typed_before_switching(self):
        complaint, _ = self.file_report(identity="anonymous", name="ชื่อที่พิมพ์ไว้", contact="0812345678")
        self.assertEqual(complaint.report()["name"], "")
        self.assertEqual(complaint.report()["contact"], "")

    def test_bad_input_names_the_field_and_saves_nothing(self):
        cases = [
            ({"category": ""}, "category"),
            ({"category": "private_use"}, "category"),  # not a category the form offers
            ({"concerned": ""}, "concerned"),
            ({"what": "สั้นไป"}, "what"),
            ({"what": "ก" * 10_001}, "what"),
        ]
        for change, field in cases:
            response = self.client.post(self.p_url("complaint/"), {**REPORT, **change})
            self.assertEqual(response.status_code, 400, change)
            self.assertIn(field, response.context["form"].errors, change)
        self.assertFalse(Complaint.objects.exists())

    def test_attachments_are_checked_by_content_and_pictures_lose_their_metadata(self):
        fake = SimpleUploadedFile("evidence.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
        response = self.client.post(self.p_url("complaint/"), {**REPORT, "files": [fake]})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "PDF, JPG หรือ PNG", status_code=400)
        self.assertFalse(Complaint.objects.exists())
        too_many = [SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.4\n%%EOF\n") for i in range(6)]
        response = self.client.post(self.p_url("complaint/"), {**REPORT, "files": too_many})
        self.assertContains(response, "ไม่เกิน 5 ไฟล์", status_code=400)
        photo = SimpleUploadedFile("สมชาย-ถ่ายเอง.jpg", jpeg_with_gps(), content_type="image/jpeg")
        complaint, _ = self.file_report(files=[photo])
        attachment = Attachment.objects.get(complaint=complaint)
        self.assertEqual(attachment.name, "ไฟล์แนบ-1.jpg")  # the reporter's file name is not kept
        data = attachment.data()
        self.assertTrue(data.startswith(b"\xff\xd8\xff"))
        self.assertNotIn(b"LeakyCameraMaker", data)
        self.assertNotIn(b"Exif", data)
        self.assertNotIn(b"LeakyCameraMaker", bytes(attachment.sealed))

    def test_a_bot_filling_the_hidden_field_gets_a_page_but_no_case(self):
        response = self.client.post(self.p_url("complaint/"), {**REPORT, "website": "http://spam.example"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "ได้รับเรื่องของท่านแล้ว")
        self.assertFalse(Complaint.objects.exists())

    def test_reports_from_one_client_are_throttled(self):
        for _ in range(5):
            self.file_report()
        response = self.client.post(self.p_url("complaint/"), REPORT)
        self.assertEqual(response.status_code, 429)
        self.assertContains(response, "ถี่เกินไป", status_code=429)
        self.assertEqual(Complaint.objects.count(), 5)
        # another client is not held back by the first one's count
        response = self.client.post(self.p_url("complaint/"), REPORT, REMOTE_ADDR="192.0.2.44")
        self.assertEqual(response.status_code, 200)

    def test_a_form_posted_from_another_site_is_refused(self):
        response = self.client.post(self.p_url("complaint/"), REPORT, HTTP_ORIGIN="https://evil.example")
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Complaint.objects.exists())

    def test_a_closed_channel_takes_no_report(self):
        ChannelSettings.objects.filter(agency=self.agency).update(is_open=False, phone="0 3451 2345")
        response = self.client.post(self.p_url("complaint/"), REPORT)
        self.assertContains(response, "ยังไม่เปิดรับเรื่องร้องเรียนทางหน้านี้")
        self.assertContains(response, "0 3451 2345")
        self.assertFalse(Complaint.objects.exists())

    def test_numbers_count_per_agency_and_year(self):
        first, _ = self.file_report()
        second, _ = self.file_report()
        theirs, _ = self.file_report(agency=self.other)
        self.assertEqual((first.seq, second.seq, theirs.seq), (1, 2, 1))

    def test_it_checks_ownership(self):
        complaint, _ = self.file_report()
        self.assertEqual(complaint.agency, self.agency)
        self.assertEqual(self.client.get("/p/999999/complaint/").status_code, 404)
        self.assertEqual(self.client.post("/p/999999/complaint/", REPORT).status_code, 404)
        self.assertFalse(Complaint.objects.filter(agency=self.other).exists())
