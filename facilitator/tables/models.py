"""A table of the room: its number, an optional name, and the salt of its scribe link."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.core.db import Base


class SessionTable(Base):
    """ "Bord 3 Sundhed". The scribe link's secret is never stored: it is an HMAC of
    `scribe_salt` under the app's secret key (tables.services.scribe_secret), so a database
    leak alone cannot speak for a table, yet the card can be printed again. A new salt
    ("Nyt skriverlink") voids the old card's scribe QR."""

    __tablename__ = "session_tables"
    __table_args__ = (UniqueConstraint("session_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_sessions.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(60), default="")
    scribe_salt: Mapped[str] = mapped_column(String(32))
