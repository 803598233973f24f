"""The check rules of OIT items: how to tell from a page's text that it shows what the item
requires. Kept as data beside the framework (oit_check/rules/ita-2567.yaml for ita-2567.yaml),
one rule per required component, each citing the component it checks, and validated against
the framework on load: every item with known components has a rule for each of them.

A rule file may be replaced or added like a framework file: a `rules-*.yaml` (or
`ita-*.rules.yaml`) in a folder named in PRONGSAI_FRAMEWORKS wins over the built-in one.

Freshness says which period the page must show:
- none: nothing dated (a structure chart, a contact page);
- current_fy / previous_fy: the fiscal year being assessed / the one before (annual reports);
- current_or_previous_fy: either (plans that may be adopted late);
- first_half: October–March of the current fiscal year (6-month reports);
- monthly: every month of the current fiscal year completed so far (monthly summaries)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from prongsai.errors import InputError
from prongsai.ita.library import describe_validation_error, extra_dirs, library
from prongsai.ita.model import Framework, Item
from prongsai.yamlio import YamlError, load_yaml_file, loads_yaml

Freshness = Literal["none", "current_fy", "previous_fy", "current_or_previous_fy", "first_half", "monthly"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ComponentRule(_Strict):
    component: int = Field(ge=1)  # the item's component it checks, 1-based as the manual numbers them
    any: tuple[str, ...] = ()  # at least one of these phrases appears
    all: tuple[str, ...] = ()  # every one of these phrases appears
    pattern: str | None = None  # or this regular expression matches
    none_ok: tuple[str, ...] = ()  # "กรณีไม่มี… ให้เผยแพร่ว่าไม่มี": saying there is none satisfies it
    manual: bool = False  # only a person can judge it (a photo, a signature): reported, never guessed
    missing: str  # in Thai: what the page lacks and what to publish

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"pattern does not compile: {exc}") from None
        return value

    @property
    def checkable(self) -> bool:
        return bool(self.any or self.all or self.pattern or self.none_ok)


class ItemRule(_Strict):
    freshness: Freshness = "current_fy"
    components: tuple[ComponentRule, ...] = ()
    # Rules for the components of another reading of the item (Framework.readings), by reading id.
    readings: dict[str, tuple[ComponentRule, ...]] = {}
    note: str | None = None

    def for_reading(self, reading: str | None) -> tuple[ComponentRule, ...]:
        return self.readings.get(reading or "", self.components)


class RuleBook(_Strict):
    framework: str  # the framework file's id, e.g. ita-2567 or ita-2569-ovec
    version: str
    note: str | None = None
    items: dict[str, ItemRule]


def _check_against(book: RuleBook, framework: Framework, where: str) -> None:
    for code, rule in book.items.items():
        item = framework.item_by_code.get(code)
        if item is None or item.instrument != "OIT":
            raise InputError(f"ไม่มีข้อ {code} ในกรอบการประเมิน {framework.id}", file=where, where=code)
        _check_components(code, rule.components, item.components, where)
        for reading, rules in rule.readings.items():
            alternative = next((a for a in item.alternatives if a.reading == reading), None)
            if alternative is None:
                raise InputError(f"ข้อ {code} ไม่มีข้อความแบบ '{reading}'", file=where, where=code)
            _check_components(code, rules, alternative.components or item.components, where)
    for item in framework.items_of("OIT"):
        if item.components and item.code not in book.items:
            raise InputError(f"ข้อ {item.code} มีองค์ประกอบ {len(item.components)} รายการแต่ยังไม่มีเกณฑ์ตรวจ",
                             file=where, where=item.code, expected="เกณฑ์ตรวจทุกองค์ประกอบของข้อ")
        for alternative in item.alternatives:
            if alternative.components and item.code in book.items and \
                    alternative.reading not in book.items[item.code].readings:
                raise InputError(f"ข้อ {item.code} ยังไม่มีเกณฑ์ตรวจตามข้อความแบบ '{alternative.reading}'",
                                 file=where, where=item.code)


def _check_components(code: str, rules: tuple[ComponentRule, ...], components: tuple[str, ...], where: str) -> None:
    covered = {r.component for r in rules}
    for rule in rules:
        if rule.component > len(components):
            raise InputError(f"ข้อ {code}: เกณฑ์อ้างองค์ประกอบที่ {rule.component} แต่ข้อนี้มี {len(components)} องค์ประกอบ",
                             file=where, where=code)
        if not rule.checkable and not rule.manual:
            raise InputError(f"ข้อ {code} องค์ประกอบที่ {rule.component}: เกณฑ์ต้องมี any, all, pattern หรือ none_ok "
                             "หรือระบุ manual: true", file=where, where=code)
    absent = [n for n in range(1, len(components) + 1) if n not in covered]
    if absent:
        raise InputError(f"ข้อ {code}: ยังไม่มีเกณฑ์ขององค์ประกอบที่ {', '.join(map(str, absent))}",
                         file=where, where=code, expected="หนึ่งเกณฑ์ต่อหนึ่งองค์ประกอบ")


def parse_rules(data: object, framework: Framework, where: str) -> RuleBook:
    if not isinstance(data, dict):
        raise InputError("ไฟล์เกณฑ์ตรวจต้องเป็นชุดข้อมูลแบบ key: value", file=where)
    try:
        book = RuleBook.model_validate(data)
    except ValidationError as exc:
        at, what = describe_validation_error(exc)
        raise InputError(f"เกณฑ์ตรวจ OIT ไม่ถูกต้อง: {what}", file=where, where=at) from None
    if book.framework != framework.id:
        raise InputError(f"ไฟล์เกณฑ์ตรวจเป็นของ {book.framework} ไม่ใช่ {framework.id}", file=where, where="framework")
    _check_against(book, framework, where)
    return book


def _builtin_text(framework_id: str) -> str | None:
    found = resources.files("prongsai.oit_check").joinpath("rules", f"{framework_id}.yaml")
    return found.read_text(encoding="utf-8") if found.is_file() else None


def _extra_file(framework_id: str) -> Path | None:
    for folder in extra_dirs():
        for name in (f"rules-{framework_id}.yaml", f"{framework_id}.rules.yaml"):
            if (folder / name).is_file():
                return folder / name
    return None


@cache
def _rules(framework_id: str, extra: tuple[Path, ...]) -> RuleBook | None:
    framework = _framework_by_id(framework_id)
    path = _extra_file(framework_id)
    if path is not None:
        try:
            return parse_rules(load_yaml_file(path), framework, str(path))
        except YamlError as exc:
            raise InputError(str(exc), file=str(path)) from None
    text = _builtin_text(framework_id)
    if text is None:
        return None
    where = f"oit_check/rules/{framework_id}.yaml"
    try:
        return parse_rules(loads_yaml(text), framework, where)
    except YamlError as exc:
        raise InputError(str(exc), file=where) from None


def _framework_by_id(framework_id: str) -> Framework:
    lib = library()
    for year, variant in lib.keys:
        if Framework.key_id(year, variant) == framework_id:
            return lib.get(year, variant)
    raise KeyError(framework_id)


def rules_for(framework: Framework) -> RuleBook | None:
    """The rules of a framework: its own file, or, for a year that carries another's content,
    that year's (its codes are the same)."""
    book = _rules(framework.id, extra_dirs())
    if book is None and framework.carried_from is not None:
        carried = Framework.key_id(framework.carried_from, framework.variant)
        book = _rules(carried, extra_dirs())
    return book


def rule_for(framework: Framework, item: Item) -> ItemRule | None:
    book = rules_for(framework)
    return book.items.get(item.code) if book else None
