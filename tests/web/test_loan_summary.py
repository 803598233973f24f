"""The yearly summary page and its files, counted from the register: the hand-counted register of
tests/services/test_borrowing.py entered as loans of agency A, and the same figures expected."""

from __future__ import annotations

import csv
import io
from unittest import mock

import openpyxl

from prongsai.services import borrowing as rules
from prongsai.web.borrowing.models import Asset, Loan, LoanLine
from tests.services.test_borrowing import AS_OF, FY, HAND_COUNTED, register
from tests.web.test_borrowing_world import BorrowingTestCase


class LoanSummaryTestCase(BorrowingTestCase):
    def enter_register(self) -> dict[str, Asset]:
        units = {"สำนักปลัด": self.office, "กองการศึกษา": self.agency.units.get(name__startswith="กองการศึกษา"),
                 "กองช่าง": self.works}
        assets: dict[str, Asset] = {}
        loans: dict[str, Loan] = {}
        for line in register():
            code, name = line.asset.split(" ", 1)
            asset = assets.get(line.asset) or Asset.objects.create(
                agency=self.agency, code=f"S-{code}", name=name, quantity=500, count_unit="ชิ้น", unit=units[line.unit])
            assets[line.asset] = asset
            seq, year = (int(x) for x in line.number.split("/"))
            loan = loans.get(line.number) or Loan.objects.create(
                agency=self.agency, fiscal_year=year, seq=seq, status=line.status, borrower_kind=line.borrower,
                borrower_name="ผู้ยืม", purpose_kind=line.purpose, purpose="งาน", place="ที่", start_on=line.start,
                end_on=line.due, requested_on=line.start, handed_on=line.handed_on, returned_on=line.returned_on)
            loans[line.number] = loan
            LoanLine.objects.create(loan=loan, asset=asset, quantity=line.quantity, damaged=line.damaged, lost=line.lost)
        return assets

    def get(self, url: str):
        with mock.patch("django.utils.timezone.localdate", return_value=AS_OF):
            return self.client.get(url)

    def test_it_works(self):
        assets = self.enter_register()
        self.login(self.viewer)
        response = self.get(self.a_url(f"loans/summary/?year={FY}"))
        self.assertContains(response, f"สรุปผลการยืม-คืนพัสดุ ปีงบประมาณ {FY}")
        summary = response.context["summary"]
        self.assertEqual(summary.total.counts, HAND_COUNTED["total"])
        by_asset = {g.key: g.tally.counts for g in summary.by_asset}
        for key, asset in assets.items():
            if key in HAND_COUNTED:
                self.assertEqual(by_asset[f"{asset.name} ({asset.code})"], HAND_COUNTED[key], key)
        self.assertEqual({g.key: g.tally.counts for g in summary.by_unit}["กองช่าง"], HAND_COUNTED["กองช่าง"])
        self.assertEqual({g.key: g.tally.counts for g in summary.by_borrower}[rules.PUBLIC],
                         HAND_COUNTED[rules.PUBLIC])
        self.assertEqual(response.context["years"], [FY, FY - 1])
        # the year before: one loan
        self.assertEqual(self.get(self.a_url(f"loans/summary/?year={FY - 1}")).context["summary"].total.requests, 1)

    def test_files(self):
        self.enter_register()
        self.login(self.member)
        response = self.get(self.a_url(f"loans/summary/?year={FY}&format=csv"))
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        self.assertEqual(rows[0][:3], ["กลุ่ม", "รายการ", "คำขอยืม (ครั้ง)"])
        self.assertEqual([int(x) for x in rows[1][2:]], list(HAND_COUNTED["total"]))
        response = self.get(self.a_url(f"loans/summary/?year={FY}&format=xlsx"))
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(book.sheetnames, ["ตามรายการพัสดุ", "ตามกองสำนัก", "ตามประเภทผู้ยืม", "ตามวัตถุประสงค์"])
        sheet = book["ตามประเภทผู้ยืม"]
        values = [[c.value for c in row] for row in sheet.iter_rows()]
        self.assertIn(f"สรุปผลการยืม-คืนพัสดุ ประจำปีงบประมาณ พ.ศ. {FY}", values[0][0])
        total = next(r for r in values if r[0] == "รวมทั้งหมด")
        self.assertEqual(tuple(total[1:]), HAND_COUNTED["total"])
        public = next(r for r in values if r[0] == "ประชาชน ชุมชน หรือองค์กรในพื้นที่")
        self.assertEqual(tuple(public[1:]), HAND_COUNTED[rules.PUBLIC])

    def test_a_year_without_loans_and_bad_years(self):
        self.login(self.viewer)
        response = self.client.get(self.a_url("loans/summary/"))
        self.assertContains(response, "ยังไม่มีการยืมพัสดุในปีงบประมาณ")
        for bad in ("abc", "2400", "1999"):
            self.assertEqual(self.client.get(self.a_url(f"loans/summary/?year={bad}")).status_code, 404, bad)
        self.assertEqual(self.client.get(self.a_url("loans/summary/?format=pdf")).status_code, 404)

    def test_it_checks_ownership(self):
        self.enter_register()
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("loans/summary/")).status_code, 404)
        response = self.get(f"/a/{self.other.pk}/loans/summary/")
        self.assertTrue(response.context["summary"].empty)
