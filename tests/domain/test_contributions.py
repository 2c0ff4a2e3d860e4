"""Joining and submitting: validation, idempotency, the last dilemma choice counts."""

from __future__ import annotations

import pytest

from facilitator.activities.services import close_activity, open_activity
from facilitator.contributions import results
from facilitator.contributions.models import Contribution, Participant
from facilitator.contributions.moderation import set_hidden
from facilitator.contributions.participants import Profile, hash_token, join
from facilitator.contributions.services import endorse, submit
from facilitator.contributions.validation import Submission
from facilitator.core.errors import ActivityClosed, ValidationError
from facilitator.core.signals import contribution_added


def _activity(session, kind):
    return next(a for a in session.activities if a.kind == kind)


def _join(db, session, token="telefon-1" * 4, group="politiker"):
    return join(db, session, token, Profile(group=group, organisation="Aalborg Kommune"))


def test_same_phone_token_keeps_the_same_participant(db, live_session) -> None:
    first = _join(db, live_session)
    again = join(db, live_session, "telefon-1" * 4, Profile(name="Mette", group="embedsperson"))
    assert again.id == first.id and again.name == "Mette"
    assert db.query(Participant).count() == 1
    assert first.token_hash == hash_token("telefon-1" * 4) != "telefon-1" * 4


def test_profile_validation(db, live_session) -> None:
    with pytest.raises(ValidationError, match="grupper"):
        join(db, live_session, "x" * 40, Profile(group="konge"))
    with pytest.raises(ValidationError, match="højst være 120"):
        join(db, live_session, "x" * 40, Profile(name="n" * 121))


def test_retry_with_same_client_id_returns_the_original_row(db, live_session) -> None:
    activity = _activity(live_session, "retningspil")
    open_activity(db, activity)
    person = _join(db, live_session)
    received = []
    with contribution_added.connected_to(lambda row, **kw: received.append(row.id)):
        row, created = submit(
            db, person, activity, Submission("klient-0001", "Vi skal turde fejle")
        )
        again, created_again = submit(db, person, activity, Submission("klient-0001", "andet"))
    assert created and not created_again and again.id == row.id and again.text == row.text
    assert db.query(Contribution).count() == 1
    assert received == [row.id]  # broadcast once


def test_text_rules_in_danish(db, live_session) -> None:
    activity = _activity(live_session, "retningspil")
    open_activity(db, activity)
    person = _join(db, live_session)
    with pytest.raises(ValidationError, match="Skriv noget"):
        submit(db, person, activity, Submission("klient-0002", " \n\t "))
    with pytest.raises(ValidationError, match="281 tegn.*højst 280"):
        submit(db, person, activity, Submission("klient-0003", "x" * 281))
    with pytest.raises(ValidationError, match="gyldigt id"):
        submit(db, person, activity, Submission("kort", "Vi skal"))
    row, _ = submit(db, person, activity, Submission("klient-0004", "  Vi skal\x00 lytte\x07 "))
    assert row.text == "Vi skal lytte"
    assert db.query(Contribution).count() == 1


def test_closed_activity_refuses_new_but_acknowledges_retries(db, live_session) -> None:
    activity = _activity(live_session, "retningspil")
    open_activity(db, activity)
    person = _join(db, live_session)
    row, _ = submit(db, person, activity, Submission("klient-0005", "Vi skal stå sammen"))
    close_activity(db, activity)
    with pytest.raises(ActivityClosed, match="lukket"):
        submit(db, person, activity, Submission("klient-0006", "For sent"))
    retry = Submission("klient-0005", "Vi skal stå sammen")
    assert submit(db, person, activity, retry)[0].id == row.id


def test_dilemma_last_choice_counts_and_groups_under_three_are_suppressed(db, live_session) -> None:
    dilemma = _activity(live_session, "dilemma")
    open_activity(db, dilemma)
    politicians = [_join(db, live_session, f"pol-{i}" * 8, "politiker") for i in range(3)]
    user_rep = _join(db, live_session, "bruger" * 8, "brugerorganisation")
    for i, person in enumerate(politicians):
        submit(db, person, dilemma, Submission(f"valg-{i}-aaaa", "fordi", side=0))
    submit(db, politicians[0], dilemma, Submission("valg-0-bbbb", "skiftet", side=1))
    submit(db, user_rep, dilemma, Submission("valg-x-aaaa", side=1))
    result = results.dilemma_result(db, dilemma)
    assert [s.count for s in result.sides] == [2, 2] and result.total == 4
    # one person is never shown: not alone, and not by subtracting the politicians from the
    # totals, so the politicians are added up with them (facilitator.contributions.privacy)
    # nothing published yet (contributions.privacy.Decision): no group row, the lone user
    # representative is never shown
    assert result.groups.shown == {} and result.groups.others in (None, [2, 2])
    with pytest.raises(ValidationError, match="Vælg en af siderne"):
        submit(db, user_rep, dilemma, Submission("valg-y-aaaa", side=7))


def test_dilemma_reason_can_be_required(db, live_session) -> None:
    dilemma = _activity(live_session, "dilemma")
    dilemma.settings = {**dilemma.settings, "reason_required": True}
    open_activity(db, dilemma)
    with pytest.raises(ValidationError, match="begrundelse"):
        submit(db, _join(db, live_session), dilemma, Submission("valg-z-aaaa", " ", side=0))


def test_topic_votes_ranked_and_bounded(db, live_session) -> None:
    vote = _activity(live_session, "topic_vote")
    open_activity(db, vote)
    people = [_join(db, live_session, f"p{i}" * 10) for i in range(3)]
    submit(db, people[0], vote, Submission("stem-0-aaaa", choices=[2, 1]))
    submit(db, people[1], vote, Submission("stem-1-aaaa", choices=[2]))
    submit(db, people[2], vote, Submission("stem-2-aaaa", choices=[0]))
    submit(db, people[2], vote, Submission("stem-2-bbbb", choices=[2, 2]))  # changed mind
    ranking, voters = results.topic_ranking(db, vote)
    assert voters == 3
    assert ranking[0] == ("Meningsfulde fællesskaber for alle", 3)
    assert ranking[1] == ("Fælles om det enkelte menneske i centrum", 1)
    with pytest.raises(ValidationError, match="højst vælge 2"):
        submit(db, people[0], vote, Submission("stem-0-cccc", choices=[0, 1, 2]))
    with pytest.raises(ValidationError, match="mindst ét"):
        submit(db, people[0], vote, Submission("stem-0-dddd", choices=[]))


def test_hidden_contributions_leave_results_and_endorsements_count_once(db, live_session) -> None:
    activity = _activity(live_session, "retningspil")
    open_activity(db, activity)
    author, fan = _join(db, live_session), _join(db, live_session, "fan" * 12)
    row, _ = submit(db, author, activity, Submission("klient-0007", "Vi skal lytte"))
    assert endorse(db, fan, row) is True
    assert endorse(db, fan, row) is False
    assert results.activity_results(db, activity)["contributions"][0]["endorsements"] == 1
    set_hidden(db, row, True)
    assert results.activity_results(db, activity)["contributions"] == []
