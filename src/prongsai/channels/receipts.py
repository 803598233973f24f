"""The 16-digit receipt an anonymous reporter keeps instead of an account.

A receipt is drawn from the operating system's random source (10^16 values, about 53 bits), shown
once and never stored: the database keeps only its keyed digest (HMAC-SHA256 with the channel key,
which is not in the database), so reading the database does not give the receipts, and a guess
must be checked by the server, which limits the tries (prongsai.web.public.anonymity).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

DIGITS = 16
_THAI = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def new_receipt() -> str:
    # The first digit may be 0: the receipt is a string of digits, not a number.
    return "".join(secrets.choice("0123456789") for _ in range(DIGITS))


def grouped(receipt: str) -> str:
    """'1234 5678 9012 3456': four groups are easier to copy down and read out."""
    return " ".join(receipt[i:i + 4] for i in range(0, len(receipt), 4))


def normalised(typed: str) -> str | None:
    """The receipt as typed (spaces, dashes, Thai digits allowed), or None when it cannot be one."""
    cleaned = "".join(ch for ch in str(typed or "").translate(_THAI) if ch not in " -\t\u00a0")
    if len(cleaned) != DIGITS or not cleaned.isascii() or not cleaned.isdigit():
        return None
    return cleaned


def digest(receipt: str, key: bytes) -> str:
    return hmac.new(key, b"receipt:" + receipt.encode("ascii"), hashlib.sha256).hexdigest()
