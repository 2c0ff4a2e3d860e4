"""The process document's plan and written-answer sections, written from a hand-made report."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from facilitator.export.markdown_writer import render_process_markdown
from facilitator.export.process_sections import deadline_text, who_answered
from facilitator.export.report import (
    UNCLUSTERED_LABEL,
    PlanRow,
    ReportContribution,
    ReportTheme,
    WrittenQuestion,
    WrittenRound,
)
from tests.support.report_factory import make_process_report

BODY = "Handicaprådet, Læsø Kommune"


def _round(**changes) -> WrittenRound:
    answer = ReportContribution(
        "Flere fællesskaber for alle", None, None, datetime(2020, 1, 10, 12, 0), author=BODY
    )
    question = WrittenQuestion(
        "Hvad ønskes ændret?", "Den gode alderdom", (ReportTheme(UNCLUSTERED_LABEL, (answer,)),)
    )
    written = WrittenRound(
        "Høring om visionen", datetime(2020, 1, 20, 23, 59), True, (BODY,), (), (question,)
    )
    return replace(written, **changes)


def test_deadline_names_the_time_only_when_it_is_not_the_end_of_the_day() -> None:
    assert deadline_text(_round()) == "20. januar 2020"
    assert (
        deadline_text(_round(deadline=datetime(2020, 1, 20, 12, 0), whole_day=False))
        == "20. januar 2020 kl. 12.00"
    )


def test_who_answered_counts_the_invited_in_singular_and_plural() -> None:
    assert who_answered(_round()) == "1 af 1 inviteret har svaret:"
    assert (
        who_answered(_round(not_answered=("Socialudvalget, Læsø Kommune",)))
        == "1 af 2 inviterede har svaret:"
    )


def test_markdown_has_the_plan_and_the_point_with_its_body() -> None:
    report = replace(
        make_process_report(8),
        written_rounds=(_round(),),
        plan=(PlanRow(date(2021, 11, 1), "November 2021", "DAS", "Godkendelse af proces"),),
    )
    text = render_process_markdown(report)
    assert "| November 2021 | DAS | Godkendelse af proces |" in text
    assert "## Skriftlige tilbagemeldinger" in text
    assert "Høringen »Høring om visionen« havde svarfrist 20. januar 2020." in text
    # the question is about a focus area: its answers stand there, under the written round's name
    assert "## Fokusområder\n\n### Den gode alderdom\n\n#### Skriftlige tilbagemeldinger" in text
    assert "Svar på spørgsmålet »Hvad ønskes ændret?«:" in text
    assert f"- Flere fællesskaber for alle – {BODY}" in text
    assert text.count("Flere fællesskaber for alle") == 1
    assert "ikke svaret" not in text  # everybody answered
    assert text.index("## Procesplan") < text.index("## Skriftlige tilbagemeldinger")


def test_a_process_without_plan_or_answers_has_neither_section() -> None:
    text = render_process_markdown(make_process_report(8))
    assert "Procesplan" not in text and "Skriftlige tilbagemeldinger" not in text
    assert " – " + BODY not in text
