"""Ending the day from the console (issue 20, point 6): "Afslut session" asks first, with and
without JavaScript; afterwards the console shows the closed state, "Genåbn" and the downloads.
And the favicon every browser asks for."""

from __future__ import annotations

import re
from html import unescape


def _close_url(session) -> str:
    return f"/facilitate/sessions/{session.id}/state/closed"


def test_the_console_offers_to_end_with_a_confirmation(facilitator, live_session) -> None:
    console = f"/facilitate/sessions/{live_session.id}/console"
    page = unescape(facilitator.get(console).get_data(as_text=True))
    link = re.search(
        r'<a class="button danger" href="([^"]+)" data-open-dialog="afslut-dialog">'
        r"Afslut session</a>",
        page,
    )
    assert link and link.group(1).startswith(f"/facilitate/sessions/{live_session.id}/afslut")
    dialog = re.search(r'<dialog id="afslut-dialog".*?</dialog>', page, re.S).group(0)
    assert 'name="confirm" value="1"' in dialog and f'action="{_close_url(live_session)}"' in dialog
    assert "Storskærmen viser afslutningsskærmen" in dialog
    # The same form as a page, for a console without JavaScript.
    confirm = unescape(facilitator.get(link.group(1)).get_data(as_text=True))
    assert "Telefonerne holder op med at tage imod bidrag" in confirm
    assert f'name="back" value="{console}"' in confirm


def test_a_post_without_confirmation_does_not_end_the_session(
    db, facilitator, live_session
) -> None:
    console = f"/facilitate/sessions/{live_session.id}/console"
    response = facilitator.post(_close_url(live_session), {"back": console})
    assert response.status_code == 302 and "/afslut" in response.headers["Location"]
    db.refresh(live_session)
    assert live_session.state == "live"


def test_after_ending_the_console_shows_reopen_and_downloads(db, facilitator, live_session) -> None:
    console = f"/facilitate/sessions/{live_session.id}/console"
    response = facilitator.post(_close_url(live_session), {"back": console, "confirm": "1"})
    assert response.status_code == 302 and response.headers["Location"].endswith(console)
    db.refresh(live_session)
    assert live_session.state == "closed"
    page = unescape(facilitator.get(console).get_data(as_text=True))
    assert "Afslut session" not in page
    closed = re.search(
        r'<section class="card notice closed-session".*?</section>', page, re.S
    ).group(0)
    assert "Sessionen er afsluttet" in closed  # the downloads are right there
    assert f'action="/facilitate/sessions/{live_session.id}/export.docx"' in closed
    assert re.search(r'action="[^"]*/state/live".*?Genåbn', page, re.S)
    assert (
        facilitator.post(
            f"/facilitate/sessions/{live_session.id}/state/live", {"back": console}
        ).status_code
        == 302
    )
    db.refresh(live_session)
    assert live_session.state == "live"


def test_the_favicon_is_served(visitor) -> None:
    response = visitor.get("/favicon.ico")
    assert response.status_code == 302
    icon = visitor.get(response.headers["Location"])
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
    assert '<link rel="icon" href="/static/favicon.svg"' in visitor.get("/").get_data(as_text=True)
