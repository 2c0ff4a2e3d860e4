"""Wording and odd sessions against the database: session hours in the date line, votes
counted as votes, shared ranks, an empty session in every format, the process document."""

from __future__ import annotations

import io
from datetime import date, time

import docx
import pytest

from facilitator.activities.services import open_activity
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.services import submit
from facilitator.contributions.validation import Submission
from facilitator.core.errors import ValidationError
from facilitator.export.builder import build_process_report, build_session_report
from facilitator.export.markdown_writer import render_process_markdown
from facilitator.export.phrases import NO_INPUT, activity_facts
from facilitator.export.services import SESSION_FORMATS, export_session_file
from facilitator.sessions.services import ENDS_BEFORE_START, create_session, update_session


def _body(content: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def test_session_hours_reach_the_date_line(db, live_session) -> None:
    update_session(
        db,
        live_session,
        title=live_session.title,
        kind="visionsdag",
        date=date(2020, 2, 3),
        venue="Aalborg",
        description="",
        starts_at=time(9),
        ends_at=time(12),
    )
    body = _body(export_session_file(db, live_session, "docx").content)
    assert (
        body.count(
            "Mandag den 3. februar 2020, kl. 9.00-12.00, blev der holdt en "
            "visionsdag for Nordjysk Socialaftale 2023-2024 i Aalborg."
        )
        == 1
    )


def test_session_hours_must_run_forwards(db, live_session) -> None:
    with pytest.raises(ValidationError, match=ENDS_BEFORE_START):
        update_session(
            db,
            live_session,
            title=live_session.title,
            kind="visionsdag",
            date=None,
            venue="",
            description="",
            starts_at=time(12),
            ends_at=time(9),
        )
    with pytest.raises(ValidationError, match=ENDS_BEFORE_START):
        create_session(
            db,
            live_session.process,
            title="X",
            kind="workshop",
            starts_at=time(10),
            ends_at=time(10),
        )


def test_topic_votes_are_counted_as_votes_and_ties_share_a_rank(db, live_session) -> None:
    vote = next(a for a in live_session.activities if a.kind == "topic_vote")
    vote.settings = {**vote.settings, "max_choices": 3}
    db.commit()
    open_activity(db, vote)
    choices = [[0, 1], [0, 2], [0], [1, 2, 3]]  # topic 0: 3 votes, 1 and 2: 2 each, 3: 1
    for i, picked in enumerate(choices):
        person = join(db, live_session, f"vote{i:02d}" * 6, Profile(group="politiker"))
        submit(db, person, vote, Submission(f"vote-{i:04d}", choices=picked))
    report = next(
        a for a in build_session_report(db, live_session).activities if a.kind == "topic_vote"
    )
    assert [t.rank for t in report.topics][:4] == [1, 2, 2, 4]
    assert activity_facts(report) == "4 deltagere afgav 8 stemmer."


def test_empty_session_exports_a_short_document_in_every_format(db, live_session) -> None:
    for fmt in SESSION_FORMATS:
        assert export_session_file(db, live_session, fmt).content
    body = _body(export_session_file(db, live_session, "docx").content)
    assert "0 deltagere" not in body and "mødtes" not in body
    assert body.count(NO_INPUT) == len(live_session.activities)
    assert "Bilag" not in body


def test_process_document_leaves_out_sessions_without_input(db, live_session) -> None:
    create_session(
        db,
        live_session.process,
        title="Dialogforum uden input",
        kind="dialogforum",
        date=date(2024, 3, 1),
    )
    retningspil = next(a for a in live_session.activities if a.kind == "retningspil")
    open_activity(db, retningspil)
    person = join(db, live_session, "writer" * 8, Profile(group="embedsperson"))
    submit(db, person, retningspil, Submission("retn-0001", "Vi skal turde fejle"))
    markdown = render_process_markdown(build_process_report(db, live_session.process))
    assert "Dialogforum uden input" not in markdown
    assert "Dokumentet samler input fra visionsdagen." in markdown  # no date set: none said
    assert "\n## Visionsdag\n" in markdown
    assert "Vi skal turde fejle" in markdown
