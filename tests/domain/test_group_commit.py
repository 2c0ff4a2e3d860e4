"""Group commit: many submissions in one transaction, each judged as if it came alone."""

from __future__ import annotations

import threading

from facilitator.activities.services import close_activity, open_activity
from facilitator.contributions.group_commit import GroupCommit, Item, save_all
from facilitator.contributions.models import Contribution
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.services import submit
from facilitator.contributions.validation import Submission
from facilitator.core import jobs, signals
from facilitator.core.errors import ActivityClosed, NotFound, ValidationError


def _people(db, session, n):  # noqa: ANN001, ANN202
    return [join(db, session, f"gruppe{i:02d}" * 4, Profile(group="politiker")) for i in range(n)]


def _kind(session, kind):  # noqa: ANN001, ANN202
    return next(a for a in session.activities if a.kind == kind)


def test_a_batch_is_judged_item_by_item(db, live_session) -> None:
    text = _kind(live_session, "retningspil")
    open_activity(db, text)
    anna, bo, carl = _people(db, live_session, 3)
    added = []
    with signals.contribution_added.connected_to(lambda row, **_: added.append(row.client_id)):
        outcomes = save_all(
            db,
            [
                Item(anna, Submission("batch-0001", text="Mere mod", activity_id=text.id), "da"),
                Item(bo, Submission("batch-0002", text="   ", activity_id=text.id), "da"),
                Item(carl, Submission("batch-0003", text="Mere tid", activity_id=text.id), "en"),
                Item(carl, Submission("batch-0004", text="x", activity_id=999_999), "da"),
            ],
            max_chars=280,
        )
    assert [type(o).__name__ for o in outcomes] == ["tuple", "ValidationError", "tuple", "NotFound"]
    assert outcomes[0][1] is True and outcomes[0][0].text == "Mere mod"
    assert isinstance(outcomes[1], ValidationError) and "Skriv noget" in outcomes[1].message
    assert isinstance(outcomes[3], NotFound)
    assert sorted(added) == ["batch-0001", "batch-0003"]  # told once, after the commit
    assert db.query(Contribution).count() == 2


def test_a_refusal_is_worded_in_its_senders_language(db, live_session) -> None:
    text = _kind(live_session, "retningspil")
    open_activity(db, text)
    (anna,) = _people(db, live_session, 1)
    (outcome,) = save_all(
        db, [Item(anna, Submission("lang-0001", text="", activity_id=text.id), "en")], max_chars=280
    )
    assert isinstance(outcome, ValidationError) and "Write something" in outcome.message


def test_a_resend_in_the_same_batch_is_saved_once(db, live_session) -> None:
    text = _kind(live_session, "retningspil")
    open_activity(db, text)
    anna, bo = _people(db, live_session, 2)
    first = Submission("twice-0001", text="Samme bidrag", activity_id=text.id)
    outcomes = save_all(
        db,
        [
            Item(anna, first, "da"),
            Item(anna, first, "da"),
            Item(bo, Submission("once-0001", text="Andet", activity_id=text.id), "da"),
        ],
        max_chars=280,
    )
    (row, created), (again, created_again), (other, _) = outcomes
    assert created and not created_again and again.id == row.id
    assert other.text == "Andet"
    assert db.query(Contribution).count() == 2


def test_the_last_vote_in_a_batch_counts(db, live_session) -> None:
    vote = _kind(live_session, "dilemma")
    open_activity(db, vote)
    (anna,) = _people(db, live_session, 1)
    submit(db, anna, vote, Submission("vote-0000", side=1, activity_id=vote.id))
    save_all(
        db,
        [
            Item(anna, Submission(f"vote-000{n}", side=n % 2, activity_id=vote.id), "da")
            for n in (1, 2, 3)
        ],
        max_chars=280,
    )
    counted = db.query(Contribution).filter_by(superseded=False).all()
    assert [c.client_id for c in counted] == ["vote-0003"]
    assert db.query(Contribution).count() == 4


def test_a_closed_activity_still_answers_a_resend(db, live_session) -> None:
    text = _kind(live_session, "retningspil")
    open_activity(db, text)
    (anna,) = _people(db, live_session, 1)
    sent = Submission("late-0001", text="Nåede det", activity_id=text.id)
    ((original, _),) = save_all(db, [Item(anna, sent, "da")], max_chars=280)
    close_activity(db, text)
    again, new = save_all(
        db,
        [
            Item(anna, sent, "da"),
            Item(anna, Submission("late-0002", text="For sent", activity_id=text.id), "da"),
        ],
        max_chars=280,
    )
    assert again == (original, False) or (again[0].id == original.id and again[1] is False)
    assert isinstance(new, ActivityClosed)


def test_the_writer_commits_what_waits_together(app, db, live_session) -> None:
    """Senders on several threads: each gets its own outcome, and what queued while a batch
    was being saved goes into the next one together."""
    from facilitator.live.background import app_context

    text = _kind(live_session, "retningspil")
    open_activity(db, text)
    people = _people(db, live_session, 8)
    batches: list[int] = []
    gate = threading.Event()

    def save(items):  # noqa: ANN001, ANN202
        batches.append(len(items))
        gate.wait(5)  # the first batch is slow: everybody else queues behind it
        return save_all(db, items, max_chars=280)

    writer = GroupCommit(save, runtime=jobs.THREADS, context=app_context(app))
    results: dict[int, tuple] = {}

    def send(n: int) -> None:
        submission = Submission(f"thread-{n:04d}", text=f"Bidrag {n}", activity_id=text.id)
        results[n] = writer.submit(people[n], submission)

    threads = [threading.Thread(target=send, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for _ in range(500):
        if sum(batches) + len(writer._queue) == 8:
            break
        threading.Event().wait(0.01)
    gate.set()
    for thread in threads:
        thread.join(10)
    assert sorted(r[0].text for r in results.values()) == sorted(f"Bidrag {n}" for n in range(8))
    assert all(created for _, created in results.values())
    assert sum(batches) == 8 and len(batches) <= 2  # the seven waiting went in together


def test_the_answer_is_built_after_the_writers_session_is_gone(db, live_session) -> None:
    """The socket's answer reads the row (and a scribe's table) after the writer's session
    closed: nothing in it may need a lazy load then."""
    from facilitator.live.payloads import contribution_payload

    dilemma = _kind(live_session, "dilemma")
    open_activity(db, dilemma)
    (anna,) = _people(db, live_session, 1)
    submission = Submission("after-0001", text="Tove bestemmer", side=0, activity_id=dilemma.id)
    ((row, created),) = save_all(db, [Item(anna, submission, "da")], max_chars=280)
    db.expunge_all()  # as when the writer's context ends
    assert created and contribution_payload(row)["table"] is None
