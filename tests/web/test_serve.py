"""`prongsai serve` as a user starts it: a real process, a fresh PRONGSAI_HOME, the embedded SQLite."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_for(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "PRONGSAI_SECRET_KEY", "PRONGSAI_ALLOWED_HOSTS",
                        "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env["PRONGSAI_HOME"] = str(home)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def start(home: Path, port: int, demo: bool = False, env: dict[str, str] | None = None,
          args: tuple[str, ...] = ()) -> subprocess.Popen:
    """`prongsai serve` as typed, in its own process group (gunicorn's workers stop with it)."""
    command = [sys.executable, "-c", "from prongsai.cli import main; main()", "serve", "--port", str(port),
               *(["--demo"] if demo else []), *args]
    return subprocess.Popen(command, env={**env_for(home), **(env or {})}, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8", start_new_session=True)


def wait_until_up(port: int, proc: subprocess.Popen, timeout: float = 60, path: str = "/login/",
                  headers: dict[str, str] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited: {proc.communicate()}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path, headers=headers or {})
            if conn.getresponse().status < 500:
                conn.close()
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("serve did not start")


def stop(proc: subprocess.Popen) -> str:
    proc.terminate()
    try:
        out, _err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # its own group: the workers too, nothing else
        out, _err = proc.communicate(timeout=10)
    return out


def test_first_start_creates_the_database_and_an_administrator(tmp_path):
    home = tmp_path / "home"
    port = free_port()
    proc = start(home, port)
    try:
        wait_until_up(port, proc)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/prongsai/css/app.css") as r:
            assert b"Sarabun" in r.read()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/") as r:
            page = r.read().decode()
            assert "เข้าสู่ระบบ" in page
            assert "Content-Security-Policy" in r.headers
    finally:
        out = stop(proc)
    assert "ชื่อผู้ใช้: admin" in out
    password_file = home / "admin-password.txt"
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    password = password_file.read_text(encoding="utf-8").split("รหัสผ่าน: ")[1].split()[0]
    assert password in out
    assert (home / "db.sqlite3").exists()
    # the second start keeps the administrator and points to the file
    port = free_port()
    proc = start(home, port)
    try:
        wait_until_up(port, proc)
    finally:
        out = stop(proc)
    assert "admin-password.txt" in out and password not in out


@pytest.mark.slow
def test_demo_loads_the_seed_agencies_once(tmp_path):
    home = tmp_path / "home"
    for _ in range(2):
        port = free_port()
        proc = start(home, port, demo=True)
        try:
            wait_until_up(port, proc)
        finally:
            stop(proc)
    db = sqlite3.connect(home / "db.sqlite3")
    seeds = "name not like '%ตัวอย่าง __'"  # the demo province's made-up agencies end so
    seed_ids = f"(select id from agencies_agency where {seeds})"
    names = sorted(n for (n,) in db.execute(f"select name from agencies_agency where {seeds}"))
    assert names == ["องค์การบริหารส่วนตำบลลาดหญ้า", "องค์การบริหารส่วนตำบลไค้งยาง", "เทศบาลตำบลบ้านใหม่สามัคคี"]
    assert db.execute(f"select count(*) from assessments_result where agency_id in {seed_ids}").fetchone()[0] == 3
    assert db.execute(f"select count(*) from plans_plan where agency_id in {seed_ids}").fetchone()[0] == 3
    assert db.execute(f"select count(*) from plans_plan where status='approved' and agency_id in {seed_ids}"
                      ).fetchone()[0] == 1
    assert db.execute("select count(*) from plans_progressentry").fetchone()[0] >= 3
    assert db.execute("select count(*) from oit_oitcheck").fetchone()[0] > 0
    totals = sorted(t for (t,) in db.execute(f"select total from assessments_result where agency_id in {seed_ids}"))
    assert totals == [54.7, 75.36, 94.19]
    # the province table, loaded once: 40 agencies × 3 years, a third with plans
    assert db.execute(f"select count(*) from agencies_agency where not ({seeds})").fetchone()[0] == 40
    assert db.execute(f"select count(*) from assessments_result where agency_id not in {seed_ids}").fetchone()[0] == 120
    assert db.execute(f"select count(*) from plans_plan where agency_id not in {seed_ids}").fetchone()[0] == 14


def test_a_busy_port_is_a_clear_thai_error(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = start(tmp_path / "home", port)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "เปิดพอร์ต" in err
    assert "Traceback" not in err


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = env_for(tmp_path)
    env.update({"DJANGO_SETTINGS_MODULE": "prongsai.web.settings_production",
                "PRONGSAI_SECRET_KEY": "k" * 20 + "-production-secret-key-that-is-long-enough-0123456789",
                "PRONGSAI_ALLOWED_HOSTS": "ita.example.go.th"})
    done = subprocess.run([sys.executable, "-m", "prongsai.web", "check", "--deploy", "--fail-level", "WARNING"],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout
    env.pop("PRONGSAI_SECRET_KEY")
    done = subprocess.run([sys.executable, "-m", "prongsai.web", "check", "--deploy"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "PRONGSAI_SECRET_KEY" in done.stderr


def children_of(pid: int) -> list[int]:
    found = []
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat_file.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="counts worker processes through /proc")
def test_several_worker_processes_serve_and_oversized_requests_are_refused_unread(tmp_path):
    home = tmp_path / "home"
    port = free_port()
    proc = start(home, port, args=("--workers", "3"))
    try:
        wait_until_up(port, proc)
        deadline = time.monotonic() + 30
        while len(children_of(proc.pid)) < 3 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(children_of(proc.pid)) == 3
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.putrequest("POST", "/login/")
        conn.putheader("Content-Length", str(10 * 1024 ** 3))  # 10 GiB announced, nothing sent
        conn.endheaders()
        response = conn.getresponse()
        assert response.status == 413
        assert "ใหญ่เกิน" in response.read().decode()
        conn.close()
    finally:
        out = stop(proc)
    assert "gunicorn 3 โปรเซส" in out
    assert "ปิดระบบแล้ว" in out
    assert children_of(proc.pid) == []


def test_bad_workers_value_is_a_thai_error(tmp_path):
    done = subprocess.run([sys.executable, "-c", "from prongsai.cli import main; main()", "serve", "--workers", "0"],
                          env=env_for(tmp_path / "home"), cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "ตั้งแต่ 1 ขึ้นไป" in done.stderr and "Traceback" not in done.stderr


def test_a_bad_channel_key_is_a_thai_error_and_exit_2(tmp_path):
    proc = start(tmp_path / "home", free_port(), env={"PRONGSAI_CHANNEL_KEY": "too-short"})
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2
    assert "PRONGSAI_CHANNEL_KEY" in err and "32 ไบต์" in err
    assert "Traceback" not in err
