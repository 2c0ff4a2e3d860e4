"""A table scribe's statement reaches the projector as the table's ("Bord 3"), not a person's."""

from __future__ import annotations

from facilitator.extensions import socketio
from facilitator.tables import services as tables
from tests.support.clients import screen, wait_for
from tests.support.tables import text_activity


def test_scribe_statement_reaches_the_projector_as_the_table(app, db, live_session, phone) -> None:  # noqa: ANN001
    table = tables.set_tables(db, live_session, "3 Sundhed")[0]
    activity = text_activity(db, live_session)
    secret = tables.scribe_secret(table, str(app.config["SECRET_KEY"]).encode())
    phone.post(f"/j/{live_session.join_code}/bord/3/skriver", {"k": secret})
    wall = screen(app, live_session)
    socket = socketio.test_client(
        app,
        flask_test_client=phone.client,
        auth={"role": "participant", "code": live_session.join_code},
    )
    ack = socket.emit(
        "contribution:submit",
        {"activity_id": activity.id, "client_id": "a" * 32, "text": "Mere tid til borgeren"},
        callback=True,
    )
    assert ack["ok"] is True
    seen = wait_for(wall, "contribution:added", lambda c: c["text"] == "Mere tid til borgeren")
    assert seen[-1]["table"] == {"number": 3, "name": "Sundhed"}
