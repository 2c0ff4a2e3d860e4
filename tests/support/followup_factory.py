"""A process whose workshop produced initiative proposals, for the follow-up tests."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy.orm import Session

from facilitator.accounts.models import User
from facilitator.contributions.models import Contribution, Participant
from facilitator.processes.models import Process
from facilitator.processes.services import create_process
from facilitator.sessions.services import create_session

AREAS = ["Socialfagligt fokus på beskæftigelse", "Nye samarbejdsformer"]


@dataclass
class Workshop:
    process: Process
    proposals: list[Contribution]  # [0] highlighted, under AREAS[0]; [1], [2] under AREAS[1]
    other: Contribution  # to a non-initiative activity


def workshop_with_proposals(
    db: Session, owner: User, title: str = "Nordjysk Socialaftale 2018-2020"
) -> Workshop:
    process = create_process(db, owner, title, focus_areas=AREAS)
    session = create_session(
        db, process, title="Fokusområde-workshop", kind="workshop", template="workshop"
    )
    initiative = [a for a in session.activities if a.kind == "initiative"]
    person = Participant(
        session_id=session.id, token_hash=hashlib.sha256(f"{title}-p".encode()).hexdigest()
    )
    db.add(person)
    db.flush()

    def contribution(
        activity_id: int, text: str, n: int, highlighted: bool = False
    ) -> Contribution:
        row = Contribution(
            activity_id=activity_id,
            participant_id=person.id,
            client_id=f"c{n}",
            text=text,
            highlighted=highlighted,
        )
        db.add(row)
        db.flush()
        return row

    later = contribution(initiative[1].id, "Brugerpanelet", 1)
    also = contribution(initiative[1].id, "Undervisning af borgere med høretab", 2)
    first = contribution(
        initiative[0].id, "Pjece om beskæftigelse for førtidspensionister", 3, highlighted=True
    )
    other = contribution(session.activities[0].id, "Vi skal samarbejde mere", 4)
    db.commit()
    return Workshop(process, [first, later, also], other)
