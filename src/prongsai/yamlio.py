"""YAML and JSON reading that refuses what PyYAML and json would silently accept: a key
written twice (the second would win without a word) — in a results file that is a
duplicated indicator. Every failure is a YamlError in Thai that says where (line and
character) and what was expected; the parsers' English is never passed through.

With `limits`, a file from a user is first walked as a stream of parser events (no recursion,
nothing built), so nesting, the number of values (an alias counted as all it expands to: the
"billion laughs") and explicit tags are refused before anything is constructed."""

from __future__ import annotations

import json
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml

from prongsai.untrusted_files import Budget, Limits, os_reason, too_deep, too_many_values

try:
    _Base = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Base = yaml.SafeLoader  # type: ignore[misc,assignment]


class YamlError(ValueError):
    """A file that is not readable as YAML/JSON; the message is Thai, `where` says where."""

    def __init__(self, message: str, where: str | None = None, expected: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.expected = expected

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text} (ที่ถูกต้อง: {self.expected})" if self.expected else text


def _at(mark: Any) -> str | None:
    if mark is None:
        return None
    return f"บรรทัด {mark.line + 1} ตัวอักษรที่ {mark.column + 1}"


class _StrictLoader(_Base):  # type: ignore[misc,valid-type]
    pass


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, Hashable):
            raise YamlError("ชื่อช่องต้องเป็นข้อความหรือตัวเลข ไม่ใช่รายการหรือชุดข้อมูล", _at(key_node.start_mark))
        if key in result:
            raise YamlError(f"ช่อง '{_shown(key)}' ซ้ำกัน (ระบุได้ครั้งเดียว)", f"บรรทัด {key_node.start_mark.line + 1}")
        result[key] = loader.construct_object(value_node, deep=deep)
    return result


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    try:
        return loader.construct_yaml_int(node)
    except ValueError:  # longer than Python turns into a number (4,300 digits)
        raise YamlError("ตัวเลขยาวเกินไป", _at(node.start_mark)) from None


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def _shown(value: object, limit: int = 40) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit] + "…"


# The problems libyaml and PyYAML report, by a fragment of their English, in Thai.
_YAML_PROBLEMS = (
    ("could not find expected ':'", "ขาดเครื่องหมาย : หลังชื่อช่อง"),
    ("nesting depth", "ข้อมูลซ้อนกันลึกเกินไป"),
    ("mapping values are not allowed", "มีเครื่องหมาย : ในตำแหน่งที่ใช้ไม่ได้ (ถ้าค่ามีเครื่องหมาย : ให้ครอบค่าด้วยเครื่องหมายคำพูด)"),
    ("cannot start any token", "มีอักขระที่ขึ้นต้นค่าไม่ได้ เช่น @ ` % (ให้ครอบค่าด้วยเครื่องหมายคำพูด)"),
    ("tab character", "ย่อหน้าด้วยแท็บ (ที่ถูกต้อง: ย่อหน้าด้วยการเว้นวรรค)"),
    ("unexpected end of stream", "ไฟล์จบก่อนปิดเครื่องหมายคำพูดหรือวงเล็บ"),
    ("escape", "รหัสหลีก (\\) ในข้อความไม่ถูกต้อง"),
    ("hexdecimal", "รหัสหลีก (\\) ในข้อความไม่ถูกต้อง"),
    ("did not find expected key", "ย่อหน้าไม่ตรงกัน หรือมีบรรทัดที่ไม่ใช่ ชื่อช่อง: ค่า"),
    ("expected '-' indicator", "รายการที่ขึ้นต้นด้วย - ย่อหน้าไม่ตรงกัน"),
    ("',' or ']'", "ขาดเครื่องหมาย , หรือ ] ในรายการแบบ [ ]"),
    ("',' or '}'", "ขาดเครื่องหมาย , หรือ } ในชุดข้อมูลแบบ { }"),
    ("expected node content", "ไม่มีค่าในตำแหน่งที่ต้องมีค่า"),
    ("document start", "มีข้อความเกินหลังจบข้อมูล"),
    ("single document", "ไฟล์มีข้อมูลหลายชุด (คั่นด้วย ---) ที่ถูกต้อง: ชุดเดียว"),
    ("comment or line break", "มีข้อความต่อท้ายค่าในบรรทัดเดียวกัน (ถ้าค่ามีเครื่องหมาย # หรือ : ให้ครอบด้วยเครื่องหมายคำพูด)"),
    ("block sequence entries are not allowed", "รายการที่ขึ้นต้นด้วย - อยู่ในตำแหน่งที่ใช้ไม่ได้"),
    ("block mapping", "ย่อหน้าไม่ตรงกัน"),
    ("undefined alias", "อ้างถึงชื่อด้วย * โดยยังไม่ได้ตั้งชื่อนั้นด้วย &"),
    ("duplicate anchor", "ตั้งชื่อด้วย & ซ้ำกัน"),
    ("alphabetic or numeric character", "ชื่อหลังเครื่องหมาย & หรือ * ไม่ถูกต้อง"),
    ("anchor", "ชื่อหลังเครื่องหมาย & หรือ * ไม่ถูกต้อง"),
    ("alias", "ชื่อหลังเครื่องหมาย & หรือ * ไม่ถูกต้อง"),
    ("unhashable key", "ชื่อช่องต้องเป็นข้อความหรือตัวเลข ไม่ใช่รายการหรือชุดข้อมูล"),
    ("merg", "การรวมชุดข้อมูลด้วย << ไม่ถูกต้อง"),
    ("tag", "การระบุชนิดข้อมูลด้วยเครื่องหมาย ! ไม่ถูกต้อง"),
    ("directive", "คำสั่งที่ขึ้นต้นด้วย % ไม่ถูกต้อง"),
    ("YAML document", "คำสั่งที่ขึ้นต้นด้วย % ไม่ถูกต้อง"),
    ("control characters", "มีอักขระควบคุมที่มองไม่เห็น"),
    ("special characters", "มีอักขระควบคุมที่มองไม่เห็น"),
    ("non-printable", "มีอักขระควบคุมที่มองไม่เห็น"),
    ("utf-8", "มีไบต์ที่ไม่ใช่อักขระ UTF-8"),
    ("octet", "มีไบต์ที่ไม่ใช่อักขระ UTF-8"),
    ("plain scalar", "ข้อความที่ไม่ครอบด้วยเครื่องหมายคำพูดมีอักขระที่ใช้ไม่ได้"),
    ("block scalar", "ข้อความหลายบรรทัด (| หรือ >) ย่อหน้าไม่ถูกต้อง"),
    ("quoted scalar", "ข้อความในเครื่องหมายคำพูดไม่ถูกต้อง"),
    ("simple key", "ชื่อช่องไม่ถูกต้อง"),
)


def _thai_yaml_problem(exc: yaml.YAMLError, text: str) -> YamlError:
    if isinstance(exc, yaml.reader.ReaderError):  # libyaml's reader: a position, no mark
        position = getattr(exc, "position", None)
        where = None
        if isinstance(position, int):
            line = text.count("\n", 0, position)
            where = f"บรรทัด {line + 1} ตัวอักษรที่ {position - (text.rfind(chr(10), 0, position) + 1) + 1}"
        return YamlError(_translated(str(getattr(exc, "reason", "")), "มีอักขระที่อ่านไม่ได้"), where)
    problem = str(getattr(exc, "problem", None) or "")
    context = str(getattr(exc, "context", None) or "")
    mark = getattr(exc, "problem_mark", None)
    if "could not find expected ':'" in problem:  # the key that lacks it started at the context mark
        mark = getattr(exc, "context_mark", None) or mark
    return YamlError(_translated(f"{problem} {context}", "โครงสร้าง YAML ไม่ถูกต้อง"), _at(mark))


def _translated(english: str, fallback: str) -> str:
    lowered = english.lower()
    return next((thai for fragment, thai in _YAML_PROBLEMS if fragment.lower() in lowered), fallback)


ALIASES_COUNTED = " (นับรวมค่าที่อ้างถึงด้วย *)"


def _refused(error: Any, note: str = "") -> YamlError:
    """The untrusted-files limit (an InputError) as this module's error, its advice kept."""
    return YamlError(error.message + note, error.where, error.expected)


def _check_events(text: str, loader: type, limits: Limits, budget: Budget | None) -> None:
    """Refuse, from the event stream alone, what no results file needs and what could make
    constructing the document expensive."""
    # per open collection: [values inside so far, height below it, anchor or None]
    stack: list[list[Any]] = [[0, 0, None]]
    anchors: dict[str, tuple[int, int]] = {}  # anchor → (values it expands to, its height)
    total = events = 0
    parser = loader(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            events += 1
            if budget is not None and events % 1024 == 0:
                budget.check(_at(event.start_mark))
            size = height = 0
            if isinstance(event, yaml.AliasEvent):
                if event.anchor not in anchors:
                    raise YamlError("อ้างถึงชื่อด้วย * ก่อนตั้งชื่อนั้นด้วย & หรืออ้างถึงชุดข้อมูลที่ตัวเองอยู่ข้างใน",
                                    _at(event.start_mark))
                size, height = anchors[event.anchor]
            elif isinstance(event, yaml.NodeEvent):
                if getattr(event, "tag", None) not in (None, "!"):  # "!" alone only says "text"
                    raise YamlError("ไม่รองรับการระบุชนิดข้อมูลด้วยเครื่องหมาย !", _at(event.start_mark))
                if isinstance(event, yaml.CollectionStartEvent):
                    stack.append([0, 0, event.anchor])
                    if len(stack) - 1 > limits.depth:
                        raise _refused(too_deep(limits, _at(event.start_mark)))
                    continue
                size, height = 1, 0
                if event.anchor:
                    anchors[event.anchor] = (1, 0)
            elif isinstance(event, yaml.CollectionEndEvent):
                inner, below, anchor = stack.pop()
                if anchor:
                    anchors[anchor] = (inner + 1, below + 1)
                total += 1  # the collection itself; what it holds is counted already
                if total > limits.values:
                    raise _refused(too_many_values(limits, _at(event.start_mark)), ALIASES_COUNTED)
                stack[-1][0] += inner + 1
                stack[-1][1] = max(stack[-1][1], below + 1)
                continue
            else:
                continue
            total += size
            if total > limits.values:
                raise _refused(too_many_values(limits, _at(event.start_mark)), ALIASES_COUNTED)
            if len(stack) - 1 + height > limits.depth:
                raise _refused(too_deep(limits, _at(event.start_mark)))
            stack[-1][0] += size
            stack[-1][1] = max(stack[-1][1], height)
    finally:
        parser.dispose()


def loads_yaml(text: str, *, loader: type = _StrictLoader, limits: Limits | None = None,
               budget: Budget | None = None) -> Any:
    try:
        if limits is not None:
            _check_events(text, loader, limits, budget)
        return yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except YamlError:
        raise
    except yaml.YAMLError as exc:
        raise _thai_yaml_problem(exc, text) from None
    except RecursionError:
        raise YamlError("ข้อมูลซ้อนกันลึกเกินไป") from None


# json's messages, by their start, in Thai.
_JSON_PROBLEMS = (
    ("Expecting value", "ไม่มีค่าในตำแหน่งที่ต้องมีค่า"),
    ("Expecting ',' delimiter", "ขาดเครื่องหมาย , ระหว่างค่า"),
    ("Expecting ':' delimiter", "ขาดเครื่องหมาย : หลังชื่อช่อง"),
    ("Expecting property name", "ชื่อช่องต้องอยู่ในเครื่องหมายคำพูด \" \" (หรือมีเครื่องหมาย , เกินก่อน })"),
    ("Unterminated string", "ข้อความไม่มีเครื่องหมายคำพูดปิด"),
    ("Invalid control character", "มีอักขระควบคุมในข้อความ (เช่น ขึ้นบรรทัดใหม่หรือแท็บ ต้องเขียนเป็น \\n \\t)"),
    ("Invalid \\escape", "รหัสหลีก (\\) ในข้อความไม่ถูกต้อง"),
    ("Invalid \\u", "รหัสหลีก (\\) ในข้อความไม่ถูกต้อง"),
    ("Extra data", "มีข้อมูลเกินหลังจบชุดข้อมูล"),
)


def _json_int(text: str) -> int | float:
    # Past Python's 4,300-digit limit int() raises; as a float such a number is only "too big".
    return int(text) if len(text) <= 400 else float(text)


def loads_json(text: str) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: dict[str, Any] = {}
        for key, value in items:
            if key in seen:
                raise YamlError(f"ช่อง '{_shown(key)}' ซ้ำกัน (ระบุได้ครั้งเดียว)")
            seen[key] = value
        return seen

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_int=_json_int)
    except json.JSONDecodeError as exc:
        problem = next((thai for start, thai in _JSON_PROBLEMS if exc.msg.startswith(start)),
                       "โครงสร้าง JSON ไม่ถูกต้อง")
        raise YamlError(problem, f"บรรทัด {exc.lineno} ตัวอักษรที่ {exc.colno}") from None
    except RecursionError:
        raise YamlError("ข้อมูลซ้อนกันลึกเกินไป") from None


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise YamlError("ไม่พบไฟล์") from None
    except IsADirectoryError:
        raise YamlError("เป็นโฟลเดอร์ ไม่ใช่ไฟล์") from None
    except OSError as exc:
        raise YamlError(f"เปิดไฟล์ไม่ได้ ({os_reason(exc)})") from None
    return decode_text(raw)


def decode_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise YamlError("ไฟล์ไม่ได้เข้ารหัสเป็น UTF-8", f"บรรทัด {line}",
                        "บันทึกไฟล์เป็น UTF-8 เช่น ใน Excel เลือกชนิดไฟล์ CSV UTF-8") from None


def load_yaml_file(path: Path) -> Any:
    return loads_yaml(read_text(path))
