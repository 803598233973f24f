"""`prongsai template`: an XLSX form with one fiscal year's indicators and items, in the form
layout that `results_io` reads back."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from prongsai.ita.model import INSTRUMENTS, Framework, unknown_note
from prongsai.results_io import FIELD_LABELS

HEADER = ("รหัส", "รายการ", "คะแนน/ค่า", "เหตุผล")


def write_template(framework: Framework, path: str | Path, values: Mapping[str, object] | None = None) -> Path:
    """`values` fills the plain fields (agency, agency_type, province, …); blank ones stay empty
    for the user. The fiscal year is always the framework's."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    path = Path(path)
    book = Workbook()
    sheet = book.active
    sheet.title = f"ITA {framework.fiscal_year}"
    sheet.append(HEADER)
    section_fill = PatternFill("solid", fgColor="DDEBF7")
    bold = Font(bold=True)

    def section(title: str) -> None:
        sheet.append(("", title, "", ""))
        for cell in sheet[sheet.max_row]:
            cell.fill = section_fill
            cell.font = bold

    section("ข้อมูลหน่วยงาน")
    given = dict(values or {})
    for key, label in FIELD_LABELS.items():
        value = framework.fiscal_year if key == "fiscal_year" else given.get(key) or None
        sheet.append((key, label, value, ""))
    section("คะแนนรายตัวชี้วัด (ใส่เฉพาะที่มี)")
    for ind in framework.indicators:
        sheet.append((ind.no, f"ตัวชี้วัดที่ {ind.no} {ind.name} ({ind.instrument})", None, ""))
    section("คะแนนรายแบบวัด (ใช้เมื่อไม่มีคะแนนรายตัวชี้วัด)")
    for inst in framework.instruments:
        sheet.append((inst.code, inst.name, None, ""))
    for code in INSTRUMENTS:
        items = framework.items_of(code)
        if not items:
            continue
        section(f"คะแนนรายข้อ {code} (ถ้ามี)" + (" — ใส่ 100 = ผ่าน, 0 = ไม่ผ่าน พร้อมเหตุผล" if code == "OIT" else ""))
        note = unknown_note(items)
        if note:
            sheet.append(("", note, "", ""))  # a row without a code: not read back as a score
        for item in items:
            sheet.append((item.code, item.label, None, ""))
    first_score_row = 3 + len(FIELD_LABELS) + 1  # header, section title, the plain fields
    rule = DataValidation(type="decimal", operator="between", formula1="0", formula2="100",
                          error="คะแนนต้องเป็นตัวเลข 0–100", errorTitle="คะแนนไม่ถูกต้อง", showErrorMessage=True)
    sheet.add_data_validation(rule)
    rule.add(f"C{first_score_row}:C{sheet.max_row}")
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 70
    sheet.column_dimensions["C"].width = 14
    sheet.column_dimensions["D"].width = 45
    for row in sheet.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = bold
    sheet.freeze_panes = "C2"
    # Write beside the target and rename, so a failure never leaves half a file.
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        book.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
