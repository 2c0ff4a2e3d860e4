"""The combinations behind the clustering defaults, measured on the DEVELOPMENT sets only.

Run: python benchmarks/clustering_variants.py

Features: e5 on the whole statement or on its content words, raw or centred, alone or with the
lexical features stacked on; algorithms: k-means, Ward, spectral (as in the engine); k: true or
chosen by cosine silhouette. Prints ARI/NMI per set, then one JSON line. The evaluation sets
are never read here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score, silhouette_score
from sklearn.preprocessing import normalize

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.clustering import DEV_SETS, load  # noqa: E402
from facilitator.clustering.backends import LexicalBackend, _e5_model, content_text  # noqa: E402
from facilitator.clustering.engine import choose_k, spectral  # noqa: E402


def features(texts: list[str]) -> dict[str, np.ndarray]:
    model = _e5_model()
    full = normalize(np.asarray(model.query([" ".join(t.split()) for t in texts])))
    content = normalize(np.asarray(model.query([content_text(t) for t in texts])))
    lexical = LexicalBackend().fit_transform(texts)
    centred = normalize(content - content.mean(axis=0))
    return {
        "lexical": lexical,
        "e5 full, raw": full,
        "e5 full, centred": normalize(full - full.mean(axis=0)),
        "e5 content, centred": centred,
        "e5 content, centred + lexical 0.5": normalize(np.hstack([centred, 0.5 * lexical])),
    }


def kmeans(x: np.ndarray, k: int) -> np.ndarray:
    return KMeans(n_clusters=k, n_init=4, random_state=0).fit_predict(x)


def ward(x: np.ndarray, k: int) -> np.ndarray:
    return AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(x)


def auto(algorithm, x: np.ndarray, low: int = 4, high: int = 14) -> np.ndarray:  # noqa: ANN001
    best, best_score = None, -np.inf
    for k in range(low, high + 1):
        labels = algorithm(x, k)
        score = silhouette_score(x, labels, metric="cosine")
        if score > best_score:
            best, best_score = labels, score
    return best


def main() -> None:
    report: dict = {}
    for name, (file, split) in DEV_SETS.items():
        rows = load(file, split)
        texts, truth = [r["text"] for r in rows], [r["theme"] for r in rows]
        k = len(set(truth))
        print(f"\n== {name} (n={len(texts)}, k={k}): ARI/NMI true k | auto k")
        report[name] = {}
        for feature, x in features(texts).items():
            results = {
                "kmeans": (kmeans(x, k), auto(kmeans, x)),
                "ward": (ward(x, k), auto(ward, x)),
                "spectral": (spectral(x, k), choose_k(x, 4, 14)),
            }
            cells = []
            for algorithm, (true_k, auto_k) in results.items():
                score = [
                    round(f(truth, p), 3)
                    for p in (true_k, auto_k)
                    for f in (adjusted_rand_score, normalized_mutual_info_score)
                ]
                report[name][f"{feature} / {algorithm}"] = score
                cells.append(
                    f"{algorithm} {score[0]:.2f}/{score[1]:.2f} | {score[2]:.2f}/{score[3]:.2f}"
                )
            print(f"  {feature:36s} " + "   ".join(cells))
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
