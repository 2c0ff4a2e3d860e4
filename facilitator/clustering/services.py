"""Themes inside an activity: clustering, curation and late arrivals, persisted as Cluster rows.

The CPU work (`cluster_texts`, `assign_to_nearest`, embedding) is pure and goes through a
`runner`, so the caller can move it off the event loop (the server uses a worker process);
reading and writing rows stays here. Statement vectors are stored with each contribution and
reused (facilitator/clustering/vectors.py). Every change commits, then sends
`signals.clusters_updated`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, undefer

from facilitator.activities.models import TEXT_KINDS, Activity
from facilitator.clustering import vectors
from facilitator.clustering.engine import (
    MAX_K,
    assign_to_nearest,
    cluster_texts,
    duplicate_groups,
    fit_under_headings,
    sort_into_themes,
)
from facilitator.clustering.engine import Cluster as EngineCluster
from facilitator.clustering.models import Cluster
from facilitator.contributions import results
from facilitator.contributions.models import Contribution
from facilitator.core import signals
from facilitator.core.errors import NotFound, ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.live.protocol import ClusterMember, ClusterView
from facilitator.sessions.notes import NOTE_MAX, clean_note

Runner = Callable[..., Any]
CLUSTERABLE = (*TEXT_KINDS, "dilemma")
MAX_LABEL = 200


def run_inline(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return fn(*args, **kwargs)


def _sides(activity: Activity) -> list[int | None]:
    """Dilemma reasons are themed per side; other kinds have one pool of texts."""
    return list(range(len(activity.sides))) if activity.kind == "dilemma" else [None]


def _texts(db: Session, activity: Activity, side: int | None,
           with_vectors: bool = False, fresh: bool = False) -> list[Contribution]:
    """Visible texts of one side. `fresh`: as they are in the database now (after the CPU
    work), not as the identity map remembers them."""
    query = select(Contribution).where(
        Contribution.activity_id == activity.id, Contribution.hidden.is_(False),
        Contribution.superseded.is_(False), Contribution.text != "").order_by(Contribution.id)
    if side is not None:
        query = query.where(Contribution.side == side)
    if with_vectors:
        query = query.options(undefer(Contribution.embedding))
    if fresh:
        query = query.execution_options(populate_existing=True)
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


def has_contributions(db: Session, activity: Activity) -> bool:
    return db.scalar(select(Contribution.id).where(
        Contribution.activity_id == activity.id, Contribution.text != "").limit(1)) is not None


def has_clusters(db: Session, activity: Activity) -> bool:
    return db.scalar(select(Cluster.id).where(Cluster.activity_id == activity.id).limit(1)) \
        is not None


def _kept(cluster: Cluster) -> bool:
    """The facilitator's themes: given, pinned, renamed, merged or taught by a move."""
    return cluster.pinned or cluster.edited


@dataclass
class _Plan:
    """One side's grouping input, read before the CPU work."""

    side: int | None
    kept: list[Cluster]
    fixed: list[Contribution]  # members of kept themes: they stay where they are
    free: list[Contribution]  # everything else: sorted anew
    matrix: Any

    def compute(self, runner: Runner, k: int | None, backend: str,
                model_path: str | None) -> list[EngineCluster]:
        if not self.free:
            return []
        if not self.kept:
            return runner(cluster_texts, [row.text for row in self.free], k, backend=backend,
                          max_k=min(MAX_K, max(2, len(self.free) // 3)), model_path=model_path,
                          vectors=self.matrix)
        index = {c.id: h for h, c in enumerate(self.kept)}
        rows = [*self.fixed, *self.free]
        return runner(sort_into_themes, [row.text for row in rows],
                      [c.label for c in self.kept], backend=backend, model_path=model_path,
                      vectors=self.matrix,
                      examples={i: index[row.cluster_id] for i, row in enumerate(self.fixed)},
                      max_new=min(MAX_K, max(1, len(self.free) // 3)))

    def rows(self) -> list[Contribution]:
        return [*self.fixed, *self.free]


def cluster_activity(db: Session, activity: Activity, *, k: int | None = None,
                     backend: str = "lexical", model_path: str | None = None,
                     runner: Runner = run_inline) -> list[Cluster]:
    """(Re)group. The facilitator's themes (given, pinned or edited) stay with their members;
    everything else is sorted into them, and what fits none becomes new generated themes
    (without any facilitator theme: plain automatic grouping).

    Read, compute, write: the CPU work (through `runner`) runs while no write transaction is
    open, so phones keep saving meanwhile (SQLite allows one writer at a time). Stored vectors
    are reused; missing ones are computed and stored. Contributions that arrive while the CPU
    works are placed in the nearest theme afterwards.
    """
    if activity.kind not in CLUSTERABLE:
        raise ValidationError(_("Kun tekster og begrundelser kan grupperes i temaer."))
    if k is not None and not 2 <= k <= 20:
        raise ValidationError(_("Antal temaer skal være mellem 2 og 20."))
    plans = []
    for side in _sides(activity):
        kept = [c for c in _clusters(db, activity, side) if _kept(c)]
        kept_ids = {c.id for c in kept}
        rows = _texts(db, activity, side, with_vectors=True)
        plan = _Plan(side, kept, [r for r in rows if r.cluster_id in kept_ids],
                     [r for r in rows if r.cluster_id not in kept_ids], None)
        if plan.free:
            plan.matrix = vectors.matrix_for(plan.rows(), backend=backend, model_path=model_path,
                                             runner=runner)
        plans.append(plan)
    db.commit()  # vectors computed just now are kept; nothing stays open during the CPU work
    found = {plan.side: plan.compute(runner, k, backend, model_path) for plan in plans}
    seen: set[int] = set()
    for plan in plans:
        seen.update(_write_plan(db, activity, plan, found[plan.side]))
    _changed(db, activity)
    computed = {row.id for plan in plans for row in plan.free}
    if late := sorted(seen - computed):
        assign_new(db, activity, late, backend=backend, model_path=model_path, runner=runner)
    return _clusters(db, activity, all_sides=True)


def sort_under_headings(db: Session, activity: Activity, *, backend: str = "lexical",
                        model_path: str | None = None, runner: Runner = run_inline) -> None:
    """After the facilitator added headings: what fits a heading moves under it, and the
    automatic themes that were there stay as they are, minus what moved (emptied ones go).
    Nothing is regrouped from scratch: that is "Gruppér" (`cluster_activity`), which is also
    what runs while the activity has no automatic themes yet (headings given beforehand).
    Read, compute, write as in `cluster_activity`; a row the facilitator moved meanwhile
    stays where they put it."""
    if not any(not _kept(c) for c in _clusters(db, activity, all_sides=True)):
        cluster_activity(db, activity, backend=backend, model_path=model_path, runner=runner)
        return
    work = []
    for side in _sides(activity):
        clusters = _clusters(db, activity, side)
        rows = _texts(db, activity, side, with_vectors=True)
        if not rows or not any(_kept(c) for c in clusters):
            continue
        index = {c.id: t for t, c in enumerate(clusters)}
        read = {row.id: row.cluster_id for row in rows}
        matrix = vectors.matrix_for(rows, backend=backend, model_path=model_path, runner=runner)
        work.append((side, clusters, rows, read, [index.get(row.cluster_id, -1) for row in rows],
                     [c.label if _kept(c) else None for c in clusters], matrix))
    db.commit()  # vectors computed just now are kept; nothing stays open during the CPU work
    placed = [runner(fit_under_headings, [row.text for row in rows], theme_of, labels,
                     backend=backend, model_path=model_path, vectors=matrix)
              for _side, _clusters_, rows, _read, theme_of, labels, matrix in work]
    for (side, clusters, rows, read, *_rest), choice in zip(work, placed, strict=True):
        current = {row.id: row for row in _texts(db, activity, side, fresh=True)}
        alive = {c.id for c in _clusters(db, activity, side)}  # none deleted meanwhile
        for row, target in zip(rows, choice, strict=True):
            now = current.get(row.id)
            if (target >= 0 and now is not None and now.cluster_id == read[row.id]
                    and clusters[target].id in alive):
                now.cluster_id = clusters[target].id
        db.flush()
        used = {row.cluster_id for row in current.values()}
        for cluster in clusters:
            if cluster.id in alive and not _kept(cluster) and cluster.id not in used:
                db.delete(cluster)
    _changed(db, activity)


def _write_plan(db: Session, activity: Activity, plan: _Plan,
                themes: list[EngineCluster]) -> set[int]:
    """Replace the generated themes of one side by `themes`; returns the ids of the rows
    that exist now (some may have arrived during the CPU work)."""
    existing = _clusters(db, activity, plan.side)
    kept = {c.id: c for c in existing if _kept(c)}
    current = {row.id: row for row in _texts(db, activity, plan.side, fresh=True)}
    for row in current.values():
        if row.cluster_id not in kept:
            row.cluster_id = None
    for cluster in existing:
        if cluster.id not in kept:
            db.delete(cluster)
    db.flush()
    rows = plan.rows()  # the positions the engine's members refer to
    free_ids = {row.id for row in plan.free}
    position = len(kept)
    guided = iter(plan.kept)  # sort_into_themes returns the headings first, in order
    for theme in themes:
        members = [current[rows[i].id] for i in theme.members
                   if rows[i].id in free_ids and rows[i].id in current
                   and current[rows[i].id].cluster_id is None]
        if theme.guided:
            target = next(guided)
            if target.id not in kept:
                continue
        else:
            if not members:
                continue
            target = Cluster(activity_id=activity.id, side=plan.side,
                             label=theme.label[:MAX_LABEL], position=position)
            db.add(target)
            db.flush()
            position += 1
        for row in members:
            row.cluster_id = target.id
    return set(current)


def assign_new(db: Session, activity: Activity, contribution_ids: Sequence[int], *,
               backend: str = "lexical", model_path: str | None = None,
               runner: Runner = run_inline) -> int:
    """Late arrivals join the nearest theme (the facilitator's headings pull toward their
    wording); labels and edits are left alone. When enough arrivals fit no theme, they are
    grouped into new themes so the room sees them ("Nye temaer")."""
    wanted = set(contribution_ids)
    work = []
    for side in _sides(activity):
        clusters = _clusters(db, activity, side)
        if not clusters:
            continue
        rows = _texts(db, activity, side, with_vectors=True)
        new = [r for r in rows if r.id in wanted and r.cluster_id is None]
        placed = [r for r in rows if r.cluster_id is not None]
        if not new:
            continue
        index = {c.id: i for i, c in enumerate(clusters)}
        members: list[list[int]] = [[] for _ in clusters]
        for position, row in enumerate(placed):
            if row.cluster_id in index:
                members[index[row.cluster_id]].append(position)
        matrix = vectors.matrix_for([*placed, *new], backend=backend, model_path=model_path,
                                    runner=runner)
        headings = [c.label if _kept(c) else None for c in clusters]
        work.append((side, clusters, new, runner(
            assign_to_nearest, [r.text for r in placed], members, [r.text for r in new],
            backend=backend, model_path=model_path, vectors=matrix, headings=headings)))
    assigned = 0
    for _side, clusters, new, nearest in work:
        for row, choice in zip(new, nearest, strict=True):
            if choice >= 0 and db.get(Cluster, clusters[choice].id) is not None:
                row.cluster_id = clusters[choice].id
                assigned += 1
    for side, *_rest in work:
        assigned += _group_unsorted(db, activity, side, backend, model_path, runner)
    if assigned:
        _changed(db, activity)
    else:
        db.commit()  # vectors computed on the way are kept
    return assigned


# Unsorted arrivals become new themes once there are this many: enough for a theme of
# two or more, few enough that nobody's contribution stays invisible for long.
NEW_THEME_MIN = 4


def _group_unsorted(db: Session, activity: Activity, side: int | None, backend: str,
                    model_path: str | None, runner: Runner) -> int:
    db.flush()
    loose = [r for r in _texts(db, activity, side, with_vectors=True) if r.cluster_id is None]
    if len(loose) < NEW_THEME_MIN:
        return 0
    matrix = vectors.matrix_for(loose, backend=backend, model_path=model_path, runner=runner)
    themes = runner(cluster_texts, [r.text for r in loose], backend=backend,
                    model_path=model_path, vectors=matrix, min_k=1,
                    max_k=max(1, len(loose) // NEW_THEME_MIN))
    position = len(_clusters(db, activity, side))
    grouped = 0
    for theme in themes:
        if len(theme.members) < 2:  # a lone statement waits for company under "Uden tema"
            continue
        cluster = Cluster(activity_id=activity.id, side=side, label=theme.label[:MAX_LABEL],
                          position=position)
        db.add(cluster)
        db.flush()
        position += 1
        for i in theme.members:
            loose[i].cluster_id = cluster.id
        grouped += len(theme.members)
    return grouped


# --- curation by the facilitator --------------------------------------------------------------

def get_cluster(db: Session, cluster_id: int) -> Cluster:
    cluster = db.get(Cluster, cluster_id)
    if cluster is None:
        raise NotFound(_("Temaet findes ikke længere."))
    return cluster


def _activity(db: Session, cluster: Cluster) -> Activity:
    return db.get(Activity, cluster.activity_id)


def rename_cluster(db: Session, cluster: Cluster, label: str) -> Cluster:
    label = " ".join(label.split())
    if not label:
        raise ValidationError(_("Giv temaet en overskrift."))
    if len(label) > MAX_LABEL:
        raise ValidationError(_("Overskriften må højst være %(n)s tegn.", n=MAX_LABEL))
    cluster.label = label
    cluster.edited = True
    _changed(db, _activity(db, cluster))
    return cluster


def set_cluster_note(db: Session, cluster: Cluster, note: str) -> Cluster:
    """The secretariat's note under the theme's heading in the output document."""
    cluster.note = clean_note(note, limit=NOTE_MAX, field=_("Noten"))
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
        raise ValidationError(_("Vælg mindst to temaer at slå sammen."))
    if any(c.activity_id != target.activity_id or c.side != target.side for c in others):
        raise ValidationError(
            _("Kun temaer fra samme aktivitet (og samme side) kan slås sammen."))
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
    """Move a contribution, and the near-duplicates it stands for, to another theme. The
    target becomes the facilitator's (edited), so later arrivals follow this judgement."""
    if cluster is not None and (cluster.activity_id != contribution.activity_id
                                or cluster.side != (contribution.side if cluster.side is not None
                                                    else None)):
        raise ValidationError(
            _("Bidraget kan kun flyttes til et tema i samme aktivitet og side."))
    for row in _same_item(db, contribution):
        row.cluster_id = cluster.id if cluster else None
    if cluster is not None:
        cluster.edited = True
    _changed(db, contribution.activity)


def _same_item(db: Session, contribution: Contribution) -> list[Contribution]:
    """The contribution and its near-duplicates in the same theme (shown as one item)."""
    query = select(Contribution).where(
        Contribution.activity_id == contribution.activity_id, Contribution.hidden.is_(False),
        Contribution.superseded.is_(False), Contribution.text != "",
        Contribution.cluster_id.is_(None) if contribution.cluster_id is None
        else Contribution.cluster_id == contribution.cluster_id).order_by(Contribution.id)
    rows = list(db.scalars(query))
    for group in duplicate_groups([r.text for r in rows]):
        if any(rows[i].id == contribution.id for i in group):
            return [rows[i] for i in group]
    return [contribution]


def delete_cluster(db: Session, cluster: Cluster) -> None:
    """The theme goes; its contributions stay, unthemed."""
    activity = _activity(db, cluster)
    for row in _members(db, cluster):
        row.cluster_id = None
    db.delete(cluster)
    _changed(db, activity)


# --- what console, projector and export show --------------------------------------------------

def _member_items(rows: list[Contribution], endorsements: dict[int, int],
                  groups: list[list[int]] | None = None,
                  central: dict[int, float] | None = None) -> list[ClusterMember]:
    """Near-duplicates (the same idea said twice) are one item with a count. The most
    representative item (closest to the theme's centroid) comes first; without vectors,
    the one most people wrote or agreed with."""
    items = []
    if groups is None:
        groups = duplicate_groups([r.text for r in rows]) if rows else []
    for group in groups:
        first = rows[group[0]]
        items.append({"id": first.id, "text": first.text, "count": len(group),
                      "ids": [rows[i].id for i in group],
                      "endorsements": sum(endorsements.get(rows[i].id, 0) for i in group)})
    central = central or {}
    return sorted(items, key=lambda item: (-max(central.get(i, -2.0) for i in item["ids"]),
                                           -item["count"], -item["endorsements"]))


def duplicate_groups_each(text_lists: list[list[str]]) -> list[list[list[int]]]:
    """`duplicate_groups` for several lists in one call (one trip to the worker process)."""
    return [duplicate_groups(texts) if texts else [] for texts in text_lists]


def cluster_view(db: Session, activity: Activity, *,
                 runner: Runner = run_inline) -> ClusterView:
    """Themes with their members for console, projector and export. The near-duplicate
    grouping is CPU work (a second or so at 2,000 statements): `runner` may move it away."""
    endorsements = results.endorsement_counts(db, activity)
    by_cluster: dict[int | None, list[Contribution]] = {}
    visible = [row for side in _sides(activity)
               for row in _texts(db, activity, side, with_vectors=True)]
    for row in visible:
        by_cluster.setdefault(row.cluster_id, []).append(row)
    labels = [s["label"] for s in activity.sides]
    ordered = _clusters(db, activity, all_sides=True)
    known = {c.id for c in ordered}
    loose = [row for cid, rows in by_cluster.items() if cid not in known for row in rows]
    member_rows = [by_cluster.get(c.id, []) for c in ordered] + [loose]
    groups = runner(duplicate_groups_each, [[r.text for r in rows] for rows in member_rows])
    central = vectors.centrality_of(visible)
    guided = any(_kept(c) for c in ordered)
    clusters = [{"id": c.id, "label": c.label, "pinned": c.pinned, "side": c.side,
                 # "given": the facilitator's heading; "new": generated beside given ones
                 "given": _kept(c), "new": guided and not _kept(c),
                 "side_label": labels[c.side] if c.side is not None and c.side < len(labels)
                 else None,
                 "count": len(rows),
                 "members": _member_items(rows, endorsements, found, central)}
                for c, rows, found in zip(ordered, member_rows, groups, strict=False)]
    clusters.sort(key=lambda c: (not c["pinned"], c["new"], c["side"] or 0))
    return {"activity_id": activity.id, "clusters": clusters,
            "unclustered": _member_items(loose, endorsements, groups[-1])}
