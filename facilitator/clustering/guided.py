"""Guided themes: statements sorted under the facilitator's headings (`sort_into_themes`); what
fits none is grouped automatically into "Nye temaer" beside them.

Each heading's prototype is its wording plus the centroid of what is placed under it, refined
a few rounds like seeded k-means (`guided_assignment`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.preprocessing import normalize

from .backends import DEFAULT_BACKEND, stored_vectors
from .duplicates import duplicate_groups
from .engine import Cluster, cluster_texts
from .labels.representative import representative_order
from .space import Space, full_vectors, make_space

# A statement joins a facilitator's heading when its cosine to the heading's prototype (in the
# centred space, content words' part: `_fits`) is at least this; below, it goes to "Nye
# temaer". Chosen on the development sets with a quarter of the headings withheld: 0.06
# keeps 95-99 % of the statements whose heading exists and sends 4-18 % of the orphans to
# new themes; 0.08 kept 89 % in one set.
GUIDED_MIN_SIMILARITY = 0.06
# What sorted under a theme by itself refines its prototype but never leads it: the heading
# and the facilitator's examples say what the theme is.
MEMBER_WEIGHT = 0.5
# Assign, refine the prototypes with what landed under them, assign again. More rounds let
# the members drift the prototype away from the heading (worse on the development sets).
REFINE_ROUNDS = 2


def example_weight(count: int) -> float:
    """Weight of a theme's examples (statements the facilitator placed by hand) beside its
    heading: one example is a hint (it may be an odd one), several are the theme."""
    return count / (count + 1)


def theme_prototypes(
    vectors: np.ndarray,
    heading_vectors: np.ndarray,
    examples: Sequence[Sequence[int]],
    members: Sequence[Sequence[int]] | None = None,
) -> np.ndarray:
    """One unit vector per theme: its heading, plus the centre of its examples, plus (at
    MEMBER_WEIGHT) the centre of what was sorted under it. A theme with neither heading nor
    examples is the centre of its members. Rows index `vectors`."""
    rows = np.array(heading_vectors, dtype=np.float64, copy=True)
    for t in range(len(rows)):
        if examples[t]:
            rows[t] += example_weight(len(examples[t])) * _centre(vectors, examples[t])
        if members is not None and len(members[t]):
            rows[t] += MEMBER_WEIGHT * _centre(vectors, members[t])
    return normalize(rows)


def _centre(vectors: np.ndarray, rows: Sequence[int]) -> np.ndarray:
    return normalize(vectors[list(rows)].mean(axis=0, keepdims=True))[0]


def sort_into_themes(
    texts: Sequence[str],
    headings: Sequence[str],
    *,
    backend: str = DEFAULT_BACKEND,
    model_path: str | None = None,
    vectors: np.ndarray | None = None,
    examples: dict[int, int] | None = None,
    fixed: dict[int, int] | None = None,
    max_new: int = 8,
) -> list[Cluster]:
    """Guided theming: each statement goes under the facilitator's heading it fits best;
    what fits none is grouped automatically into further themes with generated labels.

    `examples` maps statement position -> heading position for placements the facilitator
    made by hand: they stay where they are and teach their heading what it means (its
    prototype is the heading plus the centre of its examples). `fixed` placements stay where
    they are too but teach only as members do (what sorted under a kept theme earlier).
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
    if vectors is None and (embedded := stored_vectors(kept, backend, model_path)) is not None:
        # embedded once: the statements that fit no heading are grouped from these too
        vectors = np.zeros((len(texts), embedded[1].shape[1]), dtype=np.float32)
        vectors[indices] = embedded[1]
    kept_vectors = None if vectors is None else np.asarray(vectors)[indices]
    space, heading_vectors = space_with_headings(
        kept, headings, backend=backend, model_path=model_path, vectors=kept_vectors
    )
    space = Space(space.vectors, space.mean, space.embed, heading_vectors, space.topic_dims)
    position = {i: p for p, i in enumerate(indices)}
    taught = {position[i]: h for i, h in (examples or {}).items() if i in position}
    kept_in_place = {position[i]: h for i, h in (fixed or {}).items() if i in position}
    choice = guided_assignment(space, headings, taught, kept_in_place)
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
                    alternatives=cluster.alternatives,
                    suggestion=cluster.suggestion,
                )
            )
    return result


def guided_assignment(
    space: Space,
    headings: Sequence[str],
    examples: dict[int, int],
    fixed: dict[int, int] | None = None,
) -> np.ndarray:
    """Heading index per statement (-1: fits none), by nearest prototype (heading plus
    examples), refined with what landed under each; `examples` and `fixed` never move."""
    n = len(space.vectors)
    if space.heading_vectors is not None:
        heading_vectors = space.heading_vectors
    elif space.embed is not None:
        heading_vectors = space.embed(list(headings))
    else:  # no way to place a heading: only the statements placed under it speak for it
        heading_vectors = np.zeros((len(headings), space.vectors.shape[1]), dtype=np.float32)
    placed = {**(fixed or {}), **examples}
    taught: list[list[int]] = [[] for _ in headings]
    for p, h in examples.items():
        taught[h].append(p)
    stay: list[list[int]] = [[] for _ in headings]
    for p, h in (fixed or {}).items():
        stay[h].append(p)
    prototypes = theme_prototypes(space.vectors, heading_vectors, taught, stay)
    choice = np.full(n, -1)
    for round_ in range(REFINE_ROUNDS):
        similarity = space.vectors @ prototypes.T
        choice = np.where(_fits(space, prototypes), similarity.argmax(axis=1), -1)
        for p, h in placed.items():
            choice[p] = h
        if round_ < REFINE_ROUNDS - 1:
            landed = [np.flatnonzero(choice == h).tolist() for h in range(len(headings))]
            prototypes = theme_prototypes(space.vectors, heading_vectors, taught, landed)
    return choice


def _fits(space: Space, prototypes: np.ndarray) -> np.ndarray:
    """Whether each statement fits some heading at all: a question of topic, so asked of the
    content words' part of the vectors when they have one (the full text's half makes
    every statement a little like every heading)."""
    topic = slice(0, space.topic_dims)
    vectors, protos = normalize(space.vectors[:, topic]), normalize(prototypes[:, topic])
    return (vectors @ protos.T).max(axis=1) >= GUIDED_MIN_SIMILARITY


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
