"""Another facilitator's ids answer exactly as missing ones (issue 21, point 5): a 403 for
"exists, not yours" against a 404 for "missing" let ids be enumerated. Admins still see all."""

from __future__ import annotations

import re

NOTICE = re.compile(r'<section class="card notice">.*?</section>', re.S)


def _answer(browser, url: str) -> tuple[int, str]:
    """The status and the page's message (the rest differs by its CSRF token only)."""
    response = browser.get(url)
    return response.status_code, NOTICE.search(response.get_data(as_text=True)).group(0)


def test_others_ids_and_missing_ids_get_the_same_answer(
    db, visitor, live_session, other_user
) -> None:
    visitor.login("bo@region.dk")
    activity = live_session.activities[0]
    for theirs, missing in [
        (f"/facilitate/sessions/{live_session.id}", "/facilitate/sessions/999999"),
        (f"/facilitate/sessions/{live_session.id}/console", "/facilitate/sessions/999999/console"),
        (f"/facilitate/processes/{live_session.process_id}", "/facilitate/processes/999999"),
        (f"/facilitate/activities/{activity.id}/themes", "/facilitate/activities/999999/themes"),
        (f"/screen/{live_session.id}", "/screen/999999"),
    ]:
        status, page = _answer(visitor, theirs)
        assert status == 404, theirs
        assert (status, page) == _answer(visitor, missing), theirs
        assert live_session.title not in page


def test_an_admin_still_opens_everyones_session(db, visitor, live_session, other_user) -> None:
    other_user.is_admin = True
    db.commit()
    visitor.login("bo@region.dk")
    assert visitor.get(f"/facilitate/sessions/{live_session.id}").status_code == 200
    assert visitor.get("/facilitate/sessions/999999").status_code == 404
