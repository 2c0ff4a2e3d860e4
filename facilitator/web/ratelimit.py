"""Limits on what one participant does, over all their sockets and the no-JS form together.

`limits`' MemoryStorage expires keys with a timer that walks every key each 10 ms; with 2,000
connected phones that timer took half the server's CPU in benchmarks/live_load.py. So in one
process a plain sliding window per key is used (idle keys pruned now and then); when a limiter
URL is configured (Redis), `limits`' moving window there is shared by every worker.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from flask import current_app
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from facilitator.i18n import N_

PRUNE_EVERY = 60.0  # seconds between sweeps of keys whose window has emptied


class SlidingWindowLimiter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hits: dict[str, deque[float]] = {}
        self._pruned = float("-inf")

    def hit(self, rate: str, key: str, now: float | None = None) -> bool:
        """Record one event for `key`; False when it would exceed `rate` ("10/10second")."""
        limit = parse(rate)
        window = limit.get_expiry()
        now = time.monotonic() if now is None else now
        with self._lock:
            if now - self._pruned > PRUNE_EVERY:
                self._prune(now, window)
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

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()

    def __len__(self) -> int:
        return len(self._hits)

    def _prune(self, now: float, window: float) -> None:
        """Drop keys with no hit inside the window (phones that left); lock held."""
        self._pruned = now
        for key in [k for k, hits in self._hits.items() if not hits or hits[-1] <= now - window]:
            del self._hits[key]


class SharedLimiter:
    """hit(rate, key) in this process's memory, or in the Flask-Limiter storage
    (RATELIMIT_STORAGE_URI) when that is not memory, so all workers count together."""

    NAMESPACE = "facilitator"

    def __init__(self) -> None:
        self.memory = SlidingWindowLimiter()
        self._remote: dict[str, MovingWindowRateLimiter] = {}

    def hit(self, rate: str, key: str) -> bool:
        uri = current_app.config.get("RATELIMIT_STORAGE_URI") or "memory://"
        if uri.startswith("memory://"):
            return self.memory.hit(rate, key)
        if uri not in self._remote:  # one connection pool per storage, made on first use
            self._remote[uri] = MovingWindowRateLimiter(storage_from_string(uri))
        return self._remote[uri].hit(parse(rate), self.NAMESPACE, key)

    def reset(self) -> None:
        self.memory.reset()
        for remote in self._remote.values():
            remote.storage.reset()


participant_limits = SharedLimiter()
TOO_FAST = N_("Du sender meget hurtigt. Vent et øjeblik og prøv igen.")  # translated where shown


def participant_may_send(participant_id: int) -> bool:
    """One budget (SUBMIT_RATE) per participant for submissions and withdrawals, whichever
    sockets or forms they come from."""
    return participant_limits.hit(current_app.config["SUBMIT_RATE"], f"p{participant_id}")
