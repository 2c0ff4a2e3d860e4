"""Who is online: the phones connected to a session, counted over every server process.

One process (no message queue, and the tests) counts in memory: `LocalPresence`.

Several processes sharing a Redis message queue count together: `RedisPresence`. Each process
(an *instance*: `worker_id()` plus a random suffix, so a restarted worker never revives the
counts of its previous life) keeps its own counts in memory and publishes them:

- `facilitator:presence:<session id>`: a hash, field = instance, value = that instance's phones
  in the session (a field is deleted when it drops to 0). Every write renews the key's expiry
  (an hour: garbage collection only, never what decides who counts), so a session whose
  instances are all gone vanishes by itself.
- `facilitator:presence:alive:<instance>`: the instance's liveness key, renewed by its
  heartbeat every TTL/3 with a TTL of its own (FACILITATOR_PRESENCE_TTL, 30 s).

online(session) = this instance's own count (from memory, always fresh) + the fields of the
other instances whose liveness key still exists: two round trips (HGETALL, then MGET of the
liveness keys), never KEYS. A SIGKILLed worker runs no cleanup: its liveness key expires within
the TTL and its phones stop counting; a heartbeat of a surviving instance then deletes its dead
fields. Counting never waits on Redis: connect/disconnect only change memory and mark the
session dirty; a short batch writes the dirty sessions in one pipeline, the heartbeat rewrites
all of them. A Redis error is logged once (and once when Redis is back) and the count falls back
to this instance's own phones; nothing is raised to a connect or an event.

`on_change(session ids)` is called when a count this instance published reached Redis, and when
a heartbeat finds that a watched session's total changed (another worker's phones came, left or
died): the app pushes `participants:count` again, so a projector never keeps a stale number.
Watched: every session whose total this instance read (a projector's or console's snapshot, a
count push) until its total is 0.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from typing import Any, Protocol

from facilitator.core import jobs

log = logging.getLogger(__name__)

PREFIX = "facilitator:presence:"
WRITE_DELAY = 0.1  # seconds: a burst of connects becomes one pipeline
SOCKET_TIMEOUT = 2.0  # seconds: a hanging Redis must not hold a count push for long
FORGET_AFTER = 3600.0  # seconds: a session hash nobody has written to for this long goes


def worker_id() -> str:
    """This server process's name: FACILITATOR_WORKER_ID (set by `serve --workers`) or
    host-pid."""
    return os.environ.get("FACILITATOR_WORKER_ID") or f"{socket.gethostname()}-{os.getpid()}"


def is_redis_url(url: str | None) -> bool:
    return bool(url) and str(url).split("://", 1)[0] in {"redis", "rediss", "unix"}


class Presence(Protocol):
    def connected(self, session_id: int) -> None: ...

    def disconnected(self, session_id: int) -> None: ...

    def online(self, session_id: int) -> int: ...

    def close(self) -> None: ...


class LocalPresence:
    """Phones online per session in this process only."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[int] = Counter()

    def connected(self, session_id: int) -> None:
        with self._lock:
            self._counts[session_id] += 1

    def disconnected(self, session_id: int) -> None:
        with self._lock:
            self._counts[session_id] -= 1
            if self._counts[session_id] <= 0:
                del self._counts[session_id]

    def online(self, session_id: int) -> int:
        with self._lock:
            return self._counts.get(session_id, 0)

    def close(self) -> None:
        with self._lock:
            self._counts.clear()


class RedisPresence(LocalPresence):
    """Phones online per session over every live instance (see the module docstring).
    `client`: a redis-py client made with decode_responses=True."""

    def __init__(
        self,
        client: Any,
        *,
        ttl: float = 30.0,
        runtime: jobs.Runtime | Callable[[], jobs.Runtime] = jobs.THREADS,
        on_change: Callable[[set[int]], None] | None = None,
        instance: str | None = None,
        write_delay: float = WRITE_DELAY,
    ) -> None:
        super().__init__()
        self.client = client
        self.ttl = ttl
        self.instance = instance or f"{worker_id()}:{uuid.uuid4().hex[:8]}"
        self._runtime = runtime
        self._on_change = on_change
        self._zeros: set[int] = set()  # dropped to 0 here, not yet deleted in Redis
        self._watched: dict[int, int] = {}  # session -> the total last read
        self._writing = threading.Lock()  # one pipeline at a time: the newest count wins
        self._healthy = True
        self._beating = False
        self._closed = False
        self._writes = jobs.Batcher(
            "presence writes", self._flush, interval=write_delay, runtime=runtime
        )

    # counting (memory only) ---------------------------------------------------------------------
    def connected(self, session_id: int) -> None:
        with self._lock:
            self._counts[session_id] += 1
            self._zeros.discard(session_id)
        self._changed(session_id)

    def disconnected(self, session_id: int) -> None:
        with self._lock:
            self._counts[session_id] -= 1
            if self._counts[session_id] <= 0:
                del self._counts[session_id]
                self._zeros.add(session_id)
        self._changed(session_id)

    def local(self, session_id: int) -> int:
        """This instance's own phones in the session."""
        return super().online(session_id)

    def _changed(self, session_id: int) -> None:
        self._writes.mark("sessions", session_id)
        self._start_heartbeat()

    # reading ----------------------------------------------------------------------------------
    def online(self, session_id: int) -> int:
        return self.totals([session_id])[session_id]

    def totals(self, session_ids: Iterable[int], *, prune: bool = False) -> dict[int, int]:
        """online() of several sessions in the same two round trips; this instance's own
        counts when Redis fails. `prune`: delete the fields of instances found dead."""
        ids = list(dict.fromkeys(session_ids))
        own = {session_id: self.local(session_id) for session_id in ids}
        self._start_heartbeat()  # a worker with only a projector watches too
        try:
            totals = self._read(ids, own, prune)
        except Exception as error:  # redis errors, and anything else: never break an event
            self._failed("read", error)
            return own
        self._recovered()
        with self._lock:
            self._watched.update(totals)
        return totals

    def _read(self, ids: list[int], own: dict[int, int], prune: bool) -> dict[int, int]:
        pipe = self.client.pipeline(transaction=False)
        for session_id in ids:
            pipe.hgetall(session_key(session_id))
        fields = dict(zip(ids, pipe.execute(), strict=True))
        others = sorted({i for counts in fields.values() for i in counts} - {self.instance})
        alive = {
            i
            for i, flag in zip(
                others,
                self.client.mget([alive_key(i) for i in others]) if others else [],
                strict=True,
            )
            if flag is not None
        }
        totals = {}
        for session_id, counts in fields.items():
            totals[session_id] = own[session_id] + sum(
                int(count) for instance, count in counts.items() if instance in alive
            )
            dead = [i for i in counts if i != self.instance and i not in alive]
            if prune and dead:
                self.client.hdel(session_key(session_id), *dead)
        return totals

    # writing ----------------------------------------------------------------------------------
    def _flush(self, batch: dict[Hashable, set[Any]]) -> None:
        if self._closed:
            return
        written = self.write(batch.get("sessions", set()))
        if written and self._on_change is not None:
            self._on_change(written)

    def write(self, session_ids: Iterable[int] | None = None) -> set[int]:
        """Publish this instance's counts of `session_ids` (None: all it has) and renew its
        liveness; returns the sessions written (none when Redis failed: the heartbeat retries
        them, since every count stays in memory until written)."""
        with self._writing:
            with self._lock:
                ids = set(self._counts) | self._zeros if session_ids is None else set(session_ids)
                counts = {session_id: self._counts.get(session_id, 0) for session_id in ids}
            pipe = self.client.pipeline(transaction=False)
            pipe.set(alive_key(self.instance), "1", px=int(self.ttl * 1000))
            for session_id, count in counts.items():
                key = session_key(session_id)
                if count > 0:
                    pipe.hset(key, self.instance, count)
                    pipe.expire(key, int(max(FORGET_AFTER, self.ttl * 10)))
                else:
                    pipe.hdel(key, self.instance)
            try:
                pipe.execute()
            except Exception as error:
                self._failed("write", error)
                return set()
            self._recovered()
            with self._lock:
                self._zeros -= {
                    s for s, count in counts.items() if count == 0 and self._counts.get(s, 0) == 0
                }
            return set(counts)

    # heartbeat --------------------------------------------------------------------------------
    def beat(self) -> set[int]:
        """Renew this instance's liveness and counts, and re-read the sessions this instance
        watches; returns (and reports through on_change) those whose total changed."""
        self.write()
        with self._lock:
            before = dict(self._watched)
        totals = self.totals(before, prune=True) if before else {}
        changed = {s for s, total in totals.items() if total != before[s]}
        with self._lock:  # a session nobody is in any more is no longer watched
            for session_id, total in totals.items():
                if total == 0 and self._counts.get(session_id, 0) == 0:
                    self._watched.pop(session_id, None)
        if changed and self._on_change is not None:
            self._on_change(changed)
        return changed

    def _start_heartbeat(self) -> None:
        with self._lock:
            if self._beating or self._closed:
                return
            self._beating = True
        runtime = self.runtime
        runtime.spawn(lambda: self._heartbeat(runtime))

    def _heartbeat(self, runtime: jobs.Runtime) -> None:
        while not self._closed:
            runtime.sleep(self.ttl / 3)
            if self._closed:
                return
            try:
                self.beat()
            except Exception as error:  # the loop must outlive any one failure
                self._failed("heartbeat", error)

    @property
    def runtime(self) -> jobs.Runtime:
        return self._runtime if isinstance(self._runtime, jobs.Runtime) else self._runtime()

    def stop(self) -> None:
        """Stop heartbeating and writing, as a killed worker does (nothing is cleaned up)."""
        self._closed = True

    def close(self) -> None:
        """Stop, and take this instance's phones out of every total now."""
        self.stop()
        with self._lock:
            ids = set(self._counts) | self._zeros
            self._counts.clear()
        try:
            pipe = self.client.pipeline(transaction=False)
            for session_id in ids:
                pipe.hdel(session_key(session_id), self.instance)
            pipe.delete(alive_key(self.instance))
            pipe.execute()
        except Exception as error:
            self._failed("close", error)

    # Redis trouble: one line when it starts, one when it ends ---------------------------------
    def _failed(self, what: str, error: BaseException) -> None:
        if self._healthy:
            self._healthy = False
            log.warning(
                "presence: Redis %s failed (%s); online counts are this worker's own "
                "until it is back",
                what,
                jobs.describe(error),
            )

    def _recovered(self) -> None:
        if not self._healthy:
            self._healthy = True
            log.warning("presence: Redis is back; online counts are shared again")


def session_key(session_id: int) -> str:
    return f"{PREFIX}{session_id}"


def alive_key(instance: str) -> str:
    return f"{PREFIX}alive:{instance}"


def presence_for(
    message_queue: str | None,
    *,
    ttl: float,
    runtime: jobs.Runtime | Callable[[], jobs.Runtime],
    on_change: Callable[[set[int]], None] | None = None,
) -> Presence:
    """Shared counts through the message queue's Redis, else this process's own."""
    if not is_redis_url(message_queue):
        if message_queue:
            log.warning(
                "presence: online counts are per process (the message queue %s is not Redis)",
                str(message_queue).split("://", 1)[0],
            )
        return LocalPresence()
    import redis

    client = redis.Redis.from_url(
        str(message_queue),
        decode_responses=True,
        socket_timeout=SOCKET_TIMEOUT,
        socket_connect_timeout=SOCKET_TIMEOUT,
    )
    return RedisPresence(client, ttl=ttl, runtime=runtime, on_change=on_change)
