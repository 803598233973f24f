"""The text of fetched evidence (prongsai.oit_check.extract): HTML main content and the
documents a page links to, PDF text layers, DOCX, XLSX; scans and pictures reported as
unreadable, never guessed."""

from __future__ import annotations

import pytest

from prongsai.documents.pdf import soffice_available
from prongsai.oit_check.extract import extract, kind_of
from prongsai.oit_check.fetch import Fetched
from tests.oit_check.documents import docx_bytes, pdfs_from_docx, png_bytes, scanned_pdf, xlsx_bytes


def fetched(body: bytes, content_type: str = "", url: str = "https://www.example.go.th/page") -> Fetched:
    return Fetched(url, url, 200, content_type, body)


def test_an_html_page_gives_its_main_text_and_its_documents():
    page = ("<html><head><meta charset='utf-8'><script>var x = 'ห้ามอ่าน'</script></head><body>"
            "<nav>เมนูหลัก</nav><main><h1>รายงานผลการจัดซื้อจัดจ้าง ปีงบประมาณ พ.ศ. ๒๕๖๙</h1>"
            "<p>สรุปผลการจัดซื้อจัดจ้างรายเดือน ตามแบบ สขร.1 ของหน่วยงาน</p>"
            "<a href='/files/oct.pdf'>เดือนตุลาคม</a> <a href='https://other.example/x.xlsx'>สรุป</a>"
            "<a href='/news'>ข่าว</a></main><footer>ติดต่อเรา</footer></body></html>")
    result = extract(fetched(page.encode(), "text/html"))
    assert result.kind == "html" and result.readable
    assert "ปีงบประมาณ พ.ศ. 2569" in result.text  # Thai digits read as Arabic
    assert "ห้ามอ่าน" not in result.text and "เมนูหลัก" not in result.text
    assert [d.url for d in result.documents] == ["https://www.example.go.th/files/oct.pdf",
                                                 "https://other.example/x.xlsx"]
    assert result.documents[0].text == "เดือนตุลาคม"


def test_an_old_thai_page_in_tis620_is_read():
    page = "<html><body><main>ข้อมูลการติดต่อ หน่วยงาน โทรศัพท์ 034-123456 ที่อยู่ หมู่ที่ 1 ตำบลลาดหญ้า</main></body></html>"
    result = extract(fetched(page.encode("cp874"), "text/html; charset=windows-874"))
    assert result.readable and "ข้อมูลการติดต่อ" in result.text
    undeclared = extract(fetched(page.encode("cp874"), "text/html"))
    assert "ข้อมูลการติดต่อ" in undeclared.text


def test_a_docx_and_an_xlsx_are_read():
    word = extract(fetched(docx_bytes("คู่มือการปฏิบัติงาน กระบวนงานการจัดเก็บภาษี", "ขั้นตอนที่ 1 รับคำร้อง " * 3),
                           url="https://www.example.go.th/manual.docx"))
    assert word.kind == "docx" and word.readable and "กระบวนงานการจัดเก็บภาษี" in word.text
    sheet = extract(fetched(xlsx_bytes([["เดือน", "จำนวนเรื่องร้องเรียน", "ดำเนินการแล้วเสร็จ"],
                                        ["ตุลาคม 2568", 0, 0], ["พฤศจิกายน 2568", 1, 1]]),
                            url="https://www.example.go.th/stats.xlsx"))
    assert sheet.kind == "xlsx" and sheet.readable and "พฤศจิกายน 2568" in sheet.text


def test_a_scanned_pdf_and_a_picture_are_for_a_person_to_check():
    scan = extract(fetched(scanned_pdf(), "application/pdf"))
    assert scan.kind == "pdf" and not scan.readable and "เอกสารสแกน" in scan.problem
    picture = extract(fetched(png_bytes(), "image/png"))
    assert not picture.readable and "รูปภาพ" in picture.problem


def test_old_office_files_and_damaged_files_are_said_so():
    old = extract(fetched(b"\xd0\xcf\x11\xe0" + b"\0" * 100, "application/msword",
                          url="https://www.example.go.th/a.doc"))
    assert not old.readable and ".doc" in old.problem
    broken = extract(fetched(b"%PDF-1.4 broken", "application/pdf"))
    assert not broken.readable and broken.problem


def test_kind_follows_the_content_not_only_the_name():
    assert kind_of(fetched(b"%PDF-1.7", "application/octet-stream", url="https://x.go.th/download?id=1")) == "pdf"
    assert kind_of(fetched(docx_bytes("ก"), "application/octet-stream", url="https://x.go.th/file?id=2")) == "docx"


@pytest.mark.slow
@pytest.mark.skipif(not soffice_available(), reason="LibreOffice is not installed")
def test_a_pdf_exported_by_libreoffice_gives_its_thai_text():
    pdf = pdfs_from_docx({"plan": ["แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๙",
                                   "โครงการ กิจกรรม งบประมาณ ระยะเวลาดำเนินการ"]})["plan"]
    result = extract(fetched(pdf, "application/pdf"))
    assert result.readable and "แผนปฏิบัติการป้องกันการทุจริต" in result.text and "2569" in result.text
