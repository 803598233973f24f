"""Stored item and indicator texts carry no spaces left by PDF extraction inside Thai words: a
space is never directly before a vowel or mark that follows its consonant (ั า ำ ิ … ่ ้ ์) nor
directly after a leading vowel (เ แ โ ใ ไ)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

FRAMEWORKS = Path(__file__).resolve().parents[2] / "src" / "prongsai" / "ita" / "frameworks"
FILES = sorted(FRAMEWORKS.glob("ita-*.yaml"))
# U+0E30–U+0E3A, U+0E45, U+0E47–U+0E4E: they follow a consonant, so a space before one splits a word.
SPACE_BEFORE_MARK = re.compile("\\s[\u0e30-\u0e3a\u0e45\u0e47-\u0e4e]")
SPACE_AFTER_LEADING_VOWEL = re.compile("[\u0e40-\u0e44]\\s")


def texts(data: dict) -> Iterator[tuple[str, str]]:
    """(where, text) for every item and indicator text of one framework file."""
    for ind in data.get("indicators") or []:
        for key in ("name", "about"):
            if ind.get(key):
                yield f"indicator {ind['no']} › {key}", ind[key]
        for alias in ind.get("aliases") or []:
            yield f"indicator {ind['no']} › aliases", alias
    for sub in data.get("sub_indicators") or []:
        if sub.get("name"):
            yield f"sub-indicator {sub['code']} › name", sub["name"]
    for item in data.get("items") or []:
        for key in ("name", "text"):
            if item.get(key):
                yield f"{item['code']} › {key}", item[key]
        for n, sub in enumerate(item.get("sub_items") or [], start=1):
            yield f"{item['code']} › sub_items[{n}]", sub["text"]
        for n, component in enumerate(item.get("components") or [], start=1):
            yield f"{item['code']} › components[{n}]", component


def test_there_are_framework_files():
    assert len(FILES) >= 7


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_space_inside_a_thai_word(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = [f"{where}: {text!r}" for where, text in texts(data)
             if SPACE_BEFORE_MARK.search(text) or SPACE_AFTER_LEADING_VOWEL.search(text)]
    assert not found, "\n".join(found)


def test_fy2565_quotes_have_no_line_wrap_spaces():
    """The FY2565 texts quoted from seed 003 kept the seed's line wrapping ("การตรวจ รับพัสดุ")."""
    from prongsai.ita.library import get_framework

    fw = get_framework(2565)
    assert fw.item_by_code["I7"].text == "ท่านรู้เกี่ยวกับแผนการใช้จ่ายงบประมาณประจำปีของหน่วยงานของท่าน มากน้อยเพียงใด"
    i11 = fw.item_by_code["I11"]
    assert "จัดซื้อจัดจ้าง" in i11.text and "การตรวจรับพัสดุ" in i11.text and i11.text.endswith(" มากน้อยเพียงใด")
    assert i11.sub_items[1].text == "เอื้อประโยชน์ให้ผู้ประกอบการรายใดรายหนึ่ง"
    assert " / " not in fw.item_by_code["E11"].text
