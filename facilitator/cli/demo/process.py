"""The demo's process around the visionsdag (issue 12): seed 000's process plan, a finished
written consultation round with several committees' answers, and the initiatives DAS follows
up. Built through the same services a secretariat uses, dated as it happened in 2022-2023."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy import select

from facilitator.accounts.models import User
from facilitator.activities.models import Activity
from facilitator.cli.demo import consultation_data as hearing
from facilitator.cli.demo import data
from facilitator.clustering.curation import delete_cluster, move_contribution
from facilitator.clustering.headings import add_headings
from facilitator.clustering.models import Cluster
from facilitator.consultations.invitations import invite
from facilitator.consultations.models import ConsultationRound
from facilitator.consultations.services import (
    QuestionSpec,
    create_round,
    deadline_from_local,
    save_draft,
    submit_answers,
    suggested_bodies,
    template_questions,
)
from facilitator.contributions.models import Contribution
from facilitator.core.db import DbSession
from facilitator.followup.overview import save_overview
from facilitator.followup.services import (
    InitiativeFields,
    actor_name,
    add_initiative,
    change_status,
    title_from,
)
from facilitator.processes.models import Process
from facilitator.processes.plan import import_plan_rows, update_milestone
from facilitator.sessions.models import WorkshopSession


def add_process_story(db: DbSession, user: User, visionsdag: WorkshopSession) -> ConsultationRound:
    """Plan, consultation round and follow-up for the visionsdag's process."""
    process = visionsdag.process
    add_plan(db, process, visionsdag)
    round_ = add_consultation(db, process)
    add_follow_up(db, process, visionsdag, actor_name(user))
    return round_


def add_plan(db: DbSession, process: Process, visionsdag: WorkshopSession) -> None:
    """Seed 000's table, pasted as a secretariat would; its dialogue forum is the visionsdag."""
    import_plan_rows(db, process, data.PROCESS_PLAN)
    forum = next(m for m in process.milestones if m.forum == data.VISIONSDAG_FORUM)
    assert visionsdag.date is not None
    update_milestone(
        db,
        forum,
        when=visionsdag.date,
        precision="day",
        forum=forum.forum,
        action=forum.action,
        session_id=visionsdag.id,
    )


def _questions(process: Process) -> list[QuestionSpec]:
    """Seed 001's egenmestring and collaboration questions, then one per focus area."""
    template = template_questions()
    return [
        template[0],
        template[2],
        *(
            QuestionSpec(hearing.FOCUS_AREA_QUESTIONS[area.name], area.id)
            for area in process.focus_areas
        ),
    ]


def add_consultation(db: DbSession, process: Process) -> ConsultationRound:
    """A round sent in April 2022 with a deadline in May: seven bodies answered in time, one
    only saved a draft. Then the secretariat sorts each question's answers under its own
    headings. Placed by hand, not grouped first: every point has its heading, and grouping
    five questions doubled the time this step adds to `facilitator demo`."""
    round_ = create_round(
        db,
        process,
        title=hearing.ROUND_TITLE,
        intro=hearing.ROUND_INTRO,
        deadline=deadline_from_local(hearing.DEADLINE_DAY),
        questions=_questions(process),
        now=hearing.SENT_ON,
    )
    invitations = {
        (i.body, i.organisation): i for i in invite(db, round_, suggested_bodies(process))
    }
    round_.created_at = hearing.SENT_ON  # sent then, not when the demo was loaded
    for invitation in invitations.values():
        invitation.created_at = hearing.SENT_ON
    db.commit()
    question_ids = [question.id for question in round_.questions]
    for n, (key, texts) in enumerate(hearing.ANSWERS.items()):
        # Spread over the weeks before the deadline, as the committees' meetings fall.
        after = timedelta(days=12 + 3 * n, hours=(5 * n) % 8, minutes=7 * n)
        submit_answers(
            db,
            invitations[key],
            dict(zip(question_ids, texts, strict=True)),
            now=hearing.SENT_ON + after,
        )
    key, texts = hearing.DRAFT
    save_draft(
        db,
        invitations[key],
        dict(zip(question_ids, texts, strict=True)),
        now=hearing.SENT_ON + timedelta(days=27),
    )
    for question, themes in zip(round_.questions, hearing.THEMES, strict=True):
        add_headings(db, question.activity, themes)
        sort_into_themes(db, question.activity, _placer(themes))
    return round_


def _placer(themes: dict[str, tuple[str, ...]]) -> Callable[[str], str | None]:
    """The heading whose phrases occur in a statement (demo_consultation_data.THEMES)."""

    def heading_for(text: str) -> str | None:
        return next(
            (
                heading
                for heading, phrases in themes.items()
                if any(phrase in text for phrase in phrases)
            ),
            None,
        )

    return heading_for


def sort_into_themes(
    db: DbSession, activity: Activity, heading_for: Callable[[str], str | None]
) -> list[Contribution]:
    """What a secretary does after "Gruppér" on the themes page: "Flyt" each statement that
    `heading_for` places under another heading, then "Fjern tema" for the generated themes the
    moves emptied. Returns the activity's visible statements."""
    rows = list(
        db.scalars(
            select(Contribution).where(
                Contribution.activity_id == activity.id,
                Contribution.hidden.is_(False),
                Contribution.superseded.is_(False),
                Contribution.text != "",
            )
        )
    )
    themes = {
        c.label: c for c in db.scalars(select(Cluster).where(Cluster.activity_id == activity.id))
    }
    for row in rows:
        heading = heading_for(row.text)
        if heading in themes and row.cluster_id != themes[heading].id:
            move_contribution(db, row, themes[heading])
    for theme in themes.values():
        if not theme.pinned and not any(row.cluster_id == theme.id for row in rows):
            delete_cluster(db, theme)
    return rows


def add_follow_up(db: DbSession, process: Process, visionsdag: WorkshopSession, by: str) -> None:
    """The visionsdag's highlighted initiatives DAS follows, each with its status history and
    stage; the status report's "Overordnet samarbejde" and the DAS meeting it is for."""
    proposals = {
        row.text: row
        for row in db.scalars(
            select(Contribution)
            .join(Activity, Contribution.activity_id == Activity.id)
            .where(
                Activity.session_id == visionsdag.id,
                Activity.kind == "initiative",
                Contribution.highlighted.is_(True),
            )
        )
    }
    for title, carried_by, forum, (year, month), history, stage in data.FOLLOW_UP:
        source = proposals[title]
        initiative = add_initiative(
            db,
            process,
            InitiativeFields(
                title=title_from(title),
                focus_area_id=source.activity.focus_area_id,
                carried_by=carried_by,
                expected_forum=forum,
                expected_on=date(year, month, 1),
            ),
            stage=stage,
            by=by,
            source=source,
        )
        for (y, m, d), status in history:
            change_status(db, initiative, status, by=by, at=datetime(y, m, d, 10, 0))
    save_overview(db, process, overall=data.STATUS_OVERALL, meeting_on=date(*data.STATUS_MEETING))
