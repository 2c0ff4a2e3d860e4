"""Throwaway PostgreSQL databases for tests that start real server processes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def throwaway_database(server_url: str, prefix: str) -> Iterator[str]:
    """A new, empty database on the server of `server_url`, dropped afterwards. Created
    through the server's maintenance database, which exists wherever the test database may
    not yet."""
    import psycopg
    from sqlalchemy.engine import make_url

    server = make_url(server_url).set(drivername="postgresql")
    name = f"{prefix}_{os.getpid()}"
    admin = server.set(database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
