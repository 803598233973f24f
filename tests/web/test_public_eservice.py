"""The public E-Service page: the open services with what the OIT item asks to be shown (unit,
time, fee or "ไม่มีค่าธรรมเนียม", documents or "ไม่มี") and links to apply and to each manual."""

from __future__ import annotations

from prongsai.web.eservice.models import RequestType
from tests.web.test_eservice_world import EserviceTestCase


class PublicEserviceTestCase(EserviceTestCase):
    def test_it_works(self):
        response = self.client.get(self.p_url())
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("Set-Cookie", response.headers)
        self.assertContains(response, "ขอรับการสนับสนุนน้ำอุปโภคบริโภค")
        self.assertContains(response, "ขอสำเนาใบเสร็จรับเงินค่าภาษี")
        self.assertNotContains(response, "ขออนุญาตใช้สนามกีฬา")  # closed
        self.assertContains(response, "ไม่มีค่าธรรมเนียม")  # water has no fee
        self.assertContains(response, "ฉบับละ 10 บาท")
        self.assertContains(response, "สำเนาบัตรประจำตัวประชาชน")
        self.assertContains(response, "ไม่มี</dd>")  # the finance service asks for no document
        self.assertContains(response, "3 วันทำการ")
        self.assertContains(response, f"/p/{self.agency.pk}/eservice/{self.water.pk}/manual.pdf")
        self.assertContains(response, f"/p/{self.agency.pk}/eservice/{self.water.pk}/")
        self.assertContains(response, f"/p/{self.agency.pk}/eservice/status/")
        self.assertContains(response, f"/p/{self.agency.pk}/eservice/statistics/")

    def test_an_agency_without_services_says_so(self):
        RequestType.objects.filter(agency=self.agency).update(is_open=False)
        self.assertContains(self.client.get(self.p_url()), "ยังไม่มีบริการที่เปิดรับคำขอทางเว็บไซต์")

    def test_it_checks_ownership(self):
        RequestType.objects.filter(pk=self.theirs.pk).update(name="บริการของหน่วยงานบี")
        response = self.client.get(self.p_url())
        self.assertNotContains(response, "บริการของหน่วยงานบี")
        self.assertContains(self.client.get(self.p_url(agency=self.other)), "บริการของหน่วยงานบี")
        self.assertEqual(self.client.get("/p/999999/eservice/").status_code, 404)
        self.assertEqual(self.client.post(self.p_url()).status_code, 405)
