"""Our own Thai wording for the documents: ITA background, advice per indicator and per failed
OIT item, and the plan's limitations (data/recommendations.yaml).

Advice is data, not code: an agency or a later release can reword it without touching the
builders. OIT items are grouped by theme through keywords in the item's name, because item
numbers change between fiscal years while the names stay recognisable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from prongsai.yamlio import loads_yaml

DATA_FILE = "recommendations.yaml"


@dataclass(frozen=True)
class OitTheme:
    id: str
    title: str
    names: tuple[str, ...]
    advice: tuple[str, ...]


@dataclass(frozen=True)
class ReasonTheme:
    id: str
    reasons: tuple[str, ...]
    advice: str


@dataclass(frozen=True)
class Limitation:
    when: str
    text: str


@dataclass(frozen=True)
class Wording:
    background: tuple[str, ...]
    indicators: dict[str, tuple[str, ...]]
    keep: tuple[str, ...]
    oit_themes: tuple[OitTheme, ...]
    oit_reason_themes: tuple[ReasonTheme, ...]
    limitations: tuple[Limitation, ...]


def _text(value: Any) -> str:
    return " ".join(str(value).split())


def _texts(values: Iterable[Any]) -> tuple[str, ...]:
    return tuple(_text(v) for v in values)


def parse_wording(data: dict[str, Any]) -> Wording:
    """Check and convert the YAML mapping (ValueError naming the part that is wrong)."""
    try:
        themes = tuple(
            OitTheme(t["id"], _text(t["title"]), tuple(t.get("names") or ()), _texts(t["advice"]))
            for t in data["oit_themes"]
        )
        reason_themes = tuple(
            ReasonTheme(t["id"], tuple(t["reasons"]), _text(t["advice"])) for t in data["oit_reason_themes"]
        )
        wording = Wording(
            background=_texts(data["background"]),
            indicators={_text(k): _texts(v) for k, v in data["indicators"].items()},
            keep=_texts(data["keep"]),
            oit_themes=themes,
            oit_reason_themes=reason_themes,
            limitations=tuple(Limitation(x["when"], _text(x["text"])) for x in data["limitations"]),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{DATA_FILE}: โครงสร้างไม่ถูกต้อง ({exc})") from None
    if not themes or themes[-1].names:
        raise ValueError(f"{DATA_FILE}: หัวข้อ OIT สุดท้ายต้องเป็นหัวข้อรวม (names ว่าง) สำหรับข้อที่ไม่เข้าหัวข้อใด")
    return wording


class _Keep(dict):
    """str.format_map mapping that leaves unknown {names} as they are."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@cache
def load_wording() -> Wording:
    text = resources.files("prongsai.documents").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return parse_wording(loads_yaml(text))


def background() -> tuple[str, ...]:
    return load_wording().background


def indicator_advice(name: str) -> tuple[str, ...]:
    """Advice for a weak indicator (empty when the name is not in the wording file)."""
    return load_wording().indicators.get(_text(name), ())


def keep_advice() -> tuple[str, ...]:
    return load_wording().keep


def oit_theme(label: str) -> OitTheme:
    """The first theme whose keyword occurs in the item's name; the catch-all theme otherwise."""
    lowered = label.casefold()
    for theme in load_wording().oit_themes:
        if any(word.casefold() in lowered for word in theme.names):
            return theme
    return load_wording().oit_themes[-1]


def reason_advice(reason: str | None) -> tuple[str, ...]:
    """Extra advice for the reviewer's reason (missing components, not current, …)."""
    if not reason:
        return ()
    return tuple(t.advice for t in load_wording().oit_reason_themes if any(w in reason for w in t.reasons))


def limitations(situations: Sequence[str], **values: str) -> list[str]:
    """The limitation lines for the situations that apply (`always` lines are always kept)."""
    wanted = {"always", *situations}
    lines = []
    for item in load_wording().limitations:
        if item.when in wanted:
            lines.append(item.text.format_map(_Keep(values)))
    return lines
