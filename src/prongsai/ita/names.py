"""Reading indicator and item references as people write them: "1", "ตัวชี้วัดที่ ๒",
"การใช้ งบประมาณ", "การใช้ทรัพย์สินของทางราชการ", "O๑๒", "0๑๒" (digit zero for the letter O,
as printed in real reports)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from prongsai.ita.model import Framework
from prongsai.thai import normalise_text, to_arabic_digits

# How close a misspelt name must be to a real one, and how much closer than the runner-up.
_MIN_RATIO = 0.85
_MIN_MARGIN = 0.05
_INDICATOR_PREFIX = re.compile(r"^(ตัวชี้วัด(ที่)?|indicator|ind\.?)\s*", re.IGNORECASE)
_ITEM_CODE = re.compile(r"^([IEO0])\s*-?\s*0*(\d{1,3})$", re.IGNORECASE)


class UnknownReference(LookupError):
    """A reference that matches nothing, or more than one thing; the message is Thai."""


def _squash(text: str) -> str:
    return re.sub(r"[\s\-–.,:;()\"'“”]", "", normalise_text(to_arabic_digits(text)))


def indicator_no(framework: Framework, ref: object) -> int:
    """The indicator number for a reference by number or by (possibly misspelt) Thai name."""
    if isinstance(ref, bool):
        raise UnknownReference(str(ref))
    if isinstance(ref, int):
        if ref in framework.indicator_by_no:
            return ref
        raise UnknownReference(f"ไม่มีตัวชี้วัดที่ {ref} ในกรอบปี {framework.fiscal_year}")
    text = normalise_text(to_arabic_digits(str(ref)))
    stripped = _INDICATOR_PREFIX.sub("", text).strip()
    number = re.match(r"^(\d{1,2})\b\.?\s*(.*)$", stripped)
    if number and (not number.group(2) or _name_matches(framework, number.group(2), int(number.group(1)))):
        return indicator_no(framework, int(number.group(1)))
    if number:
        stripped = number.group(2)
    return _by_name(framework, stripped, str(ref))


def _name_matches(framework: Framework, name: str, no: int) -> bool:
    try:
        return _by_name(framework, name, name) == no
    except UnknownReference:
        return False


def _by_name(framework: Framework, name: str, original: str) -> int:
    key = _squash(name)
    if not key:
        raise UnknownReference("ชื่อตัวชี้วัดว่าง")
    candidates: list[tuple[float, int]] = []
    for ind in framework.indicators:
        best = 0.0
        for known in (ind.name, *ind.aliases):
            known_key = _squash(known)
            if known_key == key:
                return ind.no
            best = max(best, SequenceMatcher(None, key, known_key, autojunk=False).ratio())
        candidates.append((best, ind.no))
    candidates.sort(reverse=True)
    top, runner_up = candidates[0], candidates[1] if len(candidates) > 1 else (0.0, 0)
    if top[0] >= _MIN_RATIO and top[0] - runner_up[0] >= _MIN_MARGIN:
        return top[1]
    raise UnknownReference(f"ไม่รู้จักตัวชี้วัด '{original}' ในกรอบปี {framework.fiscal_year}")


def item_code(framework: Framework, ref: object) -> str:
    """The canonical item code (O12) for a reference such as "o12", "O๑๒" or "0๑๒"."""
    text = to_arabic_digits(str(ref)).strip()
    match = _ITEM_CODE.match(text)
    if not match:
        raise UnknownReference(f"รหัสข้อ '{ref}' ไม่ถูกรูปแบบ")
    letter = match.group(1).upper()
    code = f"{'O' if letter == '0' else letter}{int(match.group(2))}"
    if code not in framework.item_by_code:
        raise UnknownReference(f"ไม่มีข้อ {code} ในกรอบปี {framework.fiscal_year}")
    return code
