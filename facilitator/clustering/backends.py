"""Vectoriser backends behind one interface: texts -> dense, L2-normalised rows.

"lexical" needs only scikit-learn; "semantic" imports model2vec lazily so the default never
depends on it and nothing is downloaded at run time.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from .danish import CompoundSplitter, analyse, normalise

MODEL_ENV_VAR = "FACILITATOR_EMBEDDING_MODEL"
RANDOM_STATE = 0


class SemanticModelMissing(RuntimeError):
    """Raised when the semantic backend is asked for but no local model is configured."""


class Vectoriser(Protocol):
    def fit_transform(self, texts: Sequence[str]) -> np.ndarray: ...


class LexicalBackend:
    """TF-IDF over Danish stems + compound parts + domain concepts, stacked with char_wb 3-5
    grams, then LSA (20 dims: few dims merge paraphrases best, measured on the tune split).

    Stems catch inflection, compound parts catch 'kompetenceudvikling' ~ 'udvikle kompetencer',
    and char n-grams catch what neither does (typos, unknown compounds).
    """

    def __init__(self, n_components: int = 20, char_weight: float = 0.3):
        self.n_components = n_components
        self.char_weight = char_weight

    def sparse_features(self, texts: Sequence[str]) -> sp.csr_matrix:
        splitter = CompoundSplitter.from_texts(texts)
        words = TfidfVectorizer(
            analyzer=lambda t: analyse(t, splitter), sublinear_tf=True, min_df=1
        ).fit_transform(texts)
        chars = char_matrix(texts)
        stacked = sp.hstack([words, chars * self.char_weight]).tocsr()
        return normalize(stacked)

    def fit_transform(self, texts: Sequence[str]) -> np.ndarray:
        features = self.sparse_features(texts)
        n_components = min(self.n_components, features.shape[0] - 1, features.shape[1] - 1)
        if n_components < 2:
            return features.toarray()
        svd = TruncatedSVD(n_components=n_components, random_state=RANDOM_STATE)
        return normalize(svd.fit_transform(features))


def char_matrix(texts: Sequence[str]) -> sp.csr_matrix:
    """L2-normalised char_wb 3-5 TF-IDF; also used for near-duplicate detection."""
    vectoriser = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(3, 5),
        preprocessor=normalise,
        sublinear_tf=True,
        dtype=np.float32,
    )
    return vectoriser.fit_transform(texts)


class SemanticBackend:
    """Static sentence embeddings (model2vec format) read from a local directory only."""

    def __init__(self, model_path: str | None = None):
        self.model_path = resolve_model_path(model_path)
        self._model = load_static_model(self.model_path)

    def fit_transform(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32)
        return normalize(vectors)


def resolve_model_path(model_path: str | None) -> Path:
    raw = model_path or os.environ.get(MODEL_ENV_VAR)
    if not raw:
        raise SemanticModelMissing(
            "Semantisk gruppering kræver en lokal model: sæt "
            f"{MODEL_ENV_VAR} til en mappe med en model2vec-model."
        )
    path = Path(raw).expanduser()
    if not path.is_dir():
        raise SemanticModelMissing(f"Modelmappen findes ikke: {path}")
    return path


def load_static_model(path: Path):  # noqa: ANN201 - model2vec type is optional at import time
    """Load a model2vec StaticModel from disk; a directory path never triggers a download."""
    try:
        from model2vec import StaticModel
    except ImportError as exc:
        raise SemanticModelMissing(
            "Semantisk gruppering kræver pakken model2vec (pip install model2vec)."
        ) from exc
    return StaticModel.from_pretrained(str(path))


BACKENDS = ("lexical", "semantic")


def get_backend(name: str, model_path: str | None = None) -> Vectoriser:
    if name == "lexical":
        return LexicalBackend()
    if name == "semantic":
        return SemanticBackend(model_path)
    raise ValueError(f"Ukendt backend {name!r}; vælg en af {', '.join(BACKENDS)}")
