"""Documents grouped by table ("Bord 3 lagde vægt på …") and tables through the JSON archive."""

from __future__ import annotations

import io
import json

from docx import Document

from facilitator.export.archive import export_session, import_session
from facilitator.export.services import export_session_file
from facilitator.tables import services as tables
from tests.support.tables import say, text_activity

KEY = b"k"


def _scribe_session(db, session):  # noqa: ANN001, ANN202
    rows = tables.set_tables(db, session, "3 Sundhed\n4")
    activity = text_activity(db, session, by_table=True)
    scribe = tables.join_as_scribe(db, session, "t3", 3, tables.scribe_secret(rows[0], KEY), KEY)
    say(db, activity, scribe, "Mere tid til borgeren")
    say(db, activity, scribe, "Færre skemaer")
    return activity


def test_docx_section_by_table(db, live_session) -> None:  # noqa: ANN001
    _scribe_session(db, live_session)
    data = export_session_file(db, live_session, "docx").content
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "Bord 3 (Sundhed) kom med 2 bidrag:" in text or "Bord 3 (Sundhed) lagde vægt på" in text
    assert "Færre skemaer" in text


def test_json_round_trip_keeps_tables_and_scribes(db, live_session, user) -> None:  # noqa: ANN001
    _scribe_session(db, live_session)
    data = export_session(db, live_session)
    assert data["tables"] == [{"number": 3, "name": "Sundhed"}, {"number": 4, "name": ""}]
    copy = import_session(db, user, json.loads(json.dumps(data, default=str)))
    assert [(t.number, t.name) for t in tables.tables_of(db, copy.id)] == [(3, "Sundhed"), (4, "")]
    again = export_session(db, copy)
    assert [p["scribe_table"] for p in again["participants"] if p["scribe_table"]] == [3]
    assert again["activities"][-1]["settings"]["by_table"] is True


def test_annex_names_the_table_of_a_tables_voice(db, live_session) -> None:  # noqa: ANN001
    # A scribe speaks for the table: the annex says "Bord 3 (Sundhed)", not "Ikke oplyst".
    _scribe_session(db, live_session)
    data = export_session_file(db, live_session, "docx").content
    rows = [
        [cell.text for cell in row.cells]
        for table in Document(io.BytesIO(data)).tables
        for row in table.rows
    ]
    scribe_rows = [row for row in rows if "Færre skemaer" in row]
    assert scribe_rows and all("Bord 3 (Sundhed)" in row for row in scribe_rows)
    assert not any("Ikke oplyst" in row for row in scribe_rows)
