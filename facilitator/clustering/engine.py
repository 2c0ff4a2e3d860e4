"""Clustering of short Danish statements into themes, with near-duplicate grouping.

Two ways in:
- `cluster_texts`: automatic themes (k chosen by silhouette unless given).
- `sort_into_themes`: guided themes: the facilitator's headings first, then "Nye temaer" for
  what fits none of them, grouped automatically.

Statement vectors come from the configured backend (e5 by default) or from the caller, who may
have stored them per contribution. e5 vectors share a strong common direction; it is removed
(centring on the statements' mean) before any cosine is taken.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.linalg import eigh
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize
from sklearn.utils.extmath import randomized_svd

from .backends import (
    DEFAULT_BACKEND,
    RANDOM_STATE,
    Vectoriser,
    backend_or_fallback,
    background_mean,
    char_matrix,
)
from .danish import normalise
from .labels import label_clusters, representative_order

DUPLICATE_THRESHOLD = 0.9
_SILHOUETTE_SAMPLE = 2000
_DUP_CHUNK = 2048
_CANDIDATE_SIM = 0.5
# Upper bound of automatic k: silhouette on e5 vectors prefers fine themes (13-16 on the
# development sets); more than this does not fit on a projector wall.
MAX_K = 14


@dataclass(frozen=True)
class Cluster:
    label: str
    members: list[int]  # positions in the input, the most representative first
    duplicates: dict[int, list[int]] = field(default_factory=dict)
    guided: bool = False  # True: one of the facilitator's headings, label is exactly it


@dataclass
class Space:
    """Statement vectors ready for cosine work, plus how to embed more text into them."""

    vectors: np.ndarray  # centred and L2-normalised rows aligned with the texts
    mean: np.ndarray | None  # the removed common direction (None: not an embedding space)
    embed: Callable[[list[str]], np.ndarray] | None  # phrases -> same space (None: lexical)
    heading_vectors: np.ndarray | None = None  # lexical spaces fitted with the headings


def make_space(
    texts: Sequence[str],
    *,
    backend: str = DEFAULT_BACKEND,
    model_path: str | None = None,
    vectors: np.ndarray | None = None,
) -> Space:
    """Vectors for `texts`: given ones (stored per contribution) or embedded now."""
    vectoriser: Vectoriser = backend_or_fallback(backend, model_path)
    if vectors is None or not vectoriser.stable:
        vectors = vectoriser.fit_transform(list(texts))
    if not vectoriser.stable:
        return Space(np.asarray(vectors, dtype=np.float32), None, None)
    raw = np.asarray(vectors, dtype=np.float32)
    mean = common_direction(raw, vectoriser.name)
    centred = normalize(raw - mean)

    def embed(phrases: list[str]) -> np.ndarray:
        return normalize(vectoriser.fit_transform(phrases) - mean).astype(np.float32)

    return Space(centred.astype(np.float32), mean, embed)


# Weight, in statements, of the background sentences' mean in the common direction: with a
# handful of statements their own mean is mostly themselves (one statement minus its own mean
# is nothing), so early live sorting leans on the background; later the activity's own mean.
BACKGROUND_WEIGHT = 20


def common_direction(raw: np.ndarray, space_name: str) -> np.ndarray:
    """The direction all vectors of this space share, to be removed before cosines."""
    own = raw.mean(axis=0) if len(raw) else np.zeros(raw.shape[1], dtype=np.float32)
    prior = background_mean(space_name)
    if prior is None or prior.shape != own.shape:
        return own
    n = len(raw)
    return (n * own + BACKGROUND_WEIGHT * prior) / (n + BACKGROUND_WEIGHT)


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
        space = make_space(kept, backend=backend, model_path=model_path, vectors=kept_vectors)
        reps = space.vectors[[g[0] for g in groups]]
        low, high = k_range(len(groups), min_k, max_k)
        labels = spectral(reps, k) if k is not None else choose_k(reps, low, high)
    return _build_clusters(texts, indices, groups, labels, space)


def k_range(n_items: int, min_k: int, max_k: int) -> tuple[int, int]:
    """Clamp the search range so every cluster can hold at least ~2 statements."""
    upper = max(1, min(max_k, n_items // 2))
    return min(min_k, upper), upper


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
        sample = np.random.default_rng(RANDOM_STATE).choice(sample, _SILHOUETTE_SAMPLE,
                                                           replace=False)
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
    try:
        grams = char_matrix(texts, (5, 5), max_df=max_df, sublinear_tf=False)
    except ValueError:  # no 5-gram survives (very short texts): nothing to compare
        return np.zeros(0, dtype=int), np.zeros(0, dtype=int)
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


def _full_vectors(n: int, indices: list[int], space: Space | None) -> np.ndarray | None:
    if space is None:
        return None
    full = np.zeros((n, space.vectors.shape[1]), dtype=np.float32)
    full[indices] = space.vectors
    return full


def _build_clusters(
    texts: Sequence[str],
    indices: list[int],
    groups: list[list[int]],
    labels: np.ndarray,
    space: Space | None,
) -> list[Cluster]:
    member_lists, dup_maps = _group_members(indices, groups, labels)
    full = _full_vectors(len(texts), indices, space)
    names = label_clusters(texts, member_lists, vectors=full,
                           embed=space.embed if space else None)
    return [
        Cluster(label=name, members=representative_order(members, full, texts), duplicates=dups)
        for name, members, dups in zip(names, member_lists, dup_maps, strict=True)
    ]


# --- guided themes --------------------------------------------------------------------------

# A statement joins a facilitator's heading when its cosine to the heading's prototype (in the
# centred space) is at least this; below, it goes to "Nye temaer". Chosen on the development
# sets with a quarter of the headings withheld: 0.08 keeps >= 95 % of statements whose heading
# exists and sends a part of the orphans to new themes; higher values lose too many.
GUIDED_MIN_SIMILARITY = 0.08
# Weight of the heading's own vector in its prototype; the rest is the mean of its members,
# so the prototype moves toward what people actually wrote under it.
HEADING_WEIGHT = 1.0
_REFINE_ROUNDS = 3


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
    space, heading_vectors = _space_with_headings(kept, headings, backend=backend,
                                                  model_path=model_path, vectors=kept_vectors)
    space = Space(space.vectors, space.mean, space.embed, heading_vectors)
    position = {i: p for p, i in enumerate(indices)}
    fixed = {position[i]: h for i, h in (examples or {}).items() if i in position}
    choice = guided_assignment(space, headings, fixed)
    full = _full_vectors(len(texts), indices, space)
    result = []
    for h, heading in enumerate(headings):
        members = [indices[p] for p in np.flatnonzero(choice == h)]
        result.append(Cluster(label=heading, members=representative_order(members, full, texts),
                              duplicates=_duplicates_of(texts, members), guided=True))
    rest = [indices[p] for p in np.flatnonzero(choice < 0)]
    if rest:
        found = cluster_texts([texts[i] for i in rest], backend=backend, model_path=model_path,
                              vectors=None if vectors is None else np.asarray(vectors)[rest],
                              min_k=1, max_k=max(1, min(max_new, len(rest) // 3)))
        taken = {h.lower() for h in headings}
        for cluster in found:
            label = cluster.label if cluster.label.lower() not in taken else \
                f"{cluster.label} (nyt)"
            result.append(Cluster(label=label, members=[rest[i] for i in cluster.members],
                                  duplicates={rest[r]: [rest[d] for d in ds]
                                              for r, ds in cluster.duplicates.items()}))
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
    for _ in range(_REFINE_ROUNDS):
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


def fit_under_headings(
    texts: Sequence[str],
    theme_of: Sequence[int],
    headings: Sequence[str | None],
    *,
    backend: str = DEFAULT_BACKEND,
    model_path: str | None = None,
    vectors: np.ndarray | None = None,
) -> list[int]:
    """Where each statement belongs once the facilitator gave headings beside themes that
    were grouped automatically: the theme index per text (`theme_of[i]`: its theme now, -1
    unsorted; `headings[t]`: theme t's given heading, None for an automatic theme).

    Unlike `sort_into_themes`, the automatic themes compete: a statement leaves its theme
    for a heading only when the heading's prototype (its wording plus what moved under it so
    far, as in `guided_assignment`) fits it better than the rest of its own theme does (the
    theme's centroid without the statement itself). So a heading takes what it names, and
    the other themes stay as they were. Statements under a heading stay; an unsorted one
    joins the nearest theme, as a late arrival would (`assign_to_nearest`).
    """
    theme_of = np.asarray(theme_of, dtype=int)
    given = [t for t, heading in enumerate(headings) if heading]
    if not given or not len(texts):
        return theme_of.tolist()
    space, heading_vectors = _space_with_headings(
        [t if t.strip() else "-" for t in texts], [headings[t] for t in given],
        backend=backend, model_path=model_path, vectors=vectors)
    points = space.vectors
    threshold = MIN_PLACEMENT_SIMILARITY if space.embed is None else GUIDED_MIN_SIMILARITY
    is_given = np.zeros(len(headings), dtype=bool)
    is_given[given] = True
    blank = np.array([not t.strip() for t in texts])
    choice = theme_of.copy()
    for _ in range(_REFINE_ROUNDS):
        sums = np.zeros((len(headings), points.shape[1]), dtype=np.float64)
        counts = np.bincount(choice[choice >= 0], minlength=len(headings))
        np.add.at(sums, choice[choice >= 0], points[choice >= 0])
        # given headings: wording plus the normalised centroid of their members
        head_proto = normalize(HEADING_WEIGHT * heading_vectors + normalize(sums[given]))
        head_sim = points @ head_proto.T
        best_head = head_sim.argmax(axis=1)
        best_score = head_sim[np.arange(len(texts)), best_head]
        theme_sim = points @ normalize(sums).T  # each automatic theme as it is now
        theme_sim[:, is_given | (counts == 0)] = -np.inf
        moved = choice.copy()
        for i, t in enumerate(choice):
            if blank[i] or (t >= 0 and is_given[t]):
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


def _space_with_headings(
    texts: Sequence[str], headings: Sequence[str], *, backend: str, model_path: str | None,
    vectors: np.ndarray | None,
) -> tuple[Space, np.ndarray]:
    """The statements' space and the headings' vectors in it (a corpus-fitted space is fitted
    on statements and headings at once, so the headings' words count)."""
    space = make_space(texts, backend=backend, model_path=model_path, vectors=vectors)
    if space.embed is None:
        joint = make_space([*texts, *headings], backend=backend, model_path=model_path)
        return Space(joint.vectors[: len(texts)], None, None), joint.vectors[len(texts):]
    return space, space.embed(list(headings))


def _duplicates_of(texts: Sequence[str], members: list[int]) -> dict[int, list[int]]:
    if len(members) < 2:
        return {}
    groups = duplicate_groups([texts[i] for i in members])
    return {members[g[0]]: [members[i] for i in g[1:]] for g in groups if len(g) > 1}


# --- late arrivals ---------------------------------------------------------------------------

# A late arrival joins a theme only if it shares something with it; below this it waits
# unsorted for the facilitator instead of landing in an unrelated heading.
MIN_PLACEMENT_SIMILARITY = 0.05


def assign_to_nearest(
    texts: Sequence[str],
    clusters: Sequence[Sequence[int]],
    new_texts: Sequence[str],
    *,
    backend: str = DEFAULT_BACKEND,
    model_path: str | None = None,
    vectors: np.ndarray | None = None,
    headings: Sequence[str | None] | None = None,
) -> list[int]:
    """Index of the nearest existing cluster for each new text, or -1.

    A cluster's prototype is its members' centroid, plus its heading's vector when the
    facilitator gave the heading (`headings[c]`), so placements follow the facilitator's
    judgement. `vectors` (optional) covers texts + new_texts stacked. A blank new text, a
    text sharing nothing with any theme ("Frokost?" beside "Mod til at fejle"), or a call
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
    centroids = []
    for row, c in enumerate(live):
        members = list(clusters[c])
        centroid = space.vectors[members].mean(axis=0) if members else 0
        centroids.append(centroid + HEADING_WEIGHT * heading_vectors[row])
    prototypes = normalize(np.vstack(centroids))
    similarity = space.vectors[len(texts):] @ prototypes.T
    nearest = similarity.argmax(axis=1)
    best = similarity[np.arange(len(new_texts)), nearest]
    threshold = MIN_PLACEMENT_SIMILARITY if space.embed is None else GUIDED_MIN_SIMILARITY
    return [live[int(j)] if t.strip() and score >= threshold else -1
            for j, score, t in zip(nearest, best, new_texts, strict=True)]


def _heading_vectors(space: Space, headings: list[str | None]) -> np.ndarray:
    out = np.zeros((len(headings), space.vectors.shape[1]), dtype=np.float32)
    given = [i for i, h in enumerate(headings) if h]
    if given and space.embed is not None:
        out[given] = space.embed([headings[i] for i in given])
    return out


# --- the CLI's contract ------------------------------------------------------------------------

def cluster_lines_json(
    lines: list[str],
    k: int | None,
    backend: str = DEFAULT_BACKEND,
    headings: Sequence[str] | None = None,
) -> dict:
    """CLI result: {"clusters": [{"label", "members" (0-based line numbers, most
    representative first), "duplicates"}]}. With headings, a cluster for a given heading has
    exactly that heading as its label; what fits none follows with generated labels."""
    if headings:
        clusters = sort_into_themes(lines, headings, backend=backend)
    else:
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
