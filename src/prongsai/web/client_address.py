"""The address a request came from, as the login throttle and the audit log should see it.

The connection's peer (REMOTE_ADDR), unless that peer is one of PRONGSAI_TRUSTED_PROXIES: then
the proxy's X-Forwarded-For says who its client was. The header is read from the right, where
our own proxies appended what they saw; the first address that is not one of them is the
client. Everything left of it was written by the client and may be forged.
"""

from __future__ import annotations

import ipaddress
import os
from functools import lru_cache
from typing import Any

from prongsai.web.proxy import ENV, BadProxySetting, Network, is_trusted, trusted_proxies


@lru_cache(maxsize=8)
def _networks(raw: str) -> tuple[Network, ...]:
    try:
        return tuple(trusted_proxies(raw))
    except BadProxySetting:
        # The server refuses to start with this setting; here, trusting nobody is the safe side.
        return ()


def normalised(token: str | None) -> str | None:
    """One address from a header or the peer, without port or brackets; None when it is none."""
    token = (token or "").strip().strip('"')
    if not token:
        return None
    if token.startswith("["):  # [2001:db8::1]:443
        token = token[1:].split("]", 1)[0]
    elif token.count(":") == 1:  # 192.0.2.1:443
        token = token.split(":", 1)[0]
    try:
        ip = ipaddress.ip_address(token.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return str(ip)


def client_address(request: Any) -> str | None:
    peer = normalised(request.META.get("REMOTE_ADDR"))
    networks = _networks(os.environ.get(ENV, ""))
    if peer is None or not is_trusted(peer, networks):
        return peer
    client = peer
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = normalised(hop)
        if address is None:
            break  # a proxy of ours would not write this: keep the last hop we can trust
        client = address
        if not is_trusted(address, networks):
            break
    return client
