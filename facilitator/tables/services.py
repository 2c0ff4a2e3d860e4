"""Setting a session's tables ("3 Sundhed", one a line), their labels, and the scribe link:
a phone that joins through it speaks for its table ("Bord 3"), one voice in every tally."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select

from facilitator.contributions import participants
from facilitator.contributions.models import Participant
from facilitator.core.db import DbSession
from facilitator.core.errors import NotFound, ValidationError
from facilitator.core.i18n import N_
from facilitator.core.i18n import gettext as _
from facilitator.core.text import clean_text
from facilitator.sessions.models import WorkshopSession
from facilitator.tables.models import SessionTable

MIN_NUMBER, MAX_NUMBER = 1, 99
MAX_NAME = 60
MAX_TABLES = 60
WRONG_SCRIBE_LINK = N_(
    "Skriverlinket passer ikke til bordet. Bed facilitatoren om et nyt bordkort, eller scan "
    "bordets almindelige QR-kode."
)

SCRIBE_AFTER_CONTRIBUTING = N_(
    "Denne telefon har allerede bidraget i sessionen, så den kan ikke blive bordets skriver: "
    "dens bidrag ville flytte til bordet. Brug en anden telefon til skriverkoden."
)


def table_label(number: int, name: str = "") -> str:
    """ "Bord 3 (Sundhed)": how a table's voice is named on screens and in documents."""
    label = _("Bord %(number)s", number=number)
    return f"{label} ({name})" if name else label


def parse_tables(text: str) -> list[tuple[int, str]]:
    """One table a line: its number, then an optional name ("3 Sundhed"). Every refusal
    names its line, so nothing typed is lost on the way back to the form."""
    tables: dict[int, str] = {}
    for index, raw in enumerate(text.splitlines(), start=1):
        line = clean_text(raw)
        if not line:
            continue
        head, _sep, name = line.partition(" ")
        if not head.isdigit():
            raise ValidationError(
                _("Linje %(line)s: start med bordets nummer, fx »3 Sundhed«.", line=index)
            )
        number, name = int(head), name.strip()
        if not MIN_NUMBER <= number <= MAX_NUMBER:
            raise ValidationError(
                _(
                    "Linje %(line)s: bordnummeret skal være mellem %(low)s og %(high)s.",
                    line=index,
                    low=MIN_NUMBER,
                    high=MAX_NUMBER,
                )
            )
        if len(name) > MAX_NAME:
            raise ValidationError(
                _(
                    "Linje %(line)s: bordets navn må højst være %(limit)s tegn.",
                    line=index,
                    limit=MAX_NAME,
                )
            )
        if number in tables:
            raise ValidationError(_("Bord %(number)s står der to gange.", number=number))
        tables[number] = name
    if len(tables) > MAX_TABLES:
        raise ValidationError(_("Højst %(limit)s borde pr. session.", limit=MAX_TABLES))
    return sorted(tables.items())


def tables_of(db: DbSession, session_id: int) -> list[SessionTable]:
    return list(
        db.scalars(
            select(SessionTable)
            .where(SessionTable.session_id == session_id)
            .order_by(SessionTable.number)
        )
    )


def tables_text(tables: list[SessionTable]) -> str:
    """The form's text for the tables as they are (the inverse of parse_tables)."""
    return "\n".join(f"{t.number} {t.name}".strip() for t in tables)


def set_tables(db: DbSession, session: WorkshopSession, text: str) -> list[SessionTable]:
    """Replace the session's tables by the lines in `text`. A table that stays keeps its
    scribe link (its printed card still works); a removed table's scribe speaks as a person."""
    wanted = dict(parse_tables(text))
    existing = {t.number: t for t in tables_of(db, session.id)}
    for number, table in existing.items():
        if number not in wanted:
            db.delete(table)
    for number, name in wanted.items():
        found = existing.get(number)
        if found is None:
            found = SessionTable(
                session_id=session.id, number=number, scribe_salt=secrets.token_hex(16)
            )
            db.add(found)
        found.name = name
    db.commit()
    return tables_of(db, session.id)


def find_table(db: DbSession, session_id: int, number: int) -> SessionTable:
    table = db.scalar(
        select(SessionTable).where(
            SessionTable.session_id == session_id, SessionTable.number == number
        )
    )
    if table is None:
        raise NotFound(_("Bordet findes ikke i denne session."))
    return table


def scribe_secret(table: SessionTable, key: bytes) -> str:
    """The scribe link's secret: 128 bits of an HMAC under the app's key (never stored)."""
    digest = hmac.new(key, f"bord:{table.id}:{table.scribe_salt}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def renew_scribe_link(db: DbSession, table: SessionTable) -> None:
    table.scribe_salt = secrets.token_hex(16)
    db.commit()


def prefilled_number(raw: str | None) -> str:
    """The join form's table from a card's ?bord=N: only a plain number in range, else none."""
    raw = (raw or "").strip()
    if raw.isdigit() and MIN_NUMBER <= int(raw) <= MAX_NUMBER:
        return str(int(raw))
    return ""


def join_as_scribe(
    db: DbSession,
    session: WorkshopSession,
    token: str,
    number: int,
    secret: str,
    key: bytes,
) -> Participant:
    """Join (or re-join) the phone as table `number`'s scribe. The card's secret stands in for
    the session's passcode: whoever holds the card sits at the table."""
    try:
        table = find_table(db, session.id, number)
    except NotFound:
        raise ValidationError(_(WRONG_SCRIBE_LINK)) from None
    if not hmac.compare_digest(scribe_secret(table, key), secret or ""):
        raise ValidationError(_(WRONG_SCRIBE_LINK))
    # A scribe's statements are its table's: a phone that already spoke as itself (or for
    # another table) would move what it said between views (contributions.privacy).
    known = participants.participant_for_token(db, session, token)
    if (
        known is not None
        and known.scribe_table_id != table.id
        and participants.has_contributed(db, known)
    ):
        raise ValidationError(_(SCRIBE_AFTER_CONTRIBUTING))
    profile = participants.Profile(table_number=str(table.number))
    participant = participants.join(db, session, token, profile, passcode=session.passcode)
    participant.scribe_table_id = table.id
    db.commit()
    return participant
