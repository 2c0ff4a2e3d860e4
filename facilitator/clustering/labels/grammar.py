"""Is a phrase a heading a secretary would write? `heading_problem` names the first rule a
phrase breaks (None: none): 2-6 words, no closed-class word (preposition, conjunction,
article, pronoun, auxiliary, adverb) at either end, no verb, no quantifier or adjective left
without its noun, no light noun at the end ("... omkring ting"), no subject + verb
("Mange føler"), no word that looks like one participant's typo and no English word in a
Danish session. Without a parser: word lists of closed classes (danish.py) and the corpus'
own evidence of how words are used (corpus.py)."""

from __future__ import annotations

from collections.abc import Sequence

from ..danish import (
    CLOSED_CLASS,
    ENGLISH_WORDS,
    LIGHT_NOUNS,
    QUANTIFIERS,
    SUBJECTS,
    stem,
)
from .corpus import Corpus
from .words import (
    EXPRESSIONS,
    MAX_WORDS,
    OPENERS,
    VERBS,
    _known,
    _words,
    adjective_like,
    definite,
    lemma_of,
    possessive_or_passive,
)

MIN_WORDS = 2
# Function words allowed inside a heading: "Samarbejde med læger og hospital".
_INNER = _words(
    "af til for med på i om mellem mod fra over under ved hos uden efter og eller blandt "
    "omkring gennem via"
)
# Quantifiers that describe a subject rather than name a wish: "Mange ældre", "Nogle borgere".
_DESCRIBING = _words("mange nogle alle få hele halve")  # "Hele kommunen": (i) hele kommunen
_OPENING_EXPRESSIONS = frozenset(EXPRESSIONS.values())  # "på tværs"


def heading_problem(text: str, corpus: Corpus, *, min_words: int = MIN_WORDS) -> str | None:
    """The first heading rule the phrase breaks, or None when it may head a theme."""
    words = text.split()
    lows = [w.lower() for w in words]
    if not min_words <= len(lows) <= MAX_WORDS:
        return "length"
    first, last = lows[0], lows[-1]
    if corpus.language == "en":
        return _english_problem(lows)
    if any(w in ENGLISH_WORDS for w in lows):
        return "english"
    expression = " ".join(lows[:2]) in _OPENING_EXPRESSIONS
    if first in CLOSED_CLASS and first not in OPENERS and not expression:
        return "closed-class start"
    if last in CLOSED_CLASS or last in QUANTIFIERS or last in OPENERS:
        return "closed-class end"
    if last in LIGHT_NOUNS or first in LIGHT_NOUNS:
        return "light noun at an end"
    if first in _DESCRIBING:
        return "quantified subject"  # "Mange ældre" (føler sig ensomme)
    if possessive_or_passive(last):
        return "genitive or passive at the end"
    for i, low in enumerate(lows):
        if low in _INNER or (i == 0 and (low in OPENERS or expression)):
            continue
        if i == 1 and expression:
            continue
        if low in VERBS or low in corpus.verbs or low in CLOSED_CLASS:
            return "verb or function word inside"
    if len(lows) >= 2 and first in SUBJECTS and lows[1] in corpus.verbs:
        return "subject and verb"
    second = lows[1] if len(lows) > 1 else ""
    if adjective_like(first) and first not in OPENERS and second in _INNER - {"og", "eller"}:
        return "adjective without its noun"  # "Enklere for små klubber", "Forskellige på"
    if _definite_plural(first):
        return "definite plural first"  # "Skolerne og klubberne": the subject of a clause
    if _repeated(lows):
        return "a word twice"  # "Dag til dag" (fra dag til dag), "Side om side"
    for i in range(len(lows) - 1):
        if _bare_definite(lows[i], lows[i + 1]):
            return "definite noun after a word"  # "Naturbus skolerne"
        if _predicative(lows, i, corpus):
            return "adjective after its noun"
        if _disagreeing(lows[i], lows[i + 1]):
            return "adjective does not agree with its noun"
        if (
            _definite_plural(lows[i])
            and _noun_like(lows[i + 1], corpus)
            and lows[i + 1] not in (_INNER | OPENERS)
        ):
            return "noun after a definite noun"  # "Medarbejderne frihed": no genitive
    if not _noun_like(last, corpus) or not any(
        _noun_like(w, corpus) and not _participle(w)
        for w in lows
        if w not in _INNER and w not in OPENERS
    ):
        return "adjective or participle without its noun"
    for low in lows:
        if low not in _INNER and low not in OPENERS and _typo(low, corpus):
            return "typo or one member's word"
    return None


def _adjective(low: str) -> bool:
    return adjective_like(low) or (
        low.endswith("e") and not low.endswith("ere") and lemma_of(low) == low[:-1]
    )


def _predicative(lows: list[str], i: int, corpus: Corpus) -> bool:
    """An adjective that does not stand before its noun: after a noun ("Regnskabet enklere for
    små klubber") or first and followed by a preposition ("Enklere for små klubber")."""
    low = lows[i + 1] if i + 1 < len(lows) else ""
    if not low or not adjective_like(low) or low in OPENERS:
        return False
    after = lows[i + 2] if i + 2 < len(lows) else ""
    if after and after not in _INNER and after not in CLOSED_CLASS | _BEFORE_DEFINITE:
        return False  # "... psykiske vanskeligheder": before its noun
    prev = lows[i]
    return prev not in _INNER and not _adjective(prev) and prev not in OPENERS


# Nouns whose ending says they are singular and indefinite: plural and definite forms add to
# it (omstilling -> omstillinger, omstillingen).
_SINGULAR_ENDINGS = ("ing", "hed", "else", "tion", "sion", "skab", "isme")
# -e words that take a singular indefinite noun ("Samme behandling for alle").
_UNINFLECTED = _words("samme hele")


def _disagreeing(adjective: str, noun: str) -> bool:
    """An inflected adjective without an article before a singular indefinite noun ("Grønne
    omstilling" for "Grøn omstilling" / "Den grønne omstilling"). Comparatives ("bedre",
    "større", "sikrere") do not inflect and are left alone."""
    if not adjective.endswith("e") or adjective.endswith("re") or adjective in _UNINFLECTED:
        return False
    return len(adjective) > 3 and noun.endswith(_SINGULAR_ENDINGS)


def _repeated(lows: list[str]) -> bool:
    """The same content word twice: an idiom lifted from its sentence ("fra dag til dag")."""
    content = [lemma_of(w) for w in lows if w not in _INNER]
    return len(set(content)) < len(content)


# Words that may stand right before a definite noun ("hele drænet", "alle børnene").
_BEFORE_DEFINITE = _words("hele halve alle begge")


def _bare_definite(prev: str, low: str) -> bool:
    """A noun with its article suffixed ("skolerne") right after a content word with no
    preposition or conjunction between: Danish puts no adjective or noun in front of it
    (that takes "de nye skoler"), so the phrase was cut out of a longer one."""
    if prev in _INNER or prev in _BEFORE_DEFINITE or possessive_or_passive(prev):
        return False
    return len(low) > 4 and low.endswith(("en", "et", "ne")) and definite(low)


def _definite_plural(low: str) -> bool:
    """ "medarbejderne", "børnene": a definite plural noun (a subject, never a modifier)."""
    return low.endswith(("erne", "ene")) and len(low) > 5 and definite(low)


def _noun_like(low: str, corpus: Corpus) -> bool:
    if adjective_like(low) or low in QUANTIFIERS:
        return False
    # Mostly said in front of its noun ("forebyggende indsatser", "lokale"): a modifier.
    return low not in corpus.modifiers


def _participle(low: str) -> bool:
    """ "forebyggende": a present participle (the verb's lemma + nde)."""
    return low.endswith("ende") and lemma_of(low) == low[:-3] + "e"


def _typo(low: str, corpus: Corpus) -> bool:
    """A word form only one statement uses that the dictionary does not know and that is no
    compound of known words: likely a participant's typo ("arbejdsgievere")."""
    if corpus.form_df[low] >= 2 or low.isdigit() or len(low) < 3:
        return False
    if low.upper() == low or _known(low) or corpus.df[stem(low)] >= 2:
        return False  # another form of the word ("svømmehal", "svømmehallen") is safe
    return stem(low) not in corpus.parts


def _english_problem(lows: Sequence[str]) -> str | None:
    inner = _words("of for in on with and or to at by from")
    if lows[0] in ENGLISH_WORDS or lows[-1] in ENGLISH_WORDS:
        return "closed-class edge"
    if any(w in ENGLISH_WORDS and w not in inner for w in lows):
        return "function word inside"
    return None
