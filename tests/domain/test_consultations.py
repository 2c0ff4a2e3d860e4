"""The consultation services' rules: unguessable links, deadlines, one answer per body, and a
draft that outlives the deadline."""

from __future__ import annotations

import base64
from datetime import date, datetime, timedelta

import pytest

from facilitator.consultations import invitations
from facilitator.consultations import services as rounds
from facilitator.consultations.answers import ANSWER_MAX_CHARS
from facilitator.contributions.models import Contribution
from facilitator.core.errors import NotFound, ValidationError
from facilitator.processes.services import create_process

DEADLINE = rounds.deadline_from_local(date(2099, 1, 20))


@pytest.fixture
def round_(db, user):
    process = create_process(db, user, "Nordjysk Socialaftale", organisations=["Aalborg Kommune"])
    round_ = rounds.create_round(
        db, process, title="Input", deadline=DEADLINE, questions=rounds.template_questions()[:2]
    )
    invitations.invite(db, round_, rounds.suggested_bodies(process))
    return round_


def test_each_link_carries_at_least_128_random_bits(round_) -> None:
    tokens = {i.token for i in round_.invitations}
    assert len(tokens) == len(round_.invitations) == 2
    for token in tokens:
        assert len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) * 8 >= 128


@pytest.mark.parametrize("token", ["", "x" * 43, "ikke et token", "a" * 200, None])
def test_unknown_token_is_one_clear_refusal(db, round_, token) -> None:
    with pytest.raises(NotFound, match="Linket er ukendt"):
        invitations.invitation_for_token(db, token)


def test_deadline_in_the_past_is_refused(db, round_) -> None:
    with pytest.raises(ValidationError, match="Fristen ligger i fortiden"):
        rounds.create_round(
            db,
            round_.process,
            title="Gammel",
            questions=round_.questions,
            deadline=datetime(2020, 1, 20),
        )
    with pytest.raises(ValidationError, match="Fristen ligger i fortiden"):
        rounds.update_round(db, round_, title="Input", intro="", deadline=datetime(2020, 1, 1))


def test_a_body_is_invited_once(db, round_) -> None:
    with pytest.raises(ValidationError, match="(?i)socialudvalget, aalborg kommune er allerede"):
        invitations.invite(db, round_, [rounds.BodySpec("socialudvalget", "aalborg kommune")])


def test_oversized_answer_is_refused_and_the_draft_kept(db, round_) -> None:
    invitation, question = round_.invitations[0], round_.questions[0]
    rounds.save_draft(db, invitation, {question.id: "Første udkast"})
    with pytest.raises(ValidationError, match="der er plads til"):
        rounds.save_draft(db, invitation, {question.id: "x" * (ANSWER_MAX_CHARS + 1)})
    db.expire_all()
    assert rounds.drafts(invitation) == {question.id: "Første udkast"}


def test_answering_twice_keeps_the_first_answer(db, round_) -> None:
    invitation, question = round_.invitations[0], round_.questions[0]
    assert rounds.submit_answers(db, invitation, {question.id: "- Et\n- To"})
    assert rounds.submit_answers(db, invitation, {question.id: "- Et\n- To"}) is False  # retry
    with pytest.raises(ValidationError, match="kan ikke ændres"):
        rounds.submit_answers(db, invitation, {question.id: "Noget helt andet"})
    texts = [c.text for c in db.query(Contribution).filter_by(activity_id=question.activity_id)]
    assert sorted(texts) == ["Et", "To"]


def test_draft_is_kept_and_readable_after_the_deadline(db, round_) -> None:
    invitation, question = round_.invitations[0], round_.questions[0]
    rounds.save_draft(db, invitation, {question.id: "Vores kladde"})
    later = round_.deadline + timedelta(minutes=1)
    with pytest.raises(ValidationError, match="Jeres kladde er gemt"):
        rounds.submit_answers(db, invitation, {question.id: "Vores kladde"}, now=later)
    with pytest.raises(ValidationError, match="Fristen for denne høring udløb"):
        rounds.save_draft(db, invitation, {question.id: "Ændret"}, now=later)
    db.expire_all()
    assert rounds.drafts(invitation) == {question.id: "Vores kladde"}
    assert invitation.submitted_at is None
