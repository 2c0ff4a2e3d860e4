"""Unit tests for facilitator.clustering.labels: headings a secretary would keep."""

from __future__ import annotations

import numpy as np
import pytest

from facilitator.clustering.labels.naming import label_clusters, label_for
from facilitator.clustering.labels.representative import representative_order
from tests.support.themes import texts_and_clusters

CYKLER = [
    "Flere cykelstier langs de store veje",
    "Sikre cykelstier til skolebørn",
    "Cykelstierne skal ryddes for sne om vinteren",
    "Vi skal have en cykelsti mellem byerne",
    "Belysning på cykelstien ved skoven",
]
BIBLIOTEK = [
    "Biblioteket skal have længere åbningstider",
    "Flere arrangementer på biblioteket for børn",
    "Biblioteket som mødested for ældre",
    "Lektiecafé på biblioteket om eftermiddagen",
    "Et nyt bibliotek i bydelen",
]
HALLER = [
    "Hallen skal renoveres, omklædningsrummene er slidte",
    "Mere haltid til de små klubber",
    "En ny hal til håndbold og badminton",
    "Halleje skal være billigere for foreningerne",
]


def _lone_or_fragment(label: str, word: str) -> bool:
    return label.lower() == word or label.lower().split()[-1] == word


def test_no_lone_generic_word_when_a_phrase_exists() -> None:
    # "Borgeren" is in every statement of both themes; each theme shares a phrase of its own.
    contact = [
        "Borgeren skal have en fast kontaktperson",
        "En fast kontaktperson for borgeren",
        "Borgeren mangler en fast kontaktperson i kommunen",
    ]
    food = [
        "Borgeren skal have sund mad på plejehjemmet",
        "Sund mad til borgeren hver dag",
        "Borgeren skal spise sund mad sammen med andre",
    ]
    texts, clusters = texts_and_clusters(contact, food)
    labels = label_clusters(texts, clusters)
    assert labels == ["Fast kontaktperson", "Sund mad"]


def test_no_possessive_fragment() -> None:
    roads = [
        "Kommunens cykelstier er for smalle",
        "Kommunens cykelstier skal vedligeholdes",
        "Kommunens veje og cykelstier mangler lys",
        "Kommunens økonomi til cykelstier",
    ]
    schools = [
        "Kommunens skoler skal renoveres",
        "Flere lærere på kommunens skoler",
        "Kommunens skoler mangler legepladser",
    ]
    texts, clusters = texts_and_clusters(roads, schools)
    labels = label_clusters(texts, clusters)
    for label in labels:
        assert not label.lower().endswith("kommunens"), label
    assert "cykelstier" in labels[0].lower() and "skoler" in labels[1].lower()


def test_headings_are_unique_across_themes() -> None:
    # Both themes are mostly about "cykelstier": the second must get another heading.
    first = ["Flere cykelstier", "Cykelstier til skolen", "Cykelstier i byen"]
    second = [
        "Cykelstier og parkering ved stationen",
        "Cykelparkering ved stationen",
        "Overdækket cykelparkering",
    ]
    texts, clusters = texts_and_clusters(first, second)
    labels = label_clusters(texts, clusters)
    assert len({label.lower() for label in labels}) == 2
    assert labels[1].lower() != "cykelstier"


def test_works_without_embeddings_and_never_ends_on_a_verb() -> None:
    texts, clusters = texts_and_clusters(CYKLER, BIBLIOTEK, HALLER)
    labels = label_clusters(texts, clusters, vectors=None, embed=None)
    assert all(label and label[0].isupper() and len(label.split()) <= 6 for label in labels)
    assert "cykelsti" in labels[0].lower()
    assert "bibliotek" in labels[1].lower()
    for label in labels:
        assert label.split()[-1].lower() not in {"skal", "ryddes", "renoveres", "have"}


def test_label_for_single_cluster_uses_the_rest_as_background() -> None:
    texts, _ = texts_and_clusters(CYKLER, BIBLIOTEK)
    label = label_for(texts, range(len(CYKLER), len(texts)))
    assert "bibliotek" in label.lower()
    assert label_for(texts, [], all_texts=texts)  # an empty cluster still gets a heading


def test_acronyms_are_kept_and_only_the_first_letter_capitalised() -> None:
    texts = [
        "Samarbejde med UCN om efteruddannelse",
        "Efteruddannelse sammen med UCN",
        "Mere efteruddannelse via UCN",
        "Sund mad i kantinen",
        "Kantinen skal have sund mad",
    ]
    label = label_for(texts, [0, 1, 2], all_texts=texts)
    assert label[0].isupper() and label[1:] == label[1:].lower() or "UCN" in label


def test_representative_order_puts_the_central_member_first() -> None:
    vectors = np.array(
        [[1.0, 0.0, 0.0], [0.6, 0.8, 0.0], [0.8, 0.6, 0.0], [0.6, 0.0, 0.8]], dtype=np.float32
    )
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    texts = ["a", "b", "c", "d"]
    # Centroid of all four leans to [1, .35, .2]: member 0 (or 2) is the most central, 3 and 1
    # the outliers.
    order = representative_order([3, 1, 2, 0], vectors, texts)
    assert order[0] in (0, 2) and order[-1] in (1, 3)
    assert sorted(order) == [0, 1, 2, 3]


def test_representative_order_without_vectors_prefers_shared_words() -> None:
    texts = [
        "Noget helt andet om frokost",
        "Fast kontaktperson til borgeren",
        "Fast kontaktperson og faste tider",
        "Kontaktperson for pårørende",
    ]
    order = representative_order([0, 1, 2, 3], None, texts)
    assert order[0] in (1, 2) and order[-1] == 0


# --- with the real e5 embedder -----------------------------------------------------------


@pytest.fixture(scope="module")
def e5():  # noqa: ANN201 - the backend is optional
    from facilitator.clustering.backends import E5Backend, SemanticModelMissing

    try:
        return E5Backend()
    except SemanticModelMissing as exc:
        pytest.skip(str(exc))


def _centred(e5, texts: list[str]):  # noqa: ANN001, ANN202
    raw = e5.fit_transform(texts)
    mean = raw.mean(axis=0)

    def unit(m: np.ndarray) -> np.ndarray:
        return m / np.linalg.norm(m, axis=1, keepdims=True)

    return unit(raw - mean), lambda phrases: unit(e5.fit_transform(phrases) - mean)


@pytest.mark.parametrize("centred", [True, False])
def test_e5_heading_names_the_key_noun(e5, centred: bool) -> None:  # noqa: ANN001
    texts, clusters = texts_and_clusters(CYKLER, BIBLIOTEK, HALLER)
    if centred:
        vectors, embed = _centred(e5, texts)
    else:
        vectors, embed = e5.fit_transform(texts), e5.fit_transform
    labels = label_clusters(texts, clusters, vectors=vectors, embed=embed)
    assert "cykel" in labels[0].lower()
    assert "bibliotek" in labels[1].lower()
    assert "hal" in labels[2].lower()
    assert len(set(labels)) == 3
    for label in labels:
        assert 1 <= len(label.split()) <= 6 and label[0].isupper()
