"""Danish text clustering for workshop statements (pure Python; no Flask, no database)."""

from .backends import BACKENDS, DEFAULT_BACKEND, MODEL_ENV_VAR, SemanticModelMissing
from .engine import (
    Cluster,
    assign_to_nearest,
    cluster_lines_json,
    cluster_texts,
    duplicate_groups,
    format_clusters_text,
    sort_into_themes,
)
from .labels import label_for

__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "MODEL_ENV_VAR",
    "Cluster",
    "SemanticModelMissing",
    "assign_to_nearest",
    "cluster_lines_json",
    "cluster_texts",
    "duplicate_groups",
    "format_clusters_text",
    "label_for",
    "sort_into_themes",
]
