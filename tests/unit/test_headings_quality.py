"""Heading rules on small hand-written themes: noun phrases of 2-6 words, never a fragment
("... mellem skole", "Mange føler", a participant's typo, an English statement's words),
2-3 valid alternatives, and a marked suggestion cut at a phrase boundary as the fallback."""

from __future__ import annotations

from facilitator.clustering.danish import CLOSED_CLASS, is_english, session_language
from facilitator.clustering.labels.corpus import Corpus
from facilitator.clustering.labels.grammar import heading_problem
from facilitator.clustering.labels.naming import Heading, heading_for, label_clusters, label_for
from tests.support.themes import texts_and_clusters

PARKS = [
    "Flere bænke i byparken",
    "Bænke og borde i byparken til de ældre",
    "Byparken skal have flere bænke og skygge",
    "Legeplads i byparken med bænke til forældrene",
]
BUSES = [
    "Busserne kører for sjældent om aftenen",
    "Flere afgange med busserne om aftenen",
    "Busserne til landsbyerne om aftenen mangler",
    "Billigere billetter til busserne",
]
HOMEWORK = [
    "Lektiehjælp på biblioteket efter skoletid",
    "Gratis lektiehjælp til børn i indskolingen",
    "Frivillige giver lektiehjælp på biblioteket",
]


def _assert_valid(heading: str, corpus: Corpus) -> None:
    words = heading.lower().split()
    assert 2 <= len(words) <= 6, heading
    assert words[0] not in CLOSED_CLASS - {"flere", "mere", "bedre"}, heading
    assert words[-1] not in CLOSED_CLASS, heading
    assert heading_problem(heading, corpus) is None, heading


def test_headings_are_valid_phrases_with_distinct_alternatives() -> None:
    texts, clusters = texts_and_clusters(PARKS, BUSES, HOMEWORK)
    corpus = Corpus(texts)
    headings = label_clusters(texts, clusters)
    assert all(isinstance(h, Heading) for h in headings)
    assert "bænke" in headings[0].lower() or "byparken" in headings[0].lower()
    assert "bus" in headings[1].lower()
    assert "lektiehjælp" in headings[2].lower()
    all_headings = {h.lower() for h in headings}
    for heading in headings:
        assert not heading.suggestion
        _assert_valid(heading, corpus)
        assert len(heading.alternatives) <= 3
        lowered = [a.lower() for a in heading.alternatives]
        assert len(set(lowered)) == len(lowered)  # distinct
        assert not set(lowered) & all_headings  # never another theme's (or its own) heading
        for alternative in heading.alternatives:
            _assert_valid(alternative, corpus)
    assert any(len(h.alternatives) >= 2 for h in headings)


def test_no_dangling_preposition_or_conjunction_at_either_end() -> None:
    corpus = Corpus(["Samarbejde mellem skole og hjem", "Vidensdeling omkring ting"] * 2)
    for phrase in ["Samarbejde mellem", "Mellem skole og hjem", "Skole og", "Og hjem"]:
        assert heading_problem(phrase, corpus) is not None, phrase
    assert heading_problem("Vidensdeling omkring ting", corpus) is not None
    assert heading_problem("Samarbejde mellem skole og hjem", corpus) is None
    # The statements' own phrases: never cut inside "mellem skole og hjem".
    texts = [
        "Samarbejde mellem skole og hjem om trivsel",
        "Bedre samarbejde mellem skole og hjem",
        "Samarbejde mellem skole og hjem skal styrkes",
        "Flere cykelstier til skolen",
        "Sikre cykelstier i byen",
    ]
    heading = label_for(texts, [0, 1, 2], all_texts=texts)
    assert not heading.lower().endswith(("mellem skole", "mellem", "og", "om")), heading
    assert "skole og hjem" in heading.lower()


def test_no_subject_and_verb_fragment() -> None:
    texts = [
        "Mange føler sig ensomme om aftenen",
        "Mange føler sig alene efter tab af ægtefælle",
        "Ensomme ældre har brug for besøgsvenner",
        "Besøgsvenner til ensomme ældre",
        "Forsøg mislykkes når ingen tør fejle",
        "Flere bænke i byparken",
        "Bænke og borde i byparken",
    ]
    corpus = Corpus(texts)
    assert "føler" in corpus.verbs
    assert heading_problem("Mange føler", corpus) is not None
    assert heading_problem("Forsøg mislykkes", corpus) is not None
    assert (
        heading_problem("Flere forebyggende", Corpus(["Flere forebyggende indsatser"])) is not None
    )
    headings = label_clusters(texts, [[0, 1, 2, 3, 4], [5, 6]])
    assert "føler" not in headings[0].lower() and "mislykkes" not in headings[0].lower()
    _assert_valid(headings[0], corpus)


def test_a_typo_in_one_member_never_gives_the_heading() -> None:
    texts = [
        "Arbejdsgievere oplever mangel på faglærte",
        "Arbejdsgivere mangler faglærte medarbejdere",
        "Flere faglærte til de lokale arbejdsgivere",
        "Lokale arbejdsgivere skal tage flere lærlinge",
        "Bænke og borde i byparken",
        "Flere bænke i byparken",
    ]
    corpus = Corpus(texts)
    assert heading_problem("Arbejdsgievere", corpus, min_words=1) is not None
    heading = label_clusters(texts, [[0, 1, 2, 3], [4, 5]])[0]
    assert "arbejdsgievere" not in heading.lower()
    assert "oplever" not in heading.lower()
    assert all("gievere" not in a.lower() for a in heading.alternatives)


def test_an_english_statement_does_not_give_a_danish_heading() -> None:
    transitions = [
        "Better transitions from kindergarten to school",
        "Better transitions from kindergarten to school for every child",
        "Bedre overgang fra børnehave til skole",
        "Overgangen fra børnehave til skole skal være tryg",
        "En blød overgang fra børnehave til skole",
    ]
    texts = transitions + PARKS
    assert is_english(transitions[0]) and not is_english(transitions[2])
    assert session_language(texts) == "da"
    heading = label_clusters(texts, [list(range(5)), list(range(5, len(texts)))])[0]
    for word in ("better", "transitions", "from", "kindergarten", "school"):
        assert word not in heading.lower().split(), heading
    assert all("better" not in a.lower() for a in heading.alternatives)


def test_english_session_still_gets_headings() -> None:
    texts = [
        "More bike lanes in the city centre",
        "Safe bike lanes for children",
        "Bike lanes along the main roads",
        "The library should open on Sundays",
        "Longer opening hours at the library",
        "The library as a meeting place",
    ]
    headings = label_clusters(texts, [[0, 1, 2], [3, 4, 5]])
    assert "bike" in headings[0].lower()
    assert headings[1] and headings[1].lower() != headings[0].lower()
    for heading in headings:
        assert heading.split()[-1].lower() not in {"the", "of", "at", "for", "in"}


def test_fallback_is_a_marked_suggestion_cut_at_a_phrase_boundary() -> None:
    # Nothing is said by two members: the most representative statement, shortened.
    texts = [
        "Vi skal have mere mod til at turde fejle, også når det går galt",
        "Ledere der bakker op når medarbejdere prøver noget nyt",
        "Plads til at eksperimentere i hverdagen uden frygt",
        "Flere bænke i byparken",
        "Bænke og borde i byparken",
    ]
    heading = heading_for(texts, [0, 1, 2], all_texts=texts)
    assert heading.suggestion
    words = heading.lower().split()
    assert 2 <= len(words) <= 6
    assert words[-1] not in CLOSED_CLASS  # never mid-phrase: no dangling word
    # A prefix of one member's words (its usual opening "Vi skal have" dropped).
    assert any(" ".join(words) in " ".join(t.lower().replace(",", "").split()) for t in texts[:3])
    assert label_for(texts, [0, 1, 2], all_texts=texts) == str(heading)


def test_label_clusters_keeps_its_string_contract() -> None:
    texts, clusters = texts_and_clusters(PARKS, BUSES)
    headings = label_clusters(texts, clusters)
    assert [str(h) for h in headings] == list(headings)
    assert all(h[0].isupper() for h in headings)


def test_adjectives_agree_and_a_definite_noun_takes_no_bare_noun() -> None:
    corpus = Corpus(
        [
            "Den grønne omstilling skal have fart på",
            "Medarbejderne skal have frihed til at prøve nyt",
            "Bedre kommunikation med borgerne",
            "Samme behandling for alle uanset postnummer",
        ]
    )
    assert heading_problem("Grønne omstilling", corpus) is not None
    assert heading_problem("Grøn omstilling", corpus) is None
    assert heading_problem("Medarbejderne frihed", corpus) is not None
    assert heading_problem("Medarbejdernes frihed", corpus) is None
    assert heading_problem("Bedre kommunikation", corpus) is None  # comparatives stay
    assert heading_problem("Samme behandling", corpus) is None


def test_imperatives_idioms_and_talk_are_no_headings() -> None:
    corpus = Corpus(
        [
            "Plant ny skov tæt på byen",
            "Luk drænene på markerne",
            "Vi skal kende de unge ved navn fra dag til dag",
            "Mere skov tæt på skolerne, tak",
        ]
    )
    assert heading_problem("Plant ny skov", corpus) is not None  # an imperative, first
    assert heading_problem("Luk drænene", corpus) is not None  # lukke: doubled consonant
    assert heading_problem("Dag til dag", corpus) is not None  # "fra dag til dag"
    assert heading_problem("Naturbus skolerne", corpus) is not None  # cut before "skolerne"
    assert heading_problem("Turisme hele året", corpus) is None  # "hele" takes a definite noun
    assert heading_problem("Hele kommunen", corpus) is not None  # (i) hele kommunen
    assert heading_problem("Hinandens kulturer", corpus) is not None
    assert heading_problem("Madpakke og derud", corpus) is not None
    assert heading_problem("Skolerne tak", corpus) is not None
    assert heading_problem("Skolerne og klubberne", corpus) is not None
    assert heading_problem("Parkour ude", corpus) is not None
    assert heading_problem("Markernes dræn", corpus) is None
    assert heading_problem("Borgeren i centrum", corpus) is None
