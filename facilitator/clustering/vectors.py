"""Statement vectors stored with each contribution: computed once, reused by every grouping.

A vector is kept as float32 bytes plus the name of its vector space (e.g. "e5-small-q4"); it is
reused only while the configured backend has that same name. The corpus-fitted lexical backend
has no stable vectors, so nothing is stored for it. The embedding itself goes through a
`runner` (the worker process in the server), never on the event loop.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import undefer

from facilitator.clustering import backends
from facilitator.contributions.models import Contribution
from facilitator.core.db import DbSession

Runner = Callable[..., Any]
MAX_BATCH = 32  # statements per worker call (~0.3 s): other calls never wait long


def expected_space(backend: str, model_path: str | None = None) -> str | None:
    """The space name vectors of `backend` are stored under; None: nothing is stored."""
    if backend == "semantic":
        return backends.E5_NAME
    if backend in ("local-model", "sentence-transformers"):
        try:
            return f"local:{backends.resolve_model_path(model_path).name}"
        except backends.SemanticModelMissing:
            return None
    return None


def stores_vectors(backend: str) -> bool:
    return backend in ("semantic", "local-model", "sentence-transformers")


def encode(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def decode(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.float32)


def stored(row: Contribution, space: str | None) -> np.ndarray | None:
    if space is None or row.embedding is None or row.embedding_model != space:
        return None
    return decode(row.embedding)


def compute(
    rows: Sequence[Contribution], *, backend: str, model_path: str | None, runner: Runner
) -> str | None:
    """Embed `rows` through `runner` and set their vector columns (no commit). The space name,
    or None when the backend turned out corpus-fitted (model missing: the lexical fallback)."""
    space = None
    for start in range(0, len(rows), MAX_BATCH):
        chunk = rows[start : start + MAX_BATCH]
        result = runner(backends.stored_vectors, [r.text for r in chunk], backend, model_path)
        if result is None:
            return None
        space, matrix = result
        for row, vector in zip(chunk, matrix, strict=True):
            row.embedding = encode(vector)
            row.embedding_model = space
    return space


def matrix_for(
    rows: Sequence[Contribution], *, backend: str, model_path: str | None, runner: Runner
) -> np.ndarray | None:
    """Vectors aligned with `rows`: stored ones reused, missing ones computed and set on the
    rows (the caller commits). None when the backend stores nothing (lexical) or fails."""
    space = expected_space(backend, model_path)
    if space is None or not rows:
        return None
    found = [stored(row, space) for row in rows]
    missing = [row for row, vector in zip(rows, found, strict=True) if vector is None]
    if missing:
        if compute(missing, backend=backend, model_path=model_path, runner=runner) != space:
            return None
        found = [stored(row, space) for row in rows]
    vectors = [vector for vector in found if vector is not None]
    if len(vectors) != len(found) or len({v.shape for v in vectors}) != 1:
        return None
    return np.vstack(vectors).astype(np.float32)


def embed_contributions(
    db: DbSession, ids: Sequence[int], *, backend: str, model_path: str | None, runner: Runner
) -> int | None:
    """Store vectors for the contributions `ids` that lack one (the embedding worker's job).
    Returns how many were stored, or None when the backend stores nothing (lexical fallback)."""
    space = expected_space(backend, model_path)
    if space is None:
        return None
    rows = list(
        db.scalars(
            select(Contribution)
            .options(undefer(Contribution.embedding))
            .where(Contribution.id.in_(sorted(set(ids))), Contribution.text != "")
            .order_by(Contribution.id)
        )
    )
    missing = [row for row in rows if stored(row, space) is None]
    if not missing:
        return 0
    # The CPU work happens before the first write: no write lock is held while it runs.
    if compute(missing, backend=backend, model_path=model_path, runner=runner) is None:
        db.rollback()
        return None
    db.commit()
    return len(missing)


def centrality(db: DbSession, activity_id: int) -> dict[int, float]:
    """`centrality_of` the visible, themed contributions of an activity (one query)."""
    rows = db.execute(
        select(
            Contribution.id,
            Contribution.cluster_id,
            Contribution.embedding,
            Contribution.embedding_model,
        ).where(
            Contribution.activity_id == activity_id,
            Contribution.cluster_id.is_not(None),
            Contribution.embedding.is_not(None),
            Contribution.hidden.is_(False),
            Contribution.superseded.is_(False),
        )
    ).all()
    return centrality_of(rows)


def centrality_of(rows: Sequence[Any]) -> dict[int, float]:
    """For every row (with id, cluster_id, embedding, embedding_model) that has a theme and a
    stored vector: its cosine to its theme's centroid, after removing the common direction.
    Higher = more representative, so lists under a heading can start with the statement that
    best says what the theme is about."""
    rows = [r for r in rows if r.cluster_id is not None and r.embedding is not None]
    if not rows or len({row.embedding_model for row in rows}) != 1:
        return {}
    matrix = np.vstack([decode(row.embedding) for row in rows])
    matrix = matrix - matrix.mean(axis=0)
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)
    clusters = np.array([row.cluster_id for row in rows])
    ids = np.array([row.id for row in rows])
    scores: dict[int, float] = {}
    for cluster_id in set(clusters.tolist()):
        mask = clusters == cluster_id
        centroid = matrix[mask].mean(axis=0)
        centroid /= max(float(np.linalg.norm(centroid)), 1e-9)
        scores.update(zip(ids[mask].tolist(), (matrix[mask] @ centroid).tolist(), strict=True))
    return scores
