"""The system administrator's audit page: every entry, including those without an agency."""

from __future__ import annotations

from prongsai.web.audit import log
from prongsai.web.audit.models import AuditEntry
from tests.web.base import BaseTestCase

URL = "/audit/"


class SystemAuditLogTestCase(BaseTestCase):
    def test_it_works(self):
        self.login(self.admin)
        self.client.post("/supervisors/", {"username": "newsup", "full_name": "ผู้กำกับ ใหม่", "province": "ราชบุรี",
                                          "agency_type": ""})
        log.sign_in_failed(None, "mallory")
        r = self.client.get(URL)
        self.assertEqual(r.status_code, 200)
        self.assertContains(r, "บันทึกการใช้งานทั้งระบบ")
        self.assertContains(r, "เข้าสู่ระบบด้วยชื่อ mallory ไม่สำเร็จ")
        self.assertContains(r, "ให้ newsup กำกับดูแล")  # a supervisor scope: no agency
        self.assertContains(r, "ระดับระบบ")  # entries without an agency are labelled so
        self.assertContains(r, self.agency.name)  # and agencies' entries are there too

    def test_it_filters_by_kind_and_scope(self):
        self.login(self.admin)
        log.sign_in_failed(None, "mallory")
        log.record(self.owner, self.agency, "update", "ทดสอบ", None, "แก้ไขข้อมูลทดสอบของหน่วยงาน")
        r = self.client.get(URL, {"kind": "signin"})
        self.assertContains(r, "mallory")
        self.assertNotContains(r, "แก้ไขข้อมูลทดสอบของหน่วยงาน")
        r = self.client.get(URL, {"kind": "change"})
        self.assertNotContains(r, "mallory ไม่สำเร็จ")
        self.assertContains(r, "แก้ไขข้อมูลทดสอบของหน่วยงาน")
        r = self.client.get(URL, {"scope": "system"})
        self.assertContains(r, "mallory")
        self.assertNotContains(r, "แก้ไขข้อมูลทดสอบของหน่วยงาน")
        r = self.client.get(URL, {"scope": "agencies", "q": "ทดสอบของหน่วยงาน"})
        self.assertContains(r, "แก้ไขข้อมูลทดสอบของหน่วยงาน")
        self.assertNotContains(r, "mallory")
        self.assertEqual(self.client.get(URL, {"kind": "<script>", "scope": "x", "page": "zz"}).status_code, 200)

    def test_it_is_paginated(self):
        for n in range(60):
            log.sign_in_failed(None, f"guess{n:02d}")
        self.login(self.admin)
        r = self.client.get(URL, {"kind": "signin"})
        self.assertContains(r, "guess59")
        self.assertNotContains(r, "guess05")
        self.assertContains(r, "หน้า 1 จาก 2")
        self.assertContains(self.client.get(URL, {"kind": "signin", "page": 2}), "guess05")

    def test_it_rejects_post(self):
        self.login(self.admin)
        self.assertEqual(self.client.post(URL).status_code, 405)

    def test_it_checks_ownership(self):
        """Only the system administrator: agency administrators, supervisors and members get 404."""
        log.sign_in_failed(None, "mallory")
        for user in (self.owner, self.stranger, self.supervisor, self.member, self.viewer):
            self.login(user)
            r = self.client.get(URL)
            self.assertEqual(r.status_code, 404, user.username)
            self.assertNotContains(r, "mallory", status_code=404)
            self.assertEqual(self.client.post(URL).status_code, 404)
        self.client.logout()
        self.assertEqual(self.client.get(URL).status_code, 302)
        self.assertEqual(AuditEntry.objects.filter(username="mallory").count(), 1)
