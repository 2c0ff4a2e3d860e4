"""The Socket.IO protocol of docs/realtime.md, with Flask-SocketIO's test client."""

from __future__ import annotations

from facilitator.activities.services import close_activity, reveal_results
from facilitator.contributions.models import Contribution
from facilitator.contributions.moderation import set_hidden
from facilitator.extensions import socketio
from facilitator.live.connections import registry
from facilitator.web.ratelimit import TOO_FAST
from tests.support.clients import events as _events
from tests.support.clients import joined_phone as _joined_phone
from tests.support.clients import open_kind as _open
from tests.support.clients import screen as _screen
from tests.support.clients import wait_for as _wait_for


def _submit(client, **payload):
    return client.emit("contribution:submit", payload, callback=True)


def test_connect_requires_identity(app, live_session, phone) -> None:
    stranger = socketio.test_client(
        app, auth={"role": "participant", "code": live_session.join_code}
    )
    assert not stranger.is_connected()  # no participant cookie
    assert not socketio.test_client(
        app, auth={"role": "screen", "session_id": live_session.id, "token": "forkert"}
    ).is_connected()
    assert not socketio.test_client(app, auth={"role": "konge"}).is_connected()
    assert not socketio.test_client(
        app, auth={"role": "facilitator", "session_id": live_session.id}
    ).is_connected()
    assert _joined_phone(app, phone, live_session).is_connected()


def test_foreign_origin_is_refused(app, live_session) -> None:
    client = socketio.test_client(
        app,
        headers={"Origin": "https://ond.example"},
        auth={"role": "screen", "session_id": live_session.id, "token": live_session.screen_token},
    )
    assert not client.is_connected()


def test_submit_is_saved_acknowledged_and_broadcast_to_watchers_only(
    app, db, live_session, phone, visitor
) -> None:
    activity = _open(db, live_session, "retningspil")
    socket = _joined_phone(app, phone, live_session)
    other_phone = _joined_phone(app, visitor, live_session)
    screen = _screen(app, live_session)
    for client in (screen, other_phone):
        client.get_received()
    ack = _submit(
        socket, activity_id=activity.id, client_id="sock-0001", text="Vi skal turde fejle"
    )
    assert ack["ok"] and not ack["duplicate"]
    assert db.get(Contribution, ack["contribution"]["id"]).text == "Vi skal turde fejle"
    added = _events(screen, "contribution:added")
    assert [a["text"] for a in added] == ["Vi skal turde fejle"]
    assert "group" not in added[0]  # labels only where contributions.privacy allows them
    assert _events(other_phone, "contribution:added") == []  # not to every phone

    again = _submit(socket, activity_id=activity.id, client_id="sock-0001", text="igen")
    assert (
        again["ok"]
        and again["duplicate"]
        and again["contribution"]["id"] == ack["contribution"]["id"]
    )
    assert db.query(Contribution).count() == 1
    assert _events(screen, "contribution:added") == []


def test_http_form_post_produces_the_same_broadcast(app, db, live_session, phone) -> None:
    activity = _open(db, live_session, "retningspil")
    screen = _screen(app, live_session)
    phone.post(f"/j/{live_session.join_code}", {"group": "andet"})
    screen.get_received()
    phone.post(
        f"/s/{live_session.join_code}",
        {"activity_id": activity.id, "client_id": "f" * 32, "text": "Uden JavaScript"},
    )
    assert [a["text"] for a in _events(screen, "contribution:added")] == ["Uden JavaScript"]


def test_payloads_are_validated_like_the_form(app, db, live_session, phone) -> None:
    activity = _open(db, live_session, "retningspil")
    socket = _joined_phone(app, phone, live_session)
    for bad in (
        {"activity_id": activity.id, "client_id": "sock-0002", "text": 5},
        {"activity_id": str(activity.id), "client_id": "sock-0003", "text": "x"},
        {"activity_id": activity.id, "client_id": "sock-0004", "text": " "},
        {"activity_id": activity.id, "client_id": "kort", "text": "x"},
        {"activity_id": activity.id, "client_id": "sock-0005", "text": "x" * 281},
    ):
        ack = socket.emit("contribution:submit", bad, callback=True)
        assert ack["ok"] is False and ack["error"], bad
    assert socket.emit("contribution:submit", "ikke et objekt", callback=True)["ok"] is False
    assert db.query(Contribution).count() == 0


def test_rate_limit_per_participant_in_danish(app, db, live_session, phone) -> None:
    activity = _open(db, live_session, "retningspil")
    socket = _joined_phone(app, phone, live_session)
    acks = [
        _submit(socket, activity_id=activity.id, client_id=f"rate-{i:04d}", text=f"Nr {i}")
        for i in range(12)
    ]
    assert all(a["ok"] for a in acks[:10])
    assert acks[10] == {
        "ok": False,
        "code": "rate_limited",
        "message": TOO_FAST,
        "error": "Du sender meget hurtigt. Vent et øjeblik og prøv igen.",
    }
    assert db.query(Contribution).count() == 10


def test_phones_follow_the_facilitator(app, db, live_session, phone) -> None:
    first = _open(db, live_session, "retningspil")
    socket = _joined_phone(app, phone, live_session)
    socket.get_received()
    dilemma = _open(db, live_session, "dilemma")
    changed = _events(socket, "activity:changed")
    assert changed[-1]["activity"]["id"] == dilemma.id
    assert changed[-1]["activity"]["sides"][0]["label"] == "Tryghed"
    ack = _submit(socket, activity_id=first.id, client_id="sock-0010", text="For sent")
    assert ack["ok"] is False and ack["code"] == "closed"
    close_activity(db, dilemma)
    assert _events(socket, "activity:changed")[-1]["activity"] is None


def test_snapshot_after_reconnect_has_activity_and_own_contributions(
    app, db, live_session, phone
) -> None:
    activity = _open(db, live_session, "retningspil")
    socket = _joined_phone(app, phone, live_session)
    _submit(socket, activity_id=activity.id, client_id="sock-0020", text="Min retningspil")
    socket.disconnect()
    socket = _joined_phone(app, phone, live_session)
    snapshot = socket.emit("state:get", callback=True)
    assert snapshot["ok"] and snapshot["activity"]["id"] == activity.id
    assert [c["client_id"] for c in snapshot["own"]] == ["sock-0020"]


def test_dilemma_tallies_are_batched(app, db, live_session, phone) -> None:
    dilemma = _open(db, live_session, "dilemma")
    reveal_results(db, dilemma, True)  # the projector gets tallies only once revealed
    socket = _joined_phone(app, phone, live_session)
    screen = _screen(app, live_session)
    screen.get_received()
    app.config["SUBMIT_RATE"] = "100/second"
    try:  # one person changing their mind ten times: ten saves, a few pushes
        for i in range(10):
            _submit(socket, activity_id=dilemma.id, client_id=f"vote-{i:04d}", side=1 - i % 2)
    finally:
        app.config["SUBMIT_RATE"] = "10/10second"
    updates = _wait_for(screen, "results:updated", lambda r: r["sides"][0]["count"] == 1)
    assert len(updates) <= 4
    assert updates[-1]["total"] == 1 and updates[-1]["sides"] == [
        {**updates[-1]["sides"][0], "count": 1},
        {**updates[-1]["sides"][1], "count": 0},
    ]


def test_hidden_contribution_leaves_the_projector(app, db, live_session, phone) -> None:
    activity = _open(db, live_session, "retningspil")
    socket = _joined_phone(app, phone, live_session)
    screen = _screen(app, live_session)
    ack = _submit(socket, activity_id=activity.id, client_id="sock-0030", text="Frokost?")
    screen.get_received()
    set_hidden(db, db.get(Contribution, ack["contribution"]["id"]), True)
    assert _events(screen, "contribution:changed") == [
        {
            "activity_id": activity.id,
            "id": ack["contribution"]["id"],
            "held": False,
            "hidden": True,
            "highlighted": False,
            "endorsements": 0,
        }
    ]


def test_online_count_follows_connections(app, db, live_session, phone) -> None:
    before = registry.online(live_session.id)
    socket = _joined_phone(app, phone, live_session)
    assert registry.online(live_session.id) == before + 1
    socket.disconnect()
    assert registry.online(live_session.id) == before


def test_facilitator_socket_needs_login_and_csrf(app, live_session, facilitator) -> None:
    no_token = socketio.test_client(
        app,
        flask_test_client=facilitator.client,
        auth={"role": "facilitator", "session_id": live_session.id},
    )
    assert not no_token.is_connected()
    token = facilitator.token()
    ok = socketio.test_client(
        app,
        flask_test_client=facilitator.client,
        auth={"role": "facilitator", "session_id": live_session.id, "csrf_token": token},
    )
    assert ok.is_connected()


def test_vis_resultater_shows_results_on_phones(app, db, live_session, phone) -> None:
    from facilitator.activities.services import reveal_results

    dilemma = _open(db, live_session, "dilemma")
    socket = _joined_phone(app, phone, live_session)
    _submit(socket, activity_id=dilemma.id, client_id="reveal-0001", side=1)
    socket.get_received()
    reveal_results(db, dilemma, True)
    shown = _events(socket, "activity:changed")[-1]["activity"]
    assert shown["results_revealed"] and shown["results"]["sides"][1]["count"] == 1
    _submit(socket, activity_id=dilemma.id, client_id="reveal-0002", side=0)
    updates = _wait_for(socket, "results:updated", lambda r: r["sides"][0]["count"] == 1)
    assert updates[-1]["sides"][0]["count"] == 1
