"""Pre-moderation and the word filter (contributions/screening.py): what waits is saved and
answered, seen by nobody but the facilitator, and appears only when approved; nothing is lost."""

from __future__ import annotations

import pytest

from facilitator.contributions import results, screening, wordfilter
from facilitator.contributions.group_commit import Item, save_all
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.services import edit, submit
from facilitator.contributions.validation import Submission
from tests.support.clients import open_kind as _activity


@pytest.fixture
def person(db, live_session):  # noqa: ANN001, ANN201
    return join(db, live_session, "held" * 10, Profile(group="politiker"))


def test_a_premoderated_statement_waits_until_approved(db, live_session, person) -> None:
    activity = _activity(db, live_session, "retningspil", premoderated=True)
    row, created = submit(db, person, activity, Submission("held-0001", "Mere mod til at fejle"))
    assert created and row.id and row.held and row.hidden and row.held_word == ""
    assert results.statements(db, activity) == []  # neither the wall nor the phones' list
    again, created = submit(db, person, activity, Submission("held-0001", "Mere mod til at fejle"))
    assert again.id == row.id and not created  # a retry is answered with the same row
    assert screening.approve(db, [row]) == 1
    assert not row.held and not row.hidden
    assert [s["text"] for s in results.statements(db, activity)] == ["Mere mod til at fejle"]


def test_a_filtered_word_holds_even_without_premoderation(db, live_session, person) -> None:
    activity = _activity(db, live_session, "retningspil")
    clean, _ = submit(db, person, activity, Submission("held-0002", "Flere hænder i plejen"))
    rude, _ = submit(db, person, activity, Submission("held-0003", "Borgmesteren er en 1diot"))
    assert not clean.held and rude.held and rude.hidden and rude.held_word == "idiot"
    assert screening.reject(db, [rude]) == 1
    assert rude.hidden and not rude.held  # among the hidden: the console can show it again
    assert [s["text"] for s in results.statements(db, activity)] == ["Flere hænder i plejen"]


def test_a_correction_is_judged_like_a_new_statement(db, live_session, person) -> None:
    activity = _activity(db, live_session, "open_question", premoderated=True)
    row, _ = submit(db, person, activity, Submission("held-0004", "Gode busser"))
    screening.approve(db, [row])
    edit(db, person, row.id, "Gode busser, ikke lort")  # approved once is not approved forever
    assert row.held and row.hidden and row.held_word == "lort"
    assert results.statements(db, activity) == []


def test_a_dilemma_counts_the_choice_while_the_reason_waits(db, live_session, person) -> None:
    activity = _activity(db, live_session, "dilemma")
    row, _ = submit(db, person, activity, Submission("held-0005", "Pis og papir", side=0))
    assert row.held and not row.hidden
    data = results.activity_results(db, activity)
    assert data["total"] == 1 and data["reasons"] == []
    screening.approve(db, [row])
    assert [r["text"] for r in results.activity_results(db, activity)["reasons"]] == [
        "Pis og papir"
    ]


def test_the_room_path_holds_too(db, live_session, person) -> None:
    activity = _activity(db, live_session, "retningspil", premoderated=True)
    submission = Submission("held-0006", text="Hurtigere svar", activity_id=activity.id)
    (outcome,) = save_all(db, [Item(person, submission, "da")], max_chars=500)
    row, created = outcome
    assert created and row.held and row.hidden


def test_the_organisations_list_replaces_the_default(db, live_session, person) -> None:
    activity = _activity(db, live_session, "retningspil")
    wordfilter.save_list(db, "busser*\n")
    row, _ = submit(db, person, activity, Submission("held-0007", "Flere busser"))
    rude, _ = submit(db, person, activity, Submission("held-0008", "Sikke noget lort"))
    assert row.held and row.held_word == "busser" and not rude.held
    wordfilter.save_list(db, None)  # back to the default list
    assert wordfilter.saved_list(db) is None
    assert wordfilter.active_filter(db).match("lort") == "lort"


def test_a_filtered_word_stays_off_the_cloud_until_approved(db, live_session, person) -> None:
    activity = _activity(db, live_session, "wordcloud")
    submission = Submission("held-0009", words=["håb", "lort", "mod"])
    row, _ = submit(db, person, activity, submission)
    assert row.held and row.hidden and row.held_word == "lort"
    assert results.activity_results(db, activity)["words"] == []
    screening.approve(db, [row])
    cloud = results.activity_results(db, activity)
    assert cloud["voters"] == 1 and "lort" in [w["text"] for w in cloud["words"]]
