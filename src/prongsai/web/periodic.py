"""Work each server process does now and then beside requests (daily backups, scheduled OIT
checks): a daemon thread that runs a task every so often and logs its failures in one Thai line,
never raising them into the server."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable


def every(seconds: float, task: Callable[[], object], name: str, failed: str, *, first: float = 0,
          log: logging.Logger) -> threading.Thread:
    """Runs `task` after `first` seconds and then every `seconds`; `failed` is the log line's
    start when it raises (the reason and the minutes to the next try follow). `thread.stop` ends it."""
    stop = threading.Event()

    def loop() -> None:
        if first and stop.wait(first):
            return
        while True:
            try:
                task()
            except Exception as exc:  # the server goes on; the log says why
                log.error("%s (%s) จะลองใหม่ในอีก %d นาที", failed, exc, seconds // 60)
            if stop.wait(seconds):
                return

    thread = threading.Thread(target=loop, name=name, daemon=True)
    thread.stop = stop  # type: ignore[attr-defined]
    thread.start()
    return thread
