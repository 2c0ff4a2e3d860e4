"""Votes cannot be stuffed through sockets, and every event answers (issue 9, items 4 and 6)."""

from __future__ import annotations

import time

import pytest

from facilitator.activities.services import close_activity, open_activity, reveal_results
from facilitator.contributions import results, validation
from facilitator.contributions.models import Contribution
from facilitator.extensions import socketio
from facilitator.live.bridge import FLUSH_INTERVAL
from facilitator.sessions.services import CODE_NOT_OPEN, set_state
from facilitator.web.ratelimit import TOO_FAST, SharedLimiter
from tests.support.clients import events as _events
from tests.support.clients import screen as _screen


def _open(db, session, kind):
    activity = next(a for a in session.activities if a.kind == kind)
    open_activity(db, activity)
    return activity


def _socket(app, phone, session):
    return socketio.test_client(
        app, flask_test_client=phone.client, auth={"role": "participant", "code": session.join_code}
    )


def _joined(app, phone, session, group="politiker"):
    phone.post(f"/j/{session.join_code}", {"group": group})
    return _socket(app, phone, session)


def _refused(ack: dict, code: str | None = None) -> bool:
    return (
        ack["ok"] is False
        and ack["message"]
        and ack["error"] == ack["message"]
        and (code is None or ack["code"] == code)
    )


def test_twenty_sockets_on_one_cookie_share_one_submission_limit(
    app, db, live_session, phone, monkeypatch
) -> None:
    monkeypatch.setitem(app.config, "MAX_SOCKETS_PER_PARTICIPANT", 50)
    activity = _open(db, live_session, "retningspil")
    phone.post(f"/j/{live_session.join_code}", {"group": "politiker"})
    sockets = [_socket(app, phone, live_session) for _ in range(20)]
    acks = [
        socket.emit(
            "contribution:submit",
            {
                "activity_id": activity.id,
                "client_id": f"stuff-{s:02d}-{n:02d}",
                "text": f"Stemme {s}.{n}",
            },
            callback=True,
        )
        for n in range(10)
        for s, socket in enumerate(sockets)
    ]
    assert sum(ack["ok"] for ack in acks) == 10  # SUBMIT_RATE, not 10 per socket
    assert all(
        _refused(ack, "rate_limited") and ack["message"] == TOO_FAST
        for ack in acks
        if not ack["ok"]
    )
    assert db.query(Contribution).count() == 10


def test_the_form_path_shares_the_participants_limit(app, db, live_session, phone) -> None:
    activity = _open(db, live_session, "retningspil")
    socket = _joined(app, phone, live_session)
    for n in range(6):
        assert socket.emit(
            "contribution:submit",
            {"activity_id": activity.id, "client_id": f"sock-{n:04d}", "text": f"S{n}"},
            callback=True,
        )["ok"]
    statuses = [
        phone.post(
            f"/s/{live_session.join_code}",
            {"activity_id": activity.id, "client_id": f"form-{n:04d}", "text": f"F{n}"},
        ).status_code
        for n in range(6)
    ]
    assert statuses == [302] * 4 + [429] * 2
    assert db.query(Contribution).count() == 10


def test_a_sixth_socket_closes_the_participants_oldest(app, live_session, phone) -> None:
    phone.post(f"/j/{live_session.join_code}", {"group": "andet"})
    sockets = [_socket(app, phone, live_session) for _ in range(6)]
    assert [s.is_connected() for s in sockets] == [False] + [True] * 5
    newest = sockets[-1]
    assert newest.emit("state:get", callback=True)["ok"]  # the reconnecting phone gets in


def test_shared_limiter_counts_in_redis_across_workers(app, monkeypatch) -> None:
    import redis

    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    monkeypatch.setitem(app.config, "RATELIMIT_STORAGE_URI", url)
    workers = [SharedLimiter(), SharedLimiter()]  # two processes' limiters, one storage
    key = f"test-{time.time_ns()}"
    allowed = [workers[n % 2].hit("10/10second", key) for n in range(14)]
    assert allowed == [True] * 10 + [False] * 4
    workers[0].reset()


@pytest.mark.parametrize(
    "payload",
    [
        {"text": "hej \ud800"},  # a lone surrogate
        {"activity_id": 2**70},
        {"activity_id": True},
        {"side": True},
        {"choices": [True]},
        {"text": "\u200b\u200d\u2060"},  # zero-width only
    ],
)
def test_bad_payloads_are_answered(app, db, live_session, phone, payload) -> None:
    activity = _open(db, live_session, "retningspil")
    socket = _joined(app, phone, live_session)
    ack = socket.emit(
        "contribution:submit",
        {"activity_id": activity.id, "client_id": "bad-00001", "text": "x", **payload},
        callback=True,
    )
    assert _refused(ack), payload
    assert ack["code"] in ("validation", "not_found")
    assert db.query(Contribution).count() == 0


def test_zero_width_text_gets_the_empty_message(app, db, live_session, phone) -> None:
    activity = _open(db, live_session, "retningspil")
    ack = _joined(app, phone, live_session).emit(
        "contribution:submit",
        {"activity_id": activity.id, "client_id": "zw-000001", "text": "\u200b \ufeff\u00ad"},
        callback=True,
    )
    assert ack["message"] == "Skriv noget, før du sender."


def test_every_event_answers(app, db, live_session, phone, monkeypatch) -> None:
    activity = _open(db, live_session, "retningspil")
    socket = _joined(app, phone, live_session)
    assert _refused(socket.emit("contribution:submit", "ikke et objekt", callback=True))
    assert _refused(socket.emit("contribution:submit", [1, 2], callback=True))
    assert _refused(socket.emit("contribution:submit", {"a": 1}, {"b": 2}, callback=True))
    assert _refused(socket.emit("contribution:submit", callback=True))
    assert _refused(socket.emit("afstemning:snyd", {"x": 1}, callback=True), "unknown_event")
    assert _refused(socket.emit("contribution:withdraw", "5", callback=True))
    assert socket.emit("state:get", callback=True)["ok"]  # the catch-all takes no real event

    def broken(*_args, **_kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(validation, "prepared", broken)  # inside the live path's writer
    ack = socket.emit(
        "contribution:submit",
        {"activity_id": activity.id, "client_id": "boom-0001", "text": "x"},
        callback=True,
    )
    assert _refused(ack, "error") and "fejl" in ack["message"]


def test_a_closed_session_keeps_its_phones_read_only(
    app, db, live_session, phone, visitor, user
) -> None:
    """Closed, a session still takes its own participants' sockets (so a reopening reaches
    every phone at once), and refuses what they send; another session's cookie or a stranger
    still gets no socket, and a draft none at all."""
    from facilitator.sessions.services import create_session

    activity = _open(db, live_session, "retningspil")
    _joined(app, phone, live_session)
    other = set_state(
        db, create_session(db, live_session.process, title="Anden dag", kind="workshop"), "live"
    )
    assert not _socket(app, phone, other).is_connected()  # the cookie is per session
    set_state(db, live_session, "closed")
    socket = _socket(app, phone, live_session)
    assert socket.is_connected()
    snapshot = socket.emit("state:get", callback=True)
    assert snapshot["session"]["state"] == "closed" and snapshot["activity"] is None
    assert _refused(
        socket.emit(
            "contribution:submit",
            {"activity_id": activity.id, "client_id": "late-0001", "text": "Sent"},
            callback=True,
        ),
        "closed",
    )
    assert not _socket(app, visitor, live_session).is_connected()  # no cookie, no socket
    set_state(db, live_session, "live")
    assert _events(socket, "session:changed")[-1]["state"] == "live"
    set_state(db, live_session, "draft")
    assert not _socket(app, phone, live_session).is_connected()
    assert CODE_NOT_OPEN.startswith("Koden virker ikke")


def test_withdrawing_a_statement_removes_it_everywhere(
    app, db, live_session, phone, visitor
) -> None:
    activity = _open(db, live_session, "retningspil")
    socket = _joined(app, phone, live_session)
    stranger = _joined(app, visitor, live_session, group="andet")
    screen = _screen(app, live_session)
    sent = socket.emit(
        "contribution:submit",
        {"activity_id": activity.id, "client_id": "mine-0001", "text": "Fortryder"},
        callback=True,
    )["contribution"]
    assert _refused(
        stranger.emit("contribution:withdraw", {"id": sent["id"]}, callback=True), "not_found"
    )  # only one's own
    screen.get_received()
    ack = socket.emit("contribution:withdraw", {"id": sent["id"]}, callback=True)
    assert ack == {"ok": True, "id": sent["id"], "removed": True, "restore_seconds": 30}
    assert db.get(Contribution, sent["id"]) is None
    assert _events(screen, "contribution:removed") == [
        {"activity_id": activity.id, "id": sent["id"]}
    ]
    assert socket.emit("contribution:withdraw", {"id": sent["id"]}, callback=True)[
        "ok"
    ]  # twice is fine
    assert socket.emit("state:get", callback=True)["own"] == []


def test_withdrawing_a_vote_updates_the_results(app, db, live_session, phone) -> None:
    activity = _open(db, live_session, "dilemma")
    reveal_results(db, activity, True)  # the projector gets tallies only once revealed
    socket = _joined(app, phone, live_session)
    screen = _screen(app, live_session)
    first = socket.emit(
        "contribution:submit",
        {"activity_id": activity.id, "client_id": "vote-0001", "side": 0},
        callback=True,
    )["contribution"]
    socket.emit(
        "contribution:submit",
        {"activity_id": activity.id, "client_id": "vote-0002", "side": 1},
        callback=True,
    )
    assert results.activity_results(db, activity)["total"] == 1
    time.sleep(FLUSH_INTERVAL * 3)
    screen.get_received()
    assert socket.emit("contribution:withdraw", {"id": first["id"]}, callback=True)["removed"]
    assert results.activity_results(db, activity)["total"] == 0
    assert db.query(Contribution).count() == 0  # the replaced choice goes too
    time.sleep(FLUSH_INTERVAL * 3)
    assert _events(screen, "results:updated")[-1]["total"] == 0


def test_no_withdrawing_once_the_activity_is_closed(app, db, live_session, phone) -> None:
    activity = _open(db, live_session, "retningspil")
    socket = _joined(app, phone, live_session)
    sent = socket.emit(
        "contribution:submit",
        {"activity_id": activity.id, "client_id": "keep-0001", "text": "Bliver"},
        callback=True,
    )["contribution"]
    close_activity(db, activity)
    assert _refused(
        socket.emit("contribution:withdraw", {"id": sent["id"]}, callback=True), "closed"
    )
    assert db.get(Contribution, sent["id"]) is not None
