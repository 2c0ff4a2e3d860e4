"""The persisted theme: a Cluster row groups contributions inside one activity."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.core.db import Base, utcnow


class Cluster(Base):
    """A theme inside one activity (for dilemmas: inside one side). Facilitator edits stick."""

    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    side: Mapped[int | None]
    label: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    pinned: Mapped[bool] = mapped_column(default=False)
    edited: Mapped[bool] = mapped_column(default=False)
    # Other headings the labeller proposed, for the facilitator to pick with one click.
    alternatives: Mapped[list[str] | None] = mapped_column(JSON)
    # The heading is the most representative statement shortened, not a phrase naming the
    # theme: shown as a suggestion until the facilitator picks or writes one.
    suggestion: Mapped[bool] = mapped_column(default=False, server_default=false())
    note: Mapped[str] = mapped_column(Text, default="", server_default="")  # secretariat's note
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ThemeUndo(Base):
    """The activity's themes as they were before the facilitator's last curation change
    (clustering/undo.py): one row per activity, replaced by each change, gone once undone."""

    __tablename__ = "theme_undo"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    action: Mapped[str] = mapped_column(String(20))  # move, merge, split, rename, pin, delete
    # {"clusters": [{id, label, position, …}], "contributions": {id: [cluster_id, example]}}
    before: Mapped[dict[str, object]] = mapped_column(JSON)
    # The theme ids right after the change: another change since (a regrouping) makes the
    # snapshot stale, and undo refuses rather than tear the newer themes apart.
    after: Mapped[list[int] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
