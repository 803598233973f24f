"""The links file of `prongsai oit check` (design §5.4): which page shows each OIT item.

    agency: องค์การบริหารส่วนตำบลลาดหญ้า
    agency_type: อบต.
    fiscal_year: 2567            # the ITA year whose OIT list applies
    variant: ovec                # optional
    reading: rcsp                # optional: for a variant's items whose sources disagree
    items:
      O1: https://www.example.go.th/structure
      O2: [https://www.example.go.th/executives, https://www.example.go.th/executives.pdf]

Read within the same limits as results files; every problem is a Thai InputError naming the
field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prongsai.errors import InputError
from prongsai.ita.library import library
from prongsai.ita.model import Framework
from prongsai.thai import normalise_text, to_arabic_digits
from prongsai.untrusted_files import LIMITS, read_capped
from prongsai.yamlio import YamlError, decode_text, loads_json, loads_yaml

FIELDS = ("agency", "agency_type", "fiscal_year", "variant", "reading", "items")
MAX_URLS_PER_ITEM = 10
_CODE = re.compile(r"^O\d{1,3}$")


@dataclass(frozen=True)
class Links:
    agency: str | None
    agency_type: str | None
    framework: Framework
    items: dict[str, tuple[str, ...]] = field(default_factory=dict)
    reading: str | None = None
    source: str | None = None

    @property
    def fiscal_year(self) -> int:
        return self.framework.fiscal_year


def read_links(path: str | Path, year: int | None = None) -> Links:
    path = Path(path)
    try:
        raw = read_capped(path, LIMITS)
        text = decode_text(raw)
        data = loads_json(text) if path.suffix.lower() == ".json" else loads_yaml(text)
        return parse_links(data, year)
    except YamlError as exc:
        raise InputError(str(exc), file=str(path), expected="ไฟล์ YAML หรือ JSON ตามตัวอย่างใน README") from None
    except InputError as exc:
        raise exc.located(file=str(path)) from None


def parse_links(data: Any, year: int | None = None) -> Links:
    if not isinstance(data, dict):
        raise InputError("ไฟล์ลิงก์ต้องเป็นชุดข้อมูลแบบ ช่อง: ค่า", expected="เช่น fiscal_year: 2567, items: …")
    for key in data:
        if key not in FIELDS:
            raise InputError(f"ไม่รู้จักช่อง '{key}'", where=str(key), expected="ช่องที่ใช้ได้: " + ", ".join(FIELDS))
    fiscal_year = year if year is not None else _year(data.get("fiscal_year"))
    variant = _text(data, "variant")
    lib = library()
    if variant is not None:
        variant = variant.lower()
        if not lib.has(fiscal_year, variant):
            known = ", ".join(lib.variants(fiscal_year)) or "ไม่มี"
            raise InputError(f"ไม่มีกรอบเฉพาะกลุ่ม '{variant}' ของปีงบประมาณ {fiscal_year}", where="variant",
                             expected=f"กรอบเฉพาะกลุ่มของปีนี้: {known} หรือเว้นว่างสำหรับกรอบทั่วไป")
    if not lib.has(fiscal_year, variant):
        years = lib.years
        raise InputError(f"ไม่มีกรอบการประเมินของปีงบประมาณ {fiscal_year} ในคลัง", where="fiscal_year",
                         expected=f"ปี {years[0]}–{years[-1]}")
    framework = lib.get(fiscal_year, variant)
    reading = _text(data, "reading")
    if reading is not None and reading not in {r.id for r in framework.readings}:
        known = ", ".join(r.id for r in framework.readings) or "ไม่มี"
        raise InputError(f"ไม่รู้จักแบบข้อความ '{reading}'", where="reading", expected=f"ได้แก่ {known}")
    framework = lib.as_read(framework, reading)
    raw_items = data.get("items") or {}
    if not isinstance(raw_items, dict):
        raise InputError("ต้องเป็นรายการ รหัสข้อ: ลิงก์", where="items", expected="เช่น O1: https://…")
    items: dict[str, tuple[str, ...]] = {}
    for key, value in raw_items.items():
        code = to_arabic_digits(str(key)).strip().upper()
        if code[:1] == "0":  # reports print O12 as 012 or ๐๑๒
            code = "O" + code[1:]
        where = f"items › {key}"
        if not _CODE.match(code) or code not in framework.item_by_code:
            raise InputError(f"ไม่มีข้อ '{key}' ในรายการ OIT ของกรอบ{framework.label}", where=where,
                             expected=f"O1–O{len(framework.items_of('OIT'))}")
        urls = value if isinstance(value, list) else [value]
        if len(urls) > MAX_URLS_PER_ITEM:
            raise InputError(f"ระบุลิงก์ได้ไม่เกิน {MAX_URLS_PER_ITEM} ลิงก์ต่อข้อ", where=where)
        cleaned = []
        for url in urls:
            if url is None or str(url).strip() == "":
                continue
            if not isinstance(url, str) or not re.match(r"^https?://[^\s]+$", url.strip()):
                raise InputError(f"ลิงก์ '{str(url)[:80]}' ไม่ถูกต้อง", where=where,
                                 expected="ลิงก์ที่ขึ้นต้นด้วย http:// หรือ https://")
            cleaned.append(url.strip())
        if code in items:
            raise InputError(f"ข้อ {code} ระบุซ้ำ", where=where, expected="แต่ละข้อระบุครั้งเดียว")
        items[code] = tuple(cleaned)
    return Links(agency=_text(data, "agency"), agency_type=_text(data, "agency_type"), framework=framework,
                 items=items, reading=reading)


def _year(value: Any) -> int:
    try:
        year = int(to_arabic_digits(str(value)).strip())
    except (TypeError, ValueError):
        raise InputError("ขาดปีงบประมาณหรือไม่ถูกต้อง", where="fiscal_year", expected="ปี พ.ศ. เช่น 2570") from None
    if not 2500 <= year <= 2700:
        raise InputError(f"ปีงบประมาณ {year} ไม่ถูกต้อง", where="fiscal_year", expected="ปี พ.ศ. เช่น 2570")
    return year


def _text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, dict | list):
        raise InputError("ต้องเป็นข้อความ", where=key)
    return normalise_text(str(value))
