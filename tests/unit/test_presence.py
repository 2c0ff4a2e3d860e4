"""Phones online per session: in one process, and over several "workers" sharing a real Redis
(FACILITATOR_TEST_REDIS_URL, default redis://127.0.0.1:6379/15; skipped when unreachable)."""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator

import pytest
import redis

from facilitator.core import jobs
from facilitator.live.presence import (
    LocalPresence,
    RedisPresence,
    alive_key,
    is_redis_url,
    presence_for,
    session_key,
    worker_id,
)

REDIS_URL = os.environ.get("FACILITATOR_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def wait_until(check: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {timeout}s")
        time.sleep(0.05)


# --- one process ---------------------------------------------------------------------------------


def test_local_counts_per_session() -> None:
    presence = LocalPresence()
    for _ in range(3):
        presence.connected(1)
    presence.connected(2)
    presence.disconnected(1)
    assert (presence.online(1), presence.online(2), presence.online(3)) == (2, 1, 0)
    presence.disconnected(2)
    assert presence.online(2) == 0


def test_worker_id_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACILITATOR_WORKER_ID", "w3")
    assert worker_id() == "w3"
    monkeypatch.delenv("FACILITATOR_WORKER_ID")
    assert worker_id().endswith(f"-{os.getpid()}")


def test_redis_only_for_a_redis_queue() -> None:
    assert is_redis_url("redis://127.0.0.1:6379/0") and is_redis_url("rediss://h/0")
    assert not is_redis_url(None) and not is_redis_url("amqp://guest@h//")
    assert isinstance(presence_for(None, ttl=30, runtime=jobs.INLINE), LocalPresence)
    assert not isinstance(presence_for("amqp://h//", ttl=30, runtime=jobs.INLINE), RedisPresence)


# --- several workers, one Redis --------------------------------------------------------------


@pytest.fixture
def client() -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(REDIS_URL, decode_responses=True, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at {REDIS_URL}: {error}")
    yield client
    client.close()


@pytest.fixture
def session_id() -> int:
    """A session id no other run uses: the keys live in a shared Redis database."""
    return uuid.uuid4().int % 2**31


@pytest.fixture
def workers(client: redis.Redis) -> Iterator[Callable[..., RedisPresence]]:
    made: list[RedisPresence] = []

    def worker(name: str, ttl: float = 30.0, **kwargs: object) -> RedisPresence:
        presence = RedisPresence(
            client,
            ttl=ttl,
            instance=f"test-{name}-{uuid.uuid4().hex}",
            runtime=jobs.THREADS,
            **kwargs,
        )
        made.append(presence)
        return presence

    yield worker
    for presence in made:
        presence.close()


def test_the_sum_over_workers(workers, session_id) -> None:  # noqa: ANN001
    first, second = workers("a"), workers("b")
    for _ in range(3):
        first.connected(session_id)
    for _ in range(2):
        second.connected(session_id)
    second.connected(session_id + 1)
    first.write()
    second.write()
    assert first.online(session_id) == second.online(session_id) == 5
    assert first.online(session_id + 1) == 1 and first.local(session_id + 1) == 0

    second.disconnected(session_id)
    second.disconnected(session_id)
    second.write()
    assert first.online(session_id) == 3
    assert first.totals([session_id, session_id + 1]) == {session_id: 3, session_id + 1: 1}


def test_counts_reach_redis_in_a_batch_and_are_reported(workers, client, session_id) -> None:  # noqa: ANN001
    reported: list[set[int]] = []
    worker = workers("a", on_change=reported.append)
    for _ in range(50):  # a burst of connects: a few pipelines, not one write per phone
        worker.connected(session_id)
    wait_until(lambda: client.hget(session_key(session_id), worker.instance) == "50")
    assert {session_id} in reported
    assert len(reported) < 50


def test_a_dead_worker_drops_out_after_its_ttl(workers, client, session_id) -> None:  # noqa: ANN001
    changes: list[set[int]] = []
    survivor, reader = workers("alive", on_change=changes.append), workers("reader")
    dying = workers("dying", ttl=0.5)
    survivor.connected(session_id)
    for _ in range(4):
        dying.connected(session_id)
    survivor.write()
    dying.write()
    assert survivor.online(session_id) == 5  # the total the survivor last pushed

    dying.stop()  # as a SIGKILL: no heartbeat, no cleanup
    wait_until(lambda: reader.online(session_id) == 1)
    # The survivor's next heartbeat notices (its projector must hear of it) and prunes.
    assert survivor.beat() == {session_id}
    assert changes[-1] == {session_id}
    assert client.hgetall(session_key(session_id)) == {survivor.instance: "1"}


def test_a_living_worker_keeps_counting_through_its_heartbeat(workers, session_id) -> None:  # noqa: ANN001
    reader = workers("reader")
    beating = workers("beating", ttl=1.2)  # heartbeat every 0.4 s, started by the connect
    beating.connected(session_id)
    wait_until(lambda: reader.online(session_id) == 1)
    deadline = time.monotonic() + 2.5  # two TTLs: without heartbeats it would have gone
    while time.monotonic() < deadline:
        assert reader.online(session_id) == 1
        time.sleep(0.1)


def test_close_removes_its_phones_at_once(workers, client, session_id) -> None:  # noqa: ANN001
    leaving, staying = workers("leaving"), workers("staying")
    leaving.connected(session_id)
    staying.connected(session_id)
    leaving.write()
    staying.write()
    leaving.close()
    assert staying.online(session_id) == 1
    assert client.get(alive_key(leaving.instance)) is None


def test_redis_down_falls_back_to_own_count(caplog: pytest.LogCaptureFixture) -> None:
    broken = redis.Redis.from_url(
        "redis://127.0.0.1:1/0", socket_connect_timeout=0.2, socket_timeout=0.2
    )
    presence = RedisPresence(broken, runtime=jobs.INLINE)  # the write runs inline, and fails
    presence.stop()  # no heartbeat loop in this test; writes are called by hand
    with caplog.at_level(logging.WARNING, logger="facilitator.live.presence"):
        presence.connected(7)
        presence.connected(7)
        assert presence.online(7) == 2
        assert presence.write() == set()
        assert presence.online(7) == 2
    assert len([r for r in caplog.records if "Redis" in r.getMessage()]) == 1  # logged once
