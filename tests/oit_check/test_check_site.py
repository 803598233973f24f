"""The whole check against a fixture website on 127.0.0.1 (issue 11): Thai pages, PDFs made by
LibreOffice, a DOCX, an XLSX, a scanned PDF, a 404, a redirect loop, a slow page, a page with
last year's data and one missing a component — each item gets the status an assessor would give."""

from __future__ import annotations

import json
from datetime import date

import pytest

from prongsai.documents.pdf import soffice_available
from prongsai.oit_check.check import check
from prongsai.oit_check.fetch import Fetcher, FetchLimits
from prongsai.oit_check.links import parse_links
from tests.oit_check.documents import docx_bytes, pdfs_from_docx, scanned_pdf, xlsx_bytes
from tests.oit_check.site import Site, html, redirect, slow

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not soffice_available(), reason="LibreOffice is not installed")]
TODAY = date(2026, 4, 20)  # FY2569, after its first six months
PDF = "application/pdf"


@pytest.fixture(scope="module")
def site():
    pdfs = pdfs_from_docx({
        "announce": ["ประกาศวิทยาลัยเทคนิคทดสอบ เรื่อง ประกาศผู้ชนะการเสนอราคา จัดซื้อวัสดุฝึก",
                     "ประกาศ ณ วันที่ 15 มกราคม พ.ศ. ๒๕๖๙"],
    })
    routes = {
        "/structure": html(
            "<h1>โครงสร้างการบริหารสถานศึกษา</h1><p>แผนผังโครงสร้างสถานศึกษา ฝ่ายบริหารทรัพยากร ฝ่ายวิชาการ "
            "แผนกวิชาช่างยนต์ งานบุคลากร งานการเงิน</p><p>อำนาจหน้าที่ตามพระราชบัญญัติการอาชีวศึกษา พ.ศ. 2551</p>"),
        "/contact": html(
            "<h1>ติดต่อวิทยาลัย</h1><p>เลขที่ 99 ตำบลบ้านใหม่ อำเภอเมือง จังหวัดทดสอบ โทรศัพท์ 045-123-456</p>"
            "<p>Facebook: วิทยาลัยเทคนิคทดสอบ</p>"),  # no e-mail: one component missing
        "/annual-report": html(
            "<h1>รายงานผลการดำเนินงานประจำปี ปีงบประมาณ พ.ศ. 2567</h1><p>โครงการและกิจกรรมของสถานศึกษา "
            "การใช้จ่ายงบประมาณ ปัญหาและอุปสรรค ข้อเสนอแนะ</p>"),  # two years old: stale for FY2569
        "/procurement": html("<h1>ประกาศจัดซื้อจัดจ้าง ปีงบประมาณ 2569</h1>"
                             "<a href='/files/announce.pdf'>ประกาศผู้ชนะการเสนอราคา</a>"),
        "/files/announce.pdf": (200, {"Content-Type": PDF}, pdfs["announce"]),
        "/procurement-report": (200, {"Content-Type": "application/vnd.openxmlformats-officedocument."
                                                      "wordprocessingml.document"},
                                docx_bytes("รายงานสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2568",
                                           "ตามแบบ สขร.1 จำนวน 42 โครงการ")),
        "/statistics": (200, {"Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
                        xlsx_bytes([["สถิติการให้บริการ ปีงบประมาณ 2568 และผลความพึงพอใจ"],
                                    ["โครงการ", "จำนวนผู้รับบริการ", "ความพึงพอใจ (ร้อยละ)"],
                                    ["โครงการซ่อมสร้างชุมชน", 120, 91], ["กิจกรรมบริการวิชาการ", 80, 88],
                                    ["งานบริการทะเบียน", 300, 86]])),
        "/complaints": html("<h1>สถิติเรื่องร้องเรียนการทุจริต รอบ 6 เดือน ปีงบประมาณ 2569</h1>"
                            "<p>ตุลาคม 2568 ถึง มีนาคม 2569: ไม่มีเรื่องร้องเรียน</p>"),
        "/manual-scan": (200, {"Content-Type": PDF}, scanned_pdf()),
        "/eservice": redirect("/eservice"),
        "/laws": slow(4),
    }
    with Site(routes) as running:
        yield running


def links_for(site: Site) -> dict:
    u = site.url
    return {"agency": "วิทยาลัยเทคนิคทดสอบ", "fiscal_year": 2569, "variant": "ovec", "items": {
        "O1": u + "/structure", "O4": u + "/contact", "O7": u + "/annual-report", "O10": u + "/procurement",
        "O11": u + "/procurement-report", "O15": u + "/statistics", "O19": u + "/complaints",
        "O12": u + "/manual-scan", "O13": u + "/gone", "O14": u + "/eservice", "O5": u + "/laws",
    }}


@pytest.fixture(scope="module")
def report(site):
    fetcher = Fetcher(FetchLimits(total_seconds=2, read_seconds=2), private_ok=True)
    return check(parse_links(links_for(site)), fetcher, today=TODAY)


def status(report, code: str) -> str:
    return next(i for i in report.items if i.code == code).status


def findings(report, code: str) -> str:
    return " ".join(next(i for i in report.items if i.code == code).findings)


@pytest.mark.parametrize("code, expected", [
    ("O1", "ok"), ("O10", "ok"), ("O11", "ok"), ("O15", "ok"), ("O19", "ok"),
    ("O4", "incomplete"), ("O7", "stale"), ("O12", "unreadable"),
    ("O13", "unreachable"), ("O14", "unreachable"), ("O5", "unreachable"), ("O2", "missing"),
])
def test_each_item_gets_the_status_an_assessor_would_give(report, code, expected):
    assert status(report, code) == expected, findings(report, code)


def test_findings_say_what_is_missing_and_what_to_publish(report):
    assert "อีเมล" in findings(report, "O4") or "E-mail" in findings(report, "O4")
    assert "ปีงบประมาณ 2568" in findings(report, "O7") and "พบปีงบประมาณ พ.ศ. 2567" in findings(report, "O7")
    assert "เอกสารสแกน" in findings(report, "O12")
    assert "ไม่พบหน้านี้" in findings(report, "O13")
    assert "วนกลับมาที่เดิม" in findings(report, "O14")
    assert "ตอบช้าเกิน" in findings(report, "O5")
    assert "ยังไม่ได้ระบุลิงก์ของข้อ O2" in findings(report, "O2")
    o10 = next(i for i in report.items if i.code == "O10")
    assert any(d.endswith("/files/announce.pdf") for d in o10.documents)


def test_the_json_report_keeps_the_contract(report):
    data = json.loads(json.dumps(report.as_json(), ensure_ascii=False))
    assert data["fiscal_year"] == 2569 and data["framework"] == "ita-2569-ovec"
    assert set(data["summary"]) == {"ok", "stale", "incomplete", "unreachable", "unreadable", "missing"}
    assert sum(data["summary"].values()) == 23
    assert {"code", "name", "urls", "status", "findings"} <= set(data["items"][0])
    predicted = data["predicted"]
    assert set(predicted["indicators"]) == {"9", "10"} and 0 <= predicted["OIT"] <= 100
    assert predicted["confidence"] in ("C2", "C1", "INF", "UNK", "CONFLICT")
