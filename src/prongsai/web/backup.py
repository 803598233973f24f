"""`prongsai backup FILE` / `prongsai restore FILE` (design §5.6): one .tar.gz with the database
(SQLite's online backup API, or pg_dump on PostgreSQL), the uploaded files and the secret key,
private (0600) from the moment it exists. Restore checks the whole archive before it writes
anything, and writes only into an empty data folder.

No Django here: restore runs before any settings exist (they would create a secret key in the
empty folder), and the caller passes what Django settings would give.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from prongsai.errors import EnvironmentProblem, InputError

FORMAT = 1
ROOT = "prongsai-backup"
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PGDUMP_MEMBER = "database.pgdump"
KEY_MEMBER = "secret-key"
UPLOADS = "uploads"
MAX_MEMBERS = 500_000
MAX_MANIFEST_BYTES = 200 * 1024 * 1024
EXPECTED = "ไฟล์ .tar.gz ที่ได้จากคำสั่ง prongsai backup"


@dataclass(frozen=True)
class Source:
    """What to back up: Django's DATABASES['default'], MEDIA_ROOT and SECRET_KEY."""

    database: dict[str, Any]
    uploads: Path
    secret_key: str
    work: Path  # a private folder for the database copy while the archive is written


@dataclass
class Summary:
    database: str
    files: int = 0
    bytes: int = 0
    created: str = ""
    members: dict[str, dict[str, Any]] = field(default_factory=dict)


def engine(database: dict[str, Any]) -> str:
    name = database.get("ENGINE", "")
    if name.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in name:
        return "postgresql"
    raise InputError(f"สำรองและกู้คืนได้เฉพาะฐานข้อมูล SQLite หรือ PostgreSQL (ที่ตั้งไว้: {name})",
                     where="DATABASE_URL", expected="sqlite:///… หรือ postgres://…")


# --- writing -------------------------------------------------------------------------------------


class _Hashing:
    """A file object that hashes what tarfile reads from it."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw, self.sha256, self.size = raw, hashlib.sha256(), 0

    def read(self, n: int = -1) -> bytes:
        data = self.raw.read(n)
        self.sha256.update(data)
        self.size += len(data)
        return data


def _info(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(f"{ROOT}/{name}")
    info.size, info.mode, info.mtime = size, 0o600, int(datetime.now().timestamp())
    return info


def _add_file(tar: tarfile.TarFile, name: str, path: Path, summary: Summary) -> bool:
    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed below; opened first so a deletion cannot race)
    except FileNotFoundError:
        return False  # deleted after it was listed: not part of this backup
    with fh:
        size = os.fstat(fh.fileno()).st_size
        hashing = _Hashing(fh)
        tar.addfile(_info(name, size), hashing)
    summary.members[name] = {"size": size, "sha256": hashing.sha256.hexdigest()}
    return True


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes, summary: Summary) -> None:
    tar.addfile(_info(name, len(data)), io.BytesIO(data))
    summary.members[name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _sqlite_copy(database: dict[str, Any], into: Path) -> Path:
    path = Path(database["NAME"])
    if not path.is_file():
        raise InputError("ไม่พบฐานข้อมูลที่จะสำรอง", file=str(path),
                         expected="ตั้ง PRONGSAI_HOME เป็นโฟลเดอร์ข้อมูลของระบบ (ที่มี db.sqlite3)")
    copy = into / SQLITE_MEMBER
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    target = sqlite3.connect(copy)
    try:
        # One step: a consistent snapshot even while the server writes (WAL readers do not block).
        source.backup(target)
    finally:
        target.close()
        source.close()
    return copy


def _pg_env(database: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"),
                     ("NAME", "PGDATABASE")):
        if database.get(key):
            env[var] = str(database[key])
    sslmode = (database.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = str(sslmode)
    return env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise EnvironmentProblem(f"ไม่พบโปรแกรม {name} ของ PostgreSQL — ติดตั้งด้วย apt-get install postgresql-client "
                                 "(รุ่นเดียวกับหรือใหม่กว่าเซิร์ฟเวอร์ฐานข้อมูล)")
    return found


def _run_pg(command: list[str], database: dict[str, Any], what: str) -> None:
    done = subprocess.run(command, env=_pg_env(database), capture_output=True, text=True)
    if done.returncode != 0:
        detail = " ".join((done.stderr or done.stdout).split())[-400:]
        raise EnvironmentProblem(f"{what}ไม่สำเร็จ ({Path(command[0]).name}: {detail})")


def _pg_dump(database: dict[str, Any], into: Path) -> Path:
    dump = into / PGDUMP_MEMBER
    _run_pg([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump)],
            database, "สำรองฐานข้อมูล PostgreSQL ")
    return dump


def write_backup(out: Path, source: Source) -> Summary:
    """The archive at `out`, written beside it under a temporary name and renamed when complete,
    so a failed or killed backup never leaves a half archive under the real name."""
    kind = engine(source.database)
    out = out.resolve()
    if not out.parent.is_dir():
        raise InputError("ไม่พบโฟลเดอร์ที่จะเขียนไฟล์สำรอง", file=str(out), expected="โฟลเดอร์ที่มีอยู่แล้ว")
    if not out.name.endswith((".tar.gz", ".tgz")):
        raise InputError("ไฟล์สำรองต้องลงท้ายด้วย .tar.gz", file=str(out), expected="เช่น prongsai-backup.tar.gz")
    summary = Summary(database=kind, created=datetime.now().astimezone().isoformat(timespec="seconds"))
    source.work.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = out.with_name(f".{out.name}.{secrets.token_hex(4)}.partial")
    with tempfile.TemporaryDirectory(prefix="backup-", dir=source.work) as work:
        copy = _sqlite_copy(source.database, Path(work)) if kind == "sqlite" else _pg_dump(source.database, Path(work))
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                _add_file(tar, copy.name, copy, summary)
                _add_bytes(tar, KEY_MEMBER, source.secret_key.encode("utf-8"), summary)
                uploads = source.uploads
                if uploads.is_dir():
                    for path in sorted(p for p in uploads.rglob("*") if p.is_file() and not p.is_symlink()):
                        name = f"{UPLOADS}/{path.relative_to(uploads).as_posix()}"
                        if _add_file(tar, name, path, summary):
                            summary.files += 1
                            summary.bytes += summary.members[name]["size"]
                manifest = {"format": FORMAT, "created": summary.created, "database": kind,
                            "members": summary.members}
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
                tar.addfile(_info(MANIFEST, len(data)), io.BytesIO(data))  # last: it lists what came before
            os.replace(partial, out)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return summary


# --- checking ------------------------------------------------------------------------------------


def _member_name(member: tarfile.TarInfo, archive: Path) -> str:
    def bad(why: str) -> InputError:
        return InputError(f"ไฟล์สำรองมีรายการที่ไม่ปลอดภัย ({why})", file=str(archive),
                          where=member.name[:200], expected=EXPECTED)

    raw = member.name
    if "\\" in raw or "\x00" in raw:
        raise bad("ชื่อมีอักขระที่ไม่อนุญาต")
    path = PurePosixPath(raw)
    if path.is_absolute() or any(part in ("", ".", "..") for part in raw.split("/")):
        raise bad("ชื่อชี้ออกนอกโฟลเดอร์")
    if len(path.parts) < 2 or path.parts[0] != ROOT:
        raise bad(f"อยู่นอกโฟลเดอร์ {ROOT}")
    if not member.isreg():
        raise bad("ไม่ใช่ไฟล์ธรรมดา เช่น ลิงก์หรืออุปกรณ์")
    name = "/".join(path.parts[1:])
    if name not in (MANIFEST, SQLITE_MEMBER, PGDUMP_MEMBER, KEY_MEMBER) and not name.startswith(UPLOADS + "/"):
        raise bad("ไม่ใช่ส่วนหนึ่งของไฟล์สำรอง")
    return name


def validate_archive(archive: Path) -> dict[str, Any]:
    """The manifest, once every member is known to be safe and listed with its size."""
    archive = Path(archive)
    if not archive.is_file():
        raise InputError("ไม่พบไฟล์สำรอง", file=str(archive), expected=EXPECTED)
    try:
        with tarfile.open(archive, "r:gz") as tar:
            names: dict[str, int] = {}
            manifest_member = None
            for count, member in enumerate(tar, start=1):
                if count > MAX_MEMBERS:
                    raise InputError(f"ไฟล์สำรองมีรายการเกิน {MAX_MEMBERS:,} รายการ", file=str(archive),
                                     expected=EXPECTED)
                name = _member_name(member, archive)
                if name in names:
                    raise InputError("ไฟล์สำรองมีรายการชื่อซ้ำ", file=str(archive), where=name, expected=EXPECTED)
                names[name] = member.size
                if name == MANIFEST:
                    manifest_member = member
            if manifest_member is None or manifest_member.size > MAX_MANIFEST_BYTES:
                raise InputError("ไม่พบรายการเนื้อหา (manifest.json) ในไฟล์สำรอง", file=str(archive),
                                 expected=EXPECTED)
            manifest = json.loads(tar.extractfile(manifest_member).read().decode("utf-8"))
    except (tarfile.TarError, EOFError, zlib.error, OSError, UnicodeDecodeError, ValueError) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError("ไฟล์นี้ไม่ใช่ไฟล์สำรองของโปร่งใส หรือไฟล์เสียหาย", file=str(archive),
                         expected=EXPECTED) from None
    members = manifest.get("members") if isinstance(manifest, dict) else None
    if not isinstance(members, dict) or manifest.get("format") != FORMAT:
        raise InputError("รายการเนื้อหาของไฟล์สำรองไม่ถูกต้องหรือเป็นรุ่นที่ไม่รู้จัก", file=str(archive),
                         where=MANIFEST, expected=f"รูปแบบรุ่น {FORMAT} ที่ได้จาก prongsai backup")
    listed = dict(names)
    listed.pop(MANIFEST)
    for name, size in listed.items():
        entry = members.get(name)
        if not isinstance(entry, dict) or entry.get("size") != size or not isinstance(entry.get("sha256"), str):
            raise InputError("ขนาดหรือรายการในไฟล์สำรองไม่ตรงกับรายการเนื้อหา", file=str(archive), where=name,
                             expected=EXPECTED)
    missing = sorted(set(members) - set(listed))
    if missing:
        raise InputError("ไฟล์สำรองขาดรายการที่ระบุไว้", file=str(archive), where=missing[0], expected=EXPECTED)
    kind = manifest.get("database")
    database_member = {"sqlite": SQLITE_MEMBER, "postgresql": PGDUMP_MEMBER}.get(kind)
    if database_member not in listed or KEY_MEMBER not in listed:
        raise InputError("ไฟล์สำรองไม่มีฐานข้อมูลหรือกุญแจของระบบ", file=str(archive), expected=EXPECTED)
    return manifest


# --- restoring -----------------------------------------------------------------------------------


def _refuse_non_empty(home: Path) -> None:
    if home.exists() and (not home.is_dir() or any(home.iterdir())):
        raise InputError(f"โฟลเดอร์ข้อมูล {home} มีข้อมูลอยู่แล้ว จึงไม่กู้คืนทับ",
                         where="PRONGSAI_HOME",
                         expected="โฟลเดอร์ใหม่หรือโฟลเดอร์ว่าง เช่น PRONGSAI_HOME=prongsai-home-restored prongsai restore FILE")


def _pg_is_empty(database: dict[str, Any]) -> bool:
    import psycopg

    params = {k: v for k, v in {"host": database.get("HOST"), "port": database.get("PORT"),
                                "user": database.get("USER"), "password": database.get("PASSWORD"),
                                "dbname": database.get("NAME")}.items() if v}
    with psycopg.connect(**params, connect_timeout=10) as conn:
        (tables,) = conn.execute("select count(*) from pg_tables where schemaname not in "
                                 "('pg_catalog', 'information_schema')").fetchone()
    return tables == 0


def _free_bytes(path: Path) -> int:
    while not path.exists():
        path = path.parent
    return shutil.disk_usage(path).free


def _extract(tar: tarfile.TarFile, member: tarfile.TarInfo, dest: Path, expected: dict[str, Any],
             archive: Path, name: str) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    digest = hashlib.sha256()
    source = tar.extractfile(member)
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        while chunk := source.read(1024 * 1024):
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != expected["sha256"]:
        raise InputError("ไฟล์สำรองเสียหาย: เนื้อหาไม่ตรงกับที่บันทึกไว้", file=str(archive), where=name,
                         expected=EXPECTED)


def restore_backup(archive: Path, home: Path, database: dict[str, Any]) -> Summary:
    """Everything of the archive into the empty `home` (and the empty database it names)."""
    archive, home = Path(archive).resolve(), Path(home).resolve()
    manifest = validate_archive(archive)
    _refuse_non_empty(home)
    kind = engine(database)
    if manifest["database"] != kind:
        raise InputError(f"ไฟล์สำรองนี้เป็นฐานข้อมูล {manifest['database']} แต่ระบบตั้งไว้เป็น {kind}",
                         file=str(archive), where="DATABASE_URL",
                         expected="ฐานข้อมูลชนิดเดียวกับตอนสำรอง (SQLite: ไม่ตั้ง DATABASE_URL)")
    target_db = Path(database["NAME"]) if kind == "sqlite" else None
    if target_db is not None and target_db.exists():
        raise InputError("มีฐานข้อมูลอยู่แล้ว จึงไม่กู้คืนทับ", file=str(target_db),
                         expected="ชื่อไฟล์ฐานข้อมูลที่ยังไม่มี")
    if kind == "postgresql":
        _pg_tool("pg_restore")
        if not _pg_is_empty(database):
            raise InputError(f"ฐานข้อมูล PostgreSQL {database.get('NAME')} มีตารางอยู่แล้ว จึงไม่กู้คืนทับ",
                             where="DATABASE_URL", expected="ฐานข้อมูลว่างที่เพิ่งสร้าง (createdb)")
    members = manifest["members"]
    needed = sum(m["size"] for m in members.values())
    if needed > _free_bytes(home):
        raise InputError(f"พื้นที่ว่างไม่พอกู้คืน (ต้องการ {needed / 1024 ** 2:,.0f} MB)", where=str(home),
                         expected="พื้นที่ว่างมากกว่าขนาดของข้อมูลในไฟล์สำรอง")

    created_home = not home.exists()
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    home.chmod(0o700)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=home))
    moved: list[Path] = []
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                name = _member_name(member, archive)
                if name != MANIFEST:
                    _extract(tar, member, staging / name, members[name], archive, name)
        if kind == "sqlite":
            _check_sqlite(staging / SQLITE_MEMBER, archive)
            target_db.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            shutil.move(staging / SQLITE_MEMBER, target_db)
            moved.append(target_db)
        else:
            _run_pg([_pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
                     "--single-transaction", "--dbname", str(database["NAME"]), str(staging / PGDUMP_MEMBER)],
                    database, "กู้คืนฐานข้อมูล PostgreSQL ")
        os.replace(staging / KEY_MEMBER, home / KEY_MEMBER)
        moved.append(home / KEY_MEMBER)
        if (staging / UPLOADS).is_dir():
            os.replace(staging / UPLOADS, home / UPLOADS)
            moved.append(home / UPLOADS)
    except BaseException:
        for path in moved:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        if created_home:
            shutil.rmtree(home, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)
    uploads = [n for n in members if n.startswith(UPLOADS + "/")]
    return Summary(database=kind, files=len(uploads), bytes=sum(members[n]["size"] for n in uploads),
                   created=str(manifest.get("created", "")), members=members)


def _check_sqlite(path: Path, archive: Path) -> None:
    try:
        connection = sqlite3.connect(path)
        try:
            ok = [r[0] for r in connection.execute("PRAGMA quick_check(1)")] == ["ok"]
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        ok = False
    if not ok:
        raise InputError("ฐานข้อมูลในไฟล์สำรองเสียหาย", file=str(archive), where=SQLITE_MEMBER,
                         expected="ไฟล์สำรองอื่นที่ไม่เสียหาย (เช่น ไฟล์ก่อนหน้าใน PRONGSAI_HOME/backups)")
