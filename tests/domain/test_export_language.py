"""Choosing the document's language: `facilitator export --language en`, the web's
`?sprog=en`, Danish by default whatever the facilitator's screen language, and a clear
message for a language we do not offer. The session's content is English, so any Danish
left in the document is the app's own text."""

from __future__ import annotations

import io
import json
from datetime import date, time

import docx
import openpyxl
import pytest

from facilitator.activities.services import add_activity, open_activity
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.services import endorse, submit
from facilitator.contributions.validation import Submission
from facilitator.core.errors import ValidationError
from facilitator.export.services import export_session_file
from facilitator.processes.services import create_process
from facilitator.sessions.services import create_session, set_state
from tests.unit.test_export_english import danish_in


@pytest.fixture
def english_workshop(db, user):
    """A workshop run in English: six people in two groups, every kind of activity."""
    process = create_process(db, user, "Social Agreement North", focus_areas=["Older citizens"])
    session = create_session(
        db,
        process,
        title="Vision Day",
        kind="workshop",
        date=date(2026, 11, 30),
        venue="Town Hall",
        starts_at=time(9),
        ends_at=time(12),
    )
    set_state(db, session, "live")
    people = [
        join(db, session, f"eng{i:02d}" * 8, Profile(group=group, organisation=org))
        for i, (group, org) in enumerate(
            [("politiker", "North Region")] * 3 + [("embedsperson", "City of Aalborg")] * 3
        )
    ]
    directions = add_activity(
        db,
        session,
        kind="retningspil",
        title="Where we are heading",
        prompt="Which way should the vision point?",
    )
    dilemma = add_activity(
        db,
        session,
        kind="dilemma",
        title="Shared or local places?",
        prompt="Choose a side",
        settings={
            "sides": [
                {"label": "Shared places", "description": "Run jointly"},
                {"label": "Local places", "description": ""},
                {"label": "Both", "description": ""},
            ]
        },
    )
    vote = add_activity(
        db,
        session,
        kind="topic_vote",
        title="Topics for the vision",
        prompt="Pick two",
        settings={"topics": ["Housing", "Jobs", "Health"], "max_choices": 2},
    )
    open_activity(db, directions)
    rows = [
        submit(db, person, directions, Submission(f"dir-{i:04d}", text))[0]
        for i, (person, text) in enumerate(
            zip(
                people,
                [
                    "Dare to fail",
                    "Stand together",
                    "Listen first",
                    "Dare to fail",
                    "Fewer meetings",
                    "More trust",
                ],
                strict=True,
            )
        )
    ]
    endorse(db, people[1], rows[0])
    open_activity(db, dilemma)
    for i, person in enumerate(people):
        submit(db, person, dilemma, Submission(f"dil-{i:04d}", "Because it works", side=i % 3))
    open_activity(db, vote)
    for i, person in enumerate(people):
        submit(db, person, vote, Submission(f"vot-{i:04d}", choices=[i % 3, (i + 1) % 3]))
    return session


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    footer = [p.text for p in document.sections[0].footer.paragraphs]
    return "\n".join([*(p.text for p in document.paragraphs), *cells, *footer])


def test_cli_language_en_writes_english_documents(app, english_workshop, tmp_path) -> None:
    runner = app.test_cli_runner()
    texts = {}
    for fmt in ("docx", "xlsx", "md"):
        target = tmp_path / f"out.{fmt}"
        result = runner.invoke(
            args=[
                "export",
                str(english_workshop.id),
                "--format",
                fmt,
                "--language",
                "en",
                "-o",
                str(target),
            ]
        )
        assert result.exit_code == 0, result.output
        texts[fmt] = target.read_bytes()
    body = _docx_text(texts["docx"])
    assert danish_in(body) == []
    assert body.startswith("Vision Day\nBackground")  # its own title says more than its kind
    assert (
        "On Monday 30 November 2026, 9:00–12:00, 3 politicians and 3 civil servants met "
        "for a workshop for Social Agreement North" in body
    )
    book = openpyxl.load_workbook(io.BytesIO(texts["xlsx"]))
    cells = [
        str(c.value)
        for sheet in book
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str)
    ]
    assert danish_in("\n".join([*book.sheetnames, *cells])) == []
    markdown = texts["md"].decode()
    assert danish_in(markdown) == [] and "## Background" in markdown
    process = tmp_path / "process.docx"
    result = runner.invoke(
        args=[
            "export",
            "--process",
            str(english_workshop.process_id),
            "--language",
            "en",
            "-o",
            str(process),
        ]
    )
    assert result.exit_code == 0, result.output
    assert danish_in(_docx_text(process.read_bytes())) == []


def test_cli_default_is_danish_and_refuses_other_languages(app, english_workshop, tmp_path) -> None:
    runner = app.test_cli_runner()
    target = tmp_path / "out.docx"
    result = runner.invoke(args=["export", str(english_workshop.id), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert docx.Document(str(target)).paragraphs[1].text == "Baggrund"
    refused = runner.invoke(
        args=["export", str(english_workshop.id), "--language", "de", "-o", str(target)]
    )
    assert refused.exit_code != 0 and "--language" in refused.output


def test_web_sprog_en_downloads_english_and_danish_is_the_default(
    facilitator, english_workshop
) -> None:
    base = f"/facilitate/sessions/{english_workshop.id}"
    # The facilitator reads the screens in English; the committee's document stays Danish.
    facilitator.client.set_cookie("facilitator_sprog", "en")
    danish = facilitator.get(f"{base}/export.docx")
    assert danish.status_code == 200
    assert docx.Document(io.BytesIO(danish.data)).paragraphs[1].text == "Baggrund"
    english = facilitator.get(f"{base}/export.docx?sprog=en")
    assert english.status_code == 200
    assert "Output-from-Vision-Day.docx" in english.headers["Content-Disposition"]
    assert danish_in(_docx_text(english.data)) == []
    for fmt in ("xlsx", "md"):
        response = facilitator.get(f"{base}/export.{fmt}?sprog=en")
        assert (
            response.status_code == 200
            and "Output-from-" in response.headers["Content-Disposition"]
        )
    markdown = facilitator.get(f"{base}/export.md?sprog=en").get_data(as_text=True)
    assert danish_in(markdown) == []
    process = facilitator.get(
        f"/facilitate/processes/{english_workshop.process_id}/export.md?sprog=en"
    )
    assert process.status_code == 200 and danish_in(process.get_data(as_text=True)) == []
    anonymous = facilitator.get(f"{base}/export-anonymt.json?sprog=en").get_json()
    assert anonymous["format"] == "facilitator-anonymt-udtraek"  # keys and format stay
    assert anonymous["note"].startswith("Anonymous extract for sharing")
    bad = facilitator.get(f"{base}/export.docx?sprog=xx")
    assert bad.status_code == 400 and "xx" in bad.get_data(as_text=True)


def test_english_archive_stays_importable(db, user, english_workshop) -> None:
    from facilitator.export.archive import export_session, import_session

    data = json.loads(export_session_file(db, english_workshop, "json", language="en").content)
    assert data["advarsel"].startswith("Contains personal data")
    danish = export_session(db, english_workshop)
    assert {k: v for k, v in data.items() if k != "advarsel"} == {
        k: v for k, v in danish.items() if k != "advarsel"
    }  # only the warning follows
    copy = import_session(db, user, data)
    assert copy.title == "Vision Day" and len(copy.activities) == 3


def test_unknown_document_language_is_a_clear_error(db, english_workshop) -> None:
    with pytest.raises(ValidationError, match="Ukendt sprog »fr«"):
        export_session_file(db, english_workshop, "docx", language="fr")
