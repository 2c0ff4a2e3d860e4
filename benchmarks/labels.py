"""Heading quality of facilitator.clustering.labels on the TRUE themes of labelled sets.

Run: python benchmarks/labels.py [--data FILE[:SPLIT] ...] [--lexical] [--raw]

By default only development data is read: the "tune" rows of clustering_eval_da.tsv and the
health and culture sets (files with a `heading` column; for the social-services tune rows the
theme id stands in for the heading). Held-out sets are read only when passed with --data.

Per set it prints the human heading next to ours (and our alternatives), the e5 cosine between
them, and counts of headings that break a rule of labels/grammar.py (F), are a shortened
statement marked as a suggestion (S), a lone word, end on a verb form or are possessive; then
the time to label 12 themes of 2,000 statements, and finally one JSON line.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from facilitator.clustering.backends import E5Backend  # noqa: E402
from facilitator.clustering.labels import naming as labels_mod  # noqa: E402
from facilitator.clustering.labels import words as words_mod  # noqa: E402
from facilitator.clustering.labels.corpus import Corpus  # noqa: E402
from facilitator.clustering.labels.grammar import heading_problem  # noqa: E402

DATA = ROOT / "benchmarks" / "data"
DEV = ["clustering_eval_da.tsv:tune", "clustering_dev_sundhed.tsv", "clustering_dev_kultur.tsv"]


def load(spec: str) -> tuple[str, list[dict[str, str]]]:
    file, _, split = spec.partition(":")
    path = Path(file) if Path(file).exists() else DATA / file
    with path.open(encoding="utf-8") as fh:
        rows = [
            r for r in csv.DictReader(fh, delimiter="\t") if not split or r.get("split") == split
        ]
    return f"{path.stem}{':' + split if split else ''}", rows


def centred_space(e5: E5Backend, texts: list[str], raw: bool):
    """Statement vectors and a phrase embedder as the engine hands them over: centred on the
    statements' mean (or raw e5 with --raw)."""
    vectors = e5.fit_transform(texts)
    if raw:
        return vectors, e5.fit_transform
    mean = vectors.mean(axis=0)

    def unit(m: np.ndarray) -> np.ndarray:
        return (m / np.linalg.norm(m, axis=1, keepdims=True)).astype(np.float32)

    return unit(vectors - mean), lambda phrases: unit(e5.fit_transform(phrases) - mean)


def flags(heading: str, corpus: Corpus) -> dict[str, bool]:
    words = heading.lower().split()
    last = words[-1] if words else ""
    suggestion = bool(getattr(heading, "suggestion", False))
    return {
        # Breaks a heading rule of grammar.py (not counted for marked suggestions).
        "fragment": not suggestion and heading_problem(str(heading), corpus) is not None,
        "suggestion": suggestion,
        "lone_word": len(words) == 1,
        "verb_end": last in words_mod.VERBS
        or last.endswith("es")
        and words_mod._known(last[:-1])
        or last.endswith("e")
        and words_mod.lemma_of(last) == last
        and len(words) > 1
        and words_mod.lemma_of(last + "r") == last,
        "possessive": words_mod.possessive_or_passive(last),
    }


def run_set(name: str, rows: list[dict[str, str]], e5: E5Backend, args) -> dict:
    texts = [r["text"] for r in rows]
    themes = sorted({r["theme"] for r in rows})
    clusters = [[i for i, r in enumerate(rows) if r["theme"] == t] for t in themes]
    human = []
    for t, members in zip(themes, clusters, strict=True):
        heading = rows[members[0]].get("heading") or t.replace("_", " ")
        human.append(heading)
    if args.lexical:
        ours = labels_mod.label_clusters(texts, clusters)
    else:
        vectors, embed = centred_space(e5, texts, args.raw)
        ours = labels_mod.label_clusters(texts, clusters, vectors=vectors, embed=embed)
    pair = e5.fit_transform(human + ours)
    cosines = (pair[: len(human)] * pair[len(human) :]).sum(axis=1)
    print(f"\n== {name} ({len(texts)} statements, {len(themes)} themes)")
    counts = {"fragment": 0, "suggestion": 0, "lone_word": 0, "verb_end": 0, "possessive": 0}
    corpus = Corpus(texts)
    for h, o, cos in zip(human, ours, cosines, strict=True):
        f = flags(o, corpus)
        for k, v in f.items():
            counts[k] += v
        marks = "".join(k[0].upper() for k, v in f.items() if v)
        alternatives = " / ".join(getattr(o, "alternatives", []))
        print(f"  {cos:5.2f}  {h:<45} | {o} {marks}")
        if alternatives:
            print(f"  {'':5}  {'':<45} |   ({alternatives})")
    mean = float(np.mean(cosines))
    print(f"  mean cosine {mean:.3f}; " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return {"set": name, "mean_cosine": round(mean, 3), **counts}


def timing(e5: E5Backend, rows: list[dict[str, str]], args, repeats: int = 3) -> float:
    """Best of `repeats`: label 12 clusters of 2,000 statements (resampled dev texts),
    embedding the candidate phrases included (the statements' vectors are given)."""
    rng = random.Random(0)
    texts = [rng.choice(rows)["text"] for _ in range(2000)]
    order = list(range(2000))
    rng.shuffle(order)
    clusters = [order[c::12] for c in range(12)]
    vectors, embed = (None, None) if args.lexical else centred_space(e5, texts, args.raw)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        labels_mod.label_clusters(texts, clusters, vectors=vectors, embed=embed)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", nargs="*", help="FILE[:SPLIT] (default: the dev sets)")
    parser.add_argument("--lexical", action="store_true", help="label without embeddings")
    parser.add_argument("--raw", action="store_true", help="hand over uncentred e5 vectors")
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args()
    specs = args.data or [s for s in DEV if (DATA / s.partition(":")[0]).exists()]
    e5 = E5Backend()
    results, all_rows = [], []
    for spec in specs:
        name, rows = load(spec)
        all_rows.extend(rows)
        results.append(run_set(name, rows, e5, args))
    summary = {
        "sets": results,
        "mean_cosine": round(float(np.mean([r["mean_cosine"] for r in results])), 3),
    }
    if not args.no_timing:
        seconds = timing(e5, all_rows, args)
        print(f"\nlabel 12 clusters x 2,000 statements: {seconds:.3f} s")
        summary["label_seconds_2000"] = round(seconds, 3)
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
