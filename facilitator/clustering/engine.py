"""Automatic themes: statements grouped by spectral clustering, k chosen by silhouette unless
given (`cluster_texts`), each theme labelled and its members ordered most representative first.

The other ways in build on this: guided themes under the facilitator's headings (guided.py)
and placing statements in existing themes (placement.py). Statement vectors come from the
configured backend (e5 by default) or from the caller, who may have stored them per
contribution (space.py).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.linalg import eigh
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize
from sklearn.utils.extmath import randomized_svd

from .backends import DEFAULT_BACKEND, RANDOM_STATE
from .duplicates import duplicate_groups
from .labels.naming import label_clusters
from .labels.representative import representative_order
from .space import Space, full_vectors, make_space

_SILHOUETTE_SAMPLE = 2000
# Upper bound of automatic k: silhouette on e5 vectors prefers fine themes (13-16 on the
# development sets); more than this does not fit on a projector wall.
MAX_K = 14


@dataclass(frozen=True)
class Cluster:
    label: str
    members: list[int]  # positions in the input, the most representative first
    duplicates: dict[int, list[int]] = field(default_factory=dict)
    guided: bool = False  # True: one of the facilitator's headings, label is exactly it
    alternatives: list[str] = field(default_factory=list)  # other headings to pick from
    suggestion: bool = False  # label is a shortened statement, not a phrase naming the theme


def cluster_texts(
    texts: Sequence[str],
    k: int | None = None,
    *,
    backend: str = DEFAULT_BACKEND,
    min_k: int = 4,
    max_k: int = MAX_K,
    model_path: str | None = None,
    vectors: np.ndarray | None = None,
) -> list[Cluster]:
    """Group statements into themes; blank texts are skipped, clusters sorted by size."""
    indices = [i for i, t in enumerate(texts) if t.strip()]
    if not indices:
        return []
    kept = [texts[i] for i in indices]
    kept_vectors = None if vectors is None else np.asarray(vectors)[indices]
    groups = duplicate_groups(kept)
    if len(groups) <= 3:  # too few to find themes: every distinct statement is its own heading
        labels = np.arange(len(groups))
        space = None
    else:
        space = make_space(
            kept, backend=backend, model_path=model_path, vectors=kept_vectors, topic_only=True
        )
        reps = space.vectors[[g[0] for g in groups]]
        low, high = k_range(len(groups), min_k, max_k)
        if k is not None:
            labels = spectral(reps, k)
        else:
            labels = choose_k(reps, low, high)
            if len(kept) < SMALL_ROOM:
                labels = absorb_singletons(reps, labels, [len(g) for g in groups])
    return _build_clusters(texts, indices, groups, labels, space)


# Below this many statements a theme of one is noise on the wall: it joins its nearest theme
# (unless the facilitator asked for k themes).
SMALL_ROOM = 60


def k_range(n_items: int, min_k: int, max_k: int) -> tuple[int, int]:
    """The search range of automatic k: at most sqrt(n) + 2 themes (and two statements a
    theme). Silhouette on e5 vectors prefers fine themes: 30 statements came out as 10,
    a list rather than a wall. On development subsets of 18-45 statements from 3-7 themes
    this found 1.2-1.5x the true k (n // 3: 1.5-1.9x) at equal or better ARI; on whole
    sets of 130-160 statements it changes nothing."""
    upper = max(1, min(max_k, n_items // 2, round(math.sqrt(n_items)) + 2))
    return min(min_k, upper), upper


def absorb_singletons(vectors: np.ndarray, labels: np.ndarray, weights: list[int]) -> np.ndarray:
    """Each theme of one statement (`weights`: statements per row, near-duplicates counted)
    joins the theme whose centre is nearest, smallest first, while two themes are left."""
    labels = labels.copy()
    while True:
        size = {
            int(c): sum(w for w, x in zip(weights, labels, strict=True) if x == c)
            for c in set(labels)
        }
        lonely = [c for c, n in sorted(size.items(), key=lambda kv: kv[1]) if n == 1]
        if not lonely or len(size) <= 2:
            return labels
        row = int(np.flatnonzero(labels == lonely[0])[0])
        others = [c for c in size if c != lonely[0]]
        centres = normalize(np.vstack([vectors[labels == c].mean(axis=0) for c in others]))
        labels[row] = others[int((centres @ vectors[row]).argmax())]


def spectral_embedding(vectors: np.ndarray, dims: int) -> np.ndarray:
    """Leading eigenvectors of the normalised affinity (cosine clipped at 0, squared).

    Spectral clustering beats k-means on these vectors (development sets: ARI +0.05 to
    +0.2): themes of short statements are chains of paraphrases, not round blobs. Squaring
    the affinity lets close paraphrases dominate loose topical likeness.
    """
    affinity = np.clip(vectors @ vectors.T, 0.0, None) ** 2
    np.fill_diagonal(affinity, 0.0)
    degree = affinity.sum(axis=1)
    scale = 1.0 / np.sqrt(np.where(degree > 0, degree, 1e-9))
    normalised = scale[:, None] * affinity * scale[None, :]
    n = len(vectors)
    dims = max(1, min(dims, n - 1))
    if n > 300:  # randomised subspace iteration: 2,000 rows in a fraction of eigh's time
        eigvecs, _, _ = randomized_svd(normalised, dims, n_iter=6, random_state=RANDOM_STATE)
        return eigvecs
    _, eigvecs = eigh(normalised, subset_by_index=[n - dims, n - 1])
    return eigvecs[:, ::-1]


def _spectral_labels(embedding: np.ndarray, k: int) -> np.ndarray:
    rows = normalize(embedding[:, :k])
    return KMeans(n_clusters=k, n_init=2, random_state=RANDOM_STATE).fit_predict(rows)


def spectral(vectors: np.ndarray, k: int) -> np.ndarray:
    k = max(1, min(k, len(vectors)))
    if k == 1 or len(vectors) <= 2:
        return np.zeros(len(vectors), dtype=int) if k == 1 else np.arange(len(vectors))
    return _spectral_labels(spectral_embedding(vectors, k), k)


def choose_k(vectors: np.ndarray, low: int, high: int) -> np.ndarray:
    """Pick k by cosine silhouette of the spectral partitions (one eigendecomposition)."""
    if high <= 1:
        return np.zeros(len(vectors), dtype=int)
    embedding = spectral_embedding(vectors, high)
    # One cosine-distance matrix (on a sample for very large inputs) serves every k.
    sample = np.arange(len(vectors))
    if len(sample) > _SILHOUETTE_SAMPLE:
        sample = np.random.default_rng(RANDOM_STATE).choice(
            sample, _SILHOUETTE_SAMPLE, replace=False
        )
    distances = np.clip(1.0 - vectors[sample] @ vectors[sample].T, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    best_labels, best_score = None, -np.inf
    for k in range(max(2, low), high + 1):
        labels = _spectral_labels(embedding, k)
        if len(set(labels[sample])) < 2:
            continue
        score = silhouette_score(distances, labels[sample], metric="precomputed")
        if score > best_score:
            best_labels, best_score = labels, score
    return best_labels if best_labels is not None else np.zeros(len(vectors), dtype=int)


def _group_members(
    indices: list[int], groups: list[list[int]], labels: np.ndarray
) -> tuple[list[list[int]], list[dict[int, list[int]]]]:
    """Per label: member positions (in `texts`) and the near-duplicate map, sorted by size."""
    by_label: dict[int, list[list[int]]] = {}
    for group, label in zip(groups, labels, strict=True):
        by_label.setdefault(int(label), []).append([indices[i] for i in group])
    member_lists = [sorted(i for g in grouped for i in g) for grouped in by_label.values()]
    dup_maps = [{g[0]: g[1:] for g in grouped if len(g) > 1} for grouped in by_label.values()]
    order = sorted(
        range(len(member_lists)), key=lambda c: (-len(member_lists[c]), member_lists[c][0])
    )
    return [member_lists[c] for c in order], [dup_maps[c] for c in order]


def _build_clusters(
    texts: Sequence[str],
    indices: list[int],
    groups: list[list[int]],
    labels: np.ndarray,
    space: Space | None,
) -> list[Cluster]:
    member_lists, dup_maps = _group_members(indices, groups, labels)
    full = full_vectors(len(texts), indices, space)
    names = label_clusters(texts, member_lists, vectors=full, embed=space.embed if space else None)
    return [
        Cluster(
            label=str(name),
            members=representative_order(members, full, texts),
            duplicates=dups,
            alternatives=list(name.alternatives),
            suggestion=name.suggestion,
        )
        for name, members, dups in zip(names, member_lists, dup_maps, strict=True)
    ]
