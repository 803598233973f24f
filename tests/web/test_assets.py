"""The catalogue page and its files (?format=csv|xlsx: the same rows, Thai headers)."""

from __future__ import annotations

import csv
import io

import openpyxl

from prongsai.web.audit.models import AuditEntry
from prongsai.web.borrowing.models import Asset
from tests.web.test_borrowing_world import BorrowingTestCase


class AssetsTestCase(BorrowingTestCase):
    def test_it_works(self):
        loan, _ = self.public_loan({self.chair: 30})
        self.lend(loan)
        self.login(self.viewer)
        response = self.client.get(self.a_url("assets/"))
        for name in ("เต็นท์ผ้าใบ", "เก้าอี้พลาสติก", "รถบรรทุกน้ำ"):
            self.assertContains(response, name)
        self.assertNotContains(response, "เพิ่มพัสดุ</a>")  # a viewer adds nothing
        self.assertEqual(response.context["out"], {self.chair.pk: 30})
        Asset.objects.filter(pk=self.truck.pk).update(retired=True)
        self.assertNotContains(self.client.get(self.a_url("assets/")), "รถบรรทุกน้ำ")
        self.assertContains(self.client.get(self.a_url("assets/?show=all")), "รถบรรทุกน้ำ")

    def test_files_have_the_same_rows(self):
        self.login(self.member)
        response = self.client.get(self.a_url("assets/?format=csv"))
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(rows[0][:3], ["หมายเลขพัสดุ/ครุภัณฑ์", "ชื่อพัสดุ", "กอง/สำนักที่ดูแล"])
        self.assertEqual(sorted(r[1] for r in rows[1:]), ["รถบรรทุกน้ำ", "เก้าอี้พลาสติก", "เต็นท์ผ้าใบ"])
        response = self.client.get(self.a_url("assets/?format=xlsx"))
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        values = [[c.value for c in row] for row in sheet.iter_rows()]
        header = values.index(next(r for r in values if r[0] == "หมายเลขพัสดุ/ครุภัณฑ์"))
        self.assertEqual(len([r for r in values[header + 1:] if r[0]]), 3)
        self.assertEqual(self.client.get(self.a_url("assets/?format=pdf")).status_code, 404)
        self.assertEqual(AuditEntry.objects.filter(agency=self.agency, action=AuditEntry.DOWNLOAD).count(), 2)

    def test_it_checks_ownership(self):
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("assets/")).status_code, 404)
        response = self.client.get(f"/a/{self.other.pk}/assets/?format=csv")
        self.assertNotIn("เต็นท์ผ้าใบ", response.content.decode("utf-8-sig"))
        self.assertIn("เต็นท์ของหน่วยงานบี", response.content.decode("utf-8-sig"))
