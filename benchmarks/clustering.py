"""Benchmark for facilitator.clustering on the Danish evaluation set.

Run: python benchmarks/clustering.py [--split heldout|tune] [--no-timing]
Prints ARI/NMI per backend (auto k and true k) next to a naive baseline (word TF-IDF + KMeans
with the true k), timings for 2,000 and 10,000 statements, example labels, and finally one
JSON line with all numbers.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import sys
import time
from pathlib import Path

from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.clustering import MODEL_ENV_VAR, cluster_texts  # noqa: E402

DATA = Path(__file__).with_name("data") / "clustering_eval_da.tsv"
FILLERS = ("Vi mener, at", "Det er vigtigt, at", "Forslag:", "Helt konkret:", "Desuden bør")


def load(split: str) -> tuple[list[str], list[str]]:
    with DATA.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["split"] == split]
    return [r["text"] for r in rows], [r["theme"] for r in rows]


def predicted_labels(clusters, n: int) -> list[int]:
    pred = [-1] * n
    for c, cluster in enumerate(clusters):
        for i in cluster.members:
            pred[i] = c
    return pred


def scores(truth: list[str], pred: list[int]) -> dict[str, float]:
    return {
        "ari": round(adjusted_rand_score(truth, pred), 3),
        "nmi": round(normalized_mutual_info_score(truth, pred), 3),
    }


def baseline(texts: list[str], truth: list[str]) -> dict[str, float]:
    vectors = TfidfVectorizer().fit_transform(texts)
    k = len(set(truth))
    pred = KMeans(n_clusters=k, n_init=4, random_state=0).fit_predict(vectors)
    return scores(truth, list(pred))


def evaluate_backend(backend: str, texts: list[str], truth: list[str]) -> dict:
    k_true = len(set(truth))
    result = {}
    for name, k in (("auto_k", None), ("true_k", k_true)):
        start = time.perf_counter()
        clusters = cluster_texts(texts, k, backend=backend)
        elapsed = time.perf_counter() - start
        result[name] = {
            **scores(truth, predicted_labels(clusters, len(texts))),
            "k": len(clusters),
            "seconds": round(elapsed, 3),
        }
        result[name + "_labels"] = [c.label for c in clusters]
    return result


def synthetic(n: int, seed: int = 0) -> list[str]:
    """n statements made by combining and perturbing eval statements (fillers, halves, typos)."""
    texts = load("tune")[0] + load("heldout")[0]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        a, b = rng.choice(texts), rng.choice(texts)
        words = a.split()
        if rng.random() < 0.4:
            words = words + b.split()[len(b.split()) // 2 :]
        if rng.random() < 0.3:
            j = rng.randrange(len(words))
            words[j] = words[j][:-1] or words[j]
        if rng.random() < 0.5:
            words = [rng.choice(FILLERS), *words]
        out.append(" ".join(words))
    return out


def timing(backend: str, sizes=(2000, 10000)) -> dict[str, float]:
    times = {}
    for n in sizes:
        texts = synthetic(n)
        start = time.perf_counter()
        cluster_texts(texts, backend=backend)
        times[str(n)] = round(time.perf_counter() - start, 2)
    return times


def available_backends() -> list[str]:
    return ["lexical", "semantic"] if os.environ.get(MODEL_ENV_VAR) else ["lexical"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="heldout", choices=("heldout", "tune"))
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args()
    texts, truth = load(args.split)
    base = baseline(texts, truth)
    print(f"split={args.split}  n={len(texts)}  themes={len(set(truth))}")
    print(f"baseline (word TF-IDF + KMeans, true k): ARI={base['ari']}  NMI={base['nmi']}")
    report = {"split": args.split, "n": len(texts), "baseline": base, "backends": {}}
    for backend in available_backends():
        res = evaluate_backend(backend, texts, truth)
        for mode in ("auto_k", "true_k"):
            r = res[mode]
            ratio = round(r["ari"] / base["ari"], 2) if base["ari"] > 0 else float("inf")
            r["ari_vs_baseline"] = ratio
            print(
                f"{backend:8s} {mode}: ARI={r['ari']}  NMI={r['nmi']}  k={r['k']}  "
                f"ARI/baseline={ratio}x  ({r['seconds']} s)"
            )
        print(f"  example labels ({backend}, auto k): {res['auto_k_labels']}")
        if not args.no_timing:
            res["timing_seconds"] = timing(backend)
            print(f"  time to cluster: {res['timing_seconds']}")
        report["backends"][backend] = res
    if "semantic" not in report["backends"]:
        print(f"semantic: skipped (set {MODEL_ENV_VAR} to a local model2vec directory)")
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
