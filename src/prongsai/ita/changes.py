"""What changed in the OIT and question lists between two frameworks (two years, or a year and
one of its variants): items added, removed, renamed and renumbered.

Items are paired by the crosswalk first (its links say which codes are the same item), then by
an identical name, then code for code between a year and the year whose content it carries.
What is left on one side only is added or removed; an item whose name neither side knows is
listed apart, since nothing can be said about it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from prongsai.ita.library import Key, Library, parse_stable_id
from prongsai.ita.model import Framework, Item

Kind = Literal["added", "removed", "renamed", "renumbered", "moved", "merged", "unknown"]
KIND_TH: dict[str, str] = {
    "added": "ข้อที่เพิ่มใหม่",
    "removed": "ข้อที่ไม่ปรากฏในกรอบใหม่",
    "renamed": "ข้อที่เปลี่ยนชื่อ",
    "renumbered": "ข้อที่เปลี่ยนเลขข้อ",
    "moved": "ข้อที่เปลี่ยนทั้งเลขข้อและชื่อ",
    "merged": "ข้อที่รวมเข้ากับข้ออื่น",
    "unknown": "ข้อที่ยังไม่ทราบชื่อ จึงเทียบไม่ได้",
}


@dataclass(frozen=True)
class Change:
    kind: Kind
    old_code: str | None
    new_code: str | None
    old_name: str | None
    new_name: str | None
    paired_by: str | None = None  # "crosswalk", "name" or "carried"
    confidence: str | None = None  # the crosswalk link's, when paired by it

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and " ".join(a.split()) == " ".join(b.split())


def _crosswalk_pairs(lib: Library, old: Key, new: Key) -> dict[str, tuple[str, str]]:
    """old code → (new code, the link's confidence) for links naming both frameworks."""
    pairs: dict[str, tuple[str, str]] = {}
    for link in lib.crosswalk().links:
        olds = [c for k, c in map(parse_stable_id, link.ids) if k == old]
        news = [c for k, c in map(parse_stable_id, link.ids) if k == new]
        if len(olds) == 1 and len(news) == 1:
            pairs[olds[0]] = (news[0], link.confidence)
    return pairs


def compare(lib: Library, old: Key, new: Key, instrument: str = "OIT") -> list[Change]:
    a, b = lib.get(*old), lib.get(*new)
    a_items = {i.code: i for i in a.items_of(instrument)}
    b_items = {i.code: i for i in b.items_of(instrument)}
    carried = b.carried_from == a.fiscal_year and b.variant == a.variant or (
        a.carried_from == b.fiscal_year and a.variant == b.variant)
    pairs: dict[str, tuple[str, str | None, str]] = {}
    for code, (other, confidence) in _crosswalk_pairs(lib, old, new).items():
        if code in a_items and other in b_items:
            pairs[code] = (other, confidence, "crosswalk")
    taken = {p[0] for p in pairs.values()}
    for code, item in a_items.items():
        if code in pairs:
            continue
        match = next((c for c, i in b_items.items() if c not in taken and _same(item.name, i.name)), None)
        if match is None and carried and code in b_items and code not in taken:
            match = code
        if match is not None:
            pairs[code] = (match, None, "name" if _same(item.name, b_items[match].name) else "carried")
            taken.add(match)

    # Several items that lead to one item were merged into it: the one keeping its number or
    # name carries on, the others are "merged".
    by_target: dict[str, list[str]] = {}
    for code, (other, _, _) in pairs.items():
        by_target.setdefault(other, []).append(code)
    merged = set()
    for other, olds in by_target.items():
        if len(olds) > 1:
            # else the last link the crosswalk lists for it, as Library.successors reads them
            keeper = next((c for c in olds if c == other or _same(a_items[c].name, b_items[other].name)), olds[-1])
            merged.update(c for c in olds if c != keeper)
    changes: list[Change] = []
    for code, (other, confidence, how) in pairs.items():
        x, y = a_items[code], b_items[other]
        if code in merged:
            changes.append(Change("merged", code, other, x.name, y.name, how, confidence))
            continue
        renamed = x.name is not None and y.name is not None and not _same(x.name, y.name)
        kind: Kind | None = ("moved" if renamed else "renumbered") if code != other else ("renamed" if renamed else None)
        if kind:
            changes.append(Change(kind, code, other, x.name, y.name, how, confidence))
    unknown: set[str] = set()
    for code, item in a_items.items():
        if code not in pairs:
            change = _one_side(item, old_side=True, other=b_items.get(code))
            unknown.update([code] if change.kind == "unknown" else [])
            changes.append(change)
    for code, item in b_items.items():
        if code not in taken and code not in unknown:
            changes.append(_one_side(item, old_side=False, other=a_items.get(code)))
    order = list(KIND_TH)
    return sorted(changes, key=lambda c: (order.index(c.kind), _number(c.old_code or c.new_code)))


def _one_side(item: Item, old_side: bool, other: Item | None) -> Change:
    if item.name is None or (other is not None and other.name is None):
        # Nothing to compare: the same code unnamed on either side is not news of a change.
        return Change("unknown", item.code if old_side else None, None if old_side else item.code,
                      item.name if old_side else None, None if old_side else item.name)
    if old_side:
        return Change("removed", item.code, None, item.name, None)
    return Change("added", None, item.code, None, item.name)


def _number(code: str | None) -> int:
    return int(code[1:]) if code else 0


def parse_key(text: str, lib: Library) -> Key:
    """'2569' or '2569-ovec' → (2569, 'ovec'); ValueError with a Thai message otherwise."""
    from prongsai.thai import to_arabic_digits

    raw = to_arabic_digits(text.strip()).lower()
    year_text, _, variant = raw.partition("-")
    if not year_text.isdigit():
        raise ValueError(f"'{text}' ไม่ใช่ปีงบประมาณ (เช่น 2569 หรือ 2569-ovec)")
    key = (int(year_text), variant or None)
    if not lib.has(*key):
        known = ", ".join(Framework.key_id(y, v).removeprefix("ita-") for y, v in lib.keys)
        raise ValueError(f"ไม่มีกรอบการประเมิน '{text}' ในระบบ (ที่มี: {known})")
    return key


def changes_text(lib: Library, old: Key, new: Key, changes: list[Change]) -> str:
    a, b = lib.get(*old), lib.get(*new)
    lines = [f"รายการ OIT ที่เปลี่ยนจากกรอบ{a.label} เป็นกรอบ{b.label}"]
    if b.notice:
        lines.append(f"หมายเหตุ: {b.notice}")
    if not changes:
        lines.append("ไม่พบข้อที่เปลี่ยน")
    for kind, heading in KIND_TH.items():
        group = [c for c in changes if c.kind == kind]
        if not group:
            continue
        lines.append(f"{heading} {len(group)} ข้อ")
        for c in group:
            lines.append("  " + _line(c))
    return "\n".join(lines)


def _line(c: Change) -> str:
    if c.kind == "added":
        return f"{c.new_code} {c.new_name}"
    if c.kind == "removed":
        return f"{c.old_code} {c.old_name}"
    if c.kind == "unknown":
        return f"{c.old_code or c.new_code}"
    if c.kind == "renamed":
        return f"{c.old_code} \"{c.old_name}\" → \"{c.new_name}\""
    if c.kind == "merged":
        return f"{c.old_code} {c.old_name or ''} → รวมอยู่ใน {c.new_code} {c.new_name or ''}".replace("  ", " ").strip()
    if c.kind == "renumbered":
        return f"{c.old_code} → {c.new_code} {c.new_name or c.old_name or ''}".rstrip()
    return f"{c.old_code} \"{c.old_name}\" → {c.new_code} \"{c.new_name}\""
