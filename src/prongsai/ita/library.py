"""Loading the framework library: the built-in files plus folders of extra files.

A supervisor can add a year or correct a text without a code change: a folder named in the
environment variable PRONGSAI_FRAMEWORKS (several folders separated by the path separator)
holds extra `*.yaml` framework files; a file there for a year that is built in replaces the
built-in one. Every file is validated against the schema when it is loaded.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from pydantic import ValidationError

from prongsai.errors import InputError
from prongsai.ita.model import Crosswalk, Framework
from prongsai.yamlio import YamlError, load_yaml_file

FRAMEWORKS_ENV = "PRONGSAI_FRAMEWORKS"
BUILTIN_DIR = Path(__file__).with_name("frameworks")
_BUILTIN_NAME = re.compile(r"^ita-(\d{4})\.yaml$")


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
    """The frameworks available to this process, built-in first, extras overriding."""

    def __init__(self, extra: Iterable[Path] = ()) -> None:
        self._paths: dict[int, Path] = {}
        for file in sorted(BUILTIN_DIR.glob("ita-*.yaml")):
            match = _BUILTIN_NAME.match(file.name)
            if match:
                self._paths[int(match.group(1))] = file
        self._loaded: dict[int, Framework] = {}
        self._crosswalk: Crosswalk | None = None
        self.overridden: dict[int, Path] = {}
        for folder in extra:
            if not folder.is_dir():
                raise InputError("ไม่พบโฟลเดอร์กรอบการประเมินเพิ่มเติม", file=str(folder),
                                 expected=f"โฟลเดอร์ที่มีไฟล์ .yaml (ตั้งค่าใน {FRAMEWORKS_ENV})")
            for file in sorted(folder.glob("*.yaml")):
                fw = load_framework_file(file)
                self._loaded[fw.fiscal_year] = fw
                self._paths[fw.fiscal_year] = file
                self.overridden[fw.fiscal_year] = file

    @property
    def years(self) -> list[int]:
        return sorted(self._paths)

    def path(self, year: int) -> Path:
        return self._paths[year]

    def get(self, year: int) -> Framework:
        if year not in self._paths:
            raise KeyError(year)
        if year not in self._loaded:
            self._loaded[year] = load_framework_file(self._paths[year])
        return self._loaded[year]

    def all(self) -> list[Framework]:
        return [self.get(y) for y in self.years]

    def crosswalk(self) -> Crosswalk:
        """The crosswalk, read and checked against every year once per library."""
        if self._crosswalk is None:
            self._crosswalk = self._load_crosswalk()
        return self._crosswalk

    def _load_crosswalk(self) -> Crosswalk:
        path = BUILTIN_DIR / "crosswalk.yaml"
        try:
            cw = Crosswalk.model_validate(load_yaml_file(path))
        except (YamlError, ValidationError) as exc:
            raise InputError(f"ไฟล์เชื่อมรหัสข้ามปีไม่ถูกต้อง: {exc}", file=str(path)) from None
        for link in cw.links:
            for stable_id in link.ids:
                year_text, code = stable_id.removeprefix("ita-").split(":")
                year = int(year_text)
                if year not in self._paths or code not in self.get(year).item_codes:
                    raise InputError(f"รหัส {stable_id} ไม่มีในกรอบการประเมินปี {year}", file=str(path),
                                     where=link.concept)
        return cw

    def successors(self, year: int, code: str) -> dict[int, str]:
        """The same item in other years, by the crosswalk: {year: code}."""
        key = f"ita-{year}:{code}"
        for link in self.crosswalk().links:
            if key in link.ids:
                return {int(i[4:8]): i.split(":")[1] for i in link.ids if i != key}
        return {}


@cache
def _library(extra: tuple[Path, ...]) -> Library:
    return Library(extra)


def library() -> Library:
    return _library(extra_dirs())


def get_framework(year: int) -> Framework:
    """The framework of a Buddhist-era fiscal year; KeyError when the library has none."""
    return library().get(year)


def available_years() -> list[int]:
    return library().years
