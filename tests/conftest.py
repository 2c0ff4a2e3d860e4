"""Fixtures: every database test runs on SQLite and, when FACILITATOR_TEST_DATABASE_URL is set,
on PostgreSQL too. The schema is built by the real Alembic migrations."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask import Flask, g
from flask.testing import FlaskClient
from flask_migrate import upgrade
from flask_socketio.test_client import SocketIOTestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from facilitator import create_app
from facilitator.accounts.models import User
from facilitator.accounts.services import create_user
from facilitator.core.db import Base
from facilitator.extensions import db as flask_db
from facilitator.extensions import limiter
from facilitator.processes.services import create_process
from facilitator.sessions.models import WorkshopSession
from facilitator.sessions.services import create_session, set_state
from facilitator.web.ratelimit import participant_limits

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("FACILITATOR_TEST_DATABASE_URL") else [])
PASSWORD = "korrekt-hest-batteri"


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    return os.environ["FACILITATOR_TEST_DATABASE_URL"]


@pytest.fixture(scope="session")
def app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    app = create_app({
        "TESTING": True,
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")),
        "PUBLIC_URL": "https://deltag.example.dk",
        # Late arrivals are placed inline, so no background task from one test touches the
        # next; tests of the background path switch it off themselves.
        "CLUSTER_SYNC": True,
    })
    with app.app_context():
        _reset_schema()
        upgrade(directory=app.extensions["migrate"].directory)
        yield app
        flask_db.session.remove()


def _reset_schema() -> None:
    """A PostgreSQL test database may hold an earlier run's tables."""
    Base.metadata.drop_all(flask_db.engine)
    with flask_db.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture(autouse=True)
def _clean_tables(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    if "app" not in request.fixturenames:
        return
    for client in list(SocketIOTestClient.clients.values()):  # sockets end with their test:
        if client.is_connected():  # ids repeat on SQLite, and a phone's old sockets are capped
            client.disconnect()
    SocketIOTestClient.clients.clear()
    flask_db.session.rollback()
    with flask_db.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    flask_db.session.remove()
    # The session's app context is shared by every request of the run, so is its `g`: the
    # last test's logged-in user would otherwise still be current_user in the next (CLI) test.
    g.pop("_login_user", None)
    limiter.reset()  # one test's login or join attempts never throttle the next
    participant_limits.reset()  # SQLite reuses participant ids after the tables are emptied


@pytest.fixture
def db(app: Flask) -> Session:
    return flask_db.session


@pytest.fixture
def user(db: Session) -> User:
    return create_user(db, "anne@kommune.dk", PASSWORD, name="Anne")


@pytest.fixture
def other_user(db: Session) -> User:
    return create_user(db, "bo@region.dk", PASSWORD, name="Bo")


@pytest.fixture
def live_session(db: Session, user: User) -> WorkshopSession:
    process = create_process(db, user, "Nordjysk Socialaftale 2023-2024",
                             focus_areas=["Fokus på psykiatrien",
                                          "Fokus på borgere der bliver ældre"])
    session = create_session(db, process, title="Visionsdag", kind="visionsdag",
                             template="visionsdag")
    return set_state(db, session, "live")


CSRF_FIELD = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"'
                        r'|name="csrf_token" value="([^"]+)"')


@dataclass
class Browser:
    """A test client that fills in the CSRF token like a real browser form would."""

    client: FlaskClient

    def _fresh_request_globals(self) -> None:
        """Tests hold one app context open, so requests share `g`; Flask-WTF caches the CSRF
        token and Flask-Login the user there. Real requests each get their own: forget them."""
        for name in list(g):
            g.pop(name)

    def get(self, url: str, **kwargs):  # noqa: ANN003, ANN201
        self._fresh_request_globals()
        return self.client.get(url, **kwargs)

    def token(self) -> str:
        page = self.get("/login").get_data(as_text=True)
        match = CSRF_FIELD.search(page)
        assert match, "no CSRF token on the login page"
        return match.group(1) or match.group(2)

    def post(self, url: str, data: dict | None = None, *, csrf: bool = True,
             **kwargs):  # noqa: ANN003, ANN201
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf_token", self.token())
        self._fresh_request_globals()
        return self.client.post(url, data=data, **kwargs)

    def login(self, email: str = "anne@kommune.dk", password: str = PASSWORD):  # noqa: ANN201
        return self.post("/login", {"email": email, "password": password})


@pytest.fixture
def visitor(app: Flask) -> Browser:
    return Browser(app.test_client())


@pytest.fixture
def facilitator(visitor: Browser, user: User) -> Browser:
    response = visitor.login()
    assert response.status_code == 302
    return visitor


@pytest.fixture
def phone(app: Flask) -> Browser:
    return Browser(app.test_client())
