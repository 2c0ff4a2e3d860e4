"""The phone's "Enig" and "Ret" over Socket.IO (docs/realtime.md), and answers in the phone's
language."""

from __future__ import annotations

from facilitator.activities.services import close_activity, open_activity
from facilitator.contributions.models import Contribution, Endorsement
from facilitator.extensions import socketio
from tests.conftest import Browser
from tests.support.clients import events as _events
from tests.support.clients import screen as _screen
from tests.support.clients import wait_for as _wait_for


def _open(db, session, kind, **settings):
    activity = next(a for a in session.activities if a.kind == kind)
    activity.settings = {**activity.settings, **settings}
    db.commit()
    open_activity(db, activity)
    return activity


def _phone(app, session, language=None):
    browser = Browser(app.test_client())
    browser.post(f"/j/{session.join_code}", {"group": "politiker"})
    if language:
        browser.client.set_cookie("facilitator_sprog", language)
    return socketio.test_client(
        app,
        flask_test_client=browser.client,
        auth={"role": "participant", "code": session.join_code},
    )


def _statement(socket, activity, text, client_id):
    ack = socket.emit(
        "contribution:submit",
        {"activity_id": activity.id, "client_id": client_id, "text": text},
        callback=True,
    )
    assert ack["ok"], ack
    return ack["contribution"]


def test_endorse_over_the_socket_updates_counts_live(app, db, live_session) -> None:
    activity = _open(db, live_session, "retningspil", endorsements=True)
    author, fan = _phone(app, live_session), _phone(app, live_session)
    screen = _screen(app, live_session)
    statement = _statement(author, activity, "Vi skal dele viden", "sock-e001")
    screen.get_received()
    fan.get_received()
    for _ in range(2):  # a double tap: one endorsement, the second says nothing changed
        ack = fan.emit(
            "contribution:endorse", {"id": statement["id"], "agree": True}, callback=True
        )
        assert ack["ok"] and ack["agree"] is True
    assert ack["changed"] is False and db.query(Endorsement).count() == 1
    changed = _wait_for(screen, "contribution:changed", lambda p: p["endorsements"] == 1)
    assert changed[-1]["id"] == statement["id"]
    # phones get only what changed (the count), never the whole list again
    pushed = _wait_for(
        fan,
        "statements:changed",
        lambda r: r["statements"] and r["statements"][0]["endorsements"] == 1,
    )
    assert [s["id"] for s in pushed[-1]["statements"]] == [statement["id"]]
    assert pushed[-1]["removed"] == []
    assert not _events(screen, "results:updated")  # statements travel one by one
    # the phone knows what IT endorsed; the author's phone does not get that list
    assert fan.emit("state:get", callback=True)["endorsed"] == [statement["id"]]
    assert author.emit("state:get", callback=True)["endorsed"] == []
    own = author.emit("contribution:endorse", {"id": statement["id"], "agree": True}, callback=True)
    assert not own["ok"] and own["code"] == "validation"
    undo = fan.emit("contribution:endorse", {"id": statement["id"], "agree": False}, callback=True)
    assert undo["ok"] and undo["changed"] and db.query(Endorsement).count() == 0
    _wait_for(screen, "contribution:changed", lambda p: p["endorsements"] == 0)


def test_endorse_is_refused_when_not_allowed(app, db, live_session) -> None:
    activity = _open(db, live_session, "retningspil")
    author, fan = _phone(app, live_session), _phone(app, live_session)
    statement = _statement(author, activity, "Vi skal lytte", "sock-e002")
    off = fan.emit("contribution:endorse", {"id": statement["id"], "agree": True}, callback=True)
    assert not off["ok"] and off["code"] == "validation"
    for bad in ({"id": statement["id"], "agree": "ja"}, {"id": "1"}, ["x"], None):
        answer = fan.emit("contribution:endorse", bad, callback=True)
        assert not answer["ok"] and answer["code"] in ("validation", "not_found")
    activity.settings = {**activity.settings, "endorsements": True}
    db.commit()
    close_activity(db, activity)
    closed = fan.emit("contribution:endorse", {"id": statement["id"]}, callback=True)
    assert not closed["ok"] and closed["code"] == "closed"


def test_edit_over_the_socket_reaches_the_projector(app, db, live_session) -> None:
    activity = _open(db, live_session, "retningspil")
    author, other = _phone(app, live_session), _phone(app, live_session)
    screen = _screen(app, live_session)
    statement = _statement(author, activity, "Vi skal have mod", "sock-e003")
    screen.get_received()
    too_long = author.emit(
        "contribution:edit", {"id": statement["id"], "text": "x" * 281}, callback=True
    )
    assert not too_long["ok"] and "højst 280" in too_long["message"]
    ack = author.emit(
        "contribution:edit", {"id": statement["id"], "text": "Vi skal have mere mod"}, callback=True
    )
    assert ack["ok"] and ack["changed"] and ack["contribution"]["text"] == "Vi skal have mere mod"
    again = author.emit(
        "contribution:edit", {"id": statement["id"], "text": "Vi skal have mere mod"}, callback=True
    )
    assert again["ok"] and not again["changed"]
    changed = _wait_for(
        screen, "contribution:changed", lambda p: p.get("text") == "Vi skal have mere mod"
    )
    assert changed[-1]["id"] == statement["id"]
    assert db.get(Contribution, statement["id"]).text == "Vi skal have mere mod"
    stranger = other.emit(
        "contribution:edit", {"id": statement["id"], "text": "Hacket"}, callback=True
    )
    assert not stranger["ok"] and stranger["code"] == "not_found"
    close_activity(db, activity)
    closed = author.emit(
        "contribution:edit", {"id": statement["id"], "text": "For sent"}, callback=True
    )
    assert not closed["ok"] and closed["code"] == "closed"


def test_answers_come_in_the_phones_language(app, db, live_session) -> None:
    activity = _open(db, live_session, "retningspil")
    english, danish = _phone(app, live_session, "en"), _phone(app, live_session)
    payload = {"activity_id": activity.id, "client_id": "sock-e004", "text": ""}
    assert (
        english.emit("contribution:submit", payload, callback=True)["message"]
        == "Write something before you send."
    )
    assert (
        danish.emit("contribution:submit", {**payload, "client_id": "sock-e005"}, callback=True)[
            "message"
        ]
        == "Skriv noget, før du sender."
    )
