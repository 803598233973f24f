"""The promise of the complaint channel, checked on the real server as installed: a report sent
with a distinctive browser and address leaves neither anywhere in the data folder (database,
its journal, backups, uploads) or in the server's output, and the report's text is not in the
database file in readable form."""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.web.test_serve import ROOT, env_for, free_port, wait_until_up

AGENT = "Mozilla/5.0 (X11; Linux) ProngsaiLeakProbe/7.3.1-a9f3"
ADDRESS = "198.51.100.77"
TEXT = "ขอร้องเรียนเรื่องเงินทอนค่าก่อสร้างศาลาประชาคมหมู่เก้าที่ไม่มีใครรู้มาก่อน"
NAME = "นางสาวผู้แจ้งทดสอบ ลับมาก"


def send(port: int, path: str, form: dict[str, str]) -> tuple[int, str, list[tuple[str, str]]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("POST", path, body=urlencode(form), headers={
        "Content-Type": "application/x-www-form-urlencoded", "User-Agent": AGENT,
        "X-Forwarded-For": ADDRESS, "Origin": f"http://127.0.0.1:{port}"})
    response = conn.getresponse()
    body = response.read().decode("utf-8")
    conn.close()
    return response.status, body, response.getheaders()


@pytest.mark.slow
def test_a_report_leaves_no_trace_of_its_sender(tmp_path):
    home = tmp_path / "home"
    port = free_port()
    # The server's output goes to a file outside the data folder: at DEBUG every SQL statement is
    # logged, more than a pipe holds while nobody reads it.
    log_path = tmp_path / "server.log"
    env = {**env_for(home), "PRONGSAI_TRUSTED_PROXIES": "127.0.0.1", "PRONGSAI_LOG_LEVEL": "DEBUG"}
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.Popen([sys.executable, "-c", "from prongsai.cli import main; main()", "serve", "--port",
                                 str(port), "--demo"], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        wait_until_up(port, proc, timeout=120)
        status, body, headers = send(port, "/p/1/complaint/", {
            "category": "budget", "concerned": "กองช่าง", "what": TEXT, "identity": "named", "name": NAME,
            "contact": "0899999999"})
        assert status == 200, body[:2000]
        assert not [h for h, _ in headers if h.lower() == "set-cookie"]
        receipt = re.search(r"data-receipt>([0-9 ]+)<", body).group(1).replace(" ", "")
        status, body, _ = send(port, "/p/1/complaint/status/", {"receipt": receipt, "message": TEXT + " เพิ่มเติม"})
        assert status == 200 and "ส่งข้อความถึงเจ้าหน้าที่แล้ว" in body
        assert send(port, "/p/1/complaint/status/", {"receipt": "0" * 16})[0] == 404  # a logged refusal
        assert send(port, "/p/1/complaint/", {"what": "x"})[0] == 400
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    output = log_path.read_text(encoding="utf-8", errors="replace")
    found = []
    for path in sorted(p for p in home.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for secret in (AGENT, ADDRESS, TEXT, NAME):
            if secret.encode("utf-8") in data:
                found.append((path.relative_to(home).as_posix(), secret[:20]))
    assert found == []
    assert AGENT not in output and ADDRESS not in output
    assert any(Path(home, name).exists() for name in ("db.sqlite3",))
