"""Fixtures: every database test runs on SQLite and, when FACILITATOR_TEST_DATABASE_URL is set,
on PostgreSQL too. The schema is built by the real Alembic migrations.

Tests that start servers, browsers or other processes, or that are heavy, are marked `slow`
here (pytest_collection_modifyitems), so `pytest -m "not slow"` is the contributor's loop."""

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
from facilitator.accounts import passwords
from facilitator.accounts.models import User
from facilitator.accounts.services import create_user
from facilitator.core.db import Base
from facilitator.extensions import db as flask_db
from facilitator.extensions import limiter
from facilitator.live.background import theme_jobs_for
from facilitator.processes.services import create_process
from facilitator.sessions.models import WorkshopSession
from facilitator.sessions.services import create_session, set_state
from facilitator.web.ratelimit import participant_limits

# Slow (deselected by `pytest -m "not slow"`, run by ./scripts/test) by where they are: browsers
# (e2e, with axe-core from a11y), real servers, other processes, the wheel build, benchmarks.
SLOW_FOLDERS = {"e2e", "a11y"}
SLOW_FILES = {
    "test_serve_timeouts.py",
    "test_serve_workers.py",
    "test_benchmarks_smoke.py",
    "test_wheel.py",
    "test_cluster_cli.py",
    "test_worker.py",
    "test_proxy_order.py",
    "test_grouping_jobs.py",
}
# ... by what they use: Playwright, a served app, PostgreSQL or Redis of their own, the demo
# load (seconds of seeding), the clustering worker process, the e5 model.
SLOW_FIXTURES = {
    "page",
    "browser",
    "context",
    "live_server",
    "postgres_url",
    "redis_url",
    "demo",
    "demo_process",
    "background_semantic",
    "e5",
}
# ... and by name, where one test of a file is heavy: a process of its own, the demo load, e5
# over whole corpora or many rounds of clustering, waits on the worker process or on a TTL,
# crowds of phones (seconds each on 2 cores; most tests take ~0.05 s).
SLOW_TESTS = {
    "test_cli.py": {
        "test_demo_prints_working_links",
        "test_demo_has_enough_varied_material",
        "test_demo_loads_grouped_with_the_secretariats_voice",
        "test_start_loads_the_demo_once_and_a_restart_keeps_everything",
    },
    "test_guided.py": {
        "test_cli_themes_file_labels_clusters_with_the_given_headings",
        "test_a_new_heading_takes_what_it_names_and_the_other_themes_stay",
        "test_stored_vectors_are_used_instead_of_embedding",
        "test_semantic_default_finds_topics_without_shared_words",
    },
    "test_sqlite_checkpoints.py": {"test_serve_checkpoints_from_a_thread_every_interval"},
    "test_teach.py": {"test_cli_examples_place_and_teach"},
    "test_lifecycle_security.py": {"test_init_db_creates_a_private_instance_folder"},
    "test_clustering.py": {
        "test_auto_k_stays_in_range_and_is_deterministic",
        "test_recovers_four_clear_themes",
        "test_every_nonblank_text_in_exactly_one_cluster_and_blank_skipped",
        "test_near_duplicates_grouped_with_count",
        "test_labels_are_distinct_capitalised_and_not_stop_words",
        "test_explicit_k_larger_than_input_is_clamped",
    },
    "test_clustering_service.py": {
        "test_merge_split_move_delete",
        "test_every_visible_text_lands_in_one_theme",
        "test_reclustering_keeps_pinned_themes_and_their_edits",
    },
    "test_embeddings.py": {"test_grouping_reuses_stored_vectors"},
    "test_guided_themes.py": {
        "test_one_own_heading_keeps_the_automatic_themes_around_it",
        "test_grouping_with_headings_sorts_and_makes_new_themes_for_the_rest",
    },
    "test_presence.py": {"test_a_living_worker_keeps_counting_through_its_heartbeat"},
    "test_venue_limits.py": {
        "test_150_phones_behind_one_address_all_join",
        "test_a_guesser_is_stopped_but_no_right_code_is_refused",
    },
    # Socket.IO rooms of several phones and screens waiting for each other's pushes (1-2 s each)
    "test_reveal.py": {
        "test_no_tallies_before_reveal_then_live",
        "test_hidden_statements_stay_off_the_projector",
        "test_live_results_when_the_facilitator_chooses",
    },
    "test_edit_and_restore.py": {
        "test_restore_pushes_the_row_back_with_its_agreement",
        "test_an_edit_clears_the_agreement_on_every_screen",
    },
    "test_socket_hardening.py": {"test_withdrawing_a_vote_updates_the_results"},
    "test_phone_actions.py": {"test_endorse_over_the_socket_updates_counts_live"},
    "test_wire.py": {"test_events_match_their_types"},
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _slow(item):
            item.add_marker(pytest.mark.slow)


def _slow(item: pytest.Item) -> bool:
    path = item.path
    if SLOW_FOLDERS & set(path.parts) or path.name in SLOW_FILES:
        return True
    if getattr(item, "originalname", item.name) in SLOW_TESTS.get(path.name, ()):
        return True
    if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    callspec = getattr(item, "callspec", None)  # the PostgreSQL run of a database test
    return callspec is not None and callspec.params.get("database_url") == "postgresql"


BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("FACILITATOR_TEST_DATABASE_URL") else [])
PASSWORD = "korrekt-hest-batteri"


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashes() -> Iterator[None]:
    """Real hashes cost ~0.2 s on purpose (accounts/passwords.py), and most tests create a user
    and log in: in this process they use the same method at a cost of 1,000 rounds."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "METHOD", "pbkdf2:sha256:1000")
        yield


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    return os.environ["FACILITATOR_TEST_DATABASE_URL"]


@pytest.fixture(scope="session")
def app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")),
            "PUBLIC_URL": "https://deltag.example.dk",
            # Late arrivals are placed inline, so no background task from one test touches the
            # next; tests of the background path switch it off themselves.
            "CLUSTER_SYNC": True,
        }
    )
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
    # A test that switched CLUSTER_SYNC off may leave a batch of theme work due: it must not
    # land in the next test's rows (SQLite reuses ids once the tables are emptied).
    assert theme_jobs_for(request.getfixturevalue("app")).wait_idle(120), "theme work still runs"
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
    process = create_process(
        db,
        user,
        "Nordjysk Socialaftale 2023-2024",
        focus_areas=["Fokus på psykiatrien", "Fokus på borgere der bliver ældre"],
    )
    session = create_session(
        db, process, title="Visionsdag", kind="visionsdag", template="visionsdag"
    )
    return set_state(db, session, "live")


CSRF_FIELD = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"'
    r'|name="csrf_token" value="([^"]+)"'
)


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

    def post(self, url: str, data: dict | None = None, *, csrf: bool = True, **kwargs):  # noqa: ANN003, ANN201
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
