"""Throughput of the web workspace as users meet it: the real `prongsai serve` (a subprocess, demo
data, a fresh PRONGSAI_HOME), 20 logged-in clients over loopback, each looping for 60 s over the
pages people open most (home, agency dashboard, results, plan, tracking, OIT checklist, audit log).

    .venv/bin/python benchmarks/load.py                       # 20 clients, 60 s, the default workers
    .venv/bin/python benchmarks/load.py --seconds 10          # a quick run while iterating
    .venv/bin/python benchmarks/load.py --workers 1           # one process (waitress-like)
    .venv/bin/python benchmarks/load.py --database-url postgres://u:p@127.0.0.1:5432/empty_db
                                                              # the production setup's database

Prints requests/s, p50/p95/p99 latency, errors and the server's workers. Figures only; the issue's
target on a 2-core machine is >= 150 requests/s and p95 <= 250 ms with 0 errors.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "load-benchmark-password-1"

# Runs in its own process against the benchmark's PRONGSAI_HOME: the demo data, plus one account
# per client, each the ผู้ดูแล of every demo agency (so home lists them and the audit log is
# theirs to read) and working in one of them.
SETUP = """
import json, sys
from prongsai.web.serve import prepare
state = prepare(demo=True)
from django.contrib.auth.models import User
from prongsai.web.agencies.models import Agency, Membership
from prongsai.web.plans.models import Plan
agencies = list(Agency.objects.order_by("pk"))
users = []
for n in range(int(sys.argv[1])):
    name = f"load{n + 1:02d}"
    user = User.objects.filter(username=name).first() or User.objects.create_user(name, password=sys.argv[2])
    for agency in agencies:
        Membership.objects.get_or_create(user=user, agency=agency, defaults={"role": Membership.ADMIN})
    users.append({"username": name, "agency": agencies[n % len(agencies)].pk})
plans = {a.pk: Plan.objects.filter(agency=a).order_by("-pk").values_list("pk", flat=True).first() for a in agencies}
print(json.dumps({"users": users, "plans": plans}))
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(home: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update({"PRONGSAI_HOME": str(home), "PYTHONUNBUFFERED": "1"})
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


class Client:
    """One keep-alive connection with its cookies, on 127.0.0.1 only."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.location = ""

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, bytes]:
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers.update({"Content-Type": "application/x-www-form-urlencoded",
                            "Referer": f"http://127.0.0.1:{self.port}{path}"})
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                self.location = response.getheader("Location") or ""
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed an idle keep-alive connection (as browsers do, try once anew).
                self.conn.close()
                if attempt == 2:
                    raise
            except (OSError, http.client.HTTPException):
                self.conn.close()  # the next request opens a new connection
                raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return response.status, data

    def log_in(self, username: str) -> None:
        from urllib.parse import urlencode

        _, page = self.request("GET", "/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        status, _ = self.request("POST", "/login/", urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}))
        if status != 302:
            raise SystemExit(f"login as {username} failed (HTTP {status})")


def pages_of(agency: int, plan: int | None, oit_path: str) -> list[str]:
    pages = ["/", f"/a/{agency}/", f"/a/{agency}/results/", f"/a/{agency}/tracking/", oit_path,
             f"/a/{agency}/audit/"]
    if plan:
        pages.insert(3, f"/a/{agency}/plans/{plan}/")
    return pages


def oit_page(client: Client, agency: int) -> str:
    """The checklist of the current year, where /a/<id>/oit/ redirects."""
    status, _ = client.request("GET", f"/a/{agency}/oit/")
    return client.location if status in (301, 302) and client.location else f"/a/{agency}/oit/"


def run_client(client: Client, pages: list[str], seed: int, deadline: float,
               latencies: list[float], errors: list[str]) -> None:
    rng = random.Random(seed)
    while time.monotonic() < deadline:
        order = pages[:]
        rng.shuffle(order)
        for path in order:
            if time.monotonic() >= deadline:
                return
            started = time.perf_counter()
            try:
                status, _ = client.request("GET", path)
            except (OSError, http.client.HTTPException) as exc:
                errors.append(f"GET {path}: {type(exc).__name__}")
                continue
            elapsed = (time.perf_counter() - started) * 1000
            if status != 200:
                errors.append(f"GET {path}: HTTP {status}")
            else:
                latencies.append(elapsed)


def tree_cpu_seconds(root: int) -> float | None:
    """CPU time of a process and its children so far (Linux /proc), or None elsewhere."""
    try:
        stats = {}
        for path in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = path.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(path.parent.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
        pids, total = {root}, 0
        for _ in range(3):  # master → workers (→ their children)
            pids |= {pid for pid, (ppid, _) in stats.items() if ppid in pids}
        total = sum(stats[pid][1] for pid in pids if pid in stats)
        return total / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, AttributeError):
        return None


def machine_busy() -> tuple[int, int] | None:
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except OSError:
        return None
    return sum(fields) - fields[3] - fields[4], sum(fields)


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(q * len(sorted_values)) - 1))
    return sorted_values[index]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=None, help="passed to prongsai serve (default: its own)")
    parser.add_argument("--database-url", default=None,
                        help="an empty database to serve from (default: the embedded SQLite in a fresh folder)")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= 200 or not 1 <= args.seconds <= 600:
        parser.error("--clients 1–200 and --seconds 1–600 keep the run bounded")

    with tempfile.TemporaryDirectory(prefix="prongsai-load-") as tmp:
        home = Path(tmp) / "home"
        env = server_env(home, args.database_url)
        done = subprocess.run([sys.executable, "-c", SETUP, str(args.clients), PASSWORD], env=env,
                              cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=600)
        if done.returncode != 0:
            raise SystemExit(f"setting up the demo data failed:\n{done.stderr}")
        world = json.loads(done.stdout.strip().splitlines()[-1])

        port = free_port()
        command = [sys.executable, "-c", "from prongsai.cli import main; main()", "serve", "--port", str(port)]
        if args.workers is not None:
            command += ["--workers", str(args.workers)]
        log = open(Path(tmp) / "serve.log", "w+", encoding="utf-8")  # noqa: SIM115 (read after the run)
        server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while True:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise SystemExit(f"the server did not start:\n{log.read()}")
                try:
                    status, _ = Client(port).request("GET", "/login/")
                    if status == 200:
                        break
                except OSError:
                    time.sleep(0.2)

            clients, plans_of = [], {int(k): v for k, v in world["plans"].items()}
            oit_paths: dict[int, str] = {}
            for user in world["users"]:
                client = Client(port)
                client.log_in(user["username"])
                agency = user["agency"]
                if agency not in oit_paths:
                    oit_paths[agency] = oit_page(client, agency)
                clients.append((client, pages_of(agency, plans_of.get(agency), oit_paths[agency])))

            latencies: list[float] = []
            errors: list[str] = []
            started = time.monotonic()
            cpu_started = time.process_time()
            server_started, busy_started = tree_cpu_seconds(server.pid), machine_busy()
            end = started + args.seconds
            threads = [threading.Thread(target=run_client, args=(c, p, n, end, latencies, errors))
                       for n, (c, p) in enumerate(clients)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            client_cpu = time.process_time() - cpu_started
            server_ended, busy_ended = tree_cpu_seconds(server.pid), machine_busy()
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        log.seek(0)
        server_log = log.read().splitlines()
        log.close()
        served_by = next((line.strip() for line in server_log if "workers" in line.lower()),
                         "(the server did not say)")

    values = sorted(latencies)
    database = args.database_url.split("://", 1)[0] if args.database_url else "sqlite (embedded)"
    print(f"clients: {args.clients}   seconds: {elapsed:.1f}   server: {served_by}   database: {database}")
    print(f"requests: {len(values)}   requests/s: {len(values) / elapsed:.1f}   errors: {len(errors)}")
    if values:
        print(f"latency ms: p50 {percentile(values, 0.50):.0f}   p95 {percentile(values, 0.95):.0f}   "
              f"p99 {percentile(values, 0.99):.0f}   mean {statistics.fmean(values):.0f}   max {values[-1]:.0f}")
    # The clients share the machine's cores with the server: say how much they took.
    print(f"load generator CPU: {client_cpu:.1f} s ({100 * client_cpu / elapsed:.0f}% of one core)")
    if server_started is not None and server_ended is not None and values:
        used = server_ended - server_started
        print(f"server CPU: {used:.1f} s ({1000 * used / len(values):.1f} ms per request, "
              f"{100 * used / elapsed:.0f}% of one core)")
    if busy_started and busy_ended and server_started is not None and server_ended is not None:
        busy = (busy_ended[0] - busy_started[0]) / os.sysconf("SC_CLK_TCK")
        others = max(0.0, busy - (server_ended - server_started) - client_cpu)
        print(f"whole machine busy: {busy:.1f} CPU-s of {elapsed * (os.cpu_count() or 1):.1f}; "
              f"other programs took {others:.1f} CPU-s (figures are only clean when that is near 0)")
    for message in sorted(set(errors))[:10]:
        print(f"  error: {message} ×{errors.count(message)}")
    if errors:
        print("server log (last lines):", *server_log[-15:], sep="\n  ")
    return 0


if __name__ == "__main__":
    sys.exit(main())
