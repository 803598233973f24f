"""`prongsai backup FILE` and `prongsai restore FILE`: the data folder of PRONGSAI_HOME (and
DATABASE_URL when it names PostgreSQL). Errors are InputError / EnvironmentProblem, which the
CLI prints as one Thai line."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from prongsai.web import backup


def _size(n: int) -> str:
    return f"{n / 1024 ** 2:,.1f} MB" if n >= 1024 ** 2 else f"{n / 1024:,.0f} KB"


def backup_command(file: str) -> int:
    from prongsai.web.serve import backup_source, setup_django

    setup_django()
    out = Path(file)
    summary = backup.write_backup(out, backup_source())
    database = "SQLite" if summary.database == "sqlite" else "PostgreSQL (pg_dump)"
    print(f"สำรองข้อมูลแล้วที่ {out.resolve()} — ฐานข้อมูล {database}, กุญแจของระบบ, "
          f"ไฟล์แนบ {summary.files:,} ไฟล์ ({_size(summary.bytes)}); ไฟล์นี้มีรหัสผ่านที่เข้ารหัสแล้ว เก็บให้ปลอดภัย")
    return 0


def restore_command(file: str) -> int:
    # No Django settings here: importing them would create a secret key in the empty folder.
    os.umask(0o077)
    home = Path(os.environ.get("PRONGSAI_HOME") or "prongsai-home").resolve()
    database = dj_database_url.config(default=f"sqlite:///{home / 'db.sqlite3'}")
    summary = backup.restore_backup(Path(file), home, database)
    print(f"กู้คืนข้อมูลแล้วที่ {home} (สำรองเมื่อ {summary.created}; ไฟล์แนบ {summary.files:,} ไฟล์) — "
          f"เปิดระบบด้วย PRONGSAI_HOME={home} prongsai serve แล้วเข้าสู่ระบบด้วยบัญชีเดิม")
    return 0
