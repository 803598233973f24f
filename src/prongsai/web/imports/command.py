"""`prongsai import FILE [--json]`: a table of many agencies' results into the workspace of
PRONGSAI_HOME (or DATABASE_URL), set up as `prongsai serve` sets it up (design §5.6).

Exit 0 when every row was imported (or was already there), 1 when some rows were refused (the
others are imported, and the report lists the refused ones by row number), 2 when the file as a
whole cannot be imported or the database cannot be opened (one Thai line on stderr, nothing
written). The file is read and checked before the database is opened."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from prongsai.errors import InputError
from prongsai.web.workspace_database import WHERE, check_migrated, open_database

EXIT_ALL, EXIT_SOME_REFUSED = 0, 1


def import_command(file: str, as_json: bool = False) -> int:
    from prongsai.results_table import read_table

    started = time.monotonic()
    table = read_table(Path(file))  # file-level problems: InputError, exit 2, nothing opened
    read_seconds = time.monotonic() - started
    db = open_database()
    from django.db import DatabaseError

    from prongsai.web.imports.services import run

    try:
        check_migrated(db, then="แล้วนำเข้าใหม่")
        outcome = run(table, None, Path(file).name, apply=True)
    except DatabaseError as exc:
        raise InputError(f"บันทึกลงฐานข้อมูลไม่ได้ ({type(exc).__name__}) จึงยังไม่ได้บันทึกข้อมูลใดจากไฟล์นี้",
                         file=file, expected=f"{WHERE} แล้วนำเข้าใหม่") from None
    seconds = time.monotonic() - started
    if as_json:
        json.dump(outcome.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        done = "นำเข้าแล้ว" if outcome.writes else "ไม่มีข้อมูลเปลี่ยนแปลง (ข้อมูลในไฟล์ตรงกับข้อมูลในระบบ)"
        print(f"{file}: {done} — {outcome.summary()} (อ่านไฟล์ {read_seconds:.1f} วินาที รวม {seconds:.1f} วินาที)")
        for refusal in outcome.refused:
            print(f"  แถว {refusal.row}: {refusal.message}")
    return EXIT_SOME_REFUSED if outcome.refused else EXIT_ALL
