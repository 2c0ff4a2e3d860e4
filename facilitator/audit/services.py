"""Writing and reading the audit trail. Callers pass plain values; no Flask here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select

from facilitator.accounts.models import User
from facilitator.audit.models import AuditEvent
from facilitator.core.db import DbSession
from facilitator.core.i18n import N_

# The events the app writes; the admin page shows their names (N_: translated where shown).
EVENTS = {
    "login": N_("Login"),
    "login_failed": N_("Mislykket login"),
    "login_locked": N_("Login spærret"),
    "logout": N_("Logout"),
    "export": N_("Eksport"),
    "purge": N_("Sletning efter alder"),
    "delete": N_("Sletning"),
    "user_created": N_("Bruger oprettet"),
    "user_changed": N_("Bruger ændret"),
    "password_changed": N_("Adgangskode skiftet"),
    "word_filter_changed": N_("Ordfilter ændret"),
}


def record(
    db: DbSession,
    event: str,
    *,
    user: User | None = None,
    actor: str = "",
    address: str = "",
    detail: str = "",
    commit: bool = True,
) -> AuditEvent:
    """Add one event. `actor` defaults to the user's e-mail (kept if the user is deleted)."""
    if event not in EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    row = AuditEvent(
        event=event,
        user_id=user.id if user is not None else None,
        actor=(actor or (user.email if user is not None else ""))[:254],
        address=address[:64],
        detail=detail,
    )
    db.add(row)
    if commit:
        db.commit()
    return row


def recent(db: DbSession, *, limit: int = 200, event: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    if event:
        query = query.where(AuditEvent.event == event)
    return list(db.scalars(query.limit(limit)))


def purge_before(db: DbSession, cutoff: datetime, *, dry_run: bool = False) -> int:
    """Drop events older than `cutoff` (the log holds e-mails and addresses: personal data with
    a retention period of its own). Returns how many went (or would go)."""
    old = AuditEvent.created_at < cutoff
    count = db.scalar(select(func.count(AuditEvent.id)).where(old)) or 0
    if count and not dry_run:
        db.execute(delete(AuditEvent).where(old))
        db.commit()
    return count
