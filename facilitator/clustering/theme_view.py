"""What console, projector and export show of an activity's themes (`cluster_view`).

Near-duplicates within a theme are one item with a count; the most representative item
comes first.
"""

from __future__ import annotations

from facilitator.activities.models import Activity
from facilitator.clustering import vectors
from facilitator.clustering.duplicates import duplicate_groups
from facilitator.clustering.store import clusters_of, is_kept, run_inline, sides_of, texts_of
from facilitator.clustering.vectors import Runner
from facilitator.contributions import results
from facilitator.contributions.models import Contribution
from facilitator.core.db import DbSession
from facilitator.live.protocol import ClusterItem, ClusterMember, ClusterView


def _member_items(
    rows: list[Contribution],
    endorsements: dict[int, int],
    groups: list[list[int]] | None = None,
    central: dict[int, float] | None = None,
) -> list[ClusterMember]:
    """Near-duplicates (the same idea said twice) are one item with a count. The most
    representative item (closest to the theme's centroid) comes first; without vectors,
    the one most people wrote or agreed with."""
    items: list[ClusterMember] = []
    if groups is None:
        groups = duplicate_groups([r.text for r in rows]) if rows else []
    for group in groups:
        first = rows[group[0]]
        items.append(
            {
                "id": first.id,
                "text": first.text,
                "count": len(group),
                "ids": [rows[i].id for i in group],
                "endorsements": sum(endorsements.get(rows[i].id, 0) for i in group),
            }
        )
    central = central or {}
    return sorted(
        items,
        key=lambda item: (
            -max(central.get(i, -2.0) for i in item["ids"]),
            -item["count"],
            -item["endorsements"],
        ),
    )


INLINE_DUPLICATES = 200  # ~50 ms at most on the event loop of a slow machine


def duplicate_groups_each(text_lists: list[list[str]]) -> list[list[list[int]]]:
    """`duplicate_groups` for several lists in one call (one trip to the worker process)."""
    return [duplicate_groups(texts) if texts else [] for texts in text_lists]


def cluster_view(db: DbSession, activity: Activity, *, runner: Runner = run_inline) -> ClusterView:
    """Themes with their members for console, projector and export. The near-duplicate
    grouping is CPU work (a second or so at 2,000 statements): `runner` may move it away."""
    endorsements = results.endorsement_counts(db, activity)
    by_cluster: dict[int | None, list[Contribution]] = {}
    visible = [
        row
        for side in sides_of(activity)
        for row in texts_of(db, activity, side, with_vectors=True)
    ]
    for row in visible:
        by_cluster.setdefault(row.cluster_id, []).append(row)
    labels = [s["label"] for s in activity.sides]
    ordered = clusters_of(db, activity, all_sides=True)
    known = {c.id for c in ordered}
    loose = [row for cid, rows in by_cluster.items() if cid not in known for row in rows]
    member_rows = [by_cluster.get(c.id, []) for c in ordered] + [loose]
    # A few hundred statements take milliseconds here; the worker may be busy (loading the
    # model at start, or grouping), and the page must not wait for it.
    small = len(visible) <= INLINE_DUPLICATES
    groups = (run_inline if small else runner)(
        duplicate_groups_each, [[r.text for r in rows] for rows in member_rows]
    )
    central = vectors.centrality_of(visible)
    # Guided: the facilitator gave headings (pinned from the start, clustering/headings.py).
    # Only those lead; a generated theme the facilitator moved into or renamed keeps its
    # place, so the themes' numbers on the page do not shift under the keyboard.
    guided = any(c.pinned for c in ordered)
    clusters: list[ClusterItem] = [
        {
            "id": c.id,
            "label": c.label,
            "pinned": c.pinned,
            "side": c.side,
            # "given": the facilitator's heading; "new": generated beside given ones
            "given": is_kept(c),
            "new": guided and not c.pinned,
            "side_label": labels[c.side] if c.side is not None and c.side < len(labels) else None,
            "count": len(rows),
            "members": _member_items(rows, endorsements, found, central),
        }
        for c, rows, found in zip(ordered, member_rows, groups, strict=False)
    ]
    clusters.sort(key=lambda c: (not c["pinned"], c["new"], c["side"] or 0))
    return {
        "activity_id": activity.id,
        "clusters": clusters,
        "unclustered": _member_items(loose, endorsements, groups[-1]),
    }
