"""YAML and JSON reading that refuses what PyYAML and json would silently accept: a key
written twice (the second would win without a word) — in a results file that is a
duplicated indicator."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

try:
    _Base = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Base = yaml.SafeLoader  # type: ignore[misc,assignment]


class YamlError(ValueError):
    """A file that is not readable as YAML/JSON; the message is Thai and says where."""


class _StrictLoader(_Base):  # type: ignore[misc,valid-type]
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in result:
            line = key_node.start_mark.line + 1
            raise YamlError(f"บรรทัด {line}: ช่อง '{key}' ซ้ำกัน (ระบุได้ครั้งเดียว)")
        result[key] = loader.construct_object(value_node, deep=deep)
    return result


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def loads_yaml(text: str) -> Any:
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except YamlError:
        raise
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"บรรทัด {mark.line + 1}: " if mark is not None else ""
        raise YamlError(f"{where}อ่านเป็น YAML ไม่ได้ ({getattr(exc, 'problem', None) or exc})") from None


def loads_json(text: str) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in items:
            if key in seen:
                raise YamlError(f"ช่อง '{key}' ซ้ำกัน (ระบุได้ครั้งเดียว)")
            seen[key] = value
        return seen

    try:
        return json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        raise YamlError(f"บรรทัด {exc.lineno}: อ่านเป็น JSON ไม่ได้ ({exc.msg})") from None


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise YamlError("ไม่พบไฟล์") from None
    except IsADirectoryError:
        raise YamlError("เป็นโฟลเดอร์ ไม่ใช่ไฟล์") from None
    except OSError as exc:
        raise YamlError(f"เปิดไฟล์ไม่ได้ ({exc.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise YamlError("ไฟล์ไม่ได้เข้ารหัสเป็น UTF-8") from None


def load_yaml_file(path: Path) -> Any:
    return loads_yaml(read_text(path))
