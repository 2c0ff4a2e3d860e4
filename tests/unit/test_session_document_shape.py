"""The session document in seed 004's shape, read from the DOCX: no participant prompts, no
tool text, no unexplained counts, results said in sentences, themes as nested bullets or bold
lead-ins, notes after the bullet they concern, nothing dropped silently, the annex optional."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, time

import pytest
from docx import Document

from facilitator.export import render_session_docx, render_session_markdown
from facilitator.export.builder import ranked_topics
from facilitator.export.report import (
    UNCLUSTERED_LABEL,
    ActivityReport,
    CountRow,
    DilemmaSideResult,
    GroupBreakdown,
    ReportContribution,
    ReportTheme,
    SessionReport,
)

AT = datetime(2022, 6, 10, 10, 42, 37)
PROMPTS = (
    "Vælg op til to emner, som visionen skal bygge på.",
    "Skriv en kort sætning om den retning, vi skal gå.",
    "Hvad giver mening at samarbejde om på tværs af kommunerne?",
)


def _said(text: str, highlighted: bool = False, endorsements: int = 0, side: str | None = None):
    return ReportContribution(
        text, "politiker", None, AT, endorsements=endorsements, side=side, highlighted=highlighted
    )


def _session() -> SessionReport:
    vote = ActivityReport(
        "topic_vote",
        "Prioritering af emner",
        "Hvad skal visionen handle om?",
        PROMPTS[0],
        None,
        topics=ranked_topics([("Mestring af eget liv", 25), ("Fællesskaber", 17), ("Mod", 3)]),
        voters=40,
    )
    arrows = ActivityReport(
        "retningspil",
        "Retningspile",
        "Retningspile for visionen",
        PROMPTS[1],
        None,
        themes=(
            ReportTheme(
                UNCLUSTERED_LABEL,
                (
                    _said("Vi skal stå sammen.", highlighted=True, endorsements=2),
                    _said("Vi skal turde fejle.", endorsements=6),  # not picked: more support
                ),
            ),
        ),
        contribution_count=2,
    )
    sides = (
        DilemmaSideResult(
            "Tryghed",
            "Vi flytter Tove.",
            16,
            16 / 36,
            (ReportTheme("Pårørende", (_said("Pårørende skal kunne sove.", side="Tryghed"),)),),
        ),
        DilemmaSideResult("Selvbestemmelse", "Tove bliver hjemme.", 20, 20 / 36, ()),
    )
    by_group = (
        GroupBreakdown("Politikere", 9, (CountRow("Tryghed", 2), CountRow("Selvbestemmelse", 7))),
        GroupBreakdown("Embedspersoner", 13, None),  # suppressed by contributions.privacy
    )
    dilemma = ActivityReport(
        "dilemma",
        "Dilemma",
        "Tryghed eller selvbestemmelse?",
        "Tove på 82 vil blive hjemme. Hvad vejer tungest?",
        None,
        sides=sides,
        by_group=by_group,
        voters=36,
    )
    initiatives = ActivityReport(
        "initiative",
        "Initiativforslag",
        "Initiativer",
        PROMPTS[2],
        "Den gode alderdom",
        themes=(
            ReportTheme(
                "Analysere tilbudsviften",
                (
                    _said("Har vi de rette tilbud til målgruppen?", highlighted=True),
                    _said("Fælles retningslinjer for overgangen til plejehjem.", highlighted=True),
                ),
                note="Især retningslinjerne for overgangen til plejehjem fik opbakning.",
            ),
            ReportTheme("Økonomi", (_said("Refusion på borgere over 67 år."),)),  # none picked
        ),
        contribution_count=3,
    )
    return SessionReport(
        process_title="Nordjysk Socialaftale 2023-2024",
        title="Visionsdag for Nordjysk Socialaftale 2023-2024",
        kind="visionsdag",
        kind_label="Visionsdag",
        date=date(2022, 6, 10),
        venue="Aalborg Kongres & Kultur Center",
        description="Dagen skal sætte retningen for den fælles aftale.",
        participant_count=40,
        by_group=(CountRow("Politikere", 11), CountRow("Embedspersoner", 29)),
        by_organisation=(CountRow("Region Nordjylland", 7), CountRow("Øvrige organisationer", 33)),
        activities=(vote, arrows, dilemma, initiatives),
        generated_at=datetime(2022, 6, 11, 9, 0),
        starts_at=time(9),
        ends_at=time(12),
    )


@pytest.fixture(scope="module")
def document():
    return Document(io.BytesIO(render_session_docx(_session())))


def _body(document) -> list:
    """The paragraphs before the annex."""
    paragraphs = document.paragraphs
    end = next((i for i, p in enumerate(paragraphs) if p.text == "Bilag"), len(paragraphs))
    return paragraphs[:end]


def _text(document) -> str:
    return "\n".join(p.text for p in _body(document))


def test_the_title_and_the_background_read_like_seed_004(document) -> None:
    text = _text(document)
    assert document.paragraphs[0].text == (
        "Output fra visionsdagen om Nordjysk Socialaftale 2023-2024"
    )
    assert (
        "Fredag den 10. juni 2022, kl. 9.00-12.00, mødtes 11 politikere og 29 embedsfolk til en "
        "visionsdag for Nordjysk Socialaftale 2023-2024 i Aalborg Kongres & Kultur Center."
    ) in text.split("\n")
    assert "Fokusområde 1: Den gode alderdom" in text
    assert "Mødested" not in text


def test_no_prompts_no_tool_text_no_labels(document) -> None:
    text = _text(document)
    for prompt in PROMPTS:
        assert prompt not in text
    for tool in (
        "Fordelingen af deltagernes valg",
        "Begrundelser for:",
        "Fokusområde: ",
        "Deltagerne kom med",
        "Af hensyn til deltagernes anonymitet",  # the rule stands once, in the annex
        "Output fra Visionsdag",
    ):
        assert tool not in text, tool
    assert not [t for t in document.tables if t.rows[0].cells[0].text == "Side"]


def test_results_are_said_in_sentences(document) -> None:
    text = _text(document)
    assert (
        "40 deltagere afgav 45 stemmer. Flest stemmer fik »Mestring af eget liv« (25 af 45)."
        in (text)
    )
    assert "Derefter fulgte »Fællesskaber« (17) og »Mod« (3)." in text
    assert "36 deltagere tog stilling: 20 (55,6 %) valgte »Selvbestemmelse«" in text
    assert "Fordelt på grupper var politikerne 7-2 for »Selvbestemmelse«." in text
    # a group contributions.privacy suppressed is named as such, never split
    assert "For embedsfolkene vises fordelingen ikke af hensyn til anonymiteten." in text
    assert not re.search(r"embedsfolkene \d+-\d+", text)
    assert "De, der valgte »Tryghed«, begrundede det med:" in text


def test_no_unexplained_counts_and_no_misleading_agreement(document) -> None:
    text = _text(document)
    # the curated list: picked statements without counts (an unlisted one had more support)
    assert "Vi skal stå sammen." in text.split("\n") and "enig" not in text
    assert "Vi skal turde fejle." not in text
    for paragraph in _body(document):
        if paragraph.style.name.startswith("List"):
            assert not re.search(r"\(\d+ \w+\)", paragraph.text), paragraph.text


def test_themes_are_nested_bullets_or_bold_lead_ins_with_notes_after_their_bullet(
    document,
) -> None:
    bullets = [p for p in _body(document) if p.style.name.startswith("List Bullet")]
    theme = next(p for p in bullets if p.text.startswith("Analysere tilbudsviften"))
    assert theme.style.name == "List Bullet" and theme.runs[0].bold
    children = bullets[bullets.index(theme) + 1 : bullets.index(theme) + 3]
    assert [p.style.name for p in children] == ["List Bullet 2", "List Bullet 2"]
    # the note concerns the second point: it follows that bullet, in italics
    noted = children[1]
    assert noted.text.endswith(
        "(Især retningslinjerne for overgangen til plejehjem fik opbakning.)"
    )
    assert noted.runs[-1].italic and not children[0].runs[-1].italic
    # nothing vanishes: a theme nobody highlighted keeps its most representative statement
    economy = next(p for p in bullets if p.text.startswith("Økonomi:"))
    assert economy.runs[0].bold and economy.text == "Økonomi: Refusion på borgere over 67 år."
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Analysere tilbudsviften" not in headings and "Økonomi" not in headings


def test_the_annex_is_optional_and_gives_each_reason_its_side_and_minute(document) -> None:
    committee = Document(io.BytesIO(render_session_docx(_session(), annex=False)))
    assert "Bilag" not in "\n".join(p.text for p in committee.paragraphs) and not committee.tables
    assert "bilag" not in render_session_markdown(_session(), annex=False).casefold()
    reasons = next(t for t in document.tables if t.rows[0].cells[1].text == "Valg")
    assert [c.text for c in reasons.rows[1].cells] == [
        "Pårørende skal kunne sove.",
        "Tryghed",
        "Pårørende",
        "Politikere",
        "10.42",  # the minute it was sent, no seconds
    ]
    assert "bilaget sidst i dokumentet" in _text(document)
