"""Tables waiting for the "นำเข้า" click after their preview, kept by prongsai.web.ui.pending_files
(the same way as a single agency's upload): the file is read, checked and planned again before
anything is written."""

from __future__ import annotations

from pathlib import Path

from django.http import HttpRequest

from prongsai.web.ui.pending_files import LIFETIME, Kept, PendingFiles

__all__ = ["LIFETIME", "PendingTable", "discard", "folder", "keep", "take"]

PendingTable = Kept
_files = PendingFiles("pending-imports", "prongsai_pending_imports")


def folder() -> Path:
    return _files.folder()


def keep(request: HttpRequest, source: Path, file_name: str) -> PendingTable:
    return _files.keep(request, source, file_name)


def take(request: HttpRequest, token: str) -> PendingTable | None:
    """The table kept for this user under `token`, if it is still there and fresh."""
    return _files.take(request, token)


def discard(request: HttpRequest, token: str) -> bool:
    return _files.discard(request, token)
