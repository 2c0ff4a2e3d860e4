"""Processes, sessions, templates and the agenda, without HTTP."""

from __future__ import annotations

import pytest

from facilitator.accounts.services import authenticate, create_user
from facilitator.activities import services as activities
from facilitator.core.errors import NotFound, ValidationError
from facilitator.processes.services import (
    DEFAULT_ORGANISATIONS,
    create_process,
    get_process_for,
    processes_for,
    update_process,
)
from facilitator.sessions import services as sessions
from facilitator.sessions.services import JOIN_ALPHABET


def test_passwords_are_hashed_and_checked(db) -> None:
    user = create_user(db, " Anne@Kommune.DK ", "en-lang-adgangskode")
    assert user.email == "anne@kommune.dk"
    assert "en-lang-adgangskode" not in user.password_hash
    assert authenticate(db, "anne@kommune.dk", "en-lang-adgangskode") is user
    assert authenticate(db, "anne@kommune.dk", "forkert-adgangskode") is None


def test_duplicate_user_and_short_password_refused_in_danish(db, user) -> None:
    with pytest.raises(ValidationError, match="findes allerede"):
        create_user(db, "anne@kommune.dk", "en-anden-lang-kode")
    with pytest.raises(ValidationError, match="mindst 10 tegn"):
        create_user(db, "ny@kommune.dk", "kort")


def test_process_defaults_to_the_nordjylland_parties(db, user) -> None:
    process = create_process(
        db, user, "  Nordjysk   Socialaftale ", focus_areas=["A", "B", "A", " "]
    )
    assert process.title == "Nordjysk Socialaftale"
    assert len(process.organisations) == 12 and "Region Nordjylland" in process.organisations
    assert [a.name for a in process.focus_areas] == ["A", "B"]
    assert tuple(process.organisations) == DEFAULT_ORGANISATIONS


def test_update_keeps_focus_area_rows_for_unchanged_names(db, user) -> None:
    process = create_process(db, user, "Forløb", focus_areas=["Psykiatri", "Ældre"])
    kept_id = process.focus_areas[1].id
    update_process(
        db,
        process,
        title="Forløb",
        description="",
        focus_areas=["Ældre", "Data"],
        organisations=["Aalborg Kommune"],
    )
    assert [a.name for a in process.focus_areas] == ["Ældre", "Data"]
    assert process.focus_areas[0].id == kept_id
    assert process.organisations == ["Aalborg Kommune"]


def test_facilitators_see_only_their_own_processes(db, user, other_user) -> None:
    mine = create_process(db, user, "Mit forløb")
    create_process(db, other_user, "Andres forløb")
    assert [p.title for p in processes_for(db, user)] == ["Mit forløb"]
    with pytest.raises(NotFound):
        get_process_for(db, other_user, mine.id)
    other_user.is_admin = True
    assert get_process_for(db, other_user, mine.id) is mine


def test_visionsdag_template_prefills_a_realistic_agenda(db, live_session) -> None:
    kinds = [a.kind for a in live_session.activities]
    # a check-in first: every phone works before the first real question
    assert kinds[:5] == ["wordcloud", "topic_vote", "retningspil", "dilemma", "dilemma"]
    initiatives = [a for a in live_session.activities if a.kind == "initiative"]
    assert [a.focus_area.name for a in initiatives] == [
        "Fokus på psykiatrien",
        "Fokus på borgere der bliver ældre",
    ]
    assert [a.position for a in live_session.activities] == list(range(len(kinds)))
    assert live_session.activities[3].sides[0]["label"] == "Tryghed"


def test_join_codes_are_six_unambiguous_characters(db, live_session) -> None:
    code = live_session.join_code
    assert len(code) == 6 and set(code) <= set(JOIN_ALPHABET)
    assert not set("0O1IL") & set(JOIN_ALPHABET)
    assert sessions.find_by_join_code(db, code.lower()[:3] + " " + code.lower()[3:]) is live_session


def test_unknown_draft_and_closed_codes_get_one_neutral_answer(db, user, live_session) -> None:
    answers = []
    for state in ("live", "draft", "closed"):
        sessions.set_state(db, live_session, state)
        for code in ("ZZZZZZ", "Z" * 500, live_session.join_code):
            if state == "live" and code == live_session.join_code:
                continue
            with pytest.raises(NotFound) as refused:
                sessions.find_by_join_code(db, code)
            answers.append(refused.value.message)
    assert set(answers) == {sessions.CODE_NOT_OPEN}
    assert live_session.title not in sessions.CODE_NOT_OPEN


def test_a_passcode_is_compared_without_case_or_spacing(db, live_session) -> None:
    assert sessions.passcode_matches(live_session, None)  # none set: anyone may join
    sessions.update_session(
        db,
        live_session,
        title=live_session.title,
        kind=live_session.kind,
        date=None,
        venue="",
        description="",
        passcode="  Rød  Bil ",
    )
    assert live_session.passcode == "Rød Bil"
    assert sessions.passcode_matches(live_session, "rød bil")
    assert sessions.passcode_matches(live_session, " RØD   BIL")
    assert not sessions.passcode_matches(live_session, "rød")
    assert not sessions.passcode_matches(live_session, None)
    with pytest.raises(ValidationError):
        sessions.update_session(
            db,
            live_session,
            title=live_session.title,
            kind=live_session.kind,
            date=None,
            venue="",
            description="",
            passcode="x" * 21,
        )


def test_agenda_add_move_delete(db, live_session) -> None:
    count = len(live_session.activities)
    added = activities.add_activity(
        db, live_session, kind="open_question", title="Til sidst", prompt="Hvad tager du med hjem?"
    )
    assert added.position == count
    activities.move_activity(db, added, -1)
    assert live_session.activities[count - 1] is added
    activities.move_activity(db, live_session.activities[0], -1)  # already first: stays
    activities.delete_activity(db, added)
    assert len(live_session.activities) == count
    assert [a.position for a in live_session.activities] == list(range(count))


def test_dilemma_needs_two_to_four_distinct_sides() -> None:
    with pytest.raises(ValidationError, match="2-4 sider"):
        activities.dilemma_settings([("Kun én", ""), ("", "")], False)
    with pytest.raises(ValidationError, match="samme titel"):
        activities.dilemma_settings([("Ja", ""), ("ja", "")], False)
    settings = activities.dilemma_settings([(" Ja ", "for"), ("Nej", "imod"), ("", "")], True)
    assert settings == {
        "sides": [{"label": "Ja", "description": "for"}, {"label": "Nej", "description": "imod"}],
        "reason_required": True,
    }


def test_topic_vote_bounds() -> None:
    with pytest.raises(ValidationError, match="emner"):
        activities.topic_vote_settings(["Kun ét"], 1)
    with pytest.raises(ValidationError, match="mellem 1 og 2"):
        activities.topic_vote_settings(["A", "B"], 3)
    assert activities.topic_vote_settings(["A", "B", "A"], 2) == {
        "topics": ["A", "B"],
        "max_choices": 2,
    }


def test_opening_an_activity_closes_the_open_one(db, live_session) -> None:
    first, second = live_session.activities[:2]
    activities.open_activity(db, first)
    activities.open_activity(db, second)
    assert (first.state, second.state) == ("closed", "open")
    assert live_session.open_activity is second
    sessions.set_state(db, live_session, "closed")
    assert second.state == "closed"
