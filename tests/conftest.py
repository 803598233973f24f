from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture
def examples() -> Path:
    return EXAMPLES


def table_rows(data: dict[str, Any]) -> tuple[list[str], list[Any]]:
    """A results mapping flattened into the table layout (one header row, one data row)."""
    header: list[str] = []
    row: list[Any] = []
    for key, value in data.items():
        if key in ("indicators", "instruments"):
            for k, v in value.items():
                header.append(str(k))
                row.append(v)
        elif key == "items":
            for k, v in value.items():
                header.append(str(k))
                if isinstance(v, dict):
                    row.append(v.get("score"))
                    header.append(f"{k} เหตุผล")
                    row.append(v.get("reason"))
                else:
                    row.append(v)
        else:
            header.append(key)
            row.append(value)
    return header, row


def write_results(tmp_path: Path, fmt: str, data: dict[str, Any], name: str = "results") -> Path:
    """Write `data` as a results file in one of the four formats."""
    path = tmp_path / f"{name}.{fmt}"
    if fmt == "yaml":
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    elif fmt == "json":
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    elif fmt == "csv":
        header, row = table_rows(data)
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerow(row)
    elif fmt == "xlsx":
        from openpyxl import Workbook

        header, row = table_rows(data)
        book = Workbook()
        book.active.append(header)
        book.active.append(row)
        book.save(path)
    else:
        raise ValueError(fmt)
    return path


SEED_004 = {
    "agency": "องค์การบริหารส่วนตำบลลาดหญ้า",
    "agency_type": "อบต.",
    "fiscal_year": 2564,
    "indicators": {1: 93.57, 2: 84.05, 3: 89.76, 4: 84.87, 5: 87.64, 6: 80.93, 7: 84.60, 8: 81.00,
                   9: 84.06, 10: 37.50},
    "total": 75.36,
    "level": "B",
}
SEED_003 = {
    "agency": "องค์การบริหารส่วนตำบลไค้งยาง",
    "fiscal_year": 2565,
    "indicators": {1: 99.33, 2: 97.41, 3: 98.00, 4: 98.75, 5: 98.66, 6: 91.79, 7: 89.43, 8: 81.13,
                   9: 92.14, 10: 100.00},
    "total": 94.19,
    "level": "A",
}
