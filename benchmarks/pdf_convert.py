"""DOCX -> PDF through LibreOffice: one process per document vs one process for a batch.

Prints median seconds:
- single: ``convert_docx_to_pdf`` (one soffice start-up per document), `--runs` runs;
- batch:  ``convert_many`` with `--batch` documents in one soffice process, per document;
- raw:    a bare ``soffice --convert-to pdf`` on the same DOCX (no font check, no staging);
- chart:  one indicator chart PNG (10 bars), for reference.

Usage: .venv/bin/python benchmarks/pdf_convert.py [--runs 5] [--batch 50]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH

from prongsai.documents import charts, docx_thai, pdf

PARAGRAPH = (
    "องค์การบริหารส่วนตำบลได้ดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
    "โดยเปิดเผยข้อมูลสาธารณะผ่านเว็บไซต์ของหน่วยงานอย่างครบถ้วนและเป็นปัจจุบัน ทั้งนี้ "
    "ผู้รับผิดชอบตัวชี้วัดการป้องกันการทุจริตได้ติดตามผลการดำเนินงานทุกไตรมาส และรายงานต่อผู้บริหาร "
    "เพื่อปรับปรุงการปฏิบัติหน้าที่ การใช้งบประมาณ การใช้อำนาจ และการใช้ทรัพย์สินของราชการ"
)


def build_document(path: Path) -> Path:
    """About 3 A4 pages: heading, paragraphs, an 11 x 6 table, a page break, a signature block."""
    doc = docx_thai.new_document()
    doc.add_heading("รายงานผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ", level=1)
    for _ in range(3):
        docx_thai.thai_distribute(docx_thai.add_paragraph(doc, PARAGRAPH))
    docx_thai.add_paragraph(doc, "ทดสอบสระและวรรณยุกต์: ตำบล น้ำ ทั้งนี้ ปฏิบัติ ญาติ ฐาน ปู่ ป้า ก่อน แม่")
    header = ["ลำดับ", "ตัวชี้วัด", "ผู้รับผิดชอบ", "ขั้นตอนการดำเนินการ", "ระยะเวลา", "คะแนน"]
    rows = [
        [str(i), f"ตัวชี้วัดที่ {i} การเปิดเผยข้อมูล", "สำนักปลัด กองคลัง", PARAGRAPH[:90], "ต.ค. ๖๖ – ก.ย. ๖๗", "87.65"]
        for i in range(1, 12)
    ]
    docx_thai.add_table(doc, header, rows, [1.4, 3.3, 2.6, 4.8, 2.2, 1.7])
    doc.add_page_break()
    docx_thai.thai_distribute(docx_thai.add_paragraph(doc, PARAGRAPH))
    for line in ("(ลงชื่อ) ....................................", "(นายสมชาย ใจดี)", "นายกองค์การบริหารส่วนตำบล"):
        docx_thai.add_paragraph(doc, line, align=WD_ALIGN_PARAGRAPH.CENTER)
    docx_thai.add_page_number_footer(doc.sections[0], prefix="หน้า ")
    doc.save(path)
    return path


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args(argv)

    soffice = pdf.find_soffice()
    with tempfile.TemporaryDirectory(prefix="prongsai-bench-") as work:
        work_dir = Path(work)
        source = build_document(work_dir / "doc.docx")
        pdf.convert_docx_to_pdf(source, work_dir / "warmup.pdf")  # fonts check, profile created
        pages = subprocess.run(["pdfinfo", str(work_dir / "warmup.pdf")], capture_output=True, text=True)
        page_count = next(
            (ln.split()[-1] for ln in pages.stdout.splitlines() if ln.startswith("Pages:")), "?"
        )

        single = [
            timed(lambda i=i: pdf.convert_docx_to_pdf(source, work_dir / f"s{i}.pdf"))
            for i in range(args.runs)
        ]

        batch_runs = []
        for run in range(max(1, args.runs // 2)):
            out = work_dir / f"batch{run}"
            out.mkdir()
            pairs = [(source, out / f"b{i}.pdf") for i in range(args.batch)]
            batch_runs.append(timed(lambda pairs=pairs: pdf.convert_many(pairs)) / args.batch)

        raw_out = work_dir / "raw"
        raw_out.mkdir()
        profile = (work_dir / "raw-profile").as_uri()
        raw_cmd = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(raw_out),
            str(source),
        ]
        subprocess.run(raw_cmd, capture_output=True, check=True)  # first start creates the profile
        raw = [
            timed(lambda: subprocess.run(raw_cmd, capture_output=True, check=True)) for _ in range(args.runs)
        ]

    rows = [(f"ตัวชี้วัดที่ {i} การดำเนินงานของหน่วยงาน", 70.0 + 3 * i) for i in range(1, 11)]
    charts.indicator_chart(rows)  # first call imports matplotlib and registers fonts
    chart = [timed(lambda: charts.indicator_chart(rows)) for _ in range(10)]

    print(f"document: {page_count} A4 pages; {args.runs} runs; batch of {args.batch}")
    print(
        f"single  convert_docx_to_pdf (one soffice per doc): {statistics.median(single):.3f} s/doc (median)"
    )
    print(
        f"batch   convert_many, {args.batch} docs in one soffice:   {statistics.median(batch_runs):.3f} s/doc (median)"
    )
    print(f"raw     soffice --convert-to pdf, one doc:           {statistics.median(raw):.3f} s/doc (median)")
    print(
        f"chart   indicator_chart PNG (10 bars):               {statistics.median(chart):.3f} s/chart (median)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
