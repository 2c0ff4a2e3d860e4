"""The process document in the order things happened (issue 23): Baggrund, the plan as entered,
the written answers, each meeting, each focus area once with its sources named, the status;
who did not answer as a short list by kind of body, never a run-on line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from facilitator.core.i18n import use_locale
from facilitator.export.markdown_writer import render_process_markdown
from facilitator.export.process_sections import body_bullets
from facilitator.export.report import (
    Invitee,
    PlanRow,
    ReportContribution,
    ReportTheme,
    WrittenQuestion,
    WrittenRound,
    focus_sections,
)
from facilitator.export.sink import Bullet
from facilitator.export.status_report import StatusGroup, StatusReport, StatusRow
from tests.support.report_factory import make_process_report

AREA = "Den gode alderdom"
WRITTEN = "Flere fællesskaber for ældre med handicap."
INVITED = [
    Invitee("Socialudvalget", "Aalborg Kommune", True),
    Invitee("Handicaprådet", "Aalborg Kommune", False),
    Invitee("Handicaprådet", "Brønderslev Kommune", False),
    Invitee("Socialudvalget", "Brønderslev Kommune", False),
    Invitee("Handicaprådet", "Region Nordjylland", False),
]
# Seed 000's rows in its order: a day within a month after the month's own row stays there.
PLAN = (
    PlanRow(date(2022, 6, 10), "10. juni 2022", "Socialpolitisk Dialogforum", "Visionen"),
    PlanRow(date(2022, 6, 1), "Juni 2022", "Arbejdsgrupper under DAS", "Udbud og efterspørgsel"),
    PlanRow(date(2022, 9, 1), "September/oktober", "", "Faglige workshops"),
)


def _round() -> WrittenRound:
    answer = ReportContribution(
        WRITTEN, None, None, datetime(2020, 1, 10, 12), author="Socialudvalget, Aalborg Kommune"
    )
    vision = ReportContribution(
        "Egenmestring som vision.", None, None, datetime(2020, 1, 10, 12), author="X"
    )
    return WrittenRound(
        title="Input til vision og fokusområder",
        deadline=datetime(2020, 1, 20, 23, 59),
        whole_day=True,
        answered=("Socialudvalget, Aalborg Kommune",),
        not_answered=tuple(f"{i.body}, {i.organisation}" for i in INVITED if not i.answered),
        questions=(
            WrittenQuestion(
                "Hvad ønskes ændret i visionen?", None, (ReportTheme("Vision", (vision,)),)
            ),
            WrittenQuestion(
                f"{AREA}: Hvilken politisk retning ønskes der?",
                AREA,
                (ReportTheme("Fællesskaber", (answer,)),),
            ),
        ),
        invitees=tuple(INVITED),
    )


def _status() -> StatusReport:
    row = StatusRow("Fælles kompetenceudvikling", "Kursus i gang.", "", "DAS", None, "month", None)
    return StatusReport(
        "Nordjysk Socialaftale 2023-2024",
        (StatusGroup(AREA, (row,)),),
        datetime(2022, 10, 1),
        "DAS",
    )


def _report():
    return replace(make_process_report(8), plan=PLAN, written_rounds=(_round(),), status=_status())


def _h2(text: str) -> list[str]:
    return [line[3:] for line in text.splitlines() if line.startswith("## ")]


def test_sections_follow_the_order_things_happened() -> None:
    text = render_process_markdown(_report())
    headings = _h2(text)
    assert headings[:3] == ["Baggrund", "Procesplan", "Skriftlige tilbagemeldinger"]
    meetings = headings[3:5]
    assert meetings == ["Visionsdag 3. februar 2020", "Faglig workshop om fokusområderne"]
    assert headings[5:] == ["Fokusområder", "Status på Nordjysk Socialaftale 2023-2024", "Bilag"]
    # the vision (a meeting's activity) comes before the focus areas, never after
    assert text.index("### Vision: Egenmestring") < text.index("## Fokusområder")
    # participant tables only in the annex, after the plan
    assert text.index("Fordelt på organisation") > text.index("## Bilag")


def test_the_plan_keeps_its_rows_and_words() -> None:
    text = render_process_markdown(_report())
    rows = [line for line in text.splitlines() if line.startswith("| ") and "2022 |" in line]
    assert rows[:2] == [
        "| 10\\. juni 2022 | Socialpolitisk Dialogforum | Visionen |",
        "| Juni 2022 | Arbejdsgrupper under DAS | Udbud og efterspørgsel |",
    ]
    assert "| September/oktober |  | Faglige workshops |" in text
    assert "September 2022" not in text


def test_each_focus_area_once_with_its_sources_named() -> None:
    report = _report()
    (elderly,) = [s for s in focus_sections(report) if s.focus_area == AREA]
    assert len(elderly.written) == 1 and len(elderly.meetings) == 2
    text = render_process_markdown(report)
    body = text.split("\n## Status på", 1)[0]  # the status has its own table per area
    assert body.count(f"\n### {AREA}\n") == 1  # not once per source, not "Fokusområde: …"
    area = text.split(f"\n### {AREA}\n", 1)[1].split("\n### ", 1)[0]
    sources = [line[5:] for line in area.splitlines() if line.startswith("#### ")]
    assert sources == [
        "Skriftlige tilbagemeldinger",
        "Visionsdagen den 3. februar 2020",
        "Visionsdagen den 21. september 2022",
    ]
    assert "Svar på spørgsmålet »Hvilken politisk retning ønskes der?«:" in area
    assert text.count(WRITTEN) == 1  # the written answer under its focus area only
    written = text.split("## Skriftlige tilbagemeldinger", 1)[1].split("\n## ", 1)[0]
    assert "### Hvad ønskes ændret i visionen?" in written and WRITTEN not in written


def test_who_did_not_answer_is_a_short_list_by_kind_of_body() -> None:
    assert body_bullets([i for i in INVITED if not i.answered]) == [
        Bullet("Aalborg Kommune, Brønderslev Kommune og Region Nordjylland", lead="Handicaprådet:"),
        Bullet("Brønderslev Kommune", lead="Socialudvalget:"),
    ]
    text = render_process_markdown(_report())
    assert "4 inviterede har ikke svaret:" in text
    assert "Ikke svaret:" not in text  # no label glued to a run-on line
    assert "Skriftlige tilbagemeldinger:" not in text  # no heading glued to the round's title
    # a body invited without an organisation is named on its own
    assert body_bullets([Invitee("Ældrerådet", "", False)]) == [Bullet("Ældrerådet")]


def test_status_closes_the_body_and_english_says_the_same() -> None:
    text = render_process_markdown(_report())
    assert text.index("## Status på") > text.index("## Fokusområder")
    assert "| Fælles kompetenceudvikling |" in text
    with use_locale("en"):
        english = render_process_markdown(_report())
    assert english.startswith("# Collected input for Nordjysk Socialaftale 2023-2024")
    assert "4 invitees did not reply:" in english
    assert "#### Written responses" in english
    assert "#### The vision day on 3 February 2020" in english


def test_a_process_with_only_a_plan_says_so() -> None:
    report = replace(make_process_report(8), sessions=(), plan=PLAN)
    text = render_process_markdown(report)
    assert "Der er endnu ikke kommet input fra processens møder." in text
    assert "## Procesplan" in text and "## Fokusområder" not in text and "Bilag" not in text
