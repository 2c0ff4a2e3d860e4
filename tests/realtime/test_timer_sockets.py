"""The countdown over Socket.IO (issue 25): a start reaches phones, projector and console in the
activity payload; a phone that reconnects gets the running countdown from its snapshot (the end
time is state, not a counter); the background check closes a due activity and every screen
follows."""

from __future__ import annotations

from datetime import timedelta

from facilitator.activities import timer
from facilitator.activities.services import open_activity
from facilitator.core.db import utcnow
from facilitator.extensions import socketio
from facilitator.live.payloads import epoch_ms
from facilitator.live.protocol import ActivityPayload
from facilitator.live.timers import timer_checks
from tests.support.clients import events, joined_phone, screen
from tests.unit.test_wire import assert_shape


def _console(app, facilitator, session):  # noqa: ANN001, ANN202
    return socketio.test_client(
        app,
        flask_test_client=facilitator.client,
        auth={"role": "facilitator", "session_id": session.id, "csrf_token": facilitator.token()},
    )


def test_a_start_reaches_every_screen(app, db, live_session, phone, facilitator) -> None:  # noqa: ANN001
    activity = open_activity(db, live_session.activities[0])
    handset, projector = joined_phone(app, phone, live_session), screen(app, live_session)
    console = _console(app, facilitator, live_session)
    for client in (handset, projector, console):
        client.get_received()
    answer = facilitator.post(
        f"/facilitate/activities/{activity.id}/timer/start",
        {"minutes": "5", "closes_at_zero": "y"},
        headers={"Accept": "application/json"},
    ).get_json()
    assert answer["ok"], answer
    ends_at = epoch_ms(db.get(type(activity), activity.id).timer_ends_at)
    for client in (handset, projector):
        (pushed,) = events(client, "activity:changed")
        assert_shape(pushed["activity"], ActivityPayload)  # TimerPayload, key by key
        countdown = pushed["activity"]["timer"]
        assert countdown["state"] == "running" and countdown["ends_at"] == ends_at
        assert countdown["closes_at_zero"] is True
        assert abs(countdown["now"] - epoch_ms(utcnow())) < 5000  # the server's clock
    (console_push,) = events(console, "activity:changed")
    assert console_push["activity"]["timer"]["ends_at"] == ends_at
    assert "timer-controls" in console_push["console_html"]
    assert f"/facilitate/activities/{activity.id}/timer/pause" in console_push["console_html"]


def test_a_reconnecting_phone_gets_the_running_countdown(app, db, live_session, phone) -> None:  # noqa: ANN001
    activity = open_activity(db, live_session.activities[0])
    handset = joined_phone(app, phone, live_session)
    handset.disconnect()  # lost Wi-Fi, meanwhile the facilitator starts and pauses the clock
    timer.start(db, activity, 600, now=utcnow() - timedelta(seconds=60))
    again = joined_phone(app, phone, live_session)
    snapshot = again.emit("state:get", callback=True)
    countdown = snapshot["activity"]["timer"]
    assert countdown["state"] == "running"
    assert countdown["ends_at"] == epoch_ms(activity.timer_ends_at)
    assert 535 <= countdown["remaining"] <= 540  # counted from the stored end, not from now
    timer.pause(db, activity)
    paused = again.emit("state:get", callback=True)["activity"]["timer"]
    assert paused["state"] == "paused" and paused["ends_at"] is None
    assert paused["remaining"] == activity.timer_paused_left


def test_the_background_check_closes_a_due_activity(app, db, live_session, phone) -> None:  # noqa: ANN001
    """What `serve` runs at start-up and then every second: an activity whose countdown ran out
    (even while the server was down) closes, and phones and projector are told."""
    activity = open_activity(db, live_session.activities[0])
    timer.start(db, activity, 60, closes_at_zero=True, now=utcnow() - timedelta(seconds=61))
    handset, projector = joined_phone(app, phone, live_session), screen(app, live_session)
    for client in (handset, projector):
        client.get_received()
    assert timer_checks(app).run()
    db.expire_all()
    assert activity.state == "closed" and activity.timer_ends_at is None
    for client in (handset, projector):
        (pushed,) = events(client, "activity:changed")
        assert pushed["activity"] is None  # nothing open: the phones wait, the wall too
    assert timer_checks(app).run()  # the next round finds nothing to close
    assert events(handset, "activity:changed") == []
