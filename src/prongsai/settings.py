"""Core settings read from the environment, so the CLI and the web app share them.

PRONGSAI_PASS_MARK (85) and PRONGSAI_STRENGTH_MARK (95) are the analysis thresholds the
seeds use; PRONGSAI_THAI_DIGITS (1) switches Thai digits in documents;
PRONGSAI_FRAMEWORKS adds folders of framework files (see prongsai.ita.library).
"""

from __future__ import annotations

import os

from prongsai.errors import InputError
from prongsai.ita.analysis import Thresholds
from prongsai.thai import parse_number


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return parse_number(raw)
    except ValueError:
        raise InputError(f"ค่าตั้ง {name}='{raw}' ไม่ใช่ตัวเลข", expected="ตัวเลข 0–100") from None


def thresholds(pass_mark: float | None = None, strength_mark: float | None = None) -> Thresholds:
    pm = pass_mark if pass_mark is not None else _env_number("PRONGSAI_PASS_MARK", 85.0)
    sm = strength_mark if strength_mark is not None else _env_number("PRONGSAI_STRENGTH_MARK", 95.0)
    try:
        return Thresholds(pass_mark=pm, strength_mark=sm)
    except ValueError as exc:
        raise InputError(f"เกณฑ์ไม่ถูกต้อง: เกณฑ์ผ่าน {pm:g}, เกณฑ์จุดแข็ง {sm:g}", expected=str(exc)) from None


def thai_digits() -> bool:
    return os.environ.get("PRONGSAI_THAI_DIGITS", "1").strip().lower() not in ("0", "no", "false", "off")
