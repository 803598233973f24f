"""The QR code poster: the PNG (matplotlib, A4 at 150 dpi, the QR code drawn in the middle), the
DOCX, bad input refused in Thai, and one PDF through LibreOffice in which pdftotext finds every
field."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import pytest
from docx import Document
from PIL import Image

from prongsai.documents.survey_poster import (
    ANONYMOUS,
    HEADLINE,
    build_poster,
    poster_png,
    qr_png,
    write_poster,
)
from prongsai.documents.wordbreak import WORD_JOINER, ZWSP, strip_marks
from prongsai.errors import InputError
from tests.documents.needs import needs_poppler, needs_soffice

AGENCY = "เทศบาลตำบลบ้านใหม่สามัคคี"
URL = "https://prongsai.example.go.th/p/12/survey/34/"
SERVICES = ["งานจัดเก็บภาษี", "งานทะเบียนพาณิชย์"]
KW = {"agency_name": AGENCY, "survey_title": "แบบสำรวจความพึงพอใจการให้บริการ", "services": SERVICES, "url": URL}


def test_the_png():
    image = Image.open(io.BytesIO(poster_png(**KW))).convert("L")
    assert image.size == (1240, 1753)
    # the QR code: about 11 cm wide in the middle, black modules on white
    box = image.crop((370, 560, 870, 1060))
    dark = sum(1 for p in box.tobytes() if p < 80) / (500 * 500)
    assert 0.3 < dark < 0.7
    assert image.getpixel((20, 60)) < 100  # the band with the agency's name
    assert image.getpixel((620, 1700)) > 240  # white page below


def test_the_qr_image():
    data = qr_png(URL)
    assert data.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(data)).size[0] >= 500


def test_the_docx():
    data = build_poster(**KW)
    doc = Document(io.BytesIO(data))
    text = strip_marks("\n".join([p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows
                                                                     for c in r.cells])).replace("\xa0", " ")
    for fact in (AGENCY, HEADLINE, "งานจัดเก็บภาษี · งานทะเบียนพาณิชย์", URL, ANONYMOUS, "ใช้เวลาประมาณ ๓ นาที"):
        assert fact in text, fact
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert len([n for n in archive.namelist() if n.startswith("word/media/")]) == 1
    assert round(doc.sections[0].page_height.cm, 1) == 29.7


def test_a_survey_of_its_own_title_shows_it():
    text = "\n".join(p.text for p in Document(io.BytesIO(build_poster(
        **{**KW, "survey_title": "แบบสำรวจความพึงพอใจ งานป้องกันและบรรเทาสาธารณภัย"}))).paragraphs)
    assert "งานป้องกันและบรรเทาสาธารณภัย" in strip_marks(text)
    assert "งานจัดเก็บภาษี ·" not in strip_marks(text)


def test_bad_input_is_a_thai_error(tmp_path):
    for bad in ("", "ftp://x", "https://x y/", "javascript:alert(1)"):
        with pytest.raises(InputError, match="ที่อยู่แบบสำรวจ"):
            poster_png(**{**KW, "url": bad})
    with pytest.raises(InputError, match="ไม่ได้ระบุชื่อหน่วยงาน"):
        build_poster(**{**KW, "agency_name": "  "})
    with pytest.raises(InputError, match="ไม่รู้จักรูปแบบไฟล์"):
        write_poster("png", tmp_path / "p.png", **KW)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
@needs_soffice
@needs_poppler
def test_the_pdf_has_every_field(tmp_path):
    out = write_poster("pdf", tmp_path / "poster.pdf", **KW)
    raw = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert ZWSP not in raw and WORD_JOINER not in raw
    flat = re.sub(r"\s+", "", raw)
    for fact in (AGENCY, HEADLINE, "งานจัดเก็บภาษี·งานทะเบียนพาณิชย์", URL, re.sub(r"\s+", "", ANONYMOUS),
                 "ใช้เวลาประมาณ๓นาที", "สแกนคิวอาร์โค้ดด้วยกล้องโทรศัพท์มือถือเพื่อตอบแบบสำรวจ"):
        assert fact in flat, fact
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M)
    assert re.search(r"^Page size:\s+595", info, re.M)  # A4
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 3  # header, rule, the QR code
