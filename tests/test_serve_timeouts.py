"""`facilitator serve` without nginx closes slow and idle connections (issue 21, point 5),
yet keeps Socket.IO's long-polling and WebSocket connections.

A real server (gevent) runs with short limits: REQUEST_TIMEOUT 1 s, SOCKET_TIMEOUT 3 s. The
client sockets here wait far longer than that (30 s) for the server to close; what is checked
is that it does, not how fast."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest
import websocket

CLIENT_WAIT = 30.0  # far above the server's limits: only "closed or not" is asserted


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("FACILITATOR_")}
    env.update(
        {
            "FACILITATOR_INSTANCE_PATH": str(tmp_path_factory.mktemp("serve") / "instance"),
            "FACILITATOR_CLUSTER_BACKEND": "lexical",
            "FACILITATOR_REQUEST_TIMEOUT": "1",
            "FACILITATOR_SOCKET_TIMEOUT": "3",
        }
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "facilitator", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, process.stdout.read()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        yield "127.0.0.1", port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _connect(server: tuple[str, int]) -> socket.socket:
    connection = socket.create_connection(server, timeout=CLIENT_WAIT)
    return connection


def _read_until_closed(connection: socket.socket) -> bytes:
    """Everything the server sends until it closes; a client-side timeout fails the test."""
    received = b""
    while chunk := connection.recv(4096):
        received += chunk
    return received


def test_half_a_request_is_closed(server) -> None:
    with _connect(server) as connection:
        connection.sendall(b"GET /favicon.ico HTTP/1.1\r\nHost: localhost\r\nX-Half: ")
        answer = _read_until_closed(connection)  # socket.timeout here: never closed
    assert answer == b"" or answer.startswith(b"HTTP/1.1 400")


def test_a_silent_connection_is_closed(server) -> None:
    with _connect(server) as connection:
        assert _read_until_closed(connection) == b""


def test_headers_trickled_byte_by_byte_are_cut(server) -> None:
    """Each byte comes well within SOCKET_TIMEOUT, so only the deadline on the whole head
    ends it."""
    request = b"GET /favicon.ico HTTP/1.1\r\nHost: localhost\r\n" + b"X-Slow: " + b"a" * 200
    with _connect(server) as connection:
        closed = False
        for byte in request:
            try:
                connection.sendall(bytes([byte]))
            except OSError:  # reset: the server has closed it
                closed = True
                break
            time.sleep(0.1)
        if not closed:
            _read_until_closed(connection)


def test_an_idle_kept_alive_connection_is_closed_after_its_answer(server) -> None:
    with _connect(server) as connection:
        connection.sendall(b"GET /favicon.ico HTTP/1.1\r\nHost: localhost\r\n\r\n")
        answer = _read_until_closed(connection)
    assert answer.startswith(b"HTTP/1.1 302")  # answered, then closed while idle


def _polling(server: tuple[str, int], path: str = "", data: bytes | None = None) -> str:
    url = f"http://{server[0]}:{server[1]}/socket.io/?EIO=4&transport=polling{path}"
    request = urllib.request.Request(url, data=data, method="POST" if data else "GET")
    with urllib.request.urlopen(request, timeout=CLIENT_WAIT) as response:
        return response.read().decode()


def test_a_long_poll_outlives_both_limits(server) -> None:
    """A long-polling GET waits on the server's side; it is answered when something comes,
    here after longer than REQUEST_TIMEOUT and SOCKET_TIMEOUT together."""
    import threading

    opened = _polling(server)
    sid = json.loads(opened[1:])["sid"]
    answers: list[str] = []
    poll = threading.Thread(target=lambda: answers.append(_polling(server, f"&sid={sid}")))
    poll.start()
    time.sleep(4.5)
    assert not answers  # still waiting, not cut
    assert _polling(server, f"&sid={sid}", b"40") == "OK"  # a Socket.IO connect (no auth)
    poll.join(CLIENT_WAIT)
    assert answers and answers[0].startswith("4")  # the namespace's answer came on the poll


def test_a_websocket_outlives_the_request_timeout(server) -> None:
    ws = websocket.create_connection(
        f"ws://{server[0]}:{server[1]}/socket.io/?EIO=4&transport=websocket", timeout=CLIENT_WAIT
    )
    try:
        assert ws.recv().startswith("0{")  # Engine.IO's open packet
        time.sleep(2)  # idle past REQUEST_TIMEOUT, within SOCKET_TIMEOUT
        ws.send("40")
        assert ws.recv().startswith("4")  # still connected and answered
    finally:
        ws.close()
