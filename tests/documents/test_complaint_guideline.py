"""แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ: the wording file's checks, the agency's
facts' checks, the DOCX (fast), and one PDF through LibreOffice (slow).

Texts are compared through strip_marks: the document carries ZERO WIDTH SPACE between Thai
words, WORD JOINER inside numbers and compounds, and no-break spaces that keep numbers with
their words."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
import zipfile
from dataclasses import replace
from datetime import date
from importlib import resources

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn

from prongsai.documents import complaint_guideline as cg
from prongsai.documents.complaint_guideline import Guideline, build_guideline, parse_wording, write_guideline
from prongsai.documents.fonts import FONT_FAMILY
from prongsai.documents.wordbreak import WORD_JOINER, ZWSP, strip_marks
from prongsai.errors import InputError
from tests.documents.needs import needs_poppler, needs_soffice

AGENCY = "องค์การบริหารส่วนตำบลลาดหญ้า"
HEAD = "นายกองค์การบริหารส่วนตำบลลาดหญ้า"
URL = "https://www.ladya.go.th/p/12/complaint/"
EMAIL = "saraban@ladya.go.th"
FORWARD = (
    "สำนักงาน ป.ป.ช. ประจำจังหวัดกาญจนบุรี",
    "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ (สำนักงาน ป.ป.ท.)",
    "ศูนย์ดำรงธรรมจังหวัดกาญจนบุรี",
)
THAI_DIGIT = re.compile("[๐-๙]")


def make_guide(**changes) -> Guideline:
    values = dict(
        agency_name=AGENCY, agency_type="อบต.", province="กาญจนบุรี", district="เมืองกาญจนบุรี",
        handling_unit="สำนักปลัด", head_title="",
        channels=[("เว็บไซต์ของหน่วยงาน (ไม่ต้องระบุชื่อ)", URL),
                  ("โทรศัพท์", "0 3451 2345"),
                  ("ไปรษณีย์", "สำนักปลัด องค์การบริหารส่วนตำบลลาดหญ้า 99 หมู่ 1 ตำบลลาดหญ้า 71190"),
                  ("ยื่นด้วยตนเอง", "ที่ทำการองค์การบริหารส่วนตำบลลาดหญ้า ในวันและเวลาราชการ"),
                  ("อีเมล", EMAIL)],
        acknowledge_days=7, answer_days=45, forward_to=list(FORWARD),
        issued_on=date(2024, 10, 15), fiscal_year=2568,
    )
    values.update(changes)
    return Guideline(**values)


def flat(text: str) -> str:
    """Marks and every kind of space removed: what a search of the document's words sees."""
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
def guide() -> Guideline:
    return make_guide()


@pytest.fixture(scope="module")
def docx_bytes(guide) -> bytes:
    return build_guideline(guide)


@pytest.fixture(scope="module")
def wording_text() -> str:
    return resources.files("prongsai.documents").joinpath("data", cg.DATA_FILE).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- the wording file


def test_shipped_wording_loads_and_names_the_oit_item_exactly():
    wording = cg.load_wording()
    assert wording.title == "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ"
    assert [s.id for s in wording.sections][:4] == ["purpose", "scope", "unit", "channels"]
    assert [s.id for s in wording.steps] == ["receive", "register", "check", "act", "inform", "close"]


def test_wording_is_official_register(wording_text):
    """No colloquial word (the project's list), no English in what is printed, the laws' names."""
    colloquial = [e["word"] for e in yaml.safe_load(
        resources.files("prongsai.planning").joinpath("data", "colloquial.yaml").read_text(encoding="utf-8"))["words"]]
    wording = cg.load_wording()
    for where, text in wording.texts():
        printed = re.sub(r"\{[^}]*\}", "", text)
        assert not re.search("[A-Za-z]", printed), (where, text)
        assert not [w for w in colloquial if w in text], (where, text)
        assert "  " not in text and text == text.strip(), where
    everything = " ".join(t for _, t in wording.texts())
    for name in ("พระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. ๒๕๔๖",
                 "ระเบียบสำนักนายกรัฐมนตรีว่าด้วยการจัดการเรื่องราวร้องทุกข์ พ.ศ. ๒๕๕๒",
                 "พระราชบัญญัติคุ้มครองข้อมูลส่วนบุคคล พ.ศ. ๒๕๖๒",
                 "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.)",
                 "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตในภาครัฐ (สำนักงาน ป.ป.ท.)"):
        assert name in everything


def test_missing_placeholder_is_a_clear_thai_error(wording_text):
    broken = wording_text.replace("{answer_days}", "๓๐")
    with pytest.raises(InputError) as info:
        parse_wording(broken)
    message = str(info.value)
    assert "{answer_days}" in message and "ไม่มีช่องข้อมูล" in message
    assert "จำนวนวันที่แจ้งผลการดำเนินการ" in message
    assert cg.DATA_FILE in message


def test_unknown_placeholder_names_where_it_is(wording_text):
    broken = wording_text.replace("ลงทะเบียนรับเรื่องร้องเรียน", "ลงทะเบียนรับเรื่องร้องเรียนของ{units}", 1)
    with pytest.raises(InputError) as info:
        parse_wording(broken)
    assert "ไม่รู้จักช่องข้อมูล {units}" in str(info.value)
    assert "steps.register.step[0]" in str(info.value)
    # a reference to a section or step that does not exist
    with pytest.raises(InputError, match=r"ไม่รู้จักช่องข้อมูล \{no\.nowhere\}"):
        parse_wording(wording_text.replace("{no.reporting}", "{no.nowhere}", 1))
    with pytest.raises(InputError, match="ไม่ครบคู่"):
        parse_wording(wording_text.replace("{step.inform}", "{step.inform", 1))


def test_broken_structure_is_a_thai_error(wording_text):
    with pytest.raises(InputError) as info:
        parse_wording(wording_text.replace("\ntitle:", "\ntitel:", 1))
    assert "ไม่ได้ระบุ" in str(info.value) or "ไม่รู้จักคีย์" in str(info.value)
    with pytest.raises(InputError, match="insert: steps"):
        parse_wording(wording_text.replace("- insert: steps", "- text: ตาราง", 1))
    with pytest.raises(InputError, match="บรรทัด"):
        parse_wording("title: [")
    with pytest.raises(InputError, match="insert: liability ไม่มีในเอกสารนี้"):  # another document's table
        parse_wording(wording_text.replace("- insert: steps", "- insert: liability", 1))


# --------------------------------------------------------------------------- the agency's facts


@pytest.mark.parametrize(("changes", "where", "words"), [
    ({"acknowledge_days": -3}, "acknowledge_days", "ต้องไม่น้อยกว่า 1 วันทำการ แต่ระบุไว้ -3"),
    ({"answer_days": 0}, "answer_days", "ต้องไม่น้อยกว่า 1"),
    ({"answer_days": 5, "acknowledge_days": 10}, "answer_days", "สั้นกว่าระยะเวลาแจ้งการรับเรื่อง"),
    ({"acknowledge_days": "15"}, "acknowledge_days", "ต้องเป็นจำนวนวันเต็ม"),
    ({"agency_name": "  "}, "agency_name", "ไม่ได้ระบุชื่อหน่วยงาน"),
    ({"handling_unit": ""}, "handling_unit", "ไม่ได้ระบุหน่วยงานที่รับ"),
    ({"channels": []}, "channels", "ไม่ได้ระบุช่องทาง"),
    ({"channels": [("โทรศัพท์", "")]}, "channels[1]", "ไม่ได้ระบุรายละเอียด"),
    ({"fiscal_year": 2025}, "fiscal_year", "ไม่ใช่ปี พ.ศ."),
])
def test_bad_facts_are_clear_thai_errors(changes, where, words):
    with pytest.raises(InputError) as info:
        make_guide(**changes)
    assert info.value.where == where
    assert words in str(info.value)


def test_head_title_from_the_terms_book_when_blank(guide):
    assert cg.head_title(guide) == HEAD
    assert cg.head_title(make_guide(head_title="นายกองค์การบริหารส่วนตำบลลาดหญ้า (รักษาการ)")).endswith("(รักษาการ)")
    other = make_guide(agency_name="ศูนย์บริการประชาชนทดสอบ", agency_type=None)
    assert cg.head_title(other) == cg.DEFAULT_HEAD == "หัวหน้าหน่วยงาน"


def test_default_bodies_name_the_province():
    bodies = cg.forward_bodies(make_guide(forward_to=[]))
    assert any("ป.ป.ช. ประจำ{province}" in b for b in bodies)  # filled in when printed
    text = flat(docx_text(build_guideline(make_guide(forward_to=[]))))
    assert flat("สำนักงาน ป.ป.ช. ประจำจังหวัดกาญจนบุรี") in text
    assert flat("ศูนย์ดำรงธรรมจังหวัดกาญจนบุรี") in text
    with pytest.raises(InputError, match="ไม่ได้ระบุจังหวัด"):
        cg.forward_bodies(make_guide(forward_to=[], province=""))


# --------------------------------------------------------------------------- the DOCX


def test_docx_is_thai_a4_sarabun_16(docx_bytes):
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
        body = archive.read("word/document.xml").decode("utf-8")
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.S).group(0)
    assert f'w:cs="{FONT_FAMILY}"' in defaults and '<w:szCs w:val="32"/>' in defaults
    assert 'w:bidi="th-TH"' in defaults
    fonts = set(re.findall(r'w:cs="([^"]+)"', body))
    assert fonts == {FONT_FAMILY}
    assert set(re.findall(r'<w:szCs w:val="(\d+)"/>', body)) <= {"32"}  # 16 pt throughout
    doc = Document(io.BytesIO(docx_bytes))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(section.left_margin.cm, 1), round(section.right_margin.cm, 1)) == (3.0, 2.0)
    assert section.different_first_page_header_footer  # page numbers from page 2
    assert "PAGE" in section.header._element.xml
    assert doc.core_properties.author == AGENCY and doc.core_properties.language == "th-TH"


def test_docx_states_every_fact(docx_bytes, guide):
    text = flat(docx_text(docx_bytes))
    for fact in (f"ประกาศ{AGENCY}", "เรื่องแนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
                 "สำนักปลัด", HEAD, URL, EMAIL, "๐๓๔๕๑๒๓๔๕", "๗๑๑๙๐", "ภายใน๗วันทำการ", "ภายใน๔๕วันทำการ",
                 "ประกาศณวันที่๑๕ตุลาคมพ.ศ.๒๕๖๗", *FORWARD):
        assert flat(fact) in text, fact
    for label, _ in guide.channels:
        assert flat(label) in text
    for title in ("วัตถุประสงค์", "ขอบเขตและคำนิยาม", "ช่องทางการแจ้งเรื่องร้องเรียน", "การคุ้มครองผู้ร้องเรียน"):
        assert title in text
    # anonymous reports, confidentiality, no retaliation
    assert flat("รับเรื่องร้องเรียนที่ไม่ระบุชื่อผู้ร้องเรียนไว้พิจารณา") in text
    assert "เป็นความลับ" in text and "กลั่นแกล้ง" in text
    # the name to sign over is a dotted line when not given
    assert f"({cg.BLANK_NAME})" in text


def test_each_deadline_is_written_once_and_referred_to_by_number(docx_bytes):
    text = flat(docx_text(docx_bytes))
    assert text.count("๔๕วันทำการ") == 1 and text.count("๗วันทำการ") == 1
    # steps 3 and 4 share step 5's deadline, and so does the rule on delays after the table
    assert text.count("ภายในระยะเวลาตามขั้นตอนที่๕") == 3
    assert "ช่องทางตามข้อ๔" in text and "หน่วยงานตามข้อ๖" in text and "รายงานผลตามข้อ๘" in text


def test_steps_table(docx_bytes):
    doc = Document(io.BytesIO(docx_bytes))
    steps = next(t for t in doc.tables if strip_marks(t.rows[0].cells[0].text) == "ขั้นตอน")
    assert [strip_marks(c.text) for c in steps.rows[0].cells] == ["ขั้นตอน", "ผู้รับผิดชอบ", "ระยะเวลา"]
    assert len(steps.rows) == 7
    firsts = [strip_marks(r.cells[0].paragraphs[0].text) for r in steps.rows[1:]]
    assert [f.split(".")[0] for f in firsts] == ["๑", "๒", "๓", "๔", "๕", "๖"]
    assert firsts[0].startswith("๑. รับเรื่องร้องเรียน")
    assert strip_marks(steps.rows[2].cells[2].text).replace("\xa0", " ") == "ภายใน ๗ วันทำการ"
    assert strip_marks(steps.rows[5].cells[2].text).replace("\xa0", " ") == "ภายใน ๔๕ วันทำการ"
    widths = [round(int(g.get(qn("w:w"))) / 567, 1) for g in steps._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths == list(cg.STEPS_WIDTHS_CM) and sum(widths) == 16.0
    assert all(r._tr.trPr is not None and r._tr.trPr.find(qn("w:cantSplit")) is not None for r in steps.rows)


def test_numbers_never_split_and_addresses_kept(docx_bytes):
    raw = docx_text(docx_bytes)
    assert f"๔{WORD_JOINER}๕" in raw  # Thai digits joined
    assert "ภายใน ๗\xa0วัน" in raw and "ข้อ\xa0๔" in raw  # a number stays with its words
    assert "๐\xa0๓" in raw  # the telephone number on one line
    assert URL in raw and EMAIL in raw  # addresses exactly as written (no Thai digits, no marks)


def test_arabic_digits_when_asked(guide):
    text = docx_text(build_guideline(guide, thai_digits=False))
    assert not THAI_DIGIT.search(text)
    assert "ภายใน 7\xa0วัน" in text and URL in text


def test_write_docx_is_atomic(tmp_path, guide):
    out = write_guideline("docx", tmp_path / "guide.docx", guide)
    assert zipfile.is_zipfile(out)
    with pytest.raises(InputError, match="ไม่รู้จักรูปแบบไฟล์"):
        write_guideline("odt", tmp_path / "guide.odt", guide)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="ไม่พบโฟลเดอร์"):
        write_guideline("docx", tmp_path / "missing" / "guide.docx", guide)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["guide.docx"]  # nothing half-written


def test_no_django():
    code = ("import sys; import prongsai.documents.complaint_guideline, prongsai.documents.channel_statistics; "
            "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --------------------------------------------------------------------------- the PDF (one LibreOffice run)


@pytest.fixture(scope="module")
def guideline_pdf(tmp_path_factory, guide):
    out = tmp_path_factory.mktemp("guideline") / "guideline.pdf"
    start = time.monotonic()
    write_guideline("pdf", out, replace(guide, head_name="นายสมชาย ใจดี"))
    return out, time.monotonic() - start


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_pdf_text_layer_has_every_field(guideline_pdf, guide):
    path, seconds = guideline_pdf
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert ZWSP not in raw and WORD_JOINER not in raw
    text = flat(raw)
    for fact in (AGENCY, "สำนักปลัด", HEAD, "(นายสมชาย ใจดี)", URL, EMAIL, "๐ ๓๔๕๑ ๒๓๔๕",
                 "ภายใน ๗ วันทำการ", "ภายใน ๔๕ วันทำการ", "ประกาศ ณ วันที่ ๑๕ ตุลาคม พ.ศ. ๒๕๖๗", *FORWARD,
                 *(label for label, _ in guide.channels)):
        assert flat(fact) in text, fact
    # page numbers from page 2: the text layer keeps the field's "2", LibreOffice's Context
    # numerals draw it as ๒ (th-TH run), as the page images show
    assert re.search(r"\f-\s*2", raw) and not raw.startswith("-")
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "THSarabunNew" in fonts and "THSarabunNew-Bold" in fonts
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert 3 <= pages <= 5
    assert seconds < 30
