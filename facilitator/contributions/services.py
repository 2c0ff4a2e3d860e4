"""What a phone does with its contributions: submit, agree ("Enig") and correct ("Ret").
Saved before acknowledged; idempotent by client id.

Joining is contributions.participants, the checks on what is sent contributions.validation,
withdraw and restore ("Fortryd") contributions.withdrawals, the facilitator's moderation
contributions.moderation."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from facilitator.activities.models import VOTE_KINDS, Activity
from facilitator.contributions.models import Contribution, Endorsement, Participant
from facilitator.contributions.screening import screen
from facilitator.contributions.validation import (
    DEFAULT_MAX_CHARS,
    Author,
    Submission,
    check_client_id,
    prepared,
    validate_reason,
    validate_text,
)
from facilitator.contributions.wordfilter import active_filter
from facilitator.core import signals
from facilitator.core.db import DbSession, rowcount
from facilitator.core.errors import ActivityClosed, NotFound, ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.core.text import clean_text


def _existing(db: DbSession, participant: Author, client_id: str) -> Contribution | None:
    return db.scalar(
        select(Contribution).where(
            Contribution.participant_id == participant.id, Contribution.client_id == client_id
        )
    )


def find_activity(db: DbSession, participant: Author, activity_id: int | None) -> Activity:
    """The activity a phone names, if it belongs to the phone's session (with its session:
    one query on the hot path, not two)."""
    activity = (
        db.scalar(
            select(Activity).options(joinedload(Activity.session)).where(Activity.id == activity_id)
        )
        if activity_id
        else None
    )
    return of_session(activity, participant)


def of_session(activity: Activity | None, participant: Author) -> Activity:
    """The submit path's one membership check (form and socket alike): the activity a phone
    names, if it exists and belongs to the phone's session; one message either way, so a phone
    learns nothing of other sessions' activities."""
    if activity is None or activity.session_id != participant.session_id:
        raise NotFound(_("Aktiviteten findes ikke længere."))
    return activity


def accepts_contributions(activity: Activity) -> bool:
    """New contributions, and changes to sent ones, only go to the open activity of a live
    session."""
    return activity.session.state == "live" and activity.state == "open"


def refuse_closed(
    db: DbSession, participant: Author, activity: Activity, submission: Submission
) -> Contribution:
    """A submission to a closed activity: its original, if this is a resend of something sent
    in time (its answer was lost: it counts), else ActivityClosed."""
    check_client_id(submission)
    original = _existing(db, participant, submission.client_id)
    if original is not None:
        return original
    raise ActivityClosed(
        _("Aktiviteten er lukket for nye bidrag. Det, du allerede har sendt, er gemt.")
    )


def submit(
    db: DbSession,
    participant: Author,
    activity: Activity,
    submission: Submission,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> tuple[Contribution, bool]:
    """Save a contribution to `activity`, found for this participant (find_activity or
    of_session). Returns (row, created); a retry returns the original row.

    The unique (participant, client_id) constraint is what makes retries safe. The common
    case is one INSERT and a commit: a resend is found by the constraint, not looked up
    first; only a resend to a closed activity is looked up before. Many at once:
    facilitator/contributions/group_commit.py.
    """
    if not accepts_contributions(activity):
        return refuse_closed(db, participant, activity, submission), False
    row = prepared(activity, participant, submission, max_chars, active_filter(db))
    try:
        if activity.kind in VOTES:  # the last choice counts
            supersede_votes(db, activity.id, participant.id)
        db.add(row)
        db.commit()
    except IntegrityError:
        db.rollback()
        original = _existing(db, participant, submission.client_id)
        if original is None:  # not a resend: the participant (or activity) was deleted
            raise NotFound(_("Du er ikke tilmeldt sessionen længere.")) from None
        return original, False
    signals.contribution_added.send(row, session_id=activity.session_id, activity_id=activity.id)
    return row, True


VOTES = VOTE_KINDS  # one counted choice per participant: the last


def supersede_votes(db: DbSession, activity_id: int, participant_id: int) -> None:
    db.execute(
        update(Contribution)
        .where(
            Contribution.activity_id == activity_id,
            Contribution.participant_id == participant_id,
            Contribution.superseded.is_(False),
        )
        .values(superseded=True)
    )


def require_open(activity: Activity, message: str) -> None:
    """Changes to what is already sent are for the open activity of a live session only."""
    if not accepts_contributions(activity):
        raise ActivityClosed(message)


def endorse(db: DbSession, participant: Participant, contribution: Contribution) -> bool:
    """Record an endorsement without the room's rules (demo data and tests); a second one is a
    no-op. True if new. Phones go through set_endorsement."""
    if contribution.activity.session_id != participant.session_id:
        raise NotFound(_("Bidraget findes ikke længere."))
    db.add(Endorsement(contribution_id=contribution.id, participant_id=participant.id))
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        return False
    signals.contribution_changed.send(
        contribution, session_id=participant.session_id, activity_id=contribution.activity_id
    )
    return True


def set_endorsement(
    db: DbSession, participant: Participant, contribution_id: int, agree: bool = True
) -> bool:
    """Agree ("Enig") with another participant's statement, or take that back. Idempotent:
    agreeing twice or undoing what is not there is a no-op. True if something changed.

    Only for a visible statement of the participant's own session, in an open text activity
    whose facilitator allows endorsements; never one's own."""
    row = db.get(Contribution, contribution_id)
    if (
        row is None
        or row.activity.session_id != participant.session_id
        or row.hidden
        or row.superseded
    ):
        raise NotFound(_("Bidraget findes ikke længere."))
    activity = row.activity
    if not activity.takes_text or not activity.endorsements_enabled:
        raise ValidationError(_("Man kan ikke erklære sig enig i denne aktivitet."))
    if row.participant_id == participant.id:
        raise ValidationError(_("Du kan ikke erklære dig enig i dit eget bidrag."))
    require_open(activity, _("Aktiviteten er lukket, så du kan ikke længere erklære dig enig."))
    existing = select(Endorsement).where(
        Endorsement.contribution_id == row.id, Endorsement.participant_id == participant.id
    )
    if agree:
        db.add(Endorsement(contribution_id=row.id, participant_id=participant.id))
        try:
            db.commit()
        except IntegrityError:  # already agreed (maybe from another tab at the same moment)
            db.rollback()
            return False
    else:
        endorsement = db.scalar(existing)
        if endorsement is None:
            return False
        db.delete(endorsement)
        db.commit()
    db.refresh(row)  # the relationship's count, for the bridge's payload
    signals.contribution_changed.send(
        row, session_id=participant.session_id, activity_id=row.activity_id
    )
    return True


def endorsed_ids(db: DbSession, participant: Participant, activity: Activity) -> set[int]:
    """The statements of `activity` this participant has said "Enig" to (their phone's state)."""
    return set(
        db.scalars(
            select(Endorsement.contribution_id)
            .join(Contribution, Contribution.id == Endorsement.contribution_id)
            .where(
                Contribution.activity_id == activity.id,
                Endorsement.participant_id == participant.id,
            )
        )
    )


def own_contribution(db: DbSession, participant: Participant, contribution_id: int) -> Contribution:
    """One of the participant's current contributions, or NotFound (someone else's row reads
    the same as a missing one)."""
    row = db.get(Contribution, contribution_id)
    if row is None or row.participant_id != participant.id or row.superseded:
        raise NotFound(_("Bidraget findes ikke længere."))
    return row


@dataclass(frozen=True)
class Edited:
    """What "Ret" did: the row, whether its text changed, and how many "Enig" went with the
    old text."""

    row: Contribution
    changed: bool
    cleared: int = 0


def endorsement_count(db: DbSession, contribution_id: int) -> int:
    """How many "Enig" a contribution has: what an edit of its text would clear."""
    return (
        db.scalar(
            select(func.count(Endorsement.id)).where(Endorsement.contribution_id == contribution_id)
        )
        or 0
    )


def edit(
    db: DbSession,
    participant: Participant,
    contribution_id: int,
    text: str,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Edited:
    """The author corrects their text (a statement, or a dilemma's reason) while the activity
    is open, under the same rules as a new one. The same text again (after clean_text) is a
    no-op. A changed text loses the "Enig" given to the old one, in the same commit: nobody
    agreed with the new words. A grouped statement keeps its theme: the secretary sees the new
    text there."""
    row = own_contribution(db, participant, contribution_id)
    activity = row.activity
    if activity.kind == "topic_vote":
        raise ValidationError(_("Et valg rettes ved at stemme igen."))
    if activity.kind == "wordcloud":
        raise ValidationError(_("Dine ord ændres ved at sende nye."))
    require_open(activity, _("Aktiviteten er lukket, så bidraget kan ikke længere rettes."))
    cleaned = clean_text(text)
    if activity.takes_text:
        cleaned = validate_text(cleaned, required=True, max_chars=max_chars)
    else:
        cleaned = validate_reason(activity, cleaned, max_chars)
    if cleaned == row.text:
        return Edited(row, False)
    row.text = cleaned
    screen(row, activity, active_filter(db))  # new words, judged as new ones are
    # The vector belonged to the old words; the next grouping computes a fresh one.
    row.embedding = None
    row.embedding_model = None
    cleared = rowcount(
        db.execute(
            delete(Endorsement)
            .where(Endorsement.contribution_id == row.id)
            .execution_options(synchronize_session=False)
        )
    )
    db.commit()
    db.expire(row, ["endorsements"])  # the bridge's payload counts them afresh: 0
    signals.contribution_changed.send(
        row, session_id=activity.session_id, activity_id=activity.id, edited=True
    )
    return Edited(row, True, cleared)
