"""Statement vectors ready for cosine work (`Space`): the backend's vectors with their common
direction removed, plus how to embed further phrases (headings, label candidates) into them.

e5 vectors share a strong common direction; it is removed (centring on the statements' mean,
leaning on a background mean while there are few statements) before any cosine is taken.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.preprocessing import normalize

from .backends import DEFAULT_BACKEND, Vectoriser, backend_or_fallback, background_mean


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


def full_vectors(n: int, indices: list[int], space: Space | None) -> np.ndarray | None:
    if space is None:
        return None
    full = np.zeros((n, space.vectors.shape[1]), dtype=np.float32)
    full[indices] = space.vectors
    return full
