"""Near-duplicate statements (the same idea said twice): identical after normalisation, or
close in character n-grams. `duplicate_groups` is what themes and views show as one item."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .backends import char_matrix
from .danish import normalise

DUPLICATE_THRESHOLD = 0.9
_CANDIDATE_SIM = 0.5
_DUP_CHUNK = 2048


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
    # N-grams weighted over the candidates only, not all texts: on the benchmark sets (2,337
    # statements) the same pairs pass, in a tenth of the time of the whole corpus's matrix.
    involved, at = np.unique(np.concatenate([rows, cols]), return_inverse=True)
    chars = char_matrix([uniq_texts[int(i)] for i in involved])
    a, b = at[: len(rows)], at[len(rows) :]
    sims = np.asarray(chars[a].multiply(chars[b]).sum(axis=1)).ravel()
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
