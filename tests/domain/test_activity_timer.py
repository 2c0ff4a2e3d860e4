"""The activity timer (issue 25) in the domain: start, pause, resume, +1 minute, stop, run out,
close at 0, and the refusals a stale console or a typo meets. The clock is frozen (`now`), and
a "restart" is a fresh database session reading the same rows."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from facilitator.activities import timer
from facilitator.activities.models import Activity
from facilitator.activities.services import close_activity, open_activity
from facilitator.core import signals
from facilitator.core.errors import ValidationError
from facilitator.sessions.services import set_state

T0 = datetime(2026, 3, 2, 9, 0, 0)  # naive UTC, as the database keeps it


def later(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


@pytest.fixture
def activity(db, live_session) -> Activity:  # noqa: ANN001
    return open_activity(db, live_session.activities[0])


def test_start_counts_down_to_a_stored_end_time(db, activity) -> None:  # noqa: ANN001
    started = timer.start(db, activity, 300, now=T0)
    assert started == timer.Timer("running", later(300), 300, False)
    assert activity.timer_ends_at == later(300)
    assert timer.timer_of(activity, later(0.4)).seconds_left == 300  # 4:59.6 reads 05:00
    assert timer.timer_of(activity, later(1)).seconds_left == 299
    run_out = timer.timer_of(activity, later(301))
    assert run_out.status == "expired" and run_out.seconds_left == 0


def test_pause_keeps_the_seconds_left_and_resume_counts_on(db, activity) -> None:  # noqa: ANN001
    timer.start(db, activity, 300, now=T0)
    paused = timer.pause(db, activity, now=later(100.5))
    assert paused == timer.Timer("paused", None, 200, False)  # as the clock showed it
    assert timer.timer_of(activity, later(1000)).seconds_left == 200  # stands still
    resumed = timer.resume(db, activity, now=later(1000))
    assert resumed.status == "running" and resumed.ends_at == later(1200)


def test_a_minute_more_running_paused_and_after_it_ran_out(db, activity) -> None:  # noqa: ANN001
    timer.start(db, activity, 120, now=T0)
    assert timer.add_minute(db, activity, now=later(10)).ends_at == later(180)
    timer.pause(db, activity, now=later(20))
    assert timer.add_minute(db, activity, now=later(30)).seconds_left == 220
    timer.resume(db, activity, now=later(40))
    # run out (and not closing): a minute from now, not from the past end
    assert timer.add_minute(db, activity, now=later(900)).ends_at == later(960)


def test_stop_ends_the_countdown_and_the_activity_stays_open(db, activity) -> None:  # noqa: ANN001
    timer.start(db, activity, 60, closes_at_zero=True, now=T0)
    timer.stop(db, activity, now=later(5))
    assert timer.timer_of(activity, later(5)) is None
    assert activity.state == "open" and activity.timer_closes_at_zero is False
    assert timer.close_due(db, now=later(120)) == []


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [("5", 300), ("1,5", 90), ("0.1", 6), (" 180 ", 10800), (2, 120), (0.5, 30)],
)
def test_minutes_as_people_type_them(typed: object, seconds: int) -> None:
    assert timer.minutes_to_seconds(typed) == seconds


@pytest.mark.parametrize(
    "typed", ["", "-5", "0", "0,05", "181", "99999", "fem", "5 min", "1e3", True, None, [5]]
)
def test_bad_minutes_are_refused_in_words(typed: object) -> None:
    with pytest.raises(ValidationError, match="Skriv antal minutter som et tal fra 0,1 til 180"):
        timer.minutes_to_seconds(typed)


def test_refusals_say_what_is_wrong(db, live_session, activity) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError, match="Der kører ingen nedtælling"):
        timer.pause(db, activity, now=T0)
    with pytest.raises(ValidationError, match="Der kører ingen nedtælling"):
        timer.stop(db, activity, now=T0)
    timer.start(db, activity, 60, now=T0)
    with pytest.raises(ValidationError, match="ikke sat på pause"):
        timer.resume(db, activity, now=T0)
    timer.pause(db, activity, now=later(1))
    with pytest.raises(ValidationError, match="allerede sat på pause"):
        timer.pause(db, activity, now=later(2))
    timer.resume(db, activity, now=later(2))
    with pytest.raises(ValidationError, match="Tiden er allerede gået"):
        timer.pause(db, activity, now=later(600))
    timer.start(db, activity, timer.MAX_SECONDS, now=T0)
    with pytest.raises(ValidationError, match="højst vare 180 minutter"):
        timer.add_minute(db, activity, now=T0)
    with pytest.raises(ValidationError, match="Skriv antal minutter"):
        timer.start(db, activity, -60, now=T0)
    pending = live_session.activities[1]
    with pytest.raises(ValidationError, match="Åbn ».*«, før du starter"):
        timer.start(db, pending, 60, now=T0)
    close_activity(db, activity)
    with pytest.raises(ValidationError, match="er lukket. Åbn aktiviteten igen"):
        timer.add_minute(db, activity, now=T0)


def test_no_countdown_outside_a_live_session(db, live_session, activity) -> None:  # noqa: ANN001
    set_state(db, live_session, "draft")
    with pytest.raises(ValidationError, match="Start sessionen"):
        timer.start(db, activity, 60, now=T0)


def test_closing_the_activity_ends_its_countdown(db, live_session, activity) -> None:  # noqa: ANN001
    timer.start(db, activity, 60, closes_at_zero=True, now=T0)
    open_activity(db, live_session.activities[1])  # another opens: this one closes
    assert activity.state == "closed" and activity.timer_ends_at is None
    open_activity(db, activity)  # opened again: no old countdown comes back
    assert timer.timer_of(activity, T0) is None
    timer.start(db, activity, 60, now=T0)
    set_state(db, live_session, "closed")
    assert activity.timer_ends_at is None and activity.timer_paused_left is None


def test_close_at_zero_closes_the_activity_once_and_signals_it(db, activity) -> None:  # noqa: ANN001
    heard: list[tuple[int, str]] = []

    def listen(sender: object, **kw: object) -> None:
        heard.append((kw["activity_id"], kw["change"]))

    signals.activity_changed.connect(listen)
    try:
        timer.start(db, activity, 60, closes_at_zero=True, now=T0)
        assert timer.close_due(db, now=later(59.9)) == []
        assert activity.state == "open"
        assert timer.close_due(db, now=later(60)) == [activity.id]
        assert timer.close_due(db, now=later(61)) == []  # a second worker finds nothing
    finally:
        signals.activity_changed.disconnect(listen)
    db.refresh(activity)
    assert activity.state == "closed" and activity.timer_ends_at is None
    assert heard == [(activity.id, "timer"), (activity.id, "closed")]


def test_a_countdown_without_close_at_zero_runs_out_and_stays(db, activity) -> None:  # noqa: ANN001
    timer.start(db, activity, 60, now=T0)
    timer.set_closes_at_zero(db, activity, True, now=later(1))
    timer.set_closes_at_zero(db, activity, False, now=later(2))
    assert timer.close_due(db, now=later(120)) == []
    assert activity.state == "open" and timer.timer_of(activity, later(120)).status == "expired"


def test_a_paused_countdown_never_closes(db, activity) -> None:  # noqa: ANN001
    timer.start(db, activity, 60, closes_at_zero=True, now=T0)
    timer.pause(db, activity, now=later(30))
    assert timer.close_due(db, now=later(3600)) == []


def test_the_countdown_survives_a_restart(app, db, activity) -> None:  # noqa: ANN001
    """The end time is state: a fresh process (a new database session, nothing in memory)
    reads the same countdown, and one that ran out while it was down closes at once."""
    from facilitator.extensions import db as flask_db

    running = timer.start(db, activity, 300, closes_at_zero=True, now=T0)
    activity_id = activity.id
    flask_db.session.remove()  # the process ends: nothing survives but the database
    fresh = flask_db.session.get(Activity, activity_id)
    assert timer.timer_of(fresh, later(120)) == timer.Timer("running", running.ends_at, 180, True)
    # The server was down past the end: the start-up check closes it.
    assert timer.close_due(flask_db.session, now=later(900)) == [activity_id]
    flask_db.session.remove()
    assert flask_db.session.get(Activity, activity_id).state == "closed"
