"""Initiative follow-up (seed 003): initiatives from a session's output, tracked by DAS with a
status, its stage, who carries them, when DAS expects to handle them, and the history of their
status; per process the status report's own text (seed 003's "Overordnet samarbejde") and the
meeting it is for."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.core.db import Base, utcnow
from facilitator.processes.models import FocusArea, Process


class TrackedInitiative(Base):
    __tablename__ = "tracked_initiatives"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(
        ForeignKey("processes.id", ondelete="CASCADE"), index=True
    )
    focus_area_id: Mapped[int | None] = mapped_column(
        ForeignKey("focus_areas.id", ondelete="SET NULL")
    )
    title: Mapped[str] = mapped_column(Text)  # seed 003's "Initiativ"
    status: Mapped[str] = mapped_column(Text, default="")  # the current "Status"
    # Where it stands (STAGES): "done" turns "Forventet" into "Behandlet" in the report.
    stage: Mapped[str] = mapped_column(String(10), default="planned")
    carried_by: Mapped[str] = mapped_column(String(200), default="")  # "Arbejdsgruppen", "FU"
    expected_forum: Mapped[str] = mapped_column(String(200), default="")  # "DAS"
    expected_on: Mapped[date | None] = mapped_column(Date)  # first of the month if "month"
    expected_precision: Mapped[str] = mapped_column(String(5), default="month")
    # Where it came from: a contribution of a session's output (None: typed by the secretariat).
    source_contribution_id: Mapped[int | None] = mapped_column(
        ForeignKey("contributions.id", ondelete="SET NULL")
    )
    source_session_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop_sessions.id", ondelete="SET NULL")
    )
    position: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    process: Mapped[Process] = relationship(back_populates="tracked_initiatives")
    focus_area: Mapped[FocusArea | None] = relationship()
    history: Mapped[list[StatusChange]] = relationship(
        back_populates="initiative",
        order_by="(StatusChange.changed_at, StatusChange.id)",
        cascade="all, delete-orphan",
    )


class StatusChange(Base):
    """One status in an initiative's history: what it said, from when, and who wrote it."""

    __tablename__ = "initiative_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("tracked_initiatives.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(200), default="")  # a user's name or e-mail

    initiative: Mapped[TrackedInitiative] = relationship(back_populates="history")


class StatusOverview(Base):
    """A process's status report beyond its tables: seed 003's "Overordnet samarbejde" text and
    the meeting the report is for (one row per process, made when first saved)."""

    __tablename__ = "status_overviews"

    process_id: Mapped[int] = mapped_column(
        ForeignKey("processes.id", ondelete="CASCADE"), primary_key=True
    )
    overall: Mapped[str] = mapped_column(Text, default="")
    meeting_on: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
