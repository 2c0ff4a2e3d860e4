"""A withdrawn contribution kept as data for "Fortryd" (contributions.models.Withdrawal), and the
same rows built back from it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from facilitator.clustering.models import Cluster
from facilitator.contributions.models import Contribution, Endorsement, Participant, Withdrawal
from facilitator.core.db import DbSession


def tombstone(row: Contribution) -> dict[str, Any]:
    """A deleted row as restore() needs it back. Not its vector: the next grouping computes
    one, as after an edit."""
    return {
        "id": row.id,
        "client_id": row.client_id,
        "text": row.text,
        "side": row.side,
        "choices": row.choices,
        "hidden": row.hidden,
        "superseded": row.superseded,
        "highlighted": row.highlighted,
        "cluster_id": row.cluster_id,
        "created_at": row.created_at.isoformat(),
        "endorsements": [[e.participant_id, e.created_at.isoformat()] for e in row.endorsements],
    }


def revived(db: DbSession, withdrawal: Withdrawal) -> list[Contribution]:
    """The tombstone's rows, as they were. A theme regrouped away meanwhile, or an endorser
    whose data was deleted, is left out rather than refused."""
    themes = {data["cluster_id"] for data in withdrawal.rows if data["cluster_id"]}
    live_themes = (
        set(db.scalars(select(Cluster.id).where(Cluster.id.in_(themes)))) if themes else set()
    )
    endorsers = {p for data in withdrawal.rows for p, _at in data["endorsements"]}
    live_endorsers = (
        set(db.scalars(select(Participant.id).where(Participant.id.in_(endorsers))))
        if endorsers
        else set()
    )
    rows = []
    for data in withdrawal.rows:
        row = Contribution(
            id=data["id"],
            activity_id=withdrawal.activity_id,
            participant_id=withdrawal.participant_id,
            client_id=data["client_id"],
            text=data["text"],
            side=data["side"],
            choices=data["choices"],
            hidden=data["hidden"],
            superseded=data["superseded"],
            highlighted=data["highlighted"],
            cluster_id=data["cluster_id"] if data["cluster_id"] in live_themes else None,
            created_at=datetime.fromisoformat(data["created_at"]),
        )
        row.endorsements = [
            Endorsement(participant_id=p, created_at=datetime.fromisoformat(at))
            for p, at in data["endorsements"]
            if p in live_endorsers
        ]
        rows.append(row)
    return rows
