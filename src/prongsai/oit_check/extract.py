"""The text of fetched evidence: an HTML page's main content and the documents it links to,
PDF (its text layer, by poppler's pdftotext), DOCX and XLSX. A document without readable
text (a scanned PDF, a picture) is reported as such for a person to check, never guessed.

Documents come from the web, so they are opened within the same limits as uploads
(prongsai.untrusted_files): ZIP parts and sizes are checked before opening, pdftotext runs in
its own process with a time limit, and the text kept is capped."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from prongsai.oit_check.fetch import Fetched
from prongsai.thai import to_arabic_digits

MAX_TEXT = 2_000_000  # characters kept of one document
MIN_TEXT = 30  # fewer letters than this: nothing readable (a scan, an empty page)
PDF_SECONDS = 20
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".xlsx", ".xlsm", ".doc", ".xls", ".jpg", ".jpeg", ".png")
_THAI_OR_LATIN = re.compile(r"[ก-๛A-Za-z]")
_SPACE = re.compile(r"[^\S\n]+")
_LINES = re.compile(r"\s*\n\s*")


@dataclass(frozen=True)
class Link:
    url: str
    text: str


@dataclass(frozen=True)
class Extracted:
    kind: str  # html, pdf, docx, xlsx, image, text, other
    text: str  # normalised: whitespace collapsed, Thai digits as Arabic
    readable: bool
    problem: str | None = None  # why there is no text (Thai), when not readable
    documents: tuple[Link, ...] = field(default=())  # documents an HTML page links to


def normalise(text: str) -> str:
    """Thai digits as Arabic, spaces collapsed; line breaks kept, since a list of months on
    separate lines is not a range (oit_check.dates reads them)."""
    return _LINES.sub("\n", _SPACE.sub(" ", to_arabic_digits(text.replace("\u200b", "")))).strip()


def kind_of(fetched: Fetched) -> str:
    body, ctype = fetched.body[:8], fetched.content_type.split(";", 1)[0].strip().lower()
    path = urlsplit(fetched.final_url).path.lower()
    if body.startswith(b"%PDF") or ctype == "application/pdf":
        return "pdf"
    if body.startswith(b"PK"):
        if path.endswith((".xlsx", ".xlsm")) or "spreadsheet" in ctype:
            return "xlsx"
        if path.endswith(".docx") or "wordprocessing" in ctype:
            return "docx"
        return _zip_kind(fetched.body)
    if ctype.startswith("image/") or body.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "image"
    if "html" in ctype or fetched.body.lstrip()[:1] == b"<":
        return "html"
    if ctype.startswith("text/"):
        return "text"
    return "other"


def _zip_kind(body: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return "other"
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    return "other"


def extract(fetched: Fetched) -> Extracted:
    kind = kind_of(fetched)
    try:
        if kind == "html":
            return _html(fetched)
        if kind == "pdf":
            return _readable(kind, _pdf_text(fetched.body), "ไฟล์ PDF นี้ไม่มีข้อความที่อ่านได้ (อาจเป็นเอกสารสแกนเป็นภาพ) "
                             "ระบบตรวจองค์ประกอบให้ไม่ได้ ให้ตรวจด้วยตนเอง หรือเผยแพร่ไฟล์ที่มีข้อความ")
        if kind == "docx":
            return _readable(kind, _docx_text(fetched.body), "เอกสาร Word นี้ไม่มีข้อความที่อ่านได้ ให้ตรวจด้วยตนเอง")
        if kind == "xlsx":
            return _readable(kind, _xlsx_text(fetched.body), "ไฟล์ Excel นี้ไม่มีข้อความที่อ่านได้ ให้ตรวจด้วยตนเอง")
        if kind == "text":
            return _readable(kind, _decode(fetched.body, fetched.content_type), "ไฟล์นี้ไม่มีข้อความ")
    except _Unreadable as exc:
        return Extracted(kind, "", False, str(exc))
    if kind == "image":
        return Extracted(kind, "", False, "ลิงก์นี้เป็นรูปภาพ ระบบอ่านข้อความในภาพไม่ได้ ให้ตรวจด้วยตนเอง "
                                          "หรือเผยแพร่ข้อมูลเป็นข้อความหรือไฟล์ PDF ที่มีข้อความ")
    return Extracted(kind, "", False, "ระบบอ่านไฟล์ชนิดนี้ไม่ได้ (เช่น .doc หรือ .xls รุ่นเก่า) ให้ตรวจด้วยตนเอง "
                                      "หรือเผยแพร่เป็น PDF, DOCX หรือ XLSX")


class _Unreadable(Exception):
    """A document that cannot be opened; the message is Thai."""


def _readable(kind: str, text: str, problem: str) -> Extracted:
    text = normalise(text)[:MAX_TEXT]
    if len(_THAI_OR_LATIN.findall(text[:5000])) < MIN_TEXT:
        return Extracted(kind, text, False, problem)
    return Extracted(kind, text, True)


# --- HTML ------------------------------------------------------------------------------------

def _decode(body: bytes, content_type: str) -> str:
    """Text of a page: the declared charset, else UTF-8, else TIS-620 (old Thai sites use it)."""
    match = re.search(r"charset=([\w-]+)", content_type, re.I) or re.search(
        rb"<meta[^>]+charset=[\"']?([\w-]+)", body[:4096], re.I)
    declared = match.group(1) if match else None
    if isinstance(declared, bytes):
        declared = declared.decode("ascii", "ignore")
    for encoding in (declared, "utf-8", "cp874"):
        if not encoding:
            continue
        try:
            return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("utf-8", "replace")


def _html(fetched: Fetched) -> Extracted:
    import lxml.html
    from lxml import etree

    text = _decode(fetched.body, fetched.content_type)
    try:
        root = lxml.html.document_fromstring(text or "<html></html>")
    except (etree.ParserError, ValueError):
        return Extracted("html", "", False, "อ่านหน้าเว็บนี้ไม่ได้ รูปแบบ HTML เสียหาย ให้ตรวจด้วยตนเอง")
    for element in root.xpath("//script|//style|//noscript|//template|//svg"):
        element.drop_tree()
    documents: list[Link] = []
    seen: set[str] = set()
    for anchor in root.xpath("//a[@href]"):
        href = urljoin(fetched.final_url, anchor.get("href", "").strip())
        if urlsplit(href).scheme in ("http", "https") and urlsplit(href).path.lower().endswith(DOCUMENT_SUFFIXES) \
                and href not in seen:
            seen.add(href)
            documents.append(Link(href, normalise(anchor.text_content())))
    # Navigation and footers repeat on every page; the main content is what shows the item.
    main = root.xpath("//main") or root.xpath("//*[@role='main']") or root.xpath("//article")
    body = main[0] if main else root
    if not main:
        for element in body.xpath("//nav|//footer|//header"):
            element.drop_tree()
    content = normalise(body.text_content())[:MAX_TEXT]
    readable = len(_THAI_OR_LATIN.findall(content[:5000])) >= MIN_TEXT or bool(documents)
    problem = None if readable else "หน้าเว็บนี้ไม่มีข้อความที่อ่านได้ (อาจแสดงผลด้วยสคริปต์หรือเป็นภาพทั้งหน้า) ให้ตรวจด้วยตนเอง"
    return Extracted("html", content, readable, problem, tuple(documents[:50]))


# --- documents -------------------------------------------------------------------------------

def _pdf_text(body: bytes) -> str:
    with tempfile.TemporaryDirectory(prefix="prongsai-oit-") as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(body)
        try:
            done = subprocess.run(["pdftotext", "-enc", "UTF-8", "-nopgbrk", str(path), "-"],
                                  capture_output=True, timeout=PDF_SECONDS, check=False)
        except FileNotFoundError:
            raise _Unreadable("เครื่องนี้ยังไม่มีโปรแกรมอ่าน PDF (poppler-utils) ผู้ดูแลระบบติดตั้งได้ด้วย "
                              "apt-get install poppler-utils") from None
        except subprocess.TimeoutExpired:
            raise _Unreadable(f"อ่านไฟล์ PDF นี้นานเกิน {PDF_SECONDS} วินาที ให้ตรวจด้วยตนเอง") from None
    if done.returncode != 0:
        raise _Unreadable("เปิดไฟล์ PDF นี้ไม่ได้ ไฟล์อาจเสียหายหรือตั้งรหัสผ่านไว้ ให้ตรวจด้วยตนเอง")
    return done.stdout[: MAX_TEXT * 4].decode("utf-8", "replace")


def _checked_zip(body: bytes) -> None:
    from prongsai.errors import InputError
    from prongsai.untrusted_files import LIMITS, check_zip

    try:
        check_zip(body, LIMITS)
    except (InputError, zipfile.BadZipFile, OSError) as exc:
        raise _Unreadable(f"เปิดเอกสารนี้ไม่ได้: {exc}") from None


def _docx_text(body: bytes) -> str:
    import docx

    _checked_zip(body)
    try:
        document = docx.Document(io.BytesIO(body))
    except Exception:  # noqa: BLE001 (python-docx raises many kinds for a damaged file)
        raise _Unreadable("เปิดเอกสาร Word นี้ไม่ได้ ไฟล์อาจเสียหาย ให้ตรวจด้วยตนเอง") from None
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _xlsx_text(body: bytes) -> str:
    import openpyxl

    _checked_zip(body)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(body), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 (openpyxl raises many kinds for a damaged file)
        raise _Unreadable("เปิดไฟล์ Excel นี้ไม่ได้ ไฟล์อาจเสียหาย ให้ตรวจด้วยตนเอง") from None
    parts, size = [], 0
    try:
        for sheet in workbook.worksheets:
            parts.append(sheet.title)
            for row in sheet.iter_rows(values_only=True, max_row=5000):
                line = " ".join(str(v) for v in row if v is not None)
                parts.append(line)
                size += len(line)
                if size > MAX_TEXT:
                    return "\n".join(parts)
    finally:
        workbook.close()
    return "\n".join(parts)
