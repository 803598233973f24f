"""E-Service's costs, in process (Django's test client, embedded SQLite in a temporary folder):
sending a request through the public form, finding it by its code, and — with many requests in
the database — the public service statistics page (the OIT item; target p95 ≤ 100 ms with
100,000 requests), its Excel file, and the staff's queue.

    .venv/bin/python benchmarks/eservice.py [--requests 100000] [--repeat 50]
    DATABASE_URL=postgres://… .venv/bin/python benchmarks/eservice.py   # an (empty) PostgreSQL database

The requests are spread over the last fiscal year and this one, over five services of one
agency. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from public_channels import line, timed  # noqa: E402

from web import setup_django  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=100_000, help="requests in the database")
    parser.add_argument("--repeat", type=int, default=50, help="times each page is asked for")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="prongsai-bench-") as home:
        setup_django(Path(home))
        from django.contrib.auth.models import User
        from django.db import connection
        from django.test import Client
        from django.utils import timezone

        from prongsai.services.requests import due_on, new_code
        from prongsai.thai import fiscal_year_bounds, fiscal_year_of
        from prongsai.web.agencies.models import Agency, Membership, Unit
        from prongsai.web.eservice.models import RequestType, ServiceRequest

        print(f"database: {connection.vendor}")
        agency = Agency.objects.create(name="องค์การบริหารส่วนตำบลทดสอบ", agency_type="อบต.", province="กาญจนบุรี")
        units = [Unit.objects.create(agency=agency, name=n, order=i)
                 for i, n in enumerate(["สำนักปลัด", "กองคลัง", "กองช่าง", "กองสาธารณสุขและสิ่งแวดล้อม", "กองการศึกษา"])]
        steps = [{"text": "รับคำขอและดำเนินการ", "responsible": "", "time": "3 วันทำการ"}]
        fields = [{"label": "บ้านเลขที่และหมู่ที่", "kind": "text", "required": True, "choices": [], "help": ""},
                  {"label": "จำนวน", "kind": "number", "required": True, "choices": [], "help": ""}]
        types = [RequestType.objects.create(agency=agency, name=f"บริการทดสอบที่ {n + 1}", unit=units[n],
                                            description="บริการสำหรับการวัดเวลา", working_days=3 + n,
                                            steps=steps, fields=fields, order=n) for n in range(5)]
        officer = User.objects.create_user("officer", password="x")
        Membership.objects.create(user=officer, agency=agency, role="admin")
        client = Client(HTTP_HOST="localhost")
        form = {"applicant_name": "นางสาวทดสอบ ความเร็ว", "contact": "081 234 5678", "f1": "12 หมู่ 3", "f2": "4"}
        codes: list[str] = []

        def send(i: int) -> None:
            r = client.post(f"/p/{agency.pk}/eservice/{types[i % 5].pk}/", form, REMOTE_ADDR=f"10.{i // 250}.{i % 250}.1")
            codes.append(re.search(r"data-code>([^<]+)<", r.content.decode()).group(1))

        line("send a request (public form, code)", timed(send, 200))
        line("status by code", timed(lambda i: client.post(f"/p/{agency.pk}/eservice/status/", {"code": codes[i]},
                                                           REMOTE_ADDR=f"10.9.{i % 250}.2"), 200))

        today = timezone.localdate()
        this_year = fiscal_year_of(today)
        start = fiscal_year_bounds(this_year - 1)[0]
        span = (today - start).days + 1
        rng = random.Random(42)
        batch, seq = [], {this_year - 1: 10_000, this_year: 10_000}
        started = time.perf_counter()
        for _n in range(args.requests):
            received = start + timedelta(days=rng.randrange(span))
            rtype = types[rng.randrange(5)]
            due = due_on(received, rtype.working_days)
            roll = rng.random()
            finished = None if roll < 0.1 else received + timedelta(days=rng.randrange(0, rtype.working_days + 6))
            if finished is not None and finished > today:
                finished = None
            year = fiscal_year_of(received)
            seq[year] += 1
            batch.append(ServiceRequest(
                agency=agency, request_type=rtype, unit=rtype.unit, fiscal_year=year, seq=seq[year], code=new_code(),
                applicant_name="ผู้ยื่นคำขอ", contact="0812345678", answers=[], received_on=received, due_on=due,
                finished_on=finished, status=ServiceRequest.DONE if finished else ServiceRequest.IN_PROGRESS))
            if len(batch) == 5000:
                ServiceRequest.objects.bulk_create(batch)
                batch = []
        ServiceRequest.objects.bulk_create(batch)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE eservice_servicerequest")
        total = ServiceRequest.objects.count()
        print(f"{'bulk-load ' + str(args.requests) + ' requests':<52} {time.perf_counter() - started:7.1f} s "
              f"({total} in the database)")
        in_year = ServiceRequest.objects.filter(received_on__gte=fiscal_year_bounds(this_year - 1)[0],
                                                received_on__lte=fiscal_year_bounds(this_year - 1)[1]).count()
        line(f"public statistics page, this year ({total - in_year} requests)",
             timed(lambda i: client.get(f"/p/{agency.pk}/eservice/statistics/"), args.repeat))
        line(f"public statistics page, last year ({in_year} requests)",
             timed(lambda i: client.get(f"/p/{agency.pk}/eservice/statistics/?year={this_year - 1}"), args.repeat))
        line("statistics as Excel, last year",
             timed(lambda i: client.get(f"/p/{agency.pk}/eservice/statistics.xlsx?year={this_year - 1}"), 20))
        client.force_login(officer)
        line("staff queue (open requests, 50 a page)", timed(lambda i: client.get(f"/a/{agency.pk}/eservice/"), 30))
        line("staff queue, one unit, all requests",
             timed(lambda i: client.get(f"/a/{agency.pk}/eservice/?show=all&unit={units[2].pk}"), 30))
        first = ServiceRequest.objects.filter(agency=agency).order_by("pk").first()
        line("staff opens a request", timed(lambda i: client.get(f"/a/{agency.pk}/eservice/requests/{first.pk}/"), 50))
        from django.test.utils import CaptureQueriesContext

        from prongsai.web.eservice.statistics_views import agency_statistics

        with CaptureQueriesContext(connection) as queries:
            agency_statistics(agency, this_year - 1, today)
        counting = next(q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"])
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN QUERY PLAN " + counting)
                print("query plan:", " | ".join(str(row[-1]) for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
