"""The organisation's word filter: words and phrases that hold a contribution for approval.

An abusive anonymous line must not reach the projector in front of the mayor before anyone
can hide it. A contribution with a listed word is saved as usual (nothing is lost or deleted)
but held: the facilitator approves or hides it (screening.py). The list is the organisation's
(`WordList`, edited under Administration), else the default shipped in
`data/word_filter_default.txt`, whose header explains the syntax.

Matching is on words, not substrings: "svin" would match "svineproduktion" and "røv" would
match "prøve". Case, repeated letters ("lorrrt") and digits standing for letters ("1diot") are
folded on both sides.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sqlalchemy import select

from facilitator.contributions.models import WordList
from facilitator.core.db import DbSession, utcnow
from facilitator.core.errors import ValidationError
from facilitator.core.i18n import gettext as _

MAX_ENTRIES = 2000
MAX_ENTRY_CHARS = 60  # also the width of Contribution.held_word
CACHE_SECONDS = 10.0  # how stale another worker's copy of an edited list may be

_WORD = re.compile(r"[a-z0-9æøåäöüéè@$]+")
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_REPEATS = re.compile(r"(.)\1+")


def fold(word: str) -> str:
    """The form a word is compared in: lower case, digits as letters, no doubled letters."""
    return _REPEATS.sub(r"\1", word.lower().translate(_LEET))


def words_of(text: str) -> list[str]:
    return [fold(w) for w in _WORD.findall(text.lower())]


@dataclass(frozen=True)
class _Entry:
    shown: str  # as the list writes it, without its stars: what the console says was matched
    parts: tuple[str, ...]  # folded words; one word may start and/or end with "*"

    def matches(self, words: list[str], at: int) -> bool:
        if len(self.parts) == 1:
            return _word_matches(self.parts[0], words[at])
        return tuple(words[at : at + len(self.parts)]) == self.parts


def _word_matches(pattern: str, word: str) -> bool:
    core = pattern.strip("*")
    if pattern.startswith("*") and pattern.endswith("*") and len(pattern) > 1:
        return core in word
    if pattern.endswith("*"):
        return word.startswith(core)
    if pattern.startswith("*"):
        return word.endswith(core)
    return word == core


class WordFilter:
    """A compiled list: `match(text)` names the first listed word the text contains."""

    def __init__(self, entries: list[str]) -> None:
        self.entries = entries
        self._compiled = [_compile(e) for e in entries]

    def match(self, text: str) -> str | None:
        words = words_of(text)
        for at in range(len(words)):
            for entry in self._compiled:
                if entry.matches(words, at):
                    return entry.shown
        return None


def _compile(entry: str) -> _Entry:
    raw = entry.split()
    stars = [(w.startswith("*"), w.endswith("*")) for w in raw]
    parts = [fold(w.strip("*")) for w in raw]
    if len(parts) == 1:
        front, back = stars[0]
        parts = [("*" if front else "") + parts[0] + ("*" if back else "")]
    return _Entry(" ".join(w.strip("*") for w in raw), tuple(parts))


def parse_list(text: str) -> list[str]:
    """The entries of a list as typed (one per line, "#" starts a comment); a clear message
    for an entry that cannot work."""
    entries: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = " ".join(line.split("#", 1)[0].split())
        if not entry:
            continue
        if len(entry) > MAX_ENTRY_CHARS:
            raise ValidationError(
                _("Linje %(line)s er længere end %(max)s tegn.", line=number, max=MAX_ENTRY_CHARS)
            )
        if not words_of(entry.replace("*", "")):
            raise ValidationError(_("Linje %(line)s indeholder intet ord.", line=number))
        if entry.lower() not in {e.lower() for e in entries}:
            entries.append(entry)
    if len(entries) > MAX_ENTRIES:
        raise ValidationError(_("Listen må højst have %(max)s ord.", max=MAX_ENTRIES))
    return entries


@cache
def default_text() -> str:
    path = resources.files("facilitator.contributions") / "data" / "word_filter_default.txt"
    return path.read_text(encoding="utf-8")


def saved_list(db: DbSession) -> WordList | None:
    return db.scalar(select(WordList).order_by(WordList.id).limit(1))


def list_text(db: DbSession) -> str:
    """The list as the administration page shows it: the organisation's, else the default."""
    row = saved_list(db)
    return row.words if row is not None else default_text()


def save_list(db: DbSession, text: str | None) -> list[str]:
    """Save the organisation's list (None: back to the default); returns its entries."""
    row = saved_list(db)
    if text is None:
        if row is not None:
            db.delete(row)
        db.commit()
        _cache.clear()
        return parse_list(default_text())
    entries = parse_list(text)
    if row is None:
        row = WordList()
        db.add(row)
    row.words, row.updated_at = text.strip() + "\n", utcnow()
    db.commit()
    _cache.clear()
    return entries


class _Cache:
    """The compiled list per process, read again at most every CACHE_SECONDS: a room of phones
    submitting does not read the list each time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._filter: WordFilter | None = None
        self._read_at = float("-inf")

    def get(self, db: DbSession) -> WordFilter:
        now = time.monotonic()
        with self._lock:
            if self._filter is not None and now - self._read_at < CACHE_SECONDS:
                return self._filter
        word_filter = WordFilter(parse_list(list_text(db)))
        with self._lock:
            self._filter, self._read_at = word_filter, now
        return word_filter

    def clear(self) -> None:
        with self._lock:
            self._filter, self._read_at = None, float("-inf")


_cache = _Cache()


def active_filter(db: DbSession) -> WordFilter:
    """The organisation's filter as this process knows it now."""
    return _cache.get(db)
