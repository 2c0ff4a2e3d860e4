"""The one parser for what a phone sends, from the socket (JSON) or the form (JavaScript off).

Types are checked strictly before anything reaches the database: a bool is not a number, an id
fits PostgreSQL's integer, text is normalised (contributions.services.clean_text).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from facilitator.contributions.services import Submission, clean_text
from facilitator.errors import NotFound, ValidationError

MAX_ID = 2**31 - 1  # PostgreSQL's integer; a larger id cannot exist and must not reach a query
MAX_CHOICES = 100  # far more topics than any vote has; bounds the work on a hostile list
INVALID = "Ugyldigt bidrag. Genindlæs siden og prøv igen."


def _integer(value: Any, *, from_form: bool) -> int:
    """An int (never a bool); from an HTML form, a string of digits."""
    if from_form and isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(INVALID)
    return value


def record_id(value: Any, *, from_form: bool = False) -> int:
    """An activity's or contribution's id; out of range is simply not there."""
    number = _integer(value, from_form=from_form)
    if not 0 < number <= MAX_ID:
        raise NotFound("Det findes ikke længere. Genindlæs siden.")
    return number


def _side(value: Any, *, from_form: bool) -> int | None:
    if value is None or (from_form and value == ""):
        return None
    side = _integer(value, from_form=from_form)
    if not 0 <= side <= MAX_ID:
        raise ValidationError("Vælg en af siderne i dilemmaet.")
    return side


def _choices(value: Any, *, from_form: bool) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or len(value) > MAX_CHOICES:
        raise ValidationError(INVALID)
    choices = [_integer(item, from_form=from_form) for item in value]
    if any(not 0 <= c <= MAX_ID for c in choices):
        raise ValidationError("Vælg blandt de viste emner.")
    return choices


def _string(value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(INVALID)
    return value


def parse_submission(data: Any, *, from_form: bool = False) -> Submission:
    """A Submission from a socket payload or the form's values, or a Danish ValidationError
    (NotFound for an id that cannot exist). `from_form`: HTML sends every value as a string,
    so digit strings count as integers; JSON must send real integers."""
    if not isinstance(data, Mapping):
        raise ValidationError(INVALID)
    return Submission(client_id=_string(data.get("client_id")),
                      text=clean_text(_string(data.get("text"))),
                      side=_side(data.get("side"), from_form=from_form),
                      choices=_choices(data.get("choices"), from_form=from_form),
                      activity_id=record_id(data.get("activity_id"), from_form=from_form))
