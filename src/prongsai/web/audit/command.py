"""`prongsai audit verify`: the audit log's hash chain on the configured database
(PRONGSAI_HOME or DATABASE_URL, set up as `prongsai serve` sets it up). Exit 0 when intact,
1 naming the first broken entry, 2 when the database cannot be opened. Reads only: it never
migrates or creates a database."""

from __future__ import annotations

import json
import sys

from prongsai.errors import InputError
from prongsai.web.workspace_database import WHERE, check_migrated, open_database, shown

EXIT_INTACT, EXIT_BROKEN = 0, 1


def verify_command(as_json: bool = False) -> int:
    db = open_database()
    from django.db import DatabaseError

    try:
        check_migrated(db, "audit", then="แล้วตรวจใหม่")
        from prongsai.web.audit.verify import verify_log

        report = verify_log()
    except DatabaseError:
        raise InputError(f"เปิดฐานข้อมูล {shown(db)} ไม่ได้ (ไฟล์อาจเสียหาย หรือเชื่อมต่อเครื่องฐานข้อมูลไม่ได้)",
                         expected=f"{WHERE} หรือกู้คืนจากสำเนาด้วย prongsai restore") from None
    if as_json:
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(report.message())
    return EXIT_INTACT if report.intact else EXIT_BROKEN
