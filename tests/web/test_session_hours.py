"""The session form's hours: optional, Danish labels, the end after the start."""

from __future__ import annotations

from datetime import time

from facilitator.sessions.services import ENDS_BEFORE_START


def _edit(facilitator, session, **fields):  # noqa: ANN001, ANN003, ANN202
    return facilitator.post(
        f"/facilitate/sessions/{session.id}/edit",
        {"title": session.title, "kind": session.kind, "date": "2020-02-03", **fields},
    )


def test_hours_are_saved_and_shown_again(db, facilitator, live_session) -> None:
    page = facilitator.get(f"/facilitate/sessions/{live_session.id}/edit").get_data(as_text=True)
    assert "Starttidspunkt (valgfrit)" in page and "Sluttidspunkt (valgfrit)" in page
    assert _edit(facilitator, live_session, starts_at="09:00", ends_at="12:00").status_code == 302
    assert (live_session.starts_at, live_session.ends_at) == (time(9), time(12))
    page = facilitator.get(f"/facilitate/sessions/{live_session.id}/edit").get_data(as_text=True)
    assert 'value="09:00"' in page and 'value="12:00"' in page
    assert _edit(facilitator, live_session).status_code == 302  # both are optional
    assert live_session.starts_at is None and live_session.ends_at is None


def test_end_before_start_gets_a_danish_message(db, facilitator, live_session) -> None:
    response = _edit(facilitator, live_session, starts_at="12:00", ends_at="09:00")
    assert response.status_code == 400
    assert ENDS_BEFORE_START in response.get_data(as_text=True)
    assert live_session.starts_at is None


def test_nonsense_time_is_refused_without_a_500(facilitator, live_session) -> None:
    response = _edit(facilitator, live_session, starts_at="25:99")
    assert response.status_code == 400
    assert "Skriv et klokkeslæt som tt:mm" in response.get_data(as_text=True)
