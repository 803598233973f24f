"""Daily backups on the embedded default: `prongsai serve` on SQLite keeps
PRONGSAI_HOME/backups/prongsai-YYYYMMDD-HHMMSS.tar.gz, one a day, the last days and weeks.

Every worker process checks once an hour; a file lock in the backups folder lets one of them
(or a `prongsai backup` run by cron into the same folder) take the day's backup while the others
skip. Only files named like the daily ones are ever removed: an operator's own copies stay.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout

from prongsai.web import periodic
from prongsai.web.datafolder import STALE_SECONDS

log = logging.getLogger("prongsai.backup")
NAME = re.compile(r"^prongsai-(\d{8})-(\d{6})\.tar\.gz$")
LOCK = ".backup.lock"


def taken_at(path: Path) -> datetime | None:
    match = NAME.match(path.name)
    if not match:
        return None
    try:
        return datetime.strptime(match[1] + match[2], "%Y%m%d%H%M%S")
    except ValueError:
        return None


def daily_name(now: datetime) -> str:
    return f"prongsai-{now:%Y%m%d-%H%M%S}.tar.gz"


def to_keep(times: Iterable[datetime], daily: int, weekly: int) -> set[datetime]:
    """The newest backup of each of the `daily` latest days that have one, and of each of the
    `weekly` latest ISO weeks that have one; the rest may go."""
    newest_first = sorted(set(times), reverse=True)
    keep: set[datetime] = set()
    for period, count in ((lambda t: t.date(), daily), (lambda t: t.isocalendar()[:2], weekly)):
        seen: list[object] = []
        for moment in newest_first:
            key = period(moment)
            if key in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(key)
            keep.add(moment)
    return keep


def prune(folder: Path, daily: int, weekly: int) -> list[Path]:
    backups = {t: p for p in folder.iterdir() if (t := taken_at(p)) is not None and p.is_file()}
    keep = to_keep(backups, daily, weekly)
    removed = []
    stale = time.time() - STALE_SECONDS
    for path in folder.glob(".*.partial"):  # a backup killed while it was written
        if path.is_file() and path.stat().st_mtime < stale:
            path.unlink(missing_ok=True)
            removed.append(path)
    for moment, path in sorted(backups.items()):
        if moment not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def take_daily(folder: Path, write: Callable[[Path], object], daily: int = 7, weekly: int = 4,
               now: Callable[[], datetime] = datetime.now) -> Path | None:
    """Today's backup, unless it exists or another process holds the lock; then the retention."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        with FileLock(str(folder / LOCK), timeout=0):
            today = now()
            if any((t := taken_at(p)) is not None and t.date() == today.date() for p in folder.iterdir()):
                prune(folder, daily, weekly)
                return None
            path = folder / daily_name(today)
            write(path)
            prune(folder, daily, weekly)
            return path
    except Timeout:
        return None


def start(folder: Path, write: Callable[[Path], object], daily: int, weekly: int,
          also: Callable[[], object] | None = None, every: float = 3600) -> threading.Thread:
    """A daemon thread that checks now and then every `every` seconds; errors are logged, never
    raised into the server."""

    def task() -> None:
        made = take_daily(folder, write, daily, weekly)
        if made is not None:
            log.info("สำรองข้อมูลประจำวันแล้ว: %s", made)
        if also is not None:
            also()

    return periodic.every(every, task, "prongsai-daily-backup", "สำรองข้อมูลประจำวันไม่สำเร็จ", log=log)
