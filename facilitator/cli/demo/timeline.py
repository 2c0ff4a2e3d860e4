"""The demo's clock: its rows are dated within the meeting they simulate, not the load.

The annex and the spreadsheet give each contribution the time it was sent; a demo loaded on
any day must read as the visionsdag it is (10 June 2022, 9.00-12.00). The session's hours are
shared evenly by its activities in agenda order, and each activity's rows are spread evenly
over its share in the order they were sent: deterministic, no clock and no randomness.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta

from sqlalchemy import select

from facilitator.contributions.models import Contribution, Endorsement, Participant
from facilitator.core.clock import stored_time
from facilitator.core.db import DbSession
from facilitator.sessions.models import WorkshopSession

ARRIVAL = timedelta(minutes=15)  # phones join in the quarter before the start
DEFAULT_START, DEFAULT_LENGTH = time(9, 0), timedelta(hours=3)


def meeting_window(session: WorkshopSession) -> tuple[datetime, datetime]:
    """The meeting's start and end as stored (naive UTC); three hours when no end is set."""
    if session.date is None:
        raise ValueError("the demo's session has no date")
    starts = session.starts_at or DEFAULT_START
    start = stored_time(session.date, starts)
    if session.ends_at is not None and session.ends_at > starts:
        return start, stored_time(session.date, session.ends_at)
    return start, start + DEFAULT_LENGTH


def spread(start: datetime, end: datetime, count: int) -> list[datetime]:
    """`count` moments strictly inside [start, end), evenly spaced, to the whole second."""
    step = (end - start) / (count + 1)
    return [(start + step * (k + 1)).replace(microsecond=0) for k in range(count)]


def date_as_held(db: DbSession, session: WorkshopSession) -> None:
    """Move every participant, contribution and endorsement of `session` into its meeting."""
    start, end = meeting_window(session)
    people = list(
        db.scalars(
            select(Participant).where(Participant.session_id == session.id).order_by(Participant.id)
        )
    )
    for person, moment in zip(people, spread(start - ARRIVAL, start, len(people)), strict=True):
        person.joined_at = moment
    activities = list(session.activities)  # agenda order
    share = (end - start) / max(len(activities), 1)
    for index, activity in enumerate(activities):
        slot_start = start + share * index
        slot_end = slot_start + share
        rows = list(
            db.scalars(
                select(Contribution)
                .where(Contribution.activity_id == activity.id)
                .order_by(Contribution.id)
            )
        )
        agreed: dict[int, list[Endorsement]] = defaultdict(list)
        for endorsement in db.scalars(
            select(Endorsement)
            .join(Contribution, Contribution.id == Endorsement.contribution_id)
            .where(Contribution.activity_id == activity.id)
            .order_by(Endorsement.id)
        ):
            agreed[endorsement.contribution_id].append(endorsement)
        for row, moment in zip(rows, spread(slot_start, slot_end, len(rows)), strict=True):
            row.created_at = moment
            # agreed with after it was sent, before the activity's share of the hours ends
            later = agreed[row.id]
            for endorsement, when in zip(later, spread(moment, slot_end, len(later)), strict=True):
                endorsement.created_at = when
    db.commit()
