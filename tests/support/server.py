"""A real `facilitator serve` for tests that talk HTTP to it: a free port, and a start that
returns once the server accepts connections."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(
    port: int,
    env: dict[str, str],
    *,
    command: list[str] | None = None,
    cwd: str | None = None,
    log: Path | None = None,
) -> subprocess.Popen:
    """`facilitator serve` on `port` (this interpreter's, unless `command` names another),
    returned once it accepts connections; the test fails with the server's last words if not.
    `log`: a file for the server's stderr, for a test that reads the tracebacks afterwards (a
    pipe nobody reads would stall a server that writes a lot)."""
    command = command or [sys.executable, "-m", "facilitator", "serve", "--port", str(port)]
    stderr = log.open("wb") if log is not None else subprocess.PIPE
    server = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=stderr)
    if log is not None:
        stderr.close()  # the server has its own copy
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    said = log.read_bytes() if log is not None else server.stderr.read()
    pytest.fail("facilitator serve did not start: " + said.decode()[-2000:])
