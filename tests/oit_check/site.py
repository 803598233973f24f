"""A small website on 127.0.0.1 for the OIT checker's tests: routes map a path to (status,
headers, body) or to a function of the handler; it runs in a thread for one test module."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = tuple[int, dict[str, str], bytes] | Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]


class Site:
    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                site.hits.append(self.path)
                route = site.routes.get(self.path)
                if route is None:
                    status, headers, body = 404, {"Content-Type": "text/html; charset=utf-8"}, b"<h1>not found</h1>"
                else:
                    status, headers, body = route(self) if callable(route) else route
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the checker gave up on a slow page

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def html(body: str, charset: str = "utf-8") -> tuple[int, dict[str, str], bytes]:
    page = f"<!doctype html><html lang='th'><head><meta charset='{charset}'><title>หน้า</title></head>" \
           f"<body><nav>หน้าแรก เกี่ยวกับเรา ติดต่อเรา</nav><main>{body}</main><footer>สงวนลิขสิทธิ์</footer></body></html>"
    return 200, {"Content-Type": f"text/html; charset={charset}"}, page.encode(charset)


def redirect(to: str, status: int = 302) -> tuple[int, dict[str, str], bytes]:
    return status, {"Location": to}, b""


def slow(seconds: float) -> Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]:
    def answer(handler: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        time.sleep(seconds)
        return html("ช้ามาก")
    return answer
