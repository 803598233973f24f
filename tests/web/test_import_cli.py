"""`prongsai import FILE [--json]` on a real data folder (PRONGSAI_HOME), in a subprocess as a
user runs it: exit 0 / 1 / 2, the JSON counts, idempotence, nothing written on a bad file."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from prongsai.results_table import write_rows

ROOT = Path(__file__).resolve().parents[2]
HEADER = ["ชื่อหน่วยงาน", "ประเภทหน่วยงาน", "จังหวัด", "อำเภอ", "ปีงบประมาณ", *(f"ตัวชี้วัดที่ {n}" for n in range(1, 11))]
SCORES = [93.57, 84.05, 89.76, 84.87, 87.64, 80.93, 84.6, 81.0, 84.06, 37.5]
ROWS = [
    ["องค์การบริหารส่วนตำบลลาดหญ้า", "อบต.", "กาญจนบุรี", "เมืองกาญจนบุรี", 2564, *SCORES],
    ["องค์การบริหารส่วนตำบลลาดหญ้า", "อบต.", "กาญจนบุรี", "เมืองกาญจนบุรี", 2565, *SCORES],
    ["เทศบาลตำบลท่าล้อ", "ทต.", "กาญจนบุรี", "ท่าม่วง", "๒๕๖๖", *SCORES],
]


def prongsai(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(PRONGSAI_HOME=str(home), PYTHONPATH=str(ROOT / "src"), PRONGSAI_SECRET_KEY="x" * 60)
    return subprocess.run([sys.executable, "-m", "prongsai.cli", *args], capture_output=True, text=True, env=env,
                          timeout=120, check=False)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update(PRONGSAI_HOME=str(home), DJANGO_SETTINGS_MODULE="prongsai.web.settings", PRONGSAI_SECRET_KEY="x" * 60,
               PYTHONPATH=str(ROOT / "src"))
    subprocess.run([sys.executable, "-m", "django", "migrate", "-v0"], env=env, check=True, timeout=300)
    return home


def count(home: Path, table: str) -> int:
    with sqlite3.connect(home / "db.sqlite3") as db:
        return db.execute(f"select count(*) from {table}").fetchone()[0]


def test_import_then_reimport(home: Path, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "kanchanaburi.xlsx", HEADER, ROWS)
    done = prongsai(home, "import", str(path), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert {k: report[k] for k in ("agencies_created", "results_added", "results_changed", "results_unchanged")} == {
        "agencies_created": 2, "results_added": 3, "results_changed": 0, "results_unchanged": 0}
    assert report["refused"] == []
    entries = count(home, "audit_auditentry")
    again = prongsai(home, "import", str(path))
    assert again.returncode == 0, again.stderr
    assert "ไม่มีข้อมูลเปลี่ยนแปลง" in again.stdout and "ไม่เปลี่ยนแปลง 3 รายการ" in again.stdout
    assert count(home, "audit_auditentry") == entries
    assert count(home, "agencies_agency") == 2


def test_refused_rows_exit_1_and_are_listed(home: Path, tmp_path: Path) -> None:
    rows = [["อบต.หนองหญ้า", "อบต.", "กาญจนบุรี", "", 2567, *SCORES],
            ["อบต.หนองหญ้า", "อบต.", "กาญจนบุรี", "", 2566, 120, *SCORES[1:]],
            ["อบต.ซ้ำ", "อบต.", "กาญจนบุรี", "", 2567, *SCORES],
            ["อบต.ซ้ำ", "อบต.", "กาญจนบุรี", "", 2567, *SCORES]]
    path = write_rows(tmp_path / "some-bad.csv", HEADER, rows)
    done = prongsai(home, "import", str(path), "--json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    # a score outside 0–100; the same agency and year twice (both refused: which is right?)
    assert [r["row"] for r in report["refused"]] == [3, 4, 5]
    assert "0–100" in report["refused"][0]["message"] and "ซ้ำกับแถว 5" in report["refused"][1]["message"]
    assert report["results_added"] == 1 and report["agencies_created"] == 1
    text = prongsai(home, "import", str(path))
    assert text.returncode == 1 and "แถว 4:" in text.stdout and "ไม่เปลี่ยนแปลง 1 รายการ" in text.stdout


def test_a_partial_row_never_wipes_a_stored_result(home: Path, tmp_path: Path) -> None:
    full = [["อบต.ครบ", "อบต.", "ตาก", "", 2569, *SCORES]]
    assert prongsai(home, "import", str(write_rows(tmp_path / "full.csv", HEADER, full)), "--json").returncode == 0
    partial = [["อบต.ครบ", "อบต.", "ตาก", "", 2569, 99, *[""] * 9]]
    done = prongsai(home, "import", str(write_rows(tmp_path / "partial.csv", HEADER, partial)), "--json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert {k: report[k] for k in ("agencies_created", "results_added", "results_changed", "results_unchanged")} == {
        "agencies_created": 0, "results_added": 0, "results_changed": 0, "results_unchanged": 0}
    [refused] = report["refused"]
    assert refused["row"] == 2 and set(refused) == {"row", "message"}
    assert "ผลการประเมินปี 2569 ของอบต.ครบ จังหวัดตาก ที่บันทึกไว้มีคะแนนตัวชี้วัดที่ 2–10" in refused["message"]
    assert "ระบบจะไม่ลบคะแนนที่บันทึกไว้" in refused["message"]
    with sqlite3.connect(home / "db.sqlite3") as db:
        [(indicators,)] = db.execute("select r.indicators from assessments_result r join agencies_agency a "
                                     "on a.id = r.agency_id where a.name = 'อบต.ครบ'").fetchall()
    assert len(json.loads(indicators)) == 10 and json.loads(indicators)["1"] == SCORES[0]


def test_a_bad_file_exits_2_with_one_thai_line_and_writes_nothing(home: Path, tmp_path: Path) -> None:
    agencies = count(home, "agencies_agency")
    bad = write_rows(tmp_path / "bad.csv", ["ชื่อหน่วยงาน", "ปีงบประมาณ", "1"], [["อบต.ก", 2567, 90]])
    for args in (["import", str(bad)], ["import", str(tmp_path / "missing.xlsx")], ["import"]):
        done = prongsai(home, *args)
        assert done.returncode == 2
        assert done.stderr.count("\n") == 1 and "ข้อผิดพลาด" in done.stderr and "Traceback" not in done.stderr
    assert "ไม่พบคอลัมน์จังหวัด" in prongsai(home, "import", str(bad)).stderr
    assert count(home, "agencies_agency") == agencies


def test_no_database_is_exit_2(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "t.csv", HEADER, ROWS[:1])
    done = prongsai(tmp_path / "empty-home", "import", str(path))
    assert done.returncode == 2 and "ไม่พบฐานข้อมูล" in done.stderr
    assert not (tmp_path / "empty-home" / "db.sqlite3").exists()


def test_help_is_thai() -> None:
    done = prongsai(Path("/nonexistent"), "import", "--help")
    assert done.returncode == 0 and "นำเข้า" in done.stdout
