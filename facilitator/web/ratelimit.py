"""Per-connection submission limit for Socket.IO events.

`limits`' MemoryStorage expires keys with a timer that walks every key each 10 ms; with 2,000
connected phones that timer took half the server's CPU in benchmarks/live_load.py. A sliding
window per connection, dropped on disconnect, costs nothing when idle.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from limits import parse


class SlidingWindowLimiter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hits: dict[str, deque[float]] = {}

    def hit(self, rate: str, key: str, now: float | None = None) -> bool:
        """Record one event for `key`; False when it would exceed `rate` ("10/10second")."""
        limit = parse(rate)
        window = limit.get_expiry()
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - window:
                hits.popleft()
            if len(hits) >= limit.amount:
                return False
            hits.append(now)
            return True

    def forget(self, key: str) -> None:
        with self._lock:
            self._hits.pop(key, None)
