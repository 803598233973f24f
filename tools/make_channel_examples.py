"""Rebuild docs/examples/complaint-*: the complaints guideline and the complaint statistics of the
demo agency องค์การบริหารส่วนตำบลลาดหญ้า, as DOCX/PDF/XLSX with a PNG of every PDF page to look at.

    .venv/bin/python tools/make_channel_examples.py
"""

from __future__ import annotations

import subprocess
import time
from datetime import date
from pathlib import Path

from prongsai.channels.categories import complaint_categories
from prongsai.channels.statistics import Case, statistics
from prongsai.documents.channel_statistics import statistics_xlsx, write_statistics
from prongsai.documents.complaint_guideline import Guideline, write_guideline

OUT = Path(__file__).resolve().parents[1] / "docs" / "examples"
AGENCY = "องค์การบริหารส่วนตำบลลาดหญ้า"
GUIDE = Guideline(
    agency_name=AGENCY, agency_type="อบต.", province="กาญจนบุรี", district="เมืองกาญจนบุรี",
    handling_unit="สำนักปลัด", head_title="",
    channels=[("เว็บไซต์ของหน่วยงาน (ไม่ต้องระบุชื่อ)", "https://www.ladya.go.th/p/12/complaint/"),
              ("โทรศัพท์", "0 3451 2345 ในวันและเวลาราชการ"),
              ("ไปรษณีย์", "สำนักปลัด องค์การบริหารส่วนตำบลลาดหญ้า 99 หมู่ 1 ตำบลลาดหญ้า อำเภอเมืองกาญจนบุรี "
                           "จังหวัดกาญจนบุรี 71190"),
              ("ยื่นด้วยตนเอง", "สำนักปลัด ที่ทำการองค์การบริหารส่วนตำบลลาดหญ้า ในวันและเวลาราชการ"),
              ("อีเมล", "saraban@ladya.go.th")],
    acknowledge_days=5, answer_days=30, forward_to=[], issued_on=date(2024, 10, 15), fiscal_year=2568)
CASES = [Case(date(2024, 10, 3), date(2024, 10, 20), "procurement"),
         Case(date(2024, 10, 15), date(2024, 11, 2), "procurement"), Case(date(2024, 11, 8), date(2024, 12, 1), "neglect"),
         Case(date(2024, 12, 2), None, "procurement"), Case(date(2025, 1, 9), date(2025, 2, 1), "neglect"),
         Case(date(2025, 1, 20), date(2025, 2, 10), "neglect"), Case(date(2025, 2, 14), None, "procurement"),
         Case(date(2025, 3, 3), None, "bribery"), Case(date(2025, 3, 18), None, "other"),
         Case(date(2025, 3, 25), date(2025, 3, 28), "neglect")]


def main() -> None:
    stats = statistics(CASES, 2568, date(2025, 3, 31), complaint_categories())
    write_guideline("docx", OUT / "complaint-guideline-ladya-2568.docx", GUIDE)
    for name, make in (("complaint-guideline-ladya-2568", lambda p: write_guideline("pdf", p, GUIDE)),
                       ("complaint-statistics-ladya-2568",
                        lambda p: write_statistics("pdf", p, stats, agency_name=AGENCY))):
        for old in OUT.glob(f"{name}-*.png"):
            old.unlink()
        started = time.monotonic()
        make(OUT / f"{name}.pdf")
        print(f"{name}.pdf {time.monotonic() - started:.2f} s")
        subprocess.run(["pdftoppm", "-r", "70", "-png", str(OUT / f"{name}.pdf"), str(OUT / name)], check=True)
    (OUT / "complaint-statistics-ladya-2568.xlsx").write_bytes(statistics_xlsx(stats, agency_name=AGENCY))


if __name__ == "__main__":
    main()
