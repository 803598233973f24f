"""What the documents whose prose lives in a YAML file share: the placeholders in that prose
({agency}, {no.section}, …), unique ids, and reading the file into its pydantic model with a Thai
message that names the part that is wrong."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

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
ID = r"^[a-z][a-z_]*$"


def collapse(value: str) -> str:
    """One line with single spaces: YAML folding must not put spaces into Thai text."""
    return " ".join(str(value).split())


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Block(Strict):
    """One block of a section: a paragraph, numbered sub-items, or one of the inserts (a table
    the code puts in; which ones a document has is checked by `check_announcement`)."""

    text: str | None = Field(default=None, min_length=1)
    items: tuple[str, ...] | None = Field(default=None, min_length=1)
    insert: str | None = Field(default=None, pattern=ID)

    @model_validator(mode="after")
    def _one_kind(self) -> Block:
        given = [k for k in ("text", "items", "insert") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("แต่ละส่วนย่อย (block) ต้องมีอย่างใดอย่างหนึ่งเท่านั้น: text, items หรือ insert")
        return self


class Section(Strict):
    id: str = Field(pattern=ID)
    title: str = Field(min_length=1)
    blocks: tuple[Block, ...] = Field(min_length=1)


class Step(Strict):
    id: str = Field(pattern=ID)
    step: tuple[str, ...] = Field(min_length=1)  # first line, then further lines
    responsible: str = Field(min_length=1)
    time: str = Field(min_length=1)

    @field_validator("step", mode="before")
    @classmethod
    def _lines(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value


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


def check_announcement(wording: object, inserts: tuple[str, ...], placeholders: Mapping[str, str],
                       required: tuple[str, ...]) -> None:
    """The checks every ประกาศ-like wording passes: unique section and step ids, each insert
    (a table the code puts in) exactly once, only known placeholders — {no.<section>} and
    {step.<step>} for numbers — and every required one somewhere. `wording` has `sections`
    (with `blocks`), `steps` and `texts()` (where, text)."""
    check_ids("sections", [s.id for s in wording.sections])  # type: ignore[attr-defined]
    check_ids("steps", [s.id for s in wording.steps])  # type: ignore[attr-defined]
    found = [b.insert for s in wording.sections for b in s.blocks if b.insert]  # type: ignore[attr-defined]
    for name in found:
        if name not in inserts:
            raise ValueError(f"insert: {name} ไม่มีในเอกสารนี้ (ที่ใช้ได้: {', '.join(inserts)})")
    for name in inserts:
        if found.count(name) != 1:
            raise ValueError(f"ต้องมี insert: {name} หนึ่งครั้งพอดี แต่พบ {found.count(name)} ครั้ง")
    sections = {s.id for s in wording.sections}  # type: ignore[attr-defined]
    steps = {s.id for s in wording.steps}  # type: ignore[attr-defined]
    used: set[str] = set()
    for where, text in wording.texts():  # type: ignore[attr-defined]
        for name in slots(text, where):
            kind, _, ref = name.partition(".")
            if ref and kind == "no" and ref in sections or ref and kind == "step" and ref in steps:
                continue
            if ref or name not in placeholders:
                known = ", ".join("{" + p + "}" for p in placeholders)
                raise ValueError(f"{where}: ไม่รู้จักช่องข้อมูล {{{name}}} (ช่องข้อมูลที่ใช้ได้: {known}, "
                                 "{no.รหัสหัวข้อ} และ {step.รหัสขั้นตอน})")
            used.add(name)
    for name in required:
        if name not in used:
            raise ValueError(f"ไม่มีช่องข้อมูล {{{name}}} ({placeholders[name]}) ในข้อความใดเลย "
                             "เอกสารจะไม่ระบุข้อมูลนี้ ให้เพิ่มช่องข้อมูลนี้ในข้อความที่เกี่ยวข้อง")
