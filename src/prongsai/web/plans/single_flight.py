"""Concurrent calls with the same key share one run (Go's "singleflight"): the first caller runs
the function, callers arriving while it runs wait for it and get the same result or exception.

Used for document downloads, where a repeat click would otherwise start a second LibreOffice
job for the same file. SingleFlight shares calls among one process's threads; AcrossProcesses adds
the server's other worker processes, through a lock file per key and the finished result left
beside it for the callers that waited.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Generic, TypeVar

from filelock import FileLock

T = TypeVar("T")


class _Call(Generic[T]):
    def __init__(self) -> None:
        self.done = threading.Event()
        self.result: T | None = None
        self.error: BaseException | None = None
        self.waiters = 0


class SingleFlight(Generic[T]):
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[Hashable, _Call[T]] = {}

    def run(self, key: Hashable, function: Callable[[], T]) -> T:
        with self._lock:
            call = self._running.get(key)
            leader = call is None
            if call is None:
                call = self._running[key] = _Call()
            else:
                call.waiters += 1
        if not leader:
            call.done.wait()
            if call.error is not None:
                raise call.error
            return call.result  # type: ignore[return-value]
        try:
            call.result = function()
            return call.result
        except BaseException as exc:
            call.error = exc
            raise
        finally:
            with self._lock:
                del self._running[key]
            call.done.set()

    def waiting(self, key: Hashable) -> int:
        """How many callers wait for the run of `key` now (0 when none runs)."""
        with self._lock:
            call = self._running.get(key)
            return call.waiters if call is not None else 0


class AcrossProcesses:
    """SingleFlight for bytes among every worker process that shares `folder` (private: results
    are agency documents). A caller that had to wait for the lock takes the result written while
    it waited; a result from before its call is never taken, so a later click makes the
    document afresh, as it does within one process. Results are removed after `keep` seconds."""

    def __init__(self, folder: Path, keep: float = 300, timeout: float = 600) -> None:
        self.folder, self.keep, self.timeout = Path(folder), keep, timeout
        self._local: SingleFlight[bytes] = SingleFlight()

    def run(self, key: Hashable, function: Callable[[], bytes]) -> bytes:
        return self._local.run(key, lambda: self._locked(key, function))

    def waiting(self, key: Hashable) -> int:
        return self._local.waiting(key)

    def _locked(self, key: Hashable, function: Callable[[], bytes]) -> bytes:
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        name = hashlib.sha256(repr(key).encode()).hexdigest()[:40]
        result = self.folder / f"{name}.result"
        called = time.time()
        with FileLock(self.folder / f"{name}.lock", timeout=self.timeout):
            try:
                if result.stat().st_mtime >= called:
                    return result.read_bytes()
            except FileNotFoundError:
                pass
            content = function()
            partial = result.with_suffix(f".{os.getpid()}.partial")
            partial.write_bytes(content)
            os.chmod(partial, 0o600)
            os.replace(partial, result)
        self._forget_old(called)
        return content

    def _forget_old(self, now: float) -> None:
        for old in self.folder.glob("*.result"):
            try:
                if old.stat().st_mtime < now - self.keep:
                    old.unlink()
            except FileNotFoundError:
                pass
