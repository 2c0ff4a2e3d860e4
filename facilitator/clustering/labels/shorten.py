"""The fallback heading: a member's statement shortened at a phrase boundary ("Vi skal have
mere mod til at turde fejle, også når ..." -> "Mere mod til at turde fejle"), never in the
middle of a phrase. Shown as a suggestion: it quotes a member rather than naming the theme."""

from __future__ import annotations

import re

from ..danish import (
    ARTICLES,
    AUXILIARIES,
    CLOSED_CLASS,
    PREPOSITIONS,
    PRONOUNS,
    QUANTIFIERS,
    is_english,
)
from .corpus import Corpus
from .words import (
    CLAUSE_RE,
    MAX_WORDS,
    OPENERS,
    VERBS,
    WORD_RE,
    _words,
    adjective_like,
    surface,
)
from .words import possessive_or_passive as _genitive

# The usual opening of a statement ("Vi skal (have) ...", "Det er vigtigt at ..."): dropped.
_OPENING = re.compile(
    r"^(?:(?:vi|man|de|der|det|kommunen|kommunerne|regionen|jeg)\s+"
    r"(?:skal|må|bør|kan|vil|mangler|ønsker|vil gerne|skal have)\s+"
    r"(?:(?:have|være|kunne|gerne|også)\s+)?"
    r"|det\s+er\s+(?:vigtigt|godt|nødvendigt)\s+at\s+"
    r"|hvad\s+med\s+(?:at\s+)?"
    r"|(?:forslag|ønske|idé|ide)\s+)",
    re.IGNORECASE,
)
# Words that open a new clause: the phrase before them is complete.
_CLAUSE_OPENERS = _words("at der som fordi når hvis så men da mens selvom hvor hvordan hvorfor")
_LEADING_JUNK = _words("at og men så eller samt for altså derfor desuden også")


def shortened(text: str, corpus: Corpus) -> str | None:
    """The statement's first clause of two or more words, its usual opening dropped, cut at the
    last phrase boundary within six words; None when there is no such cut."""
    if corpus.language == "da" and is_english(text):
        return None
    for clause in CLAUSE_RE.split(text):
        clause = _OPENING.sub("", clause.strip())
        words = WORD_RE.findall(clause)
        while words and words[0].lower() in _LEADING_JUNK - OPENERS:
            words = words[1:]
        if len(words) < 2 or not _may_open(words[0].lower(), corpus):
            continue
        cut = _cut(words, corpus)
        if cut:
            return " ".join(surface(w) for w in words[:cut])
    return None


def _cut(words: list[str], corpus: Corpus) -> int:
    """Words to keep: the whole clause when it fits, else the longest prefix that ends on a
    complete phrase before a new clause (a conjunction, "at", a verb), else before a
    preposition; 0 when none."""
    lows = [w.lower() for w in words]
    verbs = [j for j in range(1, len(lows)) if _verb(lows[j], corpus) and not _infinitive(lows, j)]
    if verbs and verbs[0] == 1 and not _verb(lows[0], corpus):
        return 0  # subject and verb ("Borgere bliver sendt hjem"): no phrase to lift
    # A noun phrase ends before its clause's first finite verb ("Mange nyuddannede | stopper").
    limit = min(MAX_WORDS, len(lows) - 1, verbs[0] if verbs and verbs[0] >= 2 else MAX_WORDS)
    strong = weak = 0
    for k in range(2, limit + 1):
        if not _complete(lows, k, corpus):
            continue
        nxt = lows[k]
        coordinated_clause = (
            nxt in ("og", "eller") and k + 1 < len(lows) and _clause_start(lows[k + 1], corpus)
        )
        if nxt in _CLAUSE_OPENERS or _verb(nxt, corpus) or coordinated_clause:
            strong = k
        elif nxt in PREPOSITIONS and not _inside_coordination(lows, k):
            weak = k
    if strong:
        return strong  # "Robotstøvsugere til alle | der får rengøringshjælp"
    if len(lows) <= MAX_WORDS and not verbs and _complete(lows, len(lows), corpus):
        return len(lows)
    return weak


def _may_open(low: str, corpus: Corpus) -> bool:
    """Not an article, pronoun or finite verb ("de ældre", "Er simpelthen ..."); an
    infinitive may open ("Turde prøve nyt")."""
    if low in OPENERS or (low.endswith("e") and _verb(low, corpus)):
        return True
    return not (low in CLOSED_CLASS or _verb(low, corpus))


def _complete(lows: list[str], k: int, corpus: Corpus) -> bool:
    """May the phrase end after lows[k - 1]: not on a function word, quantifier or genitive,
    and not on an adjective whose noun follows."""
    last = lows[k - 1]
    if last in CLOSED_CLASS or last in QUANTIFIERS or last in OPENERS or _genitive(last):
        return False
    if k == len(lows):
        return True
    nxt = lows[k]
    return not (adjective_like(last) or last in corpus.modifiers) or (
        nxt in CLOSED_CLASS or _verb(nxt, corpus)
    )


def _infinitive(lows: list[str], j: int) -> bool:
    """ "at turde fejle": verbs after "at" are no finite verb."""
    return lows[j - 1] == "at" or (j > 1 and lows[j - 2] == "at")


def _verb(low: str, corpus: Corpus) -> bool:
    return low in AUXILIARIES or low in VERBS or low in corpus.verbs


def _clause_start(low: str, corpus: Corpus) -> bool:
    return low in PRONOUNS or low in ARTICLES or _verb(low, corpus)


def _inside_coordination(lows: list[str], k: int) -> bool:
    """ "mellem skole | og hjem": a preposition opened a coordinated object not yet closed."""
    opened = [j for j, w in enumerate(lows[:k]) if w in ("mellem", "både")]
    return bool(opened) and not any(w in ("og", "eller") for w in lows[opened[-1] : k])
