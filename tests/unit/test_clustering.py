"""Unit tests for facilitator.clustering (fast: small inputs only)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from facilitator.clustering import (
    Cluster,
    SemanticModelMissing,
    assign_to_nearest,
    cluster_lines_json,
    cluster_texts,
    duplicate_groups,
    format_clusters_text,
    label_for,
)
from facilitator.clustering.backends import get_backend
from facilitator.clustering.danish import (
    STOP_WORDS,
    CompoundSplitter,
    analyse,
    char_ngrams,
    normalise,
    stem,
)

EVAL = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "clustering_eval_da.tsv"

DEMENS = [
    "Tidlig opsporing af demens hos ældre borgere",
    "Demens skal opdages tidligt blandt de ældre",
    "Bedre hjælp til ældre med demens",
    "Plejehjem skal kunne rumme beboere med demens",
]
OEKONOMI = [
    "Billigere pladser og gennemsigtige takster",
    "Taksterne for pladser skal være gennemsigtige",
    "Vi skal undgå dyre tomme pladser",
    "Udgifterne til pladser skal styres bedre",
]
KOMPETENCE = [
    "Fælles kompetenceudvikling for personalet",
    "Personalet skal have efteruddannelse og kurser",
    "Uddannelse af medarbejdere i nye metoder",
    "Kompetenceløft for pædagoger på tværs",
]
FRIVILLIG = [
    "Frivillige foreninger skal skabe fællesskaber",
    "Fællesskaber med frivillige mod ensomhed",
    "Samarbejde med foreninger og frivillige",
    "Frivillige besøgsvenner til ensomme",
]
THEMES = [DEMENS, OEKONOMI, KOMPETENCE, FRIVILLIG]
TEXTS = [t for theme in THEMES for t in theme]
TRUTH = [n for n, theme in enumerate(THEMES) for _ in theme]


def _assignment(clusters: list[Cluster], n: int) -> list[int]:
    pred = [-1] * n
    for c, cluster in enumerate(clusters):
        for i in cluster.members:
            pred[i] = c
    return pred


# --- danish.py ---------------------------------------------------------------------------


def test_normalise_unifies_case_quotes_and_space() -> None:
    assert normalise("  Vi skal  ”TURDE”\tfejle ") == 'vi skal "turde" fejle'


def test_stem_maps_inflections_together() -> None:
    assert stem("kompetencer") == stem("kompetence")
    assert stem("pladserne") == stem("pladser")


def test_compound_splitter_uses_corpus_vocabulary() -> None:
    splitter = CompoundSplitter.from_texts(
        ["viften af tilbud", "psykiatrien og det sociale", "kompetence og udvikling"]
    )
    assert splitter.split("tilbudsviften") == ("tilbud", "viften")
    assert splitter.split("socialpsykiatrien") == ("social", "psykiatrien")
    assert splitter.split("kompetenceudvikling") == ("kompetence", "udvikling")
    assert splitter.split("borger") == ("borger",)


def test_analyse_drops_stop_words_and_adds_compound_parts() -> None:
    splitter = CompoundSplitter.from_texts(["udvikling af en kompetence"])
    features = analyse("Vi skal have fælles kompetenceudvikling", splitter)
    assert stem("udvikling") in features and stem("kompetence") in features
    assert not {"vi", "skal", "have"} & set(features)
    assert "vi" in STOP_WORDS


def test_char_ngrams_are_word_bounded() -> None:
    grams = char_ngrams("Ny data", 3, 3)
    assert " ny" in grams and "ny " in grams
    assert "y d" not in grams


# --- engine.py ---------------------------------------------------------------------------


def test_recovers_four_clear_themes() -> None:
    clusters = cluster_texts(TEXTS, k=4)
    assert adjusted_rand_score(TRUTH, _assignment(clusters, len(TEXTS))) > 0.6


def test_every_nonblank_text_in_exactly_one_cluster_and_blank_skipped() -> None:
    texts = [*TEXTS[:8], "   ", "", *TEXTS[8:]]
    clusters = cluster_texts(texts)
    members = [i for c in clusters for i in c.members]
    assert sorted(members) == [i for i, t in enumerate(texts) if t.strip()]
    sizes = [len(c.members) for c in clusters]
    assert sizes == sorted(sizes, reverse=True)


def test_auto_k_stays_in_range_and_is_deterministic() -> None:
    first = cluster_texts(TEXTS, min_k=2, max_k=6)
    assert 2 <= len(first) <= 6
    assert first == cluster_texts(TEXTS, min_k=2, max_k=6)


@pytest.mark.parametrize("n", [0, 1, 2, 3])
def test_tiny_inputs(n: int) -> None:
    clusters = cluster_texts(TEXTS[:n])
    assert sorted(i for c in clusters for i in c.members) == list(range(n))
    assert all(c.label for c in clusters)


def test_explicit_k_larger_than_input_is_clamped() -> None:
    assert len(cluster_texts(TEXTS[:6], k=50)) <= 6


def test_near_duplicates_grouped_with_count() -> None:
    texts = [
        *TEXTS,
        "Tidlig opsporing af demens hos ældre borgere.",  # same as 0 after normalisation
        "tidlig opsporing af demens hos ældre borger",  # near-identical
    ]
    clusters = cluster_texts(texts, k=4)
    home = next(c for c in clusters if 0 in c.members)
    assert home.duplicates == {0: [16, 17]}
    assert {16, 17} <= set(home.members)


def test_duplicate_groups_keeps_distinct_texts_apart() -> None:
    groups = duplicate_groups(["Vi skal have mod", "VI SKAL  have mod!", "Mere data"])
    assert groups == [[0, 1], [2]]


def test_assign_to_nearest_picks_matching_theme() -> None:
    clusters = [list(range(0, 4)), list(range(4, 8)), [], list(range(8, 12))]
    new = ["Ældre med demens på plejehjem", "Takster for pladser", "  "]
    assert assign_to_nearest(TEXTS, clusters, new) == [0, 1, -1]


def test_assign_to_nearest_leaves_unrelated_text_unsorted() -> None:
    clusters = [list(range(0, 4)), list(range(4, 8))]
    assert assign_to_nearest(TEXTS, clusters, ["Frokost?", "=cmd|' /C calc'!A0"]) == [-1, -1]


def test_unknown_backend_raises() -> None:
    with pytest.raises(ValueError):
        cluster_texts(TEXTS, backend="nonsense")


# --- labels.py ---------------------------------------------------------------------------


def test_labels_are_distinct_capitalised_and_not_stop_words() -> None:
    clusters = cluster_texts(TEXTS, k=4)
    labels = [c.label for c in clusters]
    assert len(set(labels)) == len(labels)
    for label in labels:
        words = label.split()
        assert 1 <= len(words) <= 6 and label[0].isupper()
        assert words[0].lower() not in STOP_WORDS and words[-1].lower() not in STOP_WORDS


def test_label_for_prefers_distinctive_phrase() -> None:
    assert {"demens", "ældre"} & set(label_for(TEXTS, [0, 1, 2, 3]).lower().split())
    assert {"pladser", "takster"} & set(label_for(TEXTS, [4, 5, 6, 7]).lower().split())


def test_label_for_prefers_repeated_phrase_in_surface_form() -> None:
    texts = ["Tidlig opsporing af demens", "Mere tidlig opsporing i hjemmeplejen", "Mere data"]
    assert label_for(texts, [0, 1], all_texts=texts) == "Tidlig opsporing"


def test_weak_word_gives_way_to_the_shortest_clause() -> None:
    texts = [
        "Vi skal have mere mod til at turde fejle.",
        "Vi skal turde prøve nyt, også selvom det ikke lykkes første gang.",
        "Vi skal lytte til borgeren og turde forfølge borgerens egne ønsker.",
        "Borgeren skal have en fast kontaktperson",
        "Mere data om borgeren",
    ]
    # No phrase shared by two members: the most representative statement, cut at a phrase
    # boundary (was the shortest opening clause, "Turde prøve nyt").
    assert label_for(texts, [0, 1, 2], all_texts=texts) == "Mere mod til at turde fejle"


def test_fixed_expression_keeps_its_preposition() -> None:
    texts = [
        "Samarbejde på tværs af kommunerne",
        "Vi skal arbejde på tværs af kommunerne",
        "Mere data om borgerne",
    ]
    assert label_for(texts, [0, 1], all_texts=texts) == "På tværs af kommunerne"


def test_large_theme_gets_a_fuller_heading() -> None:
    elderly = [
        "Ældre med demens skal have en værdig hverdag",
        "Flere plejeboliger til ældre",
        "Demens hos ældre opdages for sent",
        "Ældre skal have mere tid med personalet",
        "Pårørende til borgere med demens skal aflastes",
        "Demensvenlige ældre-kommuner",
        "Bedre hjælp til ældre i eget hjem",
        "Mennesker med demens skal mødes med ro",
    ]
    offers = [
        "Vi mangler specialiserede tilbud",
        "Specialiserede tilbud skal deles",
        "Fælles specialiserede tilbud på tværs",
        "Tilbud tæt på borgeren",
        "Specialiserede tilbud til få borgere",
        "Overblik over alle tilbud",
    ]
    texts = elderly + offers + ["Mere data", "Bedre økonomi", "Flere frivillige"]
    assert label_for(texts, range(8), all_texts=texts) == "Ældre og demens"
    assert label_for(texts, range(8, 14), all_texts=texts) == "Specialiserede tilbud"


# --- CLI helpers -------------------------------------------------------------------------


def test_cluster_lines_json_uses_line_numbers_and_text_output() -> None:
    lines = [*TEXTS[:4], "", *TEXTS[4:8]]
    result = cluster_lines_json(lines, k=2)
    members = sorted(i for c in result["clusters"] for i in c["members"])
    assert members == [0, 1, 2, 3, 5, 6, 7, 8]
    for cluster in result["clusters"]:
        assert isinstance(cluster["suggestion"], bool)
        assert all(isinstance(a, str) and a != cluster["label"] for a in cluster["alternatives"])
    text = format_clusters_text(lines, result)
    assert result["clusters"][0]["label"] in text and "   6: " + lines[5] in text


# --- semantic backend --------------------------------------------------------------------


def test_local_model_without_folder_raises_danish_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACILITATOR_EMBEDDING_MODEL", raising=False)
    with pytest.raises(SemanticModelMissing, match="lokal model"):
        get_backend("local-model")


def _tiny_model2vec(directory: Path) -> Path:
    """A 3-d model2vec model whose vectors encode the theme of each word."""
    model2vec = pytest.importorskip("model2vec")
    tokenizers = pytest.importorskip("tokenizers")
    words = sorted({w.strip(".,").lower() for t in TEXTS for w in t.split()})
    vocab = {"[UNK]": 0, "[PAD]": 1, **{w: i + 2 for i, w in enumerate(words)}}
    vectors = np.zeros((len(vocab), len(THEMES)), dtype=np.float32)
    for theme_no, theme in enumerate(THEMES):
        for w in {w.strip(".,").lower() for t in theme for w in t.split()}:
            vectors[vocab[w], theme_no] += 1.0
    tok = tokenizers.Tokenizer(tokenizers.models.WordLevel(vocab, unk_token="[UNK]"))
    tok.normalizer = tokenizers.normalizers.Lowercase()
    tok.pre_tokenizer = tokenizers.pre_tokenizers.Whitespace()
    model2vec.StaticModel(vectors, tok).save_pretrained(str(directory))
    return directory


def test_semantic_backend_loads_local_model(tmp_path: Path) -> None:
    model_dir = _tiny_model2vec(tmp_path / "tiny")
    clusters = cluster_texts(TEXTS, k=4, backend="local-model", model_path=str(model_dir))
    assert adjusted_rand_score(TRUTH, _assignment(clusters, len(TEXTS))) > 0.6


# --- evaluation data ---------------------------------------------------------------------


def test_eval_set_shape() -> None:
    with EVAL.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) >= 240 and len({r["theme"] for r in rows}) >= 10
    assert sum(r["split"] == "heldout" for r in rows) >= 0.4 * len(rows)
