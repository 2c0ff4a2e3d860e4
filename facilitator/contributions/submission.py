"""The one parser for what a phone sends, from the socket (JSON) or the form (JavaScript off).

Types are checked strictly before anything reaches the database: a bool is not a number, an id
fits PostgreSQL's integer. Text is cleaned once, by the domain (Submission, edit), with
core.text.clean_text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from facilitator.contributions.validation import Submission
from facilitator.core.errors import NotFound, ValidationError
from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.wordcloud.words import MAX_FIELDS

MAX_ID = 2**31 - 1  # PostgreSQL's integer; a larger id cannot exist and must not reach a query
MAX_CHOICES = 100  # far more topics than any vote has; bounds the work on a hostile list
INVALID = N_("Ugyldigt bidrag. Genindlæs siden og prøv igen.")  # translated where raised


def _integer(value: Any, *, from_form: bool) -> int:
    """An int (never a bool); from an HTML form, a string of digits."""
    if from_form and isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(_(INVALID))
    return value


def record_id(value: Any, *, from_form: bool = False) -> int:
    """An activity's or contribution's id; out of range is simply not there."""
    number = _integer(value, from_form=from_form)
    if not 0 < number <= MAX_ID:
        raise NotFound(_("Det findes ikke længere. Genindlæs siden."))
    return number


def _side(value: Any, *, from_form: bool) -> int | None:
    if value is None or (from_form and value == ""):
        return None
    side = _integer(value, from_form=from_form)
    if not 0 <= side <= MAX_ID:
        raise ValidationError(_("Vælg en af siderne i dilemmaet."))
    return side


def _choices(value: Any, *, from_form: bool) -> list[int]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or len(value) > MAX_CHOICES:
        raise ValidationError(_(INVALID))
    choices = [_integer(item, from_form=from_form) for item in value]
    if any(not 0 <= c <= MAX_ID for c in choices):
        raise ValidationError(_("Vælg blandt de viste emner."))
    return choices


def _words(value: Any) -> list[str]:
    """A check-in's fields: a list of strings (JSON, or a form's repeated field), or one
    string; split into words by the domain (wordcloud.words.split_words)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list | tuple) or len(value) > MAX_FIELDS:
        raise ValidationError(_(INVALID))
    return [read_string(item) for item in value]


def read_string(value: Any) -> str:
    """A text field: a string, or "" when absent; anything else is refused."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(_(INVALID))
    return value


def parse_submission(data: Any, *, from_form: bool = False) -> Submission:
    """A Submission from a socket payload or the form's values, or a Danish ValidationError
    (NotFound for an id that cannot exist). `from_form`: HTML sends every value as a string,
    so digit strings count as integers; JSON must send real integers."""
    if not isinstance(data, Mapping):
        raise ValidationError(_(INVALID))
    return Submission(
        client_id=read_string(data.get("client_id")),
        text=read_string(data.get("text")),  # cleaned by Submission itself
        side=_side(data.get("side"), from_form=from_form),
        choices=_choices(data.get("choices"), from_form=from_form),
        activity_id=record_id(data.get("activity_id"), from_form=from_form),
        words=_words(data.get("words")),
    )


def _contribution_id(data: Any, *, from_form: bool) -> int:
    if not isinstance(data, Mapping):
        raise ValidationError(_(INVALID))
    # "id" like contribution:withdraw; "contribution_id" is what the no-JS forms post
    return record_id(data.get("id", data.get("contribution_id")), from_form=from_form)


def parse_contribution_id(data: Any) -> int:
    """The contribution a socket event names ({"id": …}): withdraw, restore."""
    return _contribution_id(data, from_form=False)


def parse_edit(data: Any, *, from_form: bool = False) -> tuple[int, str]:
    """(contribution id, text) for "Ret": contributions.services.edit cleans the text and applies
    the same rules as to a new submission."""
    return _contribution_id(data, from_form=from_form), read_string(data.get("text"))


def parse_endorsement(data: Any, *, from_form: bool = False) -> tuple[int, bool]:
    """(contribution id, agree) for "Enig": `agree` is a JSON bool, or "1"/"0" from a form;
    absent means agree."""
    return _contribution_id(data, from_form=from_form), parse_flag(data, "agree", from_form)


def parse_flag(data: Mapping[str, Any], name: str, from_form: bool) -> bool:
    """A yes/no field: a JSON bool, or "1"/"0" from a form; absent means yes ("Enig", "+1")."""
    value = data.get(name, True)
    if from_form and value in ("1", "0"):
        value = value == "1"
    if not isinstance(value, bool):
        raise ValidationError(_(INVALID))
    return value
