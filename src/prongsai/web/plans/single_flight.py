"""Concurrent calls with the same key share one run (Go's "singleflight"): the first caller runs
the function, callers arriving while it runs wait for it and get the same result or exception.

Used for document downloads, where a repeat click would otherwise start a second LibreOffice
job for the same file. Only calls inside one process are shared; the server runs one process
with threads by default.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

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
