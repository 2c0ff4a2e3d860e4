"""Helpers for table-group tests: an open text activity and a statement from someone."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from facilitator.activities import services as activities
from facilitator.activities.models import Activity
from facilitator.contributions import services as contributions
from facilitator.contributions.models import Contribution, Participant
from facilitator.contributions.validation import Submission
from facilitator.sessions.models import WorkshopSession


def text_activity(db: Session, session: WorkshopSession, by_table: bool = False) -> Activity:
    settings = activities.shared_settings(results_live=True, endorsements=False, by_table=by_table)
    activity = activities.add_activity(
        db, session, kind="open_question", title="Hvad er vigtigst?", settings=settings
    )
    return activities.open_activity(db, activity)


def say(db: Session, activity: Activity, who: Participant, text: str) -> Contribution:
    row, _ = contributions.submit(
        db, who, activity, Submission(client_id=uuid.uuid4().hex, text=text)
    )
    return row
