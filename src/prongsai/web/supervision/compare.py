"""Comparing agencies side by side, or one agency across its years. Plain Python, no Django:
the view reads the figures, these functions mark the best and the worst of each row and the
change from one year to the next."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MAX_AGENCIES = 6


class CompareProblem(ValueError):
    """A Thai message for the page: what was wrong with the choice and what to do."""


def parse_ids(values: Sequence[str]) -> list[int]:
    """The chosen agencies' ids in the order given, without repeats; CompareProblem (Thai) for a
    value that is not a number or for more than MAX_AGENCIES."""
    ids: list[int] = []
    for raw in values:
        text = str(raw).strip()
        if not text:
            continue
        if not text.isascii() or not text.isdigit() or len(text) > 12:
            raise CompareProblem(f"รหัสหน่วยงาน '{text[:20]}' ไม่ถูกต้อง ต้องเป็นตัวเลข (เลือกหน่วยงานจากตารางในหน้าภาพรวม)")
        if int(text) not in ids:
            ids.append(int(text))
    if len(ids) > MAX_AGENCIES:
        raise CompareProblem(f"เลือกหน่วยงานได้ไม่เกิน {MAX_AGENCIES} แห่งต่อครั้ง (เลือกมา {len(ids)} แห่ง)")
    return ids


def parse_year(raw: str | None, years: Sequence[int]) -> int | None:
    """The year asked for, if it is one of `years`; None when none is asked; CompareProblem else."""
    if raw is None or str(raw).strip() == "":
        return None
    text = str(raw).strip()
    if not text.isascii() or not text.isdigit() or int(text) not in years:
        shown = ", ".join(str(y) for y in years) or "ไม่มี"
        raise CompareProblem(f"ไม่มีผลการประเมินปี '{text[:10]}' ของหน่วยงานที่เลือก (ปีที่มี: {shown})")
    return int(text)


@dataclass(frozen=True)
class Cell:
    value: float | None
    mark: str = ""  # "best", "worst" or ""
    change: float | None = None  # from the previous column (years)


def mark_extremes(values: Sequence[float | None], higher_is_better: bool = True) -> list[Cell]:
    """Cells with the best and the worst of the known values marked (ties: every one of them);
    nothing marked when fewer than two values are known or all are equal."""
    known = [v for v in values if v is not None]
    if len(known) < 2 or max(known) == min(known):
        return [Cell(v) for v in values]
    best, worst = (max(known), min(known)) if higher_is_better else (min(known), max(known))
    return [Cell(v, "best" if v == best else "worst" if v == worst else "") if v is not None else Cell(None)
            for v in values]


def with_changes(values: Sequence[float | None]) -> list[Cell]:
    """Cells with the change from the previous known value (rounded to 2 decimals)."""
    cells, previous = [], None
    for v in values:
        change = round(v - previous, 2) if v is not None and previous is not None else None
        cells.append(Cell(v, change=change))
        if v is not None:
            previous = v
    return cells
