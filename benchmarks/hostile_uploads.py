"""Prints, for the two hostile spreadsheets of the security probe (issue 9), the time
`read_results` takes to refuse each and the growth of peak resident memory meanwhile:

- bomb.xlsx: about 1 MB that unpacks to 1 GiB (one sheet of blank space);
- rows.xlsx: about 1 MB with 20,000 rows of agencies under misspelt indicator names.

Each is read in a fresh process. With `--before REV` the same is measured for results_io.py as
it was at that git revision (loaded over today's other modules), e.g. `--before HEAD` before a
commit. Figures only; nothing is asserted.

    .venv/bin/python benchmarks/hostile_uploads.py [--before REV]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GIB = 1024 ** 3
TIMEOUT = 600
MISSPELT = ["การปฏิบัติหน้าที", "การใช้ งบประมาณ", "การใช้อำนาจ", "การใช้ทรัพย์สินของทางราชการ", "การแก้ไขปัญหาการทุจรติ",
            "คุณภาพการดำเนินงาน", "ประสิทธิภาพการสื่อสาร", "การปรับปรุงระบบการทำงาน", "การเปิดเผยข้อมูล",
            "การป้องกันการทุจรติ"]


def build_bomb(path: Path) -> None:
    """A workbook from openpyxl whose sheet is rewritten as a header row and then 1 GiB of
    blank space, packed as tightly as deflate packs (about 1,000 to 1). Like the probe's, the
    sheet states no <dimension>, which made openpyxl read it through twice."""
    from io import BytesIO

    from openpyxl import Workbook

    buffer = BytesIO()
    book = Workbook()
    book.active.append(["agency", "fiscal_year", "1"])
    book.save(buffer)
    source = zipfile.ZipFile(buffer)
    blank = b" " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info.filename, data)
                continue
            head = data[:data.index(b"<worksheet")] + data[data.index(b"<worksheet"):data.index(b">", data.index(
                b"<worksheet")) + 1] + b"<sheetData>" + data[data.index(b"<row"):data.index(b"</row>") + 6]
            tail = data[data.index(b"</sheetData>") + len(b"</sheetData>"):]
            with out.open(info.filename, "w") as member:
                member.write(head)
                for _ in range(GIB // len(blank) - 1):
                    member.write(blank)
                member.write(b"</sheetData>" + tail)


def build_rows(path: Path) -> None:
    """20,000 agencies, one row each, under misspelt indicator names (each a fuzzy match)."""
    from openpyxl import Workbook

    rng = random.Random(2567)
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["หน่วยงาน", "ปีงบประมาณ", *MISSPELT])
    for n in range(20_000):
        sheet.append([f"อบต.ทดสอบ{n}", 2567, *[rng.randint(40, 100) for _ in MISSPELT]])
    book.save(path)


def _status(key: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key):
            return int(line.split()[1]) * 1024
    raise KeyError(key)


def child(module: str, path: str) -> None:
    """Read one file with today's results_io or with an older copy; print one JSON line."""
    if module == "current":
        from prongsai import results_io as reader
    else:
        spec = importlib.util.spec_from_file_location("results_io_before", module)
        reader = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(reader)
    from prongsai.errors import InputError
    from prongsai.ita.library import get_framework

    get_framework(2567)  # the library's start-up, not the file's cost
    import openpyxl  # noqa: F401 - likewise its import

    Path("/proc/self/clear_refs").write_text("5")  # start the peak-memory count here
    base = _status("VmRSS")
    started = time.perf_counter()
    try:
        reader.read_results(path)
        outcome = "accepted"
    except InputError as exc:
        outcome = exc.message
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "peak_mb": (_status("VmHWM") - base) / 2**20,
                      "kept_mb": (_status("VmRSS") - base) / 2**20, "outcome": outcome}, ensure_ascii=False))


def measure(module: str, path: Path) -> dict:
    try:
        done = subprocess.run([sys.executable, __file__, "--child", module, str(path)], capture_output=True,
                              text=True, cwd=ROOT, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return {"seconds": float(TIMEOUT), "peak_mb": float("nan"), "kept_mb": float("nan"),
                "outcome": f"still reading after {TIMEOUT} s"}
    if done.returncode != 0:
        return {"seconds": float("nan"), "peak_mb": float("nan"), "kept_mb": float("nan"),
                "outcome": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", metavar="REV", help="also measure results_io.py as at this git revision")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory(prefix="prongsai-hostile-") as tmp:
        folder = Path(tmp)
        files = {"bomb.xlsx": build_bomb, "rows.xlsx": build_rows}
        for name, build in files.items():
            build(folder / name)
        versions = [("now", "current")]
        if args.before:
            old = folder / "results_io_before.py"
            old.write_text(subprocess.run(["git", "show", f"{args.before}:src/prongsai/results_io.py"], cwd=ROOT,
                                          check=True, capture_output=True, text=True).stdout, encoding="utf-8")
            versions.insert(0, (args.before, str(old)))
        print(f"{'file':<10} {'size':>8} {'version':<8} {'seconds':>8} {'peak MB':>8} {'kept MB':>8}  outcome")
        for name in files:
            path = folder / name
            for label, module in versions:
                m = measure(module, path)
                print(f"{name:<10} {path.stat().st_size / 2**20:>6.2f}MB {label:<8} {m['seconds']:>8.2f} "
                      f"{m['peak_mb']:>8.0f} {m['kept_mb']:>8.0f}  {m['outcome'][:90]}")


if __name__ == "__main__":
    main()
