"""The secretary's edits to a session document's body (the output page): one row per edit.

export.body_edits applies them to the report model; export.edit_store reads and writes them.
Each row goes with what it names (ON DELETE CASCADE): deleting an activity, a theme or a
contribution (a participant's data, a purge) takes the edits about it along, rewritten words
included.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from facilitator.core.db import Base, utcnow


class BodyEdit(Base):
    __tablename__ = "body_edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))  # export.body_edits.KINDS
    # theme_order: the theme (None: the unclustered rest, "Øvrige bidrag")
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("clusters.id", ondelete="CASCADE"))
    # point_order, rewrite, merge: the bullet, by its first contribution
    contribution_id: Mapped[int | None] = mapped_column(
        ForeignKey("contributions.id", ondelete="CASCADE"), index=True
    )
    # merge: the bullet merged into contribution_id's
    other_id: Mapped[int | None] = mapped_column(
        ForeignKey("contributions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text, default="")  # rewrite, merge: the body's words
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
