"""Web workspace at national scale: 8,000 agencies × 5 years of results.

Loads the data with bulk_create (timing the import), serves the app with waitress on 127.0.0.1,
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


def load(agencies: int, seed: int = 42) -> dict[str, float]:
    """Agencies, their units and 5 years of results each; returns timings in seconds."""
    from django.contrib.auth.models import User
    from django.db import transaction

    from prongsai.ita.library import get_framework
    from prongsai.ita.results import ItemResult, YearResult
    from prongsai.web.agencies.models import Agency, Membership, SupervisorScope, Unit
    from prongsai.web.assessments.models import Result

    rng = random.Random(seed)
    frameworks = {y: get_framework(y) for y in YEARS}
    oit_codes = {y: [i.code for i in frameworks[y].items_of("OIT")] for y in YEARS}
    provinces = [f"จังหวัดทดสอบ{n:02d}" for n in range(1, 78)]
    started = time.perf_counter()

    # build every row in memory first (scoring included), so the database part is measured alone
    agency_rows = [Agency(name=f"องค์การบริหารส่วนตำบลทดสอบ{n:05d}", agency_type="อบต.",
                          district=f"อำเภอ{n % 900:03d}", province=provinces[n % len(provinces)])
                   for n in range(agencies)]
    results = []
    for index in range(agencies):
        base = rng.uniform(60, 97)
        for year in YEARS:
            indicators = {no: round(min(100.0, max(0.0, rng.gauss(base + (year - 2563) * 1.5, 6))), 2)
                          for no in range(1, 11)}
            failed = rng.sample(oit_codes[year], k=rng.randint(0, 4)) if oit_codes[year] else []
            items = {code: ItemResult(code, 0.0, "ขาดองค์ประกอบ") for code in failed}
            row = Result(fiscal_year=year, source=Result.FILE)
            row.set_year_result(YearResult(year, indicators=indicators, items=items))
            row._agency_index = index
            results.append(row)
    built = time.perf_counter()

    with transaction.atomic():
        Agency.objects.bulk_create(agency_rows, batch_size=2000)
        if agency_rows[0].pk is None:  # backends that do not return ids from bulk inserts
            ids = dict(Agency.objects.values_list("name", "pk"))
            for a in agency_rows:
                a.pk = ids[a.name]
        Unit.objects.bulk_create([Unit(agency=a, name=n, order=i) for a in agency_rows
                                  for i, n in enumerate(("สำนักปลัด", "กองคลัง", "กองช่าง"))], batch_size=5000)
        for row in results:
            row.agency = agency_rows[row._agency_index]
        Result.objects.bulk_create(results, batch_size=2000)
        User.objects.create_superuser("bench-admin", password=PASSWORD)
        officer = User.objects.create_user("bench-officer", password=PASSWORD)
        Membership.objects.create(user=officer, agency=agency_rows[0], role=Membership.ADMIN)
        supervisor = User.objects.create_user("bench-supervisor", password=PASSWORD)
        SupervisorScope.objects.create(user=supervisor, province=provinces[0])
    inserted = time.perf_counter()
    return {"build": built - started, "insert": inserted - built, "total": inserted - started,
            "results": len(results)}


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
        timings = load(args.agencies)
        print(f"import: {timings['results']:,} results — built and scored in {timings['build']:.2f} s, "
              f"bulk_create {timings['insert']:.2f} s, total {timings['total']:.2f} s")

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
        results["supervisor overview, whole country (superuser)"] = measure(admin, ["/supervise/"] * max(3, n // 20))
        print("latency over loopback (waitress, 4 threads, one client at a time):")
        for name, times in results.items():
            print(summary(name, times))
        server.close()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.exit(main())
