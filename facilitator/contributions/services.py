"""Participants joining and submitting. Saved before acknowledged; idempotent by client id."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload, selectinload

from facilitator.activities.models import VOTE_KINDS, Activity
from facilitator.clustering.models import Cluster
from facilitator.contributions.models import (
    STAKEHOLDER_GROUPS,
    Contribution,
    Endorsement,
    Participant,
    Withdrawal,
)
from facilitator.core import signals
from facilitator.core.db import utcnow
from facilitator.core.errors import ActivityClosed, NotFound, ValidationError
from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.core.text import check_length, clean_text
from facilitator.sessions.models import WorkshopSession
from facilitator.sessions.services import passcode_matches

DEFAULT_MAX_CHARS = 280
CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# Field names in Profile.cleaned's message, translated where it is raised.
PROFILE_FIELDS = {"name": N_("navn"), "organisation": N_("organisation"),
                  "table_number": N_("bordnummer")}
PROFILE_TOO_LONG = N_("Feltet %(label)s må højst være %(limit)s tegn.")
TOO_LONG = N_("Dit bidrag er på %(length)s tegn. Der er plads til højst %(max)s.")


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
            raise ValidationError(_("Vælg en af de viste grupper."))
        fields = {"name": (self.name, 120), "organisation": (self.organisation, 120),
                  "table_number": (self.table_number, 10)}
        for key, (value, limit) in fields.items():
            check_length(value.strip(), limit, PROFILE_TOO_LONG, label=_(PROFILE_FIELDS[key]))
        return Profile(clean_text(self.name), group, clean_text(self.organisation),
                       clean_text(self.table_number))


def participant_for_token(db: Session, session: WorkshopSession,
                          token: str | None) -> Participant | None:
    if not token:
        return None
    return db.scalar(select(Participant).where(Participant.session_id == session.id,
                                               Participant.token_hash == hash_token(token)))


GROUP_FIXED = N_("Du har allerede bidraget, så din gruppe og organisation kan ikke ændres "
                 "i denne session. Det beskytter de andres anonymitet: ellers kunne man "
                 "trække resultaterne før og efter fra hinanden.")


def _has_contributed(db: Session, participant: Participant) -> bool:
    """Any answer, statement or "Enig" in the session, withdrawn ones included (they were seen)."""
    if participant.id is None:
        return False
    counted = select(Contribution.id).where(Contribution.participant_id == participant.id)
    agreed = select(Endorsement.id).where(Endorsement.participant_id == participant.id)
    withdrawn = select(Withdrawal.id).where(Withdrawal.participant_id == participant.id)
    return any(db.scalar(select(query.exists())) for query in (counted, agreed, withdrawn))


def join(db: Session, session: WorkshopSession, token: str, profile: Profile,
         passcode: str | None = None) -> Participant:
    """Create the phone's participant, or update the profile if it has joined before. A new
    participant needs the session's passcode when it has one; a returning one is not asked.
    Group and organisation are fixed once the participant has contributed: a counted person
    who moves between groups could be subtracted out of the results (contributions.privacy)."""
    profile = profile.cleaned()
    participant = participant_for_token(db, session, token)
    created = participant is None
    if (participant is not None
            and (participant.group or None, participant.organisation or "")
            != (profile.group, profile.organisation)
            and _has_contributed(db, participant)):
        raise ValidationError(_(GROUP_FIXED))
    if created and not passcode_matches(session, passcode):
        raise ValidationError(_("Skriv adgangskoden fra storskærmen.") if not passcode else
                              _("Adgangskoden passer ikke. Tjek storskærmen, eller spørg "
                                "facilitatoren."))
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
    """What a phone sends, before validation. Exactly one shape per activity kind. Its text is
    cleaned once, here (core.text.clean_text), whoever builds it: the parser, the demo, a test."""

    client_id: str
    text: str = ""
    side: int | None = None
    choices: Sequence[int] = ()
    activity_id: int | None = None  # where it is going; see contributions/submission.py

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", clean_text(self.text))


def _validate_text(text: str, *, required: bool, max_chars: int) -> str:
    """A cleaned text against the activity's rules: present if required, within max_chars."""
    if required and not text:
        raise ValidationError(_("Skriv noget, før du sender."))
    return check_length(text, max_chars, TOO_LONG, max=max_chars)


def _validate_reason(activity: Activity, text: str, max_chars: int) -> str:
    """A dilemma's (cleaned) reason: optional unless the facilitator asks for one."""
    if activity.reason_required and not text:
        raise ValidationError(_("Skriv en kort begrundelse for dit valg."))
    return _validate_text(text, required=False, max_chars=max_chars)


def _validate(activity: Activity, submission: Submission, max_chars: int) -> Contribution:
    row = Contribution(activity_id=activity.id, client_id=submission.client_id)
    if activity.takes_text:
        row.text = _validate_text(submission.text, required=True, max_chars=max_chars)
    elif activity.kind == "dilemma":
        if submission.side is None or not 0 <= submission.side < len(activity.sides):
            raise ValidationError(_("Vælg en af siderne i dilemmaet."))
        row.side = submission.side
        row.text = _validate_reason(activity, submission.text, max_chars)
    elif activity.kind == "topic_vote":
        choices = sorted(set(submission.choices))
        if not choices:
            raise ValidationError(_("Vælg mindst ét emne."))
        if len(choices) > activity.max_choices:
            raise ValidationError(_("Du kan højst vælge %(max)s emner.", max=activity.max_choices))
        if any(not 0 <= c < len(activity.topics) for c in choices):
            raise ValidationError(_("Vælg blandt de viste emner."))
        row.choices = choices
    return row


def _existing(db: Session, participant: Author, client_id: str) -> Contribution | None:
    return db.scalar(select(Contribution).where(Contribution.participant_id == participant.id,
                                                Contribution.client_id == client_id))


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


def find_activity(db: Session, participant: Author, activity_id: int | None) -> Activity:
    """The activity a phone names, if it belongs to the phone's session (with its session:
    one query on the hot path, not two)."""
    activity = db.scalar(select(Activity).options(joinedload(Activity.session))
                         .where(Activity.id == activity_id)) if activity_id else None
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


def _check_client_id(submission: Submission) -> None:
    """The activity's session was checked where it was found (of_session), once."""
    if not CLIENT_ID.fullmatch(submission.client_id or ""):  # checked before it is queried
        raise ValidationError(_("Bidraget mangler et gyldigt id. Genindlæs siden og prøv igen."))


def prepared(activity: Activity, participant: Author, submission: Submission,
             max_chars: int) -> Contribution:
    """The new row for a submission to an open activity: checked and validated, not saved."""
    _check_client_id(submission)
    row = _validate(activity, submission, max_chars)
    row.participant_id = participant.id
    return row


def refuse_closed(db: Session, participant: Author, activity: Activity,
                  submission: Submission) -> Contribution:
    """A submission to a closed activity: its original, if this is a resend of something sent
    in time (its answer was lost: it counts), else ActivityClosed."""
    _check_client_id(submission)
    original = _existing(db, participant, submission.client_id)
    if original is not None:
        return original
    raise ActivityClosed(_("Aktiviteten er lukket for nye bidrag. Det, du allerede har sendt, "
                           "er gemt."))


def submit(db: Session, participant: Author, activity: Activity, submission: Submission,
           *, max_chars: int = DEFAULT_MAX_CHARS) -> tuple[Contribution, bool]:
    """Save a contribution to `activity`, found for this participant (find_activity or
    of_session). Returns (row, created); a retry returns the original row.

    The unique (participant, client_id) constraint is what makes retries safe. The common
    case is one INSERT and a commit: a resend is found by the constraint, not looked up
    first; only a resend to a closed activity is looked up before. Many at once:
    facilitator/contributions/group_commit.py.
    """
    if not accepts_contributions(activity):
        return refuse_closed(db, participant, activity, submission), False
    row = prepared(activity, participant, submission, max_chars)
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
    signals.contribution_added.send(row, session_id=activity.session_id,
                                    activity_id=activity.id)
    return row, True


VOTES = VOTE_KINDS  # one counted choice per participant: the last


def supersede_votes(db: Session, activity_id: int, participant_id: int) -> None:
    db.execute(update(Contribution)
               .where(Contribution.activity_id == activity_id,
                      Contribution.participant_id == participant_id,
                      Contribution.superseded.is_(False))
               .values(superseded=True))


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


def _open_for(activity: Activity, message: str) -> None:
    """Changes to what is already sent are for the open activity of a live session only."""
    if not accepts_contributions(activity):
        raise ActivityClosed(message)


def endorse(db: Session, participant: Participant, contribution: Contribution) -> bool:
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
    signals.contribution_changed.send(contribution, session_id=participant.session_id,
                                      activity_id=contribution.activity_id)
    return True


def set_endorsement(db: Session, participant: Participant, contribution_id: int,
                    agree: bool = True) -> bool:
    """Agree ("Enig") with another participant's statement, or take that back. Idempotent:
    agreeing twice or undoing what is not there is a no-op. True if something changed.

    Only for a visible statement of the participant's own session, in an open text activity
    whose facilitator allows endorsements; never one's own."""
    row = db.get(Contribution, contribution_id)
    if row is None or row.activity.session_id != participant.session_id or row.hidden \
            or row.superseded:
        raise NotFound(_("Bidraget findes ikke længere."))
    activity = row.activity
    if not activity.takes_text or not activity.endorsements_enabled:
        raise ValidationError(_("Man kan ikke erklære sig enig i denne aktivitet."))
    if row.participant_id == participant.id:
        raise ValidationError(_("Du kan ikke erklære dig enig i dit eget bidrag."))
    _open_for(activity, _("Aktiviteten er lukket, så du kan ikke længere erklære dig enig."))
    existing = select(Endorsement).where(Endorsement.contribution_id == row.id,
                                         Endorsement.participant_id == participant.id)
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
    signals.contribution_changed.send(row, session_id=participant.session_id,
                                      activity_id=row.activity_id)
    return True


def endorsed_ids(db: Session, participant: Participant, activity: Activity) -> set[int]:
    """The statements of `activity` this participant has said "Enig" to (their phone's state)."""
    return set(db.scalars(select(Endorsement.contribution_id)
                          .join(Contribution, Contribution.id == Endorsement.contribution_id)
                          .where(Contribution.activity_id == activity.id,
                                 Endorsement.participant_id == participant.id)))


def own_contribution(db: Session, participant: Participant, contribution_id: int) -> Contribution:
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


def endorsement_count(db: Session, contribution_id: int) -> int:
    """How many "Enig" a contribution has: what an edit of its text would clear."""
    return db.scalar(select(func.count(Endorsement.id))
                     .where(Endorsement.contribution_id == contribution_id)) or 0


def edit(db: Session, participant: Participant, contribution_id: int, text: str,
         *, max_chars: int = DEFAULT_MAX_CHARS) -> Edited:
    """The author corrects their text (a statement, or a dilemma's reason) while the activity
    is open, under the same rules as a new one. The same text again (after clean_text) is a
    no-op. A changed text loses the "Enig" given to the old one, in the same commit: nobody
    agreed with the new words. A grouped statement keeps its theme: the secretary sees the new
    text there."""
    row = own_contribution(db, participant, contribution_id)
    activity = row.activity
    if activity.kind == "topic_vote":
        raise ValidationError(_("Et valg rettes ved at stemme igen."))
    _open_for(activity, _("Aktiviteten er lukket, så bidraget kan ikke længere rettes."))
    cleaned = clean_text(text)
    if activity.takes_text:
        cleaned = _validate_text(cleaned, required=True, max_chars=max_chars)
    else:
        cleaned = _validate_reason(activity, cleaned, max_chars)
    if cleaned == row.text:
        return Edited(row, False)
    row.text = cleaned
    # The vector belonged to the old words; the next grouping computes a fresh one.
    row.embedding = None
    row.embedding_model = None
    cleared = db.execute(delete(Endorsement).where(Endorsement.contribution_id == row.id)
                         .execution_options(synchronize_session=False)).rowcount
    db.commit()
    db.expire(row, ["endorsements"])  # the bridge's payload counts them afresh: 0
    signals.contribution_changed.send(row, session_id=activity.session_id,
                                      activity_id=activity.id, edited=True)
    return Edited(row, True, cleared)


# "Fortryd" after "Træk tilbage": how long the server keeps what was withdrawn. The phone offers
# the button for less (phone.js UNDO_MS), so a slow answer still arrives in time.
RESTORE_SECONDS = 30
TOO_LATE_TO_RESTORE = N_("Det er for sent at fortryde. Send bidraget igen, hvis du vil have "
                         "det med.")


def withdraw(db: Session, participant: Participant, contribution_id: int,
             *, now: datetime | None = None) -> bool:
    """The author takes their contribution back while the activity is open: the row is deleted
    (for a dilemma or topic vote: their choice, earlier replaced ones included) with its "Enig",
    and kept as a Withdrawal for RESTORE_SECONDS so "Fortryd" can put it back. True if
    something was deleted; withdrawing again, even at the same moment, is a no-op (False):
    the DELETE's row count decides, not a row read before."""
    row = db.get(Contribution, contribution_id)
    if row is None:
        return False
    if row.participant_id != participant.id:
        raise NotFound(_("Bidraget findes ikke længere."))
    activity = row.activity
    _open_for(activity, _("Aktiviteten er lukket, så bidraget kan ikke trækkes tilbage."))
    which = (Contribution.activity_id == activity.id,
             Contribution.participant_id == participant.id) if activity.kind in VOTES \
        else (Contribution.id == row.id,)
    rows = list(db.scalars(select(Contribution).options(selectinload(Contribution.endorsements))
                           .where(*which)))
    kept = [_tombstone(r) for r in rows]
    for each in rows:  # with their endorsements: deleted below, not to be flushed again
        db.expunge(each)
    # ON DELETE CASCADE takes the endorsements (and any theme membership is the row's own).
    removed = db.execute(delete(Contribution).where(*which)
                         .execution_options(synchronize_session=False)).rowcount
    if not removed:  # another request withdrew it first
        db.rollback()
        return False
    now = now or utcnow()
    forget_withdrawals(db, now)
    db.add(Withdrawal(contribution_id=row.id, participant_id=participant.id,
                      activity_id=activity.id, rows=kept, withdrawn_at=now))
    try:
        db.commit()
    except IntegrityError:  # the same withdrawal committed a tombstone meanwhile
        db.rollback()
        return False
    signals.contribution_withdrawn.send(row, session_id=activity.session_id,
                                        activity_id=activity.id)
    return True


def _tombstone(row: Contribution) -> dict[str, Any]:
    """A deleted row as restore() needs it back. Not its vector: the next grouping computes
    one, as after an edit."""
    return {"id": row.id, "client_id": row.client_id, "text": row.text, "side": row.side,
            "choices": row.choices, "hidden": row.hidden, "superseded": row.superseded,
            "highlighted": row.highlighted, "cluster_id": row.cluster_id,
            "created_at": row.created_at.isoformat(),
            "endorsements": [[e.participant_id, e.created_at.isoformat()]
                             for e in row.endorsements]}


def forget_withdrawals(db: Session, now: datetime | None = None) -> int:
    """Drop the tombstones whose "Fortryd" window has passed (their texts must not linger).
    Not committed: part of the caller's transaction. Returns how many."""
    limit = (now or utcnow()) - timedelta(seconds=RESTORE_SECONDS)
    return db.execute(delete(Withdrawal).where(Withdrawal.withdrawn_at < limit)
                      .execution_options(synchronize_session=False)).rowcount


def restore(db: Session, participant: Participant, contribution_id: int,
            *, now: datetime | None = None) -> tuple[Contribution, bool]:
    """"Fortryd" after "Træk tilbage": the same rows come back (same id, text, side, theme and
    "Enig"), if asked within RESTORE_SECONDS while the activity is still open. Returns (row,
    restored); asking again once it is back is a no-op (False)."""
    withdrawal = db.scalar(select(Withdrawal).where(
        Withdrawal.contribution_id == contribution_id,
        Withdrawal.participant_id == participant.id))
    if withdrawal is None:
        return _restored_already(db, participant, contribution_id), False
    now = now or utcnow()
    if now - withdrawal.withdrawn_at > timedelta(seconds=RESTORE_SECONDS):
        raise ValidationError(_(TOO_LATE_TO_RESTORE))
    activity = db.get(Activity, withdrawal.activity_id)
    assert activity is not None  # the tombstone goes with its activity (ON DELETE CASCADE)
    _open_for(activity, _("Aktiviteten er lukket, så bidraget kan ikke hentes tilbage."))
    if activity.kind in VOTES and db.scalar(select(Contribution.id).where(
            Contribution.activity_id == activity.id,
            Contribution.participant_id == participant.id).limit(1)) is not None:
        raise ValidationError(_("Du har valgt igen, efter du trak dit valg tilbage. Dit nye valg "
                                "gælder."))
    if not db.execute(delete(Withdrawal).where(Withdrawal.id == withdrawal.id)
                      .execution_options(synchronize_session=False)).rowcount:
        db.rollback()  # another request restored it first
        return _restored_already(db, participant, contribution_id), False
    rows = _revived(db, withdrawal)
    db.add_all(rows)
    try:
        db.commit()
    except IntegrityError:  # sent again under the same id meanwhile: that one stands
        db.rollback()
        raise ValidationError(_(TOO_LATE_TO_RESTORE)) from None
    row = next(r for r in rows if r.id == contribution_id)
    signals.contribution_added.send(row, session_id=activity.session_id,
                                    activity_id=activity.id, restored=True)
    return row, True


def restorable(db: Session, participant: Participant, contribution_id: int,
               *, now: datetime | None = None) -> bool:
    """Whether "Fortryd" can still bring this withdrawn contribution back (the window only:
    restore() checks the rest)."""
    since = (now or utcnow()) - timedelta(seconds=RESTORE_SECONDS)
    return db.scalar(select(Withdrawal.id).where(
        Withdrawal.contribution_id == contribution_id,
        Withdrawal.participant_id == participant.id, Withdrawal.withdrawn_at >= since)) is not None


def _restored_already(db: Session, participant: Participant, contribution_id: int) -> Contribution:
    row = db.get(Contribution, contribution_id)
    if row is None or row.participant_id != participant.id:
        raise ValidationError(_(TOO_LATE_TO_RESTORE))
    return row


def _revived(db: Session, withdrawal: Withdrawal) -> list[Contribution]:
    """The tombstone's rows, as they were. A theme regrouped away meanwhile, or an endorser
    whose data was deleted, is left out rather than refused."""
    themes = {data["cluster_id"] for data in withdrawal.rows if data["cluster_id"]}
    live_themes = set(db.scalars(select(Cluster.id).where(Cluster.id.in_(themes)))) \
        if themes else set()
    endorsers = {p for data in withdrawal.rows for p, _at in data["endorsements"]}
    live_endorsers = set(db.scalars(select(Participant.id).where(Participant.id.in_(endorsers)))) \
        if endorsers else set()
    rows = []
    for data in withdrawal.rows:
        row = Contribution(
            id=data["id"], activity_id=withdrawal.activity_id,
            participant_id=withdrawal.participant_id, client_id=data["client_id"],
            text=data["text"], side=data["side"], choices=data["choices"],
            hidden=data["hidden"], superseded=data["superseded"],
            highlighted=data["highlighted"],
            cluster_id=data["cluster_id"] if data["cluster_id"] in live_themes else None,
            created_at=datetime.fromisoformat(data["created_at"]))
        row.endorsements = [Endorsement(participant_id=p, created_at=datetime.fromisoformat(at))
                            for p, at in data["endorsements"] if p in live_endorsers]
        rows.append(row)
    return rows
