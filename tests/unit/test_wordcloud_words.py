"""The word cloud check-in's words (facilitator/wordcloud/words.py): what a participant may
send, and how a room's answers are counted: stop words out, inflections folded, the form
most people wrote shown, each participant once per word. Pure: no app, no database."""

from __future__ import annotations

import pytest

from facilitator.core.errors import ValidationError
from facilitator.wordcloud.words import (
    CLOUD_WORDS,
    MAX_WORD_CHARS,
    cloud,
    count_words,
    fold,
    join_words,
    split_words,
    visible_text,
)


def _counts(answers: list[str], hidden: list[str] | None = None) -> dict[str, int]:
    return {w.text: w.count for w in count_words(answers, hidden or [])}


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        (["skov"], ["skov"]),
        (["Skov, mod"], ["Skov", "mod"]),  # a field may hold several, separated any way
        (["skov", "", "  mod  "], ["skov", "mod"]),  # empty fields are no words
        (["skov", "SKOV"], ["skov"]),  # the same word twice counts once
        (["sosu-assistent"], ["sosu-assistent"]),  # an inner hyphen belongs to the word
        (["glad 😀"], ["glad"]),  # an emoji beside a word is no word
        (["æblegrød"], ["æblegrød"]),
    ],
)
def test_a_check_in_is_one_to_three_words(typed: list[str], words: list[str]) -> None:
    assert split_words(typed) == words


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ([], "Skriv mindst ét ord med bogstaver eller tal."),
        (["  ", ""], "Skriv mindst ét ord med bogstaver eller tal."),
        (["🎉🌲🎉"], "Skriv mindst ét ord med bogstaver eller tal."),  # emoji only
        (["…!?"], "Skriv mindst ét ord med bogstaver eller tal."),
        (["\u200b\u00ad"], "Skriv mindst ét ord med bogstaver eller tal."),  # nothing visible
        (["skov mod tillid hav"], "Skriv højst 3 ord."),
        (["skov", "mod", "tillid", "hav"], "Skriv højst 3 ord."),
        (["a" * 95], "Et ord må højst have 30 tegn. »aaaaaaaaaaaa…« har 95."),
    ],
)
def test_what_is_not_a_check_in_is_refused_in_words(typed: list[str], message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        split_words(typed)
    assert refused.value.message == message


def test_a_word_of_exactly_the_limit_passes() -> None:
    word = "k" * MAX_WORD_CHARS
    assert split_words([word]) == [word]


def test_html_is_words_and_brackets_never_markup() -> None:
    # the brackets separate words: what is kept is plain text, escaped wherever it is shown
    assert split_words(["<b>mod</b>"]) == ["b", "mod"]
    words = split_words(["<script>alert(1)</script>"])
    assert words == ["script", "alert", "1"]
    assert "<" not in join_words(words) and ">" not in join_words(words)


def test_a_huge_hostile_input_stops_at_the_fourth_word() -> None:
    with pytest.raises(ValidationError, match="højst 3 ord"):
        split_words([" ".join(f"ord{n}" for n in range(200_000))])


def test_inflections_fold_into_the_form_most_people_wrote() -> None:
    counts = _counts(["skov", "skoven", "skove", "skov mod", "Skov"])
    assert counts["skov"] == 5  # one word, five people
    assert "skoven" not in counts and "skove" not in counts
    assert fold("skov") == fold("skoven") == fold("skove") == fold("skovene")
    assert _counts(["samarbejdet", "samarbejdet", "samarbejde"]) == {"samarbejdet": 3}
    assert _counts(["børn", "barn"]) == {"barn": 2}  # a tie: the shorter form
    assert _counts(["trees", "tree"]) == {"tree": 2}  # English by its lemma


def test_stop_words_of_both_languages_are_left_out_but_moods_stay() -> None:
    counts = _counts(["og det", "the and", "i", "jeg vi", "god mod", "x"])
    assert counts == {"god": 1, "mod": 1}


def test_each_participant_counts_once_per_word() -> None:
    # "skov skoven" from one phone is one vote for "skov", not two
    assert _counts(["skov skoven", "skov"]) == {"skov": 2}


def test_acronyms_keep_their_capitals_other_words_are_lower_case() -> None:
    assert _counts(["KKR", "Tillid", "tillid"]) == {"tillid": 2, "KKR": 1}


def test_most_written_first_ties_alphabetical() -> None:
    words = count_words(["mod tillid", "tillid", "håb", "anker"])
    assert [(w.text, w.count) for w in words] == [
        ("tillid", 2),
        ("anker", 1),
        ("håb", 1),
        ("mod", 1),
    ]


def test_hidden_words_leave_the_count_in_every_form() -> None:
    assert _counts(["skov mod", "skoven", "tillid"], hidden=["skove"]) == {"mod": 1, "tillid": 1}
    assert visible_text("skoven mod", ["skov"]) == "mod"


def test_the_cloud_holds_the_forty_most_written() -> None:
    answers = [f"ord{i:03d}" for i in range(60)] + ["fælles"] * 5
    room = cloud(answers)
    assert room.respondents == 65 and room.distinct == 61
    assert len(room.words) == CLOUD_WORDS
    assert room.words[0].text == "fælles" and room.words[0].count == 5
