"""`prongsai audit verify`: the audit log's hash chain on the configured database
(PRONGSAI_HOME or DATABASE_URL, set up as `prongsai serve` sets it up). Exit 0 when intact,
1 naming the first broken entry, 2 when the database cannot be opened. Reads only: it never
migrates or creates a database."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from prongsai.errors import InputError

EXIT_INTACT, EXIT_BROKEN = 0, 1
WHERE = "ตั้ง PRONGSAI_HOME เป็นโฟลเดอร์ข้อมูลของโปร่งใส หรือ DATABASE_URL เป็นฐานข้อมูลที่ใช้งาน"


def _shown(db: dict[str, Any]) -> str:
    if "sqlite" in db["ENGINE"]:
        return str(db["NAME"])
    return f"{db.get('HOST') or 'localhost'}:{db.get('PORT') or ''}/{db['NAME']}"  # never the password


def _setup() -> dict[str, Any]:
    from prongsai.web import serve

    # Checked before Django starts: its settings would write a secret key into a missing folder,
    # opening a missing SQLite file would create an empty one, and `prongsai restore` refuses a
    # folder that is not empty.
    if not os.environ.get("DATABASE_URL") and not (serve._home() / "db.sqlite3").is_file():
        raise InputError(f"ไม่พบฐานข้อมูล {serve._home() / 'db.sqlite3'}", expected=WHERE)
    from django.core.exceptions import ImproperlyConfigured

    try:
        serve.setup_django()
    except (ValueError, ImproperlyConfigured):  # e.g. DATABASE_URL with an unknown scheme
        raise InputError("ตั้งค่าฐานข้อมูลไม่ถูกต้อง", where="DATABASE_URL",
                         expected="เช่น postgres://ผู้ใช้:รหัสผ่าน@เครื่อง:5432/prongsai") from None
    from django.conf import settings

    path = serve.sqlite_path()
    if path is not None and not path.is_file():
        raise InputError(f"ไม่พบฐานข้อมูล {path}", expected=WHERE)
    return settings.DATABASES["default"]


def _check_migrated(db: dict[str, Any]) -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes("audit")):
        raise InputError(f"ฐานข้อมูล {_shown(db)} ยังไม่ได้ปรับรุ่น หรือไม่ใช่ฐานข้อมูลของโปร่งใส",
                         expected="เปิด prongsai serve หนึ่งครั้งเพื่อปรับรุ่นฐานข้อมูล แล้วตรวจใหม่")


def verify_command(as_json: bool = False) -> int:
    db = _setup()
    from django.db import DatabaseError

    try:
        _check_migrated(db)
        from prongsai.web.audit.verify import verify_log

        report = verify_log()
    except DatabaseError:
        raise InputError(f"เปิดฐานข้อมูล {_shown(db)} ไม่ได้ (ไฟล์อาจเสียหาย หรือเชื่อมต่อเครื่องฐานข้อมูลไม่ได้)",
                         expected=f"{WHERE} หรือกู้คืนจากสำเนาด้วย prongsai restore") from None
    if as_json:
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(report.message())
    return EXIT_INTACT if report.intact else EXIT_BROKEN
