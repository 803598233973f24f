"""Loading the framework library: the built-in files plus folders of extra files.

A supervisor can add a year or correct a text without a code change: a folder named in the
environment variable PRONGSAI_FRAMEWORKS (several folders separated by the path separator)
holds extra `*.yaml` framework files; a file there for a year (and variant) that is built in
replaces the built-in one. Every file is validated against the schema when it is loaded.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from prongsai.errors import InputError
from prongsai.ita.model import Crosswalk, Framework
from prongsai.yamlio import YamlError, load_yaml_file

FRAMEWORKS_ENV = "PRONGSAI_FRAMEWORKS"
BUILTIN_DIR = Path(__file__).with_name("frameworks")
_FILE_NAME = re.compile(r"^ita-(\d{4})(?:-([a-z][a-z0-9]*))?\.yaml$")
Key = tuple[int, str | None]  # (fiscal year, variant or None for the general framework)


def describe_validation_error(error: ValidationError) -> tuple[str, str]:
    """(where, what) for the first problem pydantic found, in a form a person can follow."""
    first = error.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "ทั้งไฟล์"
    what = first["msg"]
    if first["type"] == "extra_forbidden":
        what = "ช่องข้อมูลที่ไม่รู้จัก"
    elif first["type"] == "missing":
        what = "ขาดช่องข้อมูลที่จำเป็น"
    return where, what


def load_framework_file(path: str | Path) -> Framework:
    path = Path(path)
    try:
        data = load_yaml_file(path)
    except YamlError as exc:
        raise InputError(str(exc), file=str(path), expected="ไฟล์ YAML ตามรูปแบบกรอบการประเมิน") from None
    if not isinstance(data, dict):
        raise InputError("ไฟล์กรอบการประเมินต้องเป็นชุดข้อมูลแบบ key: value", file=str(path))
    try:
        return Framework.model_validate(data)
    except ValidationError as exc:
        where, what = describe_validation_error(exc)
        raise InputError(f"กรอบการประเมินไม่ถูกต้อง: {what}", file=str(path), where=where,
                         expected="ตามสคีมาใน docs/framework-format.md") from None


def extra_dirs() -> tuple[Path, ...]:
    raw = os.environ.get(FRAMEWORKS_ENV, "")
    return tuple(Path(p) for p in raw.split(os.pathsep) if p.strip())


class Library:
    """The frameworks available to this process, built-in first, extras overriding. A folder of
    extras may also hold crosswalk*.yaml files, whose links join the built-in crosswalk (so a
    newly published year is a data change only)."""

    def __init__(self, extra: Iterable[Path] = ()) -> None:
        self._paths: dict[Key, Path] = {}
        for file in sorted(BUILTIN_DIR.glob("ita-*.yaml")):
            match = _FILE_NAME.match(file.name)
            if match:
                self._paths[(int(match.group(1)), match.group(2))] = file
        self._loaded: dict[Key, Framework] = {}
        self._readings: dict[tuple[str, str], Framework] = {}
        self._crosswalk: Crosswalk | None = None
        self._crosswalk_files = [BUILTIN_DIR / "crosswalk.yaml"]
        self.overridden: dict[Key, Path] = {}
        for folder in extra:
            if not folder.is_dir():
                raise InputError("ไม่พบโฟลเดอร์กรอบการประเมินเพิ่มเติม", file=str(folder),
                                 expected=f"โฟลเดอร์ที่มีไฟล์ .yaml (ตั้งค่าใน {FRAMEWORKS_ENV})")
            for file in sorted(folder.glob("*.yaml")):
                if file.name.startswith("crosswalk"):
                    self._crosswalk_files.append(file)
                    continue
                if file.name.startswith("rules-") or file.name.endswith(".rules.yaml"):
                    continue  # OIT check rules (prongsai.oit_check.rules) may sit beside their framework

                fw = load_framework_file(file)
                key = (fw.fiscal_year, fw.variant)
                self._loaded[key] = fw
                self._paths[key] = file
                self.overridden[key] = file

    @property
    def years(self) -> list[int]:
        """The fiscal years with a general framework."""
        return sorted(y for y, variant in self._paths if variant is None)

    @property
    def keys(self) -> list[Key]:
        """Every framework: each year's general one first, then its variants."""
        return sorted(self._paths, key=lambda k: (k[0], k[1] or ""))

    def variants(self, year: int) -> list[str]:
        return sorted(v for y, v in self._paths if y == year and v is not None)

    def all_variants(self) -> list[str]:
        return sorted({v for _, v in self._paths if v is not None})

    def has(self, year: int, variant: str | None = None) -> bool:
        return (year, variant or None) in self._paths

    def path(self, year: int, variant: str | None = None) -> Path:
        return self._paths[(year, variant or None)]

    def get(self, year: int, variant: str | None = None) -> Framework:
        key = (year, variant or None)
        if key not in self._paths:
            raise KeyError(key if variant else year)
        if key not in self._loaded:
            self._loaded[key] = load_framework_file(self._paths[key])
        return self._loaded[key]

    def as_read(self, framework: Framework, reading: str | None) -> Framework:
        """`framework` with its CONFLICT items in `reading` (Framework.with_reading), made once."""
        if not reading or not framework.readings:
            return framework
        key = (framework.id, reading)
        if key not in self._readings:
            self._readings[key] = framework.with_reading(reading)
        return self._readings[key]

    def all(self) -> list[Framework]:
        """The general framework of every year (variants: `everything`)."""
        return [self.get(y) for y in self.years]

    def everything(self) -> list[Framework]:
        return [self.get(*key) for key in self.keys]

    def crosswalk(self) -> Crosswalk:
        """The crosswalk, read and checked against every year once per library."""
        if self._crosswalk is None:
            self._crosswalk = self._load_crosswalk()
        return self._crosswalk

    def _load_crosswalk(self) -> Crosswalk:
        links = []
        first: Crosswalk | None = None
        for path in self._crosswalk_files:
            try:
                cw = Crosswalk.model_validate(load_yaml_file(path))
            except (YamlError, ValidationError) as exc:
                raise InputError(f"ไฟล์เชื่อมรหัสข้ามปีไม่ถูกต้อง: {exc}", file=str(path)) from None
            for link in cw.links:
                for stable_id in link.ids:
                    key, code = parse_stable_id(stable_id)
                    if key not in self._paths or code not in self.get(*key).item_codes:
                        raise InputError(f"รหัส {stable_id} ไม่มีในกรอบการประเมิน{self._named(key)}", file=str(path),
                                         where=link.concept)
            links.extend(cw.links)
            first = first or cw
        assert first is not None
        return first.model_copy(update={"links": tuple(links)})

    @staticmethod
    def _named(key: Key) -> str:
        return f"ปี {key[0]}" + (f" แบบ {key[1]}" if key[1] else "")

    def successors(self, year: int, code: str, variant: str | None = None) -> dict[int, str]:
        """The same item in the other years of the same framework line (general, or one variant):
        {year: code}, by the crosswalk, and code for code between a year that carries another
        year's content and that year."""
        variant = variant or None
        key = Framework.key_id(year, variant) + f":{code}"
        found: dict[int, str] = {}
        for link in self.crosswalk().links:
            if key in link.ids:
                for other in link.ids:
                    (other_year, other_variant), other_code = parse_stable_id(other)
                    if other != key and other_variant == variant:
                        found[other_year] = other_code
        for other_year in self._carried_with(year, variant):
            if other_year not in found and code in self.get(other_year, variant).item_codes:
                found[other_year] = code
        return found

    def counterpart(self, year: int, code: str, other: int, variant: str | None = None) -> str | None:
        """The code in year `other` of the item `code` of `year`: by the crosswalk or a carried
        year (successors), else the item of the same name; None when there is none."""
        found = self.successors(year, code, variant).get(other)
        if found is not None or not (self.has(year, variant) and self.has(other, variant)):
            return found
        item = self.get(year, variant).item_by_code.get(code)
        if item is None or not item.name:
            return None
        name = " ".join(item.name.split())
        return next((i.code for i in self.get(other, variant).items_of(item.instrument)
                     if i.name and " ".join(i.name.split()) == name), None)

    def _carried_with(self, year: int, variant: str | None) -> list[int]:
        """Years whose file is the same content as `year`'s: the year it carries, and any year
        that carries it."""
        years = []
        own = self.get(year, variant).carried_from if self.has(year, variant) else None
        if own is not None and self.has(own, variant):
            years.append(own)
        for (other, other_variant) in self._paths:
            if other_variant == variant and other != year and self.get(other, variant).carried_from == year:
                years.append(other)
        return years


def parse_stable_id(stable_id: str) -> tuple[Key, str]:
    """ita-2569-ovec:O3 → ((2569, "ovec"), "O3")."""
    framework_id, code = stable_id.split(":")
    parts = framework_id.removeprefix("ita-").split("-", 1)
    return (int(parts[0]), parts[1] if len(parts) > 1 else None), code


@cache
def _library(extra: tuple[Path, ...]) -> Library:
    return Library(extra)


def library() -> Library:
    return _library(extra_dirs())


def get_framework(year: int, variant: str | None = None) -> Framework:
    """The framework of a Buddhist-era fiscal year; KeyError when the library has none. With a
    variant, that variant's file, or the general one for a year the variant has no file for
    (an agency's earlier results may predate its sector's variant)."""
    lib = library()
    if variant and not lib.has(year, variant):
        if variant not in lib.all_variants():
            raise KeyError((year, variant))
        variant = None
    return lib.get(year, variant)


def available_years() -> list[int]:
    return library().years


def announced_year(today: date | None = None) -> int:
    """The year whose result was announced last: the fiscal year before the running one (a
    year's result comes out at its very end), within the years the library has."""
    from prongsai.thai import fiscal_year_of

    years = available_years()
    done = [y for y in years if y <= fiscal_year_of(today or date.today()) - 1]
    return max(done or years)
