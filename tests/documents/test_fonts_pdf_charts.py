"""Fonts, DOCX Thai settings, DOCX -> PDF through LibreOffice, charts."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import sys
import time
import zipfile
from contextlib import suppress
from pathlib import Path

import pytest

from prongsai.documents import charts, docx_thai, fonts, pdf
from prongsai.documents.fonts import FONT_FAMILY
from tests.documents.needs import needs_poppler, needs_soffice

WEB_FONTS = Path(fonts.__file__).resolve().parents[1] / "web_fonts"
THAI_WORDS = ["ตำบล", "น้ำ", "ทั้งนี้", "การทุจริต"]
HEADING = "รายงานผลการประเมินคุณธรรมและความโปร่งใส"



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


def test_font_check_is_kept_in_a_marker_until_the_font_file_changes(monkeypatch, tmp_path):
    resolved = {"Regular": tmp_path / "THSarabunNew-Regular.ttf", "Bold": tmp_path / "THSarabunNew-Bold.ttf"}
    for style, path in resolved.items():
        shutil.copyfile(fonts.font_path(style), path)
    calls = []

    def fake_match(pattern):
        calls.append(pattern)
        return str(resolved["Bold" if pattern.endswith(":bold") else "Regular"])

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(fonts, "_fc_match", fake_match)
    monkeypatch.setattr(fonts, "_installed", None)
    assert fonts.ensure_fonts_installed() == resolved["Regular"]
    assert len(calls) == 2 and fonts.marker_path().is_file()

    monkeypatch.setattr(fonts, "_installed", None)  # a new process: the marker answers
    assert fonts.ensure_fonts_installed() == resolved["Regular"]
    assert len(calls) == 2

    resolved["Bold"].unlink()  # the font went away: the marker no longer counts, fontconfig is asked
    monkeypatch.setattr(fonts, "_installed", None)
    fonts.ensure_fonts_installed()
    assert len(calls) == 4

    shutil.copyfile(fonts.font_path("Bold"), resolved["Bold"])  # back (new mtime): asked again, marked again
    monkeypatch.setattr(fonts, "_installed", None)
    fonts.ensure_fonts_installed()
    monkeypatch.setattr(fonts, "_installed", None)
    fonts.ensure_fonts_installed()
    assert len(calls) == 6


def test_font_marker_from_another_font_setup_is_ignored(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    fonts.marker_path().parent.mkdir(parents=True)
    fonts.marker_path().write_text('{"key": "old", "files": []}', encoding="utf-8")
    assert fonts._read_marker() is None
    fonts.marker_path().write_text("not json", encoding="utf-8")
    assert fonts._read_marker() is None


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


def _soffice_running(profile: Path) -> bool:
    uri = profile.resolve().as_uri()
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        with suppress(OSError):
            if uri.encode() in cmdline.read_bytes():
                return True
    return False


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_office_started_ahead_converts_and_exits(tmp_path):
    docx_path = build_docx(tmp_path / "doc.docx")
    with pdf.start_office(context_numerals=True) as office:
        profile = office._profile
        assert _soffice_running(profile)
        results = pdf.convert_many([(docx_path, tmp_path / "doc.pdf")], office=office)
        deadline = time.monotonic() + 5  # it exits by itself after its one batch (slower on a busy machine)
        while _soffice_running(profile) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _soffice_running(profile)
        with pytest.raises(RuntimeError):
            office.convert(tmp_path, [docx_path], 10.0)
    assert results == [(tmp_path / "doc.pdf").resolve()]
    text = pdftotext(results[0])
    assert all(word in text for word in THAI_WORDS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["doc.docx", "doc.pdf"]
    with pdf._profile() as (again, _):  # the pooled profile is free again
        assert again == profile


@pytest.mark.slow
@needs_soffice
def test_office_not_used_is_stopped_on_close(tmp_path):
    office = pdf.start_office()
    profile = office._profile
    time.sleep(0.3)
    office.close()
    assert not _soffice_running(profile)


@pytest.mark.slow
@needs_soffice
def test_office_failed_document_leaves_no_output(tmp_path):
    good = build_docx(tmp_path / "good.docx")
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "not xml")
        archive.writestr("word/document.xml", "not xml either")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    with pdf.start_office() as office, pytest.raises(pdf.ConversionError) as info:
        pdf.convert_many([(good, out_dir / "good.pdf"), (broken, out_dir / "broken.pdf")], office=office)
    assert "broken.docx" in str(info.value)
    assert list(out_dir.iterdir()) == []


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


INSTRUMENTS = {"IIT": 92.1, "EIT": 88.4, "OIT": 79.0}
needs_raqm = pytest.mark.skipif(
    not charts._raqm_available(), reason="Pillow has no raqm layout (libfribidi0): PNG drawn by matplotlib"
)


def png_image(data: bytes):
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGB")


def has_colour(data: bytes, colour: str) -> bool:
    from PIL import ImageColor

    rgb = ImageColor.getrgb(colour)
    return any(c == rgb for _, c in png_image(data).getcolors(maxcolors=1 << 20))


@needs_raqm
def test_indicator_chart_png_is_print_resolution_for_its_printed_width():
    data = charts.indicator_chart(ROWS, pass_mark=85.0)
    width, height = png_size(data)
    assert width == charts.INDICATOR_PX == round(135 / 25.4 * 200)  # 135 mm at 200 dpi
    assert 600 <= height <= 1100  # ten rows, one label on two lines
    assert png_image(data).info["dpi"] == pytest.approx((200, 200), abs=0.01)
    assert len(data) > 20_000
    assert charts.indicator_chart(ROWS, pass_mark=85.0) == data  # deterministic


@needs_raqm
def test_instrument_chart_png_is_print_resolution_for_its_printed_width():
    width, height = png_size(charts.instrument_chart(INSTRUMENTS))
    assert width == charts.INSTRUMENT_PX == round(72 / 25.4 * 200)  # 72 mm at 200 dpi
    assert 0.6 * width <= height <= 1.0 * width
    titled = png_size(charts.instrument_chart(INSTRUMENTS, title="คะแนนตามเครื่องมือ"))
    assert titled[0] == width and titled[1] > height


def test_failing_score_is_drawn_in_the_failing_colour():
    passing = [("การปฏิบัติหน้าที่", 92.5), ("การใช้งบประมาณ", 88.0)]
    failing = [*passing, ("การใช้อำนาจ", 79.31)]
    assert has_colour(charts.indicator_chart(failing), charts.FAIL_COLOUR)
    assert has_colour(charts.indicator_chart(failing), charts.PASS_COLOUR)
    assert not has_colour(charts.indicator_chart(passing), charts.FAIL_COLOUR)
    assert has_colour(charts.instrument_chart(INSTRUMENTS, pass_mark=85.0), charts.FAIL_COLOUR)
    assert not has_colour(charts.instrument_chart(INSTRUMENTS, pass_mark=75.0), charts.FAIL_COLOUR)
    assert has_colour(charts.instrument_chart(INSTRUMENTS), charts.LINE_COLOUR)  # the pass-mark line


def test_thai_and_arabic_digits_draw_different_images():
    thai = charts.indicator_chart(ROWS, thai_digits=True)
    arabic = charts.indicator_chart(ROWS, thai_digits=False)
    assert thai != arabic
    assert png_image(thai).tobytes() != png_image(arabic).tobytes()
    assert charts.instrument_chart(INSTRUMENTS, thai_digits=True) != charts.instrument_chart(
        INSTRUMENTS, thai_digits=False
    )


def test_chart_without_a_score_says_so():
    data = charts.indicator_chart([("การปฏิบัติหน้าที่", None), ("การใช้อำนาจ", 0.0)])
    assert png_size(data)[0] > 0
    assert has_colour(data, charts.FAIL_COLOUR)  # legend: no score counts as below the pass mark
    png_size(charts.instrument_chart({"IIT": 92.1, "EIT": None, "OIT": None}, title="เครื่องมือ"))


def test_png_charts_do_not_import_matplotlib():
    code = (
        "import sys\n"
        "from prongsai.documents import charts\n"
        "rows = [('1. การปฏิบัติหน้าที่', 92.5), ('2. การใช้อำนาจ', 70.0), ('3. ' + 'การเปิดเผยข้อมูล' * 4, None)]\n"
        "charts.indicator_chart(rows, pass_mark=85.0, thai_digits=True, title='ผลคะแนน')\n"
        "charts.instrument_chart({'IIT': 92.1, 'EIT': None, 'OIT': 79.0}, thai_digits=False)\n"
        "print(charts._raqm_available(), sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    raqm, loaded = out.strip().split(" ", 1)
    if raqm == "True":
        assert loaded == "[]"


@needs_raqm
def test_png_text_is_laid_out_with_raqm():
    from PIL import ImageFont

    pen = charts._Pen("Regular", 40)
    assert pen.font.layout_engine == ImageFont.Layout.RAQM
    basic = ImageFont.truetype(str(fonts.font_path("Regular")), 40, layout_engine=ImageFont.Layout.BASIC)
    # TH Sarabun New's tone mark glyph sits high (for a vowel above); over a bare consonant the
    # font's OpenType rules lower it, which only the raqm layout applies: without it it floats
    assert pen.font.getbbox("ป่า", anchor="ls")[1] > basic.getbbox("ป่า", anchor="ls")[1]
    assert pen.font.getbbox("ที่", anchor="ls")[1] == basic.getbbox("ที่", anchor="ls")[1]


def test_png_falls_back_to_matplotlib_without_raqm(monkeypatch):
    monkeypatch.setattr(charts, "_raqm", False)
    width, _ = png_size(charts.indicator_chart(ROWS))
    assert width != charts.INDICATOR_PX  # drawn by the matplotlib renderer
    png_size(charts.instrument_chart(INSTRUMENTS))


@needs_raqm
def test_png_labels_wrap_between_words_within_the_width():
    pen = charts._Pen("Regular", charts._pt(charts.PNG_TEXT_PT))
    label = "๑๐. การป้องกันการทุจริตและประพฤติมิชอบในหน่วยงานของรัฐ"
    lines = pen.wrap(label, 250)
    assert len(lines) > 1
    assert "".join(lines).replace(" ", "") == label.replace(" ", "")
    assert all(pen.width(line) <= 250 for line in lines)
    assert all(not line.startswith(("ิ", "ั", "่", "้", "ร")) for line in lines)  # not inside a word
    assert pen.wrap("การใช้อำนาจ", 1000) == ["การใช้อำนาจ"]


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
