"""Clustering of short Danish statements into themes, with near-duplicate grouping."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score

from .backends import RANDOM_STATE, char_matrix, get_backend
from .danish import normalise
from .labels import label_clusters

DUPLICATE_THRESHOLD = 0.9
_SILHOUETTE_SAMPLE = 2000
_DUP_CHUNK = 2048
_CANDIDATE_SIM = 0.5


@dataclass(frozen=True)
class Cluster:
    label: str
    members: list[int]
    duplicates: dict[int, list[int]] = field(default_factory=dict)


def cluster_texts(
    texts: Sequence[str],
    k: int | None = None,
    *,
    backend: str = "lexical",
    min_k: int = 4,
    max_k: int = 12,
    model_path: str | None = None,
) -> list[Cluster]:
    """Group statements into themes; blank texts are skipped, clusters sorted by size."""
    indices = [i for i, t in enumerate(texts) if t.strip()]
    if not indices:
        return []
    kept = [texts[i] for i in indices]
    groups = duplicate_groups(kept)
    reps = [g[0] for g in groups]
    weights = np.array([len(g) for g in groups], dtype=float)
    rep_texts = [kept[r] for r in reps]
    labels = _cluster_vectors(rep_texts, weights, k, backend, min_k, max_k, model_path)
    return _build_clusters(texts, indices, groups, labels)


def _cluster_vectors(
    rep_texts: list[str],
    weights: np.ndarray,
    k: int | None,
    backend: str,
    min_k: int,
    max_k: int,
    model_path: str | None,
) -> np.ndarray:
    n = len(rep_texts)
    if n <= 3:  # too few to find themes: every distinct statement is its own heading
        return np.arange(n)
    vectors = get_backend(backend, model_path).fit_transform(rep_texts)
    if k is not None:
        return _kmeans(vectors, weights, max(1, min(k, n)))
    return choose_k(vectors, weights, *k_range(n, min_k, max_k))


def k_range(n_items: int, min_k: int, max_k: int) -> tuple[int, int]:
    """Clamp the search range so every cluster can hold at least ~2 statements."""
    upper = max(1, min(max_k, n_items // 2))
    return min(min_k, upper), upper


def choose_k(vectors: np.ndarray, weights: np.ndarray, low: int, high: int) -> np.ndarray:
    """Pick k by cosine silhouette (sampled, so 10,000 statements stay fast)."""
    if high <= 1:
        return np.zeros(len(vectors), dtype=int)
    best_labels, best_score = None, -np.inf
    for k in range(max(2, low), high + 1):
        labels = _kmeans(vectors, weights, k)
        if len(set(labels)) < 2:
            continue
        score = silhouette_score(
            vectors,
            labels,
            metric="cosine",
            random_state=RANDOM_STATE,
            sample_size=min(_SILHOUETTE_SAMPLE, len(vectors)),
        )
        if score > best_score:
            best_labels, best_score = labels, score
    return best_labels if best_labels is not None else np.zeros(len(vectors), dtype=int)


def _kmeans(vectors: np.ndarray, weights: np.ndarray, k: int) -> np.ndarray:
    # Vectors are L2-normalised, so Euclidean k-means approximates spherical (cosine) k-means.
    model = KMeans(n_clusters=k, n_init=4, random_state=RANDOM_STATE)
    return model.fit_predict(vectors, sample_weight=weights)


def duplicate_groups(
    texts: Sequence[str], threshold: float = DUPLICATE_THRESHOLD
) -> list[list[int]]:
    """Groups of positions whose texts are identical after normalisation or whose char n-gram
    cosine is >= threshold. Each group is sorted; its first index is the representative."""
    parent = list(range(len(texts)))
    _union_identical(texts, parent)
    _union_similar(texts, parent, threshold)
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(_find(parent, i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def _union_identical(texts: Sequence[str], parent: list[int]) -> None:
    first_seen: dict[str, int] = {}
    for i, text in enumerate(texts):
        key = normalise(text).strip(" .!?")
        if key in first_seen:
            _union(parent, first_seen[key], i)
        else:
            first_seen[key] = i


def _union_similar(texts: Sequence[str], parent: list[int], threshold: float) -> None:
    # Only one representative per exact-duplicate group needs comparing.
    uniq = sorted({_find(parent, i) for i in range(len(texts))})
    if len(uniq) < 2:
        return
    uniq_texts = [texts[i] for i in uniq]
    rows, cols = _candidate_pairs(uniq_texts)
    if len(rows) == 0:
        return
    chars = char_matrix(uniq_texts)
    sims = np.asarray(chars[rows].multiply(chars[cols]).sum(axis=1)).ravel()
    for a, b in zip(rows[sims >= threshold], cols[sims >= threshold], strict=True):
        _union(parent, uniq[int(a)], uniq[int(b)])


def _candidate_pairs(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Pairs sharing many rare 5-grams; a cheap filter so 10,000 texts avoid a dense n^2."""
    max_df = 0.02 if len(texts) > 500 else 1.0
    grams = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(5, 5),
        preprocessor=normalise,
        max_df=max_df,
        dtype=np.float32,
    ).fit_transform(texts)
    rows, cols = [], []
    for start in range(0, grams.shape[0], _DUP_CHUNK):
        block = (grams[start : start + _DUP_CHUNK] @ grams.T).tocoo()
        keep = (block.data >= _CANDIDATE_SIM) & (block.col > block.row + start)
        rows.append(block.row[keep] + start)
        cols.append(block.col[keep])
    return np.concatenate(rows).astype(int), np.concatenate(cols).astype(int)


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], a: int, b: int) -> None:
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


def _build_clusters(
    texts: Sequence[str], indices: list[int], groups: list[list[int]], labels: np.ndarray
) -> list[Cluster]:
    by_label: dict[int, list[list[int]]] = {}
    for group, label in zip(groups, labels, strict=True):
        by_label.setdefault(int(label), []).append([indices[i] for i in group])
    member_lists, dup_maps = [], []
    for grouped in by_label.values():
        member_lists.append(sorted(i for g in grouped for i in g))
        dup_maps.append({g[0]: g[1:] for g in grouped if len(g) > 1})
    order = sorted(
        range(len(member_lists)), key=lambda c: (-len(member_lists[c]), member_lists[c][0])
    )
    member_lists = [member_lists[c] for c in order]
    dup_maps = [dup_maps[c] for c in order]
    names = label_clusters(texts, member_lists)
    return [
        Cluster(label=name, members=members, duplicates=dups)
        for name, members, dups in zip(names, member_lists, dup_maps, strict=True)
    ]


# A late arrival joins a theme only if it shares something with it; below this it waits
# unsorted for the facilitator instead of landing in an unrelated heading.
MIN_PLACEMENT_SIMILARITY = 0.05


def assign_to_nearest(
    texts: Sequence[str],
    clusters: Sequence[Sequence[int]],
    new_texts: Sequence[str],
    *,
    backend: str = "lexical",
    model_path: str | None = None,
) -> list[int]:
    """Index of the nearest existing cluster (centroid cosine) for each new text.

    Existing and new texts are vectorised together so they share one vocabulary; a blank new
    text, a text sharing nothing with any theme ("Frokost?" beside "Mod til at fejle"), or a
    call without any non-empty cluster yields -1, so it stays among the unsorted items.
    """
    if not new_texts:
        return []
    live = [c for c, members in enumerate(clusters) if members]
    if not live:
        return [-1] * len(new_texts)
    combined = [t if t.strip() else "-" for t in [*texts, *new_texts]]
    vectors = get_backend(backend, model_path).fit_transform(combined)
    centroids = np.vstack([vectors[list(clusters[c])].mean(axis=0) for c in live])
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    similarity = vectors[len(texts) :] @ centroids.T
    nearest = similarity.argmax(axis=1)
    best = similarity[np.arange(len(new_texts)), nearest]
    return [live[int(j)] if t.strip() and score >= MIN_PLACEMENT_SIMILARITY else -1
            for j, score, t in zip(nearest, best, new_texts, strict=True)]


def cluster_lines_json(lines: list[str], k: int | None, backend: str = "lexical") -> dict:
    """CLI result: {"clusters": [{"label", "members" (0-based line numbers), "duplicates"}]}."""
    clusters = cluster_texts(lines, k, backend=backend)
    return {
        "clusters": [
            {
                "label": c.label,
                "members": c.members,
                "duplicates": {str(rep): dups for rep, dups in c.duplicates.items()},
            }
            for c in clusters
        ]
    }


def format_clusters_text(lines: Sequence[str], result_dict: dict) -> str:
    """Human-readable listing: a heading per cluster, then its lines (1-based line numbers)."""
    blocks = []
    for cluster in result_dict.get("clusters", []):
        members = cluster["members"]
        rows = [f"  {i + 1:>4}: {lines[i].strip()}" for i in members]
        blocks.append("\n".join([f"{cluster['label']} ({len(members)})", *rows]))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
