"""A lone politician among seven: their vote and statement cannot be read from the live results,
the participant counts or any export (DOCX, XLSX, Markdown)."""

from __future__ import annotations

import io

import docx
import openpyxl
import pytest

from facilitator.contributions import results
from facilitator.contributions.privacy import OTHER_GROUPS_LABEL
from facilitator.export.services import export_session_file
from tests.support.privacy_scenario import (
    GIVEAWAYS,
    POLITICIAN_REASON,
    POLITICIAN_STATEMENT,
    assert_breakdown_is_safe,
    assert_rows_unlabelled,
    lone_politician,
)


@pytest.fixture
def scenario(db, live_session):
    return lone_politician(db, live_session)


def test_live_results_hide_the_lone_politician(db, scenario) -> None:
    dilemma = results.activity_results(db, scenario.dilemma)
    assert [side["count"] for side in dilemma["sides"]] == [6, 1]
    assert_breakdown_is_safe(dilemma)
    # Politician (1) and the next-smallest group (3) are only shown added up.
    assert [(r["group"], r["counts"]) for r in dilemma["by_group"]] == [
        ("Brugerorganisation", [3, 0]),
        (OTHER_GROUPS_LABEL, [3, 1]),
    ]
    assert_rows_unlabelled(dilemma["reasons"], POLITICIAN_REASON)
    assert {r["group"] for r in dilemma["reasons"]} == {"", "Brugerorganisation"}
    text = results.activity_results(db, scenario.text)
    assert_rows_unlabelled(text["contributions"], POLITICIAN_STATEMENT)
    assert not GIVEAWAYS.search(str(dilemma) + str(text))


def test_participant_counts_add_small_groups_up(db, scenario) -> None:
    groups = results.participants_by_group(db, scenario.session)
    assert groups == [("Brugerorganisation", 3), (OTHER_GROUPS_LABEL, 4)]
    assert results.participant_count(db, scenario.session) == 7


def test_a_group_of_three_is_shown_and_labels_its_rows(db, scenario) -> None:
    dilemma = results.activity_results(db, scenario.dilemma)
    labelled = [r for r in dilemma["reasons"] if r["group"]]
    assert len(labelled) == 3 and {r["side"] for r in labelled} == {0}


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_documents_never_name_the_lone_politician(db, scenario, fmt) -> None:
    content = export_session_file(db, scenario.session, fmt).content
    text = _docx_text(content) if fmt == "docx" else content.decode()
    assert POLITICIAN_REASON in text and POLITICIAN_STATEMENT in text  # the text stays
    assert not GIVEAWAYS.search(text)  # no group or organisation names the person
    assert OTHER_GROUPS_LABEL in text


def test_docx_group_table_cannot_be_subtracted(db, scenario) -> None:
    document = docx.Document(io.BytesIO(export_session_file(db, scenario.session, "docx").content))
    body = "\n".join(p.text for p in document.paragraphs)  # two sides: the split in words
    assert "repræsentanterne for brugerorganisationerne 3-0 for »" in body
    assert "de øvrige deltagere 3-1 for »" in body


def test_xlsx_rows_carry_no_small_group_or_organisation(db, scenario) -> None:
    book = openpyxl.load_workbook(
        io.BytesIO(export_session_file(db, scenario.session, "xlsx").content)
    )
    values = [
        str(c.value)
        for sheet in book
        for row in sheet.iter_rows()
        for c in row
        if c.value is not None
    ]
    assert not GIVEAWAYS.search("\n".join(values))
    assert "LEV" in values  # three from LEV, all user representatives: that may be shown
    found = 0
    for sheet in book:
        for row in sheet.iter_rows(values_only=True):
            for text in (POLITICIAN_REASON, POLITICIAN_STATEMENT):
                if text in row:
                    found += 1
                    start = row.index(text)
                    # Bidrag, Side, Enige, Interessentgruppe, Organisation: both left blank
                    assert row[start + 3] in (None, "") and row[start + 4] in (None, ""), row
    assert found == 2
    people = {row[0]: row[1] for row in book["Resultater"].iter_rows(max_col=2, values_only=True)}
    assert people.get("Brugerorganisationer") == 3 and people.get(OTHER_GROUPS_LABEL) == 4
