"""The documented production setup, end to end: `prongsai serve` with the production settings
behind an HTTPS proxy on this machine (PRONGSAI_TRUSTED_PROXIES=127.0.0.1). The proxy's
X-Forwarded-Proto makes the request HTTPS (200 with HSTS, no redirect loop); the same header from
any other address is ignored; HSTS does not depend on the redirect setting."""

from __future__ import annotations

import http.client
import subprocess
import sys

import pytest

from prongsai.web import proxy
from tests.web.test_serve import ROOT, env_for, free_port, start, stop, wait_until_up

HOST = "ita.example.go.th"
PRODUCTION = {"DJANGO_SETTINGS_MODULE": "prongsai.web.settings_production",
              "PRONGSAI_SECRET_KEY": "p" * 20 + "-production-secret-key-that-is-long-enough-0123456789",
              "PRONGSAI_ALLOWED_HOSTS": HOST,
              "PRONGSAI_TRUSTED_PROXIES": "127.0.0.1"}
HTTPS = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}


def get(port: int, headers: dict[str, str], source: str = "127.0.0.1", path: str = "/login/"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


@pytest.fixture(params=["gunicorn", "waitress"])
def server(request, tmp_path):
    """Starts one with extra settings: server(**env) → port."""
    started = []

    def run(**env: str) -> int:
        port = free_port()
        proc = start(tmp_path / f"home-{len(started)}", port,
                     env={**PRODUCTION, "PRONGSAI_SERVER": request.param, **env})
        started.append(proc)
        wait_until_up(port, proc, headers=HTTPS)
        return port

    yield run
    for proc in started:
        stop(proc)


def test_the_proxy_s_https_is_trusted_and_gets_hsts_others_are_not(server):
    port = server()
    secure = get(port, HTTPS)
    assert secure.status == 200
    assert "max-age=31536000" in secure.getheader("Strict-Transport-Security", "")
    # plain HTTP from the proxy itself goes to https once; following it arrives (no loop)
    plain = get(port, {"Host": HOST})
    assert plain.status == 301
    assert plain.getheader("Location") == f"https://{HOST}/login/"
    assert get(port, HTTPS, path="/login/").status == 200
    # the same headers from any other address are ignored
    forged = get(port, HTTPS, source="127.0.0.2")
    assert forged.status == 301
    assert forged.getheader("Location") == f"https://{HOST}/login/"
    assert forged.getheader("Strict-Transport-Security") is None


def test_hsts_stays_when_the_redirect_is_off(server):
    port = server(PRONGSAI_SSL_REDIRECT="0")
    secure = get(port, HTTPS)
    assert secure.status == 200
    assert "max-age=31536000" in secure.getheader("Strict-Transport-Security", "")
    plain = get(port, {"Host": HOST})
    assert plain.status == 200  # no redirect asked for; and HSTS only ever over HTTPS
    assert plain.getheader("Strict-Transport-Security") is None


def test_without_trusted_proxies_no_one_is_trusted(server):
    port = server(PRONGSAI_TRUSTED_PROXIES="")
    forged = get(port, HTTPS)
    assert forged.status == 301


# --- the rule itself, without a server ----------------------------------------------------------


def seen_by_django(remote: str, networks, **headers: str) -> dict:
    environ = {"REMOTE_ADDR": remote, "wsgi.url_scheme": "http",
               **{f"HTTP_{k.upper()}": v for k, v in headers.items()}}
    captured = {}

    def app(env, start_response):
        captured.update(env)
        return []

    proxy.forwarded_headers_checked(app, networks)(environ, None)
    return captured


def test_only_listed_addresses_and_networks_are_trusted():
    networks = proxy.trusted_proxies(" 127.0.0.1, 10.1.0.0/16 ,::1")
    assert proxy.is_trusted("127.0.0.1", networks) and proxy.is_trusted("10.1.200.3", networks)
    assert proxy.is_trusted("::1", networks) and proxy.is_trusted("::ffff:127.0.0.1", networks)
    assert not proxy.is_trusted("127.0.0.2", networks) and not proxy.is_trusted("10.2.0.1", networks)
    assert not proxy.is_trusted("", networks) and not proxy.is_trusted("not-an-address", networks)
    assert proxy.trusted_proxies("") == []


def test_forwarded_headers_reach_django_only_from_a_trusted_proxy():
    networks = proxy.trusted_proxies("10.0.0.5")
    headers = {"x_forwarded_proto": "https", "x_forwarded_for": "203.0.113.7", "forwarded": "for=1.2.3.4"}
    trusted = seen_by_django("10.0.0.5", networks, **headers)
    assert trusted["wsgi.url_scheme"] == "https"
    assert trusted["HTTP_X_FORWARDED_FOR"] == "203.0.113.7" and trusted["REMOTE_ADDR"] == "10.0.0.5"
    forged = seen_by_django("192.0.2.9", networks, **headers)
    assert forged["wsgi.url_scheme"] == "http"
    assert not [k for k in forged if "FORWARDED" in k]


def test_a_mistyped_proxy_address_stops_the_start_with_a_thai_line(tmp_path):
    env = {**env_for(tmp_path / "home"), "PRONGSAI_TRUSTED_PROXIES": "127.0.0.1,proxy.local"}
    done = subprocess.run([sys.executable, "-c", "from prongsai.cli import main; main()", "serve", "--port",
                           str(free_port())], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "PRONGSAI_TRUSTED_PROXIES" in done.stderr and "proxy.local" in done.stderr
    assert "Traceback" not in done.stderr
