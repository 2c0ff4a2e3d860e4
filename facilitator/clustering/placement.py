"""Placing statements in existing themes without regrouping: late arrivals join the nearest
theme (`assign_to_nearest`), and headings given beside automatic themes take what they name
(`fit_under_headings`)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.preprocessing import normalize

from .backends import DEFAULT_BACKEND
from .guided import (
    GUIDED_MIN_SIMILARITY,
    REFINE_ROUNDS,
    space_with_headings,
    theme_prototypes,
)
from .space import Space, make_space

# A late arrival joins a theme only if it shares something with it; below this it waits
# unsorted for the facilitator instead of landing in an unrelated heading.
MIN_PLACEMENT_SIMILARITY = 0.05


def fit_under_headings(
    texts: Sequence[str],
    theme_of: Sequence[int],
    headings: Sequence[str | None],
    *,
    backend: str = DEFAULT_BACKEND,
    model_path: str | None = None,
    vectors: np.ndarray | None = None,
    examples: Sequence[int] = (),
) -> list[int]:
    """Where each statement belongs once the facilitator gave headings beside themes that
    were grouped automatically: the theme index per text (`theme_of[i]`: its theme now, -1
    unsorted; `headings[t]`: theme t's given heading, None for an automatic theme).

    Unlike `sort_into_themes`, the automatic themes compete: a statement leaves its theme
    for a heading only when the heading's prototype (its wording plus what moved under it so
    far, as in `guided_assignment`) fits it better than the rest of its own theme does (the
    theme's centroid without the statement itself). So a heading takes what it names, and
    the other themes stay as they were. Statements under a heading stay, and those the
    facilitator placed by hand (`examples`: text positions) stay anywhere; an unsorted one
    joins the nearest theme, as a late arrival would (`assign_to_nearest`).
    """
    taught = set(examples)
    current = np.asarray(theme_of, dtype=int)
    given = [t for t, heading in enumerate(headings) if heading]
    if not given or not len(texts):
        return current.tolist()
    space, heading_vectors = space_with_headings(
        [t if t.strip() else "-" for t in texts],
        [headings[t] or "" for t in given],
        backend=backend,
        model_path=model_path,
        vectors=vectors,
    )
    points = space.vectors
    threshold = MIN_PLACEMENT_SIMILARITY if space.embed is None else GUIDED_MIN_SIMILARITY
    is_given = np.zeros(len(headings), dtype=bool)
    is_given[given] = True
    blank = np.array([not t.strip() for t in texts])
    choice = current.copy()
    for _ in range(REFINE_ROUNDS):
        sums = np.zeros((len(headings), points.shape[1]), dtype=np.float64)
        counts = np.bincount(choice[choice >= 0], minlength=len(headings))
        np.add.at(sums, choice[choice >= 0], points[choice >= 0])
        # given headings: wording plus their examples plus what sorted under them
        head_proto = theme_prototypes(
            points,
            heading_vectors,
            [[i for i in taught if choice[i] == t] for t in given],
            [np.flatnonzero(choice == t).tolist() for t in given],
        )
        head_sim = points @ head_proto.T
        best_head = head_sim.argmax(axis=1)
        best_score = head_sim[np.arange(len(texts)), best_head]
        theme_sim = points @ normalize(sums).T  # each automatic theme as it is now
        theme_sim[:, is_given | (counts == 0)] = -np.inf
        moved = choice.copy()
        for i, t in enumerate(choice):
            if blank[i] or i in taught or (t >= 0 and is_given[t]):
                continue  # the facilitator's placements stay
            if t >= 0:  # the rest of its own theme, without the statement itself
                rest = sums[t] - points[i]
                stay = float(normalize(rest[None])[0] @ points[i]) if counts[t] > 1 else -1.0
            else:  # unsorted: the nearest automatic theme may take it, as an arrival
                nearest = int(theme_sim[i].argmax())
                stay = float(theme_sim[i, nearest])
                if stay >= max(threshold, best_score[i]):
                    moved[i] = nearest
                    continue
            if best_score[i] >= threshold and best_score[i] > stay:
                moved[i] = given[best_head[i]]
        if np.array_equal(moved, choice):
            break
        choice = moved
    return choice.tolist()


def assign_to_nearest(
    texts: Sequence[str],
    clusters: Sequence[Sequence[int]],
    new_texts: Sequence[str],
    *,
    backend: str = DEFAULT_BACKEND,
    model_path: str | None = None,
    vectors: np.ndarray | None = None,
    headings: Sequence[str | None] | None = None,
    examples: Sequence[Sequence[int]] | None = None,
) -> list[int]:
    """Index of the nearest existing cluster for each new text, or -1.

    A cluster's prototype is built as in guided themes (`theme_prototypes`): its heading's
    vector when the facilitator gave the heading (`headings[c]`), the centre of the
    statements the facilitator placed in it by hand (`examples[c]`, positions in `texts`)
    and its members' centre, so placements follow the facilitator's judgement. `vectors`
    (optional) covers texts + new_texts stacked. A blank new text, a text sharing nothing
    with any theme ("Frokost?" beside "Mod til at fejle"), or a call
    without any non-empty cluster or heading yields -1.
    """
    if not new_texts:
        return []
    named = headings or [None] * len(clusters)
    live = [c for c, members in enumerate(clusters) if members or named[c]]
    if not live:
        return [-1] * len(new_texts)
    combined = [t if t.strip() else "-" for t in [*texts, *new_texts]]
    space = make_space(combined, backend=backend, model_path=model_path, vectors=vectors)
    heading_vectors = _heading_vectors(space, [named[c] for c in live])
    taught = examples or [()] * len(clusters)
    prototypes = theme_prototypes(
        space.vectors,
        heading_vectors,
        [taught[c] for c in live],
        [clusters[c] for c in live],
    )
    similarity = space.vectors[len(texts) :] @ prototypes.T
    nearest = similarity.argmax(axis=1)
    best = similarity[np.arange(len(new_texts)), nearest]
    threshold = MIN_PLACEMENT_SIMILARITY if space.embed is None else GUIDED_MIN_SIMILARITY
    return [
        live[int(j)] if t.strip() and score >= threshold else -1
        for j, score, t in zip(nearest, best, new_texts, strict=True)
    ]


def _heading_vectors(space: Space, headings: list[str | None]) -> np.ndarray:
    out = np.zeros((len(headings), space.vectors.shape[1]), dtype=np.float32)
    given = [i for i, h in enumerate(headings) if h]
    if given and space.embed is not None:
        out[given] = space.embed([headings[i] or "" for i in given])
    return out
