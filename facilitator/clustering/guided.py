"""Guided themes: statements sorted under the facilitator's headings (`sort_into_themes`); what
fits none is grouped automatically into "Nye temaer" beside them.

Each heading's prototype is its wording plus the centroid of what is placed under it, refined
a few rounds like seeded k-means (`guided_assignment`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.preprocessing import normalize

from .backends import DEFAULT_BACKEND
from .duplicates import duplicate_groups
from .engine import Cluster, cluster_texts
from .labels.representative import representative_order
from .space import Space, full_vectors, make_space

# A statement joins a facilitator's heading when its cosine to the heading's prototype (in the
# centred space) is at least this; below, it goes to "Nye temaer". Chosen on the development
# sets with a quarter of the headings withheld: 0.08 keeps >= 95 % of statements whose heading
# exists and sends a part of the orphans to new themes; higher values lose too many.
GUIDED_MIN_SIMILARITY = 0.08
# Weight of the heading's own vector in its prototype; the rest is the mean of its members,
# so the prototype moves toward what people actually wrote under it.
HEADING_WEIGHT = 1.0
REFINE_ROUNDS = 3


def sort_into_themes(
    texts: Sequence[str],
    headings: Sequence[str],
    *,
    backend: str = DEFAULT_BACKEND,
    model_path: str | None = None,
    vectors: np.ndarray | None = None,
    examples: dict[int, int] | None = None,
    max_new: int = 8,
) -> list[Cluster]:
    """Guided theming: each statement goes under the facilitator's heading it fits best;
    what fits none is grouped automatically into further themes with generated labels.

    `examples` maps statement position -> heading position for placements the facilitator
    made by hand: they stay where they are and pull their heading's prototype toward them.
    Returns one Cluster per heading (in the given order, possibly empty, label == heading,
    guided=True), then the generated ones.
    """
    headings = [" ".join(h.split()) for h in headings if h.strip()]
    indices = [i for i, t in enumerate(texts) if t.strip()]
    if not headings:
        return cluster_texts(texts, backend=backend, model_path=model_path, vectors=vectors)
    if not indices:
        return [Cluster(label=h, members=[], guided=True) for h in headings]
    kept = [texts[i] for i in indices]
    kept_vectors = None if vectors is None else np.asarray(vectors)[indices]
    space, heading_vectors = space_with_headings(
        kept, headings, backend=backend, model_path=model_path, vectors=kept_vectors
    )
    space = Space(space.vectors, space.mean, space.embed, heading_vectors)
    position = {i: p for p, i in enumerate(indices)}
    fixed = {position[i]: h for i, h in (examples or {}).items() if i in position}
    choice = guided_assignment(space, headings, fixed)
    full = full_vectors(len(texts), indices, space)
    result = []
    for h, heading in enumerate(headings):
        members = [indices[p] for p in np.flatnonzero(choice == h)]
        result.append(
            Cluster(
                label=heading,
                members=representative_order(members, full, texts),
                duplicates=_duplicates_of(texts, members),
                guided=True,
            )
        )
    rest = [indices[p] for p in np.flatnonzero(choice < 0)]
    if rest:
        found = cluster_texts(
            [texts[i] for i in rest],
            backend=backend,
            model_path=model_path,
            vectors=None if vectors is None else np.asarray(vectors)[rest],
            min_k=1,
            max_k=max(1, min(max_new, len(rest) // 3)),
        )
        taken = {h.lower() for h in headings}
        for cluster in found:
            label = (
                cluster.label if cluster.label.lower() not in taken else f"{cluster.label} (nyt)"
            )
            result.append(
                Cluster(
                    label=label,
                    members=[rest[i] for i in cluster.members],
                    duplicates={
                        rest[r]: [rest[d] for d in ds] for r, ds in cluster.duplicates.items()
                    },
                )
            )
    return result


def guided_assignment(space: Space, headings: Sequence[str], fixed: dict[int, int]) -> np.ndarray:
    """Heading index per statement (-1: fits none), by nearest prototype, refined a few rounds
    like seeded k-means; `fixed` placements never move."""
    n = len(space.vectors)
    if space.heading_vectors is not None:
        heading_vectors = space.heading_vectors
    elif space.embed is not None:
        heading_vectors = space.embed(list(headings))
    else:  # no way to place a heading: only the statements placed under it speak for it
        heading_vectors = np.zeros((len(headings), space.vectors.shape[1]), dtype=np.float32)
    prototypes = normalize(heading_vectors)
    choice = np.full(n, -1)
    for _ in range(REFINE_ROUNDS):
        similarity = space.vectors @ prototypes.T
        choice = similarity.argmax(axis=1)
        best = similarity[np.arange(n), choice]
        choice = np.where(best >= GUIDED_MIN_SIMILARITY, choice, -1)
        for p, h in fixed.items():
            choice[p] = h
        prototypes = _prototypes(space.vectors, choice, heading_vectors)
    return choice


def _prototypes(vectors: np.ndarray, choice: np.ndarray, heading_vectors: np.ndarray) -> np.ndarray:
    rows = []
    for h, heading in enumerate(heading_vectors):
        members = vectors[choice == h]
        centroid = normalize(members.mean(axis=0, keepdims=True))[0] if len(members) else 0
        rows.append(HEADING_WEIGHT * heading + centroid)
    return normalize(np.vstack(rows))


def space_with_headings(
    texts: Sequence[str],
    headings: Sequence[str],
    *,
    backend: str,
    model_path: str | None,
    vectors: np.ndarray | None,
) -> tuple[Space, np.ndarray]:
    """The statements' space and the headings' vectors in it (a corpus-fitted space is fitted
    on statements and headings at once, so the headings' words count)."""
    space = make_space(texts, backend=backend, model_path=model_path, vectors=vectors)
    if space.embed is None:
        joint = make_space([*texts, *headings], backend=backend, model_path=model_path)
        return Space(joint.vectors[: len(texts)], None, None), joint.vectors[len(texts) :]
    return space, space.embed(list(headings))


def _duplicates_of(texts: Sequence[str], members: list[int]) -> dict[int, list[int]]:
    if len(members) < 2:
        return {}
    groups = duplicate_groups([texts[i] for i in members])
    return {members[g[0]]: [members[i] for i in g[1:]] for g in groups if len(g) > 1}
