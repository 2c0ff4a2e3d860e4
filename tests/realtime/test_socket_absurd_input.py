"""Every socket event is answered, whatever it carries (issue 21, point 5): data nested 10,000
deep (which no JSON decoder walks), broken JSON, huge payloads and wrong types each get one
refusal, never silence and never a traceback."""

from __future__ import annotations

import logging

import pytest

from facilitator.activities.services import open_activity
from facilitator.extensions import socketio
from facilitator.live.events import EVENTS

DEEP = 10_000
EVENT_NAMES = sorted(EVENTS) + ["no:such-event"]


@pytest.fixture
def socket(app, db, live_session, phone):
    activity = next(a for a in live_session.activities if a.kind == "retningspil")
    open_activity(db, activity)
    phone.post(f"/j/{live_session.join_code}", {"group": "andet"})
    client = socketio.test_client(
        app,
        flask_test_client=phone.client,
        auth={"role": "participant", "code": live_session.join_code},
    )
    assert client.is_connected()
    client.activity_id = activity.id
    return client


def _raw_event(client, data: str) -> dict | None:
    """Send one EVENT packet as a client would put it on the wire (the test client's own
    emit cannot encode what is too deep to encode), asking for an acknowledgement."""
    client.acks = None
    socketio.server._handle_eio_message(client.eio_sid, f"27{data}")  # EVENT, ack id 7
    ack, client.acks = client.acks, None
    return ack["args"][0] if ack and len(ack["args"]) == 1 else ack


def _invalid(answer: dict | None) -> bool:
    return (
        isinstance(answer, dict)
        and answer["ok"] is False
        and answer["code"] == "invalid"
        and answer["error"] == answer["message"]
        and "Ugyldig besked" in answer["error"]
    )


@pytest.mark.parametrize("name", EVENT_NAMES)
def test_data_nested_ten_thousand_deep_is_answered(socket, name, caplog) -> None:
    caplog.set_level(logging.ERROR)
    deep_list = "[" * DEEP + "]" * DEEP
    deep_dict = '{"a":' * DEEP + "1" + "}" * DEEP
    for data in (deep_list, deep_dict, f'{{"id": 1, "text": {deep_list}}}'):
        answer = _raw_event(socket, f'["{name}",{data}]')
        if name == "no:such-event":
            assert answer["ok"] is False and answer["code"] == "unknown_event"
        else:
            assert _invalid(answer), answer
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert socket.emit("state:get", callback=True)["ok"]  # the socket still works


@pytest.mark.parametrize("name", sorted(EVENTS))
def test_broken_json_is_answered(socket, name) -> None:
    assert _invalid(_raw_event(socket, f'["{name}",{{"id": 1, "text": "x"'))
    assert _invalid(_raw_event(socket, f'["{name}",{{"id": {"9" * 500}}}]'))  # huge integer


@pytest.mark.parametrize("name", sorted(n for n in EVENTS if n != "state:get"))
def test_huge_and_wrongly_typed_data_is_refused_with_an_answer(
    app, socket, name, monkeypatch
) -> None:
    monkeypatch.setitem(app.config, "SUBMIT_RATE", "1000/10second")  # each refusal for itself
    payloads = [
        None,
        5,
        "tekst",
        [],
        [1, 2],
        {"id": {"x": 1}},
        {"id": "9" * 5000},
        {"activity_id": socket.activity_id, "client_id": "c" * 100_000, "text": "Hej"},
        {"activity_id": socket.activity_id, "client_id": "absurd-00001", "text": "x" * 500_000},
        {
            "activity_id": socket.activity_id,
            "client_id": "absurd-00002",
            "choices": list(range(100_000)),
        },
        {"activity_id": [socket.activity_id], "client_id": ["x"], "text": ["y"]},
    ]
    for data in payloads:
        answer = socket.emit(name, data, callback=True)
        assert isinstance(answer, dict) and answer["ok"] is False, (data, answer)
        assert answer["code"] in {"invalid", "validation", "not_found"}, answer
        assert answer["error"] == answer["message"]


def test_state_get_ignores_what_it_is_sent(socket) -> None:
    assert socket.emit("state:get", {"x": "y" * 100_000}, [1, [2]], callback=True)["ok"]
