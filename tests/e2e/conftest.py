"""A real `facilitator serve` with the demo loaded, and Debian's Chromium through Playwright."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.server import free_port, start_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@dataclass(frozen=True)
class LiveServer:
    base: str
    join_url: str
    screen_url: str
    console_url: str
    email: str
    password: str
    database: Path


def _cli(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "facilitator", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@contextlib.contextmanager
def demo_server(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    prepare: Callable[[Path], None] | None = None,
) -> Iterator[LiveServer]:
    """A served demo in an instance of its own; `prepare` may change its database (a path)
    before the server starts."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (./scripts/test installs it)")
    instance = tmp_path_factory.mktemp(name)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # One demo facilitator logs in from a browser per test (console, projector, …), more often
    # than the login throttle lets one account in from one address (4 a minute).
    env = {
        **os.environ,
        "FACILITATOR_INSTANCE_PATH": str(instance),
        "FACILITATOR_LOGIN_RATE": "1000/minute",
    }
    env.pop("FACILITATOR_DATABASE_URL", None)
    _cli(["init-db"], env)
    out = _cli(["demo", "--base-url", base], env)
    database = instance / "facilitator.sqlite3"
    if prepare is not None:
        prepare(database)
    server = start_server(port, env)

    def grab(pattern: str) -> str:
        match = re.search(pattern, out)
        assert match, out
        return match.group(1)

    try:
        yield LiveServer(
            base=base,
            join_url=grab(r"Deltag \(QR-mål\):\s+(\S+)"),
            screen_url=grab(r"Storskærm:\s+(\S+)"),
            console_url=grab(r"Konsol:\s+(\S+)"),
            email=grab(r"e-mail:\s+(\S+)"),
            password=grab(r"adgangskode:\s+(\S+)"),
            database=database,
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with demo_server(tmp_path_factory, "e2e-instance") as server:
        yield server


def log_in(page, server: LiveServer) -> None:  # noqa: ANN001 - a Playwright Page
    """Log the demo facilitator in, as a person would through the login form."""
    page.goto(server.base + "/login")
    page.get_by_label("E-mail").fill(server.email)
    page.get_by_label("Adgangskode").fill(server.password)
    page.get_by_role("button", name="Log ind").click()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
