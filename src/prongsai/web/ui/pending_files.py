"""Uploaded files waiting for the user's confirmation (a single agency's results file, a table of
many agencies' results). The file stays on the server, in a private folder under PRONGSAI_HOME
shared by every worker; the user's session holds the token, whose it is, what it is for and when
it was kept. A confirmation carries only the token, and the caller reads and checks the file
again before anything is saved: nothing the browser sends back is trusted."""

from __future__ import annotations

import os
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest

LIFETIME = timedelta(minutes=30)
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22}$")  # secrets.token_urlsafe(16)
_SUFFIX = re.compile(r"^\.[a-z]{3,4}$")


@dataclass(frozen=True)
class Kept:
    token: str
    path: Path
    file_name: str
    extra: dict[str, Any]


class PendingFiles:
    """One kind of waiting upload: its folder and its session key. `clock` gives the time (tests
    move it to expire a file)."""

    def __init__(self, folder_name: str, session_key: str, clock: Callable[[], float] = time.time) -> None:
        self.folder_name, self.session_key, self.clock = folder_name, session_key, clock

    def folder(self) -> Path:
        path = Path(settings.HOME) / self.folder_name
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path, 0o700)  # mkdir's mode passes through the umask, and the folder may be older
        return path

    def keep(self, request: HttpRequest, source: Path, file_name: str, **extra: Any) -> Kept:
        """Copy `source` under a fresh token; `extra` (JSON values) comes back from `take`."""
        self.sweep()
        suffix = source.suffix.lower()
        if not _SUFFIX.match(suffix):
            raise ValueError(suffix)
        token = secrets.token_urlsafe(16)
        target = self.folder() / f"{token}{suffix}"
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out, source.open("rb") as given:
            while chunk := given.read(1024 * 1024):
                out.write(chunk)
        oldest = self.clock() - LIFETIME.total_seconds()
        entries = {t: e for t, e in self._entries(request).items() if float(e.get("at", 0)) >= oldest}
        entries[token] = {"user": request.user.pk, "name": file_name, "suffix": suffix, "at": self.clock(),
                          "extra": extra}
        request.session[self.session_key] = entries
        return Kept(token, target, file_name, extra)

    def take(self, request: HttpRequest, token: str, **expected: Any) -> Kept | None:
        """The file this user kept under `token` if it is still there and fresh, and its `extra`
        holds the `expected` values (e.g. the agency it was uploaded for)."""
        self.sweep()
        if not _TOKEN.match(token or ""):
            return None
        entry = self._entries(request).get(token)
        if entry is None or entry.get("user") != request.user.pk or not _SUFFIX.match(str(entry.get("suffix", ""))):
            return None
        extra = entry.get("extra") if isinstance(entry.get("extra"), dict) else {}
        if any(extra.get(key) != value for key, value in expected.items()):
            return None
        path = self.folder() / f"{token}{entry['suffix']}"
        if self.clock() - float(entry["at"]) > LIFETIME.total_seconds() or not path.is_file():
            self.discard(request, token)
            return None
        return Kept(token, path, str(entry["name"]), extra)

    def discard(self, request: HttpRequest, token: str) -> bool:
        """Forget the file; True for the one request that removed it, so of two clicks on the
        confirming button at once only one saves."""
        entries = self._entries(request)
        entry = entries.pop(token, None)
        request.session[self.session_key] = entries
        if entry is None or not _TOKEN.match(token) or not _SUFFIX.match(str(entry.get("suffix", ""))):
            return False
        try:
            (self.folder() / f"{token}{entry['suffix']}").unlink()
        except FileNotFoundError:
            return False
        return True

    def sweep(self) -> None:
        """Remove kept files nobody confirmed in time, whoever uploaded them."""
        oldest = self.clock() - LIFETIME.total_seconds()
        for path in self.folder().iterdir():
            try:
                if path.stat().st_mtime < oldest:
                    path.unlink(missing_ok=True)
            except FileNotFoundError:  # another worker swept it first
                continue

    def _entries(self, request: HttpRequest) -> dict[str, Any]:
        entries = request.session.get(self.session_key)
        return dict(entries) if isinstance(entries, dict) else {}
