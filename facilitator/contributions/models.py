from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement

from facilitator.activities.models import Activity
from facilitator.core.db import Base, utcnow
from facilitator.core.i18n import N_, gettext
from facilitator.tables.models import SessionTable

# Danish labels, marked for translation: shown as gettext(label) where a reader sees them.
STAKEHOLDER_GROUPS = {
    "politiker": N_("Politiker"),
    "embedsperson": N_("Embedsperson"),
    "brugerorganisation": N_("Brugerorganisation"),
    "andet": N_("Andet"),
}
UNKNOWN_GROUP_LABEL = N_("Ikke oplyst")
# A table's flip-over notes are saved by one participant row per table (tables/notes.py) that no
# phone holds: its token_hash is this prefix and the table's number, never a SHA-256. It is no
# person, so it is left out wherever people are counted (is_person).
TABLE_VOICE_PREFIX = "flipover:"


class Participant(Base):
    """A phone in the room. Anonymous unless the person gives a name."""

    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("session_id", "token_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_sessions.id", ondelete="CASCADE"), index=True
    )
    # Only a hash of the cookie token is stored: a database leak cannot impersonate phones.
    token_hash: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(120), default="")
    group: Mapped[str | None] = mapped_column(String(30))
    organisation: Mapped[str] = mapped_column(String(120), default="")
    table_number: Mapped[str] = mapped_column(String(10), default="")
    # Set when the phone joined through a table card's scribe link: what it sends is the
    # table's ("Bord 3"), not a person's (facilitator/tables).
    scribe_table_id: Mapped[int | None] = mapped_column(
        ForeignKey("session_tables.id", ondelete="SET NULL"), default=None
    )
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    scribe_table: Mapped[SessionTable | None] = relationship()

    @property
    def group_label(self) -> str:
        return gettext(STAKEHOLDER_GROUPS.get(self.group or "", UNKNOWN_GROUP_LABEL))

    @property
    def is_table_voice(self) -> bool:
        return self.token_hash.startswith(TABLE_VOICE_PREFIX)


def is_person() -> ColumnElement[bool]:
    """The participants that are people: phones, not a table's flip-over voice."""
    return Participant.token_hash.not_like(f"{TABLE_VOICE_PREFIX}%")


class Contribution(Base):
    """Anything a participant sends: a text, a dilemma side (+reason) or topic choices.

    Dilemma choices and topic votes are replaced by later ones: the newest row counts and the
    older rows are marked `superseded`, so every retry stays idempotent by client id.
    """

    __tablename__ = "contributions"
    __table_args__ = (UniqueConstraint("participant_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    client_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text, default="")
    side: Mapped[int | None]
    choices: Mapped[list[int] | None] = mapped_column(JSON)
    hidden: Mapped[bool] = mapped_column(default=False)
    # Waiting for the facilitator's approval (pre-moderation, or a word of the organisation's
    # word filter: `held_word`). A held statement is hidden until approved, so every view that
    # leaves hidden ones out leaves it out; a held dilemma reason is left out of the reasons
    # while its choice counts. Approving clears both; "Skjul" leaves it hidden. Nothing is deleted.
    held: Mapped[bool] = mapped_column(default=False, server_default=false())
    held_word: Mapped[str] = mapped_column(String(60), default="", server_default="")
    superseded: Mapped[bool] = mapped_column(default=False)
    # Chosen by the secretariat for the document body; every contribution stays in the annex.
    highlighted: Mapped[bool] = mapped_column(default=False, server_default=false())
    cluster_id: Mapped[int | None] = mapped_column(
        ForeignKey("clusters.id", ondelete="SET NULL"), index=True
    )
    # Placed under its theme by the facilitator's hand: an example the theme learns from
    # (clustering/guided.py); regrouping never moves it.
    example: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The statement's vector (float32 bytes) in the space `embedding_model`, computed once off
    # the event loop and reused by every grouping (facilitator/clustering/vectors.py). Deferred:
    # the live paths never load it.
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    embedding_model: Mapped[str | None] = mapped_column(String(64))

    activity: Mapped[Activity] = relationship()
    participant: Mapped[Participant] = relationship()
    endorsements: Mapped[list[Endorsement]] = relationship(
        back_populates="contribution", cascade="all, delete-orphan"
    )


class Endorsement(Base):
    """A participant agrees ("enig") with a contribution, at most once."""

    __tablename__ = "endorsements"
    __table_args__ = (UniqueConstraint("contribution_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contribution_id: Mapped[int] = mapped_column(
        ForeignKey("contributions.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    contribution: Mapped[Contribution] = relationship(back_populates="endorsements")


class Withdrawal(Base):
    """What "Træk tilbage" took away, kept a short while so "Fortryd" can put back the same
    rows (same ids, texts, sides, "Enig"). The contributions themselves are deleted, so no
    result, wall or export ever has to filter a withdrawn row; this tombstone is read only by
    contributions.withdrawals.restore and forgotten after RESTORE_SECONDS."""

    __tablename__ = "withdrawals"

    id: Mapped[int] = mapped_column(primary_key=True)
    # the id the phone knows; its row is gone, so no foreign key. Unique: withdrawn once.
    contribution_id: Mapped[int] = mapped_column(unique=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participants.id", ondelete="CASCADE"), index=True
    )
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    # The deleted rows as services._tombstone wrote them (a dilemma's earlier choices too).
    rows: Mapped[list[dict]] = mapped_column(JSON)
    withdrawn_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class WordList(Base):
    """The organisation's word filter (one row): words and phrases that hold a contribution for
    approval. Without a row the default list shipped in the package applies (wordfilter.py)."""

    __tablename__ = "word_lists"

    id: Mapped[int] = mapped_column(primary_key=True)
    words: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
