"""The statements as heading material (`Corpus`): tokenised into clauses, each word given its
role in a heading, corpus-wide stem document frequencies, the words used as verbs or
modifiers here, and compound parts; `Corpus.candidates` lists a theme's phrases."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..danish import (
    ADVERBS,
    AUXILIARIES,
    ENGLISH_WORDS,
    PRONOUNS,
    STOP_WORDS,
    CompoundSplitter,
    is_english,
    session_language,
    stem,
)
from ..danish import CONJUNCTIONS as DANISH_CONJUNCTIONS
from ..danish import PREPOSITIONS as DANISH_PREPOSITIONS
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
    _words,
    adjective_like,
    finite_form,
    lemma_of,
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

# Never a content word of a Danish heading: pronouns, auxiliaries, sentence adverbs and
# subordinating conjunctions end a phrase (INNER and OPENERS keep their own roles).
_DANISH_BREAK = (PRONOUNS | AUXILIARIES | ADVERBS | DANISH_CONJUNCTIONS) - INNER - OPENERS
# Function words that end like verbs ("for", "hvor", "eller"): never a finite verb.
_NEVER_VERBS = (PRONOUNS | ADVERBS | DANISH_CONJUNCTIONS | DANISH_PREPOSITIONS) - AUXILIARIES
# English sessions: the English function words break, a few join ("access to care").
_ENGLISH_INNER = _words("of for in on with and or to at by between from")
# Words after which an -er/-es form is a verb in this occurrence ("vi oplever", "mange føler"),
# and words in front of which it is one ("føler sig", "mangler ikke").
_OBJECT_CUES = _words("sig det den dem os mig dig ham hende ikke også tit ofte")


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
        as_noun: Counter[str] = Counter()
        finite_use: Counter[str] = Counter()  # an -r/-es form where a finite verb stands
        before_noun: Counter[str] = Counter()
        sites: list[tuple[str, tuple[str, ...]]] = []  # -r/-es forms with their neighbours
        # The session's language; statements in another one give no heading words.
        self.language = session_language(self.texts)
        self.foreign = [
            bool(t.strip()) and is_english(t) != (self.language == "en") for t in self.texts
        ]
        self.form_df: Counter[str] = Counter()  # statements using each word form
        for text in self.texts:
            clauses = [
                [surface(w) for w in WORD_RE.findall(part)] for part in CLAUSE_RE.split(text)
            ]
            clauses = [c for c in clauses if c]
            raw.append(clauses)
            self.form_df.update({w.lower() for words in clauses for w in words})
            for c, words in enumerate(clauses):
                for i, word in enumerate(words):
                    low = word.lower()
                    seen[low] += 1
                    if i and verb_position(words, i):
                        as_verb[low] += 1
                    if (
                        i
                        and (low.endswith("r") or _deponent(low))
                        and len(low) > 2
                        and low not in _NEVER_VERBS
                    ):
                        sites.append((low, tuple(w.lower() for w in words[max(0, i - 2) : i + 2])))
                    elif (i == 0 and c == 0 and not finite_form(low)) or (
                        i and noun_cue(words[i - 1].lower())
                    ):  # first in a statement, "plant", "luk": an imperative, not a noun
                        as_noun[low] += 1
                    if i + 1 < len(words) and _object_follows(words, i):
                        as_verb[low] += 1
                    if (
                        i + 1 < len(words)
                        and len(words[i + 1]) > 2
                        and (words[i + 1].lower() not in STOP_WORDS)
                    ):
                        in_front[low] += 1
                        if not words[i + 1].lower().endswith(("r", "es")):
                            before_noun[low] += 1  # not before a possible verb
        # A word used as a verb in at least a third of its occurrences is a verb here.
        verbs = {w for w, n in as_verb.items() if n * 3 >= seen[w]}
        # "Mange føler sig", "før problemerne vokser": a subject in front, or an object behind,
        # at least as often as a determiner or preposition in front.
        modifiers = {w for w, n in before_noun.items() if n * 2 >= seen[w]}
        for low, around in sites:
            if _finite_use(low, around, modifiers):
                finite_use[low] += 1
            elif noun_cue(around[around.index(low, max(0, len(around) - 2)) - 1]):
                as_noun[low] += 1
        verbs |= {w for w in seen if not as_noun[w] and finite_form(w)}
        verbs |= {w for w, n in finite_use.items() if n >= as_noun[w]}
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
        if self.language == "en":
            if low in _ENGLISH_INNER:
                return _INNER_ROLE
            if low in ENGLISH_WORDS or low in self.verbs or len(low) < 2:
                return _BREAK
            return _CONTENT
        if low in ENGLISH_WORDS or low in _DANISH_BREAK:
            return _BREAK
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
            if self.foreign[i]:
                continue  # an English statement in a Danish session gives no heading words
            for clause in self.docs[i]:
                roles, stems, ends = clause.roles, clause.stems, clause.ends
                n = len(roles)
                lows = [w.lower() for w in clause.surfaces]
                for start in range(n):
                    if not clause.starts[start]:
                        continue
                    for end in range(start + 1, min(n, start + MAX_WORDS) + 1):
                        if roles[end - 1] == _BREAK:
                            break  # a verb or pronoun ends every longer phrase too
                        if not ends[end - 1] or _cut_coordination(lows, roles, start, end):
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


def _finite_use(low: str, around: tuple[str, ...], modifiers: set[str]) -> bool:
    """Is the -r/-es form `low` a finite verb where it stands (`around`: up to two words before
    it, it, and the word after): after a subject pronoun ("der kører", "vi oplever"), in front
    of "at"/an object pronoun/"ikke" ("føler sig", "kører ikke"), or after a noun that opens a
    clause or follows a determiner ("Forsøg mislykkes", "før problemerne vokser", "andre
    målgrupper står") unless a verb follows (then it is a noun: "Kommunale skoler skal")."""
    at = around.index(low, max(0, len(around) - 2))
    prev = around[at - 1]
    nxt = around[at + 1] if at + 1 < len(around) else ""
    before = around[at - 2] if at >= 2 else ""
    if prev in ARTICLES or prev in INNER:
        return False
    if prev in _PRONOUN_SUBJECTS or nxt in _OBJECT_CUES:
        return True
    subject = (
        len(prev) > 2
        and prev not in STOP_WORDS
        and prev not in OPENERS
        and prev not in modifiers
        and not adjective_like(prev)
        and not _inflected_adjective(prev)
        and not possessive_or_passive(prev)
    )
    opens = not before or before in _CLAUSE_START
    return subject and opens and (not nxt or nxt not in VERBS)


_PRONOUN_SUBJECTS = _words("jeg du han hun vi man der")
# What may stand before a clause's subject: a subordinator or a determiner of the subject.
_CLAUSE_START = _words(
    "at når hvis fordi før mens hvor så og men da selvom andre nogle mange flere alle de"
)


def _object_follows(words: list[str], i: int) -> bool:
    """An -e word right before a definite noun ("udsmykke busstoppestederne"): a verb and its
    object (an adjective would need an article: "de nye busstoppesteder")."""
    low, nxt = words[i].lower(), words[i + 1].lower()
    if len(low) < 4 or not low.endswith("e") or low in STOP_WORDS or low in OPENERS:
        return False
    if adjective_like(low) or _inflected_adjective(low) or possessive_or_passive(low):
        return False
    return len(nxt) > 6 and nxt.endswith(("erne", "ene")) and nxt not in STOP_WORDS


def _inflected_adjective(low: str) -> bool:
    """ "unge", "kommunale": an adjective's -e form (the lemma plus e), not an -ere noun."""
    return low.endswith("e") and not low.endswith("ere") and lemma_of(low) == low[:-1]


def _deponent(low: str) -> bool:
    """ "mislykkes", "lykkes", "opleves": an -es verb form (not "proces", "interesses")."""
    return len(low) >= 6 and low.endswith(("kes", "tes", "des", "ves", "nes", "les", "ges"))


def _cut_coordination(lows: list[str], roles: list[int], start: int, end: int) -> bool:
    """A span ending inside a coordinated object: "samarbejde mellem skole" of "samarbejde
    mellem skole og hjem" (a preposition in the span, "og"/"eller" plus a word right after)."""
    if end + 1 >= len(lows) or lows[end] not in ("og", "eller"):
        return False
    if roles[end + 1] not in (_CONTENT, _OPENER):
        return False
    return any(lows[k] in DANISH_PREPOSITIONS for k in range(start + 1, end))
