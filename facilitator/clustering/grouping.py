"""Grouping an activity's texts into persisted themes, and placing late arrivals in them.

`cluster_activity` ("Gruppér") regroups around the facilitator's themes, `sort_under_headings`
sorts into headings given later, `assign_new` places contributions that arrive afterwards.
The CPU work (`cluster_texts`, `assign_to_nearest`, embedding) is pure and goes through a
`runner`, so the caller can move it off the event loop (the server uses a worker process);
reading and writing rows stays here. Statement vectors are stored with each contribution and
reused (facilitator/clustering/vectors.py). Every change commits, then sends
`signals.clusters_updated` (store.changed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from facilitator.activities.models import Activity
from facilitator.clustering import vectors
from facilitator.clustering.engine import MAX_K, cluster_texts
from facilitator.clustering.engine import Cluster as EngineCluster
from facilitator.clustering.guided import sort_into_themes
from facilitator.clustering.models import Cluster
from facilitator.clustering.placement import assign_to_nearest, fit_under_headings
from facilitator.clustering.store import (
    CLUSTERABLE,
    MAX_LABEL,
    changed,
    clusters_of,
    is_kept,
    run_inline,
    sides_of,
    texts_of,
)
from facilitator.clustering.vectors import Runner
from facilitator.contributions.models import Contribution
from facilitator.core.db import DbSession
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _


@dataclass
class _Plan:
    """One side's grouping input, read before the CPU work."""

    side: int | None
    kept: list[Cluster]
    fixed: list[Contribution]  # members of kept themes: they stay where they are
    free: list[Contribution]  # everything else: sorted anew
    matrix: Any

    def compute(
        self, runner: Runner, k: int | None, backend: str, model_path: str | None
    ) -> list[EngineCluster]:
        if not self.free:
            return []
        if not self.kept:
            return runner(
                cluster_texts,
                [row.text for row in self.free],
                k,
                backend=backend,
                max_k=min(MAX_K, max(2, len(self.free) // 3)),
                model_path=model_path,
                vectors=self.matrix,
            )
        index: dict[int | None, int] = {c.id: h for h, c in enumerate(self.kept)}
        rows = [*self.fixed, *self.free]
        return runner(
            sort_into_themes,
            [row.text for row in rows],
            [c.label for c in self.kept],
            backend=backend,
            model_path=model_path,
            vectors=self.matrix,
            # placed by hand: they teach their theme; the rest of a kept theme only stays
            examples={i: index[row.cluster_id] for i, row in enumerate(self.fixed) if row.example},
            fixed={i: index[row.cluster_id] for i, row in enumerate(self.fixed) if not row.example},
            max_new=min(MAX_K, max(1, len(self.free) // 3)),
        )

    def rows(self) -> list[Contribution]:
        return [*self.fixed, *self.free]


def cluster_activity(
    db: DbSession,
    activity: Activity,
    *,
    k: int | None = None,
    backend: str = "lexical",
    model_path: str | None = None,
    runner: Runner = run_inline,
) -> list[Cluster]:
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
    for side in sides_of(activity):
        kept = [c for c in clusters_of(db, activity, side) if is_kept(c)]
        kept_ids = {c.id for c in kept}
        rows = texts_of(db, activity, side, with_vectors=True)
        plan = _Plan(
            side,
            kept,
            [r for r in rows if r.cluster_id in kept_ids],
            [r for r in rows if r.cluster_id not in kept_ids],
            None,
        )
        if plan.free:
            plan.matrix = vectors.matrix_for(
                plan.rows(), backend=backend, model_path=model_path, runner=runner
            )
        plans.append(plan)
    db.commit()  # vectors computed just now are kept; nothing stays open during the CPU work
    found = {plan.side: plan.compute(runner, k, backend, model_path) for plan in plans}
    seen: set[int] = set()
    for plan in plans:
        seen.update(_write_plan(db, activity, plan, found[plan.side]))
    changed(db, activity)
    computed = {row.id for plan in plans for row in plan.free}
    if late := sorted(seen - computed):
        assign_new(db, activity, late, backend=backend, model_path=model_path, runner=runner)
    return clusters_of(db, activity, all_sides=True)


def sort_under_headings(
    db: DbSession,
    activity: Activity,
    *,
    backend: str = "lexical",
    model_path: str | None = None,
    runner: Runner = run_inline,
) -> None:
    """After the facilitator added headings: what fits a heading moves under it, and the
    automatic themes that were there stay as they are, minus what moved (emptied ones go).
    Nothing is regrouped from scratch: that is "Gruppér" (`cluster_activity`), which is also
    what runs while the activity has no automatic themes yet (headings given beforehand).
    Read, compute, write as in `cluster_activity`; a row the facilitator moved meanwhile
    stays where they put it."""
    if not any(not is_kept(c) for c in clusters_of(db, activity, all_sides=True)):
        cluster_activity(db, activity, backend=backend, model_path=model_path, runner=runner)
        return
    work = []
    for side in sides_of(activity):
        clusters = clusters_of(db, activity, side)
        rows = texts_of(db, activity, side, with_vectors=True)
        if not rows or not any(is_kept(c) for c in clusters):
            continue
        index: dict[int | None, int] = {c.id: t for t, c in enumerate(clusters)}
        read = {row.id: row.cluster_id for row in rows}
        matrix = vectors.matrix_for(rows, backend=backend, model_path=model_path, runner=runner)
        work.append(
            (
                side,
                clusters,
                rows,
                read,
                [index.get(row.cluster_id, -1) for row in rows],
                [c.label if is_kept(c) else None for c in clusters],
                matrix,
                [p for p, row in enumerate(rows) if row.example],
            )
        )
    db.commit()  # vectors computed just now are kept; nothing stays open during the CPU work
    placed = [
        runner(
            fit_under_headings,
            [row.text for row in rows],
            theme_of,
            labels,
            backend=backend,
            model_path=model_path,
            vectors=matrix,
            examples=examples,
        )
        for _side, _clusters_, rows, _read, theme_of, labels, matrix, examples in work
    ]
    for (side, clusters, rows, read, *_rest), choice in zip(work, placed, strict=True):
        current = {row.id: row for row in texts_of(db, activity, side, fresh=True)}
        alive = {c.id for c in clusters_of(db, activity, side)}  # none deleted meanwhile
        for row, target in zip(rows, choice, strict=True):
            now = current.get(row.id)
            if (
                target >= 0
                and now is not None
                and now.cluster_id == read[row.id]
                and clusters[target].id in alive
            ):
                now.cluster_id = clusters[target].id
        db.flush()
        used = {row.cluster_id for row in current.values()}
        for cluster in clusters:
            if cluster.id in alive and not is_kept(cluster) and cluster.id not in used:
                db.delete(cluster)
    changed(db, activity)


def _write_plan(
    db: DbSession, activity: Activity, plan: _Plan, themes: list[EngineCluster]
) -> set[int]:
    """Replace the generated themes of one side by `themes`; returns the ids of the rows
    that exist now (some may have arrived during the CPU work)."""
    existing = clusters_of(db, activity, plan.side)
    kept = {c.id: c for c in existing if is_kept(c)}
    current = {row.id: row for row in texts_of(db, activity, plan.side, fresh=True)}
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
        members = [
            current[rows[i].id]
            for i in theme.members
            if rows[i].id in free_ids
            and rows[i].id in current
            and current[rows[i].id].cluster_id is None
        ]
        if theme.guided:
            target = next(guided)
            if target.id not in kept:
                continue
        else:
            if not members:
                continue
            target = _new_theme(activity, plan.side, theme, position)
            db.add(target)
            db.flush()
            position += 1
        for row in members:
            row.cluster_id = target.id
    return set(current)


def _new_theme(
    activity: Activity, side: int | None, theme: EngineCluster, position: int
) -> Cluster:
    """A generated theme's row: its heading, the alternatives the facilitator may pick and
    whether the heading is only a suggestion (a shortened statement)."""
    return Cluster(
        activity_id=activity.id,
        side=side,
        label=theme.label[:MAX_LABEL],
        alternatives=[a[:MAX_LABEL] for a in theme.alternatives] or None,
        suggestion=theme.suggestion,
        position=position,
    )


def assign_new(
    db: DbSession,
    activity: Activity,
    contribution_ids: Sequence[int],
    *,
    backend: str = "lexical",
    model_path: str | None = None,
    runner: Runner = run_inline,
) -> int:
    """Late arrivals join the nearest theme (the facilitator's headings pull toward their
    wording); labels and edits are left alone. When enough arrivals fit no theme, they are
    grouped into new themes so the room sees them ("Nye temaer")."""
    wanted = set(contribution_ids)
    work = []
    for side in sides_of(activity):
        clusters = clusters_of(db, activity, side)
        if not clusters:
            continue
        rows = texts_of(db, activity, side, with_vectors=True)
        new = [r for r in rows if r.id in wanted and r.cluster_id is None]
        placed = [r for r in rows if r.cluster_id is not None]
        if not new:
            continue
        index = {c.id: i for i, c in enumerate(clusters)}
        members: list[list[int]] = [[] for _ in clusters]
        examples: list[list[int]] = [[] for _ in clusters]
        for position, row in enumerate(placed):
            if row.cluster_id in index:
                members[index[row.cluster_id]].append(position)
                if row.example:
                    examples[index[row.cluster_id]].append(position)
        matrix = vectors.matrix_for(
            [*placed, *new], backend=backend, model_path=model_path, runner=runner
        )
        headings = [c.label if is_kept(c) else None for c in clusters]
        work.append(
            (
                side,
                clusters,
                new,
                runner(
                    assign_to_nearest,
                    [r.text for r in placed],
                    members,
                    [r.text for r in new],
                    backend=backend,
                    model_path=model_path,
                    vectors=matrix,
                    headings=headings,
                    examples=examples,
                ),
            )
        )
    assigned = 0
    for _side, clusters, new, nearest in work:
        for row, choice in zip(new, nearest, strict=True):
            if choice >= 0 and db.get(Cluster, clusters[choice].id) is not None:
                row.cluster_id = clusters[choice].id
                assigned += 1
    for side, *_rest in work:
        assigned += _group_unsorted(db, activity, side, backend, model_path, runner)
    if assigned:
        changed(db, activity)
    else:
        db.commit()  # vectors computed on the way are kept
    return assigned


# Unsorted arrivals become new themes once there are this many: enough for a theme of
# two or more, few enough that nobody's contribution stays invisible for long.
NEW_THEME_MIN = 4


def _group_unsorted(
    db: DbSession,
    activity: Activity,
    side: int | None,
    backend: str,
    model_path: str | None,
    runner: Runner,
) -> int:
    db.flush()
    loose = [r for r in texts_of(db, activity, side, with_vectors=True) if r.cluster_id is None]
    if len(loose) < NEW_THEME_MIN:
        return 0
    matrix = vectors.matrix_for(loose, backend=backend, model_path=model_path, runner=runner)
    themes = runner(
        cluster_texts,
        [r.text for r in loose],
        backend=backend,
        model_path=model_path,
        vectors=matrix,
        min_k=1,
        max_k=max(1, len(loose) // NEW_THEME_MIN),
    )
    position = len(clusters_of(db, activity, side))
    grouped = 0
    for theme in themes:
        if len(theme.members) < 2:  # a lone statement waits for company under "Uden tema"
            continue
        cluster = _new_theme(activity, side, theme, position)
        db.add(cluster)
        db.flush()
        position += 1
        for i in theme.members:
            loose[i].cluster_id = cluster.id
        grouped += len(theme.members)
    return grouped
