"""JSON shapes sent to browsers over Socket.IO (documented in docs/realtime.md)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator.activities.models import Activity
from facilitator.contributions import results
from facilitator.contributions.models import Contribution, Participant
from facilitator.sessions.models import WorkshopSession


def activity_payload(db: Session, activity: Activity | None, max_chars: int) -> dict | None:
    """What a phone needs to render an activity; results only once revealed."""
    if activity is None:
        return None
    return {
        "id": activity.id,
        "kind": activity.kind,
        "kind_label": activity.kind_label,
        "title": activity.title,
        "prompt": activity.prompt,
        "state": activity.state,
        "focus_area": activity.focus_area.name if activity.focus_area else None,
        "sides": activity.sides,
        "topics": activity.topics,
        "max_choices": activity.max_choices,
        "reason_required": activity.reason_required,
        "max_chars": max_chars,
        "results_revealed": activity.results_revealed,
        "results": results.activity_results(db, activity) if activity.results_revealed else None,
    }


def contribution_payload(contribution: Contribution) -> dict[str, Any]:
    """One contribution as it goes live and back to its phone. No group: a lone politician's
    statement must not arrive tagged "Politiker"; labelled lists come from
    results.activity_results, where facilitator.privacy decides."""
    return {"id": contribution.id, "activity_id": contribution.activity_id,
            "client_id": contribution.client_id, "text": contribution.text,
            "side": contribution.side, "choices": contribution.choices,
            "hidden": contribution.hidden}


def own_contributions(db: Session, participant: Participant, activity: Activity) -> list[dict]:
    rows = db.scalars(select(Contribution).where(
        Contribution.participant_id == participant.id, Contribution.activity_id == activity.id,
        Contribution.superseded.is_(False)).order_by(Contribution.id))
    return [contribution_payload(row) for row in rows]


def phone_snapshot(db: Session, session: WorkshopSession, participant: Participant,
                   max_chars: int) -> dict[str, Any]:
    activity = session.open_activity
    return {
        "session": {"id": session.id, "title": session.title, "state": session.state},
        "activity": activity_payload(db, activity, max_chars),
        "own": own_contributions(db, participant, activity) if activity else [],
    }


def screen_clusters(db: Session, activity: Activity | None) -> dict | None:
    """The themes of the open activity, once the facilitator has grouped it."""
    from facilitator.clustering.services import cluster_view, has_clusters

    if activity is None or not has_clusters(db, activity):
        return None
    view = cluster_view(db, activity)
    return {**view, "density": wall_density(len(view["clusters"]))}


def wall_density(themes: int) -> str:
    """How much of each theme fits on the projector: examples shrink as themes grow."""
    if themes <= 4:
        return "few"
    if themes <= 6:
        return "many"
    return "crowded" if themes <= 12 else "headings"


def screen_snapshot(db: Session, session: WorkshopSession) -> dict[str, Any]:
    activity = session.open_activity
    return {
        "session": {"id": session.id, "title": session.title, "state": session.state,
                    "kind_label": session.kind_label, "join_code": session.join_code},
        "activity": activity_payload(db, activity, 0),
        "results": results.activity_results(db, activity) if activity else None,
        "clusters": screen_clusters(db, activity),
        "joined": results.participant_count(db, session),
    }
