"""Dates, times, shares and counts in the reader's language, for pages and documents alike.

Babel (CLDR) spells the months and weekdays; no hand-written lists. The `da_*` names are
historical: every function formats in the current language (facilitator.core.i18n), Danish by
default. English is British (a Danish committee's English readers are European): "3 February
2020", "14:05".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from babel.dates import format_date, format_time
from babel.numbers import get_decimal_symbol

from facilitator.core.clock import DANISH_TIME
from facilitator.core.i18n import current_locale, ngettext
from facilitator.core.i18n import gettext as _

_BABEL_LOCALES = {"da": "da", "en": "en_GB"}
# Date and time patterns per language: Danish writes "3. februar 2020" and the time with a dot
# (Retskrivningsordbogen), British English "3 February 2020" and "14:05".
_PATTERNS = {
    "da": {
        "date": "d. MMMM y",
        "long": "EEEE 'den' d. MMMM y",
        "time": "HH.mm",
        "hour": "H.mm",
        "percent": " %",
    },
    "en": {
        "date": "d MMMM y",
        "long": "EEEE d MMMM y",
        "time": "HH:mm",
        "hour": "H:mm",
        "percent": "%",
    },
}


def babel_locale() -> str:
    """The Babel locale of the document being written ("da" or "en_GB")."""
    return _BABEL_LOCALES.get(current_locale(), "da")


def _pattern(name: str) -> str:
    return _PATTERNS.get(current_locale(), _PATTERNS["da"])[name]


def local(dt: datetime) -> datetime:
    """Naive local (Copenhagen) time; naive input is assumed to be local already."""
    if dt.tzinfo is None:
        return dt
    return dt.astimezone(DANISH_TIME).replace(tzinfo=None)


def _day(value: date | datetime) -> date:
    return local(value).date() if isinstance(value, datetime) else value


def da_date(value: date | None) -> str:
    """3. februar 2020"""
    if value is None:
        return _("dato ikke fastsat")
    return format_date(_day(value), _pattern("date"), locale=babel_locale())


def da_month(value: date) -> str:
    """ "oktober 2022" (lower case: callers capitalise), for what is planned to a month."""
    return format_date(_day(value), "LLLL y", locale=babel_locale())


def da_planned(value: date, precision: str) -> str:
    """ "12. oktober 2022", or "oktober 2022" for what is planned only to a month."""
    return da_month(value) if precision == "month" else da_date(value)


def da_time(value: datetime | time) -> str:
    """14.05: Danish writes the time with a dot (Retskrivningsordbogen)."""
    moment = local(value) if isinstance(value, datetime) else value
    return format_time(moment, _pattern("time"), locale=babel_locale())


def da_hours(starts_at: time | None, ends_at: time | None) -> str:
    """ "kl. 9.00-12.00", "kl. 9.00" or "" – no leading zero, as the secretariat writes it."""
    if starts_at is None:
        return ""
    start = format_time(starts_at, _pattern("hour"), locale=babel_locale())
    if ends_at is None:
        return _("kl. %(start)s", start=start)
    end = format_time(ends_at, _pattern("hour"), locale=babel_locale())
    return _("kl. %(start)s-%(end)s", start=start, end=end)


def da_long_date(
    value: date | None, starts_at: time | None = None, ends_at: time | None = None
) -> str:
    """ "mandag den 3. februar 2020, kl. 9.00-12.00" (lower case: callers capitalise)."""
    if value is None:
        return ""
    day = format_date(_day(value), _pattern("long"), locale=babel_locale())
    hours = da_hours(starts_at, ends_at)
    return f"{day}, {hours}" if hours else day


def da_datetime(dt: datetime) -> str:
    """3. februar 2020 kl. 14.05"""
    return _("%(date)s kl. %(time)s", date=da_date(dt), time=da_time(dt))


def da_timestamp(dt: datetime, session_day: date | None) -> str:
    """Short time when the contribution is from the session day, else date and time."""
    if session_day is not None and local(dt).date() == session_day:
        return da_time(dt)
    return f"{format_date(local(dt).date(), 'short', locale=babel_locale())} {da_time(dt)}"


def da_percent(share: float) -> str:
    """0.333 -> "33,3 %" (Danish decimal comma and spaced percent sign; English "33.3%")."""
    number = f"{share * 100:.1f}".replace(".", get_decimal_symbol(babel_locale()))
    return number + _pattern("percent")


def participants(n: int) -> str:
    """ "1 deltager", "2 deltagere"."""
    return ngettext("%(num)s deltager", "%(num)s deltagere", n)


def da_list(items: Sequence[str]) -> str:
    """ "a, b og c" – Danish lists have no comma before "og" (nor has British English)."""
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s og %(last)s", items=", ".join(items[:-1]), last=items[-1])
