"""A real `facilitator serve` for tests that talk HTTP to it: a free port, and a start that
returns once the server accepts connections."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(
    port: int, env: dict[str, str], *, command: list[str] | None = None, cwd: str | None = None
) -> subprocess.Popen:
    """`facilitator serve` on `port` (this interpreter's, unless `command` names another),
    returned once it accepts connections; the test fails with the server's last words if not."""
    command = command or [sys.executable, "-m", "facilitator", "serve", "--port", str(port)]
    server = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    pytest.fail("facilitator serve did not start: " + server.stderr.read().decode()[-2000:])
