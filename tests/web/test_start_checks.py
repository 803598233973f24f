"""What `prongsai serve` checks and fixes before it serves: a private data folder even when it
existed before, no stale upload copies, and a database that is whole (else a Thai refusal that
points to `prongsai restore` and the latest backup). And the 500 page promises nothing."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

from django.core.files.uploadedfile import TemporaryUploadedFile
from django.db import DatabaseError
from django.test import RequestFactory, SimpleTestCase
from django.utils.functional import SimpleLazyObject

from prongsai.web import datafolder
from prongsai.web.ui.views import server_error
from tests.web.test_migration_upgrade import FIXTURE
from tests.web.test_serve import ROOT, env_for, free_port

PREPARE = "from prongsai.web.serve import prepare; prepare()"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def run_prepare(home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", PREPARE], env=env_for(home), cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)


def serve_once(home: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", "from prongsai.cli import main; main()", "serve", "--port", str(free_port())]
    return subprocess.run(command, env=env_for(home), cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                          timeout=120)


def a_home_with_the_release_database(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(FIXTURE, home / "db.sqlite3")
    return home


def test_a_folder_made_before_with_wide_modes_is_made_private(tmp_path):
    home = a_home_with_the_release_database(tmp_path)
    (home / "secret-key").write_text("k" * 60, encoding="utf-8")
    os.chmod(home, 0o755)
    os.chmod(home / "db.sqlite3", 0o644)
    os.chmod(home / "secret-key", 0o644)
    done = run_prepare(home)
    assert done.returncode == 0, done.stderr
    assert mode(home) == 0o700
    for name in ("db.sqlite3", "secret-key"):
        assert mode(home / name) == 0o600, name
    for created in (home / "db.sqlite3-wal", home / "db.sqlite3-shm"):
        if created.exists():
            assert mode(created) == 0o600, created.name
    assert mode(home / "tmp") == 0o700


def test_a_new_folder_is_private_from_the_first_file(tmp_path):
    home = tmp_path / "new" / "home"
    done = run_prepare(home)
    assert done.returncode == 0, done.stderr
    assert mode(home) == 0o700
    for path in home.rglob("*"):
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path


def test_stale_upload_copies_are_removed_at_start_fresh_ones_kept(tmp_path):
    home = a_home_with_the_release_database(tmp_path)
    tmp = home / "tmp"
    tmp.mkdir()
    stale = tmp / "tmpk1ll3d.upload.xlsx"
    stale.write_bytes(b"\0" * 1_000_000)
    stale_dir = tmp / "backup-stale"
    stale_dir.mkdir()
    (stale_dir / "database.sqlite3").write_bytes(b"\0" * 1000)
    two_hours_ago = time.time() - 2 * 3600
    for path in (stale, stale_dir / "database.sqlite3", stale_dir):
        os.utime(path, (two_hours_ago, two_hours_ago))
    fresh = tmp / "tmpbusy.upload.pdf"  # another server on this folder may be receiving it
    fresh.write_bytes(b"%PDF")
    done = run_prepare(home)
    assert done.returncode == 0, done.stderr
    assert not stale.exists() and not stale_dir.exists()
    assert fresh.exists()


def test_uploads_are_copied_into_the_private_data_folder_not_the_system_tmp():
    from django.conf import settings

    upload = TemporaryUploadedFile("หลักฐาน.pdf", "application/pdf", 0, None)
    try:
        path = Path(upload.temporary_file_path())
        assert path.parent == Path(settings.HOME) / "tmp"
        assert mode(path.parent) == 0o700
    finally:
        upload.close()


def overwrite_pages(database: Path, pages: range) -> None:
    with open(database, "r+b") as fh:
        for page in pages:
            fh.seek(page * 4096 + 100)
            fh.write(b"\xa5" * 3000)


def test_a_damaged_database_refuses_to_start_and_points_to_the_latest_backup(tmp_path):
    home = a_home_with_the_release_database(tmp_path)
    backups = home / "backups"
    backups.mkdir()
    older, latest = backups / "prongsai-20260101-020000.tar.gz", backups / "prongsai-20260102-020000.tar.gz"
    older.write_bytes(b"older")
    latest.write_bytes(b"latest")
    os.utime(older, (time.time() - 86400, time.time() - 86400))
    overwrite_pages(home / "db.sqlite3", range(20, 40))
    damaged = (home / "db.sqlite3").read_bytes()

    done = serve_once(home)
    assert done.returncode == 2
    assert "ฐานข้อมูล" in done.stderr and "เสียหาย" in done.stderr
    assert f"prongsai restore {latest}" in done.stderr
    assert "Traceback" not in done.stderr and "DatabaseError" not in done.stderr
    assert "เปิดเบราว์เซอร์" not in done.stdout  # it never served
    assert (home / "db.sqlite3").read_bytes() == damaged  # and never wrote to it


def test_a_subtly_damaged_database_without_backups_is_refused_too(tmp_path):
    home = a_home_with_the_release_database(tmp_path)
    with open(home / "db.sqlite3", "r+b") as fh:  # cell pointers out of range on two pages
        for page in (60, 61):
            fh.seek(page * 4096 + 8)
            fh.write(b"\x00\x05\x0f\xff")
    done = serve_once(home)
    assert done.returncode == 2
    assert "ไม่พบไฟล์สำรอง" in done.stderr and "prongsai restore" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_quick_check_passes_a_whole_database(tmp_path):
    home = a_home_with_the_release_database(tmp_path)
    datafolder.check_database(home / "db.sqlite3", home)  # no exception
    datafolder.check_database(home / "missing.sqlite3", home)  # a first start: nothing to check


class ServerErrorPageTestCase(SimpleTestCase):
    def test_it_does_not_promise_the_data_is_intact(self):
        request = RequestFactory().get("/")
        request.user = SimpleLazyObject(lambda: None)
        response = server_error(request)
        text = response.content.decode()
        self.assertEqual(response.status_code, 500)
        self.assertNotIn("ยังอยู่ครบ", text)
        self.assertIn("อาจยังไม่ได้บันทึก", text)

    def test_it_is_thai_even_when_the_database_fails_while_it_renders(self):
        def broken():
            raise DatabaseError("database disk image is malformed")

        request = RequestFactory().get("/")
        request.user = SimpleLazyObject(broken)
        response = server_error(request)
        text = response.content.decode()
        self.assertEqual(response.status_code, 500)
        self.assertIn("ระบบขัดข้อง", text)
        self.assertNotIn("malformed", text)
