"""Prints the median in-process time to analyse 8,000 agencies' results, and the median
start-up time of `prongsai analyze` on one file. Figures only; nothing is asserted."""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from prongsai.ita.analysis import analyse
from prongsai.ita.library import get_framework
from prongsai.results_io import parse_results

AGENCIES = 8000
ROUNDS = 5
ROOT = Path(__file__).resolve().parents[1]


def make_inputs(rng: random.Random) -> list[dict]:
    rows = []
    for n in range(AGENCIES):
        year = rng.choice([2564, 2565, 2566, 2567])
        rows.append({
            "agency": f"องค์การบริหารส่วนตำบลทดสอบ {n}",
            "fiscal_year": year,
            "indicators": {i: round(rng.uniform(40, 100), 2) for i in range(1, 11)},
            "items": {"O12": {"score": 0, "reason": "ขาดองค์ประกอบ"}} if n % 3 == 0 else {},
        })
    return rows


def main() -> None:
    rng = random.Random(2567)
    inputs = make_inputs(rng)
    for year in (2564, 2565, 2566, 2567):
        get_framework(year)  # loading the library is start-up, not per-agency work
    parse_times, analyse_times = [], []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        parsed = [parse_results(d) for d in inputs]
        t1 = time.perf_counter()
        for r in parsed:
            analyse(r, get_framework)
        t2 = time.perf_counter()
        parse_times.append(t1 - t0)
        analyse_times.append(t2 - t1)
    total = [p + a for p, a in zip(parse_times, analyse_times, strict=True)]
    print(f"{AGENCIES} agencies, median of {ROUNDS} rounds:")
    print(f"  parse + validate: {statistics.median(parse_times):.3f} s")
    print(f"  analyse:          {statistics.median(analyse_times):.3f} s")
    print(f"  both:             {statistics.median(total):.3f} s "
          f"({statistics.median(total) / AGENCIES * 1e6:.0f} µs per agency)")

    starts = []
    for _ in range(7):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "prongsai.cli", "analyze", str(ROOT / "examples/ladya-2564.yaml")],
                       check=True, capture_output=True)
        starts.append(time.perf_counter() - t0)
    print(f"`prongsai analyze` on one file, whole process: median {statistics.median(starts):.3f} s of 7 runs")


if __name__ == "__main__":
    main()
