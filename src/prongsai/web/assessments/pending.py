"""Uploads of one agency's results waiting for the user's confirmation (another agency's file, a
year short of indicators), kept by prongsai.web.ui.pending_files for the agency they were
uploaded to."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from django.http import HttpRequest

from prongsai.web.agencies.models import Agency
from prongsai.web.ui.pending_files import LIFETIME, PendingFiles

__all__ = ["LIFETIME", "PendingUpload", "discard", "folder", "keep", "now", "take"]


def now() -> float:
    return time.time()


_files = PendingFiles("pending-uploads", "prongsai_pending_uploads", clock=lambda: now())


@dataclass(frozen=True)
class PendingUpload:
    token: str
    path: Path
    file_name: str
    replace: bool


def folder() -> Path:
    return _files.folder()


def keep(request: HttpRequest, agency: Agency, source: Path, file_name: str, replace: bool) -> PendingUpload:
    kept = _files.keep(request, source, file_name, agency=agency.pk, replace=replace)
    return PendingUpload(kept.token, kept.path, file_name, replace)


def take(request: HttpRequest, agency: Agency, token: str) -> PendingUpload | None:
    """The upload kept for this user and agency under `token`, if it is still there and fresh."""
    kept = _files.take(request, token, agency=agency.pk)
    return None if kept is None else PendingUpload(kept.token, kept.path, kept.file_name, bool(kept.extra.get("replace")))


def discard(request: HttpRequest, token: str) -> bool:
    return _files.discard(request, token)
