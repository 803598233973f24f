"""Fonts, DOCX Thai settings, DOCX -> PDF through LibreOffice, charts."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from prongsai.documents import charts, docx_thai, fonts, pdf
from prongsai.documents.fonts import FONT_FAMILY

WEB_FONTS = Path(fonts.__file__).resolve().parents[1] / "web_fonts"
THAI_WORDS = ["ตำบล", "น้ำ", "ทั้งนี้", "การทุจริต"]
HEADING = "รายงานผลการประเมินคุณธรรมและความโปร่งใส"

needs_soffice = pytest.mark.skipif(
    not pdf.soffice_available(),
    reason=f"LibreOffice (soffice) is not installed: apt-get install -y {pdf.DEBIAN_PACKAGE}",
)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils (pdftotext, pdffonts) is not installed: apt-get install -y poppler-utils",
)


def build_docx(path: Path, heading: str = HEADING) -> Path:
    doc = docx_thai.new_document()
    doc.add_heading(heading, level=1)
    paragraph = doc.add_paragraph()
    docx_thai.thai_run(paragraph, "ตำบล น้ำ ทั้งนี้ การทุจริต ")
    docx_thai.thai_run(paragraph, "ตัวหนา", bold=True)
    docx_thai.thai_run(paragraph, " องค์การบริหารส่วนตำบลเปิดเผยข้อมูลสาธารณะอย่างต่อเนื่อง")
    docx_thai.thai_distribute(paragraph)
    docx_thai.add_table(
        doc,
        ["ลำดับ", "ตัวชี้วัด", "คะแนน"],
        [[str(i), f"การปฏิบัติหน้าที่ ตัวชี้วัดที่ {i}", "87.65"] for i in range(1, 4)],
        [2.0, 11.0, 3.0],
    )
    docx_thai.add_page_number_footer(doc.sections[0], prefix="หน้า ")
    doc.save(path)
    return path


def docx_xml(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


# --------------------------------------------------------------------------- vendored fonts


def test_vendored_fonts_have_expected_sha256():
    for style, (name, digest) in fonts.FONT_FILES.items():
        path = fonts.font_path(style)
        assert path.name == name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    licence = (fonts.font_dir() / "LICENSE-FONTS.txt").read_text(encoding="utf-8")
    assert "GNU General Public License" in licence
    assert "special exception" in licence
    assert "odoo-addon-l10n-th-base-utils" in licence


def test_web_fonts_are_sarabun_with_ofl():
    expected = {
        "Sarabun-Regular.ttf": "226d4f36",
        "Sarabun-Bold.ttf": "d38308ca",
        "Sarabun-SemiBold.ttf": "c0bb057d",
    }
    for name, prefix in expected.items():
        assert hashlib.sha256((WEB_FONTS / name).read_bytes()).hexdigest().startswith(prefix)
    assert "SIL Open Font License" in (WEB_FONTS / "OFL.txt").read_text(encoding="utf-8")


def test_ensure_fonts_installed_resolves_to_th_sarabun_new():
    path = fonts.ensure_fonts_installed()
    assert path.name.startswith("THSarabunNew")
    assert fonts.ensure_fonts_installed() == path  # cached


def test_font_missing_error_is_thai_and_says_what_to_run(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "_installed", None)
    monkeypatch.setattr(fonts, "_fc_match", lambda pattern: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setattr(fonts.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0))
    with pytest.raises(fonts.FontMissingError) as info:
        fonts.ensure_fonts_installed()
    message = str(info.value)
    assert "ไม่พบ" in message and "TH Sarabun New" in message
    assert "fc-cache -f" in message and "THSarabunNew-*.ttf" in message
    assert (tmp_path / "fonts" / "prongsai" / "THSarabunNew-Regular.ttf").is_file()  # it tried the user dir


# --------------------------------------------------------------------------- DOCX settings


def test_docx_has_thai_complex_script_attributes(tmp_path):
    path = build_docx(tmp_path / "doc.docx")
    styles = docx_xml(path, "word/styles.xml")
    document = docx_xml(path, "word/document.xml")
    both = styles + document

    assert f'w:cs="{FONT_FAMILY}"' in styles
    assert f'w:cs="{FONT_FAMILY}"' in document
    assert re.search(r"Theme=|w:cstheme=", styles) is None  # theme fonts would override ours
    assert '<w:szCs w:val="32"/>' in styles  # 16 pt for Thai text
    assert "<w:bCs/>" in both  # bold Thai (headings, bold run)
    assert 'w:bidi="th-TH"' in styles
    assert "<w:rtl" not in both
    assert 'w:val="thaiDistribute"' in document
    assert 'w:fmt="thaiNumbers"' in document
    assert "<w:tblHeader/>" in document
    # column widths on both gridCol (LibreOffice) and tcW (Word); fixed layout
    assert re.findall(r'<w:gridCol w:w="(\d+)"/>', document) == ["1134", "6236", "1701"]
    assert len(re.findall(r'<w:tcW (?=[^>]*w:type="dxa")(?=[^>]*w:w="6236")[^>]*/>', document)) == 4
    assert 'w:tblLayout w:type="fixed"' in document
    # A4 with margins top 2.5, bottom 2, left 3, right 2 cm (twips)
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in document
    assert 'w:top="1417"' in document and 'w:bottom="1134"' in document
    assert 'w:left="1701"' in document and 'w:right="1134"' in document


def test_thai_run_sets_size_and_bold_on_both_scripts(tmp_path):
    doc = docx_thai.new_document()
    run = docx_thai.thai_run(doc.add_paragraph(), "ทดสอบ", bold=True, size=20)
    xml = run._r.xml
    assert f'w:cs="{FONT_FAMILY}"' in xml
    assert "<w:b/>" in xml and "<w:bCs/>" in xml
    assert '<w:sz w:val="40"/>' in xml and '<w:szCs w:val="40"/>' in xml


def test_set_column_widths_rejects_wrong_count():
    doc = docx_thai.new_document()
    table = doc.add_table(rows=1, cols=2)
    with pytest.raises(ValueError):
        docx_thai.set_column_widths(table, [1.0, 2.0, 3.0])


# --------------------------------------------------------------------------- DOCX -> PDF


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_docx_converts_to_pdf_with_exact_thai_text_and_embedded_font(tmp_path):
    docx_path = build_docx(tmp_path / "doc.docx")
    pdf_path = pdf.convert_docx_to_pdf(docx_path, tmp_path / "doc.pdf")

    assert pdf_path.read_bytes().startswith(b"%PDF-")
    text = pdftotext(pdf_path)
    for word in [*THAI_WORDS, HEADING, "ตัวหนา", "การปฏิบัติหน้าที่"]:
        assert word in text, word
    font_list = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    assert "THSarabunNew" in font_list
    assert "THSarabunNew-Bold" in font_list
    assert "Laksaman" not in font_list and "DejaVu" not in font_list
    pages = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\b", pages)  # a substituted font (1.5x larger) would need more pages
    assert "A4" in pages


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_batch_of_three_uses_one_soffice_process(tmp_path, monkeypatch):
    sources = []
    for i in range(3):
        folder = tmp_path / f"agency{i}"
        folder.mkdir()
        # same file name in every folder: the batch must not mix them up
        sources.append(build_docx(folder / "report.docx", heading=f"{HEADING} ฉบับที่ {i + 1}"))
    out_dir = tmp_path / "out"
    out_dir.mkdir()

    starts = []
    real_popen = subprocess.Popen

    def counting_popen(cmd, *args, **kwargs):
        starts.append(cmd)
        return real_popen(cmd, *args, **kwargs)

    monkeypatch.setattr(pdf.subprocess, "Popen", counting_popen)
    results = pdf.convert_many([(src, out_dir / f"r{i}.pdf") for i, src in enumerate(sources)])

    assert len(starts) == 1
    assert [p.name for p in results] == ["r0.pdf", "r1.pdf", "r2.pdf"]
    for i, result in enumerate(results):
        text = pdftotext(result)
        assert f"ฉบับที่ {i + 1}" in text
        assert all(word in text for word in THAI_WORDS)
    assert sorted(p.name for p in out_dir.iterdir()) == ["r0.pdf", "r1.pdf", "r2.pdf"]


@pytest.mark.slow
@needs_soffice
def test_failed_document_leaves_no_output(tmp_path):
    good = build_docx(tmp_path / "good.docx")
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as archive:  # looks like a DOCX, cannot be loaded
        archive.writestr("[Content_Types].xml", "not xml")
        archive.writestr("word/document.xml", "not xml either")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pytest.raises(pdf.ConversionError) as info:
        pdf.convert_many([(good, out_dir / "good.pdf"), (broken, out_dir / "broken.pdf")])
    assert "broken.docx" in str(info.value)
    assert "ไม่สำเร็จ" in str(info.value)
    assert list(out_dir.iterdir()) == []


@pytest.mark.slow
@needs_soffice
def test_timeout_kills_soffice_and_leaves_no_output(tmp_path):
    docx_path = build_docx(tmp_path / "doc.docx")
    with pytest.raises(pdf.ConversionError) as info:
        pdf.convert_docx_to_pdf(docx_path, tmp_path / "doc.pdf", timeout=0.2)
    assert "วินาที" in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.docx"]


def test_not_a_docx_is_refused_before_starting_libreoffice(tmp_path, monkeypatch):
    fake = tmp_path / "scan.docx"
    fake.write_bytes(b"%PDF-1.4 not a docx")
    monkeypatch.setattr(pdf, "find_soffice", lambda: pytest.fail("soffice must not be started"))
    with pytest.raises(pdf.ConversionError) as info:
        pdf.convert_docx_to_pdf(fake, tmp_path / "scan.pdf")
    assert "ไม่ใช่เอกสาร DOCX" in str(info.value)
    assert not (tmp_path / "scan.pdf").exists()


def test_missing_libreoffice_names_the_debian_package(monkeypatch):
    monkeypatch.delenv(pdf.SOFFICE_ENV, raising=False)
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf, "_FALLBACK_PATHS", ())
    with pytest.raises(pdf.ConverterMissingError) as info:
        pdf.find_soffice()
    assert "libreoffice-writer-nogui" in str(info.value)
    assert "ไม่พบโปรแกรม LibreOffice" in str(info.value)


def test_duplicate_destinations_are_refused(tmp_path):
    docx_path = build_docx(tmp_path / "doc.docx")
    with pytest.raises(pdf.ConversionError):
        pdf.convert_many([(docx_path, tmp_path / "x.pdf"), (docx_path, tmp_path / "x.pdf")])


# --------------------------------------------------------------------------- charts

ROWS = [
    ("การปฏิบัติหน้าที่", 92.5),
    ("การใช้งบประมาณ", 88.0),
    ("การใช้อำนาจ", 79.31),
    ("การใช้ทรัพย์สินของราชการ", 100.0),
    ("การแก้ไขปัญหาการทุจริต", 84.99),
    ("คุณภาพการดำเนินงาน", 90.12),
    ("ประสิทธิภาพการสื่อสาร", 86.4),
    ("การปรับปรุงการทำงาน", 70.0),
    ("การเปิดเผยข้อมูล", 95.0),
    ("การป้องกันการทุจริตและประพฤติมิชอบในหน่วยงานของรัฐ", 60.5),
]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_indicator_chart_png():
    data = charts.indicator_chart(ROWS, pass_mark=85.0)
    width, height = png_size(data)
    assert 900 <= width <= 1600 and 600 <= height <= 1400
    assert len(data) > 20_000


def test_instrument_chart_png():
    width, height = png_size(charts.instrument_chart({"IIT": 92.1, "EIT": 88.4, "OIT": 79.0}))
    assert 600 <= width <= 1200 and 400 <= height <= 900


def test_svg_variants_draw_text_as_paths():
    svg = charts.indicator_chart_svg(ROWS)
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "<path" in svg and "<text" not in svg  # svg.fonttype='path'
    assert charts.indicator_chart_svg(ROWS) == svg  # deterministic (golden-test friendly)
    instrument = charts.instrument_chart_svg({"IIT": 92.1, "EIT": 88.4, "OIT": 79.0}, thai_digits=False)
    assert "<svg" in instrument


def test_chart_rejects_out_of_range_score():
    with pytest.raises(ValueError):
        charts.indicator_chart([("ตัวชี้วัด", 120.0)])


def test_wrap_label_breaks_at_thai_words():
    label = "การป้องกันการทุจริตและประพฤติมิชอบในหน่วยงานของรัฐ"
    wrapped = charts.wrap_label(label, width=20)
    assert "\n" in wrapped
    assert wrapped.replace("\n", "") == label
    assert all(line and not line.startswith(("ิ", "ั", "่", "้")) for line in wrapped.split("\n"))


def test_charts_do_not_import_matplotlib_at_module_import():
    code = "import sys, prongsai.documents.charts, prongsai.documents.pdf; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
