"""A database release 0.1.0 made (`prongsai serve --demo`, only the initial migrations) upgrades
through every migration since, at the real start-up, with all its data and the same login.

The fixture is never regenerated (tests/web/fixtures/README.md): it stands for databases in the
field. Every new migration runs here against real rows, so a data migration that breaks on
existing data fails this test.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.web.test_serve import ROOT, env_for

FIXTURE = Path(__file__).parent / "fixtures" / "release-0.1.0.sqlite3"
ADMIN_PASSWORD = "Bp49-auGa-sQ42"
AGENCIES = ["องค์การบริหารส่วนตำบลลาดหญ้า", "องค์การบริหารส่วนตำบลไค้งยาง", "เทศบาลตำบลบ้านใหม่สามัคคี"]

# Runs in a fresh process: the real start-up (prepare) on the copied database, then what a user
# would see, through the login form and the pages.
UPGRADE = """
import json, sys
from prongsai.web.serve import prepare
prepare()
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.contrib.auth.models import User
from prongsai.web.agencies.models import Agency
from prongsai.web.assessments.models import Result
from prongsai.web.audit.models import AuditEntry
from prongsai.web.oit.models import OitCheck
from prongsai.web.plans.models import Measure, Plan, ProgressEntry, Step

executor = MigrationExecutor(connection)
pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
client = Client()
login = client.post("/login/", {"username": "admin", "password": sys.argv[1]})
pages = {}
for agency in Agency.objects.order_by("pk"):
    for suffix in ("", "results/", "plans/", "tracking/", "audit/", "oit/2569/"):
        pages[f"/a/{agency.pk}/{suffix}"] = client.get(f"/a/{agency.pk}/{suffix}").status_code
pages["/"] = client.get("/").status_code
print(json.dumps({
    "pending": [str(m) for m, _ in pending],
    "login": login.status_code, "login_to": login.get("Location", ""),
    "pages": pages,
    "agencies": sorted(Agency.objects.values_list("name", flat=True)),
    "users": list(User.objects.values_list("username", "is_superuser")),
    "plans": Plan.objects.count(), "measures": Measure.objects.count(), "steps": Step.objects.count(),
    "progress": ProgressEntry.objects.count(), "results": Result.objects.count(),
    "oit": OitCheck.objects.count(),
    "audit": sorted(AuditEntry.objects.values_list("pk", flat=True)),
    "totals": sorted(float(t) for t in Result.objects.values_list("total", flat=True)),
}, ensure_ascii=False))
"""


def test_release_0_1_0_database_upgrades_with_its_data_and_logins(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(FIXTURE, home / "db.sqlite3")
    before = sqlite3.connect(home / "db.sqlite3")
    audit_before = sorted(r[0] for r in before.execute("select id from audit_auditentry"))
    before.close()
    assert len(audit_before) == 13

    env = env_for(home)
    env["PRONGSAI_ALLOWED_HOSTS"] = "testserver"
    done = subprocess.run([sys.executable, "-c", UPGRADE, ADMIN_PASSWORD], env=env, cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stderr
    state = json.loads(done.stdout.strip().splitlines()[-1])

    assert state["pending"] == []
    assert state["login"] == 302 and "/login/" not in state["login_to"]
    assert state["pages"] and all(code == 200 for code in state["pages"].values()), state["pages"]
    assert state["agencies"] == sorted(AGENCIES)
    assert ["admin", True] in state["users"]
    assert (state["plans"], state["measures"], state["progress"], state["results"]) == (3, 19, 3, 3)
    assert (state["oit"], state["steps"]) == (8, 51)
    assert sorted(state["totals"]) == [54.7, 75.36, 94.19]
    # every entry release 0.1.0 wrote is still there (the upgrade may log more, never fewer)
    assert set(audit_before) <= set(state["audit"])
