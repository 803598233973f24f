"""Defining a request type in the web: the service's facts, the fields asked (a table: label, kind,
required, choices) and the steps, checked together with Thai errors naming the row — nothing is
saved until all of it is right; the citizen's form is then built from it."""

from __future__ import annotations

from prongsai.web.audit.models import AuditEntry
from prongsai.web.eservice.models import RequestType
from tests.web.test_eservice_world import EserviceTestCase, type_post


class EserviceTypeNewTestCase(EserviceTestCase):
    def post(self, **changes):
        data = type_post(unit=str(self.agency.units.get(name="กองช่าง").pk))
        fields, steps = changes.pop("fields", None), changes.pop("steps", None)
        if fields is not None or steps is not None:
            data = type_post(fields, steps, unit=data["unit"])
        for key, value in changes.items():
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
        return self.client.post(self.e_url("types/new/"), data)

    def test_it_works(self):
        self.login(self.member)
        response = self.client.get(self.e_url("types/new/"))
        self.assertContains(response, "ข้อมูลที่ถามในแบบคำขอ")
        self.assertContains(response, "รับคำขอและตรวจสอบความครบถ้วน")  # the usual steps to start from
        response = self.post(documents_text="1. สำเนาบัตรประจำตัวประชาชน\n- ภาพถ่ายจุดที่ชำรุด\n\n")
        self.assertRedirects(response, self.e_url("types/"), fetch_redirect_response=False)
        rtype = RequestType.objects.get(name="ขอซ่อมไฟฟ้าส่องสว่างสาธารณะ")
        self.assertEqual(rtype.unit.name, "กองช่าง")
        self.assertEqual(rtype.documents, ["สำเนาบัตรประจำตัวประชาชน", "ภาพถ่ายจุดที่ชำรุด"])
        self.assertEqual([f["label"] for f in rtype.fields], ["บ้านเลขที่และหมู่ที่", "ประเภทไฟที่ชำรุด", "วันที่พบ"])
        self.assertEqual(rtype.fields[1]["choices"], ["หลอดขาด", "เสาล้ม", "สายไฟขาด"])
        self.assertEqual([f["required"] for f in rtype.fields], [True, True, False])
        self.assertEqual(rtype.steps[1], {"text": "ออกซ่อม", "responsible": "งานไฟฟ้า", "time": "5 วันทำการ"})
        entry = AuditEntry.objects.get(object_type="ประเภทบริการ", action=AuditEntry.CREATE)
        self.assertIn("ประเภทไฟที่ชำรุด (ตัวเลือก, ต้องกรอก: หลอดขาด / เสาล้ม / สายไฟขาด)",
                      entry.changes["ข้อมูลที่ถามในแบบคำขอ"][1])
        # the public form is built from it
        self.client.logout()
        response = self.client.get(self.p_url(f"{rtype.pk}/"))
        self.assertContains(response, "ประเภทไฟที่ชำรุด")
        self.assertContains(response, 'type="radio"')
        self.assertContains(response, "สายไฟขาด")

    def test_bad_input_names_the_row_and_saves_nothing(self):
        self.login(self.owner)
        cases = [
            ({"name": ""}, "กรุณากรอกชื่อบริการ"),
            ({"name": "ขอรับการสนับสนุนน้ำอุปโภคบริโภค"}, "มีบริการชื่อนี้อยู่แล้ว"),
            ({"description": "สั้น"}, "สั้นเกินไป"),
            ({"unit": ""}, "เลือกส่วนงานที่รับผิดชอบบริการนี้"),
            ({"unit": str(self.other.units.first().pk)}, "unit"),
            ({"working_days": "0"}, "ตั้งแต่ 1 ถึง 180 วัน"),
            ({"working_days": "181"}, "ตั้งแต่ 1 ถึง 180 วัน"),
            ({"working_days": "สามวัน"}, "ระยะเวลาดำเนินการต้องเป็นจำนวนวันทำการ"),
            ({"documents_text": "ก" * 201}, "ยาวเกิน 200 ตัวอักษร"),
            ({"fields": [{"label": "ประเภท", "kind": "choice", "choices": "อย่างเดียว"}]},
             "ช่องที่ 1 “ประเภท”: ชนิด “ตัวเลือก” ต้องมีตัวเลือกอย่างน้อย 2 ตัวเลือก"),
            ({"fields": [{"label": "ที่อยู่"}, {"label": "ที่อยู่ "}]}, "ช่องที่ 2 “ที่อยู่”: ชื่อช่องซ้ำกับช่องที่ 1"),
            ({"fields": [{"label": "ที่อยู่", "kind": "text", "choices": "ก\nข"}]}, "ไม่ใช้ตัวเลือก"),
            ({"fields": [{"label": "", "help": "เช่น 12 หมู่ 3"}]}, "ช่องที่ 1: กรุณากรอกชื่อช่อง"),
            ({"fields": [{"label": "ชื่อ-นามสกุล"}]}, "ถามชื่อ-นามสกุลและช่องทางติดต่อกลับของผู้ยื่นคำขอทุกครั้งอยู่แล้ว"),
            ({"fields": [{"label": "ก", "kind": "picture"}]}, "ช่องที่ 1 (ชนิดข้อมูล)"),
            ({"fields": [{"label": "ก" * 151}]}, "ช่องที่ 1 (สิ่งที่ถาม)"),
            ({"fields": [{"label": f"คำถาม {n}"} for n in range(21)]}, "ไม่เกิน 20 ช่อง"),
            ({"steps": [{"text": "รับคำขอ"}]}, "ขั้นตอนที่ 1: กรุณากรอกระยะเวลาของขั้นตอน"),
            ({"steps": [{"time": "1 วัน"}]}, "ขั้นตอนที่ 1: กรุณากรอกรายละเอียดของขั้นตอน"),
            ({"steps": []}, "อย่างน้อย 1 ขั้นตอน"),
            ({"fields-TOTAL_FORMS": None}, "ข้อมูลในตารางไม่ครบ"),  # a broken table (management form)
        ]
        for change, message in cases:
            response = self.post(**change)
            self.assertEqual(response.status_code, 400, change)
            self.assertContains(response, "ยังไม่ได้บันทึก", status_code=400)
            if message == "unit":
                self.assertIn("unit", response.context["form"].errors)
            else:
                self.assertContains(response, message, status_code=400, msg_prefix=str(change))
        self.assertFalse(RequestType.objects.filter(name="ขอซ่อมไฟฟ้าส่องสว่างสาธารณะ").exists())
        self.assertFalse(AuditEntry.objects.filter(object_type="ประเภทบริการ").exists())

    def test_who_may_define_types(self):
        for user in (self.viewer, self.supervisor, self.unit_editor):
            self.login(user)
            self.assertEqual(self.client.get(self.e_url("types/new/")).status_code, 403, user.username)
            self.assertEqual(self.post().status_code, 403, user.username)
        self.assertFalse(RequestType.objects.filter(name="ขอซ่อมไฟฟ้าส่องสว่างสาธารณะ").exists())
        for user in (self.owner, self.admin):
            self.login(user)
            self.assertEqual(self.client.get(self.e_url("types/new/")).status_code, 200, user.username)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.e_url("types/new/")).status_code, 404)
        self.assertEqual(self.post().status_code, 404)
        self.assertFalse(RequestType.objects.filter(name="ขอซ่อมไฟฟ้าส่องสว่างสาธารณะ").exists())
