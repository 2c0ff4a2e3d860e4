from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.db import Base, utcnow


class Process(Base):
    """A forløb, e.g. "Nordjysk Socialaftale 2023-2024": sessions sharing focus areas."""

    __tablename__ = "processes"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    organisations: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    focus_areas: Mapped[list[FocusArea]] = relationship(
        back_populates="process", order_by="FocusArea.position", cascade="all, delete-orphan"
    )
    sessions: Mapped[list[WorkshopSession]] = relationship(  # noqa: F821
        back_populates="process", order_by="WorkshopSession.date", cascade="all, delete-orphan"
    )


class FocusArea(Base):
    __tablename__ = "focus_areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"),
                                            index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    process: Mapped[Process] = relationship(back_populates="focus_areas")
