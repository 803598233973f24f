"""Writes examples/tables/kanchanaburi-demo.csv: a province's results table for the demo's
supervisor overview and for trying `prongsai import` — 40 made-up agencies ("…ตัวอย่าง 01"),
not real ones, in real districts of กาญจนบุรี, with results of fiscal years 2567–2569 and a few
OIT items failed in each year. The same seed gives the same file.

    .venv/bin/python tools/make_demo_province.py
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "examples" / "tables" / "kanchanaburi-demo.csv"
YEARS = (2567, 2568, 2569)
DISTRICTS = ("เมืองกาญจนบุรี", "ท่าม่วง", "ท่ามะกา", "พนมทวน", "ไทรโยค", "บ่อพลอย", "ศรีสวัสดิ์", "เลาขวัญ")
# Where agencies are usually weaker (the OIT indicators 9 and 10, budget use 2) and stronger (duty 1).
LEAN = {1: 6.0, 2: -3.0, 3: 2.0, 4: 0.0, 5: 1.0, 6: 0.0, 7: -1.0, 8: 1.0, 9: -6.0, 10: -8.0}
FAILED_ITEMS = {2567: ("O12", "O14", "O21", "O33", "O36", "O42", "O43"),
                2568: ("O9", "O12", "O17", "O22", "O25"),
                2569: ("O9", "O12", "O17", "O22", "O25")}


def rows(seed: int = 2569) -> list[dict[str, object]]:
    rng = random.Random(seed)
    out = []
    for n in range(1, 41):
        municipality = n % 5 == 0
        name = f"{'เทศบาลตำบล' if municipality else 'องค์การบริหารส่วนตำบล'}ตัวอย่าง {n:02d}"
        base = rng.gauss(84, 7)
        for year in YEARS:
            row: dict[str, object] = {
                "ชื่อหน่วยงาน": name, "ประเภทหน่วยงาน": "เทศบาลตำบล" if municipality else "อบต.",
                "จังหวัด": "กาญจนบุรี", "อำเภอ": DISTRICTS[n % len(DISTRICTS)], "ปีงบประมาณ": year}
            for no, lean in LEAN.items():
                value = rng.gauss(base + lean + (year - YEARS[0]) * 1.8, 5)
                row[f"ตัวชี้วัดที่ {no}"] = f"{min(100.0, max(35.0, value)):.2f}"
            for code in rng.sample(FAILED_ITEMS[year], k=rng.randint(0, 3)):
                row[code] = "0"
            out.append(row)
    return out


def main() -> int:
    table = rows()
    plain = list(table[0])  # every row has the agency, year and indicator columns; items vary
    items = sorted({key for row in table for key in row} - set(plain), key=lambda code: int(code[1:]))
    header = plain + items
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(table)
    print(f"{OUT.relative_to(ROOT)}: {len(table)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
