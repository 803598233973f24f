"""What a reporter may attach, checked by content (not by the name the browser sends), and
pictures re-encoded without their metadata: EXIF and XMP can carry the camera's serial number,
the place (GPS) and the owner's name, which would undo an anonymous report."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

KINDS = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
KINDS_TH = "PDF, JPG หรือ PNG"
MAX_PIXELS = 40_000_000  # a 1 KB file may claim 100,000 × 100,000 pixels; refuse before decoding


class AttachmentRefused(ValueError):
    """A Thai sentence saying what is wrong with the file and what is accepted."""


@dataclass(frozen=True)
class CleanFile:
    name: str
    kind: str
    content_type: str
    data: bytes
    stripped: bool  # True when metadata was removed (pictures)


def kind_of(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None


def safe_name(name: str, kind: str, number: int) -> str:
    """The reporter's own file name may itself identify them ("สมชาย-หลักฐาน.jpg"): keep only a
    neutral name and the checked kind."""
    return f"ไฟล์แนบ-{number}.{kind}"


def _strip_picture(data: bytes, kind: str, name: str) -> bytes:
    from PIL import Image, ImageOps

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as probe:
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise AttachmentRefused(f"รูปภาพ “{name}” ใหญ่เกินไป (เกิน 40 ล้านพิกเซล) กรุณาย่อขนาดรูปก่อนแนบ")
                probe.load()
                # Turn the picture as the camera meant, since the orientation tag goes with the rest.
                picture = ImageOps.exif_transpose(probe)
                if picture.mode not in ("RGB", "L", "RGBA", "P"):
                    picture = picture.convert("RGB")
                if kind == "jpg" and picture.mode in ("RGBA", "P"):
                    picture = picture.convert("RGB")
                out = io.BytesIO()
                # A fresh image from the pixels alone carries no EXIF, XMP, ICC profile or text chunks.
                clean = Image.frombytes(picture.mode, picture.size, picture.tobytes())
                if picture.mode == "P":
                    clean.putpalette(picture.getpalette() or [])
                if kind == "jpg":
                    clean.save(out, format="JPEG", quality=90)
                else:
                    clean.save(out, format="PNG")
                return out.getvalue()
        except AttachmentRefused:
            raise
        except Exception as exc:  # a damaged or hostile picture: refuse it, say which
            raise AttachmentRefused(f"เปิดรูปภาพ “{name}” ไม่ได้ ไฟล์อาจเสียหาย กรุณาเลือกไฟล์อื่น") from exc


def clean(name: str, data: bytes, number: int, max_bytes: int) -> CleanFile:
    if not data:
        raise AttachmentRefused(f"ไฟล์ “{name}” ไม่มีข้อมูล กรุณาเลือกไฟล์ใหม่")
    if len(data) > max_bytes:
        raise AttachmentRefused(f"ไฟล์ “{name}” ใหญ่เกิน {max_bytes // (1024 * 1024)} เมกะไบต์")
    kind = kind_of(data)
    if kind is None:
        raise AttachmentRefused(f"ไฟล์ “{name}” ไม่ใช่ไฟล์ที่รับได้ แนบได้เฉพาะ {KINDS_TH}")
    stripped = False
    if kind in ("jpg", "png"):
        data = _strip_picture(data, kind, name)
        stripped = True
    return CleanFile(safe_name(name, kind, number), kind, KINDS[kind], data, stripped)
