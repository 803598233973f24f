"""The official documents: seconds per document for DOCX, PDF one at a time and PDF in a batch,
next to LibreOffice's own conversion time for the same DOCX.

Prints medians over `--runs` runs:
- docx:       build_report (context, charts, docxtpl render) for each kind;
- pdf single: write_report(..., "pdf") — build + one soffice start-up per document;
- pdf batch:  write_reports with `--batch` PDFs in ONE soffice process, per document;
- soffice:    bare ``soffice --convert-to pdf`` of the same DOCX, one process per document, and
              one process for `--batch` copies (per document) — LibreOffice's own time.

Inputs: seed 003's analysis (examples/khongyang-2565.yaml), seed 004's plan and a 6-month
implementation report (examples/ladya-2564.yaml).

Usage: .venv/bin/python benchmarks/documents.py [--runs 5] [--batch 50]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from prongsai.documents import pdf
from prongsai.documents.reports import ReportJob, build_report, write_report, write_reports
from prongsai.ita.analysis import analyse
from prongsai.ita.library import get_framework
from prongsai.planning.draft import draft_plan
from prongsai.results_io import read_results

ROOT = Path(__file__).resolve().parents[1]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def pages(path: Path) -> str:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return next((ln.split()[-1] for ln in out.splitlines() if ln.startswith("Pages:")), "?")


def inputs():
    def load(name):
        results = read_results(ROOT / "examples" / name)
        analysis = analyse(results, get_framework)
        return results, analysis, draft_plan(results, analysis)

    khongyang = load("khongyang-2565.yaml")
    ladya = load("ladya-2564.yaml")
    return {
        "analysis (seed 003)": ("analysis", *khongyang, "year-end"),
        "plan (seed 004)": ("plan", *ladya, "year-end"),
        "implementation (seed 004, 6 months)": ("implementation", *ladya, "6-month"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args(argv)

    docs = inputs()
    soffice = pdf.find_soffice()
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="prongsai-bench-docs-") as work:
        work_dir = Path(work)
        for label, (kind, results, analysis, plan, period) in docs.items():
            def build(kind=kind, results=results, analysis=analysis, plan=plan, period=period):
                return build_report(kind, results, analysis=analysis, plan=plan, period=period)

            build()  # first call: imports, fonts, matplotlib, Thai word list
            docx = [timed(build) for _ in range(args.runs)]
            rows.append((f"docx  {label}", f"{statistics.median(docx):.3f} s/doc"))

        kind, results, analysis, plan, period = docs["plan (seed 004)"]
        source = work_dir / "plan.docx"
        source.write_bytes(build_report(kind, results, analysis=analysis, plan=plan))
        first = write_report(kind, "pdf", work_dir / "warmup.pdf", results=results, analysis=analysis, plan=plan)
        single = [
            timed(lambda i=i: write_report(kind, "pdf", work_dir / f"s{i}.pdf", results=results, analysis=analysis,
                                           plan=plan))
            for i in range(args.runs)
        ]
        batches = []
        for run in range(max(1, args.runs // 2)):
            out = work_dir / f"batch{run}"
            out.mkdir()
            jobs = [ReportJob(kind, "pdf", out / f"p{i}.pdf", results, analysis, plan) for i in range(args.batch)]
            batches.append(timed(lambda jobs=jobs: write_reports(jobs)) / args.batch)

        raw_out = work_dir / "raw"
        raw_out.mkdir()
        profile = (work_dir / "raw-profile").as_uri()
        raw_cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
                   "--outdir", str(raw_out)]
        subprocess.run([*raw_cmd, str(source)], capture_output=True, check=True)  # creates the profile
        raw_single = [timed(lambda: subprocess.run([*raw_cmd, str(source)], capture_output=True, check=True))
                      for _ in range(args.runs)]
        copies = work_dir / "copies"
        copies.mkdir()
        for i in range(args.batch):
            shutil.copyfile(source, copies / f"c{i}.docx")
        raw_batch = [
            timed(lambda: subprocess.run([*raw_cmd, *map(str, sorted(copies.iterdir()))], capture_output=True,
                                         check=True)) / args.batch
            for _ in range(max(1, args.runs // 2))
        ]
        plan_pages = pages(first)

    rows += [
        (f"pdf   plan, one at a time ({plan_pages} pages)", f"{statistics.median(single):.3f} s/doc"),
        (f"pdf   plan, batch of {args.batch} in one soffice", f"{statistics.median(batches):.3f} s/doc"),
        ("soffice --convert-to pdf, same DOCX, one process", f"{statistics.median(raw_single):.3f} s/doc"),
        (f"soffice --convert-to pdf, same DOCX, {args.batch} in one process",
         f"{statistics.median(raw_batch):.3f} s/doc"),
    ]
    print(f"median of {args.runs} runs (batches: {max(1, args.runs // 2)} runs)")
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
