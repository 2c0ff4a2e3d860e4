"""The word filter matches words, not substrings, folds what people do to dodge it, and
refuses a list it cannot use with a clear message."""

from __future__ import annotations

import pytest

from facilitator.contributions.wordfilter import WordFilter, default_text, parse_list
from facilitator.core.errors import ValidationError


def test_words_phrases_and_stars() -> None:
    words = WordFilter(["idiot*", "*lort*", "røv", "hold kæft", "*fjols"])
    assert words.match("Sikke en IDIOTISK plan") == "idiot"
    assert words.match("Kommunelortet virker ikke") == "lort"
    assert words.match("Hold nu kæft") is None  # a phrase is words in a row
    assert words.match("hold kæft med det") == "hold kæft"
    assert words.match("Sikke et storfjols") == "fjols"
    assert words.match("Vi skal prøve noget nyt") is None  # "røv" is a word, not a substring
    assert words.match("Røv") == "røv"


def test_dodges_are_folded() -> None:
    words = WordFilter(["idiot*", "lort"])
    assert words.match("1di0t") == "idiot"
    assert words.match("lorrrrrt!!") == "lort"
    assert words.match("L O R T") is None  # letters apart are not the word (a person reads it)


def test_the_default_list_holds_abuse_and_leaves_ordinary_words() -> None:
    words = WordFilter(parse_list(default_text()))
    for abusive in ("Borgmesteren er en idiot", "fuck det her", "pisse dårligt", "Hold kæft!"):
        assert words.match(abusive), abusive
    for ordinary in (
        "Flere svin på markerne giver mere gylle",  # farming
        "Kommunen taber penge på det",  # "taber" = loses
        "Vi skal prøve noget nyt i ældreplejen",
        "Lad ingen dø alene",
        "Vi skal negere den negative spiral",
        "Ingen skal bo på gaden i Aalborg",
    ):
        assert words.match(ordinary) is None, ordinary


def test_a_list_it_cannot_use_is_named() -> None:
    assert parse_list("# en kommentar\n\nidiot*\nIdiot*\nhold  kæft # vending\n") == [
        "idiot*",
        "hold kæft",
    ]
    with pytest.raises(ValidationError, match="Linje 2"):
        parse_list("ok\n" + "x" * 61)
    with pytest.raises(ValidationError, match="Linje 1 indeholder intet ord"):
        parse_list("***")
