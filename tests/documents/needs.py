"""Skip markers for tests that need LibreOffice or poppler (pdftotext, pdffonts)."""

from __future__ import annotations

import shutil

import pytest

from prongsai.documents import pdf

needs_soffice = pytest.mark.skipif(
    not pdf.soffice_available(),
    reason=f"LibreOffice (soffice) is not installed: apt-get install -y {pdf.DEBIAN_PACKAGE}",
)
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils (pdftotext, pdffonts) is not installed: apt-get install -y poppler-utils",
)
