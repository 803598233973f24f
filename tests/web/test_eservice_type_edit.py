"""Changing a request type: the form starts from what it has, the change is audited with what
changed (in words, not data), and requests already sent keep their answers."""

from __future__ import annotations

from prongsai.web.audit.models import AuditEntry
from prongsai.web.eservice.models import RequestType
from tests.web.test_eservice_world import EserviceTestCase, type_post


class EserviceTypeEditTestCase(EserviceTestCase):
    def test_it_works(self):
        service_request, _ = self.apply()
        self.login(self.owner)
        url = self.e_url(f"types/{self.water.pk}/edit/")
        response = self.client.get(url)
        self.assertContains(response, 'value="ขอรับการสนับสนุนน้ำอุปโภคบริโภค"')
        self.assertContains(response, 'value="จำนวนสมาชิกในครัวเรือน"')
        self.assertContains(response, "อุปโภค\nบริโภค</textarea>")
        self.assertContains(response, 'value="งานป้องกันและบรรเทาสาธารณภัย"')
        self.assertContains(response, "สำเนาบัตรประจำตัวประชาชน</textarea>")
        data = type_post([{"label": "บ้านเลขที่และหมู่ที่", "kind": "text", "required": "on"}],
                         [{"text": "รับคำขอและจัดส่งน้ำ", "time": "3 วันทำการ"}],
                         name="ขอรับการสนับสนุนน้ำอุปโภคบริโภค", unit=str(self.water.unit.pk), working_days="2",
                         fee="", documents_text="", is_open="")
        response = self.client.post(url, data)
        self.assertRedirects(response, self.e_url("types/"), fetch_redirect_response=False)
        rtype = RequestType.objects.get(pk=self.water.pk)
        self.assertEqual((rtype.working_days, rtype.is_open, rtype.documents), (2, False, []))
        self.assertEqual(len(rtype.fields), 1)
        entry = AuditEntry.objects.get(object_type="ประเภทบริการ", action=AuditEntry.UPDATE)
        self.assertEqual(entry.changes["ระยะเวลาดำเนินการ (วันทำการ)"], ["3", "2"])
        self.assertEqual(entry.changes["เปิดรับคำขอทางเว็บไซต์"], ["ใช่", "ไม่ใช่"])
        self.assertIn("จำนวนสมาชิกในครัวเรือน (ตัวเลข, ต้องกรอก)", entry.changes["ข้อมูลที่ถามในแบบคำขอ"][0])
        service_request.refresh_from_db()
        self.assertEqual(len(service_request.answers), 5)  # as sent
        # closed: the public page no longer takes requests for it
        self.client.logout()
        self.assertEqual(self.client.get(self.p_url(f"{rtype.pk}/")).status_code, 404)

    def test_a_bad_change_saves_nothing(self):
        self.login(self.member)
        data = type_post([{"label": "ใช้น้ำเพื่อ", "kind": "choice", "choices": "อุปโภค"}],
                         name="ชื่อใหม่", unit=str(self.water.unit.pk))
        response = self.client.post(self.e_url(f"types/{self.water.pk}/edit/"), data)
        self.assertContains(response, "ต้องมีตัวเลือกอย่างน้อย 2 ตัวเลือก", status_code=400)
        rtype = RequestType.objects.get(pk=self.water.pk)
        self.assertEqual((rtype.name, len(rtype.fields)), ("ขอรับการสนับสนุนน้ำอุปโภคบริโภค", 5))
        self.assertFalse(AuditEntry.objects.filter(object_type="ประเภทบริการ").exists())

    def test_who_may_change_types(self):
        data = type_post(name="ชื่อใหม่", unit=str(self.water.unit.pk))
        for user in (self.viewer, self.supervisor, self.unit_editor):
            self.login(user)
            self.assertEqual(self.client.get(self.e_url(f"types/{self.finance_type.pk}/edit/")).status_code, 403)
            self.assertEqual(self.client.post(self.e_url(f"types/{self.finance_type.pk}/edit/"), data).status_code, 403)
        self.assertFalse(RequestType.objects.filter(name="ชื่อใหม่").exists())

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        data = type_post(name="ชื่อใหม่", unit=str(self.other.units.first().pk))
        for url in (self.e_url(f"types/{self.water.pk}/edit/"), self.e_url(f"types/{self.water.pk}/edit/", self.other)):
            self.assertEqual(self.client.get(url).status_code, 404, url)
            self.assertEqual(self.client.post(url, data).status_code, 404, url)
        self.assertFalse(RequestType.objects.filter(name="ชื่อใหม่").exists())
