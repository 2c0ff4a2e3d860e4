"""The semantic re-ranking of heading candidates with an embedder: closeness to the theme's
centroid minus closeness to the nearest other theme, plus coverage, length and the lexical
score, with a bonus for the words of the theme's most central member."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .corpus import Corpus
from .lexical import Candidate

Embed = Callable[[list[str]], np.ndarray]

_LENGTH_BONUS = {1: 0.0, 2: 0.04, 3: 0.04, 4: 0.03, 5: 0.0, 6: -0.02}
_LAMBDA = 0.5  # weight of the nearest other theme
_COVERAGE_WEIGHT = 0.15
_LEX_WEIGHT = 1.0  # the lexical score still counts: it knows how many members use the words
_CENTRE = True


class ThemeSpace:
    """The themes' geometry, computed once: centred centroids and each theme's most central
    member (as stems)."""

    def __init__(
        self, corpus: Corpus, clusters: list[list[int]], live: list[int], vectors: np.ndarray
    ) -> None:
        self.clusters, self.live, self.vectors = clusters, live, vectors
        rows = sorted({i for c in live for i in clusters[c]})
        # e5 vectors share one strong direction; removing the statements' mean makes cosines
        # say what is particular to a theme (a no-op when the caller already centred them).
        self.mean = (
            vectors[rows].mean(axis=0) if _CENTRE else np.zeros(vectors.shape[1], np.float32)
        )
        self.centroids = np.vstack(
            [unit(vectors[clusters[c]].mean(axis=0) - self.mean) for c in live]
        )
        self.central = _central_stems(corpus, clusters, live, vectors, self.mean, self.centroids)


def add_central(
    space: ThemeSpace, ranked: list[list[Candidate]], shortlists: list[list[Candidate]]
) -> None:
    """Make sure the best phrases of each theme's most central member are candidates."""
    for c in space.live:
        have = {cand.content for cand in shortlists[c]}
        extra = [
            cand
            for cand in ranked[c]
            if cand.content <= space.central[c] and cand.content not in have
        ]
        shortlists[c].extend(extra[:_CENTRAL_EXTRA])


_CENTRAL_EXTRA = 2


def semantic_scores(space: ThemeSpace, shortlists: list[list[Candidate]], embed: Embed) -> None:
    phrases = [cand.text for shortlist in shortlists for cand in shortlist]
    if not phrases:
        return
    cand_vectors = np.asarray(embed(phrases), dtype=np.float32)
    if cand_vectors.shape[1] != space.vectors.shape[1]:
        return  # not the same space: keep the lexical ranking
    cand_vectors = cand_vectors - space.mean
    cand_vectors /= np.maximum(np.linalg.norm(cand_vectors, axis=1, keepdims=True), 1e-9)
    sims = cand_vectors @ space.centroids.T  # candidates x live clusters
    row = 0
    position = {c: p for p, c in enumerate(space.live)}
    for c, shortlist in enumerate(shortlists):
        for cand in shortlist:
            own = sims[row, position[c]] if c in position else 0.0
            others = np.delete(sims[row], position[c]) if c in position else sims[row]
            nearest = float(others.max()) if len(others) else 0.0
            central = space.central.get(c, frozenset())
            cand.score = float(
                own
                - _LAMBDA * nearest
                + _COVERAGE_WEIGHT * cand.coverage
                + _LENGTH_BONUS[min(cand.n_words, 6)]
                + _LEX_WEIGHT * cand.lexical
                + _CENTRAL_BONUS * (cand.content <= central)
            )
            row += 1


# Lists show the most central member first: a heading drawn from its words matches the first
# example under it on the projector, instead of naming a side-topic of the theme.
_CENTRAL_BONUS = 0.15


def _central_stems(
    corpus: Corpus,
    clusters: list[list[int]],
    live: list[int],
    vectors: np.ndarray,
    mean: np.ndarray,
    centroids: np.ndarray,
) -> dict[int, frozenset[str]]:
    """Per cluster: the stems of its member closest to the centroid."""
    found = {}
    for p, c in enumerate(live):
        members = clusters[c]
        rows = vectors[members] - mean
        rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
        best = members[int(np.argmax(rows @ centroids[p]))]
        found[c] = frozenset(s for clause in corpus.docs[best] for s in clause.stems)
    return found


def unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-9)
