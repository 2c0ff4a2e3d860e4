"""Heading labels for clusters: the most distinctive frequent phrase (c-TF-IDF style).

Candidates are 1-3 word phrases of original surface words that neither start nor end with a
stop word ("tidlig opsporing", "borgeren i centrum"); they are counted on stems so inflected
variants add up, and shown in their most common surface form.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from .danish import is_stop_word, stem

_WORD_RE = re.compile(r"[A-Za-z0-9ÆØÅæøåÉéÜü]+(?:-[A-Za-z0-9ÆØÅæøåÉéÜü]+)*")
_MAX_WORDS = 3
_PHRASE_BONUS = {1: 1.0, 2: 1.35, 3: 1.2}
FALLBACK_LABEL = "Øvrige"

Key = tuple[str, ...]

# Words people use in every statement ("Vi skal bruge ...", "på tværs af ...") that make poor
# headings on their own; a heading should name a thing ("Tidlig opsporing", "Pårørende").
WEAK_WORDS = frozenset("""
bruge give sætte holde gøre skabe sikre styrke tænke løse dele hjælpe støtte turde lytte høre
få blive komme gå se vise tage finde arbejde samarbejde inddrage bekæmpe udvikle acceptere
prøve huske kende måle bede vente forfølge spille fylde trække hente flytte drive
tværs sammen hinanden mere mest bedre større flere færre nye ny gode godt god alle hele både
også altid aldrig meget rigtig rette store stor små lille fælles faglige faglig psykisk psykiske
tidligt sent særlige særlig vigtigt vigtig svært svære tidlig mellem husk uden omkring gennem
blandt igennem modvirker sætter skal kan vil
""".split())  # noqa: SIM905 (a word list reads best as text)
# Prepositions and verbs that cannot open a heading ("Mellem region", "Modvirker ensomhed").
WEAK_OPENERS = frozenset({"mellem", "uden", "omkring", "gennem", "blandt", "igennem",
                          "modvirker", "husk", "sætter", "turde"})
_WEAK_FACTOR = 0.35


def _surface(word: str) -> str:
    # Keep acronyms (UCN, VISO); everything else is lower-cased for a sentence-style heading.
    return word if len(word) > 1 and word.isupper() else word.lower()


def _phrases(text: str) -> dict[Key, str]:
    """Candidate phrases of one text: stem key -> surface form."""
    words = [_surface(w) for w in _WORD_RE.findall(text)]
    found: dict[Key, str] = {}
    for n in range(1, _MAX_WORDS + 1):
        for i in range(len(words) - n + 1):
            gram = words[i : i + n]
            if _is_candidate(gram):
                found.setdefault(tuple(stem(w.lower()) for w in gram), " ".join(gram))
    return found


def _is_candidate(gram: list[str]) -> bool:
    ends = (gram[0], gram[-1])
    if any(is_stop_word(w) or len(w) < 3 or w.isdigit() for w in ends):
        return False
    return len(gram) < 3 or is_stop_word(gram[1]) or len(gram[1]) > 2


class _Corpus:
    """Phrase document frequencies over a background collection, computed once."""

    def __init__(self, texts: Sequence[str]):
        self.doc_phrases = [_phrases(t) for t in texts]
        self.df: Counter[Key] = Counter(k for d in self.doc_phrases for k in d)
        self.size = max(1, len(texts))

    def ranked(self, members: Sequence[int]) -> list[tuple[float, Key, str]]:
        local: Counter[Key] = Counter()
        surfaces: dict[Key, Counter[str]] = {}
        for i in members:
            for key, surface in self.doc_phrases[i].items():
                local[key] += 1
                surfaces.setdefault(key, Counter())[surface] += 1
        ranked = []
        for key, count in local.items():
            if len(key) > 1 and count < 2 and len(members) > 2:
                continue  # a phrase said once is not representative of a larger cluster
            score = _score(count, len(members), self.df[key], self.size) * _PHRASE_BONUS[len(key)]
            if _weak(surfaces[key].most_common(1)[0][0]):
                score *= _WEAK_FACTOR
            ranked.append((score, key, surfaces[key].most_common(1)[0][0]))
        ranked.sort(key=lambda r: (-r[0], r[2]))
        return ranked


def _weak(phrase: str) -> bool:
    """A phrase ending in a verb, adverb or bare adjective reads badly as a heading."""
    words = phrase.lower().split()
    return words[-1] in WEAK_WORDS or words[0] in WEAK_OPENERS


def _score(count: int, cluster_size: int, df_all: int, n_docs: int) -> float:
    """Coverage inside the cluster times how concentrated the phrase is in it."""
    coverage = count / cluster_size
    concentration = count / max(df_all, count)
    rarity = 1.0 if df_all < n_docs else 0.5  # a phrase found everywhere says nothing
    return coverage * concentration**0.7 * rarity


def _capitalise(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:]


def _pick(ranked: list[tuple[float, Key, str]], used: set[str]) -> str | None:
    for _, _, surface in ranked:
        label = _capitalise(surface)
        if label.lower() not in used:
            return label
    return None


def _fallback(texts: Sequence[str], members: Sequence[int], used: set[str]) -> str:
    base = FALLBACK_LABEL
    if members:
        words = [w for w in _WORD_RE.findall(texts[members[0]]) if not is_stop_word(w)]
        base = _capitalise(" ".join(_surface(w) for w in words[:2])) or FALLBACK_LABEL
    label, n = base, 2
    while label.lower() in used:
        label, n = f"{base} ({n})", n + 1
    return label


def label_clusters(texts: Sequence[str], clusters: Sequence[Sequence[int]]) -> list[str]:
    """Distinct labels for clusters (largest first get first pick of their best phrase)."""
    corpus = _Corpus(texts)
    used: set[str] = set()
    labels: list[str] = [""] * len(clusters)
    for c in sorted(range(len(clusters)), key=lambda c: -len(clusters[c])):
        members = list(clusters[c])
        label = _pick(corpus.ranked(members), used) or _fallback(texts, members, used)
        used.add(label.lower())
        labels[c] = label
    return labels


def label_for(
    texts: Sequence[str], members: Sequence[int], all_texts: Sequence[str] | None = None
) -> str:
    """Label one (possibly hand-edited) cluster; all_texts is the background for distinctiveness.

    members index into texts; when all_texts is given it should contain texts' statements too.
    """
    members = [i for i in members if texts[i].strip()]
    if all_texts is None:
        return _label_one(_Corpus(texts), texts, members)
    # Members first so their positions are 0..m-1; remove them once from the background so
    # they are not counted twice.
    others = Counter(all_texts)
    others.subtract(texts[i] for i in members)
    combined = [texts[i] for i in members] + list(others.elements())
    return _label_one(_Corpus(combined), texts, members, list(range(len(members))))


def _label_one(
    corpus: _Corpus, texts: Sequence[str], members: list[int], positions: list[int] | None = None
) -> str:
    ranked = corpus.ranked(members if positions is None else positions)
    return _pick(ranked, set()) or _fallback(texts, members, set())
