"""A check-in's words: what a participant may send (split_words), and how the room's answers
are counted (count_words, cloud).

Counting leaves out Danish and English stop words (clustering.danish's lists, less the few
that carry a mood in a check-in: "god", "mod", "stor"), folds inflections ("skov", "skoven",
"skove" count as one word; fold) and shows each word in the form most people wrote. Each
participant counts once per word, whatever forms and however often they wrote it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from facilitator.clustering.danish import ENGLISH_WORDS, normalise, stem
from facilitator.clustering.danish import STOP_WORDS as DANISH_STOP_WORDS
from facilitator.clustering.labels.words import lemma_of, surface
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _
from facilitator.core.text import clean_text

MAX_WORDS = 3  # one to three words per participant
MAX_WORD_CHARS = 30  # "kompetenceudviklingsforløb" is 26; a 95-character "word" is refused
MAX_FIELDS = 10  # list items read at all: a hostile list is refused before it is split
CLOUD_WORDS = 40  # the projector draws the most written words, at most this many
# Font sizes of the projector's cloud at 1920x1080 (static/js/cloud.js scales between them by
# count): 36 px is the wall's own smallest text, about 4 cm high on a 3.5 m wide screen, which
# the 1:200 rule of thumb reads from 8 m; the biggest word stays short of the title's width.
MIN_FONT_PX, MAX_FONT_PX = 36, 128

# A word: letters and digits, with an inner hyphen or apostrophe ("sosu-assistent", "it's").
# Anything else (spaces, commas, emoji, the brackets of HTML) separates words.
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# Clustering's filler list drops these; in a check-in they are the answer ("god", "mod").
_MOOD = frozenset(
    {"god", "godt", "mod", "stor", "store", "lille", "ny", "nyt", "sammen", "frem", "better"}
)
STOP_WORDS = (DANISH_STOP_WORDS | ENGLISH_WORDS | frozenset({"i", "me", "im", "i'm"})) - _MOOD


def split_words(values: Iterable[str]) -> list[str]:
    """The words of one check-in, as typed (any field may hold several: "skov, mod"), each
    once (case ignored); or a Danish ValidationError: none, more than MAX_WORDS, or one
    longer than MAX_WORD_CHARS."""
    words: list[str] = []
    seen: set[str] = set()
    for value in values:
        for match in _WORD.finditer(clean_text(value)):
            word = match.group()
            if len(word) > MAX_WORD_CHARS:
                raise ValidationError(
                    _(
                        "Et ord må højst have %(max)s tegn. »%(start)s…« har %(length)s.",
                        max=MAX_WORD_CHARS,
                        start=word[:12],
                        length=len(word),
                    )
                )
            if word.casefold() in seen:
                continue
            seen.add(word.casefold())
            words.append(word)
            if len(words) > MAX_WORDS:  # stop reading: the answer is refused anyway
                raise ValidationError(_("Skriv højst %(max)s ord.", max=MAX_WORDS))
    if not words:
        raise ValidationError(_("Skriv mindst ét ord med bogstaver eller tal."))
    return words


def join_words(words: Sequence[str]) -> str:
    """How an answer is stored (Contribution.text): its words, separated by a space."""
    return " ".join(words)


def stored_words(text: str) -> list[str]:
    return text.split()


def is_stop_word(word: str) -> bool:
    return normalise(word) in STOP_WORDS


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """The key that folds a word's inflections into one ("skov", "skoven", "skove": "skov";
    "børn": "barn"): a Danish word by its lemma's Snowball stem, an English one by its lemma
    ("trees": "tree"), any other (a compound or name simplemma does not know) by its stem."""
    form = normalise(word)
    if simplemma.is_known(form, lang="da"):
        return str(stem(lemma_of(form)))
    if simplemma.is_known(form, lang="en"):
        return str(simplemma.lemmatize(form, lang="en"))
    return str(stem(form))


def warm_up() -> None:
    """Load simplemma's Danish and English dictionaries now (~0.6 s, once per process): at
    server start, not at a check-in's first count, with the room waiting."""
    fold("skoven")
    fold("trees")


@dataclass(frozen=True)
class WordCount:
    text: str  # the form most people wrote ("skov"), lower case unless an acronym ("KL")
    count: int  # participants who wrote it, in any form
    key: str = ""  # fold(text): hiding a word hides every form of it


@dataclass(frozen=True)
class Cloud:
    respondents: int  # participants whose answer counts
    words: tuple[WordCount, ...]  # the most written, at most CLOUD_WORDS
    distinct: int  # every counted word, drawn or not


def _shown_form(forms: Counter[str]) -> str:
    """Most written; ties: the shortest ("skov" before "skoven"), then alphabetical."""
    return min(forms, key=lambda form: (-forms[form], len(form), form))


def count_words(answers: Iterable[str], hidden: Collection[str] = ()) -> list[WordCount]:
    """Every counted word of `answers` (each one participant's stored words), most written
    first, ties alphabetical. Left out: stop words, one-letter words and `hidden` (words the
    facilitator took off the cloud, in any form)."""
    hidden_keys = {fold(word) for word in hidden}
    people: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for answer in answers:
        seen: set[str] = set()
        for word in stored_words(answer):
            if len(word) < 2 or is_stop_word(word):
                continue
            key = fold(word)
            if key in hidden_keys or key in seen:
                continue
            seen.add(key)
            people[key] += 1
            forms.setdefault(key, Counter())[surface(word)] += 1
    counted = [WordCount(_shown_form(forms[key]), n, key) for key, n in people.items()]
    return sorted(counted, key=lambda w: (-w.count, w.text.casefold(), w.text))


def cloud(answers: Sequence[str], hidden: Collection[str] = ()) -> Cloud:
    """The room's cloud: how many answered and their most written words."""
    counted = count_words(answers, hidden)
    return Cloud(len(answers), tuple(counted[:CLOUD_WORDS]), len(counted))


def visible_text(text: str, hidden: Collection[str]) -> str:
    """An answer without the words the facilitator hid (for the documents' lists)."""
    hidden_keys = {fold(word) for word in hidden}
    return join_words([w for w in stored_words(text) if fold(w) not in hidden_keys])
