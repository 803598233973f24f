"""`prongsai backup FILE` / `prongsai restore FILE` (design §5.6) and the daily backups of
`prongsai serve`: a round trip as an administrator does it (real commands, real server, the same
password, the same evidence file), a restore that refuses a non-empty folder and any archive that
is not exactly what backup wrote, and the retention."""

from __future__ import annotations

import http.client
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest

from prongsai.errors import InputError
from prongsai.web import backup, backup_schedule
from tests.web.base import PDF_BYTES
from tests.web.test_migration_upgrade import FIXTURE
from tests.web.test_serve import ROOT, env_for, free_port, start, stop, wait_until_up

PASSWORD = "สมชาย-รหัสผ่าน-2567"

SEED = """
import sys
from prongsai.web.serve import prepare
prepare()
from django.contrib.auth.models import User
from prongsai.web.plans.models import Evidence
from tests.web.base import make_agency
user = User.objects.create_user("somchai", password=sys.argv[1])
agency = make_agency("ladya-2564.yaml", user)
evidence = Evidence.objects.exclude(file="").get(agency=agency)
print(agency.pk, evidence.pk)
"""


def prongsai(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from prongsai.cli import main; main()", *args], env=env,
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


class Browser:
    """Cookies and the login form over HTTP, like a user's browser."""

    def __init__(self, port: int) -> None:
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if form is not None:
            headers.update({"Content-Type": "application/x-www-form-urlencoded",
                            "Referer": f"http://127.0.0.1:{self.port}{path}"})
        conn.request(method, path, body=urlencode(form) if form is not None else None, headers=headers)
        response = conn.getresponse()
        body = response.read()
        conn.close()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return response, body

    def log_in(self, username: str, password: str) -> int:
        _, page = self.request("GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        response, _ = self.request("POST", "/login/", {"csrfmiddlewaretoken": token, "username": username,
                                                       "password": password})
        return response.status


def round_trip(tmp_path: Path, extra_before: dict[str, str], extra_after: dict[str, str]) -> None:
    before, after = tmp_path / "home", tmp_path / "restored" / "home"
    env_before = {**env_for(before), **extra_before}
    env_after = {**env_for(after), **extra_after}
    seeded = subprocess.run([sys.executable, "-c", SEED, PASSWORD], env=env_before, cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert seeded.returncode == 0, seeded.stderr
    agency, evidence = seeded.stdout.split()

    archive = tmp_path / "backups-elsewhere" / "prongsai-backup.tar.gz"
    archive.parent.mkdir()
    done = prongsai("backup", str(archive), env=env_before)
    assert done.returncode == 0, done.stderr
    assert "สำรองข้อมูลแล้ว" in done.stdout
    assert mode(archive) == 0o600
    assert not list(archive.parent.glob(".*partial"))
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "prongsai-backup/manifest.json" in names and "prongsai-backup/secret-key" in names
    assert any(n.startswith("prongsai-backup/uploads/") for n in names)

    done = prongsai("restore", str(archive), env=env_after)
    assert done.returncode == 0, done.stderr
    assert "กู้คืนข้อมูลแล้ว" in done.stdout
    assert mode(after) == 0o700
    assert (after / "secret-key").read_text() == (before / "secret-key").read_text()
    assert all(mode(p) == 0o600 for p in after.rglob("*") if p.is_file())

    port = free_port()
    proc = start(after, port, env=extra_after)
    try:
        wait_until_up(port, proc)
        browser = Browser(port)
        assert browser.log_in("somchai", PASSWORD) == 302
        response, body = browser.request("GET", f"/a/{agency}/evidence/{evidence}/")
        assert response.status == 200
        assert body == PDF_BYTES
        assert Browser(port).log_in("somchai", "not-the-password-1") == 200  # the form again
    finally:
        stop(proc)


def test_backup_and_restore_round_trip_on_sqlite(tmp_path):
    round_trip(tmp_path, {}, {})


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@pytest.mark.skipif(postgres_url() is None, reason="PostgreSQL only (scripts/test-postgres.sh)")
def test_backup_and_restore_round_trip_on_postgresql(tmp_path):
    import psycopg
    from psycopg import sql

    if not shutil.which("pg_dump") or not shutil.which("pg_restore"):
        pytest.skip("pg_dump/pg_restore are not installed")
    base = postgres_url()
    names = [f"prongsai_backup_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("before", "after")]
    with psycopg.connect(base, autocommit=True) as conn:
        for name in names:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    root = base.rsplit("/", 1)[0]
    try:
        round_trip(tmp_path, {"DATABASE_URL": f"{root}/{names[0]}"}, {"DATABASE_URL": f"{root}/{names[1]}"})
        # the restored database is in use now: a second restore into it is refused
        again = prongsai("restore", str(tmp_path / "backups-elsewhere" / "prongsai-backup.tar.gz"),
                         env={**env_for(tmp_path / "third-home"), "DATABASE_URL": f"{root}/{names[1]}"})
        assert again.returncode == 2
        assert "มีตารางอยู่แล้ว" in again.stderr and "Traceback" not in again.stderr
        assert not (tmp_path / "third-home").exists()
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            for name in names:
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def test_restore_refuses_a_folder_that_is_not_empty(tmp_path):
    archive = a_backup(tmp_path)
    home = tmp_path / "in-use"
    home.mkdir()
    (home / "db.sqlite3").write_bytes(b"someone's data")
    done = prongsai("restore", str(archive), env=env_for(home))
    assert done.returncode == 2
    assert "มีข้อมูลอยู่แล้ว" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in home.iterdir()) == ["db.sqlite3"]
    assert (home / "db.sqlite3").read_bytes() == b"someone's data"


# --- the archive is checked before anything is written -------------------------------------------


def a_backup(tmp_path: Path) -> Path:
    """A real archive from the release 0.1.0 database, two uploads and a key (no Django needed)."""
    uploads = tmp_path / "source-uploads" / "agency-1"
    uploads.mkdir(parents=True)
    (uploads / "หลักฐาน.pdf").write_bytes(PDF_BYTES)
    (uploads / "รูป.png").write_bytes(b"\x89PNG" + b"\0" * 100)
    database = tmp_path / "source.sqlite3"
    shutil.copy(FIXTURE, database)
    out = tmp_path / "good.tar.gz"
    backup.write_backup(out, backup.Source(database={"ENGINE": "django.db.backends.sqlite3", "NAME": str(database)},
                                           uploads=uploads.parent, secret_key="k" * 60, work=tmp_path / "work"))
    return out


def sqlite_target(home: Path) -> dict[str, str]:
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(home / "db.sqlite3")}


def rewritten(good: Path, out: Path, change) -> Path:
    """`good` with its members passed through change(info, data) → [(info, data), …]."""
    with tarfile.open(good) as src, tarfile.open(out, "w:gz") as dst:
        for info in src.getmembers():
            data = src.extractfile(info).read() if info.isreg() else b""
            for new_info, new_data in change(info, data):
                dst.addfile(new_info, io.BytesIO(new_data) if new_info.isreg() else None)
    return out


def test_a_good_archive_restores_in_process(tmp_path):
    home = tmp_path / "home"
    summary = backup.restore_backup(a_backup(tmp_path), home, sqlite_target(home))
    assert summary.files == 2
    assert (home / "uploads" / "agency-1" / "หลักฐาน.pdf").read_bytes() == PDF_BYTES
    assert (home / "db.sqlite3").read_bytes()[:16] == b"SQLite format 3\0"
    assert not [p for p in home.iterdir() if p.name.startswith(".restore")]


def extra_member(name: str, kind: bytes = tarfile.REGTYPE, data: bytes = b"x", link: str = ""):
    def change(info, content):
        yield info, content
        if info.name.endswith("secret-key"):
            evil = tarfile.TarInfo(name)
            evil.type, evil.size, evil.linkname = kind, len(data) if kind == tarfile.REGTYPE else 0, link
            yield evil, data

    return change


@pytest.mark.parametrize(("change", "words"), [
    (extra_member("prongsai-backup/../../escaped.txt"), "ชี้ออกนอกโฟลเดอร์"),
    (extra_member("/tmp/prongsai-absolute.txt"), "ชี้ออกนอกโฟลเดอร์"),
    (extra_member("prongsai-backup/uploads/link", tarfile.SYMTYPE, link="/etc/passwd"), "ไม่ใช่ไฟล์ธรรมดา"),
    (extra_member("prongsai-backup/uploads/x/../../../../escaped", tarfile.REGTYPE), "ชี้ออกนอกโฟลเดอร์"),
    (extra_member("prongsai-backup/uploads/unlisted.pdf"), "ไม่ตรงกับรายการเนื้อหา"),
    (extra_member("somewhere-else/file"), "อยู่นอกโฟลเดอร์"),
], ids=["dot-dot", "absolute", "symlink", "dot-dot-deep", "unlisted", "outside"])
def test_unsafe_members_are_refused_before_anything_is_written(tmp_path, change, words):
    archive = rewritten(a_backup(tmp_path), tmp_path / "bad.tar.gz", change)
    home = tmp_path / "home"
    with pytest.raises(InputError) as caught:
        backup.restore_backup(archive, home, sqlite_target(home))
    assert words in str(caught.value)
    assert not home.exists()
    assert not (tmp_path / "escaped.txt").exists() and not Path("/tmp/prongsai-absolute.txt").exists()


def test_a_changed_file_of_the_same_size_is_found_and_nothing_is_kept(tmp_path):
    def change(info, data):
        if info.name.endswith("หลักฐาน.pdf"):
            data = data.replace(b"%PDF", b"%EVL")
        yield info, data

    archive = rewritten(a_backup(tmp_path), tmp_path / "tampered.tar.gz", change)
    home = tmp_path / "home"
    home.mkdir()  # an empty folder made beforehand stays, empty
    with pytest.raises(InputError) as caught:
        backup.restore_backup(archive, home, sqlite_target(home))
    assert "ไม่ตรงกับที่บันทึกไว้" in str(caught.value)
    assert list(home.iterdir()) == []


def test_a_size_that_disagrees_with_the_manifest_is_refused(tmp_path):
    def change(info, data):
        if info.name.endswith("manifest.json"):
            manifest = json.loads(data)
            manifest["members"]["uploads/agency-1/หลักฐาน.pdf"]["size"] += 1
            data = json.dumps(manifest).encode()
            info.size = len(data)
        yield info, data

    archive = rewritten(a_backup(tmp_path), tmp_path / "sizes.tar.gz", change)
    with pytest.raises(InputError) as caught:
        backup.validate_archive(archive)
    assert "ไม่ตรงกับรายการเนื้อหา" in str(caught.value)


@pytest.mark.parametrize("content", [b"", b"not an archive at all", b"\x1f\x8b\x08\x00garbage"])
def test_a_file_that_is_not_a_backup_is_a_thai_error(tmp_path, content):
    archive = tmp_path / "x.tar.gz"
    archive.write_bytes(content)
    with pytest.raises(InputError) as caught:
        backup.validate_archive(archive)
    assert "ไม่ใช่ไฟล์สำรองของโปร่งใส" in str(caught.value)


def test_a_backup_of_another_engine_is_refused(tmp_path):
    home = tmp_path / "home"
    with pytest.raises(InputError) as caught:
        backup.restore_backup(a_backup(tmp_path), home, {"ENGINE": "django.db.backends.postgresql", "NAME": "x"})
    assert "ฐานข้อมูล sqlite" in str(caught.value)
    assert not home.exists()


# --- daily backups and their retention -----------------------------------------------------------


def test_retention_keeps_the_last_days_and_weeks():
    today = datetime(2026, 3, 15, 2, 0)  # a Sunday
    times = [today - timedelta(days=n) for n in range(60)]
    kept = backup_schedule.to_keep(times + [today - timedelta(hours=1)], daily=7, weekly=4)
    days = {t.date() for t in kept}
    assert {today.date() - timedelta(days=n) for n in range(7)} <= days
    sundays = {(today - timedelta(weeks=w)).date() for w in range(4)}  # the newest of each week
    assert sundays <= days
    assert len(kept) == 7 + 3
    assert today in kept and today - timedelta(hours=1) not in kept  # one per day: the newest


def test_one_process_takes_the_day_s_backup_the_others_skip(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", "import sys; from filelock import FileLock; "
                               f"lock = FileLock({str(folder / backup_schedule.LOCK)!r}); lock.acquire(); "
                               "print('held', flush=True); sys.stdin.read()"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        written = []
        assert backup_schedule.take_daily(folder, written.append) is None
        assert written == []
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    made = backup_schedule.take_daily(folder, lambda p: p.write_bytes(b"backup"))
    assert made is not None and made.exists()
    assert backup_schedule.take_daily(folder, lambda p: pytest.fail("a second backup on the same day")) is None


def test_old_daily_backups_are_removed_others_stay(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    now = datetime(2026, 3, 15, 2, 0)
    for n in range(1, 40):
        (folder / backup_schedule.daily_name(now - timedelta(days=n))).write_bytes(b"old")
    mine = folder / "before-the-upgrade.tar.gz"
    mine.write_bytes(b"an operator's own copy")
    killed, writing = folder / ".prongsai-x.tar.gz.1a2b.partial", folder / ".prongsai-y.tar.gz.3c4d.partial"
    killed.write_bytes(b"half")
    writing.write_bytes(b"being written")
    os.utime(killed, (time.time() - 7200, time.time() - 7200))
    made = backup_schedule.take_daily(folder, lambda p: p.write_bytes(b"new"), daily=7, weekly=4,
                                      now=lambda: now)
    daily = sorted(p.name for p in folder.iterdir() if backup_schedule.taken_at(p))
    assert made.name in daily and len(daily) == 10
    assert mine.exists()
    assert not killed.exists() and writing.exists()


def test_serve_on_sqlite_takes_a_private_daily_backup(tmp_path):
    home = tmp_path / "home"
    port = free_port()
    proc = start(home, port)
    try:
        wait_until_up(port, proc)
        deadline = time.monotonic() + 60
        while not list((home / "backups").glob("prongsai-*.tar.gz")) and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        stop(proc)
    made = list((home / "backups").glob("prongsai-*.tar.gz"))
    assert len(made) == 1  # one, whichever of the workers took it
    assert mode(made[0]) == 0o600 and mode(home / "backups") == 0o700
    assert backup.validate_archive(made[0])["database"] == "sqlite"
