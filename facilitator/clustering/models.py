"""The persisted theme: a Cluster row groups contributions inside one activity."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
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
    note: Mapped[str] = mapped_column(Text, default="", server_default="")  # secretariat's note
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
