"""Exports everywhere (design §5.7): every list or table page of the workspace answers
?format=csv and ?format=xlsx with the rows it shows (all pages of them) under its Thai headings.

The walk below requests every URL pattern (the isolation test's world fills the parameters) as
the agency's administrator (global pages as the system administrator): a page whose HTML holds a
<table>, or one listed in RECORD_LISTS, must give both files; a new list page without an export
fails here until it gets one or is listed in NOT_LISTS with the reason."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from unittest import mock

import openpyxl
from django.core.paginator import Page
from django.test import RequestFactory, SimpleTestCase
from django.urls import get_resolver
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from prongsai.documents import table_sheets as sheets
from prongsai.web.agencies.models import Agency, Membership
from prongsai.web.audit.models import AuditEntry
from prongsai.web.ui import exports
from tests.web import test_isolation as iso
from tests.web.base import BaseTestCase

CSV, XLSX = sheets.CSV_TYPE, sheets.XLSX_TYPE
# Pages with a <table> that are not lists of records, and why.
NOT_LISTS = {
    "result_form": "a form: the table lays out the score boxes of one year's result",
    "eservice_type_new": "a form: the tables lay out the questions and steps being edited",
    "eservice_type_edit": "a form: the tables lay out the questions and steps being edited",
    "asset_detail": "one asset: its small table of current loans belongs to that record",
    "loan_detail": "one loan: its table is the loan's own items (the register export holds them)",
    "loan_summary": "the yearly summary: exported as the summary workbook (one sheet per grouping)",
    "frameworks": "reference data of NACC's frameworks, the same for every agency (no agency's records)",
}
# Whole areas left to their own engineers (they export with ui.exports too).
NOT_HERE: tuple[str, ...] = ()
# Pages that list records without a <table> (lists, cards): they export too.
RECORD_LISTS = {"units", "supervisors", "invitations", "plan_detail", "measure_progress"}
# Pages whose rows are not the <tr> of their tables: the rows the file must have, from the page's context.
ROW_COUNTS = {
    "supervise": lambda c: c["listed"],  # its charts have tables of their own; the list is the agencies
    "units": lambda c: len(c["units"]),
    "supervisors": lambda c: len(c["scopes"]),
    "invitations": lambda c: len(c["invitations"]),
    "plan_detail": lambda c: len(c["measures"]),
    "measure_progress": lambda c: len(c["entries"]),
}
# Files older than this rule, with their own contract (the official register, with more columns than
# the page, under the register's own headings): their rows are counted against the page's table alone.
OWN_HEADINGS = {"eservice_requests", "assets", "loans"}
# Files with their own contract (set by their owners' tests): a header row on row 1, no title block.
ONE_HEADER_ROW = {"eservice_requests"}


def csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"\xef\xbb\xbf"), "CSV must start with the UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_rows(response, header: list[str]) -> list[list]:
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    rows = [list(r) for r in book.active.iter_rows(values_only=True)]
    at = next(i for i, r in enumerate(rows) if [("" if v is None else str(v)) for v in r[:len(header)]] == header)
    return rows[at + 1:]


def page_tables(html: str) -> list[tuple[list[str], int]]:
    """(visible column headings, data rows) of every table of the page."""
    found = []
    for table in re.findall(r"<table.*?</table>", html, re.S):
        head = re.search(r"<thead.*?</thead>", table, re.S)
        headings = []
        for th in re.findall(r"<th[^>]*>(.*?)</th>", head.group(0) if head else "", re.S):
            if "visually-hidden" in th:
                continue
            headings.append(" ".join(re.sub(r"<[^>]+>", "", th).split()))
        rows = 0
        for body in re.findall(r"<tbody.*?</tbody>", table, re.S):
            for tr in re.findall(r"<tr.*?</tr>", body, re.S):
                if not re.search(r"<td[^>]*colspan", tr):  # "ไม่มีรายการ"
                    rows += 1
        found.append(([h for h in headings if h], rows))
    return found


def context_values(response) -> list:
    context = response.context
    dicts = [context] if isinstance(context, dict) else list(context or [])
    return [v for d in dicts if isinstance(d, dict) for v in d.values()]


def expected_rows(name: str, response, html: str, header: list[str]) -> int:
    if name in ROW_COUNTS:
        return ROW_COUNTS[name](response.context)
    matched = [(heads, rows) for heads, rows in page_tables(html)
               if heads and (name in OWN_HEADINGS or all(h in header for h in heads))]
    assert matched, f"{name}: no table of the page has all its headings in the file's header {header}"
    total = sum(rows for _heads, rows in matched)
    page = next((v for v in context_values(response) if isinstance(v, Page)), None)
    if page is not None:
        total += page.paginator.count - len(page.object_list)  # the other pages
    return total


class ExportWalkTestCase(iso.IsolationTestCase):
    # The isolation checks run in their own module; this class borrows only its world.
    test_every_agency_view_goes_through_the_access_check = None
    test_every_view_has_its_own_test_module = None
    test_a_stranger_gets_404_for_every_agency_url = None
    test_a_supervisor_of_another_province_gets_404 = None
    test_a_supervisor_in_scope_reads_but_writes_nothing = None
    test_global_urls = None
    test_anonymous_users_are_sent_to_login = None

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        Membership.objects.filter(user=cls.owner, agency=cls.agency).update(complaint_officer=True)
        # More rows than one page: the agency list (25 a page) and the audit log (50 a page).
        for n in range(30):
            agency = Agency.objects.create(name=f"เทศบาลตำบลทดสอบ{n:02d}", province="กาญจนบุรี")
            Membership.objects.create(user=cls.admin, agency=agency, role=Membership.VIEWER)
        for n in range(60):
            AuditEntry.objects.create(agency=cls.agency, action=AuditEntry.UPDATE, object_type="ทดสอบ",
                                      summary=f"=แก้ไขรายการทดสอบ {n}", username="alice")

    def visit(self, route: str, name: str):
        self.client.force_login(self.owner if route.startswith("a/") else self.admin)
        url = self.url_for(route, self.params_for(self.agency))
        if name == "oit_checklist":
            url = url.replace("/2564/", "/2567/")  # the year base.py gave an OIT check
        return url, self.client.get(url)

    def test_every_list_page_exports_its_rows(self):
        checked = []
        for route, p in iso.walk(get_resolver().url_patterns):
            if route.startswith(("p/", *NOT_HERE)) or "GET" not in getattr(p.callback, "methods", ("GET",)) or p.name in NOT_LISTS:
                continue
            if "<" in route and not route.startswith("a/<int:agency_id>/") and p.name not in RECORD_LISTS:
                continue  # invitation answers, supervisor removal: POST-only global actions
            url, page = self.visit(route, p.name)
            if page.status_code != 200 or not page.get("Content-Type", "").startswith("text/html"):
                continue  # a download or a redirect, not a page
            html = page.content.decode()
            if "<table" not in html and p.name not in RECORD_LISTS:
                continue
            sep = "&" if "?" in url else "?"
            for fmt, kind in (("csv", CSV), ("xlsx", XLSX)):
                if fmt == "xlsx":  # again: the CSV's download is in the audit log now
                    page = self.client.get(url)
                    html = page.content.decode()
                response = self.client.get(f"{url}{sep}format={fmt}")
                self.assertEqual(response.status_code, 200, f"{p.name}: ?format={fmt} gave {response.status_code}")
                self.assertEqual(response["Content-Type"], kind,
                                 f"{p.name} has a table but no ?format={fmt} export (design §5.7); "
                                 "give it one (prongsai.web.ui.exports) or list it in NOT_LISTS with the reason")
                self.assertIn(f".{fmt}", response["Content-Disposition"], p.name)
                if fmt == "csv":
                    rows = csv_rows(response)
                    header, data = rows[0], rows[1:]
                    self.assertRegex("".join(header), r"[\u0e00-\u0e7f]", f"{p.name}: the header is not Thai")
                    want = expected_rows(p.name, page, html, header)
                    self.assertEqual(len(data), want, f"{p.name}: the CSV has {len(data)} rows, the page {want}")
                elif p.name in ONE_HEADER_ROW:
                    want = expected_rows(p.name, page, html, header)
                    book = openpyxl.load_workbook(io.BytesIO(response.content))
                    self.assertEqual([c.value for c in book.active[1]][:len(header)], header, p.name)
                    self.assertEqual(book.active.max_row - 1, want, p.name)
                else:
                    want = expected_rows(p.name, page, html, header)
                    self.assertEqual(len(xlsx_rows(response, header)), want, f"{p.name}: XLSX rows")
            checked.append(p.name)
        for name in ("home", "system_audit_log", "audit_log", "members", "results", "analysis", "plans",
                     "tracking", "oit_checklist", "complaints", "qa_questions", "eservice_requests",
                     "eservice_types", "assets", "loans", "surveys", *RECORD_LISTS):
            self.assertIn(name, checked, f"{name} was not checked")

    def test_the_control_keeps_the_filters_and_drops_the_page(self):
        self.login(self.owner)
        html = self.client.get(self.a_url("audit/?q=ทดสอบ&page=2")).content.decode()
        self.assertIn("ส่งออก:", html)
        links = re.findall(r'href="(\?[^"]*format=(?:csv|xlsx))"', html)
        self.assertEqual(len(links), 2, links)
        for link in links:
            self.assertIn("q=", link)
            self.assertNotIn("page=", link)

    def test_an_unknown_format_is_404(self):
        self.login(self.owner)
        self.assertEqual(self.client.get(self.a_url("results/?format=pdf")).status_code, 404)
        self.assertEqual(self.client.get(self.a_url("eservice/?format=pdf")).status_code, 404)

    def test_the_download_is_logged(self):
        self.login(self.owner)
        before = AuditEntry.objects.filter(agency=self.agency, action=AuditEntry.DOWNLOAD).count()
        self.client.get(self.a_url("results/?format=xlsx"))
        self.assertEqual(AuditEntry.objects.filter(agency=self.agency, action=AuditEntry.DOWNLOAD).count(), before + 1)

    def test_the_complaint_file_holds_no_sealed_text_and_is_logged_as_an_opening(self):
        self.login(self.owner)
        reads = AuditEntry.objects.filter(agency=self.agency, action=AuditEntry.READ).count()
        response = self.client.get(self.a_url("complaints/?format=csv&show=all"))
        body = response.content.decode("utf-8-sig")
        for secret in ("เนื้อหาเรื่องร้องเรียนลับเฉพาะ", "ผู้ถูกร้องลับเฉพาะ", "ชื่อผู้ร้องลับเฉพาะ", "0800000000"):
            self.assertNotIn(secret, body)
        self.assertIn(self.complaint.number, body)
        self.assertEqual(AuditEntry.objects.filter(agency=self.agency, action=AuditEntry.READ).count(), reads + 1)
        # a supervisor does not see the queue, so not its file either
        self.login(self.supervisor)
        self.assertEqual(self.client.get(self.a_url("complaints/?format=csv")).status_code, 404)

    def test_the_stranger_gets_404_for_the_files(self):
        self.login(self.stranger)
        for suffix in ("results/", "audit/", "members/", "tracking/", "plans/", "qa/"):
            self.assertEqual(self.client.get(self.a_url(suffix + "?format=csv")).status_code, 404, suffix)


class AuditDateRangeTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        zone = timezone.get_current_timezone()
        for day, text in ((date(2025, 12, 1), "ต้นเดือน"), (date(2025, 12, 8), "กลางเดือน"), (date(2025, 12, 20), "ปลายเดือน")):
            # 23:30 local time: that day in Bangkok, although already the next day in UTC+8 and beyond
            with mock.patch("django.utils.timezone.now",
                            return_value=datetime(day.year, day.month, day.day, 23, 30, tzinfo=zone)):
                AuditEntry.objects.create(agency=cls.agency, action=AuditEntry.UPDATE, object_type="ทดสอบ",
                                          summary=f"รายการ{text}", username="alice")

    def test_the_range_filters_the_page_and_the_file(self):
        self.login(self.owner)
        url = self.a_url("audit/?date_from=8/12/2568&date_to=๘ ธ.ค. ๒๕๖๘")
        html = self.client.get(url).content.decode()
        self.assertIn("รายการกลางเดือน", html)
        self.assertNotIn("รายการต้นเดือน", html)
        self.assertNotIn("รายการปลายเดือน", html)
        rows = csv_rows(self.client.get(url + "&format=csv"))
        self.assertEqual([r[6] for r in rows[1:]], ["รายการกลางเดือน"])
        self.assertEqual(rows[1][1], "8 ธ.ค. 2568 เวลา 23:30 น.")
        book = openpyxl.load_workbook(io.BytesIO(self.client.get(url + "&format=xlsx").content))
        self.assertIn("ช่วงวันที่ 8 ธ.ค. 2568 – 8 ธ.ค. 2568", [r[0] for r in book.active.iter_rows(values_only=True)][2])

    def test_a_bad_date_is_a_thai_form_error(self):
        self.login(self.owner)
        for query in ("date_from=31/2/2568", "date_from=hello", "date_from=20/12/2568&date_to=1/12/2568"):
            for fmt in ("", "&format=csv"):
                response = self.client.get(self.a_url(f"audit/?{query}{fmt}"))
                self.assertEqual(response.status_code, 200, query)
                self.assertTrue(response["Content-Type"].startswith("text/html"), query)
                self.assertIn('class="error"', response.content.decode(), query)
                self.assertRegex(response.content.decode(), r"วัน(ที่|สิ้นสุด)[^<]*(ไม่ถูกต้อง|อยู่ก่อนวันเริ่ม)")
                self.assertIn("รายการด้านล่างจึงแสดงทุกวันที่", response.content.decode(), query)

    def test_the_system_log_takes_the_range_too(self):
        self.login(self.admin)
        rows = csv_rows(self.client.get("/audit/?date_from=1/12/2568&date_to=8/12/2568&format=csv"))
        self.assertEqual(sorted(r[7] for r in rows[1:]), ["รายการกลางเดือน", "รายการต้นเดือน"])
        self.assertEqual(self.client.get("/audit/?date_from=xx&format=csv")["Content-Type"][:9], "text/html")


class ExportHelperTestCase(SimpleTestCase):
    def request(self, query: str = ""):
        return RequestFactory().get("/x/" + query)

    def test_no_format_is_none_and_an_unknown_one_404(self):
        from django.http import Http404

        self.assertIsNone(exports.export_response(self.request(), title="t", headers=["ก"], rows=[], filename="f",
                                                  audit=False))
        with self.assertRaises(Http404):
            exports.export_response(self.request("?format=pdf"), title="t", headers=["ก"], rows=[], filename="f",
                                    audit=False)

    def test_csv_has_the_bom_thai_headers_and_guarded_formulas(self):
        rows = [("=SUM(A1:A2)", "+66 81", "-5", "@cmd", "\tx", "ปกติ", -5, 94.193, True, None, date(2026, 12, 8))]
        response = exports.export_response(self.request("?format=csv"), title="ตาราง", headers=["ก", "ข"] * 6,
                                           rows=rows, filename="ตารางทดสอบ", audit=False)
        self.assertEqual(response["Content-Type"], CSV)
        self.assertTrue(response.content.startswith(b"\xef\xbb\xbf"))
        data = csv_rows(response)
        self.assertEqual(data[0][:2], ["ก", "ข"])
        self.assertEqual(data[1], ["'=SUM(A1:A2)", "'+66 81", "'-5", "'@cmd", "'\tx", "ปกติ", "-5", "94.19", "ใช่", "",
                                   "8 ธ.ค. 2569"])

    def test_streamed_csv_is_the_same(self):
        rows = [(n, f"แถว {n}") for n in range(1200)]
        response = exports.export_response(self.request("?format=csv"), title="t", headers=["ลำดับ", "ชื่อ"],
                                           rows=iter(rows), filename="f", audit=False, stream=True)
        self.assertEqual(len(csv_rows(response)), 1201)

    def test_xlsx_title_header_numbers_dates_and_no_formula(self):
        moment = datetime(2026, 12, 8, 7, 5, tzinfo=UTC)  # 14:05 in Bangkok
        rows = [("=HYPERLINK(\"http://x\")", 94.193, 7, Decimal("84.05"), date(2026, 12, 8), moment, False, ["ก", "ข"])]
        response = exports.export_response(self.request("?format=xlsx"), title="ผลการประเมิน", headers=list("กขคงจฉชซ"),
                                           rows=rows, filename="ผลการประเมิน.xlsx", subtitle=["ตัวกรอง: ทั้งหมด"],
                                           audit=False)
        self.assertEqual(response["Content-Type"], XLSX)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        values = [list(r) for r in sheet.iter_rows(values_only=True)]
        self.assertEqual(values[0][0], "ผลการประเมิน")
        self.assertEqual(values[1][0], "ตัวกรอง: ทั้งหมด")
        self.assertTrue(values[2][0].startswith("ข้อมูล ณ วันที่ "))
        self.assertEqual(values[4], list("กขคงจฉชซ"))
        self.assertEqual(sheet.freeze_panes, "A6")
        self.assertTrue(sheet["A5"].font.b)
        self.assertEqual(values[5], ['=HYPERLINK("http://x")', 94.193, 7, 84.05, "8 ธ.ค. 2569", "8 ธ.ค. 2569 เวลา 14:05 น.",
                                     "ไม่ใช่", "ก; ข"])
        self.assertEqual(sheet["A6"].data_type, "s")  # text, never a formula
        self.assertEqual(sheet["B6"].number_format, "0.00")
        self.assertGreaterEqual(sheet.column_dimensions["A"].width, 8)

    def test_file_names_are_thai_and_safe(self):
        response = exports.export_response(self.request("?format=csv"), title="t", headers=["ก"], rows=[],
                                           filename="รายชื่อ/หน่วยงาน: ปี 2569", audit=False)
        self.assertIn("filename*=utf-8''", response["Content-Disposition"])
        self.assertIn(".csv", response["Content-Disposition"])
        self.assertEqual(exports.file_name("ตาราง.xlsx", "xlsx"), "ตาราง.xlsx")
        self.assertEqual(exports.file_name('a/b:c*"', "csv"), "a-b-c--.csv")
        self.assertEqual(exports.file_name("...", "csv"), "ตาราง.csv")

    def test_links_keep_the_query_but_the_page(self):
        links = exports.export_links(self.request("?q=ก&page=3&unit=2&format=csv"))
        self.assertEqual([label for label, _ in links], ["Excel", "CSV"])
        self.assertEqual(links[0][1], "?q=%E0%B8%81&unit=2&format=xlsx")
        self.assertEqual([label for label, _ in exports.export_links(self.request(), ["csv"])], ["CSV"])

    def test_be_dates(self):
        self.assertEqual(sheets.be_date(date(2026, 12, 8)), "8 ธ.ค. 2569")
        self.assertEqual(sheets.cell_value(date(2024, 2, 29)), "29 ก.พ. 2567")

    @given(st.text(max_size=30))
    def test_no_csv_cell_starts_a_formula(self, text):
        cell = sheets.csv_text(text)
        self.assertFalse(sheets.is_formula(cell))
        self.assertEqual(cell.removeprefix("'") if sheets.is_formula(text) else cell, text)

    @given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9))
    def test_floats_have_two_decimals(self, value):
        self.assertRegex(sheets.csv_text(value), r"^-?\d+\.\d\d$")

