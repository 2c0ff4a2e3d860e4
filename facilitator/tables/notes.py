"""Flip-over notes typed in afterwards: a table's points (one a line) become contributions of
the table's voice, exactly as its scribe's phone would have sent them (the same validation,
word filter and pre-moderation), and its flip-over photo is kept beside them.

The voice is one participant per table number, marked as the table's (scribe_table_id), so
every view attributes its points to "Bord 3" and counts the table once. Each point's client id
is derived from activity, table and its words (core.text.same_words), so pasting the same
notes twice adds nothing. The signal a phone's statement sends places the points into the
themes like late arrivals and shows them on the console and the projector."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import undefer

from facilitator.activities.models import Activity
from facilitator.contributions.models import TABLE_VOICE_PREFIX, Contribution, Participant
from facilitator.contributions.validation import DEFAULT_MAX_CHARS, Submission, prepared
from facilitator.contributions.wordfilter import active_filter
from facilitator.core import signals
from facilitator.core.db import DbSession
from facilitator.core.errors import NotFound, ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.core.text import clean_text, same_words
from facilitator.tables.models import FlipoverPhoto, SessionTable
from facilitator.tables.photos import prepare_photo
from facilitator.tables.services import MAX_NUMBER, MIN_NUMBER, tables_of

MAX_POINTS = 200
# A list's marks as people type or paste them: "-", "•", "*", "–", "·", "1." or "1)".
BULLET = re.compile(r"^\s*(?:[-•*–—·▪◦‣>]+|\d{1,3}[.)])\s*")


@dataclass(frozen=True)
class NotesSaved:
    added: int  # new points
    again: int  # points that were already there (a second paste)
    held: int  # new points waiting for approval (word filter, pre-moderation)


def points(text: str) -> list[str]:
    """The notes' points: one a line, blank lines and list marks left out."""
    found = []
    for raw in clean_text(text).split("\n"):
        point = clean_text(BULLET.sub("", raw, count=1))
        if point:
            found.append(point)
    return found


def check_activity(activity: Activity) -> None:
    if not activity.takes_text:
        raise ValidationError(_("Noter fra flip-over kan kun skrives til aktiviteter med tekst."))


def notes_table(db: DbSession, activity: Activity, number: int) -> SessionTable:
    """The session's table `number`; a session without tables gets it added (the notes name
    it), one with tables must name one of them."""
    if not MIN_NUMBER <= number <= MAX_NUMBER:
        raise ValidationError(
            _("Bordnummeret skal være mellem %(low)s og %(high)s.", low=MIN_NUMBER, high=MAX_NUMBER)
        )
    existing = {t.number: t for t in tables_of(db, activity.session_id)}
    if number in existing:
        return existing[number]
    if existing:
        raise NotFound(_("Bordet findes ikke i denne session."))
    table = SessionTable(
        session_id=activity.session_id, number=number, scribe_salt=secrets.token_hex(16)
    )
    db.add(table)
    db.flush()
    return table


def table_voice(db: DbSession, table: SessionTable) -> Participant:
    """The table's own participant for notes. Its token hash is no SHA-256 of any cookie, so
    no phone can ever be it."""
    marker = f"{TABLE_VOICE_PREFIX}{table.number}"
    voice = db.scalar(
        select(Participant).where(
            Participant.session_id == table.session_id, Participant.token_hash == marker
        )
    )
    if voice is None:
        voice = Participant(session_id=table.session_id, token_hash=marker)
        db.add(voice)
    voice.table_number, voice.scribe_table_id = str(table.number), table.id
    db.flush()
    return voice


def point_id(activity: Activity, number: int, point: str) -> str:
    digest = hashlib.sha256(f"{activity.id}:{number}:{same_words(point)}".encode()).hexdigest()
    return f"flip-{digest[:40]}"


def add_notes(
    db: DbSession,
    activity: Activity,
    number: int,
    text: str,
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> NotesSaved:
    """Save the notes' points as table `number`'s contributions. Every line is checked before
    anything is saved; a refusal names its line, so the form can show the text again."""
    check_activity(activity)
    found = points(text)
    if not found:
        raise ValidationError(_("Skriv mindst ét punkt (ét pr. linje)."))
    if len(found) > MAX_POINTS:
        raise ValidationError(_("Højst %(limit)s punkter ad gangen.", limit=MAX_POINTS))
    table = notes_table(db, activity, number)
    voice = table_voice(db, table)
    words = active_filter(db)
    known = set(
        db.scalars(
            select(Contribution.client_id).where(
                Contribution.participant_id == voice.id, Contribution.activity_id == activity.id
            )
        )
    )
    rows: dict[str, Contribution] = {}
    for line, point in enumerate(found, start=1):
        client_id = point_id(activity, number, point)
        if client_id in known or client_id in rows:
            continue
        try:
            rows[client_id] = prepared(
                activity, voice, Submission(client_id, point), max_chars, words
            )
        except ValidationError as error:
            db.rollback()
            raise ValidationError(
                _("Punkt %(line)s: %(reason)s", line=line, reason=error.message)
            ) from None
    db.add_all(rows.values())
    db.commit()
    for row in rows.values():  # as submit does: a held one goes to "Venter på godkendelse"
        signals.contribution_added.send(
            row, session_id=activity.session_id, activity_id=activity.id
        )
    held = sum(row.held for row in rows.values())
    return NotesSaved(added=len(rows), again=len(found) - len(rows), held=held)


def add_photo(db: DbSession, activity: Activity, number: int, data: bytes) -> FlipoverPhoto:
    """Keep the table's flip-over photo (tables.photos decides what a photo is)."""
    check_activity(activity)
    photo = prepare_photo(data)
    table = notes_table(db, activity, number)
    row = FlipoverPhoto(
        activity=activity,  # in its list at once (the session keeps objects past a commit)
        table_number=table.number,
        jpeg=photo.jpeg,
        width=photo.width,
        height=photo.height,
    )
    db.add(row)
    db.commit()
    return row


def photos_of(db: DbSession, activity_id: int) -> list[FlipoverPhoto]:
    """The activity's photos with their bytes (the documents' annex), by table."""
    query = (
        select(FlipoverPhoto)
        .options(undefer(FlipoverPhoto.jpeg))
        .where(FlipoverPhoto.activity_id == activity_id)
        .order_by(FlipoverPhoto.table_number, FlipoverPhoto.id)
    )
    return list(db.scalars(query))


def photo_file_name(photo: FlipoverPhoto) -> str:
    """The name a photo is saved and listed under ("flipover-bord-3-12.jpg")."""
    return f"flipover-bord-{photo.table_number}-{photo.id}.jpg"


def photo_of(db: DbSession, activity: Activity, photo_id: int) -> FlipoverPhoto:
    row = db.get(FlipoverPhoto, photo_id)
    if row is None or row.activity_id != activity.id:
        raise NotFound(_("Billedet findes ikke længere."))
    return row


def delete_photo(db: DbSession, activity: Activity, photo_id: int) -> None:
    db.delete(photo_of(db, activity, photo_id))
    db.commit()
    db.expire(activity, ["flipover_photos"])
