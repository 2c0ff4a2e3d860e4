"""The process plan without HTTP: milestones, their wording, the timeline and seed 000 pasted."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from facilitator.consultations.services import create_round, template_questions
from facilitator.core.errors import NotFound, ValidationError
from facilitator.core.i18n import use_locale
from facilitator.processes import plan
from facilitator.processes.services import create_process
from facilitator.sessions.services import create_session
from tests.support.plan_seed import SEED_000_PLAN

SEED_LABELS = [
    "November 2021",
    "28. januar 2022",
    "Marts 2022",
    "April 2022",
    "Maj 2022",
    "Juni 2022",
    "Juni 2022",
    "August 2022",
    "September/oktober",
    "November 2022",
    "1. december 2022",
]


@pytest.fixture
def process(db, user):
    return create_process(db, user, "Nordjysk Socialaftale 2023-2024")


def _labels(process) -> list[str]:
    return [plan.milestone_label(m) for m in process.milestones]


def test_seed_000_pasted_gives_eleven_rows_in_its_words(db, process) -> None:
    parsed = plan.import_plan_rows(db, process, SEED_000_PLAN)
    assert len(parsed.rows) == 11 and len(process.milestones) == 11
    assert _labels(process) == SEED_LABELS
    first, april = process.milestones[0], process.milestones[3]
    assert (first.forum, first.precision, first.when) == ("DAS", "month", date(2021, 11, 1))
    assert april.forum == "" and april.action.startswith("Der udsendes spørgsmål")
    assert process.milestones[1].precision == "day"
    # "September/oktober" has no year: shown as written, placed in the row above's year
    september = process.milestones[8]
    assert (september.when, september.precision) == (date(2022, 9, 1), "month")
    assert parsed.notes == [
        "Linje 10: »September/oktober« står i planen, som det er skrevet, og regnes som "
        "september 2022 i tidslinjen."
    ]


def test_a_span_keeps_its_words_and_a_date_follows_the_language(db, process) -> None:
    text = "Tidspunkt\tForum\tHandling\n28.1.2022\tDAS\tA\nSeptember/oktober\t\tB"
    plan.import_plan_rows(db, process, text)
    plan.add_milestone(db, process, when=date(2022, 11, 1), precision="month", action="C")
    with use_locale("en"):
        assert _labels(process) == ["28 January 2022", "September/oktober", "November 2022"]
    assert _labels(process) == ["28. januar 2022", "September/oktober", "November 2022"]


def test_the_plan_keeps_the_order_entered_within_a_month(db, process) -> None:
    """Seed 000 lists the dialogue forum before the working groups, both "Juni 2022"; dated
    to its day (the demo links it to the visionsdag), the forum stays first."""
    plan.import_plan_rows(db, process, SEED_000_PLAN)
    forum = process.milestones[5]
    assert forum.forum == "Socialpolitisk Dialogforum"
    plan.update_milestone(
        db, forum, when=date(2022, 6, 10), precision="day", forum=forum.forum, action="Input"
    )
    rows = plan.plan_rows(process)
    assert [plan.milestone_label(m) for m in rows[5:7]] == ["10. juni 2022", "Juni 2022"]
    assert [m.forum for m in rows[5:7]] == [
        "Socialpolitisk Dialogforum",
        "Arbejdsgrupper under DAS",
    ]
    assert [e.milestone for e in plan.timeline(process, date(2022, 6, 5))] == rows
    # a row added later for an earlier month goes to its month, not to the end
    late = plan.add_milestone(db, process, when=date(2022, 4, 20), action="Høringssvar")
    assert plan.plan_rows(process)[4] is late


def test_an_edited_time_replaces_the_pasted_words_and_an_unchanged_one_keeps_them(
    db, process
) -> None:
    plan.import_plan_rows(db, process, SEED_000_PLAN)
    september = process.milestones[8]
    plan.update_milestone(
        db, september, when=september.when, precision="month", forum="DAS", action="Workshops"
    )
    assert plan.milestone_label(september) == "September/oktober"
    plan.update_milestone(
        db, september, when=date(2022, 10, 1), precision="month", forum="DAS", action="Workshops"
    )
    assert plan.milestone_label(september) == "Oktober 2022"


def test_an_unreadable_date_names_its_line_and_saves_nothing(db, process) -> None:
    text = (
        "Tidspunkt\tForum\tHandling\nJuni 2022\tDAS\tOk\n31. februar 2022\tDAS\tNej\n"
        "Snart\tDAS\tNej"
    )
    with pytest.raises(ValidationError) as caught:
        plan.import_plan_rows(db, process, text)
    assert "Linje 3: »31. februar 2022«" in caught.value.message
    assert "Linje 4: »Snart«" in caught.value.message
    assert process.milestones == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2022-01-28\tDAS\tA", (date(2022, 1, 28), "day")),
        ("28.1.2022\tDAS\tA", (date(2022, 1, 28), "day")),
        ("28 January 2022\tDAS\tA", (date(2022, 1, 28), "day")),
        ("jun. 2022\tDAS\tA", (date(2022, 6, 1), "month")),
        ("| Maj 2022 | DAS | A |", (date(2022, 5, 1), "month")),
        ("December 2022\tDAS\tA\nJanuar\tDAS\tB", (date(2023, 1, 1), "month")),
    ],
)
def test_times_as_people_write_them(text, expected) -> None:
    row = plan.parse_plan(text).rows[-1]
    assert (row.when, row.precision) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("Juni 2022", "Linje 1: skriv tidspunkt, forum og handling"),
        ("Tidspunkt\tForum\tHandling\n", "ingen rækker"),
        ("Juni\tDAS\tA", "Linje 1: »Juni«"),  # a month without a year and no row above
        ("Juni 2022\tDAS\t ", "Linje 1: Skriv handlingen"),
        ("Juni 2022\t" + "F" * 201 + "\tA", "Linje 1: Forum må højst være 200 tegn"),
    ],
)
def test_bad_pastes_are_refused_clearly(db, process, text, message) -> None:
    with pytest.raises(ValidationError, match=message):
        plan.import_plan_rows(db, process, text)
    assert process.milestones == []


def test_add_update_delete(db, process) -> None:
    meeting = create_session(db, process, title="Socialpolitisk Dialogforum", kind="dialogforum")
    milestone = plan.add_milestone(
        db,
        process,
        when=date(2022, 6, 17),
        precision="month",
        forum=" Socialpolitisk   Dialogforum ",
        action="Politiske drøftelser",
        session_id=meeting.id,
    )
    assert (milestone.when, milestone.forum) == (date(2022, 6, 1), "Socialpolitisk Dialogforum")
    assert plan.milestone_label(milestone) == "Juni 2022" and milestone.session is meeting
    plan.update_milestone(
        db, milestone, when=date(2022, 6, 10), precision="day", forum="", action="Dialogforum"
    )
    assert plan.milestone_label(milestone) == "10. juni 2022" and milestone.session_id is None
    milestone_id = milestone.id
    assert plan.milestone_of(process, milestone_id) is milestone
    plan.delete_milestone(db, milestone)
    db.expire_all()
    assert process.milestones == []
    with pytest.raises(NotFound):
        plan.milestone_of(process, milestone_id)


def test_rules_for_one_milestone(db, user, process) -> None:
    other = create_process(db, user, "Et andet forløb")
    foreign = create_session(db, other, title="Andet møde", kind="dialogforum")
    backing = create_round(
        db, process, title="Høring", deadline=datetime(2030, 1, 20), questions=template_questions()
    ).session
    with pytest.raises(ValidationError, match="Skriv handlingen"):
        plan.add_milestone(db, process, when=date(2022, 6, 1), action="  ")
    with pytest.raises(ValidationError, match="højst være 1000 tegn"):
        plan.add_milestone(db, process, when=date(2022, 6, 1), action="x" * 1001)
    for session in (foreign, backing):  # neither is one of this process's meetings
        with pytest.raises(ValidationError, match="hører ikke til dette forløb"):
            plan.add_milestone(
                db, process, when=date(2022, 6, 1), action="A", session_id=session.id
            )
    with pytest.raises(ValidationError, match="Året 9999"):
        plan.add_milestone(db, process, when=date(9999, 1, 1), action="A")
    assert process.milestones == []


def test_timeline_marks_past_next_and_later(db, process) -> None:
    plan.import_plan_rows(db, process, SEED_000_PLAN)
    statuses = [entry.status for entry in plan.timeline(process, date(2022, 6, 20))]
    # June is still going on: both June rows are what happens next
    assert statuses == ["past"] * 5 + ["next", "next"] + ["later"] * 4
    statuses = [entry.status for entry in plan.timeline(process, date(2022, 1, 28))]
    assert statuses == ["past", "next"] + ["later"] * 9
    statuses = [entry.status for entry in plan.timeline(process, date(2022, 1, 29))]
    assert statuses == ["past", "past", "next"] + ["later"] * 8
    assert all(e.status == "past" for e in plan.timeline(process, date(2023, 1, 1)))
    assert plan.timeline(process, date(2021, 1, 1))[0].label == "November 2021"
