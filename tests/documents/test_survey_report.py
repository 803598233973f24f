"""รายงานผลการสำรวจความพึงพอใจการให้บริการ from the hand-counted fixture: every figure in its
table, the chart, the comments, the conclusion written from the data, Thai or Arabic digits,
the wording file checked on load, bad input refused in Thai, and one PDF through LibreOffice in
which pdftotext finds every field."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from dataclasses import replace
from datetime import date, timedelta

import pytest
from docx import Document

from prongsai.documents.fonts import FONT_FAMILY
from prongsai.documents.survey_chart import section_chart
from prongsai.documents.survey_report import build_report, load_wording, parse_wording, write_report
from prongsai.documents.wordbreak import WORD_JOINER, ZWSP, strip_marks
from prongsai.errors import InputError
from prongsai.services.surveys import Answer, fiscal_year_period, summarise
from tests.documents.needs import needs_poppler, needs_soffice
from tests.services.test_surveys_fixture import ANSWERS, FY, QUESTIONS, REGISTRY, TAX, summary

AGENCY = "องค์การบริหารส่วนตำบลลาดหญ้า"
TITLE = "แบบสำรวจความพึงพอใจการให้บริการ"
AS_OF = date(2027, 10, 15)  # after the year: the whole of FY2570


def build(s=None, **kw) -> bytes:
    return build_report(s or summary(), agency_name=AGENCY, survey_title=TITLE, as_of=AS_OF, agency_type="อบต.", **kw)


def clean(text: str) -> str:
    return " ".join(strip_marks(text).replace("\xa0", " ").split())


def tables(data: bytes) -> list[list[list[str]]]:
    return [[[clean(c.text) for c in row.cells] for row in t.rows] for t in Document(io.BytesIO(data)).tables]


def text_of(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    return clean("\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows
                                                                 for c in r.cells]))


@pytest.fixture(scope="module")
def report() -> bytes:
    return build()


def test_the_results_table_by_hand(report):
    criteria, profile, results, services = tables(report)
    assert results[0] == ["ข้อ", "รายการประเมิน", "ค่าเฉลี่ย", "ส่วนเบี่ยงเบนมาตรฐาน", "ร้อยละที่พึงพอใจ", "ระดับ"]
    rows = {r[0]: r[1:] for r in results[1:]}
    assert rows["๑."] == ["ด้านกระบวนการ/ขั้นตอนการให้บริการ", "๓.๖๔", "๑.๒๙", "๖๓.๖๔", "มาก"]
    assert rows["๑.๑"] == ["ขั้นตอนไม่ยุ่งยาก", "๓.๖๗", "๑.๕๑", "๖๖.๖๗", "มาก"]
    assert rows["๑.๒"] == ["รวดเร็ว", "๓.๖๐", "๑.๑๔", "๖๐.๐๐", "มาก"]
    assert rows["๒.๑"] == ["เจ้าหน้าที่สุภาพ", "๔.๒๐", "๐.๘๔", "๘๐.๐๐", "มาก"]
    assert rows["๓.๑"] == ["พึงพอใจโดยรวม", "๔.๐๐", "๑.๒๒", "๘๐.๐๐", "มาก"]
    assert results[-1][1:] == ["ภาพรวมทุกด้าน", "๓.๘๖", "๑.๑๕", "๗๑.๔๓", "มาก"]
    assert services[1:] == [["งานจัดเก็บภาษี", "๓", "๔.๒๐", "๙๐.๐๐", "มาก"],
                            ["งานทะเบียนพาณิชย์", "๓", "๓.๕๕", "๕๔.๕๕", "มาก"],
                            ["รวมทุกงานบริการ", "๖", "๓.๘๖", "๗๑.๔๓", "มาก"]]
    assert criteria[1] == ["๔.๕๑–๕.๐๐", "มากที่สุด"] and criteria[-1] == ["๑.๐๐–๑.๕๐", "น้อยที่สุด"]
    assert profile == [
        ["ข้อมูลทั่วไป", "จำนวน (คน)", "ร้อยละ"],
        ["เพศ", "", ""], ["ชาย", "๒", "๓๓.๓๓"], ["หญิง", "๒", "๓๓.๓๓"], ["อื่น ๆ", "๐", "๐.๐๐"], ["ไม่ระบุ", "๒", "๓๓.๓๓"],
        ["ช่วงอายุ", "", ""], ["ต่ำกว่า ๒๐ ปี", "๐", "๐.๐๐"], ["๒๐–๓๙ ปี", "๑", "๑๖.๖๗"], ["๔๐–๕๙ ปี", "๐", "๐.๐๐"],
        ["๖๐ ปีขึ้นไป", "๑", "๑๖.๖๗"], ["ไม่ระบุ", "๔", "๖๖.๖๗"],
        ["รวม", "๖", "๑๐๐.๐๐"],
    ]  # nobody gave ประเภทผู้รับบริการ: no group of zeros


def test_the_text_by_hand(report):
    text = text_of(report)
    for fact in (
        "รายงานผลการสำรวจความพึงพอใจการให้บริการ", AGENCY, "ประจำปีงบประมาณ พ.ศ. ๒๕๗๐",
        "ข้อมูล ณ วันที่ ๓๐ กันยายน พ.ศ. ๒๕๗๐",
        "ครอบคลุมงานจัดเก็บภาษี และงานทะเบียนพาณิชย์ ระหว่างวันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๙ ถึงวันที่ ๓๐ กันยายน พ.ศ. ๒๕๗๐",
        "ข้อคำถาม ๔ ข้อ จำแนกเป็น ๓ ด้าน", "มีผู้ตอบแบบสำรวจทั้งสิ้น ๖ คน",
        "ผู้ตอบแบบสำรวจมีจำนวนน้อยกว่า ๓๐ คน",
        "ผู้รับบริการให้ข้อเสนอแนะ ๒ รายการ", "ดีมาก (งานจัดเก็บภาษี)", "รอนาน (งานทะเบียนพาณิชย์)",
        "ในภาพรวมอยู่ในระดับมาก ค่าเฉลี่ย ๓.๘๖ จากคะแนนเต็ม ๕ โดยร้อยละ ๗๑.๔๓",
        "ด้านที่ผู้รับบริการพึงพอใจมากที่สุด คือ ด้านเจ้าหน้าที่/บุคลากรผู้ให้บริการ ค่าเฉลี่ย ๔.๒๐",
        "ด้านที่ได้รับความพึงพอใจน้อยที่สุด คือ ด้านกระบวนการ/ขั้นตอนการให้บริการ ค่าเฉลี่ย ๓.๖๔",
        "ข้อ ๑.๒ รวดเร็ว (ค่าเฉลี่ย ๓.๖๐)", "งานจัดเก็บภาษี มีค่าเฉลี่ยสูงที่สุด (๔.๒๐)",
        "งานทะเบียนพาณิชย์ มีค่าเฉลี่ยต่ำที่สุด (๓.๕๕)", "แผนภูมิที่ ๑",
    ):
        assert fact in text, fact
    assert "ปีก่อน" not in text  # the answer of FY2569
    assert not re.search("[0-9]", text.replace("https", ""))  # Thai digits throughout


def test_the_document_is_thai_and_has_the_chart(report):
    with zipfile.ZipFile(io.BytesIO(report)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
    assert set(re.findall(r'w:cs="([^"]+)"', body)) == {FONT_FAMILY}
    assert set(re.findall(r'<w:szCs w:val="(\d+)"/>', body)) <= {"32"}
    assert len(media) == 1 and media[0].endswith(".png")
    doc = Document(io.BytesIO(report))
    assert doc.core_properties.title == f"รายงานผลการสำรวจความพึงพอใจการให้บริการ {AGENCY}"
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.left_margin.cm, 1) == 3.0


def test_arabic_digits_and_a_half_year():
    s = summarise(ANSWERS, QUESTIONS, [TAX, REGISTRY], period=replace(FY, key="2570-h1", start=FY.start,
                                                                      end=date(2027, 3, 31)))
    text = text_of(build(s, thai_digits=False))
    assert "วันที่ 1 ตุลาคม พ.ศ. 2569 ถึงวันที่ 31 มีนาคม พ.ศ. 2570" in text
    assert "ประจำปีงบประมาณ" not in text.split("ความเป็นมา")[0]  # the title names the days instead
    assert "ทั้งสิ้น 4 คน" in text
    assert not re.search("[๐-๙]", text)


def test_comments_withheld_or_sampled():
    text = text_of(build(comments=False))
    assert "ผู้รับบริการให้ข้อเสนอแนะ ๒ รายการ หน่วยงานได้รวบรวม" in text
    assert "ดีมาก" not in text and "รอนาน" not in text
    many = [Answer(date(2026, 10, 1) + timedelta(days=n), TAX, {"q1": 4}, {}, f"ข้อเสนอที่ {n:02d}") for n in range(35)]
    text = text_of(build(summarise(many, QUESTIONS, [TAX], period=FY)))
    assert "ผู้รับบริการให้ข้อเสนอแนะทั้งสิ้น ๓๕ รายการ ยกมาแสดง ๓๐ รายการล่าสุด" in text
    assert "ข้อเสนอที่ ๓๔" in text and "ข้อเสนอที่ ๐๔" not in text and "ข้อเสนอที่ ๐๕" in text
    assert "(งานจัดเก็บภาษี)" not in text  # one service: not repeated after each comment


def test_no_answers():
    text = text_of(build(summarise([], QUESTIONS, [TAX], period=fiscal_year_period(2570))))
    assert "ไม่มีผู้ตอบแบบสำรวจแบบสำรวจความพึงพอใจการให้บริการ" in text
    assert "ตารางที่" not in text and "แผนภูมิ" not in text


def test_bad_input_is_a_thai_error(tmp_path):
    with pytest.raises(InputError, match="ไม่ได้ระบุชื่อหน่วยงาน"):
        build_report(summary(), agency_name=" ", survey_title=TITLE, as_of=AS_OF)
    with pytest.raises(InputError, match="ไม่ได้ระบุชื่อแบบสำรวจ"):
        build_report(summary(), agency_name=AGENCY, survey_title="", as_of=AS_OF)
    with pytest.raises(InputError, match="ไม่มีผลการสำรวจของช่วงเวลาที่กำหนด"):
        build_report(summarise(ANSWERS, QUESTIONS), agency_name=AGENCY, survey_title=TITLE, as_of=AS_OF)
    with pytest.raises(InputError, match="ไม่รู้จักรูปแบบไฟล์"):
        write_report("xlsx", tmp_path / "r.xlsx", summary(), agency_name=AGENCY, survey_title=TITLE,  # type: ignore[arg-type]
                     as_of=AS_OF)
    assert list(tmp_path.iterdir()) == []
    out = write_report("docx", tmp_path / "r.docx", summary(), agency_name=AGENCY, survey_title=TITLE, as_of=AS_OF)
    assert zipfile.is_zipfile(out) and sorted(p.name for p in tmp_path.iterdir()) == ["r.docx"]


def test_the_wording_is_checked():
    wording = load_wording()
    assert wording.title == "รายงานผลการสำรวจความพึงพอใจการให้บริการ"
    from importlib import resources

    text = resources.files("prongsai.documents").joinpath("data", "survey_report.yaml").read_text(encoding="utf-8")
    with pytest.raises(InputError, match="ไม่รู้จักช่อง {mayor}"):
        parse_wording(text.replace("{agency}สำรวจความพึงพอใจ", "{mayor}สำรวจความพึงพอใจ"))
    with pytest.raises(InputError, match="วงเล็บปีกกาไม่ครบคู่"):
        parse_wording(text.replace("ค่าเฉลี่ย {mean}", "ค่าเฉลี่ย {mean"))
    with pytest.raises(InputError, match="ขาดช่องข้อมูลที่จำเป็น"):
        parse_wording(re.sub(r"\nclosing:.*\n", "\n", text))
    with pytest.raises(InputError, match="ช่องข้อมูลที่ไม่รู้จัก"):
        parse_wording(text + "\nsignature: นายก\n")


def test_the_chart():
    png = section_chart([("๑. ด้านกระบวนการ", summary().overall.sections[0].tally.mean, "มาก"),
                         ("๒. ด้านเจ้าหน้าที่", None, "")])
    assert png.startswith(b"\x89PNG")
    from decimal import Decimal

    with pytest.raises(ValueError, match="ต้องอยู่ระหว่าง 0 ถึง 5"):
        section_chart([("ด้าน", Decimal("5.5"), "มาก")])


# --------------------------------------------------------------------------- the PDF (one LibreOffice run)


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_the_pdf_has_every_field(tmp_path):
    out = write_report("pdf", tmp_path / "report.pdf", summary(), agency_name=AGENCY, survey_title=TITLE, as_of=AS_OF,
                       agency_type="อบต.")
    raw = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert ZWSP not in raw and WORD_JOINER not in raw
    lines = [" ".join(line.split()) for line in raw.splitlines()]
    for row in ("๑.๑ ขั้นตอนไม่ยุ่งยาก ๓.๖๗ ๑.๕๑ ๖๖.๖๗ มาก", "๑.๒ รวดเร็ว ๓.๖๐ ๑.๑๔ ๖๐.๐๐ มาก",
                "๒.๑ เจ้าหน้าที่สุภาพ ๔.๒๐ ๐.๘๔ ๘๐.๐๐ มาก", "๓.๑ พึงพอใจโดยรวม ๔.๐๐ ๑.๒๒ ๘๐.๐๐ มาก",
                "ภาพรวมทุกด้าน ๓.๘๖ ๑.๑๕ ๗๑.๔๓ มาก", "งานจัดเก็บภาษี ๓ ๔.๒๐ ๙๐.๐๐ มาก",
                "งานทะเบียนพาณิชย์ ๓ ๓.๕๕ ๕๔.๕๕ มาก", "รวมทุกงานบริการ ๖ ๓.๘๖ ๗๑.๔๓ มาก",
                "ชาย ๒ ๓๓.๓๓", "รวม ๖ ๑๐๐.๐๐"):
        assert any(row in line for line in lines), row
    flat = re.sub(r"\s+", "", raw)
    for fact in (AGENCY, "รายงานผลการสำรวจความพึงพอใจการให้บริการ", "ประจำปีงบประมาณพ.ศ.๒๕๗๐",
                 "ข้อมูลณวันที่๓๐กันยายนพ.ศ.๒๕๗๐", "มีผู้ตอบแบบสำรวจทั้งสิ้น๖คน", "ด้านกระบวนการ/ขั้นตอนการให้บริการ",
                 "ด้านเจ้าหน้าที่/บุคลากรผู้ให้บริการ", "ความพึงพอใจโดยรวม", "๔.๕๑–๕.๐๐มากที่สุด",
                 "ดีมาก(งานจัดเก็บภาษี)", "รอนาน(งานทะเบียนพาณิชย์)", "แผนภูมิที่๑", "สรุปผลการสำรวจ",
                 "ในภาพรวมอยู่ในระดับมากค่าเฉลี่ย๓.๘๖", "ผู้ตอบแบบสำรวจมีจำนวนน้อยกว่า๓๐คน"):
        assert fact in flat, fact
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1)) <= 4
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "THSarabunNew" in fonts
