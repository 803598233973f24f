"""Sealing report text and attachments at rest: AES-256-GCM (pyca/cryptography) with the channel
key from the settings, a fresh 96-bit nonce per value, and the record it belongs to as associated
data, so a sealed value copied onto another report does not open there."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSION = b"\x01"
KEY_BYTES = 32


class SealBroken(ValueError):
    """The sealed value was changed, or the key is not the one it was sealed with."""


def derive_key(secret: str, purpose: str) -> bytes:
    """A key of its own for one purpose, from a longer secret (the installation's secret key)."""
    return hmac.new(secret.encode("utf-8"), b"prongsai:" + purpose.encode("utf-8"), hashlib.sha256).digest()


def parse_key(text: str) -> bytes:
    """A key given in the settings: 32 bytes written as base64 (urlsafe or standard) or 64 hex digits."""
    raw = text.strip()
    try:
        if len(raw) == 2 * KEY_BYTES:
            key = bytes.fromhex(raw)
        else:
            key = base64.urlsafe_b64decode(raw.replace("+", "-").replace("/", "_") + "=" * (-len(raw) % 4))
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise ValueError("กุญแจต้องยาว 32 ไบต์ เขียนเป็น base64 หรือเลขฐานสิบหก 64 ตัว "
                         "(สร้างได้ด้วย: python -c \"import secrets; print(secrets.token_hex(32))\")")
    return key


class Sealer:
    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError("channel key must be 32 bytes")
        self._aead = AESGCM(key)

    def seal(self, data: bytes, context: str) -> bytes:
        nonce = os.urandom(12)
        return VERSION + nonce + self._aead.encrypt(nonce, data, context.encode("utf-8"))

    def open(self, sealed: bytes, context: str) -> bytes:
        if not sealed:
            return b""
        if sealed[:1] != VERSION or len(sealed) < 1 + 12 + 16:
            raise SealBroken("unknown seal")
        try:
            return self._aead.decrypt(sealed[1:13], sealed[13:], context.encode("utf-8"))
        except InvalidTag as exc:
            raise SealBroken("seal does not open") from exc

    def seal_text(self, text: str, context: str) -> bytes:
        return self.seal(text.encode("utf-8"), context) if text else b""

    def open_text(self, sealed: bytes, context: str) -> str:
        return self.open(bytes(sealed or b""), context).decode("utf-8")
