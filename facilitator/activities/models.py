from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, event, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from facilitator.core.db import Base
from facilitator.core.i18n import N_, gettext
from facilitator.processes.models import FocusArea
from facilitator.sessions.models import WorkshopSession

# Danish labels, marked for translation: the properties below translate them when read.
ACTIVITY_KINDS = {
    "retningspil": N_("Retningspile"),
    "dilemma": N_("Dilemma"),
    "open_question": N_("Åbent spørgsmål"),
    "initiative": N_("Initiativforslag"),
    "topic_vote": N_("Prioritering af emner"),
    "wordcloud": N_("Ordsky"),
}
ACTIVITY_STATES = {"pending": N_("Venter"), "open": N_("Åben"), "closed": N_("Lukket")}
TEXT_KINDS = ("retningspil", "open_question", "initiative")
# One counted answer per participant (the last one counts): a choice, or a check-in's words.
VOTE_KINDS = ("dilemma", "topic_vote", "wordcloud")
# Results wait for "Vis resultater" unless the facilitator shows them live: a choice seen
# early steers the rest. A check-in's cloud grows live by default: that is its point.
HIDDEN_RESULTS_KINDS = ("dilemma", "topic_vote")


class Activity(Base):
    """One agenda item. Kind-specific settings live in `settings` (JSON):

    dilemma: {"sides": [{"label", "description"}], "reason_required": bool}
    topic_vote: {"topics": [str], "max_choices": int}
    wordcloud: {"hidden_words": [str]} (words the facilitator took off the cloud)
    any kind: {"endorsements": bool, "results_live": bool, "premoderated": bool}
    """

    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("workshop_sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    prompt: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(10), default="pending")
    results_revealed: Mapped[bool] = mapped_column(default=False)
    focus_area_id: Mapped[int | None] = mapped_column(
        ForeignKey("focus_areas.id", ondelete="SET NULL")
    )
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The secretariat's voice in the output document: a short note ("Der var stor politisk
    # medvind ...") and a summary paragraph of what came out of the activity.
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
    summary: Mapped[str] = mapped_column(Text, default="", server_default="")
    # What the activity has published by group, as contributions.privacy.Decision's JSON text:
    # the decision holds for the activity's whole life (compared as text when it moves on).
    privacy: Mapped[str | None] = mapped_column(Text, default=None)
    # The countdown (activities/timer.py): the end time while it runs (naive UTC, the state a
    # restart or a reconnecting phone reads), the seconds left while paused, and whether the
    # activity closes at 0. No timer: both times None.
    timer_ends_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    timer_paused_left: Mapped[int | None] = mapped_column(default=None)
    timer_closes_at_zero: Mapped[bool] = mapped_column(default=False, server_default=false())

    session: Mapped[WorkshopSession] = relationship(back_populates="activities")
    focus_area: Mapped[FocusArea | None] = relationship()

    @property
    def kind_label(self) -> str:
        return gettext(ACTIVITY_KINDS[self.kind])

    @property
    def state_label(self) -> str:
        return gettext(ACTIVITY_STATES[self.state])

    @property
    def sides(self) -> list[dict[str, str]]:
        return list(self.settings.get("sides", []))

    @property
    def topics(self) -> list[str]:
        return list(self.settings.get("topics", []))

    @property
    def max_choices(self) -> int:
        return int(self.settings.get("max_choices", 3))

    @property
    def reason_required(self) -> bool:
        return bool(self.settings.get("reason_required", False))

    @property
    def endorsements_enabled(self) -> bool:
        """Participants may say "Enig" to each other's statements (the facilitator's choice)."""
        return bool(self.settings.get("endorsements", False))

    @property
    def document_by_table(self) -> bool:
        """ "Dokumentet: efter bord": the document's section groups statements by table
        (facilitator/tables) instead of by theme."""
        return bool(self.settings.get("by_table", False))

    @property
    def results_live(self) -> bool:
        """Results show while people answer; dilemmas and votes wait for "Vis resultater" by
        default, so the room's first answers don't steer the rest."""
        return bool(self.settings.get("results_live", self.kind not in HIDDEN_RESULTS_KINDS))

    @property
    def hidden_words(self) -> list[str]:
        """A word cloud's words the facilitator took off the cloud (any form of them)."""
        return list(self.settings.get("hidden_words", []))

    @property
    def premoderated(self) -> bool:
        """Statements wait for the facilitator's approval before the projector shows them."""
        return bool(self.settings.get("premoderated", False))

    @property
    def is_vote(self) -> bool:
        """A dilemma, topic vote or word cloud: each participant's one answer is counted, the
        last (VOTE_KINDS)."""
        return self.kind in VOTE_KINDS

    @property
    def results_visible(self) -> bool:
        """Phones and projector may show the results now."""
        return self.results_live or self.results_revealed

    @property
    def results_on_phones(self) -> bool:
        """Phones get a vote's or dilemma's tallies when the room does. A text activity's
        statements reach phones only when participants may agree with them ("Enig") or the
        facilitator shows them ("Vis resultater"): the projector carries the wall, and a room
        of phones need not each download every statement as it arrives. A check-in's cloud
        likewise: counts four times a second to every phone would be a room's bandwidth."""
        if self.takes_text:
            return self.results_revealed or (self.endorsements_enabled and self.results_visible)
        if self.kind == "wordcloud":  # the projector's live cloud; phones once it is shown
            return self.results_revealed
        return self.results_visible

    @property
    def takes_text(self) -> bool:
        return self.kind in TEXT_KINDS


@event.listens_for(Activity.state, "set")
def _timer_ends_with_the_activity(
    activity: Activity, state: str, previous: object, initiator: object
) -> None:
    """A countdown belongs to the open activity: however it closes (Luk, another opened, the
    session ended) its timer goes, so opening it again never brings back an old countdown."""
    if state != "open":
        activity.timer_ends_at = None
        activity.timer_paused_left = None
        activity.timer_closes_at_zero = False
