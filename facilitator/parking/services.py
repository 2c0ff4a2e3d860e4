"""The board's changes. Each commits, then sends `parking_changed` (live/parking.py pushes the
board to the room). Retries are harmless: an item is found again by its client id, a vote is
the wanted state, "Til næste skridt" appends once."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from facilitator.contributions.validation import Author, Submission, check_client_id, validate_text
from facilitator.contributions.wordfilter import MAX_ENTRY_CHARS, WordFilter
from facilitator.core import signals
from facilitator.core.db import DbSession, rowcount
from facilitator.core.errors import NotFound, SessionNotLive, ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.parking.models import ParkingItem, ParkingVote
from facilitator.sessions.models import WorkshopSession
from facilitator.sessions.notes import SUMMARY_MAX, clean_note

MAX_ITEMS = 300  # per session: far more than a room asks, and it bounds every list and push


def _changed(session_id: int) -> None:
    signals.parking_changed.send(None, session_id=session_id)


def check_live(session: WorkshopSession) -> None:
    if session.state != "live":
        raise SessionNotLive(_("Sessionen er ikke i gang, så tavlen tager ikke imod noget nu."))


def find_item(db: DbSession, session_id: int, item_id: int) -> ParkingItem:
    """An item of this session; anything else answers as missing (ids are not told apart)."""
    item = db.get(ParkingItem, item_id)
    if item is None or item.session_id != session_id:
        raise NotFound(_("Punktet findes ikke længere. Genindlæs siden."))
    return item


def _resent(db: DbSession, author: Author, client_id: str) -> ParkingItem | None:
    return db.scalar(
        select(ParkingItem).where(
            ParkingItem.participant_id == author.id, ParkingItem.client_id == client_id
        )
    )


def add_item(
    db: DbSession,
    session: WorkshopSession,
    author: Author,
    draft: Submission,
    *,
    max_chars: int,
    words: WordFilter,
) -> tuple[ParkingItem, bool]:
    """(the item, whether it is new). A resend with the same client id gets the first row back
    and changes nothing. A text with a word of the organisation's filter is saved but held."""
    check_client_id(draft)
    earlier = _resent(db, author, draft.client_id)
    if earlier is not None:
        return earlier, False
    check_live(session)
    text = validate_text(draft.text, required=True, max_chars=max_chars)
    count = db.scalar(select(func.count()).where(ParkingItem.session_id == session.id)) or 0
    if count >= MAX_ITEMS:
        raise ValidationError(_("Tavlen er fuld. Spørg facilitatoren direkte."))
    word = words.match(text)
    item = ParkingItem(
        session_id=session.id,
        participant_id=author.id,
        client_id=draft.client_id,
        text=text,
        held=word is not None,
        held_word=(word or "")[:MAX_ENTRY_CHARS],
    )
    db.add(item)
    try:
        db.commit()
    except IntegrityError:  # the same resend, at the same moment, from another socket
        db.rollback()
        earlier = _resent(db, author, draft.client_id)
        if earlier is None:
            raise
        return earlier, False
    _changed(session.id)
    return item, True


def set_vote(
    db: DbSession, session: WorkshopSession, voter: Author, item_id: int, vote: bool
) -> bool:
    """ "+1" on another's open item, or take it back; whether anything changed (voting twice,
    or taking back what was not there, changes nothing)."""
    check_live(session)
    item = find_item(db, session.id, item_id)
    if not item.public:
        raise NotFound(_("Punktet findes ikke længere. Genindlæs siden."))
    if item.state != "open":
        raise ValidationError(_("Der kan kun stemmes på åbne punkter."))
    if item.participant_id == voter.id:
        raise ValidationError(_("Du kan ikke stemme på dit eget punkt."))
    if vote:
        db.add(ParkingVote(item_id=item.id, participant_id=voter.id))
        try:
            db.commit()
        except IntegrityError:  # already there: one vote per participant per item
            db.rollback()
            return False
    else:
        gone = db.execute(
            delete(ParkingVote).where(
                ParkingVote.item_id == item.id, ParkingVote.participant_id == voter.id
            )
        )
        db.commit()
        if not rowcount(gone):
            return False
    _changed(session.id)
    return True


def set_state(db: DbSession, item: ParkingItem, state: str) -> ParkingItem:
    """ "Besvaret", "Parkér", or "Gendan" (state "open": also shows a hidden item again and
    takes a merged one out of its merge; the votes it gave away stay where they went)."""
    if state not in ("open", "answered", "parked"):
        raise ValidationError(_("Ukendt status."))
    if state != "open" and (item.held or item.state == "merged"):
        raise ValidationError(_("Gendan punktet først."))
    item.state = state
    if state == "open":
        item.merged_into_id, item.hidden, item.held = None, False, False
    db.commit()
    _changed(item.session_id)
    return item


def review(db: DbSession, item: ParkingItem, approve: bool) -> ParkingItem:
    """A held item: approved (the room sees it) or hidden ("Skjul"; "Gendan" shows it again)."""
    if item.held:
        item.held, item.hidden = False, not approve
        db.commit()
        _changed(item.session_id)
    return item


def merge(db: DbSession, source: ParkingItem, target: ParkingItem) -> int:
    """Fold `source` into `target`: its votes move there, except a voter who already voted for
    the target or wrote it (never counted twice). Returns the target's votes after."""
    if source.session_id != target.session_id or source.id == target.id:
        raise ValidationError(_("Vælg et andet punkt at flette ind i."))
    if target.held or target.hidden or target.state == "merged":
        raise ValidationError(_("Punktet kan ikke flettes ind i et skjult eller flettet punkt."))
    counted = set(
        db.scalars(select(ParkingVote.participant_id).where(ParkingVote.item_id == target.id))
    )
    counted.add(target.participant_id or 0)
    for vote in list(source.votes):
        if vote.participant_id in counted:
            db.delete(vote)
        else:
            vote.item_id = target.id
            counted.add(vote.participant_id)
    source.state, source.merged_into_id = "merged", target.id
    db.commit()
    _changed(source.session_id)
    return vote_counts(db, [target.id]).get(target.id, 0)


def to_next_steps(db: DbSession, session: WorkshopSession, item: ParkingItem) -> bool:
    """Append the item as a line of the session's "Næste skridt"; once only (False: it was
    there already). The secretariat edits the paragraph as before."""
    if item.in_next_steps:
        return False
    if item.held or item.hidden or item.state == "merged":
        raise ValidationError(_("Kun åbne punkter kan føres til næste skridt."))
    current = session.next_steps.rstrip()
    line = "– " + " ".join(item.text.split())
    session.next_steps = clean_note(
        f"{current}\n{line}" if current else line, limit=SUMMARY_MAX, field=_("Næste skridt")
    )
    item.in_next_steps = True
    db.commit()
    signals.session_changed.send(session, session_id=session.id)
    _changed(session.id)
    return True


def set_shown(db: DbSession, session: WorkshopSession, shown: bool) -> None:
    """ "Vis spørgsmål" on the projector, or back to the activity."""
    if session.parking_shown != shown:
        session.parking_shown = shown
        db.commit()
        _changed(session.id)


def vote_counts(db: DbSession, item_ids: list[int]) -> dict[int, int]:
    if not item_ids:
        return {}
    rows = db.execute(
        select(ParkingVote.item_id, func.count())
        .where(ParkingVote.item_id.in_(item_ids))
        .group_by(ParkingVote.item_id)
    )
    return {item_id: count for item_id, count in rows}
