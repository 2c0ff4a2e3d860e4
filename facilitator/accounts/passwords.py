"""Password hashing that never stalls the live room.

A hash costs ~0.2 s of CPU on purpose. Under `facilitator serve` (gevent) every phone shares
one event loop, so a hash computed on it delays every acknowledgement; 40 parallel logins
delayed phones by seconds. Under gevent the hash therefore runs in a native worker thread:
PBKDF2 (hashlib) releases the GIL, so the loop keeps running beside it. The pool has ONE
thread, so however many logins arrive, at most one core hashes and the loop keeps the other;
further logins wait their turn without blocking anything else. Elsewhere (threading mode,
tests, the CLI) hashing simply runs in the calling thread.

scrypt, werkzeug's default, holds the GIL while it runs, so it would still stall the loop from
a worker thread: new hashes use PBKDF2-SHA256 and older ones are upgraded at the next login.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from werkzeug.security import check_password_hash, generate_password_hash

# The OWASP Password Storage Cheat Sheet's cost for PBKDF2-HMAC-SHA256: ~0.2 s per hash.
METHOD = "pbkdf2:sha256:600000"

T = TypeVar("T")

_mode = "threading"
_pool: Any = None
_dummy: str | None = None
_lock = threading.Lock()


def use_async_mode(mode: str) -> None:
    """Called by the app with its ASYNC_MODE: "gevent" moves hashing to the worker thread."""
    global _mode
    _mode = mode


def async_mode() -> str:
    return _mode


def _gevent_pool() -> Any:
    global _pool
    if _pool is None:
        from gevent.threadpool import ThreadPool

        _pool = ThreadPool(1)  # one hash at a time: the event loop keeps a core
    return _pool


def offload(fn: Callable[..., T], *args: Any) -> T:
    """Run CPU-heavy `fn(*args)` where it cannot block the event loop; returns its result."""
    if _mode == "gevent":
        return _gevent_pool().apply(fn, args)
    return fn(*args)


def hash_password(password: str) -> str:
    return offload(generate_password_hash, password, METHOD)


def verify_password(password_hash: str, password: str) -> bool:
    return offload(check_password_hash, password_hash, password)


def needs_rehash(password_hash: str) -> bool:
    return not password_hash.startswith(METHOD + "$")


def dummy_hash() -> str:
    """A hash of a random password with the same cost as real ones, made once: unknown and
    deactivated accounts are checked against it so they answer as slowly as real ones."""
    global _dummy
    if _dummy is None:
        made = hash_password(secrets.token_urlsafe(16))
        with _lock:
            _dummy = _dummy or made
    return _dummy
