from __future__ import annotations

import io

import pytest
from PIL import Image

from prongsai.channels.attachments import AttachmentRefused, clean


def _png_with_text() -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "ชื่อผู้ถ่าย LeakyAuthor")
    buffer = io.BytesIO()
    Image.new("RGBA", (20, 10), (1, 2, 3, 255)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def test_png_text_chunks_are_removed():
    data = _png_with_text()
    assert b"LeakyAuthor" in data
    cleaned = clean("x.png", data, 1, 10 ** 7)
    assert b"LeakyAuthor" not in cleaned.data
    assert Image.open(io.BytesIO(cleaned.data)).size == (20, 10)
    assert cleaned.name == "ไฟล์แนบ-1.png"


def test_a_jpeg_keeps_its_orientation_without_exif():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90°
    exif[0x010F] = "LeakyCameraMaker"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20)).save(buffer, "JPEG", exif=exif.tobytes())
    cleaned = clean("x.jpg", buffer.getvalue(), 2, 10 ** 7)
    assert b"LeakyCameraMaker" not in cleaned.data and b"Exif" not in cleaned.data
    assert Image.open(io.BytesIO(cleaned.data)).size == (20, 40)


@pytest.mark.parametrize("data, message", [
    (b"", "ไม่มีข้อมูล"),
    (b"MZ\x90\x00", "PDF, JPG หรือ PNG"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "เปิดรูปภาพ “ไฟล์.bin” ไม่ได้"),
    (b"%PDF-1.4" + b"0" * 200, "ใหญ่เกิน"),
])
def test_refusals_are_thai_sentences(data, message):
    with pytest.raises(AttachmentRefused, match=message):
        clean("ไฟล์.bin", data, 1, 100)


def test_a_decompression_bomb_is_refused():
    buffer = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buffer, "PNG")  # 81 M pixels in a small file
    with pytest.raises(AttachmentRefused, match="ใหญ่เกินไป"):
        clean("bomb.png", buffer.getvalue(), 1, 10 ** 7)


def test_pdfs_are_kept_as_they_are():
    pdf = b"%PDF-1.4\n%%EOF\n"
    cleaned = clean("a.pdf", pdf, 1, 10 ** 7)
    assert cleaned.data == pdf and not cleaned.stripped
