from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.core.db import Base, utcnow

if TYPE_CHECKING:  # the models that point back at a process (imported for the type checker only)
    from facilitator.consultations.models import ConsultationRound
    from facilitator.followup.models import TrackedInitiative
    from facilitator.sessions.models import WorkshopSession


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
    sessions: Mapped[list[WorkshopSession]] = relationship(
        back_populates="process", order_by="WorkshopSession.date", cascade="all, delete-orphan"
    )
    milestones: Mapped[list[Milestone]] = relationship(
        back_populates="process",
        order_by="(Milestone.when, Milestone.id)",
        cascade="all, delete-orphan",
    )
    consultation_rounds: Mapped[list[ConsultationRound]] = relationship(
        back_populates="process",
        order_by="ConsultationRound.deadline",
        cascade="all, delete-orphan",
    )
    tracked_initiatives: Mapped[list[TrackedInitiative]] = relationship(
        back_populates="process",
        order_by="TrackedInitiative.position",
        cascade="all, delete-orphan",
    )

    @property
    def meetings(self) -> list[WorkshopSession]:
        """The sessions people meet in: without the stores of written consultation rounds."""
        return [session for session in self.sessions if session.is_meeting]


class FocusArea(Base):
    __tablename__ = "focus_areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(
        ForeignKey("processes.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    process: Mapped[Process] = relationship(back_populates="focus_areas")


# What is planned to a day or only to a month: a milestone ("28. januar 2022" or "Marts 2022",
# as in seed 000) and an initiative's expected handling ("DAS, oktober 2022", seed 003).
DATE_PRECISIONS = ("day", "month")


def planned_day(when: date, precision: str) -> date:
    """How a planned date is kept: the first of its month when only the month is planned."""
    return when.replace(day=1) if precision == "month" else when


class Milestone(Base):
    """One row of a process plan (seed 000: Tidspunkt / Forum / Handling)."""

    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(
        ForeignKey("processes.id", ondelete="CASCADE"), index=True
    )
    # The first of the month when only the month is planned (precision "month").
    when: Mapped[date] = mapped_column(Date)
    precision: Mapped[str] = mapped_column(String(5), default="day")
    forum: Mapped[str] = mapped_column(String(200), default="")  # "DAS", "Politiske udvalg"
    action: Mapped[str] = mapped_column(Text, default="")  # "DAS udpeger fokusområder"
    # The time as the secretariat wrote it in a pasted plan when `when` cannot say it
    # ("September/oktober"): the plan shows it as written, `when` only places the row in time.
    # Empty: `when` is shown (in the reader's language).
    time_text: Mapped[str] = mapped_column(String(60), default="")
    # The meeting the milestone is, where there is one in the app.
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop_sessions.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    process: Mapped[Process] = relationship(back_populates="milestones")
    session: Mapped[WorkshopSession | None] = relationship()
