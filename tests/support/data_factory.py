"""Rows for deletion and purge tests: participants, contributions, endorsements and a theme,
written straight through the models so they exist whatever the live rules allow."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.accounts.models import User
from facilitator.activities.models import Activity
from facilitator.audit.models import AuditEvent
from facilitator.clustering.models import Cluster
from facilitator.contributions.models import Contribution, Endorsement, Participant
from facilitator.processes.models import FocusArea, Process
from facilitator.processes.services import create_process
from facilitator.sessions.models import WorkshopSession
from facilitator.sessions.services import create_session

# Every table a session's data lives in, for counting what is left.
TABLES = (
    Process,
    FocusArea,
    WorkshopSession,
    Activity,
    Participant,
    Contribution,
    Endorsement,
    Cluster,
)


def fill_session(db: Session, session: WorkshopSession, people: int = 3) -> None:
    """`people` participants, each with one text in the first text activity, endorsed by
    the first participant, all in one theme."""
    activity = next(a for a in session.activities if a.takes_text)
    theme = Cluster(activity_id=activity.id, label="Tema")
    db.add(theme)
    participants = [
        Participant(
            session_id=session.id,
            group="politiker",
            token_hash=hashlib.sha256(f"{session.id}-{n}".encode()).hexdigest(),
        )
        for n in range(people)
    ]
    db.add_all(participants)
    db.flush()
    for n, person in enumerate(participants):
        row = Contribution(
            activity_id=activity.id,
            participant_id=person.id,
            client_id=f"klient-{n:04d}",
            text=f"Bidrag nummer {n}",
            cluster_id=theme.id,
        )
        db.add(row)
        db.flush()
        db.add(Endorsement(contribution_id=row.id, participant_id=participants[0].id))
    db.commit()


def closed_session(
    db: Session,
    owner: User,
    *,
    title: str = "Workshop",
    closed_at: datetime | None,
    created_at: datetime | None = None,
    process: Process | None = None,
    people: int = 3,
) -> WorkshopSession:
    """A closed session with data, closed (and created) when the test says."""
    if process is None:
        process = create_process(db, owner, f"Forløb for {title}", focus_areas=["Psykiatri"])
        if created_at is not None:
            process.created_at = created_at
    session = create_session(db, process, title=title, kind="workshop", template="workshop")
    fill_session(db, session, people)
    session.state, session.closed_at = "closed", closed_at
    if created_at is not None:
        session.created_at = created_at
    db.commit()
    return session


def row_counts(db: Session) -> dict[str, int]:
    return {
        model.__tablename__: db.scalar(select(func.count()).select_from(model)) for model in TABLES
    }


def audit_events(
    db: Session,
    kinds: tuple[str, ...] = ("purge", "delete", "export"),
) -> list[AuditEvent]:
    """The trail's data events (logins and user changes write their own)."""
    return list(
        db.scalars(select(AuditEvent).where(AuditEvent.event.in_(kinds)).order_by(AuditEvent.id))
    )
