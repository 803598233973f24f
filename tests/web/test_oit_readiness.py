"""The readiness page: the checker's latest verdict on the pages the OIT checklist names, by
item and owner unit, with the history of checks."""

from __future__ import annotations

import os
from unittest import mock

from prongsai.web.oit import readiness
from prongsai.web.oit.models import OitCheck, OitRun
from tests.oit_check.site import Site, html
from tests.web.base import BaseTestCase

CONTACT = ("<h1>ข้อมูลการติดต่อ</h1><p>องค์การบริหารส่วนตำบลลาดหญ้า หมู่ที่ 1 ตำบลลาดหญ้า อำเภอเมือง "
           "จังหวัดกาญจนบุรี โทรศัพท์ 034-123456 อีเมล saraban@ladya.go.th</p>")


class ReadinessTestCase(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.site = Site({"/structure": html("<h1>โครงสร้างองค์กร</h1><p>แผนผังโครงสร้างส่วนราชการ กองคลัง "
                                             "สำนักปลัด อำนาจหน้าที่ตามพระราชบัญญัติสภาตำบล</p>"),
                          "/contact": html(CONTACT)})
        self.site.__enter__()
        self.addCleanup(self.site.__exit__)
        OitCheck.objects.filter(agency=self.agency, fiscal_year=2567, code="O1").update(url=self.site.url + "/structure")
        OitCheck.objects.create(agency=self.agency, fiscal_year=2567, code="O3", url=self.site.url + "/gone",
                                owner=self.finance)
        patches = [mock.patch.dict(os.environ, {"PRONGSAI_OIT_ALLOW_PRIVATE": "1"}),
                   mock.patch.object(readiness, "spawn", lambda function, run_id: function(run_id))]
        for patch in patches:
            patch.start()
            self.addCleanup(patch.stop)

    def test_it_works(self):
        self.login(self.member)
        page = self.client.get(self.a_url("oit/2567/readiness/"))
        self.assertContains(page, "ยังไม่เคยตรวจ")
        self.client.post(self.a_url("oit/2567/readiness/run/"))
        run = OitRun.objects.get(agency=self.agency)
        self.assertEqual(run.state, OitRun.DONE)
        page = self.client.get(self.a_url("oit/2567/readiness/")).content.decode()
        row = page.split('id="readiness-O3"', 1)[1].split("</tr>", 1)[0]
        self.assertIn("เปิดหน้าเว็บไม่ได้", row)
        self.assertIn("ไม่พบหน้านี้บนเว็บไซต์", row)
        self.assertIn("ยังไม่ได้ระบุลิงก์", page)  # items without a link
        self.assertIn("ประวัติการตรวจ", page)
        self.assertIn("คะแนนรวมจะเป็นประมาณ", page)  # with the last result's IIT and EIT (2564)
        self.assertIn(self.site.url + "/structure", str(run.report))

    def test_a_unit_sees_its_own_items(self):
        readiness.start(self.agency, 2567, self.owner)
        self.login(self.unit_editor)  # ผู้บันทึก of กองคลัง
        page = self.client.get(self.a_url("oit/2567/readiness/")).content.decode()
        self.assertIn('id="readiness-O3"', page)
        self.assertNotIn('id="readiness-O1"', page)
        everyone = self.client.get(self.a_url("oit/2567/readiness/"), {"unit": ""}).content.decode()
        self.assertIn('id="readiness-O1"', everyone)

    def test_a_run_in_progress_is_polled_and_a_dead_one_is_said_stopped(self):
        run = OitRun.objects.create(agency=self.agency, fiscal_year=2567)
        self.login(self.viewer)
        page = self.client.get(self.a_url("oit/2567/readiness/")).content.decode()
        self.assertIn('hx-trigger="every 3s"', page)
        self.assertIn("กำลังตรวจหน้าเว็บ", page)
        OitRun.objects.filter(pk=run.pk).update(started_at=run.started_at - readiness.STUCK * 2)
        page = self.client.get(self.a_url("oit/2567/readiness/")).content.decode()
        self.assertNotIn('hx-trigger="every 3s"', page)
        self.assertIn("หยุดไปก่อนตรวจเสร็จ", page)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("oit/2567/readiness/")).status_code, 404)
