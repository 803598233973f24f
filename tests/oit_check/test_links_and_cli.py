"""`prongsai oit check LINKS.yaml [--year N] [--json]` (design §5.4): exit 0 whatever the
items' status; a bad links file exits 2 with one Thai line naming the field."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from prongsai.errors import InputError
from prongsai.oit_check.links import parse_links
from tests.oit_check.site import Site, html

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from prongsai.cli import main; main()", *args], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def site():
    with Site({"/contact": html("<h1>ติดต่อเรา</h1><p>โทรศัพท์ 034-123456 อีเมล saraban@ladya.go.th "
                                "ตำบลลาดหญ้า อำเภอเมือง จังหวัดกาญจนบุรี</p>")}) as running:
        yield running


def write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "links.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_it_checks_and_prints_json(tmp_path, site):
    path = write(tmp_path, {"agency": "อบต.ลาดหญ้า", "fiscal_year": 2569, "items": {"O3": site.url + "/contact"}})
    out = run("oit", "check", str(path), "--json", env={"PRONGSAI_OIT_ALLOW_PRIVATE": "1"})
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    o3 = next(i for i in data["items"] if i["code"] == "O3")
    assert o3["status"] in ("ok", "incomplete") and o3["urls"] == [site.url + "/contact"]
    assert data["summary"]["missing"] == 25
    text = run("oit", "check", str(path), env={"PRONGSAI_OIT_ALLOW_PRIVATE": "1"})
    assert text.returncode == 0 and text.stdout.startswith("ผลตรวจความพร้อมข้อมูล OIT ตามกรอบปี 2569")


def test_without_the_setting_a_local_address_is_refused_not_fetched(tmp_path, site):
    path = write(tmp_path, {"fiscal_year": 2569, "items": {"O3": site.url + "/contact"}})
    before = len(site.hits)
    data = json.loads(run("oit", "check", str(path), "--json", env={"PRONGSAI_OIT_ALLOW_PRIVATE": ""}).stdout)
    o3 = next(i for i in data["items"] if i["code"] == "O3")
    assert o3["status"] == "unreachable" and "เครือข่ายภายใน" in o3["findings"][0]
    assert len(site.hits) == before


@pytest.mark.parametrize("data, words", [
    ({"fiscal_year": 2569, "items": {"O99": "https://a.go.th"}}, "ไม่มีข้อ 'O99'"),
    ({"fiscal_year": 2569, "items": {"O1": "ftp://a.go.th/x"}}, "ลิงก์"),
    ({"fiscal_year": 2590, "items": {}}, "ไม่มีกรอบการประเมินของปีงบประมาณ 2590"),
    ({"fiscal_year": 2569, "variant": "obec", "items": {}}, "ไม่มีกรอบเฉพาะกลุ่ม 'obec'"),
    ({"fiscal_year": 2569, "colour": "red"}, "ไม่รู้จักช่อง 'colour'"),
    ({"items": {}}, "ปีงบประมาณ"),
])
def test_a_bad_links_file_exits_2_with_one_thai_line(tmp_path, data, words):
    out = run("oit", "check", str(write(tmp_path, data)))
    assert out.returncode == 2 and words in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr


def test_links_accept_the_ways_reports_write_codes():
    links = parse_links({"fiscal_year": 2569, "items": {"๐๑": "https://a.go.th/1", "o2": ["https://a.go.th/2", None],
                                                         "O3": []}})
    assert links.items == {"O1": ("https://a.go.th/1",), "O2": ("https://a.go.th/2",), "O3": ()}
    with pytest.raises(InputError, match="ระบุซ้ำ"):
        parse_links({"fiscal_year": 2569, "items": {"O1": "https://a.go.th", "๐๑": "https://b.go.th"}})
