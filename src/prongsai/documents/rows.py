"""Which table rows may break across pages.

A row that breaks leaves the start of a measure at the foot of one page and its end under the
repeated header on the next ("ตุลาคม" alone at the top of a page, a title cut in two). A row that
never breaks leaves the rest of the page empty when it is long. So a short row (up to about a
quarter of a page) is kept whole, and a long one may break: the gap a kept row can leave stays
small, and only long rows are split.

The height is estimated from the text: TH Sarabun New advances about 0.355 em per printed
character (combining vowels and tone marks take no room), and every paragraph starts a line.
"""

from __future__ import annotations

import math
import unicodedata

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

EM_PER_CHAR = 0.355
TABLE_PT = 14.0
CELL_MARGINS_CM = 0.38
KEEP_LINES = 12  # about a quarter of an A4 page of 14 pt table text
_PT_CM = 2.54 / 72


def _lines(text: str, width_cm: float) -> int:
    printed = sum(1 for c in text if unicodedata.category(c) not in ("Mn", "Cf"))
    if not printed:
        return 1
    per_line = max(1.0, (width_cm - CELL_MARGINS_CM) / (EM_PER_CHAR * TABLE_PT * _PT_CM))
    return math.ceil(printed / per_line)


def _cell_lines(tc) -> int:
    tcW = tc.find(qn("w:tcPr") + "/" + qn("w:tcW"))
    width_cm = int(tcW.get(qn("w:w"))) / 567 if tcW is not None and tcW.get(qn("w:w")) else 3.0
    return sum(_lines("".join(t.text or "" for t in p.iter(qn("w:t"))), width_cm) for p in tc.findall(qn("w:p")))


def keep_short_rows(document, keep_lines: int = KEEP_LINES) -> int:
    """Mark the short body rows of every table with a repeated header as unsplittable."""
    kept = 0
    for tbl in document.element.body.iter(qn("w:tbl")):
        rows = tbl.findall(qn("w:tr"))
        if not rows or rows[0].find(qn("w:trPr") + "/" + qn("w:tblHeader")) is None:
            continue
        for tr in rows[1:]:
            if max((_cell_lines(tc) for tc in tr.findall(qn("w:tc"))), default=0) > keep_lines:
                continue
            trPr = tr.find(qn("w:trPr"))
            if trPr is None:
                trPr = OxmlElement("w:trPr")
                tr.insert(0, trPr)
            if trPr.find(qn("w:cantSplit")) is None:
                trPr.insert(0, OxmlElement("w:cantSplit"))
                kept += 1
    return kept
