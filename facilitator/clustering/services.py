"""Themes inside an activity: clustering, curation and late arrivals, persisted as Cluster rows.

The CPU work (`cluster_texts`, `assign_to_nearest`) is pure and goes through a `runner`, so the
web layer can move it off the event loop; reading and writing rows stays with the caller.
Every change commits, then sends `signals.clusters_updated`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from facilitator import signals
from facilitator.activities.models import TEXT_KINDS, Activity
from facilitator.clustering.engine import assign_to_nearest, cluster_texts, duplicate_groups
from facilitator.contributions import results
from facilitator.contributions.models import Cluster, Contribution
from facilitator.errors import NotFound, ValidationError

Runner = Callable[..., Any]
CLUSTERABLE = (*TEXT_KINDS, "dilemma")
MAX_LABEL = 200


def run_inline(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return fn(*args, **kwargs)


def _sides(activity: Activity) -> list[int | None]:
    """Dilemma reasons are themed per side; other kinds have one pool of texts."""
    return list(range(len(activity.sides))) if activity.kind == "dilemma" else [None]


def _texts(db: Session, activity: Activity, side: int | None) -> list[Contribution]:
    query = select(Contribution).where(
        Contribution.activity_id == activity.id, Contribution.hidden.is_(False),
        Contribution.superseded.is_(False), Contribution.text != "").order_by(Contribution.id)
    if side is not None:
        query = query.where(Contribution.side == side)
    return list(db.scalars(query))


def _clusters(db: Session, activity: Activity, side: int | None = None,
              all_sides: bool = False) -> list[Cluster]:
    query = select(Cluster).where(Cluster.activity_id == activity.id)
    if not all_sides:
        query = query.where(Cluster.side.is_(None) if side is None else Cluster.side == side)
    return list(db.scalars(query.order_by(Cluster.position, Cluster.id)))


def _changed(db: Session, activity: Activity) -> None:
    db.commit()
    signals.clusters_updated.send(activity, session_id=activity.session_id,
                                  activity_id=activity.id)


def has_clusters(db: Session, activity: Activity) -> bool:
    return db.scalar(select(Cluster.id).where(Cluster.activity_id == activity.id).limit(1)) \
        is not None


def cluster_activity(db: Session, activity: Activity, *, k: int | None = None,
                     backend: str = "lexical", model_path: str | None = None,
                     runner: Runner = run_inline) -> list[Cluster]:
    """(Re)cluster: pinned clusters and their members stay; unpinned ones are replaced."""
    if activity.kind not in CLUSTERABLE:
        raise ValidationError("Kun tekster og begrundelser kan grupperes i temaer.")
    if k is not None and not 2 <= k <= 20:
        raise ValidationError("Antal temaer skal være mellem 2 og 20.")
    for side in _sides(activity):
        existing = _clusters(db, activity, side)
        keep = {c.id for c in existing if c.pinned}
        rows = _texts(db, activity, side)
        free = [row for row in rows if row.cluster_id not in keep]
        for row in free:
            row.cluster_id = None
        for cluster in existing:
            if cluster.id not in keep:
                db.delete(cluster)
        db.flush()
        if not free:
            continue
        found = runner(cluster_texts, [row.text for row in free], k, backend=backend,
                       max_k=min(12, max(2, len(free) // 3)), model_path=model_path)
        position = len(keep)
        for theme in found:
            cluster = Cluster(activity_id=activity.id, side=side, label=theme.label[:MAX_LABEL],
                              position=position)
            db.add(cluster)
            db.flush()
            position += 1
            for index in theme.members:
                free[index].cluster_id = cluster.id
    _changed(db, activity)
    return _clusters(db, activity, all_sides=True)


def assign_new(db: Session, activity: Activity, contribution_ids: Sequence[int], *,
               backend: str = "lexical", model_path: str | None = None,
               runner: Runner = run_inline) -> int:
    """Late arrivals join the nearest existing theme; labels and edits are left alone."""
    assigned = 0
    for side in _sides(activity):
        clusters = _clusters(db, activity, side)
        if not clusters:
            continue
        rows = _texts(db, activity, side)
        new = [r for r in rows if r.id in set(contribution_ids) and r.cluster_id is None]
        placed = [r for r in rows if r.cluster_id is not None]
        if not new or not placed:
            continue
        index = {c.id: i for i, c in enumerate(clusters)}
        members: list[list[int]] = [[] for _ in clusters]
        for position, row in enumerate(placed):
            if row.cluster_id in index:
                members[index[row.cluster_id]].append(position)
        nearest = runner(assign_to_nearest, [r.text for r in placed], members,
                         [r.text for r in new], backend=backend, model_path=model_path)
        for row, choice in zip(new, nearest, strict=True):
            if choice >= 0:
                row.cluster_id = clusters[choice].id
                assigned += 1
    if assigned:
        _changed(db, activity)
    return assigned


# --- curation by the facilitator --------------------------------------------------------------

def get_cluster(db: Session, cluster_id: int) -> Cluster:
    cluster = db.get(Cluster, cluster_id)
    if cluster is None:
        raise NotFound("Temaet findes ikke længere.")
    return cluster


def _activity(db: Session, cluster: Cluster) -> Activity:
    return db.get(Activity, cluster.activity_id)


def rename_cluster(db: Session, cluster: Cluster, label: str) -> Cluster:
    label = " ".join(label.split())
    if not label:
        raise ValidationError("Giv temaet en overskrift.")
    if len(label) > MAX_LABEL:
        raise ValidationError(f"Overskriften må højst være {MAX_LABEL} tegn.")
    cluster.label = label
    cluster.edited = True
    _changed(db, _activity(db, cluster))
    return cluster


def set_pinned(db: Session, cluster: Cluster, pinned: bool) -> Cluster:
    cluster.pinned = pinned
    _changed(db, _activity(db, cluster))
    return cluster


def _members(db: Session, cluster: Cluster) -> list[Contribution]:
    return list(db.scalars(select(Contribution).where(Contribution.cluster_id == cluster.id)
                           .order_by(Contribution.id)))


def merge_clusters(db: Session, target: Cluster, sources: Sequence[Cluster]) -> Cluster:
    others = [c for c in sources if c.id != target.id]
    if not others:
        raise ValidationError("Vælg mindst to temaer at slå sammen.")
    if any(c.activity_id != target.activity_id or c.side != target.side for c in others):
        raise ValidationError("Kun temaer fra samme aktivitet (og samme side) kan slås sammen.")
    for cluster in others:
        for row in _members(db, cluster):
            row.cluster_id = target.id
        db.delete(cluster)
    target.edited = True
    _changed(db, _activity(db, target))
    return target


def split_cluster(db: Session, cluster: Cluster, *, runner: Runner = run_inline) -> Cluster:
    """Divide a theme in two; the second half becomes a new theme right after it."""
    rows = _members(db, cluster)
    if len(rows) < 2:
        raise ValidationError("Et tema skal have mindst to bidrag for at kunne deles.")
    halves = runner(cluster_texts, [r.text for r in rows], 2, min_k=2, max_k=2)
    if len(halves) < 2:  # identical texts: split down the middle
        middle = len(rows) // 2
        halves_members = [list(range(middle)), list(range(middle, len(rows)))]
        label = f"{cluster.label} (2)"
    else:
        halves_members = [halves[0].members, halves[1].members]
        label = halves[1].label
    activity = _activity(db, cluster)
    for later in _clusters(db, activity, cluster.side):
        if later.position > cluster.position:
            later.position += 1
    new = Cluster(activity_id=cluster.activity_id, side=cluster.side, label=label[:MAX_LABEL],
                  position=cluster.position + 1, edited=True)
    db.add(new)
    db.flush()
    for index in halves_members[1]:
        rows[index].cluster_id = new.id
    cluster.edited = True
    _changed(db, activity)
    return new


def move_contribution(db: Session, contribution: Contribution, cluster: Cluster | None) -> None:
    if cluster is not None and (cluster.activity_id != contribution.activity_id
                                or cluster.side != (contribution.side if cluster.side is not None
                                                    else None)):
        raise ValidationError("Bidraget kan kun flyttes til et tema i samme aktivitet og side.")
    contribution.cluster_id = cluster.id if cluster else None
    if cluster is not None:
        cluster.edited = True
    _changed(db, contribution.activity)


def delete_cluster(db: Session, cluster: Cluster) -> None:
    """The theme goes; its contributions stay, unthemed."""
    activity = _activity(db, cluster)
    for row in _members(db, cluster):
        row.cluster_id = None
    db.delete(cluster)
    _changed(db, activity)


# --- what console, projector and export show --------------------------------------------------

def _member_items(rows: list[Contribution], endorsements: dict[int, int]) -> list[dict]:
    """Near-duplicates (the same idea said twice) are one item with a count."""
    items = []
    for group in duplicate_groups([r.text for r in rows]) if rows else []:
        first = rows[group[0]]
        items.append({"id": first.id, "text": first.text, "count": len(group),
                      "ids": [rows[i].id for i in group],
                      "endorsements": sum(endorsements.get(rows[i].id, 0) for i in group)})
    return sorted(items, key=lambda item: (-item["count"], -item["endorsements"]))


def cluster_view(db: Session, activity: Activity) -> dict[str, Any]:
    endorsements = results.endorsement_counts(db, activity)
    by_cluster: dict[int | None, list[Contribution]] = {}
    for side in _sides(activity):
        for row in _texts(db, activity, side):
            by_cluster.setdefault(row.cluster_id, []).append(row)
    labels = [s["label"] for s in activity.sides]
    clusters = [{"id": c.id, "label": c.label, "pinned": c.pinned, "side": c.side,
                 "side_label": labels[c.side] if c.side is not None and c.side < len(labels)
                 else None,
                 "count": len(by_cluster.get(c.id, [])),
                 "members": _member_items(by_cluster.get(c.id, []), endorsements)}
                for c in _clusters(db, activity, all_sides=True)]
    clusters.sort(key=lambda c: (not c["pinned"], c["side"] or 0))
    known = {c["id"] for c in clusters}
    loose = [row for cid, rows in by_cluster.items() if cid not in known for row in rows]
    return {"activity_id": activity.id, "clusters": clusters,
            "unclustered": _member_items(loose, endorsements)}
