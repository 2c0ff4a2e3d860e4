"""Warming the worker at server start: what every grouping needs once is loaded before the
first "Gruppér" (the model, the background mean, scikit-learn's clustering)."""

from __future__ import annotations

from . import engine  # noqa: F401 - imports scikit-learn's clustering and the labeller
from .backends import DEFAULT_BACKEND, backend_or_fallback, background_mean
from .labels import words


def warm_up(backend: str = DEFAULT_BACKEND, model_path: str | None = None) -> str:
    """Load the backend's model and its background mean, so the first "Gruppér" of a server
    costs what later ones do. Returns the name of the space that is ready."""
    vectoriser = backend_or_fallback(backend, model_path)
    vectoriser.fit_transform(["Varm op", "Flere cykelstier i byen"])
    background_mean(vectoriser.name)
    words.warm_up()  # the lemma dictionary the labeller reads
    return vectoriser.name
