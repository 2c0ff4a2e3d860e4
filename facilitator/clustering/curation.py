"""The facilitator's curation of themes: rename, annotate, pin, merge, split, move, delete.

Each change commits and sends `signals.clusters_updated` (store.changed). A theme the
facilitator has touched is kept (store.is_kept): regrouping leaves it and its members alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from facilitator.activities.models import Activity
from facilitator.clustering.duplicates import duplicate_groups
from facilitator.clustering.engine import cluster_texts
from facilitator.clustering.models import Cluster
from facilitator.clustering.store import MAX_LABEL, changed, clusters_of, run_inline
from facilitator.clustering.vectors import Runner
from facilitator.contributions.models import Contribution
from facilitator.core.db import DbSession
from facilitator.core.errors import NotFound, ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.sessions.notes import NOTE_MAX, clean_note


def get_cluster(db: DbSession, cluster_id: int) -> Cluster:
    cluster = db.get(Cluster, cluster_id)
    if cluster is None:
        raise NotFound(_("Temaet findes ikke længere."))
    return cluster


def _activity(db: DbSession, cluster: Cluster) -> Activity:
    return db.get_one(Activity, cluster.activity_id)


def rename_cluster(db: DbSession, cluster: Cluster, label: str) -> Cluster:
    label = " ".join(label.split())
    if not label:
        raise ValidationError(_("Giv temaet en overskrift."))
    if len(label) > MAX_LABEL:
        raise ValidationError(_("Overskriften må højst være %(n)s tegn.", n=MAX_LABEL))
    cluster.label = label
    cluster.edited = True
    cluster.suggestion = False  # the facilitator's own words (or a picked alternative) now
    changed(db, _activity(db, cluster))
    return cluster


def set_cluster_note(db: DbSession, cluster: Cluster, note: str) -> Cluster:
    """The secretariat's note under the theme's heading in the output document."""
    cluster.note = clean_note(note, limit=NOTE_MAX, field=_("Noten"))
    changed(db, _activity(db, cluster))
    return cluster


def set_pinned(db: DbSession, cluster: Cluster, pinned: bool) -> Cluster:
    cluster.pinned = pinned
    changed(db, _activity(db, cluster))
    return cluster


def _members(db: DbSession, cluster: Cluster) -> list[Contribution]:
    return list(
        db.scalars(
            select(Contribution)
            .where(Contribution.cluster_id == cluster.id)
            .order_by(Contribution.id)
        )
    )


def merge_clusters(db: DbSession, target: Cluster, sources: Sequence[Cluster]) -> Cluster:
    others = [c for c in sources if c.id != target.id]
    if not others:
        raise ValidationError(_("Vælg mindst to temaer at slå sammen."))
    if any(c.activity_id != target.activity_id or c.side != target.side for c in others):
        raise ValidationError(_("Kun temaer fra samme aktivitet (og samme side) kan slås sammen."))
    for cluster in others:
        for row in _members(db, cluster):
            row.cluster_id = target.id
        db.delete(cluster)
    target.edited = True
    changed(db, _activity(db, target))
    return target


def split_cluster(db: DbSession, cluster: Cluster, *, runner: Runner = run_inline) -> Cluster:
    """Divide a theme in two; the second half becomes a new theme right after it."""
    rows = _members(db, cluster)
    if len(rows) < 2:
        raise ValidationError(_("Et tema skal have mindst to bidrag for at kunne deles."))
    halves = runner(cluster_texts, [r.text for r in rows], 2, min_k=2, max_k=2)
    if len(halves) < 2:  # identical texts: split down the middle
        middle = len(rows) // 2
        halves_members = [list(range(middle)), list(range(middle, len(rows)))]
        label = f"{cluster.label} (2)"
    else:
        halves_members = [halves[0].members, halves[1].members]
        label = halves[1].label
    activity = _activity(db, cluster)
    for later in clusters_of(db, activity, cluster.side):
        if later.position > cluster.position:
            later.position += 1
    new = Cluster(
        activity_id=cluster.activity_id,
        side=cluster.side,
        label=label[:MAX_LABEL],
        position=cluster.position + 1,
        edited=True,
    )
    db.add(new)
    db.flush()
    for index in halves_members[1]:
        rows[index].cluster_id = new.id
    cluster.edited = True
    changed(db, activity)
    return new


def move_contribution(db: DbSession, contribution: Contribution, cluster: Cluster | None) -> None:
    """Move a contribution, and the near-duplicates it stands for, to another theme."""
    move_contributions(db, [contribution], cluster)


def move_contributions(
    db: DbSession, contributions: Sequence[Contribution], cluster: Cluster | None
) -> int:
    """Move contributions (each with the near-duplicates it stands for) to a theme, or out
    of every theme (None), in one change; returns how many rows moved. Moved by hand, they
    are examples of their new theme, which becomes the facilitator's (edited), so later
    arrivals and regroupings follow this judgement."""
    if not contributions:
        raise ValidationError(_("Vælg mindst ét bidrag at flytte."))
    activity_id = cluster.activity_id if cluster else contributions[0].activity_id
    for contribution in contributions:
        if contribution.activity_id != activity_id or (
            cluster is not None
            and cluster.side != (contribution.side if cluster.side is not None else None)
        ):
            raise ValidationError(
                _("Bidraget kan kun flyttes til et tema i samme aktivitet og side.")
            )
    rows = {row.id: row for c in contributions for row in _same_item(db, c)}
    for row in rows.values():
        row.cluster_id = cluster.id if cluster else None
        row.example = cluster is not None
    if cluster is not None:
        cluster.edited = True
    changed(db, contributions[0].activity)
    return len(rows)


def _same_item(db: DbSession, contribution: Contribution) -> list[Contribution]:
    """The contribution and its near-duplicates in the same theme (shown as one item)."""
    query = (
        select(Contribution)
        .where(
            Contribution.activity_id == contribution.activity_id,
            Contribution.hidden.is_(False),
            Contribution.superseded.is_(False),
            Contribution.text != "",
            Contribution.cluster_id.is_(None)
            if contribution.cluster_id is None
            else Contribution.cluster_id == contribution.cluster_id,
        )
        .order_by(Contribution.id)
    )
    rows = list(db.scalars(query))
    for group in duplicate_groups([r.text for r in rows]):
        if any(rows[i].id == contribution.id for i in group):
            return [rows[i] for i in group]
    return [contribution]


def delete_cluster(db: DbSession, cluster: Cluster) -> None:
    """The theme goes; its contributions stay, unthemed."""
    activity = _activity(db, cluster)
    for row in _members(db, cluster):
        row.cluster_id = None
        row.example = False  # an example of a theme that is gone teaches nothing
    db.delete(cluster)
    changed(db, activity)
