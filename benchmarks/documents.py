"""Whole-process document times: `prongsai report --format pdf` next to LibreOffice's own
`soffice --convert-to pdf` of the same DOCX, and `prongsai report --kind plan --format docx`.

Every figure is a whole process started with subprocess (interpreter start, imports, reading
the results, analysis, drafting, building, converting), the way a user runs it:

- pdf:     ``prongsai report FILE --kind K --format pdf -o OUT.pdf``
- soffice: ``soffice -env:UserInstallation=… --headless --norestore --convert-to pdf`` of the DOCX
           that ``prongsai report FILE --kind K --format docx`` writes for the same input (the
           document the pdf run converts).
- docx:    ``prongsai report examples/ladya-2564.yaml --kind plan --format docx``

Profiles: WARM for both. prongsai uses its pooled LibreOffice profile and soffice one profile
of its own; each is created by a warm-up run that is not counted. The pdf and soffice runs
alternate, and each pair gives a ratio pdf / soffice; the medians of the runs are printed.

Inputs: seed 003's analysis (examples/khongyang-2565.yaml), seed 004's plan
(examples/ladya-2564.yaml). The script only prints figures.

Usage: .venv/bin/python benchmarks/documents.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from prongsai.documents import pdf

ROOT = Path(__file__).resolve().parents[1]
CASES = [  # label, input, kind
    ("analysis (seed 003)", "examples/khongyang-2565.yaml", "analysis"),
    ("plan (seed 004)", "examples/ladya-2564.yaml", "plan"),
]
DOCX_CASE = ("plan (seed 004)", "examples/ladya-2564.yaml", "plan")


def prongsai_command() -> list[str]:
    script = Path(sys.executable).with_name("prongsai")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "prongsai.cli"]


def run(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, capture_output=True, check=True)
    return time.perf_counter() - start


def report_cmd(source: str, kind: str, fmt: str, out: Path) -> list[str]:
    return [*prongsai_command(), "report", str(ROOT / source), "--kind", kind, "--format", fmt, "-o", str(out)]


def pages(path: Path) -> str:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return next((ln.split()[-1] for ln in out.splitlines() if ln.startswith("Pages:")), "?")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="measured runs per figure (default 5)")
    args = parser.parse_args(argv)
    runs = max(1, args.runs)

    soffice = pdf.find_soffice()
    lines: list[str] = []
    ratios_all: list[float] = []
    with tempfile.TemporaryDirectory(prefix="prongsai-bench-docs-") as work:
        work_dir = Path(work)
        raw_out = work_dir / "raw"
        raw_out.mkdir()
        raw_cmd = [soffice, f"-env:UserInstallation={(work_dir / 'soffice-profile').as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(raw_out)]

        for label, source, kind in CASES:
            docx = work_dir / f"{kind}.docx"
            out_pdf = work_dir / f"{kind}.pdf"
            run(report_cmd(source, kind, "docx", docx), ROOT)  # the DOCX the pdf run converts
            run(report_cmd(source, kind, "pdf", out_pdf), ROOT)  # warm-up: pooled profile, disk cache
            run([*raw_cmd, str(docx)], work_dir)  # warm-up: creates soffice's profile
            whole, bare = [], []
            for _ in range(runs):
                whole.append(run(report_cmd(source, kind, "pdf", out_pdf), ROOT))
                bare.append(run([*raw_cmd, str(docx)], work_dir))
            ratios = [w / b for w, b in zip(whole, bare, strict=True)]
            ratios_all += ratios
            lines.append(f"{label}, {pages(out_pdf)} pages")
            lines.append(f"  prongsai report --format pdf   median {statistics.median(whole):.3f} s   "
                         f"runs {' '.join(f'{t:.2f}' for t in whole)}")
            lines.append(f"  soffice --convert-to pdf       median {statistics.median(bare):.3f} s   "
                         f"runs {' '.join(f'{t:.2f}' for t in bare)}")
            lines.append(f"  ratio pdf / soffice            median {statistics.median(ratios):.2f}     "
                         f"pairs {' '.join(f'{r:.2f}' for r in ratios)}")

        label, source, kind = DOCX_CASE
        docx = work_dir / "docx-bench.docx"
        run(report_cmd(source, kind, "docx", docx), ROOT)  # warm-up
        times = [run(report_cmd(source, kind, "docx", docx), ROOT) for _ in range(runs)]
        lines.append(f"{label}")
        lines.append(f"  prongsai report --format docx  median {statistics.median(times):.3f} s   "
                     f"runs {' '.join(f'{t:.2f}' for t in times)}")

    print(f"whole processes, median of {runs} runs; LibreOffice profiles warm for both "
          f"(cpus: {os.cpu_count()})")
    for line in lines:
        print(line)
    print(f"median ratio pdf / soffice over all pairs: {statistics.median(ratios_all):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
