"""Nothing that shows contributions or people stays in a shared computer's cache (issue 21,
point 5): every page, answer and download carries Cache-Control: no-store; static files
(CSS, scripts, images) keep caching."""

from __future__ import annotations

from facilitator.activities.services import open_activity
from tests.conftest import Browser


def _no_store(response) -> bool:
    return response.headers.get("Cache-Control") == "no-store"


def test_facilitator_pages_and_downloads_are_not_stored(
    db, user, facilitator, live_session
) -> None:
    user.is_admin = True  # the admin pages too
    db.commit()
    activity = next(a for a in live_session.activities if a.kind == "retningspil")
    open_activity(db, activity)
    urls = [
        "/facilitate/",
        f"/facilitate/processes/{live_session.process_id}",
        f"/facilitate/sessions/{live_session.id}",
        f"/facilitate/sessions/{live_session.id}/console",
        f"/facilitate/activities/{activity.id}/themes",
        f"/facilitate/sessions/{live_session.id}/export.docx",
        f"/facilitate/processes/{live_session.process_id}/export.docx",
        f"/screen/{live_session.id}",
        "/admin/users",
        "/admin/audit",
    ]
    for url in urls:
        response = facilitator.get(url)
        assert response.status_code == 200, url
        assert _no_store(response), url


def test_phone_pages_and_refusals_are_not_stored(app, db, live_session) -> None:
    phone = Browser(app.test_client())
    joined = phone.post(f"/j/{live_session.join_code}", {"group": "andet"})
    assert _no_store(joined)  # the redirect that sets the participant's cookie
    for url in (
        f"/j/{live_session.join_code}?ret=1",
        f"/s/{live_session.join_code}",
        "/facilitate/sessions/999999",
    ):
        assert _no_store(phone.get(url)), url
    anonymous = Browser(app.test_client())
    assert _no_store(anonymous.get(f"/screen/{live_session.id}?t={live_session.screen_token}"))


def test_static_files_keep_caching(visitor) -> None:
    response = visitor.get("/static/css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
