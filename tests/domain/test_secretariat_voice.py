"""The secretariat's voice (issue 10, item 1): notes, summaries, next steps and highlighted
contributions, from the services through the output documents and the JSON archive."""

from __future__ import annotations

import io
import json
from datetime import time

import docx
import openpyxl
import pytest

from facilitator.activities.services import open_activity, set_notes
from facilitator.clustering.curation import set_cluster_note
from facilitator.clustering.models import Cluster
from facilitator.contributions.models import Contribution
from facilitator.contributions.moderation import set_highlighted
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.services import submit
from facilitator.contributions.validation import Submission
from facilitator.core import signals
from facilitator.core.errors import ValidationError
from facilitator.export.archive import export_session, import_session
from facilitator.export.builder import build_session_report
from facilitator.export.markdown_writer import render_session_markdown
from facilitator.export.services import export_session_file
from facilitator.sessions.notes import NOTE_MAX, SUMMARY_MAX
from facilitator.sessions.services import set_next_steps

PICKED = "Prioritere tidlig indsats i det fælleskommunale samarbejde"
LEFT_OUT = "Flere kaffepauser på temadagen"


@pytest.fixture
def voiced(db, live_session):
    """Retningspile in one theme with a note, one of three highlighted, notes and next steps."""
    activity = next(a for a in live_session.activities if a.kind == "retningspil")
    open_activity(db, activity)
    people = [
        join(db, live_session, f"voice{i:02d}" * 5, Profile(group="politiker")) for i in range(3)
    ]
    texts = [PICKED, LEFT_OUT, "Vi skal bruge hinandens specialviden"]
    rows = [
        submit(db, person, activity, Submission(f"v-{i:06d}", text))[0]
        for i, (person, text) in enumerate(zip(people, texts, strict=True))
    ]
    theme = Cluster(activity_id=activity.id, label="Tidlig indsats", position=0)
    db.add(theme)
    db.flush()
    for row in rows:
        row.cluster_id = theme.id
    db.commit()
    set_cluster_note(db, theme, "Der var stor politisk medvind til dette forslag.")
    set_highlighted(db, rows[0], True)
    set_highlighted(db, rows[2], True)
    set_notes(
        db,
        activity,
        note="Drøftet ved alle borde.",
        summary="Drøftelserne havde fokus på den tidlige indsats.\n\n"
        "Inputtene indgår i det videre arbejde.",
    )
    live_session.starts_at, live_session.ends_at = time(9), time(12)
    set_next_steps(db, live_session, "Styregruppen behandler output på sit møde i marts.")
    return live_session


# --- services -------------------------------------------------------------------------------


def test_notes_are_trimmed_and_keep_paragraphs(db, live_session) -> None:
    activity = live_session.activities[0]
    set_notes(db, activity, note="  Kort note \r\n", summary="Første afsnit.\r\n\r\nAndet.  ")
    assert activity.note == "Kort note"
    assert activity.summary == "Første afsnit.\n\nAndet."
    set_notes(db, activity, note="", summary="")
    assert (activity.note, activity.summary) == ("", "")


@pytest.mark.parametrize(("field", "limit"), [("note", NOTE_MAX), ("summary", SUMMARY_MAX)])
def test_too_long_text_is_refused_in_danish(db, live_session, field, limit) -> None:
    activity = live_session.activities[0]
    text = {"note": "", "summary": "", field: "x" * (limit + 1)}
    with pytest.raises(ValidationError, match=f"højst være {limit} tegn"):
        set_notes(db, activity, **text)
    set_notes(db, activity, **{**text, field: "x" * limit})  # the limit itself is fine
    with pytest.raises(ValidationError, match=f"Næste skridt må højst være {SUMMARY_MAX} tegn"):
        set_next_steps(db, live_session, "y" * (SUMMARY_MAX + 1))


@pytest.mark.parametrize("bad", ["nul\x00tegn", "\u202eomvendt", "klokke\x07"])
def test_control_characters_are_refused_not_stored(db, live_session, bad) -> None:
    activity = live_session.activities[0]
    theme = Cluster(activity_id=activity.id, label="Tema", position=0)
    db.add(theme)
    db.commit()
    for change in (
        lambda: set_notes(db, activity, note=bad, summary=""),
        lambda: set_notes(db, activity, note="", summary=bad),
        lambda: set_cluster_note(db, theme, bad),
        lambda: set_next_steps(db, live_session, bad),
    ):
        with pytest.raises(ValidationError, match="ugyldige tegn"):
            change()
    db.rollback()
    assert activity.note == activity.summary == theme.note == live_session.next_steps == ""


def test_highlighting_tells_the_console(db, voiced) -> None:
    activity = next(a for a in voiced.activities if a.kind == "retningspil")
    row = db.query(Contribution).filter_by(text=LEFT_OUT).one()
    heard = []

    def listen(sender, **kwargs) -> None:
        heard.append((sender, kwargs))

    signals.contribution_changed.connect(listen)
    try:
        set_highlighted(db, row, True)
    finally:
        signals.contribution_changed.disconnect(listen)
    assert row.highlighted
    assert heard == [(row, {"session_id": voiced.id, "activity_id": activity.id})]
    set_highlighted(db, row, False)
    assert not row.highlighted


# --- output documents -----------------------------------------------------------------------


def _docx_paragraphs(db, session) -> list[tuple[str, str, bool]]:
    document = docx.Document(io.BytesIO(export_session_file(db, session, "docx").content))
    return [
        (p.style.name, p.text, any(run.italic for run in p.runs if run.text.strip()))
        for p in document.paragraphs
    ]


def _annex_text(db, session) -> str:
    document = docx.Document(io.BytesIO(export_session_file(db, session, "docx").content))
    return "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )


def test_docx_body_lists_only_the_highlighted_and_the_annex_all(db, voiced) -> None:
    paragraphs = _docx_paragraphs(db, voiced)
    texts = [text for _, text, _ in paragraphs]
    body = "\n".join(texts)
    assert PICKED in body and "Vi skal bruge hinandens specialviden" in body
    assert LEFT_OUT not in body  # not highlighted: only in the annex
    assert LEFT_OUT in _annex_text(db, voiced)
    italic = {text for _, text, is_italic in paragraphs if is_italic}
    assert "Drøftet ved alle borde." in italic
    # the theme's note follows the bullet it concerns (here the theme's), in italics
    noted = [t for t in italic if t.endswith("(Der var stor politisk medvind til dette forslag.)")]
    assert noted and noted[0].startswith("Tidlig indsats")
    assert "Drøftelserne havde fokus på den tidlige indsats." in texts
    assert "Inputtene indgår i det videre arbejde." in texts  # a paragraph of its own
    # "Næste skridt" closes the document, before the annex
    heading = texts.index("Næste skridt")
    assert paragraphs[heading][0].startswith("Heading")
    assert texts[heading + 1] == "Styregruppen behandler output på sit møde i marts."
    assert heading < next(i for i, t in enumerate(texts) if t.startswith("Bilag"))


def test_without_highlights_the_body_lists_everything(db, voiced) -> None:
    for row in db.query(Contribution).filter_by(highlighted=True):
        set_highlighted(db, row, False)
    body = "\n".join(text for _, text, _ in _docx_paragraphs(db, voiced))
    assert PICKED in body and LEFT_OUT in body


def test_markdown_carries_notes_summary_highlights_and_next_steps(db, voiced) -> None:
    report = build_session_report(db, voiced)
    document = render_session_markdown(report)
    body = document.split("## Bilag")[0]  # the curated body, before the annex of everything
    assert "_Drøftet ved alle borde._" in body
    assert "_(Der var stor politisk medvind til dette forslag.)_" in body
    assert "Drøftelserne havde fokus på den tidlige indsats.\n\nInputtene" in body
    assert "## Næste skridt\n\nStyregruppen behandler output" in body
    assert PICKED in body and LEFT_OUT not in body
    assert LEFT_OUT in document.split("Næste skridt", 1)[1]  # the annex keeps it


def test_xlsx_marks_highlighted_rows_and_keeps_all(db, voiced) -> None:
    book = openpyxl.load_workbook(io.BytesIO(export_session_file(db, voiced, "xlsx").content))
    rows = [
        [c for c in row] for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
    ]
    header = next(r for r in rows if "Fremhævet" in r)
    column, text_column = header.index("Fremhævet"), header.index("Bidrag")
    marks = {
        r[text_column]: r[column]
        for r in rows
        if len(r) > column and r[text_column] in (PICKED, LEFT_OUT)
    }
    assert marks == {PICKED: "Ja", LEFT_OUT: None}
    values = {v for r in rows for v in r if isinstance(v, str)}
    assert "Drøftet ved alle borde." in values


# --- JSON archive ---------------------------------------------------------------------------


def test_archive_round_trip_keeps_the_secretariats_voice(db, voiced, user) -> None:
    first = export_session(db, voiced)
    assert first["session"]["next_steps"].startswith("Styregruppen")
    assert (first["session"]["starts_at"], first["session"]["ends_at"]) == ("09:00:00", "12:00:00")
    copy = import_session(db, user, json.loads(json.dumps(first)))
    assert export_session(db, copy) == {**first, "session": {**first["session"], "state": "draft"}}
    assert copy.starts_at == time(9) and copy.next_steps == voiced.next_steps
    activity = next(a for a in copy.activities if a.kind == "retningspil")
    assert activity.note == "Drøftet ved alle borde." and "\n\n" in activity.summary
    assert [c.note for c in db.query(Cluster).filter_by(activity_id=activity.id)] == [
        "Der var stor politisk medvind til dette forslag."
    ]
    highlighted = db.query(Contribution).filter_by(activity_id=activity.id, highlighted=True)
    assert sorted(c.text for c in highlighted) == sorted(
        [PICKED, "Vi skal bruge hinandens specialviden"]
    )


def test_an_archive_without_the_new_fields_still_imports(db, voiced, user) -> None:
    data = export_session(db, voiced)
    for key in ("next_steps", "starts_at", "ends_at"):
        del data["session"][key]
    for activity in data["activities"]:
        del activity["note"], activity["summary"]
        for cluster in activity["clusters"]:
            del cluster["note"]
        for row in activity["contributions"]:
            del row["highlighted"]
    copy = import_session(db, user, data)
    assert copy.next_steps == "" and copy.starts_at is None
