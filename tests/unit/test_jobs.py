"""The job runner (core/jobs.py): coalescing batches, one job per key, errors reported."""

from __future__ import annotations

import contextlib
import logging
import threading
import time

from facilitator.core import jobs


class ManualRuntime:
    """Spawned work waits until the test runs it: full control over timing."""

    def __init__(self) -> None:
        self.spawned: list = []
        self.runtime = jobs.Runtime(spawn=self.spawned.append, sleep=lambda seconds: None)

    def run_all(self) -> None:
        while self.spawned:
            self.spawned.pop(0)()


def test_marks_coalesce_into_one_batch_per_flush() -> None:
    flushed: list[dict] = []
    manual = ManualRuntime()
    batcher = jobs.Batcher("test", flushed.append, interval=0.1, runtime=manual.runtime)
    batcher.mark(1, "a")
    batcher.mark(1, "b")
    batcher.mark(2, "c")
    batcher.mark(2)  # a key without an item still gets flushed
    assert len(manual.spawned) == 1  # one flusher, not one per mark
    manual.run_all()
    assert flushed == [{1: {"a", "b"}, 2: {"c"}}]
    assert not batcher.busy
    batcher.mark(3, "d")  # idle again: the next mark starts a new flusher
    manual.run_all()
    assert flushed[-1] == {3: {"d"}}


def test_items_marked_during_a_flush_go_into_the_next_batch() -> None:
    flushed: list[dict] = []
    batcher: jobs.Batcher

    def flush(batch: dict) -> None:
        flushed.append(batch)
        if len(flushed) == 1:
            batcher.mark("k", "late")

    batcher = jobs.Batcher("test", flush, interval=0, runtime=jobs.INLINE)
    batcher.mark("k", "first")
    assert flushed == [{"k": {"first"}}, {"k": {"late"}}]


def test_a_failing_flush_logs_one_line_reports_and_keeps_the_loop(caplog) -> None:
    reported: list[tuple[str, BaseException]] = []
    calls: list[dict] = []

    def flush(batch: dict) -> None:
        calls.append(batch)
        if len(calls) == 1:
            raise RuntimeError("database is\n gone")

    batcher = jobs.Batcher(
        "placing",
        flush,
        interval=0,
        runtime=jobs.INLINE,
        on_error=lambda name, error: reported.append((name, error)),
    )
    with caplog.at_level(logging.ERROR, logger="facilitator.core.jobs"):
        batcher.mark(1, "x")
    assert [r.getMessage() for r in caplog.records] == [
        "placing failed: RuntimeError: database is gone"
    ]
    assert all(r.exc_info is None for r in caplog.records)  # one line, no traceback
    assert reported and reported[0][0] == "placing"
    batcher.mark(1, "y")  # the runner is not stuck
    assert calls[-1] == {1: {"y"}}


def test_threads_one_flusher_at_a_time() -> None:
    active, most = [0], [0]
    lock = threading.Lock()
    seen: list[int] = []

    def flush(batch: dict) -> None:
        with lock:
            active[0] += 1
            most[0] = max(most[0], active[0])
        time.sleep(0.01)
        seen.extend(batch["k"])
        with lock:
            active[0] -= 1

    batcher = jobs.Batcher("test", flush, interval=0.005, runtime=jobs.THREADS)
    threads = [threading.Thread(target=lambda i=i: batcher.mark("k", i)) for i in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    deadline = time.time() + 5
    while batcher.busy and time.time() < deadline:
        time.sleep(0.01)
    assert sorted(seen) == list(range(200)) and most[0] == 1


def test_keyed_jobs_coalesce_a_second_submit_while_one_runs() -> None:
    manual = ManualRuntime()
    statuses: list[tuple] = []
    ran: list[str] = []
    board = jobs.KeyedJobs(
        "grouping",
        runtime=manual.runtime,
        on_status=lambda key, status: statuses.append((key, status.state)),
    )
    assert board.submit(7, lambda: ran.append("first"))
    assert board.status(7).state == "running"
    assert not board.submit(7, lambda: ran.append("second"))
    assert not board.submit(7, lambda: ran.append("third"))  # replaces "second": newest wins
    assert board.submit(8, lambda: ran.append("other key"))
    manual.run_all()
    assert ran == ["first", "third", "other key"]
    assert board.status(7).state == "done" and not board.running(7)
    assert statuses == [(7, "running"), (8, "running"), (7, "done"), (8, "done")]


def test_a_failed_job_has_a_status_with_the_explanation(caplog) -> None:
    board = jobs.KeyedJobs(
        "grouping", runtime=jobs.INLINE, explain=lambda error: f"forklaring: {error}"
    )

    def boom() -> None:
        raise ValueError("for få bidrag")

    with caplog.at_level(logging.ERROR, logger="facilitator.core.jobs"):
        board.submit(1, boom)
    status = board.status(1)
    assert status.state == "failed" and status.error == "forklaring: for få bidrag"
    assert caplog.records[0].getMessage() == "grouping 1 failed: ValueError: for få bidrag"
    assert board.submit(1, lambda: None) and board.status(1).state == "done"


def test_serial_lock_keeps_writers_apart() -> None:
    inside, most = [0], [0]
    guard = threading.Lock()

    def job() -> None:
        with guard:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.02)
        with guard:
            inside[0] -= 1

    board = jobs.KeyedJobs("grouping", runtime=jobs.THREADS, serial=jobs.db_writes)
    for key in range(5):
        board.submit(key, job)
    deadline = time.time() + 5
    while any(board.running(k) for k in range(5)) and time.time() < deadline:
        time.sleep(0.01)
    assert most[0] == 1 and all(board.status(k).state == "done" for k in range(5))


def test_periodic_work_runs_each_round_and_outlives_a_failure(caplog) -> None:  # noqa: ANN001
    """The countdowns' check (live/timers.py): one loop per process, a failing round logged."""
    rounds: list[int] = []

    def work() -> None:
        rounds.append(len(rounds))
        if len(rounds) == 2:
            raise RuntimeError("databasen svarede ikke")

    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        if len(slept) > 3:
            raise SystemExit  # end the endless loop here

    spawned: list = []
    periodic = jobs.Periodic(
        "test", work, interval=1.0, runtime=jobs.Runtime(spawn=spawned.append, sleep=sleep)
    )
    assert periodic.run()  # the start-up round, inline
    assert periodic.start() and not periodic.start()  # one loop, however often started
    with caplog.at_level(logging.ERROR), contextlib.suppress(SystemExit):
        spawned[0]()
    assert rounds == [0, 1, 2, 3] and slept == [1.0] * 4
    assert "test failed: RuntimeError: databasen svarede ikke" in caplog.text
