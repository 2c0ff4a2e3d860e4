"""Written consultation rounds (skriftlig høring, seed 001): questions sent to the political
committees and handicap councils, answered in writing by a deadline through a link per body.

Answers become contributions of a hidden backing session (one open-question activity per
question), so themes, guided themes and the document treat them like any other input.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.activities.models import Activity
from facilitator.core.db import Base, utcnow
from facilitator.processes.models import FocusArea, Process
from facilitator.sessions.models import WorkshopSession


class ConsultationRound(Base):
    __tablename__ = "consultation_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(
        ForeignKey("processes.id", ondelete="CASCADE"), index=True
    )
    # Where the answers live as contributions: a session no phone can join (no join code).
    session_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_sessions.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    intro: Mapped[str] = mapped_column(Text, default="")  # the letter above the questions
    deadline: Mapped[datetime]  # naive UTC: the last moment an answer is accepted
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    process: Mapped[Process] = relationship(back_populates="consultation_rounds")
    session: Mapped[WorkshopSession] = relationship()
    questions: Mapped[list[ConsultationQuestion]] = relationship(
        back_populates="round",
        order_by="ConsultationQuestion.position",
        cascade="all, delete-orphan",
    )
    invitations: Mapped[list[Invitation]] = relationship(
        back_populates="round",
        order_by="(Invitation.organisation, Invitation.body)",
        cascade="all, delete-orphan",
    )


class ConsultationQuestion(Base):
    __tablename__ = "consultation_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_rounds.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(Text)
    focus_area_id: Mapped[int | None] = mapped_column(
        ForeignKey("focus_areas.id", ondelete="SET NULL")
    )
    # The backing open-question activity whose contributions are the answers' paragraphs.
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"))

    round: Mapped[ConsultationRound] = relationship(back_populates="questions")
    focus_area: Mapped[FocusArea | None] = relationship()
    activity: Mapped[Activity] = relationship()


class Invitation(Base):
    """One invited body (e.g. "Socialudvalget, Aalborg Kommune") and its private link."""

    __tablename__ = "consultation_invitations"
    __table_args__ = (UniqueConstraint("round_id", "organisation", "body"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_rounds.id", ondelete="CASCADE"), index=True
    )
    body: Mapped[str] = mapped_column(String(200))  # "Socialudvalget", "Handicaprådet"
    organisation: Mapped[str] = mapped_column(String(120), default="")  # "Aalborg Kommune"
    email: Mapped[str] = mapped_column(String(254), default="")
    # 256 random bits, url-safe. Kept readable (not hashed): the secretariat copies the link
    # again when it reminds a body that has lost its e-mail.
    token: Mapped[str] = mapped_column(String(64), unique=True)
    # The body's author row in the backing session, made at its first submission.
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL")
    )
    submitted_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    round: Mapped[ConsultationRound] = relationship(back_populates="invitations")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="invitation", cascade="all, delete-orphan"
    )

    @property
    def name(self) -> str:
        """How documents name the body: "Socialudvalget, Aalborg Kommune"."""
        return ", ".join(part for part in (self.body, self.organisation) if part)


class Answer(Base):
    """A body's text for one question: a draft until the body submits (then read-only)."""

    __tablename__ = "consultation_answers"
    __table_args__ = (UniqueConstraint("invitation_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_invitations.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("consultation_questions.id", ondelete="CASCADE")
    )
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    invitation: Mapped[Invitation] = relationship(back_populates="answers")
    question: Mapped[ConsultationQuestion] = relationship()
