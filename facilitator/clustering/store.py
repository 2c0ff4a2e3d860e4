"""An activity's theme rows as the theme services read them, and how every change ends.

Shared by grouping (facilitator/clustering/grouping.py), the facilitator's curation
(curation.py) and the view (theme_view.py): which texts and themes an activity has, per side,
and `changed`, the commit that sends `signals.clusters_updated`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import undefer

from facilitator.activities.models import TEXT_KINDS, Activity
from facilitator.clustering.models import Cluster
from facilitator.contributions.models import Contribution
from facilitator.core import signals
from facilitator.core.db import DbSession

CLUSTERABLE = (*TEXT_KINDS, "dilemma")
MAX_LABEL = 200


def run_inline(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return fn(*args, **kwargs)


def sides_of(activity: Activity) -> list[int | None]:
    """Dilemma reasons are themed per side; other kinds have one pool of texts."""
    return list(range(len(activity.sides))) if activity.kind == "dilemma" else [None]


def texts_of(
    db: DbSession,
    activity: Activity,
    side: int | None,
    with_vectors: bool = False,
    fresh: bool = False,
) -> list[Contribution]:
    """Visible texts of one side. `fresh`: as they are in the database now (after the CPU
    work), not as the identity map remembers them."""
    query = (
        select(Contribution)
        .where(
            Contribution.activity_id == activity.id,
            Contribution.hidden.is_(False),
            Contribution.held.is_(False),  # a dilemma reason waiting for approval
            Contribution.superseded.is_(False),
            Contribution.text != "",
        )
        .order_by(Contribution.id)
    )
    if side is not None:
        query = query.where(Contribution.side == side)
    if with_vectors:
        query = query.options(undefer(Contribution.embedding))
    if fresh:
        query = query.execution_options(populate_existing=True)
    return list(db.scalars(query))


def clusters_of(
    db: DbSession, activity: Activity, side: int | None = None, all_sides: bool = False
) -> list[Cluster]:
    query = select(Cluster).where(Cluster.activity_id == activity.id)
    if not all_sides:
        query = query.where(Cluster.side.is_(None) if side is None else Cluster.side == side)
    return list(db.scalars(query.order_by(Cluster.position, Cluster.id)))


def changed(db: DbSession, activity: Activity) -> None:
    db.commit()
    signals.clusters_updated.send(activity, session_id=activity.session_id, activity_id=activity.id)


def has_contributions(db: DbSession, activity: Activity) -> bool:
    return (
        db.scalar(
            select(Contribution.id)
            .where(Contribution.activity_id == activity.id, Contribution.text != "")
            .limit(1)
        )
        is not None
    )


def has_clusters(db: DbSession, activity: Activity) -> bool:
    return (
        db.scalar(select(Cluster.id).where(Cluster.activity_id == activity.id).limit(1)) is not None
    )


def is_kept(cluster: Cluster) -> bool:
    """The facilitator's themes: given, pinned, renamed, merged or taught by a move."""
    return cluster.pinned or cluster.edited
