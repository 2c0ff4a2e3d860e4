"""A check-in's words by stakeholder group, as contributions.privacy allows: "Politikere: skov
(3), mod (2)".

The activity's privacy Decision (shown groups fixed at the first published view, newcomers
admitted three at a time) decides who counts in which row, exactly as for a dilemma; a row
is a group's answers instead of its votes. Two things differ, because an answer holds up to
three words instead of one choice:

* a row is *unanimous* when one word is in every answer of it: the added-up rest ("Øvrige
  grupper") is never published so, nor left so for a reader who subtracts the shown rows from
  the room's cloud; the smallest shown row joins the rest until neither is, or no row is left;
* a row shows its GROUP_WORDS most written words, with counts.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from facilitator.contributions.privacy import MIN_GROUP_SIZE, OTHER_GROUPS_LABEL, Decision
from facilitator.wordcloud.words import WordCount, count_words, fold, stored_words

GROUP_WORDS = 5


@dataclass(frozen=True)
class GroupWords:
    group: str  # a group label (privacy's keys), or OTHER_GROUPS_LABEL for the rest
    people: int  # answers counted in the row
    words: tuple[WordCount, ...]  # its most written, at most GROUP_WORDS

    @property
    def others(self) -> bool:
        return self.group == OTHER_GROUPS_LABEL


def _unanimous(answers: list[str]) -> bool:
    """One word (folded) is in every answer of the row."""
    if not answers:
        return False
    common = {fold(w) for w in stored_words(answers[0])}
    for answer in answers[1:]:
        common &= {fold(w) for w in stored_words(answer)}
    return bool(common)


def group_words(
    answers: Mapping[int, tuple[str, str]],
    decision: Decision,
    order: Iterable[str],
    hidden: Collection[str] = (),
) -> list[GroupWords]:
    """Rows per shown group (in `order`), then the rest added up, from `answers` (person ->
    (group label, stored words)) and the activity's `decision` after admitting them
    (results.admitted). Empty when no split by group may be published."""
    shown = decision.shown or frozenset()
    rows: dict[str, list[str]] = {group: [] for group in order if group in shown}
    rest: list[str] = []
    waiting: list[str] = []  # not admitted yet: only in the room's cloud
    waiting_hidden = False
    for pid, (group, text) in answers.items():
        if decision.admitted.get(pid) != group:
            waiting.append(text)
            waiting_hidden = waiting_hidden or group not in rows
        elif group in rows:
            rows[group].append(text)
        else:
            rest.append(text)
    for group in [g for g, texts in rows.items() if len(texts) < MIN_GROUP_SIZE]:
        rest += rows.pop(group)  # a row left short (a withdrawal) folds into the rest

    def disclosing() -> bool:
        published = len(rest) >= MIN_GROUP_SIZE and _unanimous(rest)
        holds_hidden = bool(rest) or (waiting_hidden and bool(waiting))
        return published or (holds_hidden and _unanimous(rest + waiting))

    while disclosing():
        if not rows:
            return []
        smallest = min(rows, key=lambda g: len(rows[g]))  # the first of equals: deterministic
        rest += rows.pop(smallest)
    result = [
        GroupWords(group, len(texts), tuple(count_words(texts, hidden)[:GROUP_WORDS]))
        for group, texts in rows.items()
    ]
    if len(rest) >= MIN_GROUP_SIZE:
        result.append(
            GroupWords(
                OTHER_GROUPS_LABEL, len(rest), tuple(count_words(rest, hidden)[:GROUP_WORDS])
            )
        )
    return result
