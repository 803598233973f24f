"""Fetching an agency's evidence pages: http(s) only, public addresses only, within limits.

The checker visits addresses typed by users, so it must never be a way into the server's own
network: every host is resolved once, each of its addresses must be public (not private,
loopback or link-local) unless PRONGSAI_OIT_ALLOW_PRIVATE=1, and the connection goes to the
address that was checked (TLS still verifies the host's name), so a name cannot be made to
point elsewhere between the check and the request. Redirects are followed by hand and each
target is checked the same way. Size, time and redirects are capped per address, the
User-Agent says who is asking, and nothing on a page is ever run.

Every failure is a `Fetched` with `problem`, a Thai sentence an officer can act on."""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    HTTPError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from prongsai import __version__

ALLOW_PRIVATE_ENV = "PRONGSAI_OIT_ALLOW_PRIVATE"
# HTTP headers are Latin-1: the agent says who asks in English.
USER_AGENT = f"Prongsai-OIT-check/{__version__} (ITA open-data readiness check run by the agency itself)"
REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchLimits:
    max_bytes: int = 20 * 1024 * 1024  # a year of monthly procurement PDFs fits; a video does not
    connect_seconds: float = 8.0
    read_seconds: float = 15.0
    total_seconds: float = 30.0  # the whole fetch of one address, redirects included
    max_redirects: int = 5


@dataclass(frozen=True)
class Fetched:
    url: str  # as given
    final_url: str  # after redirects
    status: int | None
    content_type: str
    body: bytes
    problem: str | None = None  # why it could not be fetched (Thai), None when it was
    truncated: bool = False

    @property
    def ok(self) -> bool:
        return self.problem is None


def allow_private() -> bool:
    return os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in ("1", "yes", "true")


Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def _public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class Fetcher:
    """Fetches addresses for one check; the same address is fetched once."""

    def __init__(self, limits: FetchLimits | None = None, *, private_ok: bool | None = None,
                 resolver: Resolver = resolve, is_public: Callable[[str], bool] | None = None) -> None:
        self.limits = limits or FetchLimits()
        self.private_ok = allow_private() if private_ok is None else private_ok
        self.resolver = resolver
        self.is_public = is_public or _public
        self._seen: dict[str, Fetched] = {}

    def fetch(self, url: str) -> Fetched:
        if url not in self._seen:
            self._seen[url] = self._fetch(url)
        return self._seen[url]

    def _fetch(self, url: str) -> Fetched:
        deadline = time.monotonic() + self.limits.total_seconds
        current, visited = url, [url]
        for _ in range(self.limits.max_redirects + 1):
            result = self._one(url, current, deadline)
            if isinstance(result, Fetched):
                return result
            status, location = result
            target = urljoin(current, location)
            if target in visited:
                return self._failed(url, current, status, "หน้าเว็บเปลี่ยนทางวนกลับมาที่เดิมไม่รู้จบ "
                                    "ให้ตรวจการตั้งค่าการเปลี่ยนทาง (redirect) ของเว็บไซต์")
            visited.append(target)
            current = target
        return self._failed(url, current, None, f"หน้าเว็บเปลี่ยนทางเกิน {self.limits.max_redirects} ครั้ง "
                            "ให้ระบุลิงก์ปลายทางโดยตรง")

    def _failed(self, url: str, final: str, status: int | None, problem: str) -> Fetched:
        return Fetched(url, final, status, "", b"", problem)

    def _one(self, url: str, current: str, deadline: float) -> Fetched | tuple[int, str]:
        """One request: the page, a failure, or (status, Location) to follow."""
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https"):
            return self._failed(url, current, None, "ลิงก์ต้องขึ้นต้นด้วย http:// หรือ https://")
        host = parts.hostname
        if not host:
            return self._failed(url, current, None, "ลิงก์ไม่มีชื่อเว็บไซต์")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return self._failed(url, current, None, "เลขพอร์ตในลิงก์ไม่ถูกต้อง")
        try:
            addresses = self.resolver(host, port)
        except (OSError, UnicodeError):
            return self._failed(url, current, None, f"ไม่พบเว็บไซต์ {host} (ชื่อโดเมนไม่มีอยู่หรือระบบ DNS ไม่ตอบ) "
                                "ให้ตรวจการสะกดของลิงก์")
        usable = addresses if self.private_ok else [a for a in addresses if self.is_public(a)]
        if not usable or len(usable) < len(addresses) and not self.private_ok:
            return self._failed(url, current, None, f"{host} ชี้ไปยังเครือข่ายภายใน ระบบไม่ตรวจที่อยู่ภายในเพื่อความปลอดภัย "
                                "ให้ระบุลิงก์ที่ประชาชนเปิดได้จากอินเทอร์เน็ต")
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return self._failed(url, current, None, self._slow())
        timeout = urllib3.Timeout(connect=min(self.limits.connect_seconds, remaining),
                                  read=min(self.limits.read_seconds, remaining))
        if parts.scheme == "https":
            pool: urllib3.HTTPConnectionPool = urllib3.HTTPSConnectionPool(
                usable[0], port, timeout=timeout, retries=False, maxsize=1,
                server_hostname=host, assert_hostname=host, cert_reqs="CERT_REQUIRED")
        else:
            pool = urllib3.HTTPConnectionPool(usable[0], port, timeout=timeout, retries=False, maxsize=1)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {"Host": parts.netloc.rsplit("@", 1)[-1], "User-Agent": USER_AGENT,
                   "Accept": "text/html,application/pdf,application/vnd.openxmlformats-officedocument.*,*/*;q=0.5",
                   "Accept-Language": "th,en;q=0.5"}
        try:
            response = pool.urlopen("GET", path, headers=headers, redirect=False, retries=False,
                                    preload_content=False, decode_content=True)
        except SSLError:
            return self._failed(url, current, None, f"ใบรับรองความปลอดภัย (TLS/SSL) ของ {host} ไม่ถูกต้องหรือหมดอายุ "
                                "ผู้ตรวจจะเปิดหน้านี้ไม่ได้ ให้ผู้ดูแลเว็บไซต์ต่ออายุหรือติดตั้งใบรับรองให้ครบ")
        except ConnectTimeoutError:
            return self._failed(url, current, None, f"{host} ไม่ตอบการเชื่อมต่อภายใน {self.limits.connect_seconds:g} วินาที "
                                "ให้ตรวจว่าเว็บไซต์เปิดใช้งานอยู่")
        except ReadTimeoutError:
            return self._failed(url, current, None, self._slow())
        except NewConnectionError:
            return self._failed(url, current, None, f"เชื่อมต่อ {host} ไม่ได้ (เครื่องแม่ข่ายปฏิเสธการเชื่อมต่อ) "
                                "ให้ตรวจว่าเว็บไซต์เปิดใช้งานอยู่")
        except (HTTPError, OSError):
            return self._failed(url, current, None, f"เชื่อมต่อ {host} ไม่สำเร็จ ให้ลองเปิดลิงก์นี้ด้วยตนเอง")
        try:
            if response.status in REDIRECTS and response.headers.get("Location"):
                return response.status, response.headers["Location"]
            if response.status >= 400:
                return self._failed(url, current, response.status, _status_problem(response.status))
            body, truncated = self._read(response, deadline)
        except ReadTimeoutError:
            return self._failed(url, current, None, self._slow())
        except (DecodeError, ProtocolError, HTTPError, OSError):
            return self._failed(url, current, response.status, "อ่านข้อมูลจากเว็บไซต์ไม่ครบ การเชื่อมต่อขาดกลางคัน "
                                "ให้ลองเปิดลิงก์นี้ด้วยตนเอง")
        finally:
            response.release_conn()
            pool.close()
        if body is None:
            return self._failed(url, current, response.status, self._slow())
        return Fetched(url, current, response.status, response.headers.get("Content-Type", ""), body,
                       truncated=truncated)

    def _read(self, response: urllib3.BaseHTTPResponse, deadline: float) -> tuple[bytes | None, bool]:
        chunks, size = [], 0
        while True:
            if time.monotonic() > deadline:
                return None, False
            chunk = response.read(64 * 1024)
            if not chunk:
                return b"".join(chunks), False
            size += len(chunk)
            if size > self.limits.max_bytes:
                # What was read is still checked; the rest of a very large file is not.
                keep = len(chunk) - (size - self.limits.max_bytes)
                chunks.append(chunk[:keep])
                return b"".join(chunks), True
            chunks.append(chunk)

    def _slow(self) -> str:
        return (f"หน้าเว็บตอบช้าเกิน {self.limits.total_seconds:g} วินาที ผู้ตรวจอาจเปิดไม่ได้เช่นกัน "
                "ให้ผู้ดูแลเว็บไซต์ตรวจความเร็วของเว็บไซต์หรือลดขนาดไฟล์")


def _status_problem(status: int) -> str:
    if status == 404 or status == 410:
        return f"ไม่พบหน้านี้บนเว็บไซต์ (รหัส {status}) ลิงก์อาจถูกย้ายหรือลบ ให้ระบุลิงก์ที่ถูกต้อง"
    if status in (401, 403):
        return (f"หน้านี้ต้องเข้าสู่ระบบหรือถูกปิดกั้น (รหัส {status}) ข้อมูล OIT ต้องเปิดดูได้โดยไม่ต้องเข้าสู่ระบบ "
                "ให้เปิดสิทธิ์ให้บุคคลทั่วไป")
    if status >= 500:
        return f"เว็บไซต์ขัดข้อง (รหัส {status}) ให้ผู้ดูแลเว็บไซต์ตรวจเครื่องแม่ข่าย"
    return f"เว็บไซต์ตอบกลับด้วยรหัส {status} ให้ตรวจว่าลิงก์ถูกต้อง"
