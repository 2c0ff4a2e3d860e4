"""Danish word classes and word forms for headings: what may open, sit inside or close a
heading (closed word classes, grammar rather than topics), and the form tests (lemma,
possessive, adjective, verb position) built on simplemma's Danish dictionary."""

from __future__ import annotations

import re
from functools import lru_cache

import simplemma

# A word, keeping a hyphen that stands for an elided part ("børne- og ungdomspsykiatri").
WORD_RE = re.compile(
    r"[A-Za-z0-9ÆØÅæøåÉéÜü]+(?:-[A-Za-z0-9ÆØÅæøåÉéÜü]+)*"
    r"(?:-(?=\s+(?:og|eller)\s))?"
)
# Phrases never cross punctuation or a dash: "Mennesket før paragraffen – det er ..." is two.
CLAUSE_RE = re.compile(r"[,.;:!?()\[\]\"“”„–—]|\s-\s")
MAX_WORDS = 6

# --- closed word classes (grammar, not topics) -----------------------------------------------


# Words that mark the next word as a verb ("at opdage", "skal bruges", "vil ikke vente").
def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


_VERB_CUES = _words("at skal kan vil må bør tør kunne skulle ville burde turde lad lade har havde")
# Subjects after the modal in a question or inverted clause ("Hvorfor skal man vente").
_INVERTED_SUBJECTS = _words("man vi de jeg du han hun den det der")
# Auxiliaries, modals and the commonest finite verbs: never inside a heading.
VERBS = _words(
    """
    er var være været bliver blev blive blevet har havde have haft skal skulle kan kunne vil
    ville må måtte bør burde tør turde får fik gør gjorde går gik kommer kom ser så giver gav
    tager tog handler betyder kræver findes mangler hedder virker
    """
)
# Function words allowed inside a heading, between content words ("opsporing af demens",
# "ældre og demens", "borgeren i centrum").
INNER = _words("af til for med på i om mellem mod fra over under ved hos uden efter og eller")
# Prepositions that are not stop words: they neither open nor close a heading.
PREPOSITIONS = _words("udover gennem igennem omkring langs indenfor udenfor via pga trods foran")
# Conjunctions and sentence adverbs that are not stop words: they end a phrase.
CONJUNCTIONS = _words("selvom ellers idet hvorfor hvorimod skønt ligesom desværre måske")
# Quantifying/evaluative adjectives that may open a heading ("Flere og sikrere cykelstier",
# "Mere mod") although they are stop words on their own.
OPENERS = _words("flere mere færre mange nye ny nyt gode god bedre store stor lille egne")
# Fixed expressions whose first word needs its preposition ("tværs af" -> "på tværs af").
EXPRESSIONS = {"tværs": "på tværs"}
# Endings of adjectives/adverbs ("faglige", "psykisk", "tidligt"): weak as the last word.
_ADJECTIVE_END = re.compile(r"(?:ig|igt|ige|lig|ligt|lige|isk|iske|iskt|sk|ske|ede)$")

# Words before which a "-er"/"-et" form is a noun ("mellem kommuner", "flere skoler").
_NOUN_CUES = (
    INNER
    | OPENERS
    | _words("alle nogle andre vores deres sine sin sit mine ingen en et to tre fire fem")
)
# Definite articles: an adjective right after one ("den gode alderdom") cannot open a heading.
ARTICLES = _words("den det de")


@lru_cache(maxsize=100_000)
def lemma_of(word: str) -> str:
    return simplemma.lemmatize(word, lang="da")


@lru_cache(maxsize=100_000)
def _known(word: str) -> bool:
    return simplemma.is_known(word, lang="da")


def surface(word: str) -> str:
    # Keep acronyms (UCN, VISO) and names with a capital inside (MitID, eBoks); other words
    # lower-case for a sentence-style heading.
    keep = len(word) > 1 and (word.isupper() or any(c.isupper() for c in word[1:]))
    return word if keep else word.lower()


@lru_cache(maxsize=100_000)
def possessive_or_passive(word: str) -> bool:
    """ "kommunens", "borgerens" (genitive) or "opdages" (passive): the bare form without -s is
    a known word with the same lemma. Either way the phrase would stop mid-sentence."""
    if len(word) < 5 or not word.endswith("s") or word.endswith("ss") or word == "tværs":
        return False
    bare = word[:-1]
    return _known(bare) and lemma_of(bare) == lemma_of(word)


@lru_cache(maxsize=100_000)
def adjective_like(word: str) -> bool:
    """Adjective or adverb by form: "tidligt" (lemma + t), "faglige", "psykisk", "sikrere"."""
    if _ADJECTIVE_END.search(word):
        return True
    lemma = lemma_of(word)
    if lemma != word and word == lemma + "t" and not lemma.endswith("e"):
        return True
    # Comparatives ("sikrere", "billigere"), not plurals on -ere ("borgere" = borger + e).
    return lemma != word and word.endswith("ere") and word != lemma + "e"


def definite(word: str) -> bool:
    lemma = lemma_of(word)
    return lemma != word and word.startswith(lemma[:-1]) and word.endswith(("en", "et", "ne"))


def noun_cue(prev: str) -> bool:
    """A preposition, determiner, genitive or adjective in front: the next word is a noun
    ("mellem kommuner", "kommunens skoler", "sikre cykelstier")."""
    return (
        prev in _NOUN_CUES
        or possessive_or_passive(prev)
        or (adjective_like(prev) and not prev.endswith("ede"))
    )


@lru_cache(maxsize=100_000)
def finite_form(word: str) -> bool:
    """Present tense or participle by form: an -e lemma plus -r/-t ("lukker", "tilpasset"),
    or an imperative: the -e lemma without its e ("husk", "tænk", "prøv", "luk"). Plural and
    definite nouns share the first form ("kommuner", "arbejdet"), so the corpus clears words
    it has seen after a preposition or determiner."""
    if len(word) < 3:
        return False
    lemma = lemma_of(word)
    if lemma in (word + "e", word + word[-1] + "e"):  # "plant", "luk" (lukke)
        return True
    if len(word) < 4 or not word.endswith(("er", "et")):
        return False
    return lemma.endswith("e") and word == lemma + word[-1]


def verb_position(words: list[str], i: int) -> bool:
    """Is words[i] in verb position: right after a modal/"at", or after "ikke"/"også" that
    follow one ("skal ikke vente")?"""
    prev = words[i - 1].lower()
    if prev in _VERB_CUES:
        return True
    if prev in _INVERTED_SUBJECTS and i > 1 and words[i - 2].lower() in _VERB_CUES:
        return True  # "skal man vente", "kan vi lære"
    return (
        prev in {"ikke", "også", "kun", "gerne", "altid", "bare", "selv"}
        and i > 1
        and (words[i - 2].lower() in _VERB_CUES)
    )


def warm_up() -> None:
    """Load simplemma's Danish dictionary now (~0.6 s, once per process), e.g. while the
    statements are being embedded, so the first labelling stays fast."""
    lemma_of("huse")
