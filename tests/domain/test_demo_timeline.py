"""Issue 23: the demo's rows are dated within the meeting it simulates, not at load time."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import select

from facilitator.cli.demo import build_demo
from facilitator.cli.demo.timeline import spread
from facilitator.contributions.models import Contribution, Endorsement, Participant
from facilitator.core.clock import danish_time
from facilitator.sessions.models import WorkshopSession


def test_spread_is_even_inside_the_window_and_deterministic() -> None:
    start, end = datetime(2022, 6, 10, 7, 0), datetime(2022, 6, 10, 7, 30)
    moments = spread(start, end, 5)
    assert moments == spread(start, end, 5)
    assert [m.minute for m in moments] == [5, 10, 15, 20, 25]
    assert spread(start, end, 0) == []


@pytest.fixture
def demo(db) -> WorkshopSession:  # noqa: ANN001
    return build_demo(db).session


def test_demo_contributions_are_sent_during_the_meeting(db, demo: WorkshopSession) -> None:  # noqa: ANN001
    assert demo.date == date(2022, 6, 10)
    assert demo.starts_at is not None and demo.ends_at is not None
    rows = list(
        db.scalars(
            select(Contribution)
            .where(Contribution.activity_id.in_([a.id for a in demo.activities]))
            .order_by(Contribution.id)
        )
    )
    assert len(rows) > 100
    local = [danish_time(r.created_at) for r in rows]
    assert all(m.date() == demo.date for m in local)
    assert all(demo.starts_at <= m.time() < demo.ends_at for m in local)
    # in agenda order: an activity's rows come after the previous activity's
    order = {a.id: i for i, a in enumerate(demo.activities)}
    by_time = sorted(rows, key=lambda r: r.created_at)
    assert [order[r.activity_id] for r in by_time] == sorted(order[r.activity_id] for r in rows)
    assert len({m.replace(second=0) for m in local}) > 30  # spread over the day, not one minute
    for endorsement in db.scalars(select(Endorsement)):
        assert endorsement.created_at >= endorsement.contribution.created_at
        assert danish_time(endorsement.created_at).time() < demo.ends_at
    for person in db.scalars(select(Participant).where(Participant.session_id == demo.id)):
        joined = danish_time(person.joined_at)
        assert joined.date() == demo.date and time(8, 45) <= joined.time() < demo.starts_at
