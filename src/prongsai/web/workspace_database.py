"""Opening the workspace's existing database for a data-folder command (`prongsai import`,
`prongsai remind`, `prongsai audit verify`), set up as `prongsai serve` sets it up
(PRONGSAI_HOME or DATABASE_URL). These commands never create or migrate a database: a missing
or older one is an InputError in Thai (exit 2), not a traceback."""

from __future__ import annotations

import os
from typing import Any

from prongsai.errors import InputError

WHERE = "ตั้ง PRONGSAI_HOME เป็นโฟลเดอร์ข้อมูลของโปร่งใส หรือ DATABASE_URL เป็นฐานข้อมูลที่ใช้งาน"


def shown(db: dict[str, Any]) -> str:
    """The database as the user should see it: the file, or host/name (never the password)."""
    if "sqlite" in db["ENGINE"]:
        return str(db["NAME"])
    return f"{db.get('HOST') or 'localhost'}:{db.get('PORT') or ''}/{db['NAME']}"


def open_database() -> dict[str, Any]:
    """Django set up on the existing database; returns its settings."""
    from prongsai.web import serve

    # Checked before Django starts: its settings would write a secret key into a missing folder,
    # opening a missing SQLite file would create an empty one, and `prongsai restore` refuses a
    # folder that is not empty.
    if not os.environ.get("DATABASE_URL") and not (serve._home() / "db.sqlite3").is_file():
        raise InputError(f"ไม่พบฐานข้อมูล {serve._home() / 'db.sqlite3'}",
                         expected=f"{WHERE} (เปิด prongsai serve หนึ่งครั้งเพื่อสร้างฐานข้อมูล)")
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


def check_migrated(db: dict[str, Any], app_label: str | None = None, then: str = "แล้วลองใหม่") -> None:
    """InputError when the database lacks migrations (of `app_label`, or of every app)."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes(app_label)):
        raise InputError(f"ฐานข้อมูล {shown(db)} ยังไม่ได้ปรับรุ่น หรือไม่ใช่ฐานข้อมูลของโปร่งใส",
                         expected=f"เปิด prongsai serve หนึ่งครั้งเพื่อปรับรุ่นฐานข้อมูล {then}")
