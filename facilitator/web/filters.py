"""Jinja filters: dates, numbers and labels in the reader's language (Babel)."""

from __future__ import annotations

from datetime import UTC, datetime

from babel.numbers import format_percent
from flask import Flask
from flask_babel import format_datetime

from facilitator.core.i18n import current_locale, gettext
from facilitator.core.wording import da_date as danish_date  # one date format (Babel) for all
from facilitator.core.wording import da_time


def percent(share: float) -> str:
    """0.574 -> "57 %" in Danish, "57%" in English (Babel's pattern; a plain space, which the
    templates make non-breaking where it matters)."""
    whole = round(share * 100)  # rounded as before; Babel only writes it
    return format_percent(whole / 100, locale=current_locale()).replace("\xa0", " ")


def translated(label: str | None) -> str:
    """A label marked with N_ (or a stored fixed text) in the reader's language. Plain text,
    so Jinja still escapes it (templates' `_()` would mark it safe)."""
    return gettext(label) if label else ""


def datetime_seconds(value: datetime | None) -> str:
    """A stored UTC moment as local date and time with seconds (the audit log)."""
    return format_datetime(value, "medium") if value is not None else ""


def mmss(seconds: int | None) -> str:
    """A countdown's seconds as its clock shows them: 299 -> "04:59"."""
    whole = max(0, int(seconds or 0))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def clock_time(epoch_ms: int) -> str:
    """A payload's moment (milliseconds since the epoch) as Danish wall-clock time: "14.35"."""
    return da_time(datetime.fromtimestamp(epoch_ms / 1000, UTC))


from facilitator.tables.services import table_label  # noqa: E402


def register_filters(app: Flask) -> None:
    app.jinja_env.filters["danish_date"] = danish_date
    app.jinja_env.filters["percent"] = percent
    app.jinja_env.filters["translated"] = translated
    app.jinja_env.filters["datetime_seconds"] = datetime_seconds
    app.jinja_env.filters["mmss"] = mmss
    app.jinja_env.filters["clock_time"] = clock_time
    app.jinja_env.filters["table_label"] = table_label  # "Bord 3 (Sundhed)"
