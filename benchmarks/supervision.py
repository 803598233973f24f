"""The supervisor overview at national scale: 8,000 agencies × 5 years of results (benchmarks/web.py's
data), plus plans with measures and progress, OIT checklists and automatic checks for many of them.

Serves the app with waitress on 127.0.0.1 and prints the median and p95 latency of: the whole
country (system administrator, no filter), one province (a supervisor of one province), one
province + agency type, and the comparison of agencies — each first right after a change of the
data (the figures are recomputed: "cold") and then as the page is read again ("warm").

    .venv/bin/python benchmarks/supervision.py                         # embedded SQLite
    DATABASE_URL=postgres://… .venv/bin/python benchmarks/supervision.py   # an empty PostgreSQL database
    .venv/bin/python benchmarks/supervision.py --agencies 800 --requests 40   # quicker
    .venv/bin/python benchmarks/supervision.py --documents             # also zips of 10 and 30 PDFs

Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from web import Client, load, measure, setup_django, summary  # noqa: E402


def add_cycle_data(seed: int = 11) -> dict[str, int]:
    """Plans (70 % of the agencies, most approved) with 5 measures and some progress each, OIT
    checklists (30 %) and automatic checks (10 %) for the year after the newest result."""
    from django.db import transaction

    from prongsai.ita.library import available_years, get_framework
    from prongsai.web.agencies.models import Agency
    from prongsai.web.assessments.models import Result
    from prongsai.web.oit.models import OitCheck, OitRun
    from prongsai.web.plans.models import Measure, Plan, ProgressEntry

    rng = random.Random(seed)
    year = max(Result.objects.values_list("fiscal_year", flat=True))
    oit_year = year + 1 if year + 1 in available_years() else year
    oit_codes = [i.code for i in get_framework(oit_year).items_of("OIT")]
    agencies = list(Agency.objects.values_list("pk", flat=True))
    plans, counts = [], {"plans": 0, "measures": 0, "progress": 0, "oit_checks": 0, "oit_runs": 0}
    with transaction.atomic():
        for agency_id in agencies:
            if rng.random() < 0.7:
                plans.append(Plan(agency_id=agency_id, fiscal_year=year + 1, based_on_year=year, version=1,
                                  status=Plan.APPROVED if rng.random() < 0.75 else Plan.DRAFT))
        Plan.objects.bulk_create(plans, batch_size=2000)
        if plans[0].pk is None:
            ids = dict(Plan.objects.filter(based_on_year=year).values_list("agency_id", "pk"))
            for p in plans:
                p.pk = ids[p.agency_id]
        measures = [Measure(plan=p, order=i, title=f"มาตรการที่ {i + 1}") for p in plans for i in range(5)]
        Measure.objects.bulk_create(measures, batch_size=5000)
        if measures[0].pk is None:
            by_key = {(m.plan_id, m.order): m.pk for m in Measure.objects.only("pk", "plan_id", "order")}
            for m in measures:
                m.pk = by_key[(m.plan_id, m.order)]
        start = date(year - 543, 10, 1)
        entries = []
        for m in measures:
            if m.plan.status == Plan.APPROVED and rng.random() < 0.6:
                entries.append(ProgressEntry(agency_id=m.plan.agency_id, measure=m, lineage=m.lineage,
                                             as_of=start + timedelta(days=rng.randint(30, 200)),
                                             status=rng.choice(["done", "in_progress", "late", "not_started"])))
        ProgressEntry.objects.bulk_create(entries, batch_size=5000)
        checks, runs = [], []
        for agency_id in agencies:
            if rng.random() < 0.3:
                for code in oit_codes:
                    checks.append(OitCheck(agency_id=agency_id, fiscal_year=oit_year, code=code,
                                           status=rng.choice(["done", "done", "partial", "missing", "todo"])))
            if rng.random() < 0.1:
                summary_ = {k: 0 for k in ("ok", "stale", "incomplete", "unreachable", "unreadable", "missing")}
                for _ in oit_codes:
                    summary_[rng.choice(["ok", "ok", "ok", "stale", "incomplete", "unreachable", "missing"])] += 1
                from django.utils import timezone

                runs.append(OitRun(agency_id=agency_id, fiscal_year=oit_year, state=OitRun.DONE,
                                   finished_at=timezone.now(), report={"summary": summary_, "items": []}))
        OitCheck.objects.bulk_create(checks, batch_size=5000)
        OitRun.objects.bulk_create(runs, batch_size=2000)
    counts.update(plans=len(plans), measures=len(measures), progress=len(entries), oit_checks=len(checks),
                  oit_runs=len(runs))
    return counts


def touch() -> None:
    """A change of the data, as an officer saving a result: the next overview recomputes."""
    from prongsai.web.assessments.models import Result

    result = Result.objects.order_by("-fiscal_year", "pk").first()
    result.save(update_fields=["updated_at"])


def cold(client: Client, path: str, n: int) -> list[float]:
    times = []
    for _ in range(n):
        touch()
        times.extend(measure(client, [path]))
    return times


def documents(agencies: list[int], kind: str = "analysis") -> tuple[float, int]:
    """Seconds to build the zip of `agencies`' documents (as the page does, without HTTP)."""
    from prongsai.web.agencies.models import Agency
    from prongsai.web.supervision.batch import build_batch

    chosen = list(Agency.objects.filter(pk__in=agencies))
    started = time.perf_counter()
    made = build_batch(chosen, kind, 2567)
    return time.perf_counter() - started, len(made.made)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--agencies", type=int, default=8000)
    parser.add_argument("--requests", type=int, default=100, help="warm requests per page type (bounded)")
    parser.add_argument("--cold", type=int, default=10, help="requests right after a change, per page type")
    parser.add_argument("--documents", action="store_true", help="also time zips of 10 and 30 analysis PDFs")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="prongsai-bench-sv-") as tmp:
        setup_django(Path(tmp))
        from django.db import connection

        print(f"database: {connection.vendor} · {args.agencies:,} agencies × 5 years")
        timings = load(args.agencies, Path(tmp))  # benchmarks/web.py: through `prongsai import`
        print("load: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()))
        started = time.perf_counter()
        extra = add_cycle_data()
        print("cycle data: " + ", ".join(f"{k} {v:,}" for k, v in extra.items())
              + f" in {time.perf_counter() - started:.2f} s")

        from waitress import create_server

        from prongsai.web.agencies.models import Agency
        from prongsai.web.wsgi import application

        server = create_server(application, host="127.0.0.1", port=0, threads=4)
        threading.Thread(target=server.run, daemon=True).start()
        port = server.effective_port
        admin, supervisor = Client(port), Client(port)
        admin.log_in("bench-admin")
        supervisor.log_in("bench-supervisor")
        province = Agency.objects.order_by("pk").values_list("province", flat=True).first()
        ids = list(Agency.objects.values_list("pk", flat=True))
        rng = random.Random(3)
        n = args.requests
        from urllib.parse import quote

        pages = {
            "whole country (system administrator, no filter)": (admin, "/supervise/"),
            "one province (supervisor of one province)": (supervisor, "/supervise/"),
            "one province + agency type (administrator)": (admin, f"/supervise/?province={quote(province)}"
                                                                    f"&type={quote('อบต.')}"),
            "whole country, table page 40 of all agencies": (admin, "/supervise/?show=all&page=40"),
            "whole country, drill-down: below 85 on indicator 8": (admin, "/supervise/?indicator=8&show=all"),
            "whole country, agencies without a result of the year": (admin, "/supervise/?show=missing"),
        }
        results: dict[str, list[float]] = {}
        for name, (client, path) in pages.items():
            results[f"{name} — cold"] = cold(client, path, args.cold)
            results[f"{name} — warm"] = measure(client, [path] * n)
        compare_paths = ["/supervise/compare/?" + "&".join(f"id={i}" for i in rng.sample(ids, rng.randint(2, 6)))
                         + "&year=2567" for _ in range(n)]
        results["compare 2–6 agencies in one year"] = measure(admin, compare_paths)
        results["compare one agency across its years"] = measure(
            admin, [f"/supervise/compare/?id={rng.choice(ids)}" for _ in range(n)])
        print("latency over loopback (waitress, 4 threads, one client at a time):")
        for name, times in results.items():
            print(summary(name, times))
        server.close()
        if args.documents:
            for count in (10, 30):
                seconds, made = documents(rng.sample(ids, count))
                print(f"  zip of {count} analysis PDFs ({made} made, one LibreOffice): {seconds:.1f} s "
                      f"({seconds / count:.2f} s each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
