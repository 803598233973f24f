"""Uploads waiting for the user's confirmation (another agency's file, a year short of
indicators). The file stays on the server, in a private folder under PRONGSAI_HOME; the user's
session holds which agency it is for and when it was kept. A confirmation carries only the
token, and the file is read and checked again before anything is saved: nothing the browser
sends back is trusted."""

from __future__ import annotations

import os
import re
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from prongsai.web.agencies.models import Agency

LIFETIME = timedelta(minutes=30)
SESSION_KEY = "prongsai_pending_uploads"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22}$")  # secrets.token_urlsafe(16)
_SUFFIX = re.compile(r"^\.[a-z]{3,4}$")


def now() -> float:
    return time.time()


def folder() -> Path:
    path = Path(settings.HOME) / "pending-uploads"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)  # mkdir's mode passes through the umask, and the folder may be older
    return path


@dataclass(frozen=True)
class PendingUpload:
    token: str
    path: Path
    file_name: str
    replace: bool


def keep(request: HttpRequest, agency: Agency, source: Path, file_name: str, replace: bool) -> PendingUpload:
    sweep()
    suffix = source.suffix.lower()
    if not _SUFFIX.match(suffix):
        raise ValueError(suffix)
    token = secrets.token_urlsafe(16)
    target = folder() / f"{token}{suffix}"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out, source.open("rb") as given:
        while chunk := given.read(1024 * 1024):
            out.write(chunk)
    oldest = now() - LIFETIME.total_seconds()
    entries = {t: e for t, e in _entries(request).items() if float(e.get("at", 0)) >= oldest}
    entries[token] = {"agency": agency.pk, "user": request.user.pk, "name": file_name, "suffix": suffix,
                      "replace": replace, "at": now()}
    request.session[SESSION_KEY] = entries
    return PendingUpload(token, target, file_name, replace)


def take(request: HttpRequest, agency: Agency, token: str) -> PendingUpload | None:
    """The upload kept for this user and agency under `token`, if it is still there and fresh."""
    sweep()
    if not _TOKEN.match(token or ""):
        return None
    entry = _entries(request).get(token)
    if entry is None or entry.get("user") != request.user.pk or entry.get("agency") != agency.pk:
        return None
    path = folder() / f"{token}{entry['suffix']}"
    if now() - float(entry["at"]) > LIFETIME.total_seconds() or not path.is_file():
        discard(request, token)
        return None
    return PendingUpload(token, path, str(entry["name"]), bool(entry["replace"]))


def discard(request: HttpRequest, token: str) -> bool:
    """Forget the upload; True for the one request that removed its file, so of two clicks on
    "confirm" at once only one saves."""
    entries = _entries(request)
    entry = entries.pop(token, None)
    request.session[SESSION_KEY] = entries
    if entry is None or not _TOKEN.match(token) or not _SUFFIX.match(entry.get("suffix", "")):
        return False
    try:
        (folder() / f"{token}{entry['suffix']}").unlink()
    except FileNotFoundError:
        return False
    return True


def sweep() -> None:
    """Remove kept files nobody confirmed in time, whoever uploaded them."""
    oldest = now() - LIFETIME.total_seconds()
    for path in folder().iterdir():
        try:
            if path.stat().st_mtime < oldest:
                path.unlink(missing_ok=True)
        except FileNotFoundError:  # another worker swept it first
            continue


def _entries(request: HttpRequest) -> dict[str, Any]:
    entries = request.session.get(SESSION_KEY)
    return dict(entries) if isinstance(entries, dict) else {}
