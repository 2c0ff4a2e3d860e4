"""Socket.IO test clients as the room's devices connect: a phone, the projector, a console."""

from __future__ import annotations

import time

import pytest

from facilitator.activities.services import open_activity
from facilitator.extensions import socketio
from facilitator.live.bridge import FLUSH_INTERVAL


def open_kind(db, session, kind, **settings):  # noqa: ANN001, ANN003, ANN201
    """Open the session's first activity of `kind`, with `settings` ("premoderated": True)."""
    activity = next(a for a in session.activities if a.kind == kind)
    if settings:
        activity.settings = {**activity.settings, **settings}
        db.commit()
    open_activity(db, activity)
    return activity


def joined_phone(app, browser, session, group="politiker"):  # noqa: ANN001, ANN201
    """A phone that joined through the form (its cookie), then opened its socket."""
    browser.post(f"/j/{session.join_code}", {"group": group})
    return socketio.test_client(
        app,
        flask_test_client=browser.client,
        auth={"role": "participant", "code": session.join_code},
    )


def screen(app, session):  # noqa: ANN001, ANN201
    """The projector on its secret link."""
    return socketio.test_client(
        app, auth={"role": "screen", "session_id": session.id, "token": session.screen_token}
    )


def events(client, name):  # noqa: ANN001, ANN201
    """The payloads of every `name` event the client received since it last asked."""
    return [event["args"][0] for event in client.get_received() if event["name"] == name]


def wait_for(client, name, until=lambda payload: True, timeout=3.0):  # noqa: ANN001, ANN201
    """Events named `name` received until one satisfies `until` (batches may lag behind)."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen += events(client, name)
        if any(until(payload) for payload in seen):
            return seen
        socketio.sleep(FLUSH_INTERVAL / 2)
    pytest.fail(f"no matching {name} within {timeout}s: {seen}")


def console(app, facilitator, session):  # noqa: ANN001, ANN201
    """The facilitator's console socket (logged in through the `facilitator` browser)."""
    return socketio.test_client(
        app,
        flask_test_client=facilitator.client,
        auth={"role": "facilitator", "session_id": session.id, "csrf_token": facilitator.token()},
    )
