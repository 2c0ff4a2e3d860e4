"""Danish text clustering for workshop statements (pure Python; no Flask, no database)."""

from .backends import BACKENDS, DEFAULT_BACKEND, MODEL_ENV_VAR, SemanticModelMissing
from .duplicates import duplicate_groups
from .engine import Cluster, cluster_texts
from .guided import sort_into_themes
from .labels.naming import label_for
from .listing import cluster_lines_json, format_clusters_text
from .placement import assign_to_nearest

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
