"""Facilitator and projector sockets die with the login: closed at once on logout, deactivation
or a new password, and refused when the login ended elsewhere (another worker)."""

from __future__ import annotations

from sqlalchemy import update

from facilitator.accounts import services as accounts
from facilitator.accounts.models import User
from facilitator.activities.services import open_activity
from facilitator.extensions import socketio
from facilitator.live.connections import registry


def _socket(app, browser, session, role="facilitator"):  # noqa: ANN001, ANN202
    return socketio.test_client(
        app,
        flask_test_client=browser.client,
        auth={"role": role, "session_id": session.id, "csrf_token": browser.token()},
    )


def test_logout_disconnects_the_users_sockets_at_once(app, live_session, facilitator, user) -> None:
    console, screen = (
        _socket(app, facilitator, live_session),
        _socket(app, facilitator, live_session, "screen"),
    )
    assert console.is_connected() and screen.is_connected()
    assert len(registry.of_user(user.id)) == 2
    assert facilitator.post("/logout").status_code == 302
    assert not console.is_connected() and not screen.is_connected()
    assert registry.of_user(user.id) == []


def test_a_screen_link_socket_survives_the_facilitators_logout(
    app, live_session, facilitator
) -> None:
    projector = socketio.test_client(
        app,
        auth={"role": "screen", "session_id": live_session.id, "token": live_session.screen_token},
    )
    facilitator.post("/logout")
    assert projector.is_connected()


def test_deactivation_disconnects_sockets(
    app, db, live_session, facilitator, user, other_user
) -> None:
    console = _socket(app, facilitator, live_session)
    accounts.set_active(db, user, False, actor=other_user)
    assert not console.is_connected()


def test_events_are_refused_and_broadcasts_stop_after_revocation_elsewhere(
    app, db, live_session, facilitator, user
) -> None:
    console = _socket(app, facilitator, live_session)
    assert console.emit("state:get", callback=True)["ok"]
    # Another worker ended the login: the version changed, no signal reached this process.
    db.execute(
        update(User).where(User.id == user.id).values(session_version=User.session_version + 1)
    )
    db.commit()
    refused = console.emit("state:get", callback=True)
    assert refused["ok"] is False and refused["message"] == "Du er logget ud. Log ind igen."
    console.get_received()
    open_activity(db, live_session.activities[0])
    assert console.get_received() == []  # no longer in the session's rooms
    assert not console.emit("state:get", callback=True)["ok"]
