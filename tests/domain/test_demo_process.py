"""The demo shows the whole process (issue 12, item 4): seed 000's plan with the visionsdag in
it, a finished written consultation round with answers from several municipalities, and the
initiatives DAS follows up with their history."""

from __future__ import annotations

from datetime import datetime

import pytest

from facilitator.cli.demo import build_demo
from facilitator.clustering.models import Cluster
from facilitator.consultations.services import answered, is_open, waiting
from facilitator.contributions.models import Contribution
from facilitator.followup.overview import overview_of
from facilitator.followup.services import title_from
from facilitator.processes.models import Process


@pytest.fixture
def demo_process(db) -> Process:  # noqa: ANN001
    """Loaded twice, as `facilitator demo` run again: the second replaces the first whole."""
    build_demo(db)
    session = build_demo(db).session
    db.expire_all()  # read back what was saved, not what the builder holds in memory
    [process] = db.query(Process).all()
    assert process.id == session.process_id
    return process


def test_demo_process_has_plan_round_and_follow_up(db, demo_process: Process) -> None:  # noqa: ANN001
    process = demo_process
    [visionsdag] = process.meetings

    # The plan: seed 000's rows in date order, the dialogue forum being the visionsdag.
    plan = process.milestones
    assert len(plan) >= 10
    assert [m.when for m in plan] == sorted(m.when for m in plan)
    linked = [m for m in plan if m.session_id is not None]
    assert [(m.session_id, m.when, m.forum) for m in linked] == [
        (visionsdag.id, visionsdag.date, "Socialpolitisk Dialogforum")
    ]

    # The round: past its deadline, before the visionsdag; answered by several municipalities.
    [round_] = process.consultation_rounds
    assert not is_open(round_, datetime.now()) and round_.deadline.date() < visionsdag.date
    done = answered(round_)
    assert len(done) >= 5 and len({i.organisation for i in done}) >= 5
    assert all(round_.created_at < i.submitted_at <= round_.deadline for i in done)
    assert any(not answer.text for i in done for answer in i.answers)  # some left blanks
    drafts = [i for i in waiting(round_) if i.answers]
    assert len(drafts) == 1 and any(a.text for a in drafts[0].answers)
    assert drafts[0].participant_id is None  # a draft is never shared
    assert len(round_.invitations) == 2 * len(process.organisations)

    # Each answer's points are contributions of the round's questions, sorted into themes.
    by_body = {i.participant_id: i for i in done}
    for question in round_.questions:
        rows = db.query(Contribution).filter_by(activity_id=question.activity_id).all()
        assert len({row.participant_id for row in rows}) >= 4, question.text
        assert {row.participant_id for row in rows} <= set(by_body)
        assert all(row.cluster_id is not None for row in rows), question.text
        themes = db.query(Cluster).filter_by(activity_id=question.activity_id).all()
        assert len(themes) >= 3 and all(
            any(row.cluster_id == theme.id for row in rows) for theme in themes
        )
    assert {q.focus_area_id for q in round_.questions} >= {a.id for a in process.focus_areas}

    # Follow-up: the visionsdag's highlighted initiatives, across the focus areas, with history.
    tracked = process.tracked_initiatives
    assert 6 <= len(tracked) <= 10
    assert {i.focus_area_id for i in tracked} == {a.id for a in process.focus_areas}
    for initiative in tracked:
        source = db.get(Contribution, initiative.source_contribution_id)
        assert source.highlighted and title_from(source.text) == initiative.title
        assert initiative.source_session_id == visionsdag.id
        assert initiative.carried_by and initiative.expected_forum and initiative.expected_on
        assert 1 <= len(initiative.history) <= 3
        assert initiative.status == initiative.history[-1].status
        assert all(change.changed_at.date() > visionsdag.date for change in initiative.history)
    assert any(len(initiative.history) > 1 for initiative in tracked)
    # Seed 003's stages and the status report's own parts.
    assert {i.stage for i in tracked} >= {"ongoing", "done", "waiting"}
    overview = overview_of(process)
    assert overview is not None and overview.overall.count("\n- ") >= 2
    assert overview.meeting_on is not None
    assert overview.meeting_on > max(c.changed_at.date() for i in tracked for c in i.history)
