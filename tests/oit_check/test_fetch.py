"""The checker's fetching: http(s) only, public addresses only unless allowed, redirects and
sizes capped, and every failure a Thai sentence (prongsai.oit_check.fetch)."""

from __future__ import annotations

import pytest

from prongsai.oit_check.fetch import USER_AGENT, Fetcher, FetchLimits, _public
from tests.oit_check.site import Site, html, redirect, slow


@pytest.fixture(scope="module")
def site():
    routes = {
        "/ok": html("<h1>โครงสร้างองค์กร</h1>"),
        "/loop-a": redirect("/loop-b"), "/loop-b": redirect("/loop-a"),
        "/moved": redirect("/ok", 301),
        "/slow": slow(3),
        "/big": (200, {"Content-Type": "application/pdf"}, b"%PDF" + b"x" * 300_000),
        "/locked": (403, {"Content-Type": "text/html"}, b"no"),
        "/broken": (500, {"Content-Type": "text/html"}, b"oops"),
        "/agent": lambda h: html(h.headers.get("User-Agent", "")),
    }
    with Site(routes) as running:
        yield running


def fetcher(**limits: float) -> Fetcher:
    return Fetcher(FetchLimits(**limits), private_ok=True)


def test_a_page_is_fetched_with_a_clear_user_agent(site):
    found = fetcher().fetch(site.url + "/agent")
    assert found.ok and found.status == 200 and USER_AGENT.encode() in found.body


def test_redirects_are_followed_and_loops_are_named(site):
    assert fetcher().fetch(site.url + "/moved").final_url == site.url + "/ok"
    loop = fetcher().fetch(site.url + "/loop-a")
    assert not loop.ok and "วนกลับมาที่เดิม" in loop.problem


def test_http_errors_say_what_to_do(site):
    f = fetcher()
    assert "ไม่พบหน้านี้" in f.fetch(site.url + "/nothing-here").problem
    assert "ต้องเข้าสู่ระบบหรือถูกปิดกั้น" in f.fetch(site.url + "/locked").problem
    assert "เว็บไซต์ขัดข้อง (รหัส 500)" in f.fetch(site.url + "/broken").problem


def test_a_slow_page_is_given_up(site):
    found = fetcher(total_seconds=1, read_seconds=1).fetch(site.url + "/slow")
    assert not found.ok and "ตอบช้าเกิน" in found.problem


def test_a_large_file_is_cut_at_the_cap(site):
    found = fetcher(max_bytes=100_000).fetch(site.url + "/big")
    assert found.ok and found.truncated and len(found.body) == 100_000


def test_private_loopback_and_link_local_addresses_are_refused(site, monkeypatch):
    monkeypatch.delenv("PRONGSAI_OIT_ALLOW_PRIVATE", raising=False)
    guarded = Fetcher()
    for url in (site.url + "/ok", "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/"):
        found = guarded.fetch(url)
        assert not found.ok and "เครือข่ายภายใน" in found.problem, url
    monkeypatch.setenv("PRONGSAI_OIT_ALLOW_PRIVATE", "1")
    assert Fetcher().fetch(site.url + "/ok").ok


def test_a_name_that_resolves_to_a_private_address_is_refused():
    tricked = Fetcher(resolver=lambda host, port: ["93.184.216.34", "127.0.0.1"], private_ok=False)
    assert "เครือข่ายภายใน" in tricked.fetch("http://looks-public.example/").problem


def test_a_redirect_to_a_private_address_is_refused(site):
    """The test site stands for a public one (127.0.0.1 counted as public); its redirect into the
    private network is checked like any first address, and refused."""
    site.routes["/to-metadata"] = redirect("http://10.20.30.40/latest/meta-data/")
    guarded = Fetcher(private_ok=False, is_public=lambda address: address == "127.0.0.1")
    assert guarded.fetch(site.url + "/ok").ok
    found = guarded.fetch(site.url + "/to-metadata")
    assert not found.ok and "10.20.30.40 ชี้ไปยังเครือข่ายภายใน" in found.problem


@pytest.mark.parametrize("url, words", [
    ("ftp://example.go.th/file", "http:// หรือ https://"), ("file:///etc/passwd", "http:// หรือ https://"),
    ("http:///nohost", "ไม่มีชื่อเว็บไซต์"), ("http://example.go.th:99999/", "พอร์ต"),
])
def test_other_schemes_and_bad_addresses_are_refused(url, words):
    found = Fetcher(private_ok=True).fetch(url)
    assert not found.ok and words in found.problem


def test_an_unknown_name_is_said_in_thai():
    def no_such(host: str, port: int) -> list[str]:
        raise OSError("Name or service not known")

    found = Fetcher(resolver=no_such).fetch("https://no-such-agency.go.th/")
    assert "ไม่พบเว็บไซต์ no-such-agency.go.th" in found.problem


def test_is_public():
    assert _public("8.8.8.8") and not _public("192.168.1.1") and not _public("::ffff:127.0.0.1")


def test_a_bad_tls_certificate_is_said_in_thai(tmp_path):
    """A certificate nobody vouches for (self-signed, as on many .go.th sites): the assessors'
    browsers refuse it too."""
    import shutil
    import ssl
    import subprocess
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        found = Fetcher(private_ok=True, resolver=lambda host, port: ["127.0.0.1"]).fetch(
            f"https://localhost:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
    assert not found.ok and "ใบรับรองความปลอดภัย (TLS/SSL)" in found.problem
