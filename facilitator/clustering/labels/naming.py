"""One distinct heading per theme (`label_clusters`), or for one hand-edited theme
(`label_for`): the best candidate a larger theme has not taken, else a member's short
opening clause, else "Øvrige"."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..danish import STOP_WORDS
from .corpus import Corpus
from .lexical import Candidate, lexical_candidates, shortlist_for
from .semantic import Embed, ThemeSpace, add_central, semantic_scores
from .words import CLAUSE_RE, MAX_WORDS, surface

FALLBACK_LABEL = "Øvrige"

# Phrases embedded per grouping: e5 costs ~6 ms a phrase, so 12 themes x 6 stay near 0.4 s.
_EMBED_BUDGET = 48
_LEX_KEEP = (3, 7)  # lexical candidates kept per theme, before the "A og B" join


def label_clusters(
    texts: Sequence[str],
    clusters: Sequence[Sequence[int]],
    *,
    vectors: np.ndarray | None = None,
    embed: Embed | None = None,
) -> list[str]:
    """One distinct heading per cluster (members index into texts)."""
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
    return _assign(texts, kept, shortlists)


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


def _assign(
    texts: Sequence[str], clusters: list[list[int]], shortlists: list[list[Candidate]]
) -> list[str]:
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
_OPENING = re.compile(
    r"^(?:vi|man|de|der|det|kommunen|kommunerne|regionen)\s+"
    r"(?:skal|må|bør|kan|vil)\s+(?:(?:have|være|kunne)\s+)?",
    re.IGNORECASE,
)


def _fallback(texts: Sequence[str], members: Sequence[int], used: set[str]) -> str:
    """No noun phrase to use: the shortest opening clause of a member without "Vi skal"
    ("Turde prøve nyt"), else "Øvrige"; numbered when taken."""
    clauses = []
    for i in members:
        clause = _OPENING.sub("", CLAUSE_RE.split(texts[i].strip(), maxsplit=1)[0].strip())
        words = clause.split()
        if 2 <= len(words) <= MAX_WORDS and words[0].lower() not in STOP_WORDS:
            clauses.append((len(words), i, " ".join(surface(w) for w in words)))
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
