"""`prongsai audit verify` as an administrator runs it: a real process on a real data folder, made
by release 0.1.0 (tests/web/fixtures) and upgraded, so its 13 older entries were chained by the
migration; then tampered with by raw SQL, and written by several processes at once."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).parent / "fixtures" / "release-0.1.0.sqlite3"
RELEASE_ENTRIES = 13


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PRONGSAI_", "DJANGO_")) and k != "DATABASE_URL"}
    return {**env, "PRONGSAI_HOME": str(home), "PRONGSAI_SECRET_KEY": "audit-cli-test-" + "x" * 50}


def prongsai(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "prongsai.cli", "audit", *args], capture_output=True, text=True,
                          cwd=ROOT, env=env_for(home), timeout=120)


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory) -> Path:
    """The release database after every migration since (made once; each test works on a copy)."""
    home = tmp_path_factory.mktemp("upgraded")
    shutil.copy(FIXTURE, home / "db.sqlite3")
    done = subprocess.run([sys.executable, "-m", "django", "migrate", "--verbosity", "0"], capture_output=True,
                          text=True, cwd=ROOT, timeout=300,
                          env={**env_for(home), "DJANGO_SETTINGS_MODULE": "prongsai.web.settings"})
    assert done.returncode == 0, done.stderr
    return home / "db.sqlite3"


@pytest.fixture
def home(upgraded, tmp_path) -> Path:
    shutil.copy(upgraded, tmp_path / "db.sqlite3")
    return tmp_path


def tamper(home: Path, statement: str) -> None:
    with sqlite3.connect(home / "db.sqlite3") as db:
        db.executescript(statement)
    db.close()


def test_the_upgraded_release_database_is_chained_and_intact(home):
    out = prongsai(home, "verify")
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.startswith(f"บันทึกการเปลี่ยนแปลงครบถ้วน {RELEASE_ENTRIES} รายการ")
    with sqlite3.connect(home / "db.sqlite3") as db:
        order = [r[0] for r in db.execute("SELECT id FROM audit_auditentry ORDER BY seq")]
    assert order == sorted(order)  # chained in the order the entries were made
    data = json.loads(prongsai(home, "verify", "--json").stdout)
    assert data["intact"] is True and data["entries"] == RELEASE_ENTRIES and len(data["head"]) == 64


@pytest.mark.parametrize("statement,seq,words", [
    ("UPDATE audit_auditentry SET summary = 'แก้ย้อนหลัง' WHERE seq = 5", 5, "ถูกแก้ไข"),
    ("DELETE FROM audit_auditentry WHERE seq = 7", 7, "ถูกลบ"),
    ("DELETE FROM audit_auditentry WHERE seq = 13", 13, "ซึ่งเป็นรายการล่าสุดถูกลบ"),
    ("UPDATE audit_auditentry SET seq = seq + 1000 WHERE seq IN (3, 4);"
     "UPDATE audit_auditentry SET seq = 1007 - seq WHERE seq > 1000", 3, "ย้ายลำดับ"),
])
def test_tampering_exits_1_naming_the_first_broken_entry(home, statement, seq, words):
    tamper(home, statement)
    out = prongsai(home, "verify")
    assert out.returncode == 1, out.stdout + out.stderr
    line = out.stdout.strip()
    assert line.startswith("บันทึกการเปลี่ยนแปลงไม่ครบถ้วน:") and "\n" not in line
    assert f"รายการที่ {seq}" in line and words in line
    assert "Traceback" not in out.stderr
    problem = json.loads(prongsai(home, "verify", "--json").stdout)["problem"]
    assert problem["seq"] == seq


def test_a_database_that_cannot_be_opened_exits_2(tmp_path, upgraded):
    missing = prongsai(tmp_path / "nowhere", "verify")
    assert missing.returncode == 2 and "ไม่พบฐานข้อมูล" in missing.stderr
    assert not (tmp_path / "nowhere" / "db.sqlite3").exists()  # nothing created where nothing was
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "db.sqlite3").write_bytes(b"this is not a database" * 100)
    out = prongsai(broken, "verify")
    assert out.returncode == 2 and "เปิดฐานข้อมูล" in out.stderr and "Traceback" not in out.stderr
    old = tmp_path / "old"
    old.mkdir()
    shutil.copy(FIXTURE, old / "db.sqlite3")
    out = prongsai(old, "verify")
    assert out.returncode == 2 and "ยังไม่ได้ปรับรุ่น" in out.stderr
    for result in (missing, out):
        assert len(result.stderr.strip().splitlines()) == 1


WRITER = """
import sys, django
django.setup()
from prongsai.web.audit import log
for n in range(int(sys.argv[1])):
    log.record(None, None, "create", "ทดสอบ", None, f"เขียนพร้อมกัน {sys.argv[2]}-{n}")
"""


def test_several_processes_appending_at_once_keep_one_chain(home):
    workers, each = 4, 25
    env = {**env_for(home), "DJANGO_SETTINGS_MODULE": "prongsai.web.settings"}
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(each), str(w)], cwd=ROOT, env=env,
                              stderr=subprocess.PIPE, text=True) for w in range(workers)]
    for proc in procs:
        assert proc.wait(timeout=300) == 0, proc.stderr.read()
    out = prongsai(home, "verify")
    assert out.returncode == 0, out.stdout
    assert f"ครบถ้วน {RELEASE_ENTRIES + workers * each} รายการ" in out.stdout
