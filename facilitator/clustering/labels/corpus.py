"""The statements as heading material (`Corpus`): tokenised into clauses, each word given its
role in a heading, corpus-wide stem document frequencies, the words used as verbs or
modifiers here, and compound parts; `Corpus.candidates` lists a theme's phrases."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..danish import STOP_WORDS, CompoundSplitter, stem
from .words import (
    ARTICLES,
    CLAUSE_RE,
    CONJUNCTIONS,
    INNER,
    MAX_WORDS,
    OPENERS,
    PREPOSITIONS,
    VERBS,
    WORD_RE,
    adjective_like,
    finite_form,
    noun_cue,
    possessive_or_passive,
    surface,
    verb_position,
)


@dataclass
class Phrase:
    words: tuple[str, ...]  # surface words
    content: tuple[str, ...]  # stems of the content words
    count: int = 0  # members using exactly this phrase (by stems)
    last: int = -1  # the last member counted
    surfaces: Counter[str] = field(default_factory=Counter)


# Token roles: what a word may do in a heading.
_CONTENT, _INNER_ROLE, _OPENER, _BREAK = 0, 1, 2, 3


@dataclass
class _Clause:
    surfaces: list[str]
    stems: list[str]
    roles: list[int]
    starts: list[bool]  # may a heading start here (a content word or opener, not after "at")
    ends: list[bool]  # may a heading end here (a content word that is no verb form)


class Corpus:
    """Tokenised statements, corpus-wide stem document frequencies and verb usage."""

    def __init__(self, texts: Sequence[str]):
        self.texts = list(texts)
        raw: list[list[list[str]]] = []
        seen: Counter[str] = Counter()
        as_verb: Counter[str] = Counter()
        in_front: Counter[str] = Counter()
        as_noun: set[str] = set()
        for text in self.texts:
            clauses = [
                [surface(w) for w in WORD_RE.findall(part)] for part in CLAUSE_RE.split(text)
            ]
            clauses = [c for c in clauses if c]
            raw.append(clauses)
            for c, words in enumerate(clauses):
                for i, word in enumerate(words):
                    low = word.lower()
                    seen[low] += 1
                    if i and verb_position(words, i):
                        as_verb[low] += 1
                    if (i == 0 and c == 0) or (i and noun_cue(words[i - 1].lower())):
                        as_noun.add(low)
                    if (
                        i + 1 < len(words)
                        and len(words[i + 1]) > 2
                        and (words[i + 1].lower() not in STOP_WORDS)
                    ):
                        in_front[low] += 1
        # A word used as a verb in at least a third of its occurrences is a verb here.
        verbs = {w for w, n in as_verb.items() if n * 3 >= seen[w]}
        verbs |= {w for w in seen if w not in as_noun and finite_form(w)}
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
                        stem(p) for p in parts if len(p) >= 3 and p not in STOP_WORDS
                    )
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
            content = {
                s
                for cl in prepared
                for s, r in zip(cl.stems, cl.roles, strict=True)
                if r == _CONTENT
            }
            stems = frozenset(content.union(*(self.parts.get(w, ()) for w in content)))
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
            cued = i > 0 and (
                verb_position(words, i)
                or lows[i - 1] in ARTICLES
                and (role == _OPENER or adjective_like(low))
            )
            short = len(low) < 3 and not word.isupper()
            starts.append(
                not cued and not short and not low.isdigit() and role in (_CONTENT, _OPENER)
            )
            # A genitive ("kommunens") or passive ("opdages") leaves the phrase unfinished.
            ends.append(
                role == _CONTENT
                and not short
                and not low.isdigit()
                and not possessive_or_passive(low)
            )
        return _Clause(words, [stem(w) for w in lows], roles, starts, ends)

    def _role(self, low: str) -> int:
        if low in OPENERS:
            return _OPENER
        if low in INNER:
            return _INNER_ROLE
        if (
            low in STOP_WORDS
            or low in VERBS
            or low in self.verbs
            or low in CONJUNCTIONS
            or len(low) < 2
        ):
            return _BREAK
        if low in PREPOSITIONS:
            return _INNER_ROLE
        return _CONTENT

    def candidates(self, members: Sequence[int]) -> dict[tuple[str, ...], Phrase]:
        found: dict[tuple[str, ...], Phrase] = {}
        for i in members:
            for clause in self.docs[i]:
                roles, stems, ends = clause.roles, clause.stems, clause.ends
                n = len(roles)
                for start in range(n):
                    if not clause.starts[start]:
                        continue
                    for end in range(start + 1, min(n, start + MAX_WORDS) + 1):
                        if roles[end - 1] == _BREAK:
                            break  # a verb or pronoun ends every longer phrase too
                        if not ends[end - 1]:
                            continue
                        key = tuple(stems[start:end])
                        phrase = found.get(key)
                        if phrase is None:
                            content = tuple(
                                stems[k] for k in range(start, end) if roles[k] == _CONTENT
                            )
                            phrase = found[key] = Phrase(tuple(clause.surfaces[start:end]), content)
                        phrase.surfaces[" ".join(clause.surfaces[start:end])] += 1
                        if phrase.last != i:  # count each member once
                            phrase.last = i
                            phrase.count += 1
        return found
