"""The process document's plan table and "Skriftlige tilbagemeldinger": who answered, by body,
and the written answers per question and theme with the body that wrote each point; the
rounds' hidden sessions are no meetings (not among the meetings, "Deltagere" or the annex)."""

from __future__ import annotations

import io
from datetime import date, datetime

import docx
import pytest

from facilitator.activities.services import open_activity
from facilitator.clustering.models import Cluster
from facilitator.consultations import invitations
from facilitator.consultations import services as consultations
from facilitator.contributions.models import Contribution
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.services import submit
from facilitator.contributions.validation import Submission
from facilitator.export.builder import build_process_report
from facilitator.export.services import export_process_file
from facilitator.processes import plan

BEFORE = datetime(2019, 12, 2, 9, 0)  # when the round is sent (naive UTC)
ANSWERED = datetime(2020, 1, 10, 13, 0)
ROUND = "Spørgsmål til de politiske udvalg om visionen"
QUESTIONS = [
    "Hvad ønskes ændret i forhold til den nuværende vision?",
    "Er der forslag til fælleskommunale initiativer?",
]
AALBORG, HJOERRING, LAESOE = (
    "Socialudvalget, Aalborg Kommune",
    "Handicaprådet, Hjørring Kommune",
    "Socialudvalget, Læsø Kommune",
)
ROOM_TEXT = "Vi skal turde fejle"


@pytest.fixture
def process(db, live_session):
    """A plan of two rows, a round answered by two of three bodies, a round nobody answered,
    grouped themes, and one contribution from the room (the visionsdag)."""
    process = live_session.process
    plan.add_milestone(
        db,
        process,
        when=date(2021, 11, 17),
        precision="month",
        forum="DAS",
        action="Godkendelse af proces for udarbejdelse af Nordjysk Socialaftale",
    )
    plan.add_milestone(
        db, process, when=date(2022, 1, 28), forum="DAS", action="DAS udpeger fokusområder"
    )
    round_ = consultations.create_round(
        db,
        process,
        title=ROUND,
        now=BEFORE,
        deadline=consultations.deadline_from_local(date(2020, 1, 20)),
        questions=[consultations.QuestionSpec(text) for text in QUESTIONS],
    )
    aalborg, hjoerring, _laesoe = invitations.invite(
        db,
        round_,
        [
            consultations.BodySpec("Socialudvalget", "Aalborg Kommune"),
            consultations.BodySpec("Handicaprådet", "Hjørring Kommune"),
            consultations.BodySpec("Socialudvalget", "Læsø Kommune"),
        ],
    )
    first, second = round_.questions
    consultations.submit_answers(
        db,
        aalborg,
        {first.id: "- Tidlig opsporing af demens\n- Fælles kompetenceudvikling for personalet"},
        now=ANSWERED,
    )
    consultations.submit_answers(
        db,
        hjoerring,
        {first.id: "Tidlig opsporing af demens.\n\nBorgeren skal mestre mest muligt selv."},
        now=ANSWERED,
    )
    theme = Cluster(activity_id=first.activity_id, label="Ældre og demens", position=0)
    db.add(theme)
    db.flush()
    for row in db.query(Contribution).filter_by(activity_id=first.activity_id):
        if "demens" in row.text:
            row.cluster_id = theme.id
    db.commit()
    unanswered = consultations.create_round(
        db,
        process,
        title="Høring uden svar",
        now=BEFORE,
        deadline=consultations.deadline_from_local(date(2020, 2, 1)),
        questions=[consultations.QuestionSpec("Noget at tilføje?")],
    )
    invitations.invite(db, unanswered, [consultations.BodySpec("Handicaprådet", "Læsø Kommune")])
    retningspil = next(a for a in live_session.activities if a.kind == "retningspil")
    open_activity(db, retningspil)
    person = join(
        db, live_session, "salen1" * 6, Profile(group="politiker", organisation="Aalborg Kommune")
    )
    submit(db, person, retningspil, Submission("ret-0001", ROOM_TEXT))
    return process


def _docx(db, process, language: str = "da") -> docx.document.Document:
    content = export_process_file(db, process, "docx", language=language).content
    return docx.Document(io.BytesIO(content))


def _table(document, *headers: str) -> list[list[str]]:
    """The table whose header row starts with `headers`."""
    table = next(
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells][: len(headers)] == list(headers)
    )
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_report_has_the_plan_and_only_answered_rounds_with_named_bodies(db, process) -> None:
    report = build_process_report(db, process)
    assert [(row.label, row.forum) for row in report.plan] == [
        ("November 2021", "DAS"),
        ("28. januar 2022", "DAS"),
    ]
    assert [s.title for s in report.sessions] == ["Visionsdag"]  # the rounds are no meetings
    (written,) = report.written_rounds  # the round nobody answered is left out
    assert (written.title, written.answered, written.not_answered) == (
        ROUND,
        (AALBORG, HJOERRING),
        (LAESOE,),
    )
    assert (written.deadline, written.whole_day) == (datetime(2020, 1, 20, 23, 59), True)
    first, second = written.questions
    assert [t.label for t in first.themes] == ["Ældre og demens", "Øvrige bidrag"]
    assert {c.author for c in first.themes[0].contributions} == {AALBORG, HJOERRING}
    assert second.themes == ()
    # the room's people are never named
    room = report.sessions[0].activities
    assert all(not c.author for a in room for t in a.themes for c in t.contributions)


def test_docx_shows_the_plan_table_and_the_written_answers_by_body(db, process) -> None:
    document = _docx(db, process)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings.index("Procesplan") < headings.index("Skriftlige tilbagemeldinger")
    assert "Høring uden svar" not in " ".join(headings)
    assert _table(document, "Tidspunkt") == [
        ["Tidspunkt", "Forum", "Handling"],
        ["November 2021", "DAS", "Godkendelse af proces for udarbejdelse af Nordjysk Socialaftale"],
        ["28. januar 2022", "DAS", "DAS udpeger fokusområder"],
    ]
    assert QUESTIONS[0] in headings
    leads = [
        r.text
        for p in document.paragraphs
        if p.style.name.startswith("List")
        for r in p.runs
        if r.bold
    ]
    assert any(lead.startswith("Ældre og demens") for lead in leads)  # a theme is a bullet
    body = [p.text for p in document.paragraphs]
    assert (
        f"Høringen »{ROUND}« havde svarfrist 20. januar 2020. 2 af 3 inviterede har svaret:"
    ) in body
    assert "1 inviteret har ikke svaret:" in body
    bullets = [p.text for p in document.paragraphs if p.style.name.startswith("List Bullet")]
    # who answered and who did not, by body: one bullet per kind of body, never a run-on line
    after = body.index("1 inviteret har ikke svaret:")
    answered = [b for b in body[:after] if b in bullets][-2:]
    assert answered == ["Socialudvalget: Aalborg Kommune", "Handicaprådet: Hjørring Kommune"]
    assert body[after + 1] == "Socialudvalget: Læsø Kommune"
    assert f"Fælles kompetenceudvikling for personalet – {AALBORG}" in bullets
    assert f"Borgeren skal mestre mest muligt selv. – {HJOERRING}" in bullets
    same = next(b for b in bullets if "Tidlig opsporing af demens" in b)
    # both bodies wrote it: named once each, without a count beside the names
    assert "Tidlig opsporing af demens – " in same and "skrev det samme" not in same
    assert AALBORG in same and HJOERRING in same
    assert any(b.endswith(ROOM_TEXT) for b in bullets)  # the room's point, nobody's name after
    # the question nobody answered
    assert "Ingen af dem, der svarede, skrev noget til dette spørgsmål." in body


def test_the_rounds_hidden_sessions_are_no_meetings_in_the_document(db, process) -> None:
    document = _docx(db, process)
    body = [p.text for p in document.paragraphs]
    sources = next(p for p in body if p.startswith("Dokumentet samler input fra"))
    assert "Høring uden svar" not in sources and "og visionsdagen." in sources
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    people = headings[headings.index("Deltagere") + 1 : headings.index("Alle bidrag")]
    assert people == ["Visionsdag"]  # the rounds' sessions are no meetings
    annex = _table(document, "Bidrag")  # the room's contributions only, per meeting
    assert [row[0] for row in annex[1:]] == [ROOM_TEXT]
    assert headings[headings.index("Alle bidrag") + 1].startswith("Visionsdag")


def test_markdown_and_english_carry_the_same_sections(db, process) -> None:
    text = export_process_file(db, process, "md").content.decode()
    assert "## Procesplan" in text and "| November 2021 | DAS |" in text
    assert "## Skriftlige tilbagemeldinger" in text and f"Høringen »{ROUND}«" in text
    assert f"- Fælles kompetenceudvikling for personalet – {AALBORG}" in text
    english = export_process_file(db, process, "md", language="en").content.decode()
    assert "| 28 January 2022 | DAS |" in english  # Babel's English, not the Danish label
    assert f"Fælles kompetenceudvikling for personalet – {AALBORG}" in english
