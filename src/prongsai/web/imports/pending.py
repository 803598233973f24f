"""Tables waiting for the "นำเข้า" click after their preview, kept as prongsai.web.assessments.pending
keeps a single agency's upload: the file in a private folder under PRONGSAI_HOME (shared by
every worker, and by every server on shared storage), the user's session naming which token is
whose and since when. The confirmation carries only the token; the file is read, checked and
planned again before anything is written, so nothing the browser sends back is trusted."""

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

LIFETIME = timedelta(minutes=30)
SESSION_KEY = "prongsai_pending_imports"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22}$")  # secrets.token_urlsafe(16)
_SUFFIX = re.compile(r"^\.[a-z]{3,4}$")


@dataclass(frozen=True)
class PendingTable:
    token: str
    path: Path
    file_name: str


def folder() -> Path:
    path = Path(settings.HOME) / "pending-imports"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def keep(request: HttpRequest, source: Path, file_name: str) -> PendingTable:
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
    oldest = time.time() - LIFETIME.total_seconds()
    entries = {t: e for t, e in _entries(request).items() if float(e.get("at", 0)) >= oldest}
    entries[token] = {"user": request.user.pk, "name": file_name, "suffix": suffix, "at": time.time()}
    request.session[SESSION_KEY] = entries
    return PendingTable(token, target, file_name)


def take(request: HttpRequest, token: str) -> PendingTable | None:
    """The table kept for this user under `token`, if it is still there and fresh."""
    sweep()
    if not _TOKEN.match(token or ""):
        return None
    entry = _entries(request).get(token)
    if entry is None or entry.get("user") != request.user.pk or not _SUFFIX.match(str(entry.get("suffix", ""))):
        return None
    path = folder() / f"{token}{entry['suffix']}"
    if time.time() - float(entry["at"]) > LIFETIME.total_seconds() or not path.is_file():
        discard(request, token)
        return None
    return PendingTable(token, path, str(entry["name"]))


def discard(request: HttpRequest, token: str) -> bool:
    """Forget the table; True for the one request that removed its file, so of two clicks on
    "นำเข้า" at once only one imports."""
    entries = _entries(request)
    entry = entries.pop(token, None)
    request.session[SESSION_KEY] = entries
    if entry is None or not _TOKEN.match(token) or not _SUFFIX.match(str(entry.get("suffix", ""))):
        return False
    try:
        (folder() / f"{token}{entry['suffix']}").unlink()
    except FileNotFoundError:
        return False
    return True


def sweep() -> None:
    """Remove kept files nobody confirmed in time, whoever uploaded them."""
    oldest = time.time() - LIFETIME.total_seconds()
    for path in folder().iterdir():
        try:
            if path.stat().st_mtime < oldest:
                path.unlink(missing_ok=True)
        except FileNotFoundError:  # another worker swept it first
            continue


def _entries(request: HttpRequest) -> dict[str, Any]:
    entries = request.session.get(SESSION_KEY)
    return dict(entries) if isinstance(entries, dict) else {}
