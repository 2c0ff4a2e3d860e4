"""Limits on what one participant does (over all their sockets and the no-JS form together), on
guessing secrets (join codes, passcodes, answer links) and on joining a session.

A venue's 2,000 phones share one public address, so nothing honest is limited per address:
guessing counts DISTINCT wrong values per address (a phone re-scanning a draft's code is not
guessing, and a right value is never refused for it), joining is limited per session and per
participant cookie. README "Et stort arrangement" explains the model.

`limits`' MemoryStorage expires keys with a timer that walks every key each 10 ms; with 2,000
connected phones that timer took half the server's CPU in benchmarks/live_load.py. So in one
process a plain sliding window per key is used (idle keys pruned now and then); when a limiter
URL is configured (Redis), `limits`' moving window there is shared by every worker.
"""

from __future__ import annotations

import threading
import time
from collections import deque

from flask import current_app, request
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from facilitator.core.i18n import N_

PRUNE_EVERY = 60.0  # seconds between sweeps of keys whose window has emptied


class SlidingWindowLimiter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hits: dict[str, deque[float]] = {}
        self._pruned = float("-inf")
        self._longest = 0.0  # the longest window in use: a sweep must not forget a live key

    def hit(self, rate: str, key: str, now: float | None = None) -> bool:
        """Record one event for `key`; False when it would exceed `rate` ("10/10second")."""
        limit = parse(rate)
        window = limit.get_expiry()
        now = time.monotonic() if now is None else now
        with self._lock:
            self._longest = max(self._longest, window)
            if now - self._pruned > PRUNE_EVERY:
                self._prune(now, self._longest)
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - window:
                hits.popleft()
            if len(hits) >= limit.amount:
                return False
            hits.append(now)
            return True

    def test(self, rate: str, key: str, now: float | None = None) -> bool:
        """Whether one more event for `key` would be allowed, without recording it."""
        limit = parse(rate)
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.get(key, ())
            return sum(1 for t in hits if t > now - limit.get_expiry()) < limit.amount

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
        remote = self._shared()
        if remote is None:
            return self.memory.hit(rate, key)
        return remote.hit(parse(rate), self.NAMESPACE, key)

    def test(self, rate: str, key: str) -> bool:
        """Whether `key` has room for one more event under `rate`; records nothing."""
        remote = self._shared()
        if remote is None:
            return self.memory.test(rate, key)
        return remote.test(parse(rate), self.NAMESPACE, key)

    def _shared(self) -> MovingWindowRateLimiter | None:
        uri = current_app.config.get("RATELIMIT_STORAGE_URI") or "memory://"
        if uri.startswith("memory://"):
            return None
        if uri not in self._remote:  # one connection pool per storage, made on first use
            self._remote[uri] = MovingWindowRateLimiter(storage_from_string(uri))
        return self._remote[uri]

    def reset(self) -> None:
        self.memory.reset()
        for remote in self._remote.values():
            remote.storage.reset()


participant_limits = SharedLimiter()
shared_limits = participant_limits  # one store for every limit here (Redis with several workers)
TOO_FAST = N_("Du sender meget hurtigt. Vent et øjeblik og prøv igen.")  # translated where shown


def participant_may_send(participant_id: int) -> bool:
    """One budget (SUBMIT_RATE) per participant for submissions and withdrawals, whichever
    sockets or forms they come from."""
    return participant_limits.hit(current_app.config["SUBMIT_RATE"], f"p{participant_id}")


class GuessLimit:
    """Wrong guesses of a secret, counted once per distinct wrong value per `scope` (a client
    address, or a session and an address) within the rate's window.

    Only misses are counted, and only `blocked()` refuses: callers ask it for misses alone, so
    a right value (a live code, a valid link) is never refused because of them."""

    def __init__(self, name: str, setting: str) -> None:
        self.name = name
        self.setting = setting  # the config key of the rate, e.g. CODE_GUESS_RATE

    def _rate(self) -> str:
        return current_app.config[self.setting]

    def blocked(self, scope: str) -> bool:
        return not shared_limits.test(self._rate(), f"{self.name}:{scope}")

    def miss(self, scope: str, value: str) -> None:
        """Count `value` unless this scope already tried it in the window (a re-scan)."""
        rate = self._rate()
        window = parse(rate).get_expiry()
        if shared_limits.hit(f"1/{window}second", f"{self.name}-seen:{scope}:{value[:64]}"):
            shared_limits.hit(rate, f"{self.name}:{scope}")


code_guesses = GuessLimit("code", "CODE_GUESS_RATE")  # unknown join codes per address
token_guesses = GuessLimit("token", "ANSWER_GUESS_RATE")  # unknown answer links per address
passcode_guesses = GuessLimit("passcode", "PASSCODE_GUESS_RATE")  # per session + address


def client_address() -> str:
    """The client's address (ProxyFix has put the phone's own there behind nginx)."""
    return request.remote_addr or "unknown"


def session_may_admit(session_id: int) -> bool:
    """A session's own join budget (SESSION_JOIN_RATE): new participants, whatever address."""
    return shared_limits.hit(current_app.config["SESSION_JOIN_RATE"], f"join-s{session_id}")


def participant_may_join(token: str) -> bool:
    """Join-form posts per participant cookie (PARTICIPANT_JOIN_RATE): a phone re-posting."""
    return shared_limits.hit(current_app.config["PARTICIPANT_JOIN_RATE"], f"join-t{token[:64]}")


PAGE_TOKENS = 4  # participant cookies (one per session) counted per request; the rest ignored


def phone_may_load(tokens: list[str]) -> bool:
    """Phone-page loads and no-JS posts per participant cookie (PAGE_RATE), asked before the
    session, the participant or the page is looked up: a flooding phone is refused for the
    cost of a dictionary look-up. Keyed on the cookie, never the address (a venue shares one)."""
    rate = current_app.config["PAGE_RATE"]
    allowed = [
        participant_limits.hit(rate, f"page-t{token[:64]}") for token in tokens[:PAGE_TOKENS]
    ]
    return all(allowed)  # every cookie counted, so adding a session's cookie buys nothing


def retry_after(setting: str) -> int:
    """Seconds to tell a refused client to wait (Retry-After): the rate's whole window, after
    which every one of its earlier hits has expired."""
    return int(parse(current_app.config[setting]).get_expiry())
