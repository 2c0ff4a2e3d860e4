"""'Gruppér' as a job: pressed repeatedly or for several activities at once it never fails,
SQLite never says "database is locked", and a failed job says so in Danish, live and on reload."""

from __future__ import annotations

import logging
import re
import threading
import time

import pytest

from facilitator.activities.services import open_activity
from facilitator.clustering import grouping
from facilitator.clustering.models import Cluster
from facilitator.contributions.models import Contribution
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.services import submit
from facilitator.contributions.validation import Submission
from facilitator.extensions import socketio
from facilitator.live.background import theme_jobs_for
from tests.conftest import Browser
from tests.domain.test_clustering_service import STATEMENTS


@pytest.fixture
def text_activities(db, live_session):
    """Three activities with statements (the last one stays open for phones)."""
    kinds = [
        a
        for a in live_session.activities
        if a.kind in ("initiative", "open_question", "retningspil")
    ][:3]
    person = join(db, live_session, "gruppe" * 6, Profile(group="politiker"))
    for n, activity in enumerate(kinds):
        open_activity(db, activity)
        for i, text in enumerate(STATEMENTS):
            submit(db, person, activity, Submission(f"a{n}-bidrag-{i:03d}", text))
    return kinds


@pytest.fixture
def background(app):
    """The real path: background tasks instead of inline jobs."""
    app.config["CLUSTER_SYNC"] = False
    jobs = theme_jobs_for(app)
    yield jobs
    jobs.wait_idle(60)
    app.config["CLUSTER_SYNC"] = True


def _logged_in_clients(app, count: int) -> list[tuple]:
    """One facilitator on `count` browsers at once (more logins than LOGIN_RATE allows in a
    minute from one address, so the limit is lifted while they log in)."""
    clients, rate = [], app.config["LOGIN_RATE"]
    app.config["LOGIN_RATE"] = f"{count}/minute"
    try:
        for _ in range(count):
            browser = Browser(app.test_client())
            assert browser.login().status_code == 302
            clients.append((browser.client, browser.token()))
    finally:
        app.config["LOGIN_RATE"] = rate
    return clients


def test_ten_concurrent_grupper_all_succeed_without_locks(
    app, db, user, live_session, text_activities, background, caplog
) -> None:
    clients = _logged_in_clients(app, 10)
    statuses: list[int] = []
    phone_errors: list[BaseException] = []
    person = join(db, live_session, "telefon" * 6, Profile(group="andet"))
    open_id = text_activities[-1].id

    def press(client, token, activity) -> None:  # noqa: ANN001
        response = client.post(
            f"/facilitate/activities/{activity.id}/themes/cluster",
            data={"csrf_token": token, "themes": ""},
        )
        statuses.append(response.status_code)

    def phone() -> None:  # phones keep saving while the groupings run
        from facilitator.activities.models import Activity
        from facilitator.extensions import db as flask_db

        with app.app_context():
            try:
                for i in range(15):
                    submit(
                        flask_db.session,
                        flask_db.session.get(type(person), person.id),
                        flask_db.session.get(Activity, open_id),
                        Submission(f"tlf-bidrag-{i:03d}", f"Vi skal turde fejle {i}"),
                    )
            except BaseException as error:
                phone_errors.append(error)
            finally:
                flask_db.session.remove()

    with caplog.at_level(logging.WARNING):
        threads = [
            threading.Thread(target=press, args=(client, token, text_activities[i % 3]))
            for i, (client, token) in enumerate(clients)
        ]
        threads.append(threading.Thread(target=phone))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        jobs = background
        deadline = time.time() + 60
        while time.time() < deadline and any(jobs.grouping.running(a.id) for a in text_activities):
            time.sleep(0.05)
    assert statuses == [302] * 10 and not phone_errors
    for activity in text_activities:
        assert jobs.grouping.status(activity.id).state == "done"
    assert "database is locked" not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    db.expire_all()
    for activity in text_activities:
        assert db.query(Cluster).filter_by(activity_id=activity.id).count() >= 2
    assert db.query(Contribution).filter(Contribution.client_id.like("tlf-%")).count() == 15


def test_the_page_shows_a_running_grouping_and_no_stale_flash(
    app, facilitator, text_activities, background
) -> None:
    activity = text_activities[0]
    started = threading.Event()
    release = threading.Event()
    real = grouping.cluster_activity

    def slow(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        started.set()
        release.wait(10)
        return real(*args, **kwargs)

    themes_module_attr = "cluster_activity"
    setattr(grouping, themes_module_attr, slow)
    try:
        response = facilitator.post(
            f"/facilitate/activities/{activity.id}/themes/cluster",
            {"themes": "3"},
            follow_redirects=True,
        )
        assert started.wait(10)
        html = response.get_data(as_text=True)
        assert 'data-state="running"' in html and "Grupperingen kører" in html
        # a second press while it runs is coalesced, not a second concurrent job
        facilitator.post(f"/facilitate/activities/{activity.id}/themes/cluster", {"themes": ""})
        assert background.grouping.running(activity.id)
    finally:
        release.set()
        setattr(grouping, themes_module_attr, real)
    deadline = time.time() + 30
    while time.time() < deadline and background.grouping.running(activity.id):
        time.sleep(0.05)
    page = facilitator.get(f"/facilitate/activities/{activity.id}/themes").get_data(as_text=True)
    assert 'data-state="done"' in page and "Grupperingen kører" not in page


def test_a_failed_grouping_says_so_in_danish_live_and_on_reload(
    app, facilitator, live_session, text_activities, monkeypatch, caplog
) -> None:
    activity = text_activities[0]
    watcher = socketio.test_client(
        app,
        flask_test_client=facilitator.client,
        auth={
            "role": "facilitator",
            "session_id": live_session.id,
            "csrf_token": facilitator.token(),
        },
    )
    assert watcher.is_connected()
    watcher.get_received()

    def broken(*_args, **_kwargs):  # noqa: ANN202
        raise RuntimeError("disken er fuld")

    monkeypatch.setattr(grouping, "cluster_activity", broken)
    with caplog.at_level(logging.ERROR):
        facilitator.post(f"/facilitate/activities/{activity.id}/themes/cluster", {"themes": ""})
    events = [e["args"][0] for e in watcher.get_received() if e["name"] == "clusters:job"]
    assert [e["state"] for e in events] == ["running", "failed"]
    # a code for every reader's own language, no Danish words in the broadcast
    assert events[-1]["reason"] == "" and "message" not in events[-1]
    assert events[-1]["activity_id"] == activity.id
    page = facilitator.get(f"/facilitate/activities/{activity.id}/themes").get_data(as_text=True)
    assert "Grupperingen mislykkedes: en uventet fejl" in page
    assert 'data-state="failed"' in page
    failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in failures] == [
        f"grouping of activity {activity.id} failed: RuntimeError: disken er fuld"
    ]
    assert failures[0].exc_info is None  # one line, no traceback
    monkeypatch.undo()
    facilitator.post(f"/facilitate/activities/{activity.id}/themes/cluster", {"themes": ""})
    page = facilitator.get(f"/facilitate/activities/{activity.id}/themes").get_data(as_text=True)
    # the next grouping clears it (the page's string table for its script may still say it)
    shown = re.sub(r'<script type="application/json".*?</script>', "", page, flags=re.S)
    assert "mislykkedes" not in shown
    watcher.disconnect()
