"""The reminder rules, kept as data (reminders/data/rules.yaml): for each kind of deadline, how many
days before it, whether on the day, and how often after it a reminder goes out, with the Thai
subject and body. Validated on load; a broken file is one Thai line naming the field."""

from __future__ import annotations

import string
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from prongsai.errors import InputError
from prongsai.yamlio import YamlError, load_yaml_file, loads_yaml

BUILTIN = "reminders/data/rules.yaml"
# The names a subject or body of each kind may use.
FIELDS: dict[str, frozenset[str]] = {
    "measure": frozenset({"agency", "title", "due", "days", "state"}),
    "report": frozenset({"agency", "due", "days", "year", "period"}),
    "oit": frozenset({"agency", "due", "days", "year", "count", "items"}),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Subjects(_Strict):
    before: str = Field(min_length=1)
    on_day: str = Field(min_length=1)
    after: str = Field(min_length=1)


class Window(_Strict):
    start: str = Field(alias="from", pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
    end: str = Field(alias="to", pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")


class Schedule(_Strict):
    before_days: tuple[int, ...] = ()
    on_day: bool = True
    every_days_after: int | None = Field(default=None, ge=1, le=366)
    after_for_days: int = Field(default=0, ge=0, le=3660)
    subject: Subjects
    body: str = Field(min_length=1)

    @field_validator("before_days")
    @classmethod
    def _distinct_positive(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if any(n < 1 or n > 366 for n in value):
            raise ValueError("จำนวนวันก่อนครบกำหนดต้องอยู่ระหว่าง 1–366")
        if len(set(value)) != len(value):
            raise ValueError("จำนวนวันก่อนครบกำหนดซ้ำกัน")
        return tuple(sorted(value, reverse=True))


class OitSchedule(Schedule):
    default_window: Window


class RuleBook(_Strict):
    version: str
    catch_up_days: int = Field(default=2, ge=0, le=30)
    measure: Schedule
    report: Schedule
    oit: OitSchedule


def _names(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"{"}  # an unmatched brace


def _check_fields(book: RuleBook, where: str) -> None:
    for kind, allowed in FIELDS.items():
        schedule: Schedule = getattr(book, kind)
        texts = {"subject.before": schedule.subject.before, "subject.on_day": schedule.subject.on_day,
                 "subject.after": schedule.subject.after, "body": schedule.body}
        for field, text in texts.items():
            unknown = _names(text) - allowed
            if unknown:
                raise InputError(f"ข้อความมีชื่อที่ไม่รู้จัก {{{', '.join(sorted(unknown))}}}", file=where,
                                 where=f"{kind}.{field}", expected="ชื่อในวงเล็บปีกกา " + " ".join(
                                     "{" + n + "}" for n in sorted(allowed)))


def parse_rules(data: object, where: str) -> RuleBook:
    if not isinstance(data, dict):
        raise InputError("ไฟล์กฎการแจ้งเตือนต้องเป็นชุดข้อมูลแบบ key: value", file=where)
    try:
        book = RuleBook.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        at = ".".join(str(p) for p in first["loc"]) or "ทั้งไฟล์"
        what = {"extra_forbidden": "ช่องข้อมูลที่ไม่รู้จัก", "missing": "ขาดช่องข้อมูลที่จำเป็น"}.get(
            first["type"], str(first["msg"]).removeprefix("Value error, "))
        raise InputError(f"กฎการแจ้งเตือนไม่ถูกต้อง: {what}", file=where, where=at) from None
    _check_fields(book, where)
    return book


def load_rules(path: str | Path) -> RuleBook:
    try:
        return parse_rules(load_yaml_file(Path(path)), str(path))
    except YamlError as exc:
        raise InputError(str(exc), file=str(path)) from None


@cache
def default_rules() -> RuleBook:
    text = resources.files("prongsai.reminders").joinpath("data", "rules.yaml").read_text(encoding="utf-8")
    try:
        return parse_rules(loads_yaml(text), BUILTIN)
    except YamlError as exc:
        raise InputError(str(exc), file=BUILTIN) from None
