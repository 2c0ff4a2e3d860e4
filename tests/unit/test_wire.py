"""The live payloads match their types in facilitator/live/protocol.py (the shapes docs/realtime.md
documents): every required key present, no key the types do not name, all the way down. Built
from the demo session (every activity kind, themes, hidden and endorsed statements) and from the
events a console and a projector receive while a phone takes part."""

from __future__ import annotations

import time
import types
import typing
from typing import Any, Literal, NotRequired, Union, get_args, get_origin, get_type_hints

import pytest

from facilitator.cli.demo import build_demo
from facilitator.clustering.store import has_clusters
from facilitator.clustering.theme_view import cluster_view
from facilitator.contributions import results
from facilitator.contributions.models import Contribution, Participant
from facilitator.core.jobs import JobStatus
from facilitator.extensions import socketio
from facilitator.live import payloads
from facilitator.live import protocol as wire
from facilitator.live.background import job_payload
from facilitator.live.bridge import FLUSH_INTERVAL
from tests.support.clients import joined_phone, open_kind, screen

RESULTS = {
    "dilemma": wire.DilemmaResults,
    "topic_vote": wire.TopicVoteResults,
    "wordcloud": wire.WordCloudResults,
}


def _is_typeddict(tp: Any) -> bool:
    return isinstance(tp, type) and typing.is_typeddict(tp)


def shape_errors(value: Any, tp: Any, path: str = "$") -> list[str]:
    """Where `value` departs from `tp`: missing or unknown keys, wrong kinds of values."""
    origin = get_origin(tp)
    if origin is NotRequired:
        return shape_errors(value, get_args(tp)[0], path)
    if origin in (Union, types.UnionType):
        options = [shape_errors(value, option, path) for option in get_args(tp)]
        return [] if any(not found for found in options) else min(options, key=len)
    if tp is None or tp is type(None):
        return [] if value is None else [f"{path}: {value!r} is not null"]
    if origin is Literal:
        return [] if value in get_args(tp) else [f"{path}: {value!r} not in {get_args(tp)}"]
    if _is_typeddict(tp):
        if not isinstance(value, dict):
            return [f"{path}: not an object"]
        hints = get_type_hints(tp)
        errors = [
            f"{path}: missing {key!r} ({tp.__name__})"
            for key in sorted(tp.__required_keys__ - value.keys())
        ]
        errors += [
            f"{path}: unknown {key!r} ({tp.__name__})"
            for key in sorted(value.keys() - hints.keys())
        ]
        for key in value.keys() & hints.keys():
            errors += shape_errors(value[key], hints[key], f"{path}.{key}")
        return errors
    if origin is list:
        if not isinstance(value, list):
            return [f"{path}: not a list"]
        return [
            e
            for i, item in enumerate(value)
            for e in shape_errors(item, get_args(tp)[0], f"{path}[{i}]")
        ]
    if tp is float:
        return (
            []
            if isinstance(value, int | float) and not isinstance(value, bool)
            else [f"{path}: {value!r} is not a number"]
        )
    if tp is int:
        return (
            []
            if isinstance(value, int) and not isinstance(value, bool)
            else [f"{path}: {value!r} is not an integer"]
        )
    return [] if isinstance(value, tp) else [f"{path}: {value!r} is not {tp.__name__}"]


def assert_shape(value: Any, tp: Any) -> None:
    errors = shape_errors(value, tp)
    assert not errors, "\n".join(errors)


def results_type(kind: str) -> type:
    return RESULTS.get(kind, wire.TextResults)


def test_the_checker_notices_drift() -> None:
    """A missing key, an unknown key and a wrong nested value each fail."""
    count = {"activity_id": 1, "responses": 2}
    assert not shape_errors(count, wire.ResponsesCount)
    assert shape_errors({"activity_id": 1}, wire.ResponsesCount)
    assert shape_errors({**count, "extra": 1}, wire.ResponsesCount)
    assert shape_errors({"activity_id": 1, "responses": "2"}, wire.ResponsesCount)
    changed = {"activity_id": 1, "id": 2, "held": False, "hidden": False}
    changed |= {"highlighted": False, "endorsements": 0}
    assert not shape_errors(changed, wire.ContributionChanged)
    assert not shape_errors({**changed, "text": "Ret"}, wire.ContributionChanged)


@pytest.fixture
def demo(db):  # noqa: ANN001, ANN201
    return build_demo(db).session


def test_builders_match_their_types(db, demo) -> None:  # noqa: ANN001
    kinds = set()
    for activity in demo.activities:
        kinds.add(activity.kind)
        assert_shape(results.activity_results(db, activity), results_type(activity.kind))
        for phones in (False, True):
            assert_shape(
                payloads.activity_payload(db, activity, 280, phones=phones), wire.ActivityPayload
            )
        if has_clusters(db, activity):
            view = cluster_view(db, activity)
            assert view["clusters"]
            assert_shape(view, wire.ClusterView)
            assert_shape(payloads.screen_clusters_payload(view, activity), wire.WallView)
    assert kinds >= {"retningspil", "dilemma", "topic_vote", "open_question", "wordcloud"}
    assert_shape(payloads.screen_snapshot(db, demo), wire.ScreenSnapshot)
    person = db.query(Participant).filter_by(session_id=demo.id).first()
    snapshot = payloads.phone_snapshot(db, demo, person, 280)
    assert_shape(snapshot, wire.PhoneSnapshot)
    row = db.query(Contribution).filter(Contribution.text != "").first()
    assert_shape(payloads.contribution_payload(row), wire.ContributionPayload)
    for status in (JobStatus("running"), JobStatus("failed", "for få bidrag")):
        assert_shape(job_payload(row.activity_id, status), wire.ClusterJob)


def _until(client, done, timeout: float = 3.0) -> list[dict]:  # noqa: ANN001
    """Every event the client receives until one is `done(name, payload)` (batches lag)."""
    got: list[dict] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got += client.get_received()
        if any(done(e["name"], e["args"][0]) for e in got):
            return got
        socketio.sleep(FLUSH_INTERVAL / 2)
    pytest.fail(f"not within {timeout}s: {[e['name'] for e in got]}")


def _console(app, facilitator, session):  # noqa: ANN001, ANN202
    return socketio.test_client(
        app,
        flask_test_client=facilitator.client,
        auth={"role": "facilitator", "session_id": session.id, "csrf_token": facilitator.token()},
    )


def test_events_match_their_types(app, db, live_session, phone, facilitator) -> None:  # noqa: ANN001
    """What a console and a projector receive while a phone writes, is endorsed, corrects and
    withdraws, and the facilitator moderates: each event's payload has its documented type."""
    from facilitator.activities.services import open_activity, update_activity
    from facilitator.contributions.moderation import set_hidden, set_highlighted

    wall = next(a for a in live_session.activities if a.kind == "retningspil")
    update_activity(
        db,
        wall,
        title=wall.title,
        prompt=wall.prompt,
        settings={**wall.settings, "endorsements": True},
    )  # phones list statements
    open_activity(db, wall)
    console = _console(app, facilitator, live_session)
    projector = screen(app, live_session)
    writer = joined_phone(app, phone, live_session)
    sent = writer.emit(
        "contribution:submit",
        {"activity_id": wall.id, "client_id": "wire-0001", "text": "Mere mod"},
        callback=True,
    )
    assert sent["ok"]
    assert_shape(sent["contribution"], wire.ContributionPayload)
    row = db.get(Contribution, sent["contribution"]["id"])
    set_highlighted(db, row, True)
    assert writer.emit("contribution:edit", {"id": row.id, "text": "Mere mod!"}, callback=True)[
        "ok"
    ]
    set_hidden(db, row, True)
    set_hidden(db, row, False)
    assert writer.emit("contribution:withdraw", {"id": row.id}, callback=True)["ok"]
    phone_events = _until(writer, lambda name, data: name == "statements:changed")
    dilemma = open_kind(db, live_session, "dilemma")
    assert writer.emit(
        "contribution:submit",
        {"activity_id": dilemma.id, "side": 0, "client_id": "wire-0002", "text": "Fordi"},
        callback=True,
    )["ok"]
    received = {
        console: _until(
            console,
            lambda name, data: name == "results:updated" and data["activity_id"] == dilemma.id,
        ),
        projector: projector.get_received(),
        writer: phone_events + writer.get_received(),
    }
    seen = set()
    for client, got in received.items():
        for event in got:
            name, data = event["name"], event["args"][0]
            seen.add(name)
            if name == "results:updated":
                assert_shape(data, results_type(data["kind"]))
            elif name == "clusters:updated":
                assert_shape(data, wire.ClusterView if client is console else wire.WallView)
            else:
                assert name in wire.EVENTS, name
                assert_shape(data, wire.EVENTS[name])
    assert {
        "contribution:added",
        "contribution:changed",
        "contribution:removed",
        "activity:changed",
        "participants:count",
        "results:updated",
        "statements:changed",
    } <= seen
    assert_shape(writer.emit("state:get", callback=True)["own"], list[wire.OwnContribution])
    assert_shape(
        {
            k: v
            for k, v in console.emit("state:get", callback=True).items()
            if k not in ("ok", "online")
        },
        wire.ScreenSnapshot,
    )
