"""What the reminder tests share: a local SMTP server (aiosmtpd) and a fake LINE Messaging API
(http.server), both on 127.0.0.1 — no test traffic leaves the machine — and a world where one
measure of agency A falls due."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import threading
from datetime import date
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from prongsai.web.reminders.models import ReminderPreference, ReminderSettings
from tests.web.base import BaseTestCase

TOKEN = "test-channel-access-token-0123456789"
SECRET = "0123456789abcdef0123456789abcdef"
DUE = date(2022, 6, 30)  # in FY2565, the plan of the shared world
TODAY = date(2022, 6, 16)  # 14 days before


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append({"to": list(envelope.rcpt_tos), "from": envelope.mail_from,
                              "subject": str(parsed["subject"]).strip(), "body": parsed.get_body().get_content()})
        return "250 OK"


class SmtpServer:
    """aiosmtpd on 127.0.0.1; with `password`, it requires that login (and refuses others)."""

    def __init__(self, password: str | None = None) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        options: dict[str, Any] = {}
        if password is not None:
            def authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
                ok = auth_data.login == b"ita" and auth_data.password == password.encode()
                return AuthResult(success=ok, handled=False)
            options = {"authenticator": authenticator, "auth_require_tls": False}
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, **options)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()

    @property
    def messages(self) -> list[dict[str, Any]]:
        return self.inbox.messages


class FakeLine:
    """The Messaging API's push and reply on 127.0.0.1: records every request."""

    def __init__(self, status: int = 200) -> None:
        self.requests: list[dict[str, Any]] = []
        self.status = status
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                fake.requests.append({"path": self.path, "auth": self.headers.get("Authorization"),
                                      "json": json.loads(self.rfile.read(length) or b"{}")})
                body = b"{}"
                self.send_response(fake.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeLine:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def pushes(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"] == "/v2/bot/message/push"]

    def replies(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"] == "/v2/bot/message/reply"]


def signature(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def configure(smtp_port: int | None = None, line: bool = False, password: str = "") -> ReminderSettings:
    row = ReminderSettings.load()
    if smtp_port is not None:
        row.smtp_host, row.smtp_port, row.smtp_security = "127.0.0.1", smtp_port, ReminderSettings.NONE_SECURITY
        row.sender = "ita@ladya.go.th"
        if password:
            row.smtp_user = "ita"
            row.set_secret("smtp_password", password)
    if line:
        row.set_secret("line_token", TOKEN)
        row.set_secret("line_secret", SECRET)
    row.save()
    return row


class ReminderWorld(BaseTestCase):
    """One measure of agency A (กองคลัง's) ends on DUE; the others have no end date."""

    def setUp(self) -> None:
        super().setUp()
        self.plan.measures.update(end=None)
        self.due_measure = self.plan.measures.order_by("order", "id").first()
        self.due_measure.end = DUE
        self.due_measure.responsible_unit = self.finance
        self.due_measure.save()
        for user, email in ((self.owner, "alice@ladya.go.th"), (self.member, "bob@ladya.go.th"),
                            (self.viewer, "vera@ladya.go.th"), (self.unit_editor, "ursula@ladya.go.th"),
                            (self.stranger, "charlie@khongyang.go.th")):
            user.email = email
            user.save()

    def prefer(self, user, channel: str, line_user_id: str = "") -> None:  # type: ignore[no-untyped-def]
        ReminderPreference.objects.update_or_create(user=user, defaults={"channel": channel,
                                                                         "line_user_id": line_user_id})
