"""The `facilitator cluster` command's contract: themes of a file's lines as JSON or as text."""

from __future__ import annotations

from collections.abc import Sequence

from .backends import DEFAULT_BACKEND
from .engine import cluster_texts
from .guided import sort_into_themes


def cluster_lines_json(
    lines: list[str],
    k: int | None,
    backend: str = DEFAULT_BACKEND,
    headings: Sequence[str] | None = None,
    examples: dict[int, int] | None = None,
) -> dict:
    """CLI result: {"clusters": [{"label", "members" (0-based line numbers, most
    representative first), "duplicates", "alternatives" (other headings to pick from; [] for
    a given heading), "suggestion" (the label is a shortened statement)}]}. With headings, a
    cluster for a given heading has exactly that heading as its label; what fits none follows
    with generated labels.
    `examples` (line -> heading position) are lines placed under a heading by hand: they
    stay there and teach the heading what it means."""
    if headings:
        clusters = sort_into_themes(lines, headings, backend=backend, examples=examples)
    else:
        clusters = cluster_texts(lines, k, backend=backend)
    return {
        "clusters": [
            {
                "label": c.label,
                "members": c.members,
                "duplicates": {str(rep): dups for rep, dups in c.duplicates.items()},
                "alternatives": [] if c.guided else list(c.alternatives),
                "suggestion": bool(c.suggestion) and not c.guided,
            }
            for c in clusters
        ]
    }


def format_clusters_text(lines: Sequence[str], result_dict: dict) -> str:
    """Human-readable listing: a heading per cluster, then its lines (1-based line numbers)."""
    blocks = []
    for cluster in result_dict.get("clusters", []):
        members = cluster["members"]
        rows = [f"  {i + 1:>4}: {lines[i].strip()}" for i in members]
        blocks.append("\n".join([f"{cluster['label']} ({len(members)})", *rows]))
    return "\n\n".join(blocks) + ("\n" if blocks else "")
