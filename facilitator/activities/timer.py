"""The activity timer (issue 25): a countdown the facilitator starts, pauses, extends and stops.

The end time is state, kept on the activity (naive UTC, as core.db.utcnow), never a client's
counter: after a server restart or a phone's reconnect everyone counts down to the same moment.
While paused only the seconds left are kept. A timer may close its activity at 0: background
work calls `close_due` (facilitator/live/timers.py), at start-up too, so a countdown that ran
out while the server was down still closes its activity.

No Flask here. Every function takes `now` (default: the clock, core.db.utcnow), so tests
freeze time. Each change commits and then signals `activity_changed` (change "timer"), which
the bridge pushes to the projector, the phones and the consoles in the activity payload.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import select, update

from facilitator.activities.models import Activity
from facilitator.core import signals
from facilitator.core.db import DbSession, rowcount, utcnow
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _

MIN_SECONDS = 6  # "0,1" minutes: a short pause for thought is a countdown too
MAX_MINUTES = 180  # a workshop's longest group work; more is a typo (500 for 5,00)
MAX_SECONDS = MAX_MINUTES * 60
MINUTE = 60
# Whole minutes or one or two decimals, with a comma (Danish) or a point: "5", "1,5", "0.25".
_MINUTES = re.compile(r"\d{1,4}(?:[.,]\d{1,2})?")

TimerStatus = Literal["running", "paused", "expired"]


@dataclass(frozen=True)
class Timer:
    """An activity's countdown as seen at one moment."""

    status: TimerStatus
    ends_at: datetime | None  # while running (or run out); None while paused
    seconds_left: int  # at that moment, rounded up as a clock shows it (0:00.4 reads 00:01)
    closes_at_zero: bool


def timer_of(activity: Activity, now: datetime | None = None) -> Timer | None:
    """The activity's countdown at `now`; None when none runs or it is not open."""
    if activity.state != "open":
        return None
    if activity.timer_paused_left is not None:
        return Timer("paused", None, activity.timer_paused_left, activity.timer_closes_at_zero)
    if activity.timer_ends_at is None:
        return None
    left = _seconds_until(activity.timer_ends_at, now or utcnow())
    status: TimerStatus = "running" if left > 0 else "expired"
    return Timer(status, activity.timer_ends_at, left, activity.timer_closes_at_zero)


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(0, math.ceil((moment - now).total_seconds()))


def minutes_to_seconds(value: object) -> int:
    """The minutes a facilitator typed ("5", "1,5") or a script sent (5, 1.5), in seconds;
    anything else (negative, huge, not a number) answers in words."""
    problem = _minutes_problem()
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise problem
    text = value.strip() if isinstance(value, str) else repr(value)
    if not _MINUTES.fullmatch(text):
        raise problem
    seconds = round(float(text.replace(",", ".")) * MINUTE)
    if not MIN_SECONDS <= seconds <= MAX_SECONDS:
        raise problem
    return seconds


def _minutes_problem() -> ValidationError:
    return ValidationError(
        _(
            "Skriv antal minutter som et tal fra 0,1 til %(max)s, fx 5 eller 1,5.",
            max=MAX_MINUTES,
        )
    )


def _open_for_timer(activity: Activity) -> None:
    """A countdown runs only in the open activity of a live session."""
    if activity.session.state != "live":
        raise ValidationError(_("Start sessionen, før du bruger nedtællingen."))
    if activity.state == "closed":
        raise ValidationError(
            _(
                "»%(title)s« er lukket. Åbn aktiviteten igen for at bruge nedtællingen.",
                title=activity.title,
            )
        )
    if activity.state != "open":
        raise ValidationError(
            _("Åbn »%(title)s«, før du starter en nedtælling.", title=activity.title)
        )


def _running(activity: Activity, now: datetime) -> Timer:
    """The activity's countdown, which must exist (a stale page may ask for one that doesn't)."""
    _open_for_timer(activity)
    timer = timer_of(activity, now)
    if timer is None:
        raise ValidationError(_("Der kører ingen nedtælling. Start en først."))
    return timer


def _saved(db: DbSession, activity: Activity, now: datetime) -> Timer | None:
    db.commit()
    signals.activity_changed.send(
        activity, session_id=activity.session_id, activity_id=activity.id, change="timer"
    )
    return timer_of(activity, now)


def start(
    db: DbSession,
    activity: Activity,
    seconds: int,
    *,
    closes_at_zero: bool = False,
    now: datetime | None = None,
) -> Timer | None:
    """Count down `seconds` from `now` (a running countdown starts over)."""
    now = now or utcnow()
    _open_for_timer(activity)
    if not MIN_SECONDS <= seconds <= MAX_SECONDS:
        raise _minutes_problem()
    activity.timer_ends_at = now + timedelta(seconds=seconds)
    activity.timer_paused_left = None
    activity.timer_closes_at_zero = bool(closes_at_zero)
    return _saved(db, activity, now)


def pause(db: DbSession, activity: Activity, *, now: datetime | None = None) -> Timer | None:
    """Keep the seconds left; the countdown stands still until `resume`."""
    now = now or utcnow()
    timer = _running(activity, now)
    if timer.status == "paused":
        raise ValidationError(_("Nedtællingen er allerede sat på pause."))
    if timer.status == "expired":
        raise ValidationError(_("Tiden er allerede gået. Læg et minut til, eller stop den."))
    activity.timer_paused_left = timer.seconds_left
    activity.timer_ends_at = None
    return _saved(db, activity, now)


def resume(db: DbSession, activity: Activity, *, now: datetime | None = None) -> Timer | None:
    """Count down again from where it was paused."""
    now = now or utcnow()
    timer = _running(activity, now)
    if timer.status != "paused":
        raise ValidationError(_("Nedtællingen er ikke sat på pause."))
    activity.timer_ends_at = now + timedelta(seconds=timer.seconds_left)
    activity.timer_paused_left = None
    return _saved(db, activity, now)


def add_minute(db: DbSession, activity: Activity, *, now: datetime | None = None) -> Timer | None:
    """One minute more: to the time left, paused or running; a countdown that has run out
    (and does not close its activity) gets a minute from now."""
    now = now or utcnow()
    timer = _running(activity, now)
    if timer.seconds_left + MINUTE > MAX_SECONDS:
        raise ValidationError(_("En nedtælling kan højst vare %(max)s minutter.", max=MAX_MINUTES))
    if timer.status == "paused":
        activity.timer_paused_left = timer.seconds_left + MINUTE
    else:
        activity.timer_ends_at = max(activity.timer_ends_at or now, now) + timedelta(seconds=MINUTE)
    return _saved(db, activity, now)


def stop(db: DbSession, activity: Activity, *, now: datetime | None = None) -> None:
    """No countdown any more (the activity stays open)."""
    now = now or utcnow()
    _running(activity, now)
    activity.timer_ends_at = None
    activity.timer_paused_left = None
    activity.timer_closes_at_zero = False
    _saved(db, activity, now)


def set_closes_at_zero(
    db: DbSession, activity: Activity, closes: bool, *, now: datetime | None = None
) -> Timer | None:
    """Whether the activity closes by itself when the countdown reaches 0."""
    now = now or utcnow()
    _running(activity, now)
    activity.timer_closes_at_zero = bool(closes)
    return _saved(db, activity, now)


def close_due(db: DbSession, now: datetime | None = None) -> list[int]:
    """Close every open activity whose countdown has reached 0 and says so; the ids closed.

    Safe to run in several server processes at once: each activity is closed by one
    conditional UPDATE, and only the process whose UPDATE changed the row signals it."""
    now = now or utcnow()
    due = db.scalars(
        select(Activity).where(
            Activity.state == "open",
            Activity.timer_closes_at_zero.is_(True),
            Activity.timer_ends_at <= now,
        )
    ).all()
    closed: list[Activity] = []
    for activity in due:
        changed = db.execute(
            update(Activity)
            .where(
                Activity.id == activity.id,
                Activity.state == "open",
                Activity.timer_closes_at_zero.is_(True),
                Activity.timer_ends_at <= now,
            )
            .values(
                state="closed",
                timer_ends_at=None,
                timer_paused_left=None,
                timer_closes_at_zero=False,
            )
            .execution_options(synchronize_session=False)
        )
        if rowcount(changed):
            closed.append(activity)
    db.commit()
    for activity in closed:
        db.expire(activity)  # read again: closed, without a timer (the UPDATE bypassed it)
        signals.activity_changed.send(
            activity, session_id=activity.session_id, activity_id=activity.id, change="closed"
        )
    return [activity.id for activity in closed]
