"""Word numbering for the steps of a measure (๑. ๒. ๓.), restarted in every table cell.

The templates give the steps style (``STEPS_STYLE``) the list ``STEPS_NUM_ID``. A docxtpl loop
repeats that style in every row, and one Word list would then count on from row to row
(๑–๕ in the first measure, ๖–๙ in the second). After rendering, :func:`restart_per_cell` gives
every cell's run of numbered paragraphs its own ``w:num`` with a start override of 1, so each
measure's steps count from ๑ in Word and LibreOffice alike.
"""

from __future__ import annotations

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

STEPS_STYLE = "Table Steps"
STEPS_STYLE_ID = "TableSteps"
STEPS_ABSTRACT_ID = 90
STEPS_NUM_ID = 90


def restart_per_cell(document) -> int:
    """Give each table cell holding steps its own numbering instance. Returns how many."""
    body = document.element.body
    try:
        numbering = document.part.numbering_part.element
    except NotImplementedError:  # a template without numbering has no steps style either
        return 0
    used = {int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))}
    next_id = max(used | {STEPS_NUM_ID}) + 1
    count = 0
    for tc in body.iter(qn("w:tc")):
        paragraphs = [p for p in tc.findall(qn("w:p")) if _is_steps(p)]
        if not paragraphs:
            continue
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{next_id}"><w:abstractNumId w:val="{STEPS_ABSTRACT_ID}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        ))
        for p in paragraphs:
            pPr = p.get_or_add_pPr()
            old = pPr.find(qn("w:numPr"))
            if old is not None:
                pPr.remove(old)
            numPr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{next_id}"/></w:numPr>')
            style = pPr.find(qn("w:pStyle"))
            if style is not None:
                style.addnext(numPr)
            else:
                pPr.insert(0, numPr)
        next_id += 1
        count += 1
    return count


def _is_steps(p) -> bool:
    pPr = p.find(qn("w:pPr"))
    if pPr is None:
        return False
    style = pPr.find(qn("w:pStyle"))
    return style is not None and style.get(qn("w:val")) == STEPS_STYLE_ID and bool("".join(p.itertext()).strip())


def use_arabic_numbers(document) -> None:
    """Thai digits off: list labels count 1. 2. 3."""
    try:
        numbering = document.part.numbering_part.element
    except NotImplementedError:
        return
    for fmt in numbering.iter(qn("w:numFmt")):
        if fmt.get(qn("w:val")) == "thaiNumbers":
            fmt.set(qn("w:val"), "decimal")
