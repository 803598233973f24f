"""A results-file error as the officer reads it on the web: the file by the name it was
uploaded under, fields by their Thai labels as on the Excel form, and nothing a Thai reader
cannot act on (a parser's English aside, a 400-digit number echoed in full, control bytes)."""

from __future__ import annotations

import re

from prongsai.errors import InputError
from prongsai.results_io import FIELD_LABELS

# The form's labels without their hints ("ปีงบประมาณ (พ.ศ.)" → "ปีงบประมาณ").
LABELS = {key: re.sub(r"\s*\(.*\)\s*$", "", label) for key, label in FIELD_LABELS.items()}
LABELS.update({
    "indicators": "คะแนนรายตัวชี้วัด", "instruments": "คะแนนรายแบบวัด", "items": "คะแนนรายข้อ",
    "previous": "ผลปีก่อนหน้า", "units": "หน่วยงานย่อย", "meeting": "การประชุม", "progress": "ผลการดำเนินการ",
    "date": "วันที่", "title": "ชื่อการประชุม", "place": "สถานที่", "attendees": "ผู้เข้าร่วมประชุม",
    "approver": "ผู้อนุมัติ", "measure": "มาตรการ", "status": "สถานะ", "done": "สิ่งที่ดำเนินการแล้ว",
    "result": "ผลการดำเนินการ", "outcome": "ผลลัพธ์", "as_of": "ณ วันที่", "evidence": "หลักฐาน",
    "score": "คะแนน", "reason": "เหตุผล",
})
_LISTED = re.compile(r"^([a-z_]+)\[(\d+)\]$")  # previous[2], progress[1]
_LONG_NUMBER = re.compile(r"\d{21,}…?")  # the core may have cut it already, with its own "…"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# "(mapping values are not allowed in this context)": an aside in English words, no Thai in it.
_ENGLISH_ASIDE = re.compile(r"\s*\((?=[^()]*[A-Za-z]{3,} [A-Za-z]{2,})[^()\u0e00-\u0e7f]*\)")


def thai_where(where: str | None) -> str | None:
    """"indicators › 3" → "ตัวชี้วัดที่ 3"; "previous[1] › total" → "ผลปีก่อนหน้า ลำดับที่ 1 › คะแนนรวมที่ประกาศ"."""
    if not where:
        return where
    parts = [p.strip() for p in where.split("›")]
    out: list[str] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        following = parts[index + 1] if index + 1 < len(parts) else None
        listed = _LISTED.match(part)
        if part in ("indicators", "instruments", "items") and following is not None:
            out.append({"indicators": f"ตัวชี้วัดที่ {following}" if following.isdigit() else f"ตัวชี้วัด '{following}'",
                        "instruments": f"แบบวัด {following}", "items": f"ข้อ {following}"}[part])
            index += 2
            continue
        if listed and listed.group(1) in LABELS:
            out.append(f"{LABELS[listed.group(1)]} ลำดับที่ {listed.group(2)}")
        else:
            out.append(LABELS.get(part, part))
        index += 1
    return " › ".join(out)


def _missing_field_named(message: str, quote_keys: bool) -> str:
    """"ขาดช่อง 'agency'" → "ขาดช่อง 'ชื่อหน่วยงาน'" (with the key kept for YAML/JSON writers)."""
    if not message.startswith("ขาดช่อง"):
        return message

    def label(found: re.Match[str]) -> str:
        key = found.group(1)
        if key not in LABELS:
            return found.group(0)
        return f"'{LABELS[key]}' ({key})" if quote_keys else f"'{LABELS[key]}'"

    return re.sub(r"'([a-z_]+)'", label, message)


def readable(text: str) -> str:
    text = _CONTROL.sub(" ", text)
    text = _ENGLISH_ASIDE.sub("", text)
    return _LONG_NUMBER.sub(lambda m: m.group(0)[:10] + "…", text)


def for_user(exc: InputError, file_name: str, stored_as: str | None = None) -> str:
    """One line naming the uploaded file, then where in it, what is wrong and what is expected."""
    keys_are_typed = file_name.lower().endswith((".yaml", ".yml", ".json"))
    message = readable(_missing_field_named(exc.message, keys_are_typed))
    if stored_as:
        message = message.replace(stored_as, file_name)
    where = thai_where(exc.where)
    expected = readable(exc.expected) if exc.expected else None
    return str(InputError(message, file=file_name, where=readable(where) if where else None, expected=expected))
