"""Web workspace at national scale: 8,000 agencies × 5 years of results.

Writes the country's results table (8,000 agencies × 5 years, XLSX and CSV) and imports it
through `prongsai import FILE --json` in a subprocess, as an administrator would (timing it, and
a re-import that changes nothing), serves the app with waitress on 127.0.0.1,
then requests the main pages in bounded loops and prints the median and p95 latency of each.

    .venv/bin/python benchmarks/web.py                    # embedded SQLite in a temporary folder
    DATABASE_URL=postgres://… .venv/bin/python benchmarks/web.py   # an (empty) PostgreSQL database
    .venv/bin/python benchmarks/web.py --agencies 800 --requests 50   # a quicker run

Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

YEARS = (2563, 2564, 2565, 2566, 2567)
PASSWORD = "benchmark-password-1"


def setup_django(home: Path) -> None:
    os.environ["PRONGSAI_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.web.settings")
    os.environ.setdefault("PRONGSAI_ALLOWED_HOSTS", "127.0.0.1,localhost")
    import django
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # faster logins
    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


# OIT items of every year 2563–2567 that the generated agencies fail now and then (score 0 with
# a reason), so the supervisor overview has failed items to count.
FAILED_ITEMS = ("O12", "O13", "O20", "O26", "O33", "O36", "O38", "O40")


def write_table(agencies: int, path: Path, seed: int = 42, as_excel_saves: bool = False) -> Path:
    """The country's results table as officers keep it: one row per agency and year, Thai headers.
    `as_excel_saves`: an XLSX with a shared-strings table, as Excel and LibreOffice save one
    (openpyxl's write-only mode writes every text inline, which is slower to read)."""
    from prongsai.results_table import write_rows

    rng = random.Random(seed)
    provinces = [f"จังหวัดทดสอบ{n:02d}" for n in range(1, 78)]
    header = ["ชื่อหน่วยงาน", "ประเภทหน่วยงาน", "จังหวัด", "อำเภอ", "ปีงบประมาณ",
              *(f"ตัวชี้วัดที่ {no}" for no in range(1, 11)),
              *(c for code in FAILED_ITEMS for c in (code, f"{code} เหตุผล"))]
    rows = []
    for n in range(agencies):
        base = rng.uniform(60, 97)
        for year in YEARS:
            indicators = [round(min(100.0, max(0.0, rng.gauss(base + (year - 2563) * 1.5, 6))), 2)
                          for _ in range(10)]
            failed = set(rng.sample(FAILED_ITEMS, k=rng.randint(0, 4)))
            items = [c for code in FAILED_ITEMS
                     for c in ((0, "ขาดองค์ประกอบ") if code in failed else (None, None))]
            rows.append([f"องค์การบริหารส่วนตำบลทดสอบ{n:05d}", "อบต.", provinces[n % len(provinces)],
                         f"อำเภอ{n % 900:03d}", year, *indicators, *items])
    if as_excel_saves:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "ผลการประเมิน ITA"
        for row in [header, *rows]:
            sheet.append(row)
        book.save(path)
        return path
    return write_rows(path, header, rows)


def run_import(path: Path, env: dict[str, str]) -> tuple[float, dict[str, object]]:
    """`prongsai import FILE --json` in a subprocess, as an administrator runs it."""
    import json
    import subprocess

    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "prongsai.cli", "import", str(path), "--json"],
                          capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"prongsai import {path.name} exited {done.returncode}: {done.stderr.strip()}")
    return elapsed, json.loads(done.stdout)


def counts(report: dict[str, object]) -> str:
    return (f"agencies_created {report['agencies_created']:,}, results_added {report['results_added']:,}, "
            f"results_changed {report['results_changed']:,}, results_unchanged {report['results_unchanged']:,}, "
            f"refused {len(report['refused']):,}")  # type: ignore[arg-type]


def load(agencies: int, home: Path) -> dict[str, float]:
    """The results of `agencies` agencies × 5 years, imported through `prongsai import` from an
    XLSX table (and, on SQLite, the same as CSV into a second folder); then the benchmark's users."""
    from django.contrib.auth.models import User
    from django.db import transaction

    from prongsai.web.agencies.models import Agency, Membership, SupervisorScope

    src = str(Path(__file__).resolve().parents[1] / "src")
    env = dict(os.environ, PRONGSAI_HOME=str(home), PYTHONPATH=src + os.pathsep + os.environ.get("PYTHONPATH", ""))
    figures: dict[str, float] = {}
    files = home / "tables"
    files.mkdir()
    started = time.perf_counter()
    xlsx = write_table(agencies, files / "country.xlsx", as_excel_saves=True)
    figures["write xlsx"] = time.perf_counter() - started
    inline = write_table(agencies, files / "country-inline.xlsx")
    csv = write_table(agencies, files / "country.csv")
    print(f"tables: {xlsx.name} {xlsx.stat().st_size / 2**20:.1f} MB as Excel saves it (shared strings), "
          f"{inline.name} {inline.stat().st_size / 2**20:.1f} MB as openpyxl's write-only mode writes it (inline "
          f"strings), {csv.name} {csv.stat().st_size / 2**20:.1f} MB")

    figures["import xlsx"], report = run_import(xlsx, env)
    print(f"prongsai import {xlsx.name}: {figures['import xlsx']:.1f} s wall — {counts(report)}")
    figures["reimport csv"], report = run_import(csv, env)
    print(f"prongsai import {csv.name} again (same data, nothing to change): {figures['reimport csv']:.1f} s wall — "
          f"{counts(report)}")
    if not os.environ.get("DATABASE_URL"):  # the other files, each into an empty SQLite workspace of its own
        import subprocess

        for table in (inline, csv):
            with tempfile.TemporaryDirectory(prefix="prongsai-bench-other-") as other:
                other_env = dict(env, PRONGSAI_HOME=other)
                subprocess.run([sys.executable, "-m", "django", "migrate", "-v0"], check=True,
                               env=dict(other_env, DJANGO_SETTINGS_MODULE="prongsai.web.settings"))
                figures[f"import {table.name}"], report = run_import(table, other_env)
                print(f"prongsai import {table.name} into an empty workspace: {figures[f'import {table.name}']:.1f} s "
                      f"wall — {counts(report)}")

    first = Agency.objects.order_by("pk").first()
    with transaction.atomic():
        User.objects.create_superuser("bench-admin", password=PASSWORD)
        officer = User.objects.create_user("bench-officer", password=PASSWORD)
        Membership.objects.create(user=officer, agency=first, role=Membership.ADMIN)
        supervisor = User.objects.create_user("bench-supervisor", password=PASSWORD)
        SupervisorScope.objects.create(user=supervisor, province=first.province)
    return figures


class Client:
    """A keep-alive HTTP client with cookies, on 127.0.0.1 only."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict[str, str] | None = None) -> tuple[int, str, float]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        data = None
        if body is not None:
            data = urlencode(body)
            headers.update({"Content-Type": "application/x-www-form-urlencoded",
                            "Referer": f"http://127.0.0.1:{self.conn.port}{path}"})
        started = time.perf_counter()
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        elapsed = time.perf_counter() - started
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text, elapsed

    def log_in(self, username: str) -> None:
        _, page, _ = self.request("GET", "/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _, _ = self.request("POST", "/login/", {"csrfmiddlewaretoken": token, "username": username,
                                                        "password": PASSWORD})
        if status != 302:
            raise SystemExit(f"login as {username} failed ({status})")


def measure(client: Client, paths: list[str]) -> list[float]:
    times = []
    for path in paths:
        status, _, elapsed = client.request("GET", path)
        if status != 200:
            raise SystemExit(f"GET {path} gave {status}")
        times.append(elapsed * 1000)
    return times


def summary(name: str, times: list[float]) -> str:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    return f"  {name:<50} n={len(times):<4} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--agencies", type=int, default=8000)
    parser.add_argument("--requests", type=int, default=200, help="requests per page type (bounded)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="prongsai-bench-") as tmp:
        setup_django(Path(tmp))
        from django.db import connection

        print(f"database: {connection.vendor} · {args.agencies:,} agencies × {len(YEARS)} years")
        load(args.agencies, Path(tmp))

        from waitress import create_server

        from prongsai.web.wsgi import application

        server = create_server(application, host="127.0.0.1", port=0, threads=4)
        port = server.effective_port
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()

        from prongsai.web.agencies.models import Agency

        ids = list(Agency.objects.values_list("pk", flat=True))
        rng = random.Random(7)
        n = args.requests
        admin = Client(port)
        admin.log_in("bench-admin")
        pages = (len(ids) + 24) // 25
        results = {
            "dashboard /a/<id>/ (latest year + 4 earlier)": measure(
                admin, [f"/a/{rng.choice(ids)}/" for _ in range(n)]),
            "dashboard of a given year /a/<id>/analysis/2565/": measure(
                admin, [f"/a/{rng.choice(ids)}/analysis/2565/" for _ in range(n)]),
            "agency list / (all agencies, 25 per page)": measure(
                admin, [f"/?page={rng.randint(1, pages)}" for _ in range(n)]),
            "agency list search /?q=…": measure(
                admin, [f"/?q=%E0%B8%97%E0%B8%94%E0%B8%AA%E0%B8%AD%E0%B8%9A{rng.randint(0, 7999):05d}"
                        for _ in range(n)]),
            "results list /a/<id>/results/": measure(
                admin, [f"/a/{rng.choice(ids)}/results/" for _ in range(n)]),
        }
        supervisor = Client(port)
        supervisor.log_in("bench-supervisor")
        results["supervisor overview, one province /supervise/"] = measure(
            supervisor, ["/supervise/"] * max(5, n // 4))
        results["supervisor overview, whole country (superuser)"] = measure(admin, ["/supervise/"] * max(5, n // 4))
        from prongsai.web.supervision.overview import bump

        after_change = []
        for _ in range(max(3, n // 40)):
            bump()  # as any saved result does: the figures are worked out again
            after_change += measure(admin, ["/supervise/"])
        results["supervisor overview, whole country, first view after a change"] = after_change
        print("latency over loopback (waitress, 4 threads, one client at a time):")
        for name, times in results.items():
            print(summary(name, times))
        server.close()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.exit(main())
