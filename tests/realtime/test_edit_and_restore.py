"""Agreement belongs to words over Socket.IO: an edit clears the "Enig" on every screen, and
"Fortryd" (contribution:restore) brings a withdrawn statement back (docs/realtime.md)."""

from __future__ import annotations

from facilitator.contributions.models import Endorsement
from tests.realtime.test_phone_actions import _open, _phone, _statement
from tests.support.clients import screen, wait_for


def _agreed(app, db, live_session, fans=3):
    activity = _open(db, live_session, "retningspil", endorsements=True, results_live=True)
    author = _phone(app, live_session)
    phones = [_phone(app, live_session) for _ in range(fans)]
    statement = _statement(author, activity, "Flere aflastningspladser", "sock-r001")
    for phone in phones:
        assert phone.emit(
            "contribution:endorse", {"id": statement["id"], "agree": True}, callback=True
        )["changed"]
    return activity, author, phones, statement


def test_an_edit_clears_the_agreement_on_every_screen(app, db, live_session) -> None:
    _activity, author, phones, statement = _agreed(app, db, live_session)
    projector = screen(app, live_session)
    wait_for(
        phones[0],
        "statements:changed",
        lambda r: any(s["endorsements"] == 3 for s in r["statements"]),
    )
    own = author.emit("state:get", callback=True)["own"]
    assert [(c["id"], c["endorsements"]) for c in own] == [(statement["id"], 3)]
    ack = author.emit(
        "contribution:edit",
        {"id": statement["id"], "text": "Færre aflastningspladser"},
        callback=True,
    )
    assert ack["ok"] and ack["changed"] and ack["cleared"] == 3
    assert ack["contribution"]["endorsements"] == 0 and db.query(Endorsement).count() == 0
    changed = wait_for(projector, "contribution:changed", lambda p: "text" in p)
    assert (changed[-1]["text"], changed[-1]["endorsements"]) == ("Færre aflastningspladser", 0)
    # the agreeing phone sees the new words with no count; its own "Enig" is gone on the server
    pushed = wait_for(
        phones[0],
        "statements:changed",
        lambda r: any(s["text"] == "Færre aflastningspladser" for s in r["statements"]),
    )
    assert [s["endorsements"] for s in pushed[-1]["statements"]] == [0]
    assert phones[0].emit("state:get", callback=True)["endorsed"] == []
    # saving the same text again clears nothing and tells nobody
    again = author.emit(
        "contribution:edit",
        {"id": statement["id"], "text": " Færre aflastningspladser "},
        callback=True,
    )
    assert again["ok"] and not again["changed"] and again["cleared"] == 0


def test_restore_pushes_the_row_back_with_its_agreement(app, db, live_session) -> None:
    _activity, author, phones, statement = _agreed(app, db, live_session, fans=1)
    projector = screen(app, live_session)
    gone = author.emit("contribution:withdraw", {"id": statement["id"]}, callback=True)
    assert gone["ok"] and gone["removed"] and gone["restore_seconds"] == 30
    wait_for(projector, "contribution:removed", lambda p: p["id"] == statement["id"])
    wait_for(phones[0], "statements:changed", lambda r: statement["id"] in r["removed"])
    projector.get_received()
    back = author.emit("contribution:restore", {"id": statement["id"]}, callback=True)
    assert back["ok"] and back["restored"]
    assert (
        back["contribution"]["id"],
        back["contribution"]["text"],
        back["contribution"]["endorsements"],
    ) == (statement["id"], statement["text"], 1)
    added = wait_for(projector, "contribution:added", lambda p: p["id"] == statement["id"])
    assert (added[-1]["text"], added[-1]["endorsements"]) == (statement["text"], 1)
    pushed = wait_for(
        phones[0],
        "statements:changed",
        lambda r: any(s["id"] == statement["id"] for s in r["statements"]),
    )
    assert [s["endorsements"] for s in pushed[-1]["statements"]] == [1]
    assert phones[0].emit("state:get", callback=True)["endorsed"] == [statement["id"]]
    # a double tap on "Fortryd" is fine; bad payloads get the parser's answer
    twice = author.emit("contribution:restore", {"id": statement["id"]}, callback=True)
    assert twice["ok"] and not twice["restored"]
    for bad in ({"id": "1"}, ["x"], None, {"id": True}):
        answer = author.emit("contribution:restore", bad, callback=True)
        assert not answer["ok"] and answer["code"] in ("validation", "not_found")
    stranger = phones[0].emit("contribution:restore", {"id": statement["id"]}, callback=True)
    assert not stranger["ok"] and stranger["code"] == "validation"
