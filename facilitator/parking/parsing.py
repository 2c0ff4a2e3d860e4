"""The one parser for what a phone sends to the board, from the socket (JSON) or the form
(JavaScript off): the same strict types and cleaning as a contribution
(contributions/submission.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from facilitator.contributions.submission import INVALID, parse_flag, read_string, record_id
from facilitator.contributions.validation import Submission
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _


def _mapping(data: Any) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise ValidationError(_(INVALID))
    return data


def parse_item(data: Any) -> Submission:
    """A new item: {"client_id", "text"}. The text is cleaned by Submission (core.text)."""
    data = _mapping(data)
    return Submission(
        client_id=read_string(data.get("client_id")), text=read_string(data.get("text"))
    )


def parse_item_id(data: Any, *, from_form: bool = False) -> int:
    """The item an event or form names: {"id"} over the socket, "item_id" from a form."""
    data = _mapping(data)
    return record_id(data.get("id", data.get("item_id")), from_form=from_form)


def parse_vote(data: Any, *, from_form: bool = False) -> tuple[int, bool]:
    """(item id, vote): "+1" (true) or taking it back (false); absent means vote. Sending the
    wanted state, not a toggle, makes a retry harmless."""
    return parse_item_id(data, from_form=from_form), parse_flag(_mapping(data), "vote", from_form)
