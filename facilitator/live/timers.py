"""Countdowns that close their activity at 0 (facilitator/activities/timer.py), as background
work of the served app: checked once at start-up, so a countdown that ran out while the server
was down still closes its activity, then every TIMER_INTERVAL by one loop (core/jobs.Periodic).
Closing signals `activity_changed` as "Luk" does, so the bridge tells every screen.

With several server processes each runs the loop; activities/timer.close_due closes each
activity once (a conditional UPDATE), so only one of them pushes the change."""

from __future__ import annotations

from flask import Flask

from facilitator.activities import timer
from facilitator.core import jobs
from facilitator.extensions import db
from facilitator.live import background

TIMER_INTERVAL = 1.0  # seconds: an activity closes at most this long after its 0


def close_due_timers() -> list[int]:
    """Close the activities whose countdown has run out (in an app context)."""
    return timer.close_due(db.session)


def timer_checks(app: Flask) -> jobs.Periodic:
    """The loop, not yet started: each round in an app context, one database writer at a time."""
    return jobs.Periodic(
        "closing activities at 0",
        close_due_timers,
        interval=TIMER_INTERVAL,
        runtime=background.socket_runtime(app),
        context=background.app_context(app),
        serial=jobs.db_writes,
    )


def start_timer_checks(app: Flask) -> jobs.Periodic:
    """Under `serve`: what ran out while the server was down closes now, then the loop runs."""
    checks = timer_checks(app)
    checks.run()
    checks.start()
    return checks
