from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.core.db import Base, utcnow
from facilitator.core.i18n import N_, gettext
from facilitator.processes.models import Process

if TYPE_CHECKING:  # activities point back at their session (imported for the type checker only)
    from facilitator.activities.models import Activity
    from facilitator.tables.models import SessionTable

# Danish labels, marked for translation: the properties below translate them when read.
SESSION_KINDS = {
    "visionsdag": N_("Visionsdag"),
    "workshop": N_("Fokusområde-workshop"),
    "dialogforum": N_("Dialogforum"),
    "andet": N_("Andet"),
}
# Sessions the app keeps for itself, never offered in the session form: a written
# consultation round stores its answers in one (facilitator/consultations).
BACKING_KINDS = {"hoering": N_("Skriftlig høring")}
SESSION_STATES = {"draft": N_("Kladde"), "live": N_("Live"), "closed": N_("Afsluttet")}


class WorkshopSession(Base):
    """One meeting (visionsdag, workshop, dialogforum). Never called `Session`."""

    __tablename__ = "workshop_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(
        ForeignKey("processes.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="workshop")
    date: Mapped[date | None]
    venue: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(10), default="draft")
    join_code: Mapped[str | None] = mapped_column(String(6), unique=True)
    screen_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Optional word for closed meetings: phones must type it to join; the projector shows it.
    passcode: Mapped[str] = mapped_column(String(20), default="", server_default="")
    closed_at: Mapped[datetime | None]  # when it was closed: retention counts from here
    next_steps: Mapped[str] = mapped_column(Text, default="", server_default="")  # "Næste skridt"
    starts_at: Mapped[time | None]  # "kl. 9.00-12.00" in the output document
    ends_at: Mapped[time | None]
    # "Vis spørgsmål": the projector shows the parking lot's top items instead of the activity.
    parking_shown: Mapped[bool] = mapped_column(default=False, server_default=false())

    process: Mapped[Process] = relationship(back_populates="sessions")
    activities: Mapped[list[Activity]] = relationship(
        back_populates="session", order_by="Activity.position", cascade="all, delete-orphan"
    )
    # The room's tables (facilitator/tables), in number order; read-only here (set_tables
    # writes them), so the relationship never fights the service.
    tables: Mapped[list[SessionTable]] = relationship(order_by="SessionTable.number", viewonly=True)

    @property
    def kind_label(self) -> str:
        label = SESSION_KINDS.get(self.kind) or BACKING_KINDS.get(self.kind)
        return gettext(label) if label else self.kind

    @property
    def is_meeting(self) -> bool:
        """A meeting people join (not the store of a written consultation round)."""
        return self.kind not in BACKING_KINDS

    @property
    def state_label(self) -> str:
        return gettext(SESSION_STATES[self.state])

    @property
    def open_activity(self) -> Activity | None:
        return next((a for a in self.activities if a.state == "open"), None)
