"""Group commit: contributions that arrive together are saved in one transaction.

Under `serve` a room of phones sends hundreds of contributions a second, each a socket event
on one event loop. Saved one at a time, each pays for its own look-ups, flush and commit, and a
burst of 100 (a room answering at once, or a phone's outbox after a Wi-Fi gap) waits for 100
commits. Here the live path hands its submission to one writer and waits: the writer takes
everything that is waiting, looks the activities up once, judges each item, inserts the lot and
commits once. Every sender is answered only after that commit: saved before acknowledged.

When the batch fails as a whole (a resend of an item in the same batch, a participant deleted
meanwhile), its items are saved again one by one, so one bad item costs its neighbours nothing
but a little time. No Flask here: the caller passes how to run the writer and in what context.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from facilitator.activities.models import Activity
from facilitator.contributions import services, validation, wordfilter
from facilitator.contributions.models import Contribution, Participant
from facilitator.contributions.validation import Author, Submission
from facilitator.core import jobs, signals
from facilitator.core.db import DbSession
from facilitator.core.errors import DomainError
from facilitator.core.i18n import current_locale, use_locale

log = logging.getLogger(__name__)

Saved = tuple[Contribution, bool]  # the row, and whether it is new (False: a resend)
Outcome = Saved | DomainError
MAX_BATCH = 256  # items per transaction: a longer queue is cut into commits of this size


@dataclass(frozen=True)
class Item:
    author: Author
    submission: Submission
    locale: str  # the sender's language: a refusal is worded for them, not for the writer


def save_all(db: DbSession, items: Sequence[Item], *, max_chars: int) -> list[Outcome]:
    """Save `items` in one transaction: one outcome per item, in order. Each is judged as
    `services.submit` judges it alone (the same checks, messages and resends)."""
    wanted = {item.submission.activity_id for item in items if item.submission.activity_id}
    activities = {
        a.id: a
        for a in db.scalars(
            select(Activity).options(joinedload(Activity.session)).where(Activity.id.in_(wanted))
        )
    }
    outcomes: list[Outcome | None] = [None] * len(items)
    words = wordfilter.active_filter(db)
    fresh: dict[int, Contribution] = {}  # item index -> its new row
    votes: dict[tuple[int, int], int] = {}  # (activity, participant) -> index of the last
    for index, item in enumerate(items):
        with use_locale(item.locale):
            try:
                activity = services.of_session(
                    activities.get(item.submission.activity_id or 0), item.author
                )
                if not services.accepts_contributions(activity):
                    outcomes[index] = (
                        services.refuse_closed(db, item.author, activity, item.submission),
                        False,
                    )
                    continue
                fresh[index] = validation.prepared(
                    activity, item.author, item.submission, max_chars, words
                )
            except DomainError as error:
                outcomes[index] = error
                continue
        if activity.kind in services.VOTES:  # a choice earlier in this batch is replaced too
            earlier = votes.get((activity.id, item.author.id))
            if earlier is not None:
                fresh[earlier].superseded = True
            votes[(activity.id, item.author.id)] = index
    if fresh:
        _commit(db, items, activities, fresh, votes, outcomes, max_chars)
    _with_authors(db, [o[0] for o in outcomes if isinstance(o, tuple)])
    return outcomes  # type: ignore[return-value]  # every index is filled by now


def _with_authors(db: DbSession, rows: list[Contribution]) -> None:
    """Load each row's author (and the table a scribe speaks for) now, in one query: the
    sender's answer is built after this writer's session is gone, when a lazy load fails."""
    wanted = {row.participant_id for row in rows}
    if not wanted:
        return
    query = (
        select(Participant)
        .options(selectinload(Participant.scribe_table))
        .where(Participant.id.in_(wanted))
    )
    authors = {p.id: p for p in db.scalars(query)}
    for row in rows:
        set_committed_value(row, "participant", authors.get(row.participant_id))


def _commit(
    db: DbSession,
    items: Sequence[Item],
    activities: dict[int, Activity],
    fresh: dict[int, Contribution],
    votes: dict[tuple[int, int], int],
    outcomes: list[Outcome | None],
    max_chars: int,
) -> None:
    try:
        for activity_id, participant_id in votes:
            services.supersede_votes(db, activity_id, participant_id)
        db.add_all(fresh.values())
        db.commit()
    except IntegrityError:
        db.rollback()  # one item spoils the batch: each is saved on its own
        for index in fresh:
            outcomes[index] = _alone(db, items[index], activities, max_chars)
        return
    for index, row in fresh.items():
        outcomes[index] = (row, True)
        signals.contribution_added.send(
            row, session_id=row.activity.session_id, activity_id=row.activity_id
        )


def _alone(db: DbSession, item: Item, activities: dict[int, Activity], max_chars: int) -> Outcome:
    with use_locale(item.locale):
        try:
            activity = activities[item.submission.activity_id or 0]
            return services.submit(db, item.author, activity, item.submission, max_chars=max_chars)
        except DomainError as error:
            return error


@dataclass
class _Waiting:
    item: Item
    done: threading.Event = field(default_factory=threading.Event)
    outcome: Outcome | BaseException | None = None


class GroupCommit:
    """One writer for the live path: `submit` returns once its item is committed (or
    refused) together with whatever else arrived meanwhile. Under gevent `threading` is
    patched, so a sender waits cooperatively: the event loop serves other phones meanwhile."""

    def __init__(
        self,
        save: Callable[[list[Item]], list[Outcome]],
        *,
        runtime: jobs.Runtime,
        context: jobs.ContextFactory,
    ) -> None:
        self._save = save
        self._runtime = runtime
        self._context = context
        self._lock = threading.Lock()
        self._queue: list[_Waiting] = []
        self._writing = False

    def submit(self, author: Author, submission: Submission) -> Saved:
        waiting = _Waiting(Item(author, submission, current_locale()))
        with self._lock:
            self._queue.append(waiting)
            start, self._writing = not self._writing, True
        if start:
            self._runtime.spawn(self._write)
        waiting.done.wait()
        if isinstance(waiting.outcome, BaseException):
            raise waiting.outcome
        assert waiting.outcome is not None
        return waiting.outcome

    def _write(self) -> None:
        """Runs while anything waits; each round saves what arrived during the one before."""
        while True:
            self._runtime.sleep(0)  # let the senders woken last round queue their next items
            with self._lock:
                batch, self._queue = self._queue[:MAX_BATCH], self._queue[MAX_BATCH:]
                if not batch:
                    self._writing = False
                    return
            try:
                with self._context():
                    outcomes: list[Outcome | BaseException] = list(
                        self._save([waiting.item for waiting in batch])
                    )
            except Exception as error:  # its senders hear of it; the writer goes on
                log.error("saving %d contributions failed: %s", len(batch), jobs.describe(error))
                outcomes = [error] * len(batch)
            for waiting, outcome in zip(batch, outcomes, strict=True):
                waiting.outcome = outcome
                waiting.done.set()
