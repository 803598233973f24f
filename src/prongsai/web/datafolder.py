"""The data folder (PRONGSAI_HOME) at start: private, free of stale upload copies, and a database
that is whole. No Django here: `prongsai serve` runs these before Django opens the database."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from prongsai.errors import InputError

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
TMP = "tmp"
BACKUPS = "backups"
# An upload being received or checked touches its temporary file within minutes; one untouched
# for an hour was left by a killed process (another server on the same folder may be running).
STALE_SECONDS = 3600
# Files that hold password hashes, keys or evidence: private even in a folder made before.
PRIVATE_NAMES = ("db.sqlite3", "db.sqlite3-wal", "db.sqlite3-shm", "secret-key", "admin-password.txt")


class StartRefused(InputError):
    """The workspace must not start; the message is Thai and says what to do (the data-folder
    commands exit 2 with it, like any other input they cannot use)."""


def make_private(home: Path, extra_files: tuple[Path, ...] = ()) -> None:
    """From here on every file this process creates is private (umask), and what exists already
    is made so: a folder created earlier with 0755 would otherwise expose the database."""
    os.umask(0o077)
    home.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    _private(home, PRIVATE_DIR)
    for name in (TMP, BACKUPS, "uploads"):
        if (home / name).is_dir():
            _private(home / name, PRIVATE_DIR)
    files = [home / n for n in PRIVATE_NAMES] + list(extra_files)
    if (home / BACKUPS).is_dir():
        files += [p for p in (home / BACKUPS).iterdir() if p.is_file()]
    for path in files:
        if path.is_file() and not path.is_symlink():
            _private(path, PRIVATE_FILE)


def _private(path: Path, mode: int) -> None:
    try:
        path.chmod(mode)
    except PermissionError:
        raise StartRefused(
            f"เปิดระบบไม่ได้: ปรับสิทธิ์ของ {path} ให้อ่านได้เฉพาะเจ้าของไม่ได้ เพราะบัญชีนี้ไม่ใช่เจ้าของ "
            f"— เปิดระบบด้วยบัญชีที่เป็นเจ้าของโฟลเดอร์ข้อมูล หรือให้เจ้าของสั่ง chmod -R go-rwx {path}") from None


@dataclass(frozen=True)
class Cleaned:
    files: int
    bytes: int


def clean_temporary(folder: Path, older_than: float = STALE_SECONDS, now: float | None = None) -> Cleaned:
    """Remove what killed processes left in the upload temporary folder (creating it if missing)."""
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    limit = (time.time() if now is None else now) - older_than
    files = size = 0
    for entry in os.scandir(folder):
        try:
            info = entry.stat(follow_symlinks=False)
            if info.st_mtime >= limit:
                continue
            if entry.is_dir(follow_symlinks=False):
                size += sum(p.stat().st_size for p in Path(entry.path).rglob("*") if p.is_file())
                shutil.rmtree(entry.path)
            else:
                size += info.st_size
                os.unlink(entry.path)
            files += 1
        except FileNotFoundError:  # another process cleaned it first
            continue
    return Cleaned(files, size)


def latest_backup(home: Path) -> Path | None:
    folder = home / BACKUPS
    if not folder.is_dir():
        return None
    found = [p for p in folder.iterdir() if p.is_file() and p.name.endswith((".tar.gz", ".tgz"))]
    return max(found, key=lambda p: p.stat().st_mtime, default=None)


def damaged_message(database: Path, home: Path, detail: str) -> str:
    latest = latest_backup(home)
    if latest is not None:
        hint = (f"ไฟล์สำรองล่าสุดคือ {latest} — กู้คืนลงโฟลเดอร์ข้อมูลใหม่ด้วยคำสั่ง "
                f"PRONGSAI_HOME=โฟลเดอร์ใหม่ prongsai restore {latest}")
    else:
        hint = ("ไม่พบไฟล์สำรองใน " + str(home / BACKUPS) + " — หากมีไฟล์สำรองที่อื่น กู้คืนด้วยคำสั่ง "
                "PRONGSAI_HOME=โฟลเดอร์ใหม่ prongsai restore ไฟล์สำรอง")
    return (f"เปิดระบบไม่ได้: ฐานข้อมูล {database} เสียหาย ({detail}) จึงไม่เปิดระบบเพื่อไม่ให้ข้อมูลเสียหายเพิ่ม "
            f"{hint} แล้วเปิดระบบด้วย PRONGSAI_HOME=โฟลเดอร์ใหม่ prongsai serve "
            "(เก็บโฟลเดอร์เดิมไว้ อย่าลบ)")


def check_database(database: Path, home: Path) -> None:
    """SQLite's quick_check (it reads every page, without the slow index cross-checks):
    a database with overwritten pages must not start as if nothing had happened."""
    if not database.exists():
        return
    try:
        connection = sqlite3.connect(database, timeout=30)
        try:
            rows = [r[0] for r in connection.execute("PRAGMA quick_check(5)")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise StartRefused(damaged_message(database, home, "อ่านหน้าข้อมูลบางหน้าไม่ได้")) from exc
    if rows != ["ok"]:
        raise StartRefused(damaged_message(database, home, "ตรวจพบหน้าข้อมูลที่ไม่ถูกต้อง"))
