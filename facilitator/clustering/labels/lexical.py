"""The lexical ranking of heading candidates: c-TF-IDF on stems (how many members use the
phrase's words, how concentrated they are in this theme, a preference for 2-4 words), then a
shortlist per theme, with "A og B" when B names members A misses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .corpus import Corpus, Phrase
from .grammar import heading_problem
from .words import EXPRESSIONS, adjective_like, definite

_LENGTH_FACTOR = {1: 0.75, 2: 1.0, 3: 1.0, 4: 0.95, 5: 0.8, 6: 0.7}
_WEAK_END = 0.4  # lexical factor for a phrase closing on an adjective/adverb/possessive
_DEFINITE_ALONE = 0.7  # "Indsatsen", "Borgeren": a definite noun alone is rarely a heading
_SPREAD_ALONE = 0.5  # a lone word mostly used outside the theme is generic
_FRAGMENT = 0.4  # factor for a phrase none of whose words a second member uses
_PRE_KEEP = 24  # candidates per theme recounted with stem prefixes
_PREFIX = 6  # characters of a stem that identify it inside compounds


@dataclass
class Candidate:
    text: str  # surface form, lower-case except acronyms
    content: frozenset[str]
    n_words: int
    lexical: float
    coverage: float
    concentration: float = 1.0
    fragment: bool = False  # no word of it is used by a second member
    score: float = 0.0
    members: int = 0  # the theme's size

    @property
    def heading(self) -> bool:
        """May head the theme: a phrase (a lone word only joins "A og B"), said in more than
        one member's words unless the theme is that small."""
        return self.n_words > 1 and not (self.fragment and self.members > 2)


def lexical_candidates(corpus: Corpus, members: Sequence[int]) -> list[Candidate]:
    """Candidates ranked by c-TF-IDF on stems: coverage x concentration x length preference.

    A first pass counts exact stems (and compound parts); the best few are then recounted
    with stem prefixes in the raw text, so "løsninger" is supported by "standardløsninger" and
    "innovative" by "innovationslaboratorium" (too slow for every phrase, fine for a few)."""
    n = max(1, len(members))
    local: Counter[str] = Counter()
    for i in members:
        local.update(corpus.stems[i])
    phrases = [p for p in corpus.candidates(members).values() if p.content]
    scored = sorted(phrases, key=lambda p: -_phrase_score(p, local, corpus.df, n)[0])
    # Only phrases that break no heading rule (grammar.py); lone words stay as material for
    # "A og B".
    first = []
    for phrase in scored:
        if heading_problem(_surface(phrase), corpus, min_words=1) is None:
            first.append(phrase)
            if len(first) >= _PRE_KEEP:
                break
    text = "\n".join(corpus.lowered[i] for i in members)
    fuzzy_local = Counter(
        {s: max(local[s], min(n, _prefix_count(text, s))) for p in first for s in p.content}
    )
    fuzzy_df = Counter(
        {
            s: max(corpus.df[s], _prefix_count(corpus.all_lowered, s), fuzzy_local[s])
            for s in fuzzy_local
        }
    )
    ranked: list[Candidate] = []
    for phrase in first:
        score, coverage, concentration = _phrase_score(phrase, fuzzy_local, fuzzy_df, n)
        fragment = max(fuzzy_local[s] for s in phrase.content) < 2
        if len(phrase.words) == 1 and concentration < _SPREAD_ALONE:
            score *= 0.5  # a lone word mostly said in other themes ("Borgeren") is generic
        ranked.append(
            Candidate(
                _surface(phrase),
                frozenset(phrase.content),
                len(phrase.words),
                score,
                coverage,
                concentration,
                fragment,
                members=n,
            )
        )
    if n > 2 and all(c.fragment for c in ranked):
        return []  # nothing is said by two members: a clause of one reads better than a bit
    if any(c.n_words > 1 for c in ranked) and len(members) > 1:
        # A generic lone word never heads a theme that has a phrase of its own.
        ranked = [c for c in ranked if c.n_words > 1 or not _generic_alone(c)]
    ranked.sort(key=lambda c: (-c.lexical, c.text))
    return ranked


def _surface(phrase: Phrase) -> str:
    """The phrase as the members say it most often, with its fixed expression restored."""
    return _fixed(phrase.surfaces.most_common(1)[0][0])


def _phrase_score(
    phrase: Phrase, local: Counter[str], df: Counter[str], n: int
) -> tuple[float, float, float]:
    shared = [local[s] for s in phrase.content]
    coverage = sum(shared) / (len(shared) * n)
    concentration = sum(local[s] / max(df[s], 1) for s in phrase.content) / len(shared)
    n_words = len(phrase.words)
    score = coverage * concentration**0.7 * _LENGTH_FACTOR[n_words]
    score *= 1.0 + 0.3 * min(phrase.count - 1, 3) / 3  # said the same way by several
    if n > 2 and max(shared) < 2:
        score *= _FRAGMENT  # no word of it is used by a second member: one statement's words
    last = phrase.words[-1].lower()
    if adjective_like(last):
        score *= _WEAK_END
    if n_words == 1 and definite(last):
        score *= _DEFINITE_ALONE
    return score, coverage, concentration


def _prefix_count(text: str, stem_: str) -> int:
    return text.count(stem_[:_PREFIX]) if len(stem_) >= 5 else 0


def _generic_alone(cand: Candidate) -> bool:
    return cand.concentration < _SPREAD_ALONE or (definite(cand.text) and cand.coverage < 0.5)


def _fixed(text: str) -> str:
    first, _, rest = text.partition(" ")
    return f"{EXPRESSIONS.get(first, first)} {rest}".strip()


def shortlist_for(
    corpus: Corpus, members: Sequence[int], ranked: list[Candidate], keep: int
) -> list[Candidate]:
    """The best `keep` candidates, at most two per set of content stems (forms of one phrase),
    plus "A og B" of the best two distinct short ones when B names members A misses."""
    chosen: list[Candidate] = []
    per_content: Counter[frozenset[str]] = Counter()
    for cand in ranked:
        if per_content[cand.content] >= 2 or not cand.heading:
            continue
        per_content[cand.content] += 1
        chosen.append(cand)
        if len(chosen) >= keep:
            break
    joined = _joined(corpus, members, ranked[: keep + 4])
    return chosen + ([joined] if joined else [])


def _related(a: Candidate, b: Candidate) -> bool:
    """One names part of the other ("sundhedscenter" and "hus" from "sundhedshuse")."""
    return any(x[:4] in y or y[:4] in x for x in a.content for y in b.content)


def _noun_like(corpus: Corpus, word: str) -> bool:
    return not adjective_like(word) and word.lower() not in corpus.modifiers


def _joined(corpus: Corpus, members: Sequence[int], chosen: list[Candidate]) -> Candidate | None:
    short = [
        c
        for c in chosen
        if c.n_words <= 2 and not c.fragment and _noun_like(corpus, c.text.split()[-1])
    ]
    if len(short) < 2 or not members:
        return None
    a = short[0]
    has_a = {i for i in members if a.content <= corpus.stems[i]}
    for b in short[1:]:
        if a.n_words != b.n_words:
            continue  # conjuncts of one shape: "Nedrivning og genhusning", not "Nye møder og råd"
        if a.content & b.content or b.lexical < 0.4 * a.lexical or _related(a, b):
            continue
        has_b = {i for i in members if b.content <= corpus.stems[i]}
        if len(has_b - has_a) < max(2, len(members) // 8):
            continue  # B adds little: "A og B" would only be longer
        coverage = len(has_a | has_b) / len(members)
        concentration = min(a.lexical / max(a.coverage, 1e-9), b.lexical / max(b.coverage, 1e-9))
        n_words = a.n_words + b.n_words + 1
        lexical = coverage * concentration * _LENGTH_FACTOR[n_words]
        text = f"{a.text} og {b.text}"
        if heading_problem(text, corpus) is not None:
            continue
        return Candidate(
            text, a.content | b.content, n_words, lexical, coverage, members=len(members)
        )
    return None
