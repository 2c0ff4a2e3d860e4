"""Hand-written themes as the labeller takes them: texts, and each theme's positions."""

from __future__ import annotations


def texts_and_clusters(*themes: list[str]) -> tuple[list[str], list[list[int]]]:
    texts = [t for theme in themes for t in theme]
    clusters, start = [], 0
    for theme in themes:
        clusters.append(list(range(start, start + len(theme))))
        start += len(theme)
    return texts, clusters
