"""Two `facilitator serve` workers (gevent, the real thing) on one PostgreSQL database and one
Redis message queue, with real Socket.IO clients: what a room sees when its phones land on
different workers, and when one worker is SIGKILLed.

Layout: phone 0 and the projector (screen link) on worker 0, phone 1 on worker 1; the
facilitator's console actions go to worker 1, so each of them crosses Redis to worker 0. Worker
1 is the one killed: the projector has to survive it.

Needs FACILITATOR_TEST_DATABASE_URL=postgresql://… (a fresh database is created next to it and
dropped afterwards) and Redis at FACILITATOR_TEST_REDIS_URL (default redis://127.0.0.1:6379/15).
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import psycopg
import pytest
import redis
import requests
import socketio

from facilitator.activities.models import TEXT_KINDS
from tests.support.postgres import throwaway_database

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("FACILITATOR_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
DATABASE_URL = os.environ.get("FACILITATOR_TEST_DATABASE_URL", "")
PRESENCE_TTL = 3  # seconds: a killed worker's phones stop counting this soon (default 30)
TIMEOUT = 10.0  # seconds any one expected event may take


def _live_load() -> Any:
    """benchmarks/live_load.py (benchmarks/ is not a package): its server, demo and form
    helpers are the ones this test needs."""
    spec = importlib.util.spec_from_file_location("live_load", ROOT / "benchmarks" / "live_load.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("live_load", module)  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


ll = _live_load()


def wait_until(check: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"not within {timeout}s: {what}")
        time.sleep(0.05)


class Device:
    """A phone or the projector: python-socketio's sync client over WebSocket, keeping every
    event it receives."""

    def __init__(self, base: str, auth: dict[str, Any], cookie: str | None = None) -> None:
        self.events: list[tuple[str, Any]] = []
        self._lock = threading.Lock()
        self.client = socketio.Client(reconnection=False)
        self.client.on("*", self._record)
        self.client.connect(
            base,
            auth=auth,
            headers={"Cookie": cookie} if cookie else {},
            transports=["websocket"],
            wait_timeout=TIMEOUT,
        )

    def _record(self, event: str, data: Any = None) -> None:
        with self._lock:
            self.events.append((event, data))

    def mark(self) -> int:
        """A point in the stream of events: wait_for(..., since=mark) looks only after it."""
        with self._lock:
            return len(self.events)

    def received(self, name: str, since: int = 0) -> list[Any]:
        with self._lock:
            return [data for event, data in self.events[since:] if event == name]

    def wait_for(self, name: str, until: Callable[[Any], bool], since: int = 0) -> Any:
        """The first `name` event since `since` that satisfies `until`."""
        return wait_until(
            lambda: next((d for d in self.received(name, since) if until(d)), None),
            f"{name} matching, got {self.received(name, since)}",
        )

    def call(self, event: str, data: Any = None) -> dict[str, Any]:
        return self.client.call(event, data, timeout=TIMEOUT)

    def close(self) -> None:
        if self.client.connected:
            self.client.disconnect()


def form_post(
    http: requests.Session, page: str, target: str | None = None, **fields: str
) -> requests.Response:
    """Post a page's form as a browser does: the CSRF token from the page, no redirect."""
    token = ll.CSRF.search(http.get(page, timeout=TIMEOUT).text).group(1)
    response = http.post(
        target or page, data={"csrf_token": token, **fields}, allow_redirects=False, timeout=TIMEOUT
    )
    assert response.status_code == 302, (target or page, response.status_code)
    return response


def join(base: str, code: str) -> str:
    """Join through the real form at /j/CODE; the phone's cookie header."""
    http = requests.Session()
    form_post(http, f"{base}/j/{code}", group="politiker")
    return "; ".join(f"{name}={value}" for name, value in http.cookies.items())


# --- services ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    """A fresh PostgreSQL database beside the test database, dropped at the end."""
    if not DATABASE_URL.startswith(("postgresql", "postgres:")):
        pytest.skip(
            "FACILITATOR_TEST_DATABASE_URL is not PostgreSQL: two workers need one shared database"
        )
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at {REDIS_URL} for the message queue: {error}")
    with throwaway_database(DATABASE_URL, "facilitator_scale_out") as url:
        yield url


@pytest.fixture(scope="module")
def room(database: str) -> Iterator[dict[str, Any]]:
    """The demo loaded by the CLI, then two workers serving it."""
    ports = [ll.free_port(), ll.free_port()]
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    with tempfile.TemporaryDirectory() as instance, ExitStack() as stack:
        env, info = ll.demo_environment(
            Path(instance), bases[0], "gevent", database, backend="lexical"
        )
        env = {
            **env,
            "FACILITATOR_MESSAGE_QUEUE": REDIS_URL,
            "FACILITATOR_PRESENCE_TTL": str(PRESENCE_TTL),
        }
        servers = [
            ll.server_process(
                [sys.executable, "-m", "facilitator", "serve", "--port", str(port)],
                {**env, "FACILITATOR_WORKER_ID": f"w{i}"},
                port,
            )
            for i, port in enumerate(ports)
        ]
        with ThreadPoolExecutor() as pool:  # both start at once: each takes seconds
            workers = list(pool.map(stack.enter_context, servers))
        yield {
            "bases": bases,
            "workers": workers,
            "info": info,
            "database": database,
            "code": info["join"].rsplit("/", 1)[1],
            "session_id": int(info["screen"].split("/screen/", 1)[1].split("?")[0]),
            "token": info["screen"].split("t=", 1)[1],
        }


@pytest.fixture
def devices() -> Iterator[list[Device]]:
    made: list[Device] = []
    yield made
    with ThreadPoolExecutor() as pool:  # a WebSocket close waits up to 3 s for its answer
        list(pool.map(Device.close, made))


def rows_per_client_id(database: str, client_ids: list[str]) -> dict[str, int]:
    with psycopg.connect(database) as connection:
        return dict(
            connection.execute(
                "SELECT client_id, count(*) FROM contributions WHERE client_id = ANY(%s) "
                "GROUP BY client_id",
                (client_ids,),
            ).fetchall()
        )


# --- the proof ---------------------------------------------------------------------------------


def test_two_workers_one_room(room: dict[str, Any], devices: list[Device]) -> None:
    base0, base1 = room["bases"]
    code, session_id = room["code"], room["session_id"]
    phone_auth = {"role": "participant", "code": code}
    cookies = [join(base0, code), join(base1, code)]
    devices.append(
        screen := Device(
            base0, {"role": "screen", "session_id": session_id, "token": room["token"]}
        )
    )
    devices.append(phone0 := Device(base0, phone_auth, cookies[0]))
    devices.append(phone1 := Device(base1, phone_auth, cookies[1]))

    # Online counts both workers' phones: the push, and the snapshot.
    screen.wait_for("participants:count", lambda p: p["online"] == 2)
    assert screen.call("state:get")["online"] == 2

    facilitator = requests.Session()
    form_post(
        facilitator,
        f"{base1}/login",
        email=room["info"]["email"],
        password=room["info"]["password"],
    )
    console = room["info"]["console"]
    ids = ll.activity_ids(facilitator.get(console, timeout=TIMEOUT).text)
    first = next(i for i, action in ids if action == "close")  # the open retningspil
    later = [i for i, action in ids if action == "open"][-1]  # the agenda's last: a question

    def act(activity_id: int, action: str) -> dict[str, Any]:
        """A console button, pressed on worker 1; the projector (worker 0) hears of it."""
        since = screen.mark()
        form_post(facilitator, console, f"{base1}/facilitate/activities/{activity_id}/{action}")
        return screen.wait_for(
            "activity:changed",
            lambda p: (
                p["activity"] is not None
                and p["activity"]["id"] == activity_id
                and (action != "reveal" or p["activity"]["results_visible"])
            ),
            since,
        )

    # The projector gets `contribution:added` only while the activity's results are visible
    # (docs/realtime.md); the demo's retningspil is hidden until "Vis resultater". Revealed, the
    # projector shows every statement as it arrives: that event is what "reaches the projector".
    act(first, "reveal")
    sent = ["scale-w1-first", "scale-w0-first"]
    for phone, client_id in zip((phone1, phone0), sent, strict=True):
        ack = phone.call(
            "contribution:submit",
            {
                "activity_id": first,
                "client_id": client_id,
                "text": f"Vi skal samarbejde ({client_id})",
            },
        )
        assert ack["ok"] and not ack["duplicate"], ack
        screen.wait_for("contribution:added", lambda p, c=client_id: p["client_id"] == c)

    # An activity switch reaches the phones on both workers.
    marks = [phone0.mark(), phone1.mark()]
    act(later, "open")
    for phone, since in zip((phone0, phone1), marks, strict=True):
        switched = phone.wait_for(
            "activity:changed", lambda p: p["activity"] and p["activity"]["id"] == later, since
        )
        assert switched["activity"]["kind"] in TEXT_KINDS
    act(later, "reveal")

    # Phone 1 saves one item through worker 1; its outbox will also hold one never sent.
    saved = {
        "activity_id": later,
        "client_id": "outbox-saved-0001",
        "text": "Vi skal huske borgerne",
    }
    unsent = {
        "activity_id": later,
        "client_id": "outbox-unsent-0002",
        "text": "Vi skal huske de pårørende",
    }
    assert phone1.call("contribution:submit", saved)["duplicate"] is False
    screen.wait_for("contribution:added", lambda p: p["client_id"] == saved["client_id"])

    # SIGKILL worker 1: no cleanup runs. Its phone stops counting once its presence expires,
    # and the projector is told (a heartbeat on worker 0 notices the total changed).
    since = screen.mark()
    room["workers"][1].kill()
    room["workers"][1].wait(timeout=TIMEOUT)
    screen.wait_for("participants:count", lambda p: p["online"] == 1, since)
    assert screen.call("state:get")["online"] == 1

    # Phone 1 comes back on worker 0: resync, then its outbox with the same client ids.
    phone1.close()
    since = screen.mark()
    devices.append(phone1 := Device(base0, phone_auth, cookies[1]))
    snapshot = phone1.call("state:get")
    assert snapshot["ok"] and snapshot["activity"]["id"] == later
    assert saved["client_id"] in [own["client_id"] for own in snapshot["own"]]
    acks = [phone1.call("contribution:submit", item) for item in (saved, unsent)]
    assert [(a["ok"], a["duplicate"]) for a in acks] == [(True, True), (True, False)]
    screen.wait_for("contribution:added", lambda p: p["client_id"] == unsent["client_id"])
    screen.wait_for("participants:count", lambda p: p["online"] == 2, since)
    assert screen.call("state:get")["online"] == 2

    # Each contribution reached the projector exactly once (the later events above came after
    # any duplicate would have), and is one row in the database.
    client_ids = [*sent, saved["client_id"], unsent["client_id"]]
    added = [p["client_id"] for p in screen.received("contribution:added")]
    assert {c: added.count(c) for c in client_ids} == dict.fromkeys(client_ids, 1)
    assert rows_per_client_id(room["database"], client_ids) == dict.fromkeys(client_ids, 1)
