"""A double click on "Indsend svar" (issue 21, part 3): simultaneous submissions of one body
count once and none fails, on SQLite and on PostgreSQL (FACILITATOR_TEST_DATABASE_URL)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from facilitator.consultations import invitations
from facilitator.consultations import services as rounds
from facilitator.consultations.models import Answer, Invitation
from facilitator.contributions.models import Contribution, Participant
from facilitator.extensions import db as flask_db
from facilitator.processes.services import create_process

CLICKS = 10


@pytest.fixture
def invitation(db, user) -> Invitation:
    process = create_process(db, user, "Nordjysk Socialaftale")
    round_ = rounds.create_round(
        db,
        process,
        title="Input",
        deadline=rounds.deadline_from_local(date(2099, 1, 20)),
        questions=[
            rounds.QuestionSpec("Hvad ønskes ændret?"),
            rounds.QuestionSpec("Hvilken retning?"),
        ],
    )
    (invitation,) = invitations.invite(db, round_, [rounds.BodySpec("Socialudvalget", "Aalborg")])
    return invitation


def _at_once(app, invitation_id: int, act: Callable[[Session, Invitation], object]) -> list:
    """Run `act` in CLICKS threads, each with its own connection, released together; the
    outcome (a result or the exception) of each."""
    start = threading.Barrier(CLICKS)
    outcomes: list = [None] * CLICKS

    def click(i: int) -> None:
        with app.app_context(), Session(flask_db.engine) as db:
            invitation = db.get(Invitation, invitation_id)
            start.wait()
            try:
                outcomes[i] = act(db, invitation)
            except Exception as error:  # noqa: BLE001 - what the body would have seen as a 500
                outcomes[i] = error

    threads = [threading.Thread(target=click, args=(i,)) for i in range(CLICKS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_simultaneous_submits_count_once(app, db, invitation) -> None:
    first, second = (q.id for q in invitation.round.questions)
    texts = {first: "- Mere samarbejde\n- Færre skemaer", second: "En fælles retning"}
    outcomes = _at_once(app, invitation.id, lambda db, inv: rounds.submit_answers(db, inv, texts))
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert sorted(outcomes) == [False] * (CLICKS - 1) + [True]
    db.expire_all()
    assert invitation.submitted_at is not None
    assert (
        db.scalar(
            select(func.count(Participant.id)).where(
                Participant.session_id == invitation.round.session_id
            )
        )
        == 1
    )
    assert sorted(
        db.scalars(
            select(Contribution.text)
            .join(Participant)
            .where(Participant.session_id == invitation.round.session_id)
        )
    ) == ["En fælles retning", "Færre skemaer", "Mere samarbejde"]


def test_simultaneous_first_drafts_are_all_kept(app, db, invitation) -> None:
    first = invitation.round.questions[0].id
    outcomes = _at_once(
        app, invitation.id, lambda db, inv: rounds.save_draft(db, inv, {first: "Et udkast"})
    )
    assert [o for o in outcomes if isinstance(o, Exception)] == []
    assert all(o == {first: "Et udkast"} for o in outcomes)
    assert (
        db.scalar(select(func.count(Answer.id)).where(Answer.invitation_id == invitation.id)) == 1
    )


def test_a_different_second_answer_is_still_refused(db, invitation) -> None:
    first = invitation.round.questions[0].id
    assert rounds.submit_answers(db, invitation, {first: "Svaret"}) is True
    assert rounds.submit_answers(db, invitation, {first: "Svaret"}) is False
    with pytest.raises(rounds.ValidationError, match="kan ikke ændres"):
        rounds.submit_answers(db, invitation, {first: "Et andet svar"})
