"""The documents in English: a session with English content exported with the document
language "en" has no Danish left in the app's own text (headings, table headers, sentences,
privacy notes, dates, the footer and the properties), and Danish stays the default."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from facilitator.contributions.privacy import OTHER_GROUPS_LABEL, OTHER_ORGANISATIONS_LABEL
from facilitator.core.i18n import use_locale
from facilitator.export import (
    render_process_docx,
    render_process_markdown,
    render_session_docx,
    render_session_markdown,
    render_session_xlsx,
)
from facilitator.export.builder import ranked_topics
from facilitator.export.docx_writer import DocxOptions
from facilitator.export.report import (
    UNCLUSTERED_LABEL,
    WITHHELD,
    ActivityReport,
    CountRow,
    DilemmaSideResult,
    GroupBreakdown,
    ProcessReport,
    ReportContribution,
    ReportTheme,
    SessionReport,
)

DAY = date(2026, 11, 30)
AT = datetime(2026, 11, 30, 14, 5)
# Words that give Danish away in running text, table headers and labels (none is English).
DANISH_WORDS = {
    "og",
    "ikke",
    "til",
    "med",
    "af",
    "fra",
    "der",
    "blev",
    "kl",
    "den",
    "det",
    "som",
    "alt",
    "bidrag",
    "deltager",
    "deltagere",
    "antal",
    "bilag",
    "dannet",
    "fordeling",
    "fordelt",
    "emne",
    "stemmer",
    "stemme",
    "baggrund",
    "mødtes",
    "enig",
    "enige",
    "færre",
    "øvrige",
    "grupper",
    "ja",
    "tema",
    "værdi",
    "oplæg",
    "andel",
    "placering",
    "tidspunkt",
    "interessentgruppe",
    "dato",
    "sted",
    "møde",
    "indhold",
    "afgav",
    "tog",
    "stilling",
    "skrev",
    "samme",
    "alle",
    "ingen",
    "politikere",
    "embedsfolk",
    "andre",
    "oplyst",
    "fokusområde",
    "næste",
    "skridt",
    "begrundelser",
    "søjlediagram",
    "ift",
    "dagen",
    "noget",
    "her",
    "mandag",
    "januar",
}
DANISH_LETTERS = re.compile("[æøåÆØÅ]")


def _said(
    author_group: str | None, text: str, endorsements: int = 0, side: str | None = None
) -> ReportContribution:
    return ReportContribution(
        text=text,
        author_group=author_group,
        organisation=None,
        created_at=AT,
        endorsements=endorsements,
        side=side,
    )


def english_session() -> SessionReport:
    """Every kind of activity, suppressed counts and the app's own labels, in English content
    (as a facilitator running an English workshop types it)."""
    themes = (
        ReportTheme(
            "Courage",
            (
                _said("politiker", "We must dare to fail.", 2),
                _said("politiker", "We must dare to fail."),
                _said(WITHHELD, "Stand together when it gets hard."),
            ),
        ),
        ReportTheme(UNCLUSTERED_LABEL, (_said(None, "Listen first."),)),
    )
    reason = _said("embedsperson", "Fewer empty beds", side="Shared places")
    sides = (
        DilemmaSideResult(
            "Shared places",
            "Run by the region",
            4,
            4 / 9,
            (ReportTheme(UNCLUSTERED_LABEL, (reason,)),),
        ),
        DilemmaSideResult("Local places", "", 3, 3 / 9, ()),
        DilemmaSideResult("Both", "", 2, 2 / 9, ()),
    )
    by_group = (
        GroupBreakdown(
            "Embedspersoner",
            4,
            (CountRow("Shared places", 2), CountRow("Local places", 1), CountRow("Both", 1)),
        ),
        GroupBreakdown(OTHER_GROUPS_LABEL, 5, None),
    )
    activities = (
        ActivityReport(
            "retningspil",
            "Directions",
            "Vision: Self-reliance",
            "Which way should the vision point?",
            None,
            themes=themes,
            contribution_count=4,
            note="Read aloud at the end.",
            summary="Courage came up at every table.",
        ),
        ActivityReport(
            "initiative",
            "Initiatives",
            "Initiatives for older citizens",
            "Which joint initiatives do you want?",
            "Older citizens",
            themes=(ReportTheme("Economy", (_said("politiker", "Pool the budget"),)),),
            contribution_count=1,
        ),
        ActivityReport(
            "dilemma",
            "Dilemma",
            "Shared or local places?",
            "Choose a side",
            None,
            sides=sides,
            by_group=by_group,
            voters=9,
            contribution_count=1,
        ),
        ActivityReport(
            "topic_vote",
            "Topic vote",
            "Topics for the vision",
            "Pick three",
            None,
            topics=ranked_topics([("Housing", 7), ("Jobs", 7), ("Health", 2)]),
            voters=6,
        ),
        ActivityReport("open_question", "Open question", "Anything else?", "Tell us", None),
    )
    return SessionReport(
        process_title="Social Agreement North",
        title="Vision Day",
        kind="visionsdag",
        kind_label="Vision day",
        date=DAY,
        venue="Town Hall",
        description="Politicians and users set the direction.",
        participant_count=9,
        by_group=(
            CountRow("Politikere", 3),
            CountRow("Embedspersoner", 3),
            CountRow(OTHER_GROUPS_LABEL, 3),
        ),
        by_organisation=(CountRow("North Region", 5), CountRow(OTHER_ORGANISATIONS_LABEL, 4)),
        activities=activities,
        generated_at=AT,
        starts_at=time(9),
        ends_at=time(12),
        next_steps="The board decides in January.",
    )


def english_process() -> ProcessReport:
    session = english_session()
    return ProcessReport(
        "Social Agreement North",
        "A year of meetings.",
        ("Older citizens",),
        (
            session,
            session.__class__(
                **{
                    **session.__dict__,
                    "title": "Second Workshop",
                    "kind": "workshop",
                    "kind_label": "Workshop",
                }
            ),
        ),
        AT,
    )


def danish_in(text: str) -> list[str]:
    """Danish letters or function words found in `text` (empty: English)."""
    found = DANISH_LETTERS.findall(text)
    words = {w.casefold() for w in re.findall(r"[^\W\d_]+", text)}
    return sorted(set(found) | (words & DANISH_WORDS))


def _docx_text(content: bytes) -> str:
    """Everything a reader of the Word file sees: body, tables, header, footer, properties,
    the chart's title and alt text."""
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    parts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    section = doc.sections[0]
    parts += [p.text for p in (*section.header.paragraphs, *section.footer.paragraphs)]
    props = doc.core_properties
    parts += [props.title, props.subject, props.comments, props.keywords, props.category]
    for element in doc.element.body.iter(qn("wp:docPr")):
        parts += [element.get("title", ""), element.get("descr", "")]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def english_docx() -> bytes:
    with use_locale("en"):
        return render_session_docx(english_session())


def test_english_docx_has_no_danish_in_the_apps_own_text(english_docx) -> None:
    text = _docx_text(english_docx)
    assert danish_in(text) == []
    for expected in (
        "Output from the vision day on Social Agreement North",
        "Background",
        "Participants",
        "fewer than 3",
        "Other organisations",
        "Next steps",
        "Annex",
        "All contributions",
        "Choice",
        "Those who chose “Shared places” gave these reasons:",
        "6 participants cast 16 votes.",
        "Most votes went to",
        "9 participants took a position: 4 (44.4%) chose “Shared places”",
        "There were no contributions to this activity.",
        "We must dare to fail. (written by 2, 2 agreed)",
        "A number such as “(4 agreed)” after a statement",
        "Focus area 1: Older citizens",
        "Page",
    ):
        assert expected in text, expected


def test_english_docx_uses_english_dates_and_times(english_docx) -> None:
    text = _docx_text(english_docx)
    assert (
        "On Monday 30 November 2026, 9:00–12:00, 3 politicians, 3 civil servants and "
        "3 participants from other groups met for a vision day for Social Agreement North "
        "at Town Hall."
    ) in text
    assert "Generated by facilitator on 30 November 2026 at 14:05." in text
    annex_times = [
        cell.text
        for table in Document(io.BytesIO(english_docx)).tables
        for row in table.rows
        for cell in row.cells[-1:]
    ]
    assert "14:05" in annex_times


def test_english_docx_declares_its_language(english_docx) -> None:
    doc = Document(io.BytesIO(english_docx))
    assert doc.core_properties.language == "en-GB"
    lang = doc.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    assert lang.get(qn("w:val")) == "en-GB"
    with zipfile.ZipFile(io.BytesIO(render_session_docx(english_session()))) as danish:
        assert 'w:val="da-DK"' in danish.read("word/styles.xml").decode()  # the default


def test_english_xlsx_has_no_danish_in_the_apps_own_text() -> None:
    with use_locale("en"):
        book = load_workbook(io.BytesIO(render_session_xlsx(english_session())))
    values = [
        str(cell.value)
        for sheet in book
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    text = "\n".join([*book.sheetnames, *values])
    assert danish_in(text) == []
    assert book.sheetnames == ["Results", "All contributions"]
    for expected in (
        "Stakeholder group",
        "Contribution",
        "Agreed",
        "Highlighted",
        "Theme",
        "Other contributions",
        "Voters",
        "30 November 2026",
        "fewer than 3",
    ):
        assert expected in values, expected
    dates = [
        cell
        for sheet in book
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, datetime)
    ]
    assert dates and {cell.number_format for cell in dates} == {"dd/mm/yyyy hh:mm"}


def test_english_markdown_and_process_documents_have_no_danish() -> None:
    with use_locale("en"):
        session_md = render_session_markdown(english_session())
        process_md = render_process_markdown(english_process())
        process_docx = _docx_text(render_process_docx(english_process(), DocxOptions(toc=True)))
    for text in (session_md, process_md, process_docx):
        assert danish_in(text) == [], text[:400]
    assert "# Output from the vision day on Social Agreement North" in session_md
    assert "| Contribution | Group | Time |" in session_md or "| Time |" in session_md
    assert process_md.startswith("# Collected input for Social Agreement North")
    assert (
        "This document brings together input from the vision day on 30 November 2026 and "
        "the workshop on 30 November 2026." in process_md
    )
    # the focus area once, each meeting's proposals under it with the meeting named
    assert process_md.count("\n### Older citizens\n") == 1
    assert "#### The vision day on 30 November 2026" in process_md
    assert "#### The workshop on 30 November 2026" in process_md
    assert "Contents" in process_docx.split("\n")


def test_danish_stays_the_default_and_byte_identical_when_asked_for() -> None:
    report = english_session()
    default = render_session_markdown(report)
    with use_locale("da"):
        assert render_session_markdown(report) == default
    assert "## Baggrund" in default and "Mandag den 30. november 2026, kl. 9.00-12.00" in default
    assert "44,4 %" in default
