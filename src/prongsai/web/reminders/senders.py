"""Sending: e-mail through SMTP (django.core.mail with a connection built from the settings) and
LINE through the Messaging API (urllib, with a timeout). Every failure becomes one Thai reason
a non-technical officer can act on; nothing here raises into the caller.

The settings come from the settings page (ReminderSettings), and an environment variable wins
over the page for servers set up by script: PRONGSAI_SMTP_HOST, _PORT, _SECURITY
(starttls/ssl/none), _USER, _PASSWORD, _FROM; PRONGSAI_LINE_TOKEN, PRONGSAI_LINE_SECRET,
PRONGSAI_LINE_ACCOUNT. The LINE API's address is settings.LINE_API_BASE (PRONGSAI_LINE_API,
default https://api.line.me), so tests point it at 127.0.0.1."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import smtplib
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from prongsai.channels.sealing import SealBroken

TIMEOUT = 15  # seconds, for SMTP and LINE alike
LINE_DEFAULT = "https://api.line.me"
LINE_TEXT_MAX = 5000
ENV = {"smtp_host": "PRONGSAI_SMTP_HOST", "smtp_port": "PRONGSAI_SMTP_PORT", "smtp_security": "PRONGSAI_SMTP_SECURITY",
       "smtp_user": "PRONGSAI_SMTP_USER", "smtp_password": "PRONGSAI_SMTP_PASSWORD", "sender": "PRONGSAI_SMTP_FROM",
       "line_token": "PRONGSAI_LINE_TOKEN", "line_secret": "PRONGSAI_LINE_SECRET",
       "line_account": "PRONGSAI_LINE_ACCOUNT"}


@dataclass(frozen=True)
class Config:
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_security: str = "starttls"
    smtp_user: str = ""
    smtp_password: str = ""
    sender: str = ""
    line_token: str = ""
    line_secret: str = ""
    line_account: str = ""
    line_api: str = LINE_DEFAULT
    overridden: tuple[str, ...] = ()  # fields set by the environment

    @property
    def email_ready(self) -> bool:
        return bool(self.smtp_host and self.sender)

    @property
    def line_ready(self) -> bool:
        return bool(self.line_token)

    def missing(self) -> list[str]:
        """What is not set up, in Thai."""
        out = []
        if not self.email_ready:
            out.append("ยังไม่ได้ตั้งค่าเซิร์ฟเวอร์อีเมล (SMTP) และอีเมลผู้ส่ง จึงไม่ได้ส่งทางอีเมล")
        if not self.line_ready:
            out.append("ยังไม่ได้ตั้งค่า Channel access token ของ LINE จึงไม่ได้ส่งทาง LINE")
        return out


def line_api_base() -> str:
    return (getattr(settings, "LINE_API_BASE", "") or os.environ.get("PRONGSAI_LINE_API", "") or LINE_DEFAULT).rstrip("/")


def config() -> Config:
    from prongsai.web.reminders.models import ReminderSettings

    row = ReminderSettings.load()
    values: dict[str, Any] = {"smtp_host": row.smtp_host, "smtp_port": row.smtp_port, "smtp_security": row.smtp_security,
                              "smtp_user": row.smtp_user, "sender": row.sender, "line_account": row.line_account}
    for name in row.SECRETS:
        try:
            values[name] = row.secret(name) if row.pk and row.has_secret(name) else ""
        except SealBroken:  # the key changed since: as if unset, the page asks again
            values[name] = ""
    overridden = []
    for field, variable in ENV.items():
        raw = os.environ.get(variable, "").strip()
        if not raw:
            continue
        if field == "smtp_port":
            if not raw.isdigit():
                continue
            values[field] = int(raw)
        elif field == "smtp_security":
            if raw.lower() not in ("starttls", "ssl", "none"):
                continue
            values[field] = raw.lower()
        else:
            values[field] = raw
        overridden.append(field)
    return Config(**values, line_api=line_api_base(), overridden=tuple(overridden))


# --- e-mail --------------------------------------------------------------------------------------

def smtp_connection(cfg: Config) -> Any:
    from django.core.mail import get_connection

    return get_connection("django.core.mail.backends.smtp.EmailBackend", host=cfg.smtp_host, port=cfg.smtp_port,
                          username=cfg.smtp_user or None, password=cfg.smtp_password or None,
                          use_tls=cfg.smtp_security == "starttls", use_ssl=cfg.smtp_security == "ssl",
                          timeout=TIMEOUT, fail_silently=False)


def smtp_reason(exc: BaseException, cfg: Config) -> str:
    where = f"{cfg.smtp_host}:{cfg.smtp_port}"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "เซิร์ฟเวอร์อีเมลไม่รับชื่อผู้ใช้หรือรหัสผ่าน SMTP ตรวจชื่อผู้ใช้และรหัสผ่านอีกครั้ง"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "เซิร์ฟเวอร์อีเมลไม่รับที่อยู่อีเมลของผู้รับ ตรวจอีเมลของผู้ใช้"
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return "เซิร์ฟเวอร์อีเมลไม่รับอีเมลผู้ส่ง ตรวจอีเมลผู้ส่งว่าตรงกับบัญชี SMTP"
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return "เซิร์ฟเวอร์อีเมลไม่รองรับการเข้ารหัสหรือการเข้าสู่ระบบที่เลือก ลองเปลี่ยนการเข้ารหัส"
    if isinstance(exc, TimeoutError | socket.timeout):
        return f"เซิร์ฟเวอร์อีเมล {where} ไม่ตอบภายใน {TIMEOUT} วินาที"
    if isinstance(exc, ssl.SSLError):
        return f"เชื่อมต่อแบบเข้ารหัสกับ {where} ไม่สำเร็จ ตรวจการเข้ารหัส (STARTTLS หรือ SSL) และพอร์ต"
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return f"เซิร์ฟเวอร์อีเมล {where} ตัดการเชื่อมต่อ ตรวจพอร์ตและการเข้ารหัส"
    if isinstance(exc, socket.gaierror):
        return f"ไม่พบเซิร์ฟเวอร์อีเมลชื่อ {cfg.smtp_host} ตรวจชื่อเซิร์ฟเวอร์"
    if isinstance(exc, ConnectionRefusedError):
        return f"เซิร์ฟเวอร์อีเมล {where} ไม่รับการเชื่อมต่อ ตรวจชื่อเซิร์ฟเวอร์และพอร์ต"
    if isinstance(exc, OSError):
        return f"ติดต่อเซิร์ฟเวอร์อีเมล {where} ไม่ได้ ตรวจชื่อเซิร์ฟเวอร์ พอร์ต และเครือข่าย"
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"เซิร์ฟเวอร์อีเมลปฏิเสธการส่ง (รหัส {exc.smtp_code})"
    return "ส่งอีเมลไม่สำเร็จ ตรวจการตั้งค่าเซิร์ฟเวอร์อีเมล"


def email_message(cfg: Config, to: str, subject: str, body: str, connection: Any) -> Any:
    from django.core.mail import EmailMessage

    return EmailMessage(subject=subject[:250], body=body, from_email=cfg.sender, to=[to], connection=connection)


def send_email(cfg: Config, to: str, subject: str, body: str, connection: Any = None) -> str | None:
    """None when sent, else the Thai reason."""
    try:
        connection = connection or smtp_connection(cfg)
        email_message(cfg, to, subject, body, connection).send()
    except Exception as exc:  # any failure is a reason, never a traceback
        return smtp_reason(exc, cfg)
    return None


# --- LINE ----------------------------------------------------------------------------------------

def signature_ok(secret: str, body: bytes, signature: str) -> bool:
    """X-Line-Signature: base64 of HMAC-SHA256 of the body with the channel secret."""
    if not secret or not signature:
        return False
    digest = base64.b64encode(hmac.new(secret.encode("utf-8"), body, hashlib.sha256).digest()).decode("ascii")
    return hmac.compare_digest(digest, signature.strip())


def _line_post(cfg: Config, path: str, payload: dict[str, Any]) -> str | None:
    request = urllib.request.Request(f"{cfg.line_api}{path}", data=json.dumps(payload, ensure_ascii=False).encode(),
                                     method="POST", headers={"Authorization": f"Bearer {cfg.line_token}",
                                                             "Content-Type": "application/json; charset=utf-8"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (the configured API)
            response.read(4096)
    except urllib.error.HTTPError as exc:
        if exc.code in (401, 403):
            return "LINE ไม่รับ Channel access token ตรวจโทเค็นในหน้าตั้งค่าการแจ้งเตือน"
        if exc.code == 429:
            return "ส่งข้อความ LINE เกินโควตาของบัญชี LINE Official Account ในเดือนนี้ หรือส่งถี่เกินไป"
        if exc.code == 400:
            return "LINE ไม่รับข้อความ ผู้รับอาจยังไม่ได้เพิ่มบัญชี LINE Official Account เป็นเพื่อน หรือบล็อกไว้"
        return f"LINE ตอบกลับด้วยข้อผิดพลาด (รหัส {exc.code}) ลองใหม่ภายหลัง"
    except TimeoutError:
        return f"LINE ไม่ตอบภายใน {TIMEOUT} วินาที"
    except (urllib.error.URLError, OSError):
        return "ติดต่อ LINE ไม่ได้ ตรวจการเชื่อมต่ออินเทอร์เน็ตของเครื่องแม่ข่าย"
    except Exception:  # a malformed address in the settings
        return "ส่งข้อความ LINE ไม่สำเร็จ ตรวจการตั้งค่า LINE"
    return None


def line_text(subject: str, body: str) -> str:
    text = f"{subject}\n{body}" if body else subject
    return text[:LINE_TEXT_MAX]


def send_line(cfg: Config, to: str, text: str) -> str | None:
    """Push one text message; None when sent, else the Thai reason."""
    if not cfg.line_token:
        return "ยังไม่ได้ตั้งค่า Channel access token ของ LINE"
    return _line_post(cfg, "/v2/bot/message/push", {"to": to, "messages": [{"type": "text", "text": text[:LINE_TEXT_MAX]}]})


def reply_line(cfg: Config, reply_token: str, text: str) -> str | None:
    if not cfg.line_token:
        return "ยังไม่ได้ตั้งค่า Channel access token ของ LINE"
    return _line_post(cfg, "/v2/bot/message/reply", {"replyToken": reply_token,
                                                       "messages": [{"type": "text", "text": text[:LINE_TEXT_MAX]}]})
