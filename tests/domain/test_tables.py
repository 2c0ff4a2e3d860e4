"""Table groups: setting tables, the scribe link, a scribe's statement as the table's, the
by-table view under the privacy rule."""

from __future__ import annotations

import pytest

from facilitator.activities import services as activities
from facilitator.contributions import results
from facilitator.contributions.models import Participant
from facilitator.contributions.participants import Profile, join
from facilitator.core.errors import ValidationError
from facilitator.tables import services as tables
from facilitator.tables.grouping import by_table
from facilitator.tables.models import SessionTable
from tests.support.tables import say, text_activity

KEY = b"test-key"


def test_parse_tables_reads_numbers_and_names() -> None:
    assert tables.parse_tables("3 Sundhed\n\n 1\n12  Unge og job ") == [
        (1, ""),
        (3, "Sundhed"),
        (12, "Unge og job"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0 Nul", "mellem 1 og 99"),
        ("1000", "mellem 1 og 99"),
        ("Sundhed", "start med bordets nummer"),
        ("3 " + "x" * 95, "højst være 60 tegn"),
        ("3 A\n3 B", "to gange"),
    ],
)
def test_parse_tables_refuses_in_danish(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        tables.parse_tables(text)


def test_set_tables_keeps_a_cards_scribe_link(db, live_session) -> None:  # noqa: ANN001
    first = tables.set_tables(db, live_session, "1 A\n2 B")
    secret = tables.scribe_secret(first[0], KEY)
    again = tables.set_tables(db, live_session, "1 Sundhed\n3")
    assert [(t.number, t.name) for t in again] == [(1, "Sundhed"), (3, "")]
    assert tables.scribe_secret(again[0], KEY) == secret
    assert db.query(SessionTable).count() == 2


def test_scribe_joins_with_the_right_secret_only(db, live_session) -> None:  # noqa: ANN001
    table = tables.set_tables(db, live_session, "3 Sundhed")[0]
    with pytest.raises(ValidationError, match="Skriverlinket passer ikke"):
        tables.join_as_scribe(db, live_session, "tok", 3, "forkert", KEY)
    with pytest.raises(ValidationError, match="Skriverlinket passer ikke"):
        tables.join_as_scribe(db, live_session, "tok", 4, tables.scribe_secret(table, KEY), KEY)
    scribe = tables.join_as_scribe(
        db, live_session, "tok", 3, tables.scribe_secret(table, KEY), KEY
    )
    assert scribe.scribe_table_id == table.id
    assert scribe.table_number == "3"


def test_a_scribes_statement_is_the_tables_and_one_voice(db, live_session) -> None:  # noqa: ANN001
    table = tables.set_tables(db, live_session, "3 Sundhed")[0]
    activity = text_activity(db, live_session)
    scribe = tables.join_as_scribe(
        db, live_session, "tok", 3, tables.scribe_secret(table, KEY), KEY
    )
    say(db, activity, scribe, "Mere tid til borgeren")
    (row,) = results.statements(db, activity)
    assert row["table"] == {"number": 3, "name": "Sundhed"}
    assert row["group"] == ""
    assert results.response_count(db, activity) == 1
    assert tables.table_label(3, "Sundhed") == "Bord 3 (Sundhed)"


def _person(db, session, number: str, name: str) -> Participant:  # noqa: ANN001
    return join(db, session, f"token-{name}", Profile(table_number=number))


def test_by_table_hides_a_small_tables_people(db, live_session) -> None:  # noqa: ANN001
    rows = tables.set_tables(db, live_session, "1 Sundhed\n2 Job\n3 Unge")
    activity = text_activity(db, live_session)
    big = [_person(db, live_session, "1", f"a{i}") for i in range(3)]
    more = [_person(db, live_session, "2", f"b{i}") for i in range(3)]
    small = _person(db, live_session, "3", "c0")
    scribe = tables.join_as_scribe(
        db, live_session, "s3", 3, tables.scribe_secret(rows[2], KEY), KEY
    )
    say(db, activity, big[0], "Fra bord et")
    say(db, activity, more[0], "Fra bord to")
    say(db, activity, small, "Alene ved bord tre")
    say(db, activity, scribe, "Bordet mener")
    groups = {g.label: [s["text"] for s in g.statements] for g in by_table(db, activity)}
    # Table 3 has one person: complementary suppression hides one more table with it.
    assert groups["Bord 3 (Unge)"] == ["Bordet mener"]
    assert "Alene ved bord tre" in groups["Øvrige borde"]
    assert len(groups["Øvrige borde"]) == 2
    shown = [t for t in ("Fra bord et", "Fra bord to") if t not in groups["Øvrige borde"]]
    assert len(shown) == 1


def test_join_prefill_reads_only_a_plain_number() -> None:
    assert tables.prefilled_number("3") == "3"
    assert [tables.prefilled_number(v) for v in ("0", "1000", "x", None, "-1")] == [""] * 5


def test_activity_setting_document_by_table(db, live_session) -> None:  # noqa: ANN001
    activity = text_activity(db, live_session)
    assert activities.shared_settings(results_live=True, endorsements=False)["by_table"] is False
    assert activity.document_by_table is False
