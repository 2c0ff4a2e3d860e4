"""Data life cycle: purge by age and deletion remove every row of a session, and say so."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from facilitator.core.db import utcnow
from facilitator.core.errors import SessionNotLive, ValidationError
from facilitator.processes.models import Process
from facilitator.processes.retention import (
    DeletionReport,
    delete_participant_data,
    delete_process,
    delete_session,
    parse_age_days,
    purge_older_than,
)
from facilitator.sessions.models import WorkshopSession
from facilitator.sessions.services import create_session, set_state
from tests.support.data_factory import audit_events, closed_session, fill_session, row_counts

NOW = utcnow()
CUTOFF = NOW - timedelta(days=180)


def _empty_counts() -> dict[str, int]:
    return dict.fromkeys(
        (
            "processes",
            "focus_areas",
            "workshop_sessions",
            "activities",
            "participants",
            "contributions",
            "endorsements",
            "clusters",
        ),
        0,
    )


def test_purge_removes_every_row_of_old_sessions_and_their_empty_processes(db, user) -> None:
    old = closed_session(
        db,
        user,
        title="Gammel",
        closed_at=NOW - timedelta(days=200),
        created_at=NOW - timedelta(days=400),
        people=4,
    )
    assert row_counts(db)["contributions"] == 4 and row_counts(db)["endorsements"] == 4

    report = purge_older_than(db, CUTOFF, actor="test")

    assert report == DeletionReport(processes=1, sessions=1, participants=4, contributions=4)
    assert row_counts(db) == _empty_counts()  # the database cascades reached every table
    [event] = audit_events(db)
    assert event.event == "purge" and event.actor == "test"
    assert "1 session, 4 deltagere, 4 bidrag" in event.detail
    assert old.title not in event.detail and "Bidrag nummer" not in event.detail


def test_dry_run_counts_but_deletes_nothing(db, user) -> None:
    closed_session(
        db, user, closed_at=NOW - timedelta(days=365), created_at=NOW - timedelta(days=400)
    )
    before = row_counts(db)
    report = purge_older_than(db, CUTOFF, dry_run=True)
    assert report.sessions == 1 and report.participants == 3 and report.processes == 1
    assert row_counts(db) == before
    assert not audit_events(db)


def test_purge_keeps_recent_open_and_draft_sessions_and_processes_still_in_use(db, user) -> None:
    recent = closed_session(
        db,
        user,
        title="Ny",
        closed_at=NOW - timedelta(days=10),
        created_at=NOW - timedelta(days=400),
    )
    old_in_same = closed_session(
        db, user, title="Gammel", closed_at=NOW - timedelta(days=300), process=recent.process
    )
    live = create_session(db, recent.process, title="Live", kind="workshop")
    set_state(db, live, "live")
    draft = create_session(db, recent.process, title="Kladde", kind="workshop")
    for session in (live, draft):
        session.created_at = NOW - timedelta(days=900)
    db.commit()
    old_id = old_in_same.id

    report = purge_older_than(db, CUTOFF)

    assert report == DeletionReport(sessions=1, participants=3, contributions=3)
    left = {s.title for s in db.query(WorkshopSession)}
    assert left == {"Ny", "Live", "Kladde"} and db.get(WorkshopSession, old_id) is None
    assert db.query(Process).count() == 1  # it still has sessions


def test_sessions_closed_before_closed_at_existed_count_from_date_or_creation(db, user) -> None:
    by_creation = closed_session(
        db,
        user,
        title="Oprettet for længe siden",
        closed_at=None,
        created_at=NOW - timedelta(days=400),
    )
    held_recently = closed_session(
        db, user, title="Holdt for nylig", closed_at=None, created_at=NOW - timedelta(days=400)
    )
    held_recently.date = date.today() - timedelta(days=20)  # planned long ago, held lately
    db.commit()
    kept = held_recently.id

    purge_older_than(db, CUTOFF)

    assert [s.id for s in db.query(WorkshopSession)] == [kept]
    assert by_creation.title not in {s.title for s in db.query(WorkshopSession)}


def test_closing_stamps_closed_at_and_reopening_clears_it(db, live_session) -> None:
    assert live_session.closed_at is None
    set_state(db, live_session, "closed")
    stamped = live_session.closed_at
    assert stamped is not None and abs(stamped - utcnow()) < timedelta(minutes=1)
    set_state(db, live_session, "closed")
    assert live_session.closed_at == stamped  # closing twice keeps the first time
    set_state(db, live_session, "live")
    assert live_session.closed_at is None


def test_delete_participant_data_keeps_the_agenda(db, user) -> None:
    session = closed_session(db, user, closed_at=NOW)
    agenda = [a.title for a in session.activities]

    report = delete_participant_data(db, session, user=user, address="10.0.0.1")

    assert report == DeletionReport(participants=3, contributions=3)
    counts = row_counts(db)
    assert counts["participants"] == counts["contributions"] == counts["endorsements"] == 0
    assert counts["clusters"] == 0  # themes are made of the contributions
    assert [a.title for a in db.get(WorkshopSession, session.id).activities] == agenda
    [event] = audit_events(db)
    assert (event.event, event.user_id, event.address) == ("delete", user.id, "10.0.0.1")
    assert event.detail == f"Deltagerdata i session {session.id}: 3 deltagere, 3 bidrag"


def test_delete_session_and_process(db, user) -> None:
    first = closed_session(db, user, title="Første", closed_at=NOW)
    second = create_session(db, first.process, title="Anden", kind="workshop", template="workshop")
    fill_session(db, second, people=2)
    process_id = first.process_id

    assert delete_session(db, second, user=user).participants == 2
    assert {s.title for s in db.query(WorkshopSession)} == {"Første"}
    report = delete_process(db, db.get(Process, process_id), user=user)
    assert report == DeletionReport(processes=1, sessions=1, participants=3, contributions=3)
    assert row_counts(db) == _empty_counts()
    assert [e.event for e in audit_events(db)] == ["delete", "delete"]


def test_nothing_is_deleted_under_a_live_session(db, live_session, user) -> None:
    fill_session(db, live_session)
    before = row_counts(db)
    for delete in (delete_session, delete_participant_data):
        with pytest.raises(SessionNotLive, match="Afslut sessionen"):
            delete(db, live_session, user=user)
    with pytest.raises(SessionNotLive):
        delete_process(db, live_session.process, user=user)
    assert row_counts(db) == before and not audit_events(db)


@pytest.mark.parametrize(("text", "days"), [("180d", 180), ("30", 30), (" 7D ", 7), ("0d", 0)])
def test_age_is_read_in_days(text: str, days: int) -> None:
    assert parse_age_days(text) == days


@pytest.mark.parametrize("text", ["", "d", "-5d", "6m", "1.5d", "180 dage"])
def test_unreadable_age_is_refused_in_danish(text: str) -> None:
    with pytest.raises(ValidationError, match="antal dage"):
        parse_age_days(text)


def test_age_beyond_the_calendar_is_refused() -> None:
    with pytest.raises(ValidationError, match="Højst 36500 dage"):
        parse_age_days("999999d")  # before year 1: no date to compare with


def test_report_describes_counts_in_danish() -> None:
    assert DeletionReport(1, 1, 1, 1).describe() == "1 forløb, 1 session, 1 deltager, 1 bidrag"
    assert DeletionReport(0, 2, 5, 9).describe() == "2 sessioner, 5 deltagere, 9 bidrag"
    assert DeletionReport().describe() == "intet"
    assert DeletionReport().empty and not DeletionReport(contributions=1).empty


def test_purge_deletes_a_consultation_round_whose_deadline_is_older_than_the_cutoff(
    db, user
) -> None:
    from facilitator.consultations import invitations
    from facilitator.consultations import services as rounds
    from facilitator.consultations.models import ConsultationRound, Invitation
    from facilitator.processes.services import create_process

    process = create_process(db, user, "Forløb")
    started = NOW - timedelta(days=300)

    def round_with_answer(title: str, deadline_days_ago: int) -> ConsultationRound:
        round_ = rounds.create_round(
            db,
            process,
            title=title,
            deadline=NOW - timedelta(days=deadline_days_ago),
            questions=[rounds.QuestionSpec("Hvad mener I?")],
            now=started,
        )
        [body] = invitations.invite(
            db, round_, [rounds.BodySpec("Socialudvalget", "X Kommune", "udvalg@x.dk")]
        )
        rounds.submit_answers(db, body, {round_.questions[0].id: "Mere samarbejde."}, now=started)
        return round_

    old = round_with_answer("Gammel høring", 200)
    recent = round_with_answer("Ny høring", 10)
    old_id = old.id

    report = purge_older_than(db, CUTOFF)

    assert report == DeletionReport(sessions=1, participants=1, contributions=1)
    assert db.get(ConsultationRound, old_id) is None
    assert [r.title for r in db.query(ConsultationRound)] == [recent.title]
    assert db.query(Invitation).count() == 1  # the old round's body and e-mail went with it
