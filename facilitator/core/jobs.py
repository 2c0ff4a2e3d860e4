"""Background work that reacts to domain signals: one small runner for all of it.

Two shapes cover every job in facilitator:

- `Batcher`: keyed, coalescing batches. `mark(key, item)` collects; after `interval` one flusher
  hands everything collected so far to `flush({key: {items}})`. Used for the live pushes of
  tallies and counts, placing late contributions in themes, and embedding new contributions.
- `KeyedJobs`: at most one job per key (one grouping per activity). A job submitted while the
  same key runs is coalesced: it runs once when the current one ends, with the newest
  arguments. Each key has a visible status (running, done, failed with a message).
- `Periodic`: one piece of work every `interval`, for the life of the process (closing the
  activities whose countdown reached 0).

No Flask here. The caller passes a `Runtime` (how to start a background task and how to sleep:
gevent greenlets under `serve`, threads elsewhere, or inline in tests), a context factory (e.g.
an app context that removes the database session afterwards) and, for jobs that write to the
database, a shared `serial` lock so SQLite never sees two background writers at once.
A failing flush or job logs one line and is reported through `on_error`/the status; the loop
itself never dies.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Hashable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Literal

log = logging.getLogger(__name__)

ContextFactory = Callable[[], AbstractContextManager[Any]]
ErrorHandler = Callable[[str, BaseException], None]


@dataclass(frozen=True)
class Runtime:
    """How background work starts and waits: threads, greenlets, or inline (tests)."""

    spawn: Callable[[Callable[[], None]], Any]
    sleep: Callable[[float], None]


def _thread(fn: Callable[[], None]) -> threading.Thread:
    thread = threading.Thread(target=fn, daemon=True)
    thread.start()
    return thread


THREADS = Runtime(spawn=_thread, sleep=time.sleep)
INLINE = Runtime(spawn=lambda fn: fn(), sleep=lambda seconds: None)

# Background jobs that write to the database take this lock: one writer at a time.
# (Under `serve` threading is monkey-patched, so this is a cooperative gevent lock.)
db_writes = threading.RLock()


@contextlib.contextmanager
def _nothing() -> Iterator[None]:
    yield


def describe(error: BaseException) -> str:
    """One log line for an exception: its type and message, no traceback."""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class _Background:
    """What every runner shares: a name for the log, how to start work, the context to run
    it in, and the optional lock that serialises database writers."""

    def __init__(
        self,
        name: str,
        runtime: Runtime | Callable[[], Runtime],
        context: ContextFactory,
        serial: Any,
    ) -> None:
        self.name = name
        self._runtime = runtime
        self._context = context
        self._serial = serial
        self._lock = threading.Lock()

    @property
    def runtime(self) -> Runtime:
        return self._runtime if isinstance(self._runtime, Runtime) else self._runtime()

    @contextlib.contextmanager
    def _guarded(self) -> Iterator[None]:
        with self._serial if self._serial is not None else _nothing(), self._context():
            yield


class Batcher(_Background):
    """Keyed coalescing batches with one flusher at a time."""

    def __init__(
        self,
        name: str,
        flush: Callable[[dict[Hashable, set[Any]]], None],
        *,
        interval: float,
        runtime: Runtime | Callable[[], Runtime] = THREADS,
        context: ContextFactory = _nothing,
        serial: Any = None,
        on_error: ErrorHandler | None = None,
    ) -> None:
        super().__init__(name, runtime, context, serial)
        self.interval = interval
        self._flush = flush
        self._on_error = on_error
        self._pending: dict[Hashable, set[Any]] = {}
        self._running = False

    def mark(self, key: Hashable, item: Any = None) -> None:
        """Note that `key` (with `item`, if any) needs flushing; starts the flusher if idle."""
        with self._lock:
            items = self._pending.setdefault(key, set())
            if item is not None:
                items.add(item)
            if self._running:
                return
            self._running = True
        runtime = self.runtime
        try:
            runtime.spawn(lambda: self._loop(runtime))
        except BaseException:
            with self._lock:
                self._running = False
            raise

    def pending(self) -> dict[Hashable, set[Any]]:
        with self._lock:
            return {key: set(items) for key, items in self._pending.items()}

    @property
    def busy(self) -> bool:
        return self._running

    def _loop(self, runtime: Runtime) -> None:
        """Runs while there is something to flush; stops when idle, restarts on demand."""
        while True:
            runtime.sleep(self.interval)
            with self._lock:
                batch, self._pending = self._pending, {}
                if not batch:
                    self._running = False
                    return
            self.run(batch)

    def run(self, batch: dict[Hashable, set[Any]]) -> bool:
        """Flush one batch now; False (logged, reported) when the flush raised."""
        try:
            with self._guarded():
                self._flush(batch)
            return True
        except Exception as error:  # a failing batch must not kill the loop
            log.error("%s failed: %s", self.name, describe(error))
            if self._on_error is not None:
                try:
                    self._on_error(self.name, error)
                except Exception as report_error:
                    log.error(
                        "%s: reporting the failure failed: %s", self.name, describe(report_error)
                    )
            return False


class Periodic(_Background):
    """`work()` every `interval` seconds once started, for as long as the process runs."""

    def __init__(
        self,
        name: str,
        work: Callable[[], Any],
        *,
        interval: float,
        runtime: Runtime | Callable[[], Runtime] = THREADS,
        context: ContextFactory = _nothing,
        serial: Any = None,
    ) -> None:
        super().__init__(name, runtime, context, serial)
        self.interval = interval
        self._work = work
        self._started = False

    def start(self) -> bool:
        """Start the loop; False when it runs already."""
        with self._lock:
            if self._started:
                return False
            self._started = True
        runtime = self.runtime
        runtime.spawn(lambda: self._loop(runtime))
        return True

    def _loop(self, runtime: Runtime) -> None:
        while True:
            runtime.sleep(self.interval)
            self.run()

    def run(self) -> bool:
        """One round now; False (logged) when it raised: the next round runs anyway."""
        try:
            with self._guarded():
                self._work()
            return True
        except Exception as error:  # a failing round must not end the loop
            log.error("%s failed: %s", self.name, describe(error))
            return False


JobState = Literal["running", "done", "failed"]


@dataclass(frozen=True)
class JobStatus:
    state: JobState
    error: str = ""  # for "failed": what went wrong, for people (Danish)
    at: float = field(default_factory=time.time)


class KeyedJobs(_Background):
    """One job per key at a time; a job submitted while its key runs is coalesced."""

    def __init__(
        self,
        name: str,
        *,
        runtime: Runtime | Callable[[], Runtime] = THREADS,
        context: ContextFactory = _nothing,
        serial: Any = None,
        on_status: Callable[[Hashable, JobStatus], None] | None = None,
        explain: Callable[[BaseException], str] = str,
    ) -> None:
        super().__init__(name, runtime, context, serial)
        self._on_status = on_status
        self._explain = explain
        self._running: set[Hashable] = set()
        self._next: dict[Hashable, Callable[[], Any]] = {}
        self._status: dict[Hashable, JobStatus] = {}

    def submit(self, key: Hashable, job: Callable[[], Any]) -> bool:
        """Start `job` for `key`; False when one already runs (then `job` runs after it)."""
        with self._lock:
            if key in self._running:
                self._next[key] = job
                return False
            self._running.add(key)
            self._status[key] = status = JobStatus("running")
        self._report(key, status)
        runtime = self.runtime
        try:
            runtime.spawn(lambda: self._drain(key, job))
        except BaseException:
            with self._lock:
                self._running.discard(key)
            raise
        return True

    def status(self, key: Hashable) -> JobStatus | None:
        with self._lock:
            return self._status.get(key)

    def running(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._running

    @property
    def busy(self) -> bool:
        """Whether any job runs (or waits to follow one)."""
        with self._lock:
            return bool(self._running)

    def _drain(self, key: Hashable, job: Callable[[], Any] | None) -> None:
        while job is not None:
            status = self._run(key, job)
            with self._lock:
                job = self._next.pop(key, None)
                if job is None:
                    self._running.discard(key)
                self._status[key] = status if job is None else JobStatus("running")
            if job is None or status.state == "failed":
                self._report(key, status)

    def _run(self, key: Hashable, job: Callable[[], Any]) -> JobStatus:
        try:
            with self._guarded():
                job()
            return JobStatus("done")
        except Exception as error:
            log.error("%s %s failed: %s", self.name, key, describe(error))
            try:
                message = self._explain(error)
            except Exception:
                message = describe(error)
            return JobStatus("failed", message)

    def _report(self, key: Hashable, status: JobStatus) -> None:
        if self._on_status is None:
            return
        try:
            self._on_status(key, status)
        except Exception as error:
            log.error("%s %s: reporting the status failed: %s", self.name, key, describe(error))
