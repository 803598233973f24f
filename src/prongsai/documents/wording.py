"""What the documents whose prose lives in a YAML file share: the placeholders in that prose
({agency}, {no.section}, …), unique ids, and reading the file into its pydantic model with a Thai
message that names the part that is wrong."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from prongsai.errors import InputError

SLOT = re.compile(r"\{([^{}]*)\}")
STRAY_BRACE = re.compile(r"[{}]")
PYDANTIC_TH = {
    "missing": "ไม่ได้ระบุ",
    "extra_forbidden": "ไม่รู้จักคีย์นี้",
    "string_type": "ต้องเป็นข้อความ",
    "string_too_short": "ต้องไม่เป็นข้อความว่าง",
    "too_short": "ต้องมีอย่างน้อยหนึ่งรายการ",
    "too_long": "มีจำนวนรายการเกินกำหนด",
    "tuple_type": "ต้องเป็นรายการ",
    "model_type": "ต้องเป็นชุดข้อมูล (คีย์: ค่า)",
}
Model = TypeVar("Model", bound=BaseModel)


def check_ids(where: str, ids: list[str]) -> None:
    seen = {i for i in ids if ids.count(i) > 1}
    if seen:
        raise ValueError(f"{where}: รหัส (id) ซ้ำกัน: {', '.join(sorted(seen))}")


def slots(text: str, where: str) -> list[str]:
    """The placeholders a text names; ValueError when a brace has no partner."""
    names = SLOT.findall(text)
    if STRAY_BRACE.search(SLOT.sub("", text)):
        raise ValueError(f"{where}: วงเล็บปีกกา {{ }} ไม่ครบคู่ในข้อความ: {text[:60]}")
    return names


def parse_model(text: str, model: type[Model], *, file: str, what: str, expected: str,
                messages: Mapping[str, str] | None = None) -> Model:
    """`model` from YAML text; InputError "<what>ไม่ถูกต้อง: …" naming the file and the part."""
    from prongsai.yamlio import YamlError, loads_yaml

    try:
        data = loads_yaml(text)
    except YamlError as exc:
        raise InputError(exc.message, file=file, where=exc.where, expected=exc.expected) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or None
        message = str(first["msg"]).removeprefix("Value error, ")
        if first["type"] != "value_error":
            table = {**PYDANTIC_TH, **(messages or {})}
            message = table.get(first["type"], f"ค่าไม่ถูกต้อง ({first['msg']})")
        raise InputError(f"{what}ไม่ถูกต้อง: {message}", file=file, where=where, expected=expected) from None
