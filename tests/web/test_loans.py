"""The register (ทะเบียนคุมการยืม-คืนพัสดุ): one row per asset of each loan, filtered by fiscal year,
asset and status (overdue too), the reminders due today, and its files with the same rows."""

from __future__ import annotations

import csv
import io

import openpyxl

from prongsai.services import borrowing as rules
from prongsai.thai import fiscal_year_of
from prongsai.web.borrowing.models import Loan
from tests.web.test_borrowing_world import BorrowingTestCase


class LoansTestCase(BorrowingTestCase):
    def make_loans(self) -> dict[str, Loan]:
        waiting, _ = self.public_loan({self.tent: 2, self.chair: 30})
        out = self.lend(self.staff_loan(asset=self.truck))
        late = self.lend(self.staff_loan(asset=self.chair, quantity=10, start=0, days=2))
        Loan.objects.filter(pk=late.pk).update(start_on=self.day(-6), end_on=self.day(-4), handed_on=self.day(-6),
                                               requested_on=self.day(-7))
        tomorrow = self.lend(self.staff_loan(asset=self.tent, quantity=1, start=0, days=2))
        return {"waiting": waiting, "out": out, "late": late, "tomorrow": tomorrow}

    def test_it_works(self):
        loans = self.make_loans()
        self.login(self.viewer)
        response = self.client.get(self.a_url("loans/"))
        self.assertContains(response, "ทะเบียนคุมการยืม-คืนพัสดุ")
        self.assertEqual(response.context["counts"], {"waiting": 1, "out": 3, "overdue": 1})
        rows = list(response.context["page"])
        self.assertEqual(len(rows), 5)  # the waiting request has two assets: two rows
        self.assertContains(response, "เกินกำหนดส่งคืน 4 วัน")
        reminders = response.context["reminders"]
        self.assertEqual([(r.kind, r.loan.pk) for r in reminders],
                         [(rules.OVERDUE, loans["late"].pk), (rules.DUE_TOMORROW, loans["out"].pk),
                          (rules.DUE_TOMORROW, loans["tomorrow"].pk)])
        self.assertContains(response, "ต้องติดตามวันนี้")

    def test_filters(self):
        loans = self.make_loans()
        self.login(self.member)
        for query, expected in (
            ("status=overdue", {loans["late"].pk}),
            ("status=requested", {loans["waiting"].pk}),
            ("status=open", {loan.pk for loan in loans.values()}),
            (f"asset={self.truck.pk}", {loans["out"].pk}),
            (f"asset={self.chair.pk}&status=handed_over", {loans["late"].pk}),
            ("year=all&status=returned", set()),
        ):
            page = self.client.get(self.a_url(f"loans/?{query}")).context["page"]
            self.assertEqual({line.loan_id for line in page}, expected, query)
        last_year = fiscal_year_of(self.today) - 1
        Loan.objects.filter(pk=loans["late"].pk).update(fiscal_year=last_year)
        self.assertEqual(len(self.client.get(self.a_url("loans/")).context["page"]), 4)
        self.assertEqual(len(self.client.get(self.a_url(f"loans/?year={last_year}")).context["page"]), 1)
        self.assertEqual(len(self.client.get(self.a_url("loans/?year=all")).context["page"]), 5)
        for bad in ("year=1999", "year=abc", "asset=999999", f"asset={self.other_tent.pk}", "status=lost"):
            self.assertEqual(self.client.get(self.a_url(f"loans/?{bad}")).status_code, 404, bad)

    def test_files_have_the_same_rows_thai_headers_and_be_dates(self):
        loans = self.make_loans()
        self.login(self.member)
        response = self.client.get(self.a_url("loans/?format=csv&status=handed_over"))
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        header = rows[0]
        self.assertEqual(header[:3], ["เลขที่", "วันที่ยื่นคำขอ", "ผู้ยืม"])
        self.assertEqual(len(rows) - 1, 3)
        late = next(r for r in rows[1:] if r[0] == loans["late"].number)
        self.assertEqual(late[header.index("เกินกำหนด (วัน)")], "4")
        self.assertIn(str(self.day(-6).year + 543), late[header.index("วันที่ยืม")])  # Buddhist era
        response = self.client.get(self.a_url("loans/?format=xlsx&year=all"))
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        values = [[c.value for c in row] for row in sheet.iter_rows()]
        start = next(i for i, r in enumerate(values) if r[0] == "เลขที่")
        self.assertEqual(len([r for r in values[start + 1:] if r[0]]), 5)
        self.assertEqual(self.client.get(self.a_url("loans/?format=docx")).status_code, 404)

    def test_it_rejects_post(self):
        self.login(self.member)
        self.assertEqual(self.client.post(self.a_url("loans/")).status_code, 405)

    def test_it_checks_ownership(self):
        self.make_loans()
        self.login(self.stranger)
        self.assertEqual(self.client.get(self.a_url("loans/")).status_code, 404)
        response = self.client.get(f"/a/{self.other.pk}/loans/?format=csv&year=all")
        self.assertEqual(len(list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))), 1)
        self.assertEqual(len(self.client.get(f"/a/{self.other.pk}/loans/?year=all").context["page"]), 0)
