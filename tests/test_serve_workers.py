"""`facilitator serve --workers N`: what it refuses, and a real run on PostgreSQL and Redis."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.cli.supervisor import MAX_QUICK_DEATHS, restart_delay, scale_out_problems
from tests.support.postgres import throwaway_database

REDIS_URL = os.environ.get("FACILITATOR_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
POSTGRES = "postgresql+psycopg://facilitator@127.0.0.1/facilitator"
STARTED = re.compile(r"Arbejder (\d+): port (\d+), pid (\d+)")


def _env(tmp_path: Path, **settings: str) -> dict[str, str]:
    env = {
        key: value for key, value in os.environ.items() if not key.startswith("FACILITATOR_")
    }  # only what the test sets counts
    env.update(
        {
            "FACILITATOR_INSTANCE_PATH": str(tmp_path / "instance"),
            "FACILITATOR_CLUSTER_BACKEND": "lexical",
        }
    )
    env.update({"FACILITATOR_" + key: value for key, value in settings.items()})
    return env


def _facilitator(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # A subprocess with a timeout: a refusal that fails would otherwise start serving.
    return subprocess.run(
        [sys.executable, "-m", "facilitator", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_several_workers_need_a_message_queue(tmp_path: Path) -> None:
    done = _facilitator(["serve", "--workers", "2"], _env(tmp_path, DATABASE_URL=POSTGRES))
    assert done.returncode == 2, done.stderr
    assert "FACILITATOR_MESSAGE_QUEUE" in done.stderr and "Redis" in done.stderr
    assert "Arbejder" not in done.stdout  # refused before anything started


def test_several_workers_refuse_sqlite(tmp_path: Path) -> None:
    done = _facilitator(["serve", "--workers", "2"], _env(tmp_path, MESSAGE_QUEUE=REDIS_URL))
    assert done.returncode == 2, done.stderr
    assert "SQLite" in done.stderr and "FACILITATOR_DATABASE_URL" in done.stderr
    assert "FACILITATOR_MESSAGE_QUEUE" not in done.stderr
    assert "Arbejder" not in done.stdout


def test_one_worker_needs_neither() -> None:
    assert scale_out_problems(1, None, "sqlite:///x.sqlite3") == []
    assert scale_out_problems(4, "redis://127.0.0.1:6379/0", POSTGRES) == []
    assert len(scale_out_problems(4, "memory://", "sqlite:///x.sqlite3")) == 2


def test_restarts_back_off_and_stop_after_five_quick_deaths() -> None:
    delays = [restart_delay(deaths) for deaths in range(1, MAX_QUICK_DEATHS)]
    assert delays == sorted(delays) and delays[0] <= 1
    assert restart_delay(MAX_QUICK_DEATHS) is None


def test_a_worker_that_keeps_dying_is_given_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """Children that exit at once: each is restarted until its fifth death, then the supervisor
    has no worker left and exits non-zero."""
    from facilitator.cli import supervisor

    monkeypatch.setattr(supervisor, "MAX_RESTART_DELAY_S", 0.0)  # no back-off: a fast test
    monkeypatch.setattr(
        supervisor,
        "worker_command",
        lambda host, port: [sys.executable, "-c", "raise SystemExit(3)"],
    )
    lines: list[str] = []
    assert supervisor.Supervisor("127.0.0.1", 8001, 2, echo=lines.append).run() == 1
    started = [line for line in lines if STARTED.match(line)]
    assert len(started) == 2 * MAX_QUICK_DEATHS
    assert sum("(kode 3)" in line for line in lines) == 2 * (MAX_QUICK_DEATHS - 1)
    assert lines[-1] == "Ingen arbejdere tilbage: stopper."


# --- a real run ----------------------------------------------------------------------------


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database next to FACILITATOR_TEST_DATABASE_URL's, dropped after."""
    admin_url = os.environ.get("FACILITATOR_TEST_DATABASE_URL")
    if not admin_url:
        pytest.skip("FACILITATOR_TEST_DATABASE_URL is not set")
    with throwaway_database(admin_url, "facilitator_workers") as url:
        yield url


@pytest.fixture
def redis_url() -> str:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    return REDIS_URL


def _two_free_ports() -> int:
    """A port P such that P and P+1 are both free on 127.0.0.1."""
    for _attempt in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port < 65535:
            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", port + 1))
                    return port
                except OSError:
                    continue
    pytest.fail("no two consecutive free ports")


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def _wait_until(condition, what: str, log: Path, timeout: float = 60) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"{what}; supervisor output:\n{log.read_text()[-3000:]}")


def _worker_pids(log: Path) -> dict[int, int]:
    """The latest pid started on each port, from the supervisor's "Arbejder i: port P, pid X"."""
    return {int(port): int(pid) for _id, port, pid in STARTED.findall(log.read_text())}


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_workers_serve_restart_and_stop(tmp_path: Path, postgres_url: str, redis_url: str) -> None:
    env = _env(tmp_path, DATABASE_URL=postgres_url, MESSAGE_QUEUE=redis_url)
    assert _facilitator(["init-db"], env).returncode == 0
    port = _two_free_ports()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        supervisor = subprocess.Popen(
            [sys.executable, "-m", "facilitator", "serve", "--workers", "2", "--port", str(port)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until(lambda: _answers(port) and _answers(port + 1), "both workers answer", log)
        first = _worker_pids(log)
        assert set(first) == {port, port + 1}

        os.kill(first[port], signal.SIGKILL)
        _wait_until(
            lambda: _worker_pids(log)[port] != first[port] and _answers(port),
            "the killed worker is restarted",
            log,
        )
        restarted = _worker_pids(log)[port]
        assert _worker_pids(log)[port + 1] == first[port + 1]  # the other one was left alone

        supervisor.send_signal(signal.SIGTERM)
        assert supervisor.wait(timeout=30) == 0
        assert all(_gone(pid) for pid in (first[port], first[port + 1], restarted))
        assert not _answers(port) and not _answers(port + 1)
    finally:
        if supervisor.poll() is None:
            supervisor.kill()
            supervisor.wait()
        for pid in _worker_pids(log).values():  # a failed test leaves no server behind
            if not _gone(pid):
                os.kill(pid, signal.SIGKILL)
