"""A table of the room: its number, an optional name, and the salt of its scribe link."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from facilitator.activities.models import Activity
from facilitator.core.db import Base, utcnow


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


class FlipoverPhoto(Base):
    """A photo of a table's flip-over, typed in afterwards (tables.notes). Kept in the database
    as the re-encoded JPEG (tables.photos: no EXIF, no GPS, at most 1600 px), so deleting the
    activity or its session, or purging by age, takes it along (ON DELETE CASCADE)."""

    __tablename__ = "flipover_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    # The table's number, not its row: the photo stays "Bord 3" if the tables are retyped.
    table_number: Mapped[int]
    jpeg: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    width: Mapped[int]
    height: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    activity: Mapped[Activity] = relationship(
        backref=backref(
            "flipover_photos", passive_deletes=True, order_by="FlipoverPhoto.table_number"
        )
    )
