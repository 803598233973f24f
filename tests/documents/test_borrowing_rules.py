"""หลักเกณฑ์และแนวปฏิบัติการยืม-คืนพัสดุ: the wording file's checks, the agency's facts' checks, the
DOCX (fast), and one PDF through LibreOffice (slow) whose text layer has every field.

Texts are compared through strip_marks and with spaces removed: the document carries ZERO WIDTH
SPACE between Thai words, WORD JOINER inside numbers and compounds, no-break spaces."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from dataclasses import replace
from datetime import date
from importlib import resources

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn

from prongsai.documents import borrowing_rules as br
from prongsai.documents.borrowing_rules import (
    AssetRow,
    RulesDocument,
    build_rules,
    parse_wording,
    write_rules,
)
from prongsai.documents.fonts import FONT_FAMILY
from prongsai.documents.wordbreak import WORD_JOINER, ZWSP, strip_marks
from prongsai.errors import InputError
from tests.documents.needs import needs_poppler, needs_soffice

AGENCY = "องค์การบริหารส่วนตำบลลาดหญ้า"
HEAD = "นายกองค์การบริหารส่วนตำบลลาดหญ้า"
APPROVER = "ปลัดองค์การบริหารส่วนตำบลลาดหญ้า"
URL = "https://www.ladya.go.th/p/12/borrow/"
PLACE = "ห้องพัสดุ กองคลัง ที่ทำการองค์การบริหารส่วนตำบลลาดหญ้า ในวันและเวลาราชการ"
REGULATION = "ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. ๒๕๖๐"
ASSETS = (AssetRow("020-65-0001 ถึง 0010", "เต็นท์ผ้าใบ ขนาด 4×8 เมตร", 10, "หลัง"),
          AssetRow("010-64-0001 ถึง 0200", "เก้าอี้พลาสติก", 200, "ตัว"),
          AssetRow("050-63-0003", "เครื่องเสียงพร้อมลำโพง", 1, "ชุด", 3))
THAI_DIGIT = re.compile("[๐-๙]")


def make_facts(**changes) -> RulesDocument:
    values = dict(agency_name=AGENCY, agency_type="อบต.", province="กาญจนบุรี", district="เมืองกาญจนบุรี",
                  custodian_unit="กองคลัง", head_title="", approver_title="", max_days=7, lead_days=3, place=PLACE,
                  phone="0 3451 2345 ต่อ 14", web_url=URL, issued_on=date(2026, 10, 1), fiscal_year=2570,
                  assets=ASSETS)
    values.update(changes)
    return RulesDocument(**values)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", strip_marks(text))


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.append(cell.text)
    return "\n".join(parts)


@pytest.fixture(scope="module")
def facts() -> RulesDocument:
    return make_facts()


@pytest.fixture(scope="module")
def docx_bytes(facts) -> bytes:
    return build_rules(facts)


@pytest.fixture(scope="module")
def wording_text() -> str:
    return resources.files("prongsai.documents").joinpath("data", br.DATA_FILE).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the wording file


def test_shipped_wording_loads():
    wording = br.load_wording()
    assert wording.title == "หลักเกณฑ์และแนวปฏิบัติการยืม-คืนพัสดุ"
    assert [s.id for s in wording.sections] == ["scope", "principles", "approval", "period", "channels", "steps",
                                                "return_check", "liability", "follow_up"]
    assert [s.id for s in wording.steps] == ["request", "check", "decide", "hand_over", "give_back", "follow"]


def test_wording_is_official_register_and_names_the_regulation_exactly(wording_text):
    colloquial = [e["word"] for e in yaml.safe_load(
        resources.files("prongsai.planning").joinpath("data", "colloquial.yaml").read_text(encoding="utf-8"))["words"]]
    wording = br.load_wording()
    texts = [*wording.texts(), *wording.default_texts(),
             *((f"channel_texts.{k}", getattr(wording.channel_texts, k)) for k in ("web", "walk_in", "phone"))]
    for where, text in texts:
        printed = re.sub(r"\{[^}]*\}", "", text)
        assert not re.search("[A-Za-z]", printed), (where, text)
        assert not [w for w in colloquial if w in text], (where, text)
        assert "  " not in text and text == text.strip(), where
    everything = " ".join(t for _, t in texts)
    assert REGULATION in everything
    assert not re.search(r"ข้อ\s*[๐-๙0-9]{3}", everything)  # the regulation's clause numbers are not claimed
    # what the regulation's part on lending requires is said
    for words in ("เพื่อประโยชน์ของทางราชการ", "ได้รับอนุมัติจาก", "ในสภาพที่ใช้การได้เรียบร้อย",
                  "ซ่อมแซมให้คงสภาพเดิม", "ชดใช้เป็นเงินตามราคาที่เป็นอยู่ในขณะยืม", "ติดตามทวงถาม",
                  "ไม่ให้ยืมหรือนำพัสดุไปใช้เพื่อประโยชน์ส่วนตน"):
        assert words in everything, words


def test_a_missing_placeholder_is_a_clear_thai_error(wording_text):
    broken = wording_text.replace("{lead_days}", "๓")
    with pytest.raises(InputError) as info:
        parse_wording(broken)
    message = str(info.value)
    assert "{lead_days}" in message and "ไม่มีช่องข้อมูล" in message and "จำนวนวันที่ต้องยื่นคำขอล่วงหน้า" in message
    assert br.DATA_FILE in message


def test_unknown_placeholders_and_broken_structure(wording_text):
    with pytest.raises(InputError, match=r"ไม่รู้จักช่องข้อมูล \{units\}"):
        parse_wording(wording_text.replace("ส่งมอบพัสดุ ตรวจนับ", "ส่งมอบพัสดุของ{units} ตรวจนับ", 1))
    with pytest.raises(InputError, match=r"ไม่รู้จักช่องข้อมูล \{no\.nowhere\}"):
        parse_wording(wording_text.replace("{no.liability}", "{no.nowhere}", 1))
    with pytest.raises(InputError, match="ไม่ครบคู่"):
        parse_wording(wording_text.replace("{step.follow}", "{step.follow", 1))
    with pytest.raises(InputError, match="insert: steps"):
        parse_wording(wording_text.replace("- insert: steps", "- text: ตาราง", 1))
    with pytest.raises(InputError, match=r"channel_texts\.web.*\{url\}"):
        parse_wording(wording_text.replace("ที่ {url} ซึ่ง", "ซึ่ง", 1))
    with pytest.raises(InputError, match="ข้อความมาตรฐานต้องไม่มีช่องข้อมูล"):
        parse_wording(wording_text.replace("  fee: การยืมพัสดุไม่เสียค่าธรรมเนียม", "  fee: \"{agency}ไม่เก็บค่าธรรมเนียม\"", 1))
    with pytest.raises(InputError) as info:
        parse_wording(wording_text.replace("\ntitle:", "\ntitel:", 1))
    assert "ไม่ได้ระบุ" in str(info.value) or "ไม่รู้จักคีย์" in str(info.value)
    with pytest.raises(InputError, match="บรรทัด"):
        parse_wording("title: [")


# --------------------------------------------------------------------------- the agency's facts


@pytest.mark.parametrize(("changes", "where", "words"), [
    ({"agency_name": " "}, "agency_name", "ไม่ได้ระบุชื่อหน่วยงาน"),
    ({"custodian_unit": ""}, "custodian_unit", "ไม่ได้ระบุกอง/สำนัก"),
    ({"max_days": 0}, "max_days", "ระยะเวลายืมสูงสุดระบุไว้ 0 วัน"),
    ({"max_days": "7"}, "max_days", "ต้องเป็นจำนวนวันเต็ม"),
    ({"lead_days": 61}, "lead_days", "ระบุไว้ 61 วัน"),
    ({"fiscal_year": 2026}, "fiscal_year", "ไม่ใช่ปี พ.ศ."),
    ({"issued_on": None}, "issued_on", "ไม่ได้ระบุวันที่ประกาศ"),
    ({"assets": [AssetRow("", "เต็นท์", 1, "หลัง")]}, "assets[1]", "ไม่ได้ระบุหมายเลขพัสดุ"),
    ({"assets": [AssetRow("1", "เต็นท์", 0, "หลัง")]}, "assets[1].quantity", "ตั้งแต่ 1 ขึ้นไป"),
    ({"assets": [AssetRow("1", "เต็นท์", 1, "หลัง", 100)]}, "assets[1].max_days", "1–90 วัน"),
    ({"return_check": "ข้อความเดียว"}, "return_check", "ต้องเป็นรายการข้อความ"),
])
def test_bad_facts_are_clear_thai_errors(changes, where, words):
    with pytest.raises(InputError) as info:
        make_facts(**changes)
    assert info.value.where == where
    assert words in str(info.value)


def test_titles_from_the_terms_book_when_blank(facts):
    assert br.head_title(facts) == HEAD
    assert br.approver_title(facts) == APPROVER
    assert br.approver_title(make_facts(approver_title="รองปลัดองค์การบริหารส่วนตำบล")) == "รองปลัดองค์การบริหารส่วนตำบล"
    other = make_facts(agency_name="ศูนย์บริการประชาชนทดสอบ", agency_type=None)
    assert br.head_title(other) == br.approver_title(other) == "หัวหน้าหน่วยงาน"


# --------------------------------------------------------------------------- the DOCX


def test_docx_is_thai_a4_sarabun_16(docx_bytes):
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
        body = archive.read("word/document.xml").decode("utf-8")
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.S).group(0)
    assert f'w:cs="{FONT_FAMILY}"' in defaults and '<w:szCs w:val="32"/>' in defaults
    assert set(re.findall(r'w:cs="([^"]+)"', body)) == {FONT_FAMILY}
    assert set(re.findall(r'<w:szCs w:val="(\d+)"/>', body)) <= {"32"}
    doc = Document(io.BytesIO(docx_bytes))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(section.top_margin.cm, 1), round(section.bottom_margin.cm, 1)) == (2.5, 2.0)
    assert (round(section.left_margin.cm, 1), round(section.right_margin.cm, 1)) == (3.0, 2.0)
    assert section.different_first_page_header_footer and "PAGE" in section.header._element.xml
    assert doc.core_properties.author == AGENCY and doc.core_properties.language == "th-TH"


FIELDS = (f"ประกาศ{AGENCY}", "เรื่องหลักเกณฑ์และแนวปฏิบัติการยืม-คืนพัสดุ", REGULATION, "กองคลัง", HEAD, APPROVER,
          "ยืมได้ครั้งละไม่เกิน๗วัน", "ล่วงหน้าไม่น้อยกว่า๓วัน", URL, PLACE, "๐๓๔๕๑๒๓๔๕ต่อ๑๔",
          "พนักงานส่วนตำบล", "การยืมพัสดุไม่เสียค่าธรรมเนียม", "บัตรประจำตัวประชาชนของผู้ยืม",
          "ประกาศณวันที่๑ตุลาคมพ.ศ.๒๕๖๙", "บัญชีแนบท้ายประกาศ", "เต็นท์ผ้าใบขนาด๔×๘เมตร", "๒๐๐ตัว", "๑๐หลัง",
          "เครื่องเสียงพร้อมลำโพง", "๓วัน", "๐๒๐-๖๕-๐๐๐๑ถึง๐๐๑๐")


def test_docx_states_every_fact(docx_bytes):
    text = flat(docx_text(docx_bytes))
    for fact in FIELDS:
        assert flat(fact) in text, fact
    for title in ("ขอบเขต", "หลักการ", "ผู้มีอำนาจอนุมัติ", "ระยะเวลาการยืม", "ขั้นตอนการยืมและการส่งคืน",
                  "การตรวจสภาพพัสดุเมื่อส่งมอบและส่งคืน", "ความรับผิดของผู้ยืม", "การติดตามและการรายงาน"):
        assert title in text
    assert f"({br.BLANK_NAME})" in text
    # the longest loan and the notice are each written once; the steps refer to them by number
    assert text.count("ไม่เกิน๗วัน") == 1 and text.count("ไม่น้อยกว่า๓วัน") == 1
    assert "ตามข้อ๔" in text and "ช่องทางตามข้อ๕" in text and "ตามข้อ๗" in text and "ตามข้อ๘" in text
    assert "ขั้นตอนที่๖" in text


def test_the_agency_s_own_texts_replace_the_standard_ones():
    own = make_facts(liability=["ผู้ยืมชดใช้ค่าเสียหายตามที่คณะกรรมการกำหนด"], return_check=["ตรวจนับทุกครั้ง"],
                     fee="ค่าธรรมเนียมตามข้อบัญญัติของหน่วยงาน", documents="หนังสือขอยืม")
    text = flat(docx_text(build_rules(own)))
    for words in ("ผู้ยืมชดใช้ค่าเสียหายตามที่คณะกรรมการกำหนด", "ตรวจนับทุกครั้ง", "ค่าธรรมเนียมตามข้อบัญญัติของหน่วยงาน",
                  "เอกสารประกอบคำขอได้แก่หนังสือขอยืม"):
        assert flat(words) in text
    assert "ราคาที่เป็นอยู่ในขณะยืม" not in text


def test_without_the_web_page_and_without_public_assets():
    text = flat(docx_text(build_rules(make_facts(web_url="", assets=(), phone=""))))
    assert "เว็บไซต์ของหน่วยงาน" not in text and "บัญชีแนบท้าย" not in text and "โทรศัพท์หมายเลข" not in text
    assert flat(f"ยื่นคำขอด้วยตนเองที่{PLACE}") in text


def test_steps_and_assets_tables(docx_bytes):
    doc = Document(io.BytesIO(docx_bytes))
    steps, assets = doc.tables
    assert [strip_marks(c.text) for c in steps.rows[0].cells] == ["ขั้นตอน", "ผู้รับผิดชอบ", "ระยะเวลา"]
    assert len(steps.rows) == 7
    assert strip_marks(steps.rows[6].cells[2].text).replace("\xa0", " ") == "ภายใน ๗ วันนับแต่วันครบกำหนดส่งคืน"
    assert strip_marks(steps.rows[3].cells[1].text) == APPROVER
    assert [strip_marks(c.text) for c in assets.rows[0].cells] == ["ลำดับ", "หมายเลขพัสดุ", "รายการ", "จำนวน",
                                                                  "ยืมได้ไม่เกิน"]
    assert [strip_marks(r.cells[4].text).replace("\xa0", " ") for r in assets.rows[1:]] == ["๗ วัน", "๗ วัน", "๓ วัน"]
    for table, widths in ((steps, br.STEPS_WIDTHS_CM), (assets, br.ASSETS_WIDTHS_CM)):
        got = [round(int(g.get(qn("w:w"))) / 567, 1) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert got == list(widths) and round(sum(got), 1) == 16.0


def test_lines_do_not_break_inside_words_it_marks(docx_bytes):
    raw = docx_text(docx_bytes)
    assert f"ค่า{WORD_JOINER}ใช้{WORD_JOINER}จ่าย" in raw and f"มอบ{WORD_JOINER}หมาย" in raw
    assert f"๒{WORD_JOINER}๐{WORD_JOINER}๐\xa0ตัว" in raw  # a number stays whole and with its unit
    assert URL in raw


def test_arabic_digits_when_asked(facts):
    text = docx_text(build_rules(facts, thai_digits=False))
    assert not THAI_DIGIT.search(text.replace(REGULATION, ""))
    assert "7\xa0วัน" in text and URL in text


def test_write_docx_is_atomic(tmp_path, facts):
    out = write_rules("docx", tmp_path / "rules.docx", facts)
    assert zipfile.is_zipfile(out)
    with pytest.raises(InputError, match="ไม่รู้จักรูปแบบไฟล์"):
        write_rules("odt", tmp_path / "rules.odt", facts)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="ไม่พบโฟลเดอร์"):
        write_rules("docx", tmp_path / "missing" / "rules.docx", facts)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rules.docx"]
    assert br.rules_filename(facts, "pdf") == f"หลักเกณฑ์การยืม-คืนพัสดุ-{AGENCY}-2570.pdf"


# --------------------------------------------------------------------------- the PDF (one LibreOffice run)


@pytest.fixture(scope="module")
def rules_pdf(tmp_path_factory, facts):
    out = tmp_path_factory.mktemp("rules") / "rules.pdf"
    write_rules("pdf", out, replace(facts, head_name="นายสมชาย ใจดี"))
    return out


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_pdf_text_layer_has_every_field(rules_pdf):
    raw = subprocess.run(["pdftotext", str(rules_pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert ZWSP not in raw and WORD_JOINER not in raw
    text = flat(raw)
    for fact in (*FIELDS, "(นายสมชาย ใจดี)"):
        assert flat(fact) in text, fact
    fonts = subprocess.run(["pdffonts", str(rules_pdf)], capture_output=True, text=True, check=True).stdout
    assert "THSarabunNew" in fonts and "THSarabunNew-Bold" in fonts
    info = subprocess.run(["pdfinfo", str(rules_pdf)], capture_output=True, text=True, check=True).stdout
    assert int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)) == 5  # the announcement on four pages, its annex on the fifth
    # the signature is not alone on its page: the annex follows on the next page
    pages = raw.split("\f")
    signed = next(i for i, p in enumerate(pages) if "ประกาศ ณ วันที่" in p)
    assert "จึงประกาศให้ทราบ" in pages[signed] and "บัญชีแนบท้าย" in pages[signed + 1]
    assert flat("สรุปผลการยืม-คืนพัสดุประจำปีงบประมาณ") in flat(pages[signed])  # a paragraph goes with the signature
