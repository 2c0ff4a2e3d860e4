"""The order of a theme's members: the most representative first (nearest the centred
centroid, or without vectors the one sharing the most word stems with the others), so the
projector's first example matches the heading."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..danish import STOP_WORDS, stem
from .semantic import unit
from .words import INNER, WORD_RE


def representative_order(
    members: Sequence[int], vectors: np.ndarray | None, texts: Sequence[str]
) -> list[int]:
    """Members, the most representative first: nearest the (centred) centroid, or without
    vectors the one sharing the most word stems with the other members."""
    members = list(members)
    if len(members) < 3:
        return members
    if vectors is not None:
        vectors = np.asarray(vectors, dtype=np.float32)
        nonzero = np.flatnonzero(np.abs(vectors).sum(axis=1) > 0)
        mean = vectors[nonzero].mean(axis=0) if len(nonzero) else 0.0
        rows = vectors[members] - mean
        rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
        centroid = unit(rows.mean(axis=0))
        closeness = rows @ centroid
        order = sorted(range(len(members)), key=lambda p: (-closeness[p], p))
        return [members[p] for p in order]
    stems = [_content_stems(texts[i]) for i in members]
    shared: Counter[str] = Counter(s for group in stems for s in group)
    overlap = [sum(shared[s] - 1 for s in group) / max(len(group), 1) ** 0.5 for group in stems]
    order = sorted(range(len(members)), key=lambda p: (-overlap[p], p))
    return [members[p] for p in order]


def _content_stems(text: str) -> set[str]:
    return {
        stem(w.lower())
        for w in WORD_RE.findall(text)
        if w.lower() not in STOP_WORDS and w.lower() not in INNER and len(w) > 1
    }
