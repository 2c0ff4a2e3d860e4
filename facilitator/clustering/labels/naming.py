"""One distinct heading per theme, with up to three alternatives (`label_clusters`), or for
one hand-edited theme (`label_for`, `heading_for`): the best valid phrase a larger theme has
not taken (grammar.py), else the most representative member's statement shortened at a
phrase boundary, marked as a suggestion (shorten.py), else "Øvrige"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import islice

import numpy as np

from .corpus import Corpus
from .grammar import heading_problem
from .lexical import Candidate, lexical_candidates, shortlist_for
from .representative import representative_order
from .semantic import Embed, ThemeSpace, add_central, semantic_scores
from .shorten import shortened

FALLBACK_LABEL = "Øvrige"
MAX_ALTERNATIVES = 3
_FALLBACK_TRIES = 3

# Phrases embedded per grouping: e5 costs ~6 ms a phrase, so 12 themes x 6 stay near 0.4 s.
_EMBED_BUDGET = 48
_LEX_KEEP = (3, 7)  # lexical candidates kept per theme, before the "A og B" join


class Heading(str):
    """A theme's heading (the string itself) with `alternatives`, other valid headings the
    facilitator may pick, and `suggestion`: True when it is a member's shortened statement
    rather than a phrase naming the theme. A str, so callers that want the text use it as is."""

    alternatives: list[str]
    suggestion: bool

    def __new__(
        cls, text: str, alternatives: Iterable[str] = (), suggestion: bool = False
    ) -> Heading:
        heading = super().__new__(cls, text)
        heading.alternatives = list(alternatives)
        heading.suggestion = suggestion
        return heading


def label_clusters(
    texts: Sequence[str],
    clusters: Sequence[Sequence[int]],
    *,
    vectors: np.ndarray | None = None,
    embed: Embed | None = None,
) -> list[Heading]:
    """One distinct heading per cluster (members index into texts), each with up to three
    alternatives and the `suggestion` flag (see Heading)."""
    corpus = Corpus(texts)
    kept = [[i for i in members if texts[i].strip()] for members in clusters]
    keep = max(_LEX_KEEP[0], min(_LEX_KEEP[1], _EMBED_BUDGET // max(len(kept), 1) - 1))
    ranked = [lexical_candidates(corpus, m) for m in kept]
    shortlists = [shortlist_for(corpus, m, r, keep) for m, r in zip(kept, ranked, strict=True)]
    live = [c for c, members in enumerate(kept) if members]
    if embed is not None and vectors is not None and live:
        space = ThemeSpace(corpus, kept, live, np.asarray(vectors, dtype=np.float32))
        add_central(space, ranked, shortlists)
        semantic_scores(space, shortlists, embed)
    else:
        for shortlist in shortlists:
            for cand in shortlist:
                cand.score = cand.lexical
    return _assign(corpus, kept, shortlists, ranked, vectors)


def _heading(text: str) -> str:
    return text[:1].upper() + text[1:]


# A heading is a phrase of 2-6 words: a lone word ("Kommuner", "Penge") wins only when no
# phrase scores within this margin of it.
_PHRASE_MARGIN = 0.15


def _preferring_phrases(shortlist: list[Candidate]) -> list[Candidate]:
    ranked = sorted(shortlist, key=lambda x: -x.score)
    if not ranked:
        return ranked
    best = ranked[0].score
    return sorted(
        ranked, key=lambda x: (not (x.n_words > 1 and x.score >= best - _PHRASE_MARGIN), -x.score)
    )


def _eligible(shortlist: list[Candidate], ranked: list[Candidate]) -> list[Candidate]:
    """Valid headings, best first: the scored shortlist, then the rest in lexical order."""
    listed = {id(c) for c in shortlist}
    rest = [c for c in ranked if id(c) not in listed and c.heading]
    return [c for c in _preferring_phrases(shortlist) if c.heading] + rest


def _assign(
    corpus: Corpus,
    clusters: list[list[int]],
    shortlists: list[list[Candidate]],
    ranked: list[list[Candidate]],
    vectors: np.ndarray | None,
) -> list[Heading]:
    """Largest themes pick first; a heading (or its stems) is never used twice. Then each
    theme's alternatives: its next valid phrases that no theme took as its heading."""
    used: set[str] = set()
    used_content: set[frozenset[str]] = set()
    labels = [""] * len(clusters)
    suggestion = [False] * len(clusters)
    chosen: list[Candidate | None] = [None] * len(clusters)
    eligible = [_eligible(s, r) for s, r in zip(shortlists, ranked, strict=True)]
    order = sorted(range(len(clusters)), key=lambda c: -len(clusters[c]))
    for c in order:
        for cand in eligible[c]:
            if cand.text.lower() not in used and cand.content not in used_content:
                labels[c], chosen[c] = _heading(cand.text), cand
                used_content.add(cand.content)
                break
        else:
            labels[c] = _fallback(corpus, clusters[c], used, vectors)
            suggestion[c] = True
        used.add(labels[c].lower())
    headings = []
    for c in range(len(clusters)):
        taken = {labels[c].lower()} | (used - {labels[c].lower()})
        pick = chosen[c]
        seen = {pick.content} if pick is not None else set()
        alternatives: list[str] = []
        for cand in eligible[c]:
            if len(alternatives) >= MAX_ALTERNATIVES:
                break
            if cand.text.lower() in taken or cand.content in seen or cand.content in used_content:
                continue
            alternatives.append(_heading(cand.text))
            taken.add(cand.text.lower())
            seen.add(cand.content)
        if suggestion[c] and len(alternatives) < MAX_ALTERNATIVES:
            for text in _shortened_members(corpus, clusters[c], vectors):
                if len(alternatives) >= MAX_ALTERNATIVES:
                    break
                if text.lower() not in taken:
                    alternatives.append(text)
                    taken.add(text.lower())
        headings.append(Heading(labels[c], alternatives, suggestion[c]))
    return headings


def _shortened_members(
    corpus: Corpus, members: Sequence[int], vectors: np.ndarray | None
) -> Iterable[str]:
    """Members' statements shortened at a phrase boundary, the most representative first."""
    order = representative_order(members, vectors, corpus.texts)
    for i in order:
        if corpus.foreign[i]:
            continue
        text = shortened(corpus.texts[i], corpus)
        if text:
            yield _heading(text)


def _fallback(
    corpus: Corpus, members: Sequence[int], used: set[str], vectors: np.ndarray | None
) -> str:
    """No phrase to use: the most representative member's statement shortened at a phrase
    boundary ("Mere mod til at turde fejle"), else "Øvrige"; numbered when taken."""
    # Of the three most representative members, one whose shortened statement is a noun
    # phrase ("Mere mod til at turde fejle") rather than a clause ("Taget drypper ned").
    first = list(islice(_shortened_members(corpus, members, vectors), _FALLBACK_TRIES))
    phrases = [text for text in first if heading_problem(text, corpus) is None]
    base = (phrases or first or [FALLBACK_LABEL])[0]
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
    """Heading for one (possibly hand-edited) cluster of texts (see heading_for)."""
    return str(heading_for(texts, members, all_texts, vectors=vectors, embed=embed))


def heading_for(
    texts: Sequence[str],
    members: Sequence[int],
    all_texts: Sequence[str] | None = None,
    *,
    vectors: np.ndarray | None = None,
    embed: Embed | None = None,
) -> Heading:
    """Heading, alternatives and suggestion flag for one (possibly hand-edited) cluster of
    texts. The other statements (of texts, plus all_texts when given) are the background it
    should stand out from."""
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
