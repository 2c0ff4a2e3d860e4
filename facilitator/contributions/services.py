"""Participants joining and submitting. Saved before acknowledged; idempotent by client id."""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from facilitator import signals
from facilitator.activities.models import Activity
from facilitator.contributions.models import (
    STAKEHOLDER_GROUPS,
    Contribution,
    Endorsement,
    Participant,
)
from facilitator.errors import ActivityClosed, NotFound, ValidationError
from facilitator.sessions.models import WorkshopSession
from facilitator.sessions.services import passcode_matches

DEFAULT_MAX_CHARS = 280
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# C0/C1 controls except tab and newline (invisible; PostgreSQL refuses NUL outright) and the
# bidi embeddings, overrides and isolates that flip how the rest of a line reads.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                           r"\u2066-\u2069]")
SURROGATES = re.compile(r"[\ud800-\udfff]")  # half a UTF-16 pair: cannot be stored or encoded
INVALID_CHARS = "Teksten indeholder ugyldige tegn. Skriv den igen, og send den på ny."


def new_participant_token() -> str:
    """256 random bits for the phone's cookie."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Profile:
    name: str = ""
    group: str | None = None
    organisation: str = ""
    table_number: str = ""

    def cleaned(self) -> Profile:
        group = self.group or None
        if group is not None and group not in STAKEHOLDER_GROUPS:
            raise ValidationError("Vælg en af de viste grupper.")
        fields = {"navn": (self.name, 120), "organisation": (self.organisation, 120),
                  "bordnummer": (self.table_number, 10)}
        for label, (value, limit) in fields.items():
            if len(value.strip()) > limit:
                raise ValidationError(f"Feltet {label} må højst være {limit} tegn.")
        return Profile(clean_text(self.name), group, clean_text(self.organisation),
                       clean_text(self.table_number))


def clean_text(text: str) -> str:
    """NFC, without control characters, trimmed; "" when nothing visible is left (a text of
    zero-width spaces or soft hyphens only). Lone surrogates are refused."""
    if SURROGATES.search(text):
        raise ValidationError(INVALID_CHARS)
    text = CONTROL_CHARS.sub("", unicodedata.normalize("NFC", text)).strip()
    return text if any(_visible(ch) for ch in text) else ""


def _visible(ch: str) -> bool:
    # Cf: zero-width spaces/joiners, word joiner, BOM, soft hyphen; C*: controls, unassigned.
    return not ch.isspace() and not unicodedata.category(ch).startswith("C")


def participant_for_token(db: Session, session: WorkshopSession,
                          token: str | None) -> Participant | None:
    if not token:
        return None
    return db.scalar(select(Participant).where(Participant.session_id == session.id,
                                               Participant.token_hash == hash_token(token)))


def join(db: Session, session: WorkshopSession, token: str, profile: Profile,
         passcode: str | None = None) -> Participant:
    """Create the phone's participant, or update the profile if it has joined before. A new
    participant needs the session's passcode when it has one; a returning one is not asked."""
    profile = profile.cleaned()
    participant = participant_for_token(db, session, token)
    created = participant is None
    if created and not passcode_matches(session, passcode):
        raise ValidationError("Skriv adgangskoden fra storskærmen." if not passcode else
                              "Adgangskoden passer ikke. Tjek storskærmen, eller spørg "
                              "facilitatoren.")
    if participant is None:
        participant = Participant(session_id=session.id, token_hash=hash_token(token))
        db.add(participant)
    participant.name = profile.name
    participant.group = profile.group
    participant.organisation = profile.organisation
    participant.table_number = profile.table_number
    try:
        db.commit()
    except IntegrityError:  # the same phone joined twice at once: keep the first row
        db.rollback()
        participant = participant_for_token(db, session, token)
        assert participant is not None
    if created:
        signals.participant_joined.send(participant, session_id=session.id)
    return participant


@dataclass(frozen=True)
class Submission:
    """What a phone sends, before validation. Exactly one shape per activity kind."""

    client_id: str
    text: str = ""
    side: int | None = None
    choices: Sequence[int] = ()
    activity_id: int | None = None  # where it is going; see contributions/submission.py


def _validate_text(text: str, *, required: bool, max_chars: int) -> str:
    text = clean_text(text)
    if required and not text:
        raise ValidationError("Skriv noget, før du sender.")
    if len(text) > max_chars:
        raise ValidationError(f"Dit bidrag er på {len(text)} tegn. "
                              f"Der er plads til højst {max_chars}.")
    return text


def _validate(activity: Activity, submission: Submission, max_chars: int) -> Contribution:
    row = Contribution(activity_id=activity.id, client_id=submission.client_id)
    if activity.takes_text:
        row.text = _validate_text(submission.text, required=True, max_chars=max_chars)
    elif activity.kind == "dilemma":
        if submission.side is None or not 0 <= submission.side < len(activity.sides):
            raise ValidationError("Vælg en af siderne i dilemmaet.")
        row.side = submission.side
        if activity.reason_required and not clean_text(submission.text):
            raise ValidationError("Skriv en kort begrundelse for dit valg.")
        row.text = _validate_text(submission.text, required=False, max_chars=max_chars)
    elif activity.kind == "topic_vote":
        choices = sorted(set(submission.choices))
        if not choices:
            raise ValidationError("Vælg mindst ét emne.")
        if len(choices) > activity.max_choices:
            raise ValidationError(f"Du kan højst vælge {activity.max_choices} emner.")
        if any(not 0 <= c < len(activity.topics) for c in choices):
            raise ValidationError("Vælg blandt de viste emner.")
        row.choices = choices
    return row


def _existing(db: Session, participant: Participant, client_id: str) -> Contribution | None:
    return db.scalar(select(Contribution).where(Contribution.participant_id == participant.id,
                                                Contribution.client_id == client_id))


def find_activity(db: Session, participant: Participant, activity_id: int | None) -> Activity:
    """The activity a phone names, if it belongs to the phone's session."""
    activity = db.get(Activity, activity_id) if activity_id else None
    if activity is None or activity.session_id != participant.session_id:
        raise NotFound("Aktiviteten findes ikke længere.")
    return activity


def submit(db: Session, participant: Participant, activity: Activity, submission: Submission,
           *, max_chars: int = DEFAULT_MAX_CHARS) -> tuple[Contribution, bool]:
    """Save a contribution. Returns (row, created); a retry returns the original row.

    The unique (participant, client_id) constraint is what makes retries safe; the look-up
    first only spares the common duplicate an exception.
    """
    if activity.session_id != participant.session_id:
        raise NotFound("Aktiviteten hører ikke til din session.")
    if not CLIENT_ID.fullmatch(submission.client_id or ""):  # checked before it is queried
        raise ValidationError("Bidraget mangler et gyldigt id. Genindlæs siden og prøv igen.")
    original = _existing(db, participant, submission.client_id)
    if original is not None:
        return original, False
    if activity.session.state != "live" or activity.state != "open":
        raise ActivityClosed("Aktiviteten er lukket for nye bidrag. Det, du allerede har "
                             "sendt, er gemt.")
    row = _validate(activity, submission, max_chars)
    row.participant_id = participant.id
    replaces_earlier = activity.kind in ("dilemma", "topic_vote")
    try:
        if replaces_earlier:  # the last choice counts
            db.execute(update(Contribution)
                       .where(Contribution.activity_id == activity.id,
                              Contribution.participant_id == participant.id,
                              Contribution.superseded.is_(False))
                       .values(superseded=True))
        db.add(row)
        db.commit()
    except IntegrityError:
        db.rollback()
        original = _existing(db, participant, submission.client_id)
        if original is None:
            raise
        return original, False
    signals.contribution_added.send(row, session_id=activity.session_id,
                                    activity_id=activity.id)
    return row, True


def set_hidden(db: Session, contribution: Contribution, hidden: bool) -> Contribution:
    """Moderation: hidden contributions vanish from the projector and the export."""
    contribution.hidden = hidden
    db.commit()
    signals.contribution_changed.send(contribution, session_id=contribution.activity.session_id,
                                      activity_id=contribution.activity_id)
    return contribution


def set_highlighted(db: Session, contribution: Contribution, highlighted: bool) -> Contribution:
    """"Fremhævet": the output document's body lists only the highlighted contributions of an
    activity that has any (the annex and the spreadsheet keep them all)."""
    contribution.highlighted = highlighted
    db.commit()
    signals.contribution_changed.send(contribution, session_id=contribution.activity.session_id,
                                      activity_id=contribution.activity_id)
    return contribution


def endorse(db: Session, participant: Participant, contribution: Contribution) -> bool:
    """Agree ("enig") with a contribution; a second endorsement is a no-op. True if new."""
    if contribution.activity.session_id != participant.session_id:
        raise NotFound("Bidraget findes ikke.")
    db.add(Endorsement(contribution_id=contribution.id, participant_id=participant.id))
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        return False
    signals.contribution_changed.send(contribution, session_id=participant.session_id,
                                      activity_id=contribution.activity_id)
    return True


def withdraw(db: Session, participant: Participant, contribution_id: int) -> bool:
    """The author takes their contribution back while the activity is open: the row is deleted
    (for a dilemma or topic vote: their choice, earlier replaced ones included). True if
    something was deleted; withdrawing again is a no-op."""
    row = db.get(Contribution, contribution_id)
    if row is None:
        return False
    if row.participant_id != participant.id:
        raise NotFound("Bidraget findes ikke.")
    activity = row.activity
    if activity.session.state != "live" or activity.state != "open":
        raise ActivityClosed("Aktiviteten er lukket, så bidraget kan ikke trækkes tilbage.")
    if activity.kind in ("dilemma", "topic_vote"):
        db.execute(delete(Contribution).where(Contribution.activity_id == activity.id,
                                              Contribution.participant_id == participant.id))
    else:
        db.delete(row)
    db.commit()
    signals.contribution_withdrawn.send(row, session_id=activity.session_id,
                                        activity_id=activity.id)
    return True
