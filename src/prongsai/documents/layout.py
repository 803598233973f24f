"""Estimating how Thai text wraps in a table cell, to split long table rows sensibly.

LibreOffice splits a table row anywhere when it crosses a page — also through a measure's
title — and ignores keep-together and widow/orphan settings inside table cells. The reports
therefore print each measure as two table rows drawn as one: the first cannot split and holds
the title plus the first lines of every other cell, the second holds the rest and may split.
To make the two parts meet without visible gaps, every cell's first part should fill the same
number of lines. This module estimates line counts by wrapping words (pythainlp ``newmm``)
with the advance widths of the vendored TH Sarabun New, as LibreOffice would, and splits
texts at word boundaries.

The estimate is close, not exact (LibreOffice uses ICU for Thai breaks); being a line off only
leaves a one-line gap.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache

PARAGRAPH = "\a"
CELL_MARGINS_CM = 0.38  # python-docx "Table Grid": 0.19 cm left and right
LIST_HANGING_CM = 0.75  # the "Table List" style of the shipped templates
TABLE_SIZE_PT = 14.0
_PT_CM = 2.54 / 72
_MEASURE_PX = 1000  # glyph advances are read at 1000 px per em
_NUMBER = re.compile(r"^(?:[0-9๐-๙]+\.)?\t")  # "๑.<tab>" item, or "<tab>" continuing one

_lock = threading.Lock()


@lru_cache(maxsize=2)
def _font(bold: bool):
    from PIL import ImageFont

    from prongsai.documents.fonts import font_path

    return ImageFont.truetype(str(font_path("Bold" if bold else "Regular")), _MEASURE_PX)


@lru_cache(maxsize=20000)
def _advance_em(token: str, bold: bool) -> float:
    with _lock:  # FreeType faces are not thread-safe
        return _font(bold).getlength(token) / _MEASURE_PX


@lru_cache(maxsize=4096)
def _tokens(paragraph: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(paragraph, engine="newmm", keep_whitespace=True))


# LibreOffice fits a little less on a line than the advance widths say (and breaks Thai at ICU
# word boundaries): lines are estimated on a slightly narrower column, so that a cell's first
# part rather prints a line short (a one-line gap in that cell) than a line long (which would
# make the first row taller and open a gap in every other cell).
SAFE_FIT = 0.93


def _avail_em(width_cm: float, hanging_cm: float, size_pt: float, fit: float = SAFE_FIT) -> float:
    return max(0.5, (width_cm - CELL_MARGINS_CM - hanging_cm) * fit / (size_pt * _PT_CM))


@lru_cache(maxsize=1)
def _short_words():
    """A word list without long compounds: LibreOffice (ICU) breaks องค์การบริหารส่วนตำบล into
    its parts when the whole does not fit on a line; newmm keeps it as one word."""
    from pythainlp.corpus import thai_words
    from pythainlp.util import dict_trie

    return dict_trie({w for w in thai_words() if len(w) <= 8})


@lru_cache(maxsize=4096)
def _parts(token: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(token, engine="newmm", custom_dict=_short_words()))


def _wrap(tokens: Sequence[str], avail: float, bold: bool) -> list[int]:
    """The line (0-based) each token ends on when wrapped greedily into `avail` em."""
    line, used, ends = 0, 0.0, []
    for token in tokens:
        width = _advance_em(token, bold)
        if not token.isspace():
            if used > 0 and used + width > avail:
                line, used = line + 1, 0.0
            while used + width > avail:  # a word longer than the line breaks inside
                width -= avail - used
                line, used = line + 1, 0.0
        used += width
        ends.append(line)
    return ends


def _line_tokens(paragraph: str, avail: float, bold: bool) -> tuple[str, ...]:
    """Words of `paragraph`; a word wider than the line is replaced by its parts."""
    out: list[str] = []
    for token in _tokens(paragraph):
        if not token.isspace() and _advance_em(token, bold) > avail:
            out.extend(_parts(token))
        else:
            out.append(token)
    return tuple(out)


def _strip_number(paragraph: str) -> str:
    return _NUMBER.sub("", paragraph)


def paragraph_lines(paragraph: str, width_cm: float, *, hanging_cm: float = 0.0, bold: bool = False,
                    size_pt: float = TABLE_SIZE_PT) -> int:
    text = _strip_number(paragraph)
    if not text.strip():
        return 1
    total = 0
    avail = _avail_em(width_cm, hanging_cm, size_pt)
    for piece in text.split("\n"):
        ends = _wrap(_line_tokens(piece, avail, bold), avail, bold)
        total += (ends[-1] + 1) if ends else 1
    return total


def text_lines(text: str, width_cm: float, *, hanging_cm: float = 0.0, bold: bool = False,
               size_pt: float = TABLE_SIZE_PT) -> int:
    """Printed lines of a cell text (paragraphs joined with \\a) in a column `width_cm` wide."""
    if not text:
        return 0
    return sum(paragraph_lines(p, width_cm, hanging_cm=hanging_cm, bold=bold, size_pt=size_pt)
               for p in text.split(PARAGRAPH))


def _join(parts: Iterable[str]) -> str:
    return PARAGRAPH.join(p for p in parts if p)


def split_text(text: str, width_cm: float, room: int, *, hanging_cm: float = 0.0, words: bool = True,
               at_least_one: bool = False) -> tuple[str, str]:
    """The part of `text` that fills at most `room` lines, and the rest.

    Whole paragraphs first; with `words`, the paragraph that does not fit is cut at a word
    boundary (a numbered item ``๑.<tab>…`` continues as ``<tab>…``, aligned by the hanging
    indent). `at_least_one` keeps the first paragraph in the first part even when it is longer.
    """
    paragraphs = [p for p in text.split(PARAGRAPH) if p] if text else []
    head: list[str] = []
    used = 0
    for index, paragraph in enumerate(paragraphs):
        lines = paragraph_lines(paragraph, width_cm, hanging_cm=hanging_cm)
        if used + lines <= room or (at_least_one and not head):
            head.append(paragraph)
            used += lines
            continue
        left = room - used
        if words and left >= 1 and "\n" not in paragraph:
            match = _NUMBER.match(paragraph)
            prefix = match.group(0) if match else ""
            body = paragraph[len(prefix):]
            avail = _avail_em(width_cm, hanging_cm, TABLE_SIZE_PT)
            tokens = _line_tokens(body, avail, False)
            ends = _wrap(tokens, avail, False)
            cut = sum(1 for e in ends if e < left)
            while cut and tokens[cut - 1].isspace():
                cut -= 1
            if 0 < cut < len(tokens):
                first = prefix + "".join(tokens[:cut]).rstrip()
                rest = ("\t" if prefix else "") + "".join(tokens[cut:]).lstrip()
                return _join([*head, first]), _join([rest, *paragraphs[index + 1:]])
        return _join(head), _join(paragraphs[index:])
    return _join(head), ""


def split_row(fixed: Iterable[tuple[str, float, bool]], cells: dict[str, tuple[str, float, float, bool]],
              min_lines: int = 3, above: dict[str, int] | None = None) -> dict[str, str]:
    """Split one measure's row: ``{key}_head`` (first, unsplittable row) and ``{key}_tail``.

    The first row is as tall as its `fixed` cells (text, width, bold: the title, the period),
    at least `min_lines`; every other cell (text, width, hanging indent, by_words) gives it the
    lines that fill that height — cut between words (steps continue after a tab, aligned by
    their hanging indent), or between paragraphs for lists of names (at least one first).
    `above`: lines printed above a cell's text in the same cell (a bold title).
    """
    above = above or {}
    height = max([min_lines, *(text_lines(t, w, bold=b) for t, w, b in fixed), *above.values()])
    out: dict[str, str] = {}
    for key, (text, width, hanging, by_words) in cells.items():
        out[f"{key}_head"], out[f"{key}_tail"] = split_text(
            text, width, max(1, height - above.get(key, 0)), hanging_cm=hanging, words=by_words,
            at_least_one=not by_words)
    return out
