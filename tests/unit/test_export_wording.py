"""The Danish a committee expects (seed 004): dates, quotes, who took part, counts, ranks,
plurals, agenda titles, empty activities and sessions, and the process document."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime, time

import pytest
from docx import Document
from openpyxl import load_workbook

from facilitator.core.wording import da_date, da_long_date, da_timestamp  # noqa: E402
from facilitator.export import (  # noqa: E402
    render_process_docx,
    render_process_markdown,
    render_session_docx,
    render_session_markdown,
    render_session_xlsx,
)
from facilitator.export.builder import ranked_topics  # noqa: E402
from facilitator.export.phrases import (  # noqa: E402
    NO_INPUT,
    activity_facts,
    agenda,
    background_sentence,
    generated_note,
    participants_in_words,
    support_note,
)
from facilitator.export.report import (  # noqa: E402
    ActivityReport,
    CountRow,
    DilemmaSideResult,
    ReportContribution,
    ReportTheme,
    has_votes,
)
from tests.support.report_factory import make_process_report, make_session_report

BUILDER_GROUPS = (
    CountRow("Politikere", 11),
    CountRow("Embedspersoner", 15),
    CountRow("Brugerorganisationer", 9),
    CountRow("Øvrige grupper", 5),
)


@pytest.fixture(scope="module")
def seed_like():
    """The visionsdag of seed 004, with hours and the group counts the builder produces."""
    return replace(
        make_session_report(40),
        starts_at=time(9),
        ends_at=time(12),
        participant_count=40,
        by_group=BUILDER_GROUPS,
    )


def _body(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def _topic_vote(votes: tuple[int, ...], voters: int) -> ActivityReport:
    ranking = [(f"Emne {i}", n) for i, n in enumerate(votes, start=1)]
    return ActivityReport(
        "topic_vote",
        "Prioritering af emner",
        "Emner",
        "",
        None,
        topics=ranked_topics(ranking),
        voters=voters,
    )


def _empty_session():
    report = make_session_report(40)
    activities = tuple(
        replace(
            a,
            themes=(),
            sides=tuple(replace(s, count=0, share=0.0, themes=()) for s in a.sides),
            by_group=(),
            voters=0,
            contribution_count=0,
            topics=tuple(replace(t, votes=0, rank=1) for t in a.topics),
        )
        for a in report.activities
    )
    return replace(
        report, activities=activities, participant_count=0, by_group=(), by_organisation=()
    )


# --- dates ------------------------------------------------------------------------------


def test_dates_are_danish_with_weekday_and_hours() -> None:
    assert (
        da_long_date(date(2020, 2, 3), time(9), time(12))
        == "mandag den 3. februar 2020, kl. 9.00-12.00"
    )
    assert da_long_date(date(2020, 2, 3), time(13, 30)) == "mandag den 3. februar 2020, kl. 13.30"
    assert da_long_date(date(2022, 9, 21)) == "onsdag den 21. september 2022"
    assert da_date(date(2020, 5, 1)) == "1. maj 2020" and da_date(None) == "dato ikke fastsat"
    moment = datetime(2020, 2, 3, 14, 5)
    assert da_timestamp(moment, date(2020, 2, 3)) == "14.05"
    assert da_timestamp(moment, date(2020, 2, 4)) == "03.02.2020 14.05"


def test_docx_opens_with_the_weekday_date_and_who_took_part(seed_like) -> None:
    doc = Document(io.BytesIO(render_session_docx(seed_like)))
    assert (
        "Mandag den 3. februar 2020, kl. 9.00-12.00, mødtes 11 politikere, 15 embedsfolk, "
        "9 repræsentanter for brugerorganisationer og 5 deltagere fra andre grupper til en "
        "visionsdag for Nordjysk Socialaftale 2021-2022 i Aalborg Kongres & Kultur Center."
    ) in _body(doc)


def test_generated_note_is_not_in_the_body(seed_like) -> None:
    assert generated_note(seed_like) == "Dannet af facilitator 4. februar 2020 kl. 10.15."
    doc = Document(io.BytesIO(render_session_docx(seed_like)))
    assert "Dannet af" not in _body(doc)
    assert "Dannet af" not in render_session_markdown(seed_like)


# --- wording ----------------------------------------------------------------------------


def test_quotes_are_danish_and_the_title_is_not_repeated(seed_like) -> None:
    text = render_session_markdown(seed_like) + _body(
        Document(io.BytesIO(render_session_docx(seed_like)))
    )
    assert not re.search(r"«\w", text) and "»Øvrige grupper«" in text  # »« not «»
    assert f"»{seed_like.title}«" not in text and f"«{seed_like.title}»" not in text


def test_participants_in_words_names_only_published_groups(seed_like) -> None:
    assert participants_in_words(seed_like) == (
        "11 politikere, 15 embedsfolk, 9 repræsentanter for brugerorganisationer og "
        "5 deltagere fra andre grupper"
    )
    one = replace(
        seed_like,
        participant_count=4,
        by_group=(CountRow("Politikere", 1), CountRow("Øvrige grupper", 3)),
    )
    assert participants_in_words(one) == "1 politiker og 3 deltagere fra andre grupper"
    folded = replace(seed_like, participant_count=4, by_group=(CountRow("Øvrige grupper", 4),))
    assert participants_in_words(folded) == "4 deltagere"
    withheld = replace(
        seed_like,
        participant_count=7,
        by_group=(CountRow("Politikere", 5), CountRow("Andre", None)),
    )
    assert participants_in_words(withheld) == "7 deltagere"  # never a count it withheld


def test_agenda_has_no_machine_prefixes(seed_like) -> None:
    items = agenda(seed_like.activities)
    # seed 004: "Fokusområde 1: Den gode alderdom"; a vote with its result
    assert "Fokusområde 1: Den gode alderdom" in items
    assert "Fokusområde 2: Socialpsykiatri" in items
    assert "Emner for visionen (flest stemmer: »Mestring af eget liv«)" in items
    assert not any(item.startswith(("Initiativforslag:", "Retningspile:")) for item in items)
    assert items == list(dict.fromkeys(items))


def test_topic_votes_count_votes_and_voters() -> None:
    assert activity_facts(_topic_vote((30, 22, 20), voters=40)) == "40 deltagere afgav 72 stemmer."
    assert activity_facts(_topic_vote((1,), voters=1)) == "1 deltager afgav 1 stemme."


def test_ties_share_a_rank() -> None:
    ranks = [t.rank for t in ranked_topics([("a", 9), ("b", 5), ("c", 5), ("d", 2), ("e", 2)])]
    assert ranks == [1, 2, 2, 4, 4]
    report = replace(make_session_report(40), activities=(_topic_vote((9, 5, 5, 2), 10),))
    body = _body(Document(io.BytesIO(render_session_docx(report))))
    assert "Flest stemmer fik »Emne 1« (9 af 21)." in body
    assert "Derefter fulgte »Emne 2« (5), »Emne 3« (5) og »Emne 4« (2)." in body
    tied = replace(report, activities=(_topic_vote((5, 5, 2), 6),))
    body = _body(Document(io.BytesIO(render_session_docx(tied))))
    assert "Flest stemmer fik »Emne 1« og »Emne 2« (hver 5 af 12)." in body
    many = replace(report, activities=(_topic_vote((9, 5, 5, 2, 2, 1, 1, 1, 1), 10),))
    doc = Document(io.BytesIO(render_session_docx(many)))  # more than a sentence holds
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Placering")
    assert [r.cells[0].text for r in table.rows[1:4]] == ["1.", "2.", "2."]


def test_singular_and_plural() -> None:
    assert support_note(1, 1) == " (1 enig)"
    assert support_note(2, 3) == " (2 skrev det samme, 3 enige)"
    text = ActivityReport(
        "open_question",
        "Åbent spørgsmål",
        "Q",
        "",
        None,
        themes=(
            ReportTheme(
                "Øvrige bidrag", (ReportContribution("Et svar", None, None, datetime(2020, 2, 3)),)
            ),
        ),
        contribution_count=1,
    )
    assert activity_facts(text) == "Deltagerne kom med 1 bidrag."
    lone = replace(
        make_session_report(40), participant_count=1, by_group=(CountRow("Øvrige grupper", 1),)
    )
    assert "Mandag den 3. februar 2020 mødtes 1 deltager til" in background_sentence(lone)
    assert "I alt 1 deltager." in render_session_markdown(lone)


# --- empty and odd sessions ---------------------------------------------------------------


def test_activity_without_input_says_so_once() -> None:
    empty = _empty_session()
    for activity in empty.activities:
        assert activity_facts(activity) == NO_INPUT and not has_votes(activity)
    markdown = render_session_markdown(empty)
    assert markdown.count(NO_INPUT) == len(empty.activities)
    assert "Placering" not in markdown and "Fordeling" not in markdown  # no tables of zeros
    assert "0 deltagere" not in markdown and "Bilag" not in markdown  # no annex of nothing


def test_empty_session_exports_in_every_format() -> None:
    empty = _empty_session()
    doc = Document(io.BytesIO(render_session_docx(empty)))
    body = _body(doc)
    assert "mødtes 0" not in body and "Mandag den 3. februar 2020 blev der holdt" in body
    assert doc.element.body.xpath(".//wp:docPr") == []  # no empty charts
    assert not any(t.rows[0].cells[0].text == "Placering" for t in doc.tables)
    workbook = load_workbook(io.BytesIO(render_session_xlsx(empty)))
    assert workbook.sheetnames
    assert render_session_markdown(empty).startswith("# Output fra")


def test_dilemma_nobody_answered_has_no_table_or_chart() -> None:
    sides = (DilemmaSideResult("Ja", "", 0, 0.0, ()), DilemmaSideResult("Nej", "", 0, 0.0, ()))
    dilemma = ActivityReport("dilemma", "Dilemma", "Fælles eller lokalt?", "", None, sides=sides)
    assert not has_votes(dilemma)
    report = replace(make_session_report(40), activities=(dilemma,))
    doc = Document(io.BytesIO(render_session_docx(report)))
    assert doc.tables == [] or all(t.rows[0].cells[0].text != "Side" for t in doc.tables)
    assert NO_INPUT in _body(doc)


def test_long_and_hostile_texts_export_everywhere() -> None:
    payloads = [
        "x" * 280,
        "<script>alert(1)</script>",
        '=HYPERLINK("http://x")',
        "h\u202eelpmaxe.exe",
        "👍🏽" * 70,
        "\u200b\u200b",
    ]
    report = make_session_report(40, payloads=payloads)
    body = _body(Document(io.BytesIO(render_session_docx(report))))
    assert "x" * 280 in body and "<script>alert(1)</script>" in body
    assert load_workbook(io.BytesIO(render_session_xlsx(report))).sheetnames
    assert "x" * 280 in render_session_markdown(report)


# --- the process document ---------------------------------------------------------------


def test_process_document_lists_sessions_and_leaves_out_empty_ones() -> None:
    process = make_process_report(30)
    planned = replace(
        _empty_session(),
        title="Dialogforum om pladser",
        kind="dialogforum",
        kind_label="Dialogforum",
        date=date(2023, 3, 1),
    )
    process = replace(process, sessions=(*process.sessions, planned))
    doc = Document(io.BytesIO(render_process_docx(process)))

    def headings(level: int) -> list[str]:
        return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]

    # the meetings that gave input are chapters between the background and the focus areas ...
    assert headings(1) == [
        "Baggrund",
        "Visionsdag 3. februar 2020",
        "Faglig workshop om fokusområderne",
        "Fokusområder",
        "Bilag",
    ]
    markdown = render_process_markdown(process)
    # ... and the planned meeting without input is left out everywhere
    assert "Dialogforum om pladser" not in markdown + _body(doc)
    # which meeting each focus area's input came from, as a sub-heading per meeting ...
    assert headings(3).count("Visionsdagen den 3. februar 2020") == 2
    assert "#### Visionsdagen den 3. februar 2020" in markdown
    # ... and over each meeting's part of the annex
    assert "Visionsdag om Nordjysk Socialaftale 2021-2022, 3. februar 2020" in headings(3)


def test_process_without_any_input_is_short_and_sensible() -> None:
    process = replace(make_process_report(30), sessions=(_empty_session(),))
    markdown = render_process_markdown(process)
    assert "Der er endnu ikke kommet input fra processens møder." in markdown
    assert "Bilag" not in markdown
    assert Document(io.BytesIO(render_process_docx(process))).paragraphs
