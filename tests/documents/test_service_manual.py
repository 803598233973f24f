"""คู่มือการให้บริการ: every part the OIT item asks for, "ไม่มี…" where there is none, the wording
file checked on load, bad facts refused in Thai, the DOCX's font, and one PDF through LibreOffice
in which pdftotext finds every field."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from datetime import date
from importlib import resources

import pytest
from docx import Document

from prongsai.documents import service_manual as sm
from prongsai.documents.fonts import FONT_FAMILY
from prongsai.documents.service_manual import ServiceManual, build_manual, parse_wording, write_manual
from prongsai.documents.wordbreak import WORD_JOINER, ZWSP, strip_marks
from prongsai.errors import InputError
from tests.documents.needs import needs_poppler, needs_soffice

AGENCY = "องค์การบริหารส่วนตำบลลาดหญ้า"
FACTS = dict(
    agency_name=AGENCY, agency_type="อบต.", province="กาญจนบุรี", service="ขอรับการสนับสนุนน้ำอุปโภคบริโภค",
    unit="สำนักปลัด", criteria="ครัวเรือนที่ขาดแคลนน้ำยื่นคำขอได้ครัวเรือนละไม่เกินสองครั้งต่อเดือน\nจัดส่งตามลำดับคำขอ",
    steps=[("รับคำขอและตรวจสอบคุณสมบัติ", "", "1 วันทำการ"), ("จัดส่งน้ำ", "งานป้องกันและบรรเทาสาธารณภัย", "2 วันทำการ")],
    working_days=3, documents=["สำเนาบัตรประจำตัวประชาชน", "สำเนาทะเบียนบ้าน"], fee="",
    issued_on=date(2026, 12, 1), office_hours="วันจันทร์–วันศุกร์ 08.30–16.30 น.",
    url="https://ladya.example.go.th/p/3/eservice/1/",
    contacts=[("สำนักปลัด องค์การบริหารส่วนตำบลลาดหญ้า", "โทรศัพท์ 0 3451 2345")],
)


def manual(**changes) -> ServiceManual:
    return ServiceManual(**{**FACTS, **changes})


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return strip_marks("\n".join(parts)).replace("\xa0", " ")


def test_every_part_the_oit_item_asks_for():
    text = docx_text(build_manual(manual()))
    for part in ("คู่มือการให้บริการ", "งานขอรับการสนับสนุนน้ำอุปโภคบริโภค", "๑. ชื่อกระบวนงาน", "๒. หน่วยงานที่ให้บริการ",
                 "สำนักปลัด องค์การบริหารส่วนตำบลลาดหญ้า", "๓. ช่องทาง สถานที่ และระยะเวลาเปิดให้บริการ",
                 "ยื่นคำขอด้วยตนเอง", "วันจันทร์–วันศุกร์ ๐๘.๓๐–๑๖.๓๐ น.", "ยื่นคำขอทางเว็บไซต์ (E-Service)",
                 "https://ladya.example.go.th/p/3/eservice/1/", "๔. หลักเกณฑ์ วิธีการ และเงื่อนไขในการยื่นคำขอ",
                 "ยื่นคำขอได้ครัวเรือนละไม่เกินสองครั้งต่อเดือน", "๕. ขั้นตอน ระยะเวลา และส่วนงานที่รับผิดชอบ",
                 "รับคำขอและตรวจสอบคุณสมบัติ", "๑ วันทำการ", "งานป้องกันและบรรเทาสาธารณภัย", "๖. ระยะเวลาดำเนินการรวม",
                 "๓ วันทำการ นับแต่วันที่สำนักปลัดได้รับคำขอ",
                 "๗. รายการเอกสารหลักฐานประกอบการยื่นคำขอ", "๗.๑", "สำเนาบัตรประจำตัวประชาชน", "๘. ค่าธรรมเนียม",
                 "ไม่มีค่าธรรมเนียม", "๙. ช่องทางการร้องเรียนและแนะนำการให้บริการ", "โทรศัพท์ ๐ ๓๔๕๑ ๒๓๔๕",
                 "ศูนย์ดำรงธรรมจังหวัดกาญจนบุรี", "สายด่วน ๑๕๖๗", "www.1111.go.th", "วันที่เผยแพร่คู่มือ ๑ ธันวาคม พ.ศ. ๒๕๖๙",
                 "ข้อ ๖"):
        assert part in text, part
    # the step without a responsible is the unit's
    doc = Document(io.BytesIO(build_manual(manual())))
    steps = doc.tables[1]
    assert [strip_marks(c.text).replace("\xa0", " ") for c in steps.rows[1].cells] == \
        ["๑", "รับคำขอและตรวจสอบคุณสมบัติ", "๑ วันทำการ", "สำนักปลัด"]


def test_none_where_there_is_none_and_no_web_channel_when_not_online():
    text = docx_text(build_manual(manual(documents=[], fee="", url="", walk_in="", office_hours="")))
    assert "ไม่มีรายการเอกสารหลักฐานประกอบการยื่นคำขอ" in text
    assert "ไม่มีค่าธรรมเนียม" in text
    assert "E-Service" not in text
    assert "สำนักปลัด องค์การบริหารส่วนตำบลลาดหญ้า วันจันทร์ถึงวันศุกร์ (เว้นวันหยุดราชการ)" in text
    text = docx_text(build_manual(manual(fee="ฉบับละ 10 บาท", walk_in="ชั้น 1 อาคารที่ทำการ", unit="", province="")))
    assert "ฉบับละ ๑๐ บาท" in text and "ไม่มีค่าธรรมเนียม" not in text
    assert "ชั้น ๑ อาคารที่ทำการ" in text
    assert "องค์การบริหารส่วนตำบลลาดหญ้า องค์การบริหารส่วนตำบลลาดหญ้า" not in text  # no unit: the agency once
    assert "ศูนย์ดำรงธรรมจังหวัด" in text


def test_the_agencys_text_is_never_a_template():
    text = docx_text(build_manual(manual(service="ขอใช้ห้อง {agency}", steps=[("ตรวจ {x}", "", "1 วัน")])))
    assert "ขอใช้ห้อง {agency}" in text and "ตรวจ {x}" in text


def test_arabic_digits_and_the_font():
    data = build_manual(manual(), thai_digits=False)
    text = docx_text(data)
    assert "3 วันทำการ" in text and not re.search("[๐-๙]", text)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert set(re.findall(r'w:cs="([^"]+)"', body)) == {FONT_FAMILY}
    assert set(re.findall(r'<w:szCs w:val="(\d+)"/>', body)) <= {"32", "36"}


@pytest.mark.parametrize(("changes", "message"), [
    ({"agency_name": " "}, "ไม่ได้ระบุชื่อหน่วยงาน"),
    ({"service": ""}, "ไม่ได้ระบุชื่อบริการ"),
    ({"criteria": "  "}, "ไม่ได้ระบุหลักเกณฑ์"),
    ({"working_days": 0}, "ระยะเวลาดำเนินการรวมต้องเป็นจำนวนวันทำการ"),
    ({"working_days": True}, "ระยะเวลาดำเนินการรวมต้องเป็นจำนวนวันทำการ"),
    ({"steps": []}, "ไม่มีขั้นตอนการให้บริการ"),
    ({"steps": [("รับคำขอ", "", "")]}, "ขั้นตอนที่ 1 ไม่ได้ระบุระยะเวลา"),
    ({"steps": ["รับคำขอ"]}, "ขั้นตอนที่ 1 ต้องมีรายละเอียด"),
    ({"issued_on": date(1800, 1, 1)}, "อยู่นอกช่วงปี"),
    ({"contacts": ["โทรศัพท์"]}, "ต้องเป็น (ชื่อ, รายละเอียด)"),
])
def test_bad_facts_are_thai_errors(changes, message):
    with pytest.raises(InputError, match=re.escape(message)):
        manual(**changes)


def _wording() -> str:
    return resources.files("prongsai.documents").joinpath("data", sm.DATA_FILE).read_text(encoding="utf-8")


@pytest.mark.parametrize(("change", "message"), [
    (("total_time: \"{days} วันทำการ", "total_time: \"{weeks} วันทำการ"), "ไม่รู้จักช่องข้อมูล {weeks}"),
    (("total_time: \"{days} วันทำการ", "total_time: \"สาม วันทำการ"), "total_time: ต้องมีช่องข้อมูล {days}"),
    (("none_fee: ไม่มีค่าธรรมเนียม", "none_fee: ฟรี"), "none_fee: ต้องระบุว่าไม่มีค่าธรรมเนียม"),
    (("  - id: fee\n    title: ค่าธรรมเนียม\n", ""), "ต้องมีหัวข้อ fee หนึ่งครั้งพอดี"),
    (("  - id: fee\n", "  - id: price\n"), "ต้องเป็นรหัสหัวข้อที่รู้จัก"),
    (("title: คู่มือการให้บริการ\n", "title: คู่มือการให้บริการ\ncolour: blue\n"), "ไม่รู้จักคีย์นี้"),
    (("issuer: \"{unit} {agency}\"", "issuer: \"{unit {agency}\""), "ไม่ครบคู่"),
    (("id: prongsai-service-manual", "id: [prongsai"), "service_manual.yaml"),
])
def test_a_broken_wording_file_is_a_thai_error(change, message):
    old, new = change
    text = _wording()
    assert old in text
    with pytest.raises(InputError, match=re.escape(message)):
        parse_wording(text.replace(old, new, 1))


def test_the_shipped_wording_and_the_default_steps():
    assert sm.load_wording().title == "คู่มือการให้บริการ"
    steps = sm.default_steps("กองช่าง")
    assert len(steps) == 3 and all(r == "กองช่าง" and t for _s, r, t in steps)
    assert sm.manual_filename(manual(), "pdf") == \
        "คู่มือการให้บริการ-ขอรับการสนับสนุนน้ำอุปโภคบริโภค-องค์การบริหารส่วนตำบลลาดหญ้า.pdf"


def test_writing_is_atomic(tmp_path):
    out = write_manual("docx", tmp_path / "m.docx", manual())
    assert zipfile.is_zipfile(out) and sorted(p.name for p in tmp_path.iterdir()) == ["m.docx"]
    with pytest.raises(InputError, match="ไม่รู้จักรูปแบบไฟล์"):
        write_manual("odt", tmp_path / "m.odt", manual())  # type: ignore[arg-type]


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_the_pdf_has_every_field(tmp_path):
    out = write_manual("pdf", tmp_path / "manual.pdf", manual())
    # -raw: the text in the order it was written (the layout modes sort a line's glyphs by their
    # place, which moves an upper vowel set over a narrow consonant: "มคี่า" for "มีค่า")
    raw = subprocess.run(["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert ZWSP not in raw and WORD_JOINER not in raw
    flat = re.sub(r"\s+", "", raw)
    for fact in ("คู่มือการให้บริการ", "ชื่อกระบวนงาน", "ขอรับการสนับสนุนน้ำอุปโภคบริโภค", "หน่วยงานที่ให้บริการ",
                 "สำนักปลัดองค์การบริหารส่วนตำบลลาดหญ้า", "ช่องทางสถานที่และระยะเวลาเปิดให้บริการ",
                 "https://ladya.example.go.th/p/3/eservice/1/", "วันจันทร์–วันศุกร์๐๘.๓๐–๑๖.๓๐น.", "หลักเกณฑ์",
                 "ขั้นตอนระยะเวลาและส่วนงานที่รับผิดชอบ", "รับคำขอและตรวจสอบคุณสมบัติ", "จัดส่งน้ำ", "งานป้องกันและบรรเทาสาธารณภัย",
                 "๒วันทำการ", "ระยะเวลาดำเนินการรวม", "๓วันทำการนับแต่วันที่สำนักปลัดได้รับคำขอ",
                 "รายการเอกสารหลักฐานประกอบการยื่นคำขอ", "สำเนาบัตรประจำตัวประชาชน", "สำเนาทะเบียนบ้าน", "ค่าธรรมเนียม",
                 "ไม่มีค่าธรรมเนียม", "ช่องทางการร้องเรียน", "โทรศัพท์๐๓๔๕๑๒๓๔๕", "ศูนย์ดำรงธรรมจังหวัดกาญจนบุรี",
                 "วันที่เผยแพร่คู่มือ๑ธันวาคมพ.ศ.๒๕๖๙"):
        assert fact in flat, fact
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+2$", info, re.M)  # concise: two pages
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "THSarabunNew" in fonts
