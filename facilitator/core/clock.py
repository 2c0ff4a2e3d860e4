"""Danish wall-clock time. The database keeps naive UTC (facilitator.core.db.utcnow); people in
the room, the secretariat and the documents read Copenhagen time."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

DANISH_TIME = ZoneInfo("Europe/Copenhagen")


def danish_time(moment: datetime) -> datetime:
    """A stored moment (naive UTC) as naive Copenhagen time."""
    return moment.replace(tzinfo=UTC).astimezone(DANISH_TIME).replace(tzinfo=None)


def danish_now() -> datetime:
    return danish_time(datetime.now(UTC).replace(tzinfo=None))


def danish_today() -> date:
    return danish_now().date()


def stored_time(day: date, at: time) -> datetime:
    """A Danish wall-clock moment as the naive UTC the database keeps."""
    return datetime.combine(day, at, tzinfo=DANISH_TIME).astimezone(UTC).replace(tzinfo=None)
