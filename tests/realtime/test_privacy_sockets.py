"""Issue 9 item 1 over Socket.IO: with one politician among seven, after "Vis resultater",
nothing a phone or the projector receives names the politician's group or gives their side."""

from __future__ import annotations

from sqlalchemy import select

from facilitator.activities.services import open_activity
from facilitator.contributions.models import Participant
from facilitator.contributions.participants import Profile, join
from facilitator.contributions.services import submit
from facilitator.contributions.validation import Submission
from facilitator.extensions import socketio
from tests.realtime.test_socket_protocol import _events, _screen, _wait_for
from tests.support.privacy_scenario import (
    GIVEAWAYS,
    POLITICIAN_ORGANISATION,
    POLITICIAN_REASON,
    POLITICIAN_STATEMENT,
    assert_breakdown_is_safe,
    assert_labels_hold,
    assert_rows_unlabelled,
    assert_views_cannot_be_subtracted,
    by_group,
    lone_politician,
)


def _politician_phone(app, db, phone, session):
    phone.post(
        f"/j/{session.join_code}", {"group": "politiker", "organisation": POLITICIAN_ORGANISATION}
    )
    politician = db.scalars(select(Participant)).one()
    socket = socketio.test_client(
        app, flask_test_client=phone.client, auth={"role": "participant", "code": session.join_code}
    )
    assert socket.is_connected()
    return politician, socket


def _state(client) -> dict:
    snapshot = client.emit("state:get", callback=True)
    assert snapshot["ok"], snapshot
    return snapshot


def test_snapshots_and_pushes_hide_the_lone_politician(app, db, live_session, phone) -> None:
    politician, own_phone = _politician_phone(app, db, phone, live_session)
    screen = _screen(app, live_session)
    scenario = lone_politician(db, live_session, politician)

    added = _events(screen, "contribution:added")
    assert POLITICIAN_STATEMENT in [c["text"] for c in added]
    assert all("group" not in c for c in added) and not GIVEAWAYS.search(str(added))

    open_activity(db, scenario.dilemma)  # back on the revealed dilemma
    for client in (own_phone, screen):
        snapshot = _state(client)
        results = snapshot["activity"]["results"]
        assert results and [s["count"] for s in results["sides"]] == [6, 1]
        assert_breakdown_is_safe(results)
        assert_rows_unlabelled(results["reasons"], POLITICIAN_REASON)
        assert not GIVEAWAYS.search(str(snapshot))  # the phone's own list has no group either
    assert_breakdown_is_safe(_state(screen)["results"])

    own_phone.get_received()
    own_phone.emit(
        "contribution:submit",
        {
            "activity_id": scenario.dilemma.id,
            "client_id": "borgmester-igen",
            "side": 1,
            "text": POLITICIAN_REASON,
        },
        callback=True,
    )
    for client in (own_phone, screen):
        updates = _wait_for(client, "results:updated")
        for update in updates:
            assert_breakdown_is_safe(update)
            assert_rows_unlabelled(update["reasons"], POLITICIAN_REASON)
            assert not GIVEAWAYS.search(str(update))


def test_a_late_embedsperson_changes_no_pushed_row(app, db, live_session, phone) -> None:
    """Issue 21 over Socket.IO: the projector's view before and after a fourth Embedsperson
    votes while results are live cannot be subtracted to give the politician's side."""
    politician, _ = _politician_phone(app, db, phone, live_session)
    screen = _screen(app, live_session)
    scenario = lone_politician(db, live_session, politician)
    open_activity(db, scenario.dilemma)
    before = _state(screen)["results"]
    late = join(db, live_session, "sen-embedsperson" * 2, Profile(group="embedsperson"))
    screen.get_received()
    submit(db, late, scenario.dilemma, Submission("sen-stemme", "Sent svar", side=0))
    for after in [*_wait_for(screen, "results:updated"), _state(screen)["results"]]:
        assert_views_cannot_be_subtracted(before, after)
        assert by_group(after) == by_group(before)
        assert_labels_hold(before["reasons"], after["reasons"])
        assert_rows_unlabelled(after["reasons"], POLITICIAN_REASON)
