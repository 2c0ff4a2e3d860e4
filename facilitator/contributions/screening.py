"""What waits for the facilitator before the room sees it: pre-moderation and the word filter.

A statement in a pre-moderated activity, or any text with a word of the organisation's word
filter (wordfilter.py), is saved as usual and answered "venter på godkendelse", but held:
a held statement (or check-in's words) is also hidden, so the projector, the phones' list,
results, themes and the documents leave it out as they leave out hidden ones; a held dilemma
reason is left out of the reasons while its choice counts. The facilitator approves it (it
appears) or hides it (it stays among the hidden, to be shown again if wanted). Nothing is ever
deleted here.
"""

from __future__ import annotations

from collections.abc import Sequence

from facilitator.activities.models import Activity
from facilitator.contributions.models import Contribution
from facilitator.contributions.wordfilter import MAX_ENTRY_CHARS, WordFilter
from facilitator.core import signals
from facilitator.core.db import DbSession


def screen(row: Contribution, activity: Activity, words: WordFilter) -> None:
    """Hold `row` (new, or its text just corrected) when its activity is pre-moderated or its
    text has a filtered word. A row already held or hidden stays as it is."""
    if not row.text or row.held:
        return
    word = words.match(row.text)
    if word is None and not activity.premoderated:
        return
    row.held, row.held_word = True, (word or "")[:MAX_ENTRY_CHARS]
    if activity.kind != "dilemma":  # a dilemma's choice counts while its reason waits
        row.hidden = True


def shows_text(row: Contribution) -> bool:
    """Whether the row's text may be shown (a dilemma reason waiting for approval may not)."""
    return bool(row.text) and not row.held and not row.hidden


def approve(db: DbSession, rows: Sequence[Contribution]) -> int:
    """The facilitator lets held contributions through: they appear where they belong, as if
    just sent. Returns how many were held."""
    held = [row for row in rows if row.held]
    for row in held:
        row.held, row.hidden = False, False
    db.commit()
    for row in held:
        session_id = row.activity.session_id
        if row.activity.takes_text:  # new to the wall and the phones' list
            signals.contribution_added.send(
                row, session_id=session_id, activity_id=row.activity_id, reviewed=True
            )
        else:  # a dilemma reason: the reasons are drawn again
            signals.contribution_changed.send(
                row, session_id=session_id, activity_id=row.activity_id, reviewed=True
            )
    return len(held)


def reject(db: DbSession, rows: Sequence[Contribution]) -> int:
    """ "Skjul": held contributions join the hidden ones (the console can show them again)."""
    held = [row for row in rows if row.held]
    for row in held:
        row.held, row.hidden = False, True
    db.commit()
    for row in held:
        signals.contribution_changed.send(
            row, session_id=row.activity.session_id, activity_id=row.activity_id, reviewed=True
        )
    return len(held)
