"""Security headers, the projector link dying at close, and private database files."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.config import protect_sqlite_file
from facilitator.extensions import socketio
from facilitator.sessions.services import set_state
from facilitator.web import connect_sources


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- headers ---------------------------------------------------------------------------------


def test_headers_on_every_page(visitor, monkeypatch, app) -> None:
    headers = visitor.get("/login").headers
    policy = headers["Content-Security-Policy"]
    connect = next(part for part in policy.split("; ") if part.startswith("connect-src"))
    assert connect.split()[1:] == [
        "'self'",
        "ws://deltag.example.dk",
        "wss://deltag.example.dk",
        "ws://localhost",
        "wss://localhost",
    ]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in headers["Permissions-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Strict-Transport-Security" not in headers  # plain HTTP: HSTS would lock people out

    monkeypatch.setitem(app.config, "SECURE_COOKIES", True)
    secure = visitor.get("/login").headers
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "ws://" not in secure["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("public_url", "host", "secure", "expected"),
    [
        (None, "10.0.0.5:5000", False, "'self' ws://10.0.0.5:5000 wss://10.0.0.5:5000"),
        ("https://Deltag.Example.dk", "deltag.example.dk", True, "'self' wss://deltag.example.dk"),
        (None, "[::1]:8080", True, "'self' wss://[::1]:8080"),
        (None, "evil; script-src *", False, "'self'"),  # a forged Host header adds nothing
    ],
)
def test_connect_src_names_only_the_apps_own_origin(public_url, host, secure, expected) -> None:
    sources = connect_sources(public_url, host, secure)
    assert sources == expected
    assert "ws:" not in sources.split() and "wss:" not in sources.split()


# --- the projector link ----------------------------------------------------------------------


def test_screen_link_dies_when_the_session_closes(
    app, db, live_session, phone, facilitator
) -> None:
    url = f"/screen/{live_session.id}?t={live_session.screen_token}"
    assert phone.get(url).status_code == 200
    set_state(db, live_session, "closed")
    closing = phone.get(url)  # the link now shows only the closing screen, no socket, no room
    page = closing.get_data(as_text=True)
    assert closing.status_code == 200 and "Tak for i dag" in page
    assert live_session.screen_token not in page and "data-offline" in page  # no socket
    own = facilitator.get(url)  # the owner's login still opens it, without the dead token
    assert own.status_code == 200 and 'data-token=""' in own.get_data(as_text=True)
    set_state(db, live_session, "live")  # reopened: the link works again
    assert phone.get(url).status_code == 200


def test_screen_socket_is_refused_after_close(app, db, live_session) -> None:
    auth = {"role": "screen", "session_id": live_session.id, "token": live_session.screen_token}
    open_screen = socketio.test_client(app, auth=auth)
    assert open_screen.is_connected()
    set_state(db, live_session, "closed")
    assert not open_screen.is_connected()  # an open projector is let go at once
    assert not socketio.test_client(app, auth=auth).is_connected()  # and cannot come back


# --- files on disk ---------------------------------------------------------------------------


def test_sqlite_files_are_private_whatever_the_umask(tmp_path) -> None:
    path = tmp_path / "data" / "facilitator.sqlite3"
    old = os.umask(0)
    try:
        protect_sqlite_file(f"sqlite:///{path}")
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE t (x)")
        connection.execute("INSERT INTO t VALUES (1)")
        connection.commit()
        files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}
        connection.close()
    finally:
        os.umask(old)


def test_an_old_world_readable_database_is_tightened(tmp_path) -> None:
    path = tmp_path / "gammel.sqlite3"
    path.write_bytes(b"")
    path.chmod(0o644)
    protect_sqlite_file(f"sqlite:///{path}")
    assert _mode(path) == 0o600
    protect_sqlite_file("sqlite://")  # in memory: nothing to do, no error
    protect_sqlite_file("postgresql+psycopg://postgres@127.0.0.1/x")


def test_init_db_creates_a_private_instance_folder(tmp_path) -> None:
    instance = tmp_path / "instance"
    env = {**os.environ, "FACILITATOR_INSTANCE_PATH": str(instance)}
    env.pop("FACILITATOR_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "facilitator", "init-db"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert result.returncode == 0, result.stderr
    assert _mode(instance) == 0o700
    assert _mode(instance / "facilitator.sqlite3") == 0o600
    assert _mode(instance / "secret_key") == 0o600
