"""The SQLAlchemy declarative base shared by every domain model (no Flask here)."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, MetaData, Result, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session

# Named constraints so Alembic batch migrations on SQLite can alter them later.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# What domain functions take: a plain Session (CLI, tests, jobs) or Flask-SQLAlchemy's
# request-scoped proxy (web and sockets). Both offer the same methods.
DbSession = Session | scoped_session[Any]


def rowcount(result: Result[Any]) -> int:
    """Rows an UPDATE or DELETE touched (its result is a CursorResult; the type says Result)."""
    return cast(CursorResult[Any], result).rowcount


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:  # noqa: ANN001
    """WAL lets phones write while the projector reads; foreign keys are off by default."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def _no_autocheckpoint(dbapi_connection, connection_record) -> None:  # noqa: ANN001
    dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")


def manual_checkpoints(engine: Engine) -> None:
    """`engine`'s connections stop checkpointing the WAL as they commit: SQLite would do it
    (with an fsync) inside whichever commit passes 1,000 pages, and under gevent that stalls
    every socket. The caller runs `checkpoint` elsewhere instead."""
    event.listen(engine, "connect", _no_autocheckpoint)
    engine.dispose()  # connections opened before keep their setting: start afresh


def checkpoint(path: str) -> tuple[int, int]:
    """Copy the WAL into the database file. PASSIVE: never waits for readers or writers.
    Returns (frames in the WAL, frames now in the database file)."""
    with contextlib.closing(sqlite3.connect(path, timeout=5)) as connection:
        _, frames, copied = connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    return frames, copied
