"""The board's rows: an item (a question or a »husk«) and one participant's vote for it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.core.db import Base, utcnow
from facilitator.core.i18n import N_

# Danish labels, marked for translation: gettext(label) where a reader sees them.
ITEM_STATES = {
    "open": N_("Åben"),
    "answered": N_("Besvaret"),
    "parked": N_("Parkeret"),
    "merged": N_("Flettet"),
}


class ParkingItem(Base):
    """A question or a »husk« on the session's board. The author is kept only so a resend
    (same client id) is answered with the same row and nobody votes on their own item: no
    view, payload or export of the board names or groups an author."""

    __tablename__ = "parking_items"
    __table_args__ = (UniqueConstraint("participant_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_sessions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), index=True
    )
    client_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(10), default="open")
    # Merged into another item: its votes moved there (services.merge); "Gendan" undoes the state.
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("parking_items.id", ondelete="SET NULL")
    )
    # The word filter held it (contributions/wordfilter.py): only its author and the consoles
    # see it until approved; "Skjul" hides it for good (shown again by "Gendan").
    held: Mapped[bool] = mapped_column(default=False, server_default=false())
    held_word: Mapped[str] = mapped_column(String(60), default="", server_default="")
    hidden: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Already appended to the session's "Næste skridt": a second click adds nothing.
    in_next_steps: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    votes: Mapped[list[ParkingVote]] = relationship(
        back_populates="item", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def public(self) -> bool:
        """Whether the room (phones, projector) may see it."""
        return not self.held and not self.hidden and self.state in ("open", "answered")


class ParkingVote(Base):
    """One participant's "+1" on an item, at most once (the unique constraint decides)."""

    __tablename__ = "parking_votes"
    __table_args__ = (UniqueConstraint("item_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("parking_items.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    item: Mapped[ParkingItem] = relationship(back_populates="votes")
