"""The public channels' costs, in process (Django's test client, embedded SQLite in a temporary
folder): filing a report (form, sealing, receipt), finding it again by its receipt, an officer
opening it, and the public statistics page with many cases in the database.

    .venv/bin/python benchmarks/public_channels.py [--cases 20000] [--requests 200]

Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from web import setup_django  # noqa: E402


def timed(fn, n: int) -> list[float]:
    out = []
    for i in range(n):
        started = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - started) * 1000)
    return out


def line(name: str, ms: list[float]) -> None:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    print(f"{name:<52} median {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   (n={len(ms)})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="prongsai-bench-") as home:
        setup_django(Path(home))
        from django.conf import settings
        from django.contrib.auth.models import User
        from django.test import Client

        from prongsai.channels.receipts import digest, new_receipt
        from prongsai.thai import fiscal_year_of
        from prongsai.web.agencies.models import Agency, Membership, Unit
        from prongsai.web.complaints.models import ChannelSettings, Complaint

        agency = Agency.objects.create(name="องค์การบริหารส่วนตำบลทดสอบ", agency_type="อบต.", province="กาญจนบุรี")
        unit = Unit.objects.create(agency=agency, name="สำนักปลัด")
        ChannelSettings.objects.create(agency=agency, is_open=True, handling_unit=unit)
        officer = User.objects.create_user("officer", password="x")
        Membership.objects.create(user=officer, agency=agency, role="viewer", complaint_officer=True)
        client = Client(HTTP_HOST="localhost")
        form = {"category": "procurement", "concerned": "กองช่าง", "identity": "anonymous",
                "what": "งานซ่อมถนนถูกแบ่งเป็นหลายสัญญาเพื่อเลี่ยงการประกวดราคา " * 5}
        receipts: list[str] = []

        def report(i: int) -> None:
            r = client.post(f"/p/{agency.pk}/complaint/", form, REMOTE_ADDR=f"10.{i // 250}.{i % 250}.1")
            receipts.append(re.search(r"data-receipt>([0-9 ]+)<", r.content.decode()).group(1).replace(" ", ""))

        line("file a report (sealed, with receipt)", timed(report, args.requests))
        line("status by receipt", timed(lambda i: client.post(f"/p/{agency.pk}/complaint/status/",
                                                               {"receipt": receipts[i]},
                                                               REMOTE_ADDR=f"10.9.{i % 250}.2"), args.requests))
        client.force_login(officer)
        first = Complaint.objects.filter(agency=agency).first()
        line("officer opens a case (audited)", timed(lambda i: client.get(f"/a/{agency.pk}/complaints/{first.pk}/"),
                                                       args.requests))
        line("officers' list (500 shown)", timed(lambda i: client.get(f"/a/{agency.pk}/complaints/?show=all"), 50))
        client.logout()

        today = date.today()
        year = fiscal_year_of(today)
        start = date(year - 544, 10, 1)
        sealed = Complaint.objects.get(pk=first.pk).sealed
        batch = []
        categories = ["bribery", "procurement", "budget", "assets", "conflict", "service", "neglect", "other"]
        for n in range(args.cases):
            received = start + timedelta(days=n % max(1, (today - start).days))
            batch.append(Complaint(
                agency=agency, fiscal_year=year, seq=10_000 + n, receipt_digest=digest(new_receipt(), settings.CHANNEL_KEY),
                category=categories[n % len(categories)], sealed=sealed, received_on=received,
                acknowledge_due=received, answer_due=received + timedelta(days=40),
                closed_on=received + timedelta(days=20) if n % 3 else None,
                status=Complaint.CLOSED if n % 3 else Complaint.CHECKING))
        started = time.perf_counter()
        Complaint.objects.bulk_create(batch, batch_size=2000)
        print(f"{'bulk-load ' + str(args.cases) + ' cases':<44} {time.perf_counter() - started:7.1f} s")
        line(f"public statistics page ({args.cases + args.requests} cases)",
             timed(lambda i: client.get(f"/p/{agency.pk}/complaints/statistics/"), 50))
        line("statistics as Excel", timed(lambda i: client.get(f"/p/{agency.pk}/complaints/statistics.xlsx"), 20))


if __name__ == "__main__":
    main()
