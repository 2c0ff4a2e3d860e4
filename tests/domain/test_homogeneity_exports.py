"""Issue 23: a unanimous rest is not shown as a split (DOCX and XLSX), and a process exports
as one workbook (services, CLI)."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest

from facilitator.activities.services import open_activity, reveal_results
from facilitator.contributions import results
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.privacy import OTHER_GROUPS_LABEL
from facilitator.contributions.services import submit
from facilitator.contributions.validation import Submission
from facilitator.export.services import export_process_file, export_session_file

# (group, side): the lone politician and the two "andet" all take side 1 (the rest alone
# would read 3 | 0 | 3); three officials and four user representatives are split.
ROOM = (
    [("politiker", 1)]
    + [("andet", 1)] * 2
    + [("embedsperson", 0), ("embedsperson", 0), ("embedsperson", 1)]
    + [("brugerorganisation", 0)]
    + [("brugerorganisation", 1)] * 3
)


@pytest.fixture
def unanimous_rest(db, live_session):
    dilemma = next(a for a in live_session.activities if a.kind == "dilemma")
    open_activity(db, dilemma)
    for i, (group, side) in enumerate(ROOM):
        person = join(db, live_session, f"person{i:02d}" * 4, Profile(group=group))
        submit(
            db, person, dilemma, Submission(f"valg-{i:04d}", f"Begrundelse {group} {i}", side=side)
        )
    reveal_results(db, dilemma, True)
    return live_session, dilemma


def test_live_rest_takes_in_the_smallest_group(db, unanimous_rest) -> None:
    _, dilemma = unanimous_rest
    view = results.activity_results(db, dilemma)
    rows = {row["group"]: row["counts"] for row in view["by_group"]}
    assert rows == {"Brugerorganisation": [1, 3], OTHER_GROUPS_LABEL: [2, 4]}
    tagged = {row["group"] for row in view["reasons"]}
    assert tagged == {"", "Brugerorganisation"}  # the officials' row is not shown: no tag


def test_docx_never_shows_a_unanimous_rest(db, unanimous_rest) -> None:
    session, _ = unanimous_rest
    document = docx.Document(io.BytesIO(export_session_file(db, session, "docx").content))
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "Interessentgruppe"]
    if tables:  # the breakdown as a table
        rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in tables[0].rows[1:]}
        assert rows == {
            "Brugerorganisationer": ["4", "1", "3"],
            OTHER_GROUPS_LABEL: ["6", "2", "4"],
        }
    else:  # ... or said in a sentence: "de øvrige deltagere 4-2 for »Selvbestemmelse«"
        text = "\n".join(p.text for p in document.paragraphs)
        assert "3-1" in text and "4-2" in text
        assert "3-0" not in text and "0-3" not in text


def test_xlsx_summary_and_rows_follow_the_same_rule(db, unanimous_rest) -> None:
    session, _ = unanimous_rest
    book = openpyxl.load_workbook(io.BytesIO(export_session_file(db, session, "xlsx").content))
    summary = [row for row in book["Resultater"].iter_rows(values_only=True)]
    others = [row for row in summary if row[0] == OTHER_GROUPS_LABEL and row[2] is not None]
    assert [row[:4] for row in others] == [(OTHER_GROUPS_LABEL, 6, 2, 4)]
    assert not any(row[0] == "Embedspersoner" and row[2] is not None for row in summary)
    rows = list(book["Alle bidrag"].iter_rows(values_only=True))
    header = rows[0]
    text, group = header.index("Bidrag"), header.index("Interessentgruppe")
    groups = {row[text].split()[1]: row[group] for row in rows[1:]}
    assert groups == {
        "politiker": None,
        "andet": None,
        "embedsperson": None,  # added to the rest in this view: its reasons carry no group
        "brugerorganisation": "Brugerorganisationer",
    }


def test_process_exports_as_one_workbook(app, db, unanimous_rest, tmp_path) -> None:
    session, _ = unanimous_rest
    exported = export_process_file(db, session.process, "xlsx", actor="test")
    assert exported.filename.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(exported.content))
    rows = list(book["Alle bidrag"].iter_rows(values_only=True))
    assert rows[0][:2] == ("Møde", "Aktivitet") and len(rows) == 1 + len(ROOM)
    assert {row[0] for row in rows[1:]} == {session.title}
    target = tmp_path / "forloeb.xlsx"
    result = app.test_cli_runner().invoke(
        args=["export", "--process", str(session.process_id), "--format", "xlsx", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(target).sheetnames == ["Resultater", "Alle bidrag"]
