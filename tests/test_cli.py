"""The `prongsai` command as a user runs it: a real process, its output and exit status."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED_004, write_results

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "prongsai.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **(env or {})}, timeout=120)


def test_analyze_prints_thai_summary():
    out = run("analyze", "examples/ladya-2564.yaml")
    assert out.returncode == 0, out.stderr
    assert "คะแนนรวม 75.36" in out.stdout and "ระดับ B" in out.stdout
    assert "จุดอ่อน" in out.stdout and "ตัวชี้วัดคะแนนต่ำสุดของแต่ละแบบวัด" in out.stdout
    assert "ขาดอีก 9.64 คะแนน" in out.stdout


def test_analyze_json_contract():
    out = run("analyze", "examples/ladya-2564.yaml", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    for key in ("agency", "fiscal_year", "total", "level", "instruments", "indicators", "strengths",
                "weaknesses", "lowest_by_instrument"):
        assert key in data
    assert data["total"] == 75.36 and data["level"] == "B" and data["fiscal_year"] == 2564
    assert set(data["instruments"]) == {"IIT", "EIT", "OIT"}
    assert data["indicators"][0] == {**data["indicators"][0], "no": 1, "name": "การปฏิบัติหน้าที่",
                                     "instrument": "IIT", "score": 93.57, "weight": 6}
    assert data["weaknesses"] == [2, 4, 6, 7, 8, 9, 10]
    assert data["lowest_by_instrument"] == {"IIT": 2, "EIT": 6, "OIT": 10}


def test_analyze_several_files_compares_years(tmp_path):
    old = write_results(tmp_path, "yaml", SEED_004, "old")
    new = write_results(tmp_path, "csv", {**SEED_004, "fiscal_year": 2565, "total": None,
                                          "level": None, "indicators": {**SEED_004["indicators"], 10: 87.5}})
    out = run("analyze", str(new), str(old), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["fiscal_year"] == 2565 and data["history"][0]["fiscal_year"] == 2564
    assert data["change_since_previous"]["indicators"]["10"] == 50.0


def test_pass_mark_setting_from_environment_and_flag():
    env_out = json.loads(run("analyze", "examples/khongyang-2565.yaml", "--json",
                             env={"PRONGSAI_PASS_MARK": "90"}).stdout)
    assert env_out["weaknesses"] == [7, 8]
    flag_out = json.loads(run("analyze", "examples/khongyang-2565.yaml", "--json", "--pass-mark", "80").stdout)
    assert flag_out["weaknesses"] == []


@pytest.mark.parametrize("args, fragment", [
    (["analyze", "missing.yaml"], "ไม่พบไฟล์"),
    (["analyze"], "คำสั่งไม่ถูกต้อง"),
    (["frobnicate"], "คำสั่งไม่ถูกต้อง"),
    (["template", "out.xlsx", "--year", "2590"], "2590"),
])
def test_bad_input_exits_2_with_one_thai_line(args, fragment):
    out = run(*args)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert fragment in out.stderr


def test_bad_score_in_file_names_file_and_field(tmp_path):
    path = write_results(tmp_path, "yaml", {**SEED_004, "indicators": {**SEED_004["indicators"], 2: 120}})
    out = run("analyze", str(path))
    assert out.returncode == 2
    assert str(path) in out.stderr and "indicators › 2" in out.stderr and "0–100" in out.stderr


def test_template_writes_xlsx_and_nothing_on_error(tmp_path):
    target = tmp_path / "r.xlsx"
    out = run("template", str(target), "--year", "2567")
    assert out.returncode == 0 and target.exists()
    bad = tmp_path / "never.xlsx"
    assert run("template", str(bad), "--year", "1999").returncode == 2
    assert not bad.exists()
    assert run("template", str(tmp_path / "r.csv"), "--year", "2567").returncode == 2


def test_frameworks_lists_years_and_checks_a_file(tmp_path):
    out = run("frameworks")
    assert out.returncode == 0
    for year in range(2563, 2571):
        assert f"ปี {year}" in out.stdout
    assert run("frameworks", "check", "src/prongsai/ita/frameworks/ita-2564.yaml").returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: ita-2564\n", encoding="utf-8")
    out = run("frameworks", "check", str(bad))
    assert out.returncode == 2 and "bad.yaml" in out.stderr


def test_report_writes_docx_and_refuses_a_mismatched_name(tmp_path):
    out = tmp_path / "plan.docx"
    done = run("report", "examples/ladya-2564.yaml", "--kind", "plan", "--format", "docx", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:2] == b"PK"
    wrong = run("report", "examples/ladya-2564.yaml", "--kind", "plan", "--format", "pdf", "-o", str(tmp_path / "p.docx"))
    assert wrong.returncode == 2 and "นามสกุล" in wrong.stderr
    assert not (tmp_path / "p.docx").exists()
    assert run("report", "examples/ladya-2564.yaml", "--kind", "memo", "--format", "docx",
               "-o", str(tmp_path / "m.docx")).returncode == 2


def test_frameworks_diff_lists_what_changed_in_thai(tmp_path):
    out = run("frameworks", "diff", "2567", "2568")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("รายการ OIT ที่เปลี่ยนจากกรอบปี 2567 เป็นกรอบปี 2568")
    assert "ข้อที่" in out.stdout
    data = json.loads(run("frameworks", "diff", "2567", "2568", "--json").stdout)
    assert data["from"] == "ita-2567" and data["to"] == "ita-2568"
    assert {c["kind"] for c in data["changes"]} <= {"added", "removed", "renamed", "renumbered", "moved", "merged", "unknown"}
    merged = json.loads(run("frameworks", "diff", "2568", "2569", "--json").stdout)["changes"]
    assert {"kind": "merged", "old_code": "O11", "new_code": "O10"}.items() <= next(
        c for c in merged if c["old_code"] == "O11").items()
    for bad in (["frameworks", "diff", "2567"], ["frameworks", "diff", "2567", "2599"], ["frameworks", "nonsense"]):
        refused = run(*bad)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1


def test_template_defaults_to_the_year_just_announced(tmp_path):
    from prongsai.ita.library import announced_year

    out = run("template", str(tmp_path / "r.xlsx"))
    assert out.returncode == 0 and f"ปี {announced_year()}" in out.stdout
    refused = run("template", str(tmp_path / "v.xlsx"), "--variant", "nosuch")
    assert refused.returncode == 2 and "nosuch" in refused.stderr and not (tmp_path / "v.xlsx").exists()
