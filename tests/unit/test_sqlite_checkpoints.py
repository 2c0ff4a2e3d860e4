"""Under `serve` on SQLite, commits never checkpoint the WAL themselves; a thread does."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from facilitator.core.db import checkpoint, manual_checkpoints


def _write_pages(engine, rows: int) -> None:  # noqa: ANN001
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE IF NOT EXISTS t (x TEXT)"))
    for _ in range(rows):  # one commit per row, as phones commit
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO t VALUES (:x)"), {"x": "x" * 4000})


def _wal_pages(path) -> int:  # noqa: ANN001
    """How far the WAL grew: SQLite reuses it from the start after each full checkpoint."""
    return (path.parent / (path.name + "-wal")).stat().st_size // 4096


def test_commits_leave_the_wal_to_the_checkpointer(tmp_path) -> None:
    path = tmp_path / "room.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    manual_checkpoints(engine)
    _write_pages(engine, 1500)  # well past SQLite's automatic checkpoint at 1,000 pages
    assert _wal_pages(path) > 1400  # no commit paid for a checkpoint: the WAL only grew
    frames, copied = checkpoint(str(path))
    assert frames > 1400 and copied == frames
    with engine.connect() as connection:  # and nothing was lost on the way
        assert connection.execute(text("SELECT count(*) FROM t")).scalar() == 1500
    engine.dispose()


def test_without_it_sqlite_checkpoints_inside_commits(tmp_path) -> None:
    """The control: the same writes on a plain engine are checkpointed as they commit."""
    path = tmp_path / "plain.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    _write_pages(engine, 1500)
    assert _wal_pages(path) < 1200  # checkpointed at 1,000 pages, then reused
    engine.dispose()


SERVED = """
from gevent import monkey; monkey.patch_all()
import os, sys, gevent
from facilitator import create_app
from facilitator.live import background
calls = []
real = background.checkpoint
background.checkpoint = lambda path: calls.append(path) or real(path)
background.CHECKPOINT_INTERVAL = 0.2
app = create_app()
print(background.start_checkpoints(app))
gevent.sleep(1.5)
print(len(calls), os.path.basename(calls[0]) if calls else "")
"""


def test_serve_checkpoints_from_a_thread_every_interval(tmp_path) -> None:
    """What `serve` starts under gevent: the loop runs and checkpoints the app's database."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "FACILITATOR_INSTANCE_PATH": str(tmp_path),
        "FACILITATOR_ASYNC_MODE": "gevent",
    }
    env.pop("FACILITATOR_DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "facilitator", "init-db"], env=env, check=True, capture_output=True
    )
    out = subprocess.run(
        [sys.executable, "-c", SERVED],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.split()
    assert out[0] == "True" and int(out[1]) >= 3 and out[2] == "facilitator.sqlite3"
