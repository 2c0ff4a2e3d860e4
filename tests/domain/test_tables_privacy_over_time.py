"""A person's statement is under their table in every view or in none (contributions.privacy,
"Over time"; facilitator/tables/grouping.py). Each test publishes a by-table view, changes
what a phone can change (a late joiner at a small table, a new table, a switch of table,
a scribe card) and views again: nothing moves between a table and "Øvrige borde"."""

from __future__ import annotations

import pytest

from facilitator.activities import services as activities
from facilitator.contributions import results
from facilitator.contributions.models import Participant
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.privacy import Decision
from facilitator.core.errors import ValidationError
from facilitator.export.services import export_session_file
from facilitator.tables import services as tables
from facilitator.tables.grouping import by_table
from tests.support.tables import say, text_activity

KEY = b"test-key"
OTHERS = "Øvrige borde"


def _person(db, session, number: str, name: str) -> Participant:  # noqa: ANN001
    return join(db, session, f"token-{name}", Profile(table_number=number))


def _view(db, activity, publish: bool | None = None) -> dict[str, list[str]]:  # noqa: ANN001
    return {
        g.label: [s["text"] for s in g.statements] for g in by_table(db, activity, publish=publish)
    }


@pytest.fixture
def room(db, live_session):  # noqa: ANN001, ANN201
    """Tables 1 (two people), 2 and 3 (three each): table 1 is hidden, and table 2 with it
    (complementary suppression: two hidden people alone would be told apart)."""
    tables.set_tables(db, live_session, "1\n2\n3")
    people = {
        number: [_person(db, live_session, str(number), f"{number}-{i}") for i in range(size)]
        for number, size in ((1, 2), (2, 3), (3, 3))
    }
    return live_session, people


def test_a_small_table_that_grows_stays_under_the_other_tables(db, room) -> None:  # noqa: ANN001
    session, people = room
    activity = text_activity(db, session)
    say(db, activity, people[1][0], "Fra det lille bord")
    say(db, activity, people[2][0], "Fra bord to")
    say(db, activity, people[3][0], "Fra bord tre")
    before = _view(db, activity)
    assert before == {
        "Bord 3": ["Fra bord tre"],
        OTHERS: ["Fra det lille bord", "Fra bord to"],
    }
    # A third person sits down at table 1: every table now has 3. Judged alone, the view
    # could tag both statements; compared with the one before it would tell who wrote what.
    late = _person(db, session, "1", "1-late")
    say(db, activity, late, "Kom sent")
    after = _view(db, activity)
    assert after == {
        "Bord 3": ["Fra bord tre"],
        OTHERS: ["Fra det lille bord", "Fra bord to", "Kom sent"],
    }
    assert results.decision(activity).tables == frozenset({3})


def test_a_table_added_later_stays_unlabelled(db, live_session) -> None:  # noqa: ANN001
    tables.set_tables(db, live_session, "1")
    first = [_person(db, live_session, "1", f"a{i}") for i in range(3)]
    elsewhere = [_person(db, live_session, "", f"x{i}") for i in range(3)]
    activity = text_activity(db, live_session)
    say(db, activity, first[0], "Bord et mener")
    say(db, activity, elsewhere[0], "Uden bord")
    assert _view(db, activity) == {"Bord 1": ["Bord et mener"], OTHERS: ["Uden bord"]}
    # The facilitator adds table 2 and three people sit there: it appeared after the decision.
    tables.set_tables(db, live_session, "1\n2")
    second = [_person(db, live_session, "2", f"b{i}") for i in range(3)]
    say(db, activity, second[0], "Bord to mener")
    assert _view(db, activity) == {
        "Bord 1": ["Bord et mener"],
        OTHERS: ["Uden bord", "Bord to mener"],
    }
    # Another activity decides afresh, from the room as it is then.
    fresh = text_activity(db, live_session)
    say(db, fresh, second[1], "Nu er vi tre")
    assert _view(db, fresh) == {"Bord 2": ["Nu er vi tre"]}


def test_changing_table_after_contributing_is_refused(db, room) -> None:  # noqa: ANN001
    session, people = room
    activity = text_activity(db, session)
    mover = people[3][0]
    say(db, activity, mover, "Jeg sidder ved bord tre")
    before = _view(db, activity)
    with pytest.raises(ValidationError, match="bordnummer kan ikke ændres"):
        join(db, session, "token-3-0", Profile(table_number="1"))
    with pytest.raises(ValidationError, match="bordnummer kan ikke ændres"):
        join(db, session, "token-3-0", Profile(table_number=""))
    # The name may still change; the statement stays where it was.
    join(db, session, "token-3-0", Profile(name="Kim", table_number="3"))
    assert _view(db, activity) == before
    # Someone who has not contributed may still move.
    quiet = people[2][2]
    join(db, session, "token-2-2", Profile(table_number="3"))
    db.refresh(quiet)
    assert quiet.table_number == "3"


def test_a_phone_that_spoke_cannot_become_a_tables_scribe(db, room) -> None:  # noqa: ANN001
    session, people = room
    table = tables.find_table(db, session.id, 1)
    activity = text_activity(db, session)
    say(db, activity, people[1][0], "Alene her")
    before = _view(db, activity)
    secret = tables.scribe_secret(table, KEY)
    # Its statement, now in "Øvrige borde", would become "Bord 1"'s.
    with pytest.raises(ValidationError, match="kan ikke blive bordets skriver"):
        tables.join_as_scribe(db, session, "token-1-0", 1, secret, KEY)
    assert _view(db, activity) == before
    scribe = tables.join_as_scribe(db, session, "fresh-phone", 1, secret, KEY)
    say(db, activity, scribe, "Bordet mener")
    # The same scribe may scan its card again after speaking.
    assert tables.join_as_scribe(db, session, "fresh-phone", 1, secret, KEY).id == scribe.id
    assert _view(db, activity)["Bord 1"] == ["Bordet mener"]


def test_an_unpublished_view_holds_nothing(db, room) -> None:  # noqa: ANN001
    session, people = room
    settings = activities.shared_settings(results_live=False, endorsements=False)
    activity = activities.open_activity(
        db,
        activities.add_activity(
            db, session, kind="open_question", title="Skjult", settings=settings
        ),
    )
    say(db, activity, people[3][0], "Fra bord tre")
    # The console before "Vis resultater": only tables already held tag a statement.
    assert _view(db, activity) == {OTHERS: ["Fra bord tre"]}
    assert results.decision(activity).tables is None
    # The wall (or a document) publishes: now it is decided, and the console follows.
    assert _view(db, activity, publish=True) == {"Bord 3": ["Fra bord tre"]}
    assert _view(db, activity) == {"Bord 3": ["Fra bord tre"]}


def test_documents_use_the_held_tables(db, room) -> None:  # noqa: ANN001
    session, people = room
    activity = text_activity(db, session, by_table=True)
    say(db, activity, people[1][0], "Fra det lille bord")
    say(db, activity, people[3][0], "Fra bord tre")
    _view(db, activity)  # the wall's view decides: table 1 (and 2 with it) hidden
    _person(db, session, "1", "1-late")  # table 1 has 3 now
    text = export_session_file(db, session, "md").content.decode()
    body = text.split("Bord 3 kom med 1 bidrag:")[1]
    assert "Øvrige borde kom med 1 bidrag:" in body
    assert "Bord 1 kom med" not in text
    assert body.index("Fra det lille bord") > body.index("Øvrige borde kom med")


def test_the_decision_keeps_its_tables_and_reads_old_text() -> None:
    old = '{"admitted": {"7": "Politiker"}, "labels": ["Politiker"], "shown": null}'
    loaded = Decision.loads(old)
    assert loaded.tables is None
    assert loaded.dumps() == old  # undecided tables leave a stored text as it was
    held = loaded.with_tables({1: 2, 2: 3, 3: 3})
    assert held.tables == frozenset({3})
    assert Decision.loads(held.dumps()) == held
    assert held.with_tables({1: 9, 2: 9, 3: 9}) is held  # decided once
