"""Theme headings a secretary would keep: a short noun phrase naming what the members share.

Candidates are the members' own phrases (1-6 words inside one clause) that open and close on a
content word, contain no verb, and do not close on a possessive, adjective or adverb. A cheap
lexical score (c-TF-IDF on Snowball stems: how many members use the phrase's words, and how
concentrated those words are in this theme) keeps the best few per theme; with an embedder
those are embedded in one batch and re-ranked by closeness to the theme's centroid minus
closeness to the nearest other theme. Without an embedder the lexical score decides.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import simplemma

from .danish import STOP_WORDS, CompoundSplitter, stem

Embed = Callable[[list[str]], np.ndarray]

# A word, keeping a hyphen that stands for an elided part ("børne- og ungdomspsykiatri").
_WORD_RE = re.compile(r"[A-Za-z0-9ÆØÅæøåÉéÜü]+(?:-[A-Za-z0-9ÆØÅæøåÉéÜü]+)*"
                      r"(?:-(?=\s+(?:og|eller)\s))?")
# Phrases never cross punctuation or a dash: "Mennesket før paragraffen – det er ..." is two.
_CLAUSE_RE = re.compile(r"[,.;:!?()\[\]\"“”„–—]|\s-\s")
_MAX_WORDS = 6
FALLBACK_LABEL = "Øvrige"

# --- closed word classes (grammar, not topics) -----------------------------------------------

# Words that mark the next word as a verb ("at opdage", "skal bruges", "vil ikke vente").
def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


_VERB_CUES = _words("at skal kan vil må bør tør kunne skulle ville burde turde lad lade har "
                    "havde")
# Auxiliaries, modals and the commonest finite verbs: never inside a heading.
_VERBS = _words(
    """
    er var være været bliver blev blive blevet har havde have haft skal skulle kan kunne vil
    ville må måtte bør burde tør turde får fik gør gjorde går gik kommer kom ser så giver gav
    tager tog handler betyder kræver findes mangler hedder virker
    """
)
# Function words allowed inside a heading, between content words ("opsporing af demens",
# "ældre og demens", "borgeren i centrum").
_INNER = _words("af til for med på i om mellem mod fra over under ved hos uden efter og eller")
# Prepositions that are not stop words: they neither open nor close a heading.
_PREPOSITIONS = _words("udover gennem igennem omkring langs indenfor udenfor via pga trods foran")
# Conjunctions and sentence adverbs that are not stop words: they end a phrase.
_CONJUNCTIONS = _words("selvom ellers idet hvorfor hvorimod skønt ligesom desværre måske")
# Quantifying/evaluative adjectives that may open a heading ("Flere og sikrere cykelstier",
# "Mere mod") although they are stop words on their own.
_OPENERS = _words("flere mere færre mange nye ny nyt gode god bedre store stor lille egne")
# Fixed expressions whose first word needs its preposition ("tværs af" -> "på tværs af").
_EXPRESSIONS = {"tværs": "på tværs"}
# Endings of adjectives/adverbs ("faglige", "psykisk", "tidligt"): weak as the last word.
_ADJECTIVE_END = re.compile(r"(?:ig|igt|ige|lig|ligt|lige|isk|iske|iskt|sk|ske|ede)$")

# --- scoring -------------------------------------------------------------------------------

# Phrases embedded per grouping: e5 costs ~6 ms a phrase, so 12 themes x 6 stay near 0.4 s.
_EMBED_BUDGET = 48
_LEX_KEEP = (3, 7)  # lexical candidates kept per theme, before the "A og B" join
_LENGTH_FACTOR = {1: 0.75, 2: 1.0, 3: 1.0, 4: 0.95, 5: 0.8, 6: 0.7}
_LENGTH_BONUS = {1: 0.0, 2: 0.04, 3: 0.04, 4: 0.03, 5: 0.0, 6: -0.02}
_WEAK_END = 0.4  # lexical factor for a phrase closing on an adjective/adverb/possessive
_DEFINITE_ALONE = 0.7  # "Indsatsen", "Borgeren": a definite noun alone is rarely a heading
_SPREAD_ALONE = 0.5  # a lone word mostly used outside the theme is generic
_FRAGMENT = 0.4  # factor for a phrase none of whose words a second member uses
_PRE_KEEP = 24  # candidates per theme recounted with stem prefixes
_PREFIX = 6  # characters of a stem that identify it inside compounds
_LAMBDA = 0.5  # weight of the nearest other theme
_COVERAGE_WEIGHT = 0.15
_LEX_WEIGHT = 1.0  # the lexical score still counts: it knows how many members use the words
_CENTRE = True


@lru_cache(maxsize=100_000)
def _lemma(word: str) -> str:
    return simplemma.lemmatize(word, lang="da")


@lru_cache(maxsize=100_000)
def _known(word: str) -> bool:
    return simplemma.is_known(word, lang="da")


def _surface(word: str) -> str:
    # Keep acronyms (UCN, VISO); other words lower-case for a sentence-style heading.
    return word if len(word) > 1 and word.isupper() else word.lower()


@lru_cache(maxsize=100_000)
def _possessive_or_passive(word: str) -> bool:
    """"kommunens", "borgerens" (genitive) or "opdages" (passive): the bare form without -s is
    a known word with the same lemma. Either way the phrase would stop mid-sentence."""
    if len(word) < 5 or not word.endswith("s") or word.endswith("ss") or word == "tværs":
        return False
    bare = word[:-1]
    return _known(bare) and _lemma(bare) == _lemma(word)


@lru_cache(maxsize=100_000)
def _adjective_like(word: str) -> bool:
    """Adjective or adverb by form: "tidligt" (lemma + t), "faglige", "psykisk", "sikrere"."""
    if _ADJECTIVE_END.search(word):
        return True
    lemma = _lemma(word)
    if lemma != word and word == lemma + "t" and not lemma.endswith("e"):
        return True
    # Comparatives ("sikrere", "billigere"), not plurals on -ere ("borgere" = borger + e).
    return lemma != word and word.endswith("ere") and word != lemma + "e"


def _definite(word: str) -> bool:
    lemma = _lemma(word)
    return lemma != word and word.startswith(lemma[:-1]) and word.endswith(("en", "et", "ne"))


# --- corpus ----------------------------------------------------------------------------------


@dataclass
class _Phrase:
    words: tuple[str, ...]  # surface words
    content: tuple[str, ...]  # stems of the content words
    count: int = 0  # members using exactly this phrase (by stems)
    last: int = -1  # the last member counted
    surfaces: Counter[str] = field(default_factory=Counter)


# Token roles: what a word may do in a heading.
_CONTENT, _INNER_ROLE, _OPENER, _BREAK = 0, 1, 2, 3
# Words before which a "-er"/"-et" form is a noun ("mellem kommuner", "flere skoler").
_NOUN_CUES = _INNER | _OPENERS | _words(
    "alle nogle andre vores deres sine sin sit mine ingen en et to tre fire fem")
# Definite articles: an adjective right after one ("den gode alderdom") cannot open a heading.
_ARTICLES = _words("den det de")


@dataclass
class _Clause:
    surfaces: list[str]
    stems: list[str]
    roles: list[int]
    starts: list[bool]  # may a heading start here (a content word or opener, not after "at")
    ends: list[bool]  # may a heading end here (a content word that is no verb form)


class _Corpus:
    """Tokenised statements, corpus-wide stem document frequencies and verb usage."""

    def __init__(self, texts: Sequence[str]):
        self.texts = list(texts)
        raw: list[list[list[str]]] = []
        seen: Counter[str] = Counter()
        as_verb: Counter[str] = Counter()
        in_front: Counter[str] = Counter()
        as_noun: set[str] = set()
        for text in self.texts:
            clauses = [[_surface(w) for w in _WORD_RE.findall(part)]
                       for part in _CLAUSE_RE.split(text)]
            clauses = [c for c in clauses if c]
            raw.append(clauses)
            for c, words in enumerate(clauses):
                for i, word in enumerate(words):
                    low = word.lower()
                    seen[low] += 1
                    if i and _cued(words, i):
                        as_verb[low] += 1
                    if (i == 0 and c == 0) or (i and _noun_cue(words[i - 1].lower())):
                        as_noun.add(low)
                    if i + 1 < len(words) and len(words[i + 1]) > 2 and (
                            words[i + 1].lower() not in STOP_WORDS):
                        in_front[low] += 1
        # A word used as a verb in at least a third of its occurrences is a verb here.
        verbs = {w for w, n in as_verb.items() if n * 3 >= seen[w]}
        verbs |= {w for w in seen if w not in as_noun and _finite_form(w)}
        self.verbs = frozenset(verbs)
        # Words mostly seen in front of another word ("lokale", "forebyggende"): modifiers.
        self.modifiers = frozenset(w for w, n in in_front.items() if n * 2 >= seen[w])
        # Compound parts count as the word itself, so "spiserobotter" and "medicinrobotter"
        # support "robotter" and "elevløn" supports "lønnen".
        splitter = CompoundSplitter(w for w in seen if w not in STOP_WORDS)
        self.parts: dict[str, tuple[str, ...]] = {}
        for word in seen:
            if len(word) >= 7 and word not in STOP_WORDS:
                parts = splitter.split(word)
                if len(parts) > 1:
                    self.parts[stem(word)] = tuple(
                        stem(p) for p in parts if len(p) >= 3 and p not in STOP_WORDS)
        self.docs: list[list[_Clause]] = []
        self.stems: list[frozenset[str]] = []
        self.df: Counter[str] = Counter()
        memo: dict[tuple[str, ...], _Clause] = {}  # workshops repeat statements
        for clauses in raw:
            prepared = []
            for words in clauses:
                key = tuple(words)
                if key not in memo:
                    memo[key] = self._clause(words)
                prepared.append(memo[key])
            words = {s for cl in prepared for s, r in zip(cl.stems, cl.roles, strict=True)
                     if r == _CONTENT}
            stems = frozenset(words.union(*(self.parts.get(w, ()) for w in words)))
            self.docs.append(prepared)
            self.stems.append(stems)
            self.df.update(stems)
        self.size = max(1, len(self.texts))
        self.lowered = [t.lower() for t in self.texts]
        self.all_lowered = "\n".join(self.lowered)

    def _clause(self, words: list[str]) -> _Clause:
        lows = [w.lower() for w in words]
        roles = [self._role(w) for w in lows]
        starts, ends = [], []
        for i, (word, low, role) in enumerate(zip(words, lows, roles, strict=True)):
            cued = i > 0 and (_cued(words, i) or lows[i - 1] in _ARTICLES and (
                role == _OPENER or _adjective_like(low)))
            short = len(low) < 3 and not word.isupper()
            starts.append(not cued and not short and not low.isdigit() and role in (
                _CONTENT, _OPENER))
            # A genitive ("kommunens") or passive ("opdages") leaves the phrase unfinished.
            ends.append(role == _CONTENT and not short and not low.isdigit()
                        and not _possessive_or_passive(low))
        return _Clause(words, [stem(w) for w in lows], roles, starts, ends)

    def _role(self, low: str) -> int:
        if low in _OPENERS:
            return _OPENER
        if low in _INNER:
            return _INNER_ROLE
        if (low in STOP_WORDS or low in _VERBS or low in self.verbs or low in _CONJUNCTIONS
                or len(low) < 2):
            return _BREAK
        if low in _PREPOSITIONS:
            return _INNER_ROLE
        return _CONTENT

    def candidates(self, members: Sequence[int]) -> dict[tuple[str, ...], _Phrase]:
        found: dict[tuple[str, ...], _Phrase] = {}
        for i in members:
            for clause in self.docs[i]:
                roles, stems, ends = clause.roles, clause.stems, clause.ends
                n = len(roles)
                for start in range(n):
                    if not clause.starts[start]:
                        continue
                    for end in range(start + 1, min(n, start + _MAX_WORDS) + 1):
                        if roles[end - 1] == _BREAK:
                            break  # a verb or pronoun ends every longer phrase too
                        if not ends[end - 1]:
                            continue
                        key = tuple(stems[start:end])
                        phrase = found.get(key)
                        if phrase is None:
                            content = tuple(stems[k] for k in range(start, end)
                                            if roles[k] == _CONTENT)
                            phrase = found[key] = _Phrase(tuple(clause.surfaces[start:end]),
                                                          content)
                        phrase.surfaces[" ".join(clause.surfaces[start:end])] += 1
                        if phrase.last != i:  # count each member once
                            phrase.last = i
                            phrase.count += 1
        return found


def _noun_cue(prev: str) -> bool:
    """A preposition, determiner, genitive or adjective in front: the next word is a noun
    ("mellem kommuner", "kommunens skoler", "sikre cykelstier")."""
    return prev in _NOUN_CUES or _possessive_or_passive(prev) or (
        _adjective_like(prev) and not prev.endswith("ede"))


@lru_cache(maxsize=100_000)
def _finite_form(word: str) -> bool:
    """Present tense or participle by form: an -e lemma plus -r/-t ("lukker", "tilpasset"),
    or an imperative: the -e lemma without its e ("husk", "tænk", "prøv"). Plural and
    definite nouns share the first form ("kommuner", "arbejdet"), so the corpus clears words
    it has seen after a preposition or determiner."""
    if len(word) < 3:
        return False
    lemma = _lemma(word)
    if lemma == word + "e":
        return True
    if len(word) < 4 or not word.endswith(("er", "et")):
        return False
    return lemma.endswith("e") and word == lemma + word[-1]


def _cued(words: list[str], i: int) -> bool:
    """Is words[i] in verb position: right after a modal/"at", or after "ikke"/"også" that
    follow one ("skal ikke vente")?"""
    prev = words[i - 1].lower()
    if prev in _VERB_CUES:
        return True
    return prev in {"ikke", "også", "kun", "gerne", "altid", "bare", "selv"} and i > 1 and (
        words[i - 2].lower() in _VERB_CUES)


# --- scoring ---------------------------------------------------------------------------------


@dataclass
class _Candidate:
    text: str  # surface form, lower-case except acronyms
    content: frozenset[str]
    n_words: int
    lexical: float
    coverage: float
    concentration: float = 1.0
    fragment: bool = False  # no word of it is used by a second member
    score: float = 0.0


def _lexical_candidates(corpus: _Corpus, members: Sequence[int]) -> list[_Candidate]:
    """Candidates ranked by c-TF-IDF on stems: coverage x concentration x length preference.

    A first pass counts exact stems (and compound parts); the best few are then recounted
    with stem prefixes in the raw text, so "løsninger" is supported by "standardløsninger" and
    "innovative" by "innovationslaboratorium" (too slow for every phrase, fine for a few)."""
    n = max(1, len(members))
    local: Counter[str] = Counter()
    for i in members:
        local.update(corpus.stems[i])
    phrases = [p for p in corpus.candidates(members).values() if p.content]
    first = sorted(phrases, key=lambda p: -_phrase_score(p, local, corpus.df, n)[0])
    first = first[:_PRE_KEEP]
    text = "\n".join(corpus.lowered[i] for i in members)
    fuzzy_local = Counter({s: max(local[s], min(n, _prefix_count(text, s)))
                           for p in first for s in p.content})
    fuzzy_df = Counter({s: max(corpus.df[s], _prefix_count(corpus.all_lowered, s), fuzzy_local[s])
                        for s in fuzzy_local})
    ranked: list[_Candidate] = []
    for phrase in first:
        score, coverage, concentration = _phrase_score(phrase, fuzzy_local, fuzzy_df, n)
        fragment = max(fuzzy_local[s] for s in phrase.content) < 2
        if len(phrase.words) == 1 and concentration < _SPREAD_ALONE:
            score *= 0.5  # a lone word mostly said in other themes ("Borgeren") is generic
        text_ = _fixed(phrase.surfaces.most_common(1)[0][0])
        ranked.append(_Candidate(text_, frozenset(phrase.content), len(phrase.words), score,
                                 coverage, concentration, fragment))
    if n > 2 and all(c.fragment for c in ranked):
        return []  # nothing is said by two members: a clause of one reads better than a bit
    if any(c.n_words > 1 for c in ranked) and len(members) > 1:
        # A generic lone word never heads a theme that has a phrase of its own.
        ranked = [c for c in ranked if c.n_words > 1 or not _generic_alone(c)]
    ranked.sort(key=lambda c: (-c.lexical, c.text))
    return ranked


def _phrase_score(phrase: _Phrase, local: Counter[str], df: Counter[str],
                  n: int) -> tuple[float, float, float]:
    shared = [local[s] for s in phrase.content]
    coverage = sum(shared) / (len(shared) * n)
    concentration = sum(local[s] / max(df[s], 1) for s in phrase.content) / len(shared)
    n_words = len(phrase.words)
    score = coverage * concentration**0.7 * _LENGTH_FACTOR[n_words]
    score *= 1.0 + 0.3 * min(phrase.count - 1, 3) / 3  # said the same way by several
    if n > 2 and max(shared) < 2:
        score *= _FRAGMENT  # no word of it is used by a second member: one statement's words
    last = phrase.words[-1].lower()
    if _adjective_like(last):
        score *= _WEAK_END
    if n_words == 1 and _definite(last):
        score *= _DEFINITE_ALONE
    return score, coverage, concentration


def _prefix_count(text: str, stem_: str) -> int:
    return text.count(stem_[:_PREFIX]) if len(stem_) >= 5 else 0


def _generic_alone(cand: _Candidate) -> bool:
    return cand.concentration < _SPREAD_ALONE or (
        _definite(cand.text) and cand.coverage < 0.5)


def _fixed(text: str) -> str:
    first, _, rest = text.partition(" ")
    return f"{_EXPRESSIONS.get(first, first)} {rest}".strip()


def _shortlist(corpus: _Corpus, members: Sequence[int], ranked: list[_Candidate],
               keep: int) -> list[_Candidate]:
    """The best `keep` candidates, at most two per set of content stems (forms of one phrase),
    plus "A og B" of the best two distinct short ones when B names members A misses."""
    chosen: list[_Candidate] = []
    per_content: Counter[frozenset[str]] = Counter()
    for cand in ranked:
        if per_content[cand.content] >= 2:
            continue
        per_content[cand.content] += 1
        chosen.append(cand)
        if len(chosen) >= keep:
            break
    joined = _joined(corpus, members, chosen)
    return chosen + ([joined] if joined else [])


def _related(a: _Candidate, b: _Candidate) -> bool:
    """One names part of the other ("sundhedscenter" and "hus" from "sundhedshuse")."""
    return any(x[:4] in y or y[:4] in x for x in a.content for y in b.content)


def _noun_like(corpus: _Corpus, word: str) -> bool:
    return not _adjective_like(word) and word.lower() not in corpus.modifiers


def _joined(corpus: _Corpus, members: Sequence[int],
            chosen: list[_Candidate]) -> _Candidate | None:
    short = [c for c in chosen if c.n_words <= 2 and _noun_like(corpus, c.text.split()[-1])]
    if len(short) < 2 or not members:
        return None
    a = short[0]
    has_a = {i for i in members if a.content <= corpus.stems[i]}
    for b in short[1:]:
        if a.content & b.content or b.lexical < 0.4 * a.lexical or _related(a, b):
            continue
        has_b = {i for i in members if b.content <= corpus.stems[i]}
        if len(has_b - has_a) < max(2, len(members) // 8):
            continue  # B adds little: "A og B" would only be longer
        coverage = len(has_a | has_b) / len(members)
        concentration = min(a.lexical / max(a.coverage, 1e-9), b.lexical / max(b.coverage, 1e-9))
        n_words = a.n_words + b.n_words + 1
        lexical = coverage * concentration * _LENGTH_FACTOR[n_words]
        return _Candidate(f"{a.text} og {b.text}", a.content | b.content, n_words, lexical,
                          coverage)
    return None


def _heading(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- public API ------------------------------------------------------------------------------


def label_clusters(
    texts: Sequence[str],
    clusters: Sequence[Sequence[int]],
    *,
    vectors: np.ndarray | None = None,
    embed: Embed | None = None,
) -> list[str]:
    """One distinct heading per cluster (members index into texts)."""
    corpus = _Corpus(texts)
    clusters = [[i for i in members if texts[i].strip()] for members in clusters]
    keep = max(_LEX_KEEP[0], min(_LEX_KEEP[1], _EMBED_BUDGET // max(len(clusters), 1) - 1))
    ranked = [_lexical_candidates(corpus, m) for m in clusters]
    shortlists = [_shortlist(corpus, m, r, keep) for m, r in zip(clusters, ranked, strict=True)]
    live = [c for c, members in enumerate(clusters) if members]
    if embed is not None and vectors is not None and live:
        space = _ThemeSpace(corpus, clusters, live, np.asarray(vectors, dtype=np.float32))
        _add_central(space, ranked, shortlists)
        _semantic_scores(space, shortlists, embed)
    else:
        for shortlist in shortlists:
            for cand in shortlist:
                cand.score = cand.lexical
    return _assign(texts, clusters, shortlists)


class _ThemeSpace:
    """The themes' geometry, computed once: centred centroids and each theme's most central
    member (as stems)."""

    def __init__(self, corpus: _Corpus, clusters: list[list[int]], live: list[int],
                 vectors: np.ndarray) -> None:
        self.clusters, self.live, self.vectors = clusters, live, vectors
        rows = sorted({i for c in live for i in clusters[c]})
        # e5 vectors share one strong direction; removing the statements' mean makes cosines
        # say what is particular to a theme (a no-op when the caller already centred them).
        self.mean = (vectors[rows].mean(axis=0) if _CENTRE
                     else np.zeros(vectors.shape[1], np.float32))
        self.centroids = np.vstack([_unit(vectors[clusters[c]].mean(axis=0) - self.mean)
                                    for c in live])
        self.central = _central_stems(corpus, clusters, live, vectors, self.mean,
                                      self.centroids)


def _add_central(space: _ThemeSpace, ranked: list[list[_Candidate]],
                 shortlists: list[list[_Candidate]]) -> None:
    """Make sure the best phrases of each theme's most central member are candidates."""
    for c in space.live:
        have = {cand.content for cand in shortlists[c]}
        extra = [cand for cand in ranked[c]
                 if cand.content <= space.central[c] and cand.content not in have]
        shortlists[c].extend(extra[:_CENTRAL_EXTRA])


_CENTRAL_EXTRA = 2


def _semantic_scores(space: _ThemeSpace, shortlists: list[list[_Candidate]],
                     embed: Embed) -> None:
    phrases = [cand.text for shortlist in shortlists for cand in shortlist]
    if not phrases:
        return
    cand_vectors = np.asarray(embed(phrases), dtype=np.float32)
    if cand_vectors.shape[1] != space.vectors.shape[1]:
        return  # not the same space: keep the lexical ranking
    cand_vectors = cand_vectors - space.mean
    cand_vectors /= np.maximum(np.linalg.norm(cand_vectors, axis=1, keepdims=True), 1e-9)
    sims = cand_vectors @ space.centroids.T  # candidates x live clusters
    row = 0
    position = {c: p for p, c in enumerate(space.live)}
    for c, shortlist in enumerate(shortlists):
        for cand in shortlist:
            own = sims[row, position[c]] if c in position else 0.0
            others = np.delete(sims[row], position[c]) if c in position else sims[row]
            nearest = float(others.max()) if len(others) else 0.0
            central = space.central.get(c, frozenset())
            cand.score = float(own - _LAMBDA * nearest + _COVERAGE_WEIGHT * cand.coverage
                               + _LENGTH_BONUS[min(cand.n_words, 6)] + _LEX_WEIGHT * cand.lexical
                               + _CENTRAL_BONUS * (cand.content <= central))
            row += 1


# Lists show the most central member first: a heading drawn from its words matches the first
# example under it on the projector, instead of naming a side-topic of the theme.
_CENTRAL_BONUS = 0.15


def _central_stems(corpus: _Corpus, clusters: list[list[int]], live: list[int],
                   vectors: np.ndarray, mean: np.ndarray,
                   centroids: np.ndarray) -> dict[int, frozenset[str]]:
    """Per cluster: the stems of its member closest to the centroid."""
    found = {}
    for p, c in enumerate(live):
        members = clusters[c]
        rows = vectors[members] - mean
        rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
        best = members[int(np.argmax(rows @ centroids[p]))]
        found[c] = frozenset(s for clause in corpus.docs[best] for s in clause.stems)
    return found


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-9)


# A heading is a phrase of 2-6 words: a lone word ("Kommuner", "Penge") wins only when no
# phrase scores within this margin of it.
_PHRASE_MARGIN = 0.15


def _preferring_phrases(shortlist: list[_Candidate]) -> list[_Candidate]:
    ranked = sorted(shortlist, key=lambda x: -x.score)
    if not ranked:
        return ranked
    best = ranked[0].score
    return sorted(ranked, key=lambda x: (not (x.n_words > 1 and x.score >= best - _PHRASE_MARGIN),
                                         -x.score))


def _assign(texts: Sequence[str], clusters: list[list[int]],
            shortlists: list[list[_Candidate]]) -> list[str]:
    """Largest themes pick first; a heading (or its stems) is never used twice."""
    used: set[str] = set()
    used_content: set[frozenset[str]] = set()
    labels = [""] * len(clusters)
    for c in sorted(range(len(clusters)), key=lambda c: -len(clusters[c])):
        label = None
        for cand in _preferring_phrases(shortlists[c]):
            if cand.text.lower() not in used and cand.content not in used_content:
                label = _heading(cand.text)
                used_content.add(cand.content)
                break
        if label is None:
            label = _fallback(texts, clusters[c], used)
        used.add(label.lower())
        labels[c] = label
    return labels


# The usual opening of a statement ("Vi skal (have) ..."), dropped when a clause is the heading.
_OPENING = re.compile(r"^(?:vi|man|de|der|det|kommunen|kommunerne|regionen)\s+"
                      r"(?:skal|må|bør|kan|vil)\s+(?:(?:have|være|kunne)\s+)?", re.IGNORECASE)


def _fallback(texts: Sequence[str], members: Sequence[int], used: set[str]) -> str:
    """No noun phrase to use: the shortest opening clause of a member without "Vi skal"
    ("Turde prøve nyt"), else "Øvrige"; numbered when taken."""
    clauses = []
    for i in members:
        clause = _OPENING.sub("", _CLAUSE_RE.split(texts[i].strip(), maxsplit=1)[0].strip())
        words = clause.split()
        if 2 <= len(words) <= _MAX_WORDS and words[0].lower() not in STOP_WORDS:
            clauses.append((len(words), i, " ".join(_surface(w) for w in words)))
    base = _heading(min(clauses)[2]) if clauses else FALLBACK_LABEL
    label, n = base, 2
    while label.lower() in used:
        label, n = f"{base} ({n})", n + 1
    return label


def label_for(
    texts: Sequence[str],
    members: Sequence[int],
    all_texts: Sequence[str] | None = None,
    *,
    vectors: np.ndarray | None = None,
    embed: Embed | None = None,
) -> str:
    """Heading for one (possibly hand-edited) cluster of texts. The other statements (of
    texts, plus all_texts when given) are the background it should stand out from."""
    members = [i for i in members if texts[i].strip()]
    inside = set(members)
    rest = [i for i in range(len(texts)) if i not in inside and texts[i].strip()]
    if all_texts is None:
        return label_clusters(texts, [members, rest], vectors=vectors, embed=embed)[0]
    # Background statements not among texts join as one "other" theme (lexical only: their
    # vectors are unknown).
    others = Counter(t for t in all_texts if t.strip())
    others.subtract(texts[i] for i in range(len(texts)))
    combined = [texts[i] for i in members] + [t for t in others.elements()]
    if vectors is not None:
        vectors = np.asarray(vectors)[members]
        if len(combined) > len(members):
            vectors, embed = None, None  # background vectors unknown: lexical only
    groups = [list(range(len(members))), list(range(len(members), len(combined)))]
    return label_clusters(combined, groups, vectors=vectors, embed=embed)[0]


def representative_order(
    members: Sequence[int], vectors: np.ndarray | None, texts: Sequence[str]
) -> list[int]:
    """Members, the most representative first: nearest the (centred) centroid, or without
    vectors the one sharing the most word stems with the other members."""
    members = list(members)
    if len(members) < 3:
        return members
    if vectors is not None:
        vectors = np.asarray(vectors, dtype=np.float32)
        nonzero = np.flatnonzero(np.abs(vectors).sum(axis=1) > 0)
        mean = vectors[nonzero].mean(axis=0) if len(nonzero) else 0.0
        rows = vectors[members] - mean
        rows /= np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
        centroid = _unit(rows.mean(axis=0))
        closeness = rows @ centroid
        order = sorted(range(len(members)), key=lambda p: (-closeness[p], p))
        return [members[p] for p in order]
    stems = [_content_stems(texts[i]) for i in members]
    shared: Counter[str] = Counter(s for group in stems for s in group)
    overlap = [sum(shared[s] - 1 for s in group) / max(len(group), 1) ** 0.5 for group in stems]
    order = sorted(range(len(members)), key=lambda p: (-overlap[p], p))
    return [members[p] for p in order]


def _content_stems(text: str) -> set[str]:
    return {stem(w.lower()) for w in _WORD_RE.findall(text)
            if w.lower() not in STOP_WORDS and w.lower() not in _INNER and len(w) > 1}


def warm_up() -> None:
    """Load simplemma's Danish dictionary now (~0.6 s, once per process), e.g. while the
    statements are being embedded, so the first labelling stays fast."""
    _lemma("huse")
