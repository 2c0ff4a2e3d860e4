"""What a phone may send, checked before anything is saved: the Submission (its text cleaned
once, on construction), who sends it (Author), and the activity's rules for it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from facilitator.activities.models import Activity
from facilitator.contributions.models import Contribution
from facilitator.contributions.screening import screen
from facilitator.contributions.wordfilter import WordFilter
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.core.text import check_length, clean_text
from facilitator.wordcloud.words import join_words, split_words

DEFAULT_MAX_CHARS = 280
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
TOO_LONG = N_("Dit bidrag er på %(length)s tegn. Der er plads til højst %(max)s.")


@dataclass(frozen=True)
class Submission:
    """What a phone sends, before validation. Exactly one shape per activity kind. Its text is
    cleaned once, here (core.text.clean_text), whoever builds it: the parser, the demo, a test."""

    client_id: str
    text: str = ""
    side: int | None = None
    choices: Sequence[int] = ()
    activity_id: int | None = None  # where it is going; see contributions/submission.py
    words: Sequence[str] = ()  # a check-in's words as typed (a field each); split by validate

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", clean_text(self.text))


def validate_text(text: str, *, required: bool, max_chars: int) -> str:
    """A cleaned text against the activity's rules: present if required, within max_chars."""
    if required and not text:
        raise ValidationError(_("Skriv noget, før du sender."))
    return check_length(text, max_chars, TOO_LONG, max=max_chars)


def validate_reason(activity: Activity, text: str, max_chars: int) -> str:
    """A dilemma's (cleaned) reason: optional unless the facilitator asks for one."""
    if activity.reason_required and not text:
        raise ValidationError(_("Skriv en kort begrundelse for dit valg."))
    return validate_text(text, required=False, max_chars=max_chars)


def validate(activity: Activity, submission: Submission, max_chars: int) -> Contribution:
    row = Contribution(activity_id=activity.id, client_id=submission.client_id)
    if activity.takes_text:
        row.text = validate_text(submission.text, required=True, max_chars=max_chars)
    elif activity.kind == "dilemma":
        if submission.side is None or not 0 <= submission.side < len(activity.sides):
            raise ValidationError(_("Vælg en af siderne i dilemmaet."))
        row.side = submission.side
        row.text = validate_reason(activity, submission.text, max_chars)
    elif activity.kind == "topic_vote":
        choices = sorted(set(submission.choices))
        if not choices:
            raise ValidationError(_("Vælg mindst ét emne."))
        if len(choices) > activity.max_choices:
            raise ValidationError(_("Du kan højst vælge %(max)s emner.", max=activity.max_choices))
        if any(not 0 <= c < len(activity.topics) for c in choices):
            raise ValidationError(_("Vælg blandt de viste emner."))
        row.choices = choices
    elif activity.kind == "wordcloud":  # the words' own fields, or a text of them
        row.text = join_words(split_words(submission.words or [submission.text]))
    return row


class Author(Protocol):
    """Who sends: a participant row, or a socket's note of one (no query per submission)."""

    @property
    def id(self) -> int: ...

    @property
    def session_id(self) -> int: ...


@dataclass(frozen=True)
class ParticipantRef:
    """A participant as a live socket knows them since its handshake."""

    id: int
    session_id: int


def check_client_id(submission: Submission) -> None:
    """The activity's session was checked where it was found (of_session), once."""
    if not CLIENT_ID.fullmatch(submission.client_id or ""):  # checked before it is queried
        raise ValidationError(_("Bidraget mangler et gyldigt id. Genindlæs siden og prøv igen."))


def prepared(
    activity: Activity,
    participant: Author,
    submission: Submission,
    max_chars: int,
    words: WordFilter,
) -> Contribution:
    """The new row for a submission to an open activity: checked, validated and screened
    (held for approval when it must be: screening.py), not saved."""
    check_client_id(submission)
    row = validate(activity, submission, max_chars)
    row.participant_id = participant.id
    screen(row, activity, words)
    return row
