"""Reveal control: a dilemma's or vote's tallies reach phones and projector only once the
facilitator shows them (or chose live results); the console always sees them."""

from __future__ import annotations

import time

from facilitator.activities.services import open_activity, reveal_results, update_activity
from facilitator.extensions import socketio
from facilitator.live.bridge import FLUSH_INTERVAL
from tests.support.clients import joined_phone as _phone
from tests.support.clients import open_kind as _open
from tests.support.clients import screen as _screen


def _console(app, facilitator, session):
    return socketio.test_client(
        app,
        flask_test_client=facilitator.client,
        auth={"role": "facilitator", "session_id": session.id, "csrf_token": facilitator.token()},
    )


def _received(client):
    return [(e["name"], e["args"][0]) for e in client.get_received()]


def _vote(client, activity, side, n):
    return client.emit(
        "contribution:submit",
        {"activity_id": activity.id, "client_id": f"vote-{n:04d}", "side": side},
        callback=True,
    )


def _tallies(events):
    """Anything that carries counts per side: results pushes, or results inside a payload."""
    found = [data for name, data in events if name == "results:updated"]
    for name, data in events:
        if name == "activity:changed" and data["activity"] and data["activity"]["results"]:
            found.append(data["activity"]["results"])
    return found


def test_no_tallies_before_reveal_then_live(app, db, live_session, phone, facilitator) -> None:
    dilemma = _open(db, live_session, "dilemma")
    assert not dilemma.results_live and not dilemma.results_visible
    voter = _phone(app, phone, live_session)
    screen = _screen(app, live_session)
    console = _console(app, facilitator, live_session)
    assert screen.is_connected() and console.is_connected()
    for client in (voter, screen, console):
        client.get_received()

    assert _vote(voter, dilemma, 0, 1)["ok"]
    time.sleep(FLUSH_INTERVAL * 4)
    seen_by_screen, seen_by_phone = _received(screen), _received(voter)
    assert _tallies(seen_by_screen) == [] and _tallies(seen_by_phone) == []
    # the projector learns how many have answered: a count, not a breakdown
    assert ("responses:count", {"activity_id": dilemma.id, "responses": 1}) in seen_by_screen
    assert [d["total"] for d in _tallies(_received(console))] == [1]  # the console always sees
    snapshot = screen.emit("state:get", callback=True)
    assert snapshot["results"] is None and snapshot["activity"]["results"] is None
    assert snapshot["activity"]["responses"] == 1
    phone_state = voter.emit("state:get", callback=True)
    assert phone_state["activity"]["results"] is None

    reveal_results(db, dilemma, True)  # "Vis resultater": both update at once
    for client in (screen, voter):
        changed = [d for name, d in _received(client) if name == "activity:changed"]
        assert changed and changed[-1]["activity"]["results_visible"]
        assert changed[-1]["activity"]["results"]["total"] == 1
    assert _vote(voter, dilemma, 1, 2)["ok"]  # and now every vote moves the bars
    time.sleep(FLUSH_INTERVAL * 4)
    assert [d["sides"][1]["count"] for d in _tallies(_received(screen))][-1:] == [1]
    assert screen.emit("state:get", callback=True)["results"]["total"] == 1

    reveal_results(db, dilemma, False)  # "Skjul resultater"
    changed = [d for name, d in _received(screen) if name == "activity:changed"]
    assert changed[-1]["activity"]["results"] is None


def test_live_results_when_the_facilitator_chooses(app, db, live_session, phone) -> None:
    vote = next(a for a in live_session.activities if a.kind == "topic_vote")
    update_activity(
        db,
        vote,
        title=vote.title,
        prompt=vote.prompt,
        settings={**vote.settings, "results_live": True},
    )
    open_activity(db, vote)
    voter = _phone(app, phone, live_session)
    screen = _screen(app, live_session)
    screen.get_received()
    assert voter.emit(
        "contribution:submit",
        {"activity_id": vote.id, "client_id": "vote-0009", "choices": [0]},
        callback=True,
    )["ok"]
    time.sleep(FLUSH_INTERVAL * 4)
    assert [d["voters"] for d in _tallies(_received(screen))][-1:] == [1]


def test_hidden_statements_stay_off_the_projector(app, db, live_session, phone) -> None:
    wall = next(a for a in live_session.activities if a.kind == "retningspil")
    update_activity(
        db,
        wall,
        title=wall.title,
        prompt=wall.prompt,
        settings={**wall.settings, "results_live": False},
    )
    open_activity(db, wall)
    writer = _phone(app, phone, live_session)
    screen = _screen(app, live_session)
    screen.get_received()
    assert writer.emit(
        "contribution:submit",
        {"activity_id": wall.id, "client_id": "text-0001", "text": "Hemmeligt indtil videre"},
        callback=True,
    )["ok"]
    time.sleep(FLUSH_INTERVAL * 4)
    events = _received(screen)
    assert not [e for e in events if e[0] in ("contribution:added", "results:updated")]
    assert ("responses:count", {"activity_id": wall.id, "responses": 1}) in events
