"""The status report's own parts beyond its tables (seed 003): the "Overordnet samarbejde" text
the secretariat writes, and the meeting the report is for ("DAS møde d. 25. maj 2020").

The meeting is, in this order: the date asked for at export, the date saved for the process, or
the process plan's next meeting of the report's forum (a plan row such as "August 2022 | DAS").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import object_session

from facilitator.core.db import DbSession
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.core.text import clean_text
from facilitator.followup.models import StatusOverview
from facilitator.processes.models import Process

OVERALL_MAX = 5000  # seed 003's "Overordnet samarbejde" is a lead sentence and a few bullets


@dataclass(frozen=True)
class Meeting:
    """The meeting a status report is for: a day, or only a month where the plan says so."""

    on: date
    precision: str = "day"  # "day" | "month" (processes.models.DATE_PRECISIONS)


def overview_of(process: Process) -> StatusOverview | None:
    """The process's saved overview, if any (read through the process's own session)."""
    db = object_session(process)
    return None if db is None else db.get(StatusOverview, process.id)


def save_overview(
    db: DbSession, process: Process, *, overall: str, meeting_on: date | None
) -> StatusOverview:
    """Saves the "Overordnet samarbejde" text (lines; "- " starts a bullet) and the meeting."""
    overall = clean_text(overall or "").strip()
    if len(overall) > OVERALL_MAX:
        raise ValidationError(
            _(
                "Overordnet samarbejde må højst være %(max)s tegn (nu %(count)s).",
                max=OVERALL_MAX,
                count=len(overall),
            )
        )
    row = db.get(StatusOverview, process.id)
    if row is None:
        row = StatusOverview(process_id=process.id)
        db.add(row)
    row.overall = overall
    row.meeting_on = meeting_on
    db.commit()
    return row


def planned_meeting(process: Process, forum: str, today: date) -> Meeting | None:
    """The plan's next row for `forum` (its own month counts until the month is over)."""
    wanted = forum.casefold().strip()
    for milestone in process.milestones:  # in date order
        if milestone.forum.casefold().strip() != wanted:
            continue
        month_over = (milestone.when.year, milestone.when.month) < (today.year, today.month)
        if milestone.precision == "month" and not month_over:
            return Meeting(milestone.when, "month")
        if milestone.precision != "month" and milestone.when >= today:
            return Meeting(milestone.when, "day")
    return None


def report_meeting(
    process: Process, forum: str, *, given: date | None, today: date
) -> Meeting | None:
    """The meeting the report is for: `given`, else the saved date, else the plan's next."""
    if given is not None:
        return Meeting(given)
    saved = overview_of(process)
    if saved is not None and saved.meeting_on is not None:
        return Meeting(saved.meeting_on)
    return planned_meeting(process, forum, today)
