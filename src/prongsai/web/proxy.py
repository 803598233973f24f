"""Which peers may say how a request reached us: PRONGSAI_TRUSTED_PROXIES.

Behind an HTTPS proxy the server sees plain HTTP from the proxy; the proxy's X-Forwarded-Proto
and X-Forwarded-For tell Django the request was HTTPS and who sent it. Anyone else could send
the same headers, so they count only from the listed proxy addresses (or networks). The web
servers do part of this themselves, but waitress trusts a single address and gunicorn passes an
untrusted peer's headers on to Django, which reads X-Forwarded-Proto under the production
settings; so one rule here, the same under both servers, and the server settings agree with it.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Callable, Iterable
from typing import Any

ENV = "PRONGSAI_TRUSTED_PROXIES"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class BadProxySetting(ValueError):
    pass


def trusted_proxies(raw: str | None = None) -> list[Network]:
    """The addresses of PRONGSAI_TRUSTED_PROXIES ("10.0.0.5, 127.0.0.1, 192.168.1.0/24")."""
    raw = os.environ.get(ENV, "") if raw is None else raw
    networks = []
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise BadProxySetting(
                f"ค่า {ENV} ไม่ถูกต้อง: '{part}' ไม่ใช่ที่อยู่ไอพี "
                "(ที่ถูกต้อง: ไอพีของพร็อกซี คั่นด้วยจุลภาค เช่น 127.0.0.1,10.0.0.5)") from None
    return networks


def is_trusted(address: str | None, networks: Iterable[Network]) -> bool:
    if not address:
        return False
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip.version == n.version and ip in n for n in networks)


def _forwarded_keys(environ: dict[str, Any]) -> list[str]:
    return [k for k in environ if k == "HTTP_FORWARDED" or k.startswith("HTTP_X_FORWARDED_")]


def forwarded_headers_checked(app: Callable, networks: list[Network]) -> Callable:
    """The WSGI app, seeing X-Forwarded-* / Forwarded only from the trusted proxies; from them,
    X-Forwarded-Proto also sets wsgi.url_scheme (Django's is_secure() under any settings)."""

    def checked(environ: dict[str, Any], start_response: Callable) -> Any:
        if is_trusted(environ.get("REMOTE_ADDR"), networks):
            proto = environ.get("HTTP_X_FORWARDED_PROTO", "").split(",", 1)[0].strip().lower()
            if proto in ("http", "https"):
                environ["wsgi.url_scheme"] = proto
        else:
            for key in _forwarded_keys(environ):
                del environ[key]
        return app(environ, start_response)

    return checked
