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
# Words that, right before a word, mark it as a verb ("at opdage", "skal bruges").
_VERB_CUES = frozenset({"at", "skal", "kan", "vil", "må", "bør", "tør", "turde", "kunne", "ikke"})
# Larger themes may get a fuller heading: a common adjective in front ("Specialiserede
# tilbud") or a second word ("Ældre og demens") when the first word is a strong one, and the
# second is frequent in the theme, names members the first misses and scores close to it.
_FULLER_FROM_SIZE = 6
_STRONG_FIRST = 0.2
_COMPANION_COVERAGE = 0.15
_COMPANION_MIN = 3
_COMPANION_SCORE = 0.5
_WIDEN_SCORE = 0.4
# A weak word alone ("Turde") gives way to the theme's shortest clause, without the usual
# opening ("Vi skal have mere mod til at turde fejle" -> "Mere mod til at turde fejle").
_OPENING = re.compile(r"^(?:vi|man|de|der|det|kommunerne|regionen)\s+(?:skal|må|bør|kan|vil)"
                      r"\s+(?:(?:have|være|kunne)\s+)?", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,.;:!?()–]|\s-\s")
_CLAUSE_WORDS = (2, 6)
# Fixed expressions whose first word is only a heading with its preposition.
_EXPRESSIONS = {"tværs": "på tværs"}


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
        self.texts = list(texts)
        self.doc_phrases = [_phrases(t) for t in texts]
        self.df: Counter[Key] = Counter(k for d in self.doc_phrases for k in d)
        self.size = max(1, len(texts))
        self.verbs, modifiers = _word_roles(texts)
        self.not_a_companion = self.verbs | modifiers

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
            surface = surfaces[key].most_common(1)[0][0]
            if _weak(surface) or (len(key) == 1 and surface in self.verbs):
                score *= _WEAK_FACTOR
            ranked.append((score, key, surface))
        ranked.sort(key=lambda r: (-r[0], r[2]))
        return ranked

    def companion(self, members: Sequence[int], ranked: list[tuple[float, Key, str]],
                  first: tuple[float, Key, str]) -> str | None:
        """A second word that names more of the theme ("Ældre og demens"): frequent in the
        cluster, naming members the first phrase misses, not a verb or a form of the first."""
        if first[0] < _STRONG_FIRST or len(first[1]) > 1:
            return None
        uncovered = {i for i in members if first[1] not in self.doc_phrases[i]}
        for score, key, surface in ranked:
            if score < _COMPANION_SCORE * first[0]:
                return None
            if len(key) > 1 or _weak(surface) or surface in self.not_a_companion:
                continue
            if any(_related(key[0], stem_) for stem_ in first[1]):
                continue
            having = {i for i in members if key in self.doc_phrases[i]}
            enough = max(_COMPANION_MIN, _COMPANION_COVERAGE * len(members))
            if len(having) >= enough and having & uncovered:
                return surface
        return None

    def widened(self, ranked: list[tuple[float, Key, str]],
                first: tuple[float, Key, str]) -> tuple[float, Key, str]:
        """"Tilbud" becomes "Specialiserede tilbud" when the cluster says it that way often."""
        if len(first[1]) > 1:
            return first
        for candidate in ranked:
            if candidate[0] < _WIDEN_SCORE * first[0]:
                break
            if len(candidate[1]) == 2 and candidate[1][-1] == first[1][0]:
                return candidate
        return first


def _related(a: str, b: str) -> bool:
    """Same word or one a compound part of the other ("tilbud", "tilbudsviften")."""
    return a.startswith(b[:4]) or b.startswith(a[:4]) or a in b or b in a


def _word_roles(texts: Sequence[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Words the texts use as verbs ("at opdage", "skal bruges") and words mostly seen in front
    of another word ("sociale fællesskaber"). Without a tagger, context is the evidence that a
    word would not name a theme on its own; the second test is rough, so it only vetoes."""
    seen: Counter[str] = Counter()
    as_verb: Counter[str] = Counter()
    in_front: Counter[str] = Counter()
    for text in texts:
        words = [_surface(w) for w in _WORD_RE.findall(text)]
        for i, word in enumerate(words):
            seen[word] += 1
            if i and words[i - 1].lower() in _VERB_CUES:
                as_verb[word] += 1
            if i + 1 < len(words) and not is_stop_word(words[i + 1]) and len(words[i + 1]) > 2:
                in_front[word] += 1
    verbs = frozenset(w for w, n in seen.items() if as_verb[w] * 3 >= n)
    modifiers = frozenset(w for w, n in seen.items() if in_front[w] * 2 >= n)
    return verbs, modifiers


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


def _pick(corpus: _Corpus, members: Sequence[int], ranked: list[tuple[float, Key, str]],
          used: set[str]) -> str | None:
    for candidate in ranked:
        if _capitalise(candidate[2]).lower() in used:
            continue
        first, second = candidate, None
        if len(members) >= _FULLER_FROM_SIZE:
            first = corpus.widened(ranked, candidate)
            second = corpus.companion(members, ranked, first)
        label = _heading(first[2])
        if len(first[1]) == 1 and (first[2] in corpus.verbs or _weak(first[2])):
            label = _shortest_clause(corpus, members, first[1]) or label
        for choice in (f"{label} og {second}" if second else None, label):
            if choice and choice.lower() not in used:
                return choice
    return None


def _heading(phrase: str) -> str:
    first, _, rest = phrase.partition(" ")
    first = _EXPRESSIONS.get(first, first)
    return _capitalise(f"{first} {rest}".strip())


def _shortest_clause(corpus: _Corpus, members: Sequence[int], key: Key) -> str | None:
    """The shortest opening clause, without "Vi skal", of a member using the word."""
    clauses = []
    for i in members:
        if key not in corpus.doc_phrases[i]:
            continue
        text = corpus.texts[i].strip()
        clause = _OPENING.sub("", _CLAUSE_END.split(text, maxsplit=1)[0].strip())
        words = clause.split()
        if (_CLAUSE_WORDS[0] <= len(words) <= _CLAUSE_WORDS[1]
                and not is_stop_word(words[0].lower())):
            clauses.append((len(words), i, clause))
    return _capitalise(min(clauses)[2]) if clauses else None


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
        label = _pick(corpus, members, corpus.ranked(members), used) or _fallback(
            texts, members, used)
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
    members_in_corpus = members if positions is None else positions
    ranked = corpus.ranked(members_in_corpus)
    return _pick(corpus, members_in_corpus, ranked, set()) or _fallback(texts, members, set())
