"""Evidence documents for the checker's tests, made the way agencies make them: Word files,
PDFs exported by LibreOffice, an Excel sheet, and a 'scanned' PDF that is only a picture."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdfs_from_docx(texts: dict[str, list[str]]) -> dict[str, bytes]:
    """name → PDF bytes, all made in one LibreOffice run."""
    from prongsai.documents.pdf import convert_many

    with tempfile.TemporaryDirectory(prefix="oit-fixture-") as folder:
        pairs = []
        for name, paragraphs in texts.items():
            source = Path(folder) / f"{name}.docx"
            source.write_bytes(docx_bytes(*paragraphs))
            pairs.append((source, Path(folder) / f"{name}.pdf"))
        convert_many(pairs, check_fonts=False)
        return {name: (Path(folder) / f"{name}.pdf").read_bytes() for name in texts}


def scanned_pdf() -> bytes:
    """A page that is only a picture of text: what a scanner makes, with no text layer."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (800, 1100), "white")
    ImageDraw.Draw(image).rectangle((80, 80, 720, 300), outline="black", width=4)
    buffer = io.BytesIO()
    image.save(buffer, format="PDF")
    return buffer.getvalue()


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (10, 10), "white").save(buffer, format="PNG")
    return buffer.getvalue()
