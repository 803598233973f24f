"""Adding an asset to the catalogue: editors of the agency, and unit staff for their own unit
only; every field's bad input is a Thai error that names it; the picture is checked by its content
and saved without its metadata, with the asset or not at all; audited."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.web.audit.models import AuditEntry
from prongsai.web.borrowing.models import Asset, AssetPhoto
from tests.web.test_borrowing_world import BorrowingTestCase

GOOD = {"code": "020-66-0001", "name": "เครื่องเสียงพร้อมลำโพง", "quantity": "1", "count_unit": "ชุด",
        "condition": "good", "public_may_borrow": "on", "max_days": "3", "notes": "ลำโพง 2 ตู้"}


def jpeg_with_gps(size=(60, 40)) -> bytes:
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "LeakyCameraMaker"
    exif[0x8825] = {2: (13.0, 45.0, 0.0)}
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


class AssetNewTestCase(BorrowingTestCase):
    def test_it_works(self):
        self.login(self.member)
        url = self.a_url("assets/new/")
        self.assertContains(self.client.get(url), "เพิ่มพัสดุที่ให้ยืม")
        photo = SimpleUploadedFile("ของสมชาย.jpg", jpeg_with_gps(), content_type="image/jpeg")
        response = self.client.post(url, {**GOOD, "unit": self.office.pk, "photo_file": photo})
        asset = Asset.objects.get(agency=self.agency, code="020-66-0001")
        self.assertRedirects(response, self.a_url(f"assets/{asset.pk}/"), fetch_redirect_response=False)
        self.assertEqual((asset.quantity, asset.max_days, asset.unit, asset.public_may_borrow), (1, 3, self.office, True))
        data = bytes(AssetPhoto.objects.get(asset=asset).data)
        self.assertTrue(data.startswith(b"\xff\xd8\xff"))
        self.assertNotIn(b"LeakyCameraMaker", data)
        self.assertNotIn(b"Exif", data)
        entry = AuditEntry.objects.get(agency=self.agency, object_type="พัสดุ")
        self.assertEqual(entry.user, self.member)
        self.assertIn("เพิ่มพัสดุ เครื่องเสียงพร้อมลำโพง", entry.summary)

    def test_a_large_picture_is_scaled_down(self):
        from PIL import Image

        self.login(self.owner)
        photo = SimpleUploadedFile("big.jpg", jpeg_with_gps((3200, 1800)), content_type="image/jpeg")
        self.client.post(self.a_url("assets/new/"), {**GOOD, "unit": self.office.pk, "photo_file": photo})
        data = bytes(AssetPhoto.objects.get(asset__code=GOOD["code"]).data)
        with Image.open(io.BytesIO(data)) as picture:
            self.assertEqual(max(picture.size), 1600)

    def test_bad_input_names_the_field_and_saves_nothing(self):
        self.login(self.owner)
        url = self.a_url("assets/new/")
        fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not a picture", content_type="image/jpeg")
        pdf = SimpleUploadedFile("photo.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
        broken = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, content_type="image/png")
        cases = [
            ({"code": ""}, "code", "กรุณากรอกหมายเลขพัสดุ"),
            ({"code": "020-65-0001"}, "code", "มีอยู่แล้ว"),  # the tent's
            ({"name": " "}, "name", "กรุณากรอกชื่อพัสดุ"),
            ({"unit": ""}, "unit", "เลือกกอง/สำนัก"),
            ({"unit": str(self.other.units.first().pk)}, "unit", "เลือกกอง/สำนักจากรายการ"),
            ({"quantity": "0"}, "quantity", "ต้องไม่น้อยกว่า 1"),
            ({"quantity": "ห้า"}, "quantity", "ตัวเลขจำนวนเต็ม"),
            ({"count_unit": ""}, "count_unit", "หน่วยนับ"),
            ({"max_days": "91"}, "max_days", "ต้องไม่เกิน 90"),
            ({"condition": "lost"}, "condition", ""),
            ({"photo_file": fake}, "photo_file", "JPG หรือ PNG"),
            ({"photo_file": pdf}, "photo_file", "JPG หรือ PNG"),
            ({"photo_file": broken}, "photo_file", "เปิดรูปภาพ"),
        ]
        for change, field, words in cases:
            for upload in change.values():
                if hasattr(upload, "seek"):
                    upload.seek(0)
            response = self.client.post(url, {**GOOD, "unit": self.office.pk, **change})
            self.assertEqual(response.status_code, 400, change)
            errors = response.context["form"].errors
            self.assertIn(field, errors, change)
            self.assertIn(words, " ".join(errors[field]), change)
        self.assertFalse(Asset.objects.filter(code=GOOD["code"]).exists())
        self.assertFalse(AssetPhoto.objects.exists())
        self.assertFalse(AuditEntry.objects.filter(object_type="พัสดุ").exists())

    def test_unit_staff_add_to_their_own_unit_only(self):
        self.login(self.unit_editor)  # กองคลัง
        response = self.client.post(self.a_url("assets/new/"), {**GOOD, "unit": self.office.pk})
        self.assertIn("unit", response.context["form"].errors)
        response = self.client.post(self.a_url("assets/new/"), {**GOOD, "unit": self.finance.pk})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Asset.objects.get(code=GOOD["code"]).unit, self.finance)

    def test_viewers_and_supervisors_cannot_add(self):
        for user in (self.viewer, self.approver, self.supervisor):
            self.login(user)
            self.assertEqual(self.client.post(self.a_url("assets/new/"), {**GOOD, "unit": self.office.pk}).status_code,
                             403)
        self.assertFalse(Asset.objects.filter(code=GOOD["code"]).exists())

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("assets/new/")).status_code, 404)
        self.assertEqual(self.client.post(self.a_url("assets/new/"), {**GOOD, "unit": self.office.pk}).status_code, 404)
        self.assertFalse(Asset.objects.filter(code=GOOD["code"]).exists())
