"""Time and peak memory of `prongsai oit check` for the 43 OIT items of FY2567 with two addresses
each (a Thai page and a document it links to), against a local website: the figure of issue 11
(target <= 10 s on this 2-core machine). The documents are PDFs made by LibreOffice, DOCX and
XLSX files, built before the clock starts. Figures only; nothing is asserted.

    .venv/bin/python benchmarks/oit_check.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.oit_check.documents import docx_bytes, pdfs_from_docx, xlsx_bytes  # noqa: E402
from tests.oit_check.site import Site, html  # noqa: E402

YEAR = 2567


def build_site() -> tuple[dict, dict]:
    from prongsai.ita.library import get_framework

    items = get_framework(YEAR).items_of("OIT")
    pdfs = pdfs_from_docx({i.code: [f"{i.name} ประจำปีงบประมาณ พ.ศ. {YEAR}", *(i.components or ())]
                           for i in items[::3]})
    routes, links = {}, {}
    for n, item in enumerate(items):
        page = f"/oit/{item.code}"
        if item.code in pdfs:
            document, body, ctype = f"/files/{item.code}.pdf", pdfs[item.code], "application/pdf"
        elif n % 3 == 1:
            document, ctype = f"/files/{item.code}.docx", "application/vnd.openxmlformats-officedocument." \
                                                          "wordprocessingml.document"
            body = docx_bytes(f"{item.name} ปีงบประมาณ {YEAR}", *(item.components or ()))
        else:
            document, ctype = f"/files/{item.code}.xlsx", "application/vnd.openxmlformats-officedocument." \
                                                          "spreadsheetml.sheet"
            body = xlsx_bytes([[item.name, f"ปีงบประมาณ {YEAR}"], *([c] for c in item.components or ())])
        routes[page] = html(f"<h1>{item.name}</h1><p>ข้อมูลของปีงบประมาณ พ.ศ. {YEAR} "
                            f"{' '.join(item.components or ())}</p><a href='{document}'>เอกสารประกอบ</a>")
        routes[document] = (200, {"Content-Type": ctype}, body)
        links[item.code] = [page, document]
    return routes, links


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    routes, links = build_site()
    with Site(routes) as site, tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "links.json"
        path.write_text(json.dumps({"fiscal_year": YEAR, "items": {
            code: [site.url + u for u in urls] for code, urls in links.items()}}, ensure_ascii=False),
            encoding="utf-8")
        env = {**os.environ, "PRONGSAI_OIT_ALLOW_PRIVATE": "1"}
        times, peaks = [], []
        for _ in range(args.runs):
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", "from prongsai.cli import main; main()", "oit", "check",
                                   str(path), "--json"], env=env, cwd=ROOT, capture_output=True, text=True)
            times.append(time.perf_counter() - started)
            if done.returncode != 0:
                raise SystemExit(done.stderr)
            peaks.append(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
        summary = json.loads(done.stdout)["summary"]
    print(f"FY{YEAR}: {len(links)} items × 2 addresses, {len(site.hits) // args.runs} requests per run")
    print(f"seconds per check: median {statistics.median(times):.2f}   min {min(times):.2f}   max {max(times):.2f}")
    print(f"peak memory of the check process: {max(peaks):.0f} MB")
    print(f"statuses: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
