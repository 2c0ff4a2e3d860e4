"""Undo of the facilitator's last change to an activity's themes.

Before each curation change (move, merge, split, rename, pin, delete) `record` keeps the
activity's themes and which theme each contribution was in (and whether it was an example) in
one `ThemeUndo` row per activity; `undo` puts them back: deleted themes come back with their
ids, themes the change created go, and the contributions return where they were. Notes are
not part of the change: a theme that still exists keeps the note it has now.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from sqlalchemy import select

from facilitator.activities.models import Activity
from facilitator.clustering.models import Cluster, ThemeUndo
from facilitator.clustering.store import changed
from facilitator.contributions.models import Contribution
from facilitator.core.db import DbSession
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _

ACTIONS = ("move", "merge", "split", "rename", "pin", "unpin", "delete")
# What a theme row is in the snapshot: everything a deleted theme needs to come back.
FIELDS = (
    "id",
    "label",
    "position",
    "pinned",
    "edited",
    "suggestion",
    "alternatives",
    "note",
    "side",
)

# What undo puts back on a theme that still exists (its note stays as written since).
RESTORED = ("label", "position", "pinned", "edited", "suggestion", "alternatives")

T = TypeVar("T")


def _clusters(db: DbSession, activity_id: int) -> list[Cluster]:
    query = select(Cluster).where(Cluster.activity_id == activity_id).order_by(Cluster.id)
    return list(db.scalars(query))


def _contributions(db: DbSession, activity_id: int) -> list[Contribution]:
    query = select(Contribution).where(Contribution.activity_id == activity_id)
    return list(db.scalars(query.order_by(Contribution.id)))


def snapshot(db: DbSession, activity: Activity) -> dict[str, Any]:
    """The activity's themes and each contribution's theme and example flag, as JSON."""
    rows = _contributions(db, activity.id)
    return {
        "clusters": [{f: getattr(c, f) for f in FIELDS} for c in _clusters(db, activity.id)],
        # JSON object keys are strings; only rows in a theme or marked as examples are kept
        "contributions": {
            str(row.id): [row.cluster_id, row.example]
            for row in rows
            if row.cluster_id is not None or row.example
        },
        "newest": max((row.id for row in rows), default=0),  # later ones arrived since
    }


def record(db: DbSession, activity: Activity, action: str, change: Callable[[], T]) -> T:
    """Run `change` (a curation function: it commits and pushes) with the themes before it
    kept for `undo`. A change that fails (a DomainError) leaves the previous undo in place."""
    if action not in ACTIONS:
        raise ValueError(action)
    before = snapshot(db, activity)
    previous = db.get(ThemeUndo, activity.id)
    if previous is None:
        previous = ThemeUndo(activity_id=activity.id)
        db.add(previous)
    previous.action, previous.before, previous.after = action, before, None
    try:
        result = change()  # commits the change with its undo row: the push sees both
    except Exception:
        db.rollback()  # the earlier undo row, untouched, stays
        raise
    row = db.get_one(ThemeUndo, activity.id)
    row.after = [c.id for c in _clusters(db, activity.id)]
    db.commit()
    return result


def last_action(db: DbSession, activity: Activity) -> str | None:
    """What `undo` would undo now ("move", "merge", …), or None. Asked while the change's
    push is rendered too, before `after` is written."""
    row = db.get(ThemeUndo, activity.id)
    return row.action if row is not None else None


def undo(db: DbSession, activity: Activity) -> str:
    """Put the themes back as they were before the last change; returns its action."""
    row = db.get(ThemeUndo, activity.id)
    if row is None:
        raise ValidationError(_("Der er ingen ændring at fortryde."))
    before = cast(dict[str, Any], row.before)
    current = {c.id: c for c in _clusters(db, activity.id)}
    kept_before = {int(c["id"]) for c in before["clusters"]}
    after = list(current) if row.after is None else row.after  # None: the process died between
    if any(cid not in current for cid in after):
        # a regrouping replaced the themes since: putting the old ones back would scatter it
        db.delete(row)
        db.commit()
        raise ValidationError(
            _("Temaerne er grupperet igen siden den sidste ændring, så den kan ikke fortrydes.")
        )
    for cid in set(after) - kept_before:  # made by the change (a split): gone again
        db.delete(current.pop(cid))
    db.flush()
    for data in before["clusters"]:
        cluster = current.get(int(data["id"]))
        if cluster is None:  # deleted or merged away by the change: back with its id
            cluster = Cluster(activity_id=activity.id, **data)
            db.add(cluster)
        else:  # its note is not part of the change: the one written since stays
            for field in RESTORED:
                setattr(cluster, field, data[field])
    db.flush()
    places = cast(dict[str, list[Any]], before["contributions"])
    for contribution in _contributions(db, activity.id):
        place = places.get(str(contribution.id))
        if place is not None:
            contribution.cluster_id, contribution.example = place[0], bool(place[1])
        elif contribution.id <= int(before["newest"]):
            # was themeless then; one that arrived since keeps where it was placed
            contribution.cluster_id, contribution.example = None, False
        elif contribution.cluster_id is not None and contribution.cluster_id not in current:
            contribution.cluster_id = None
    action = row.action
    db.delete(row)
    changed(db, activity)
    return action
